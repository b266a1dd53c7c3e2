"""Parse cache: a page's Liquid + markdown result, reused while nothing it depends on changed.

A result depends on the page file (front matter, body, output path), the include files it used
(by content), the configuration, the data files and the list of include names (a new include can
shadow an old one), specsite's own code (`fingerprint.py`), and — only for pages whose Liquid reads
`site.pages` & co. (in its body or an include) — every page's front matter, and their bodies when
it reads what is made of them; a page whose Liquid reads the clock is not kept. The same file
holds a Jekyll-layout site's rendered pages (build/render_cache.py says what each depends on).
The cache lives in memory for `serve` and on disk
(`.specsite-cache/parse.pickle`) for `build`; it is safe to delete.

The source folder is untrusted (a pull request can commit a `.specsite-cache/`), and unpickling
runs code: the file is signed with a key that lives outside the source, in the user's cache
folder, and a file whose signature does not verify is never unpickled.
"""
from __future__ import annotations

import gc
import os
import re
import time
from pathlib import Path

from typing import NamedTuple

from . import cache_file
from .cache_file import Blobs, Unsigned, pickle
from .digests import blake2b
from .discover.model import static_stamps
from .fingerprint import code_fingerprint
from .liquid_reads import clock_in, liquid_of, prints_page_whole, reads_other_pages
from .outputs import Text
from .safety import inside, kind
from .secret import signing_key as _key
from .yaml_memo import YamlMemo

# Liquid that can see other pages: site.pages, site.posts, a collection (site.<name>), a
# document's page.previous/next, the {% link %} / {% post_url %} tags. Such a page (its body or an include it renders) is parsed
# again when any page's front matter changes, or any page's body when its Liquid also names
# what is made of a body (content, excerpt, output, a page dumped whole by jsonify/inspect)
# or may print a page whole ({{ post }}: liquid_reads.prints_page_whole).
_SITE_WIDE = re.compile(r"site\.[a-z_]|\bpage\s*\.\s*(?:previous|next)\b|\{%-?\s*(?:link|post_url)\b|paginator")
_READS_BODIES = re.compile(r"\b(?:content|excerpt|output|jsonify|inspect)\b")
FORMAT = 14  # 14: BLAKE2b digests; 13: loaded YAML (yaml_memo.py), copied files' keys; 12: a render keeps its page's text key
_UNSIGNED = ("the parse cache was not written by specsite for this user on this machine (or was changed "
             "since); what does not verify is ignored and not unpickled")
MAX_HIGHLIGHTS = 20000  # blocks edited away pile up: start afresh past this


class Entry(NamedTuple):
    """What a page's cached parse was made from, and the result (a parse.ParseResult)."""

    page_digest: bytes
    global_digest: bytes
    site_wide: int  # its Liquid reads other pages: 1 their front matter, 2 their bodies too
    pages_digest: bytes
    includes: tuple  # (path, digest of its content)
    result: tuple
    result_digest: bytes = b""  # of the HTML, links and ids: the render cache's key has it


def _reads(text: str, liquid: str) -> int:
    """0: Liquid that sees no other page; 1: their front matter; 2: their bodies too. `liquid`:
    liquid_of(text)."""
    if not _SITE_WIDE.search(text) and not reads_other_pages(liquid):
        return 0
    return 2 if _READS_BODIES.search(liquid) or prints_page_whole(liquid) else 1


def _digest(*parts) -> bytes:
    """16 bytes of BLAKE2b (builtin: OpenSSL's SHA-256 hashes faster, but loading OpenSSL costs
    more than the ~125 KB a one-page edit hashes here; a first build hashes ~3 MB: +1.5 ms)."""
    h = blake2b(digest_size=16)
    for part in parts:
        h.update(part if isinstance(part, bytes) else pickle.dumps(part, protocol=4))
    return h.digest()


def _page_digest(page, text: bytes | None = None) -> bytes:
    """`text`: the digest of the text of the page's file, which its body was split from (the
    front-matter memo's: not hashed again), or None (the body is hashed)."""
    return _digest(page.rel, page.url, page.markdown, sorted((str(k), repr(v)) for k, v in page.meta.items()),
                   page.body if text is None else (b"text", text), page.body_line)


class ParseCache:
    def __init__(self, path: Path | None = None):
        self.path = path
        self.entries = Blobs()  # rel -> Entry (unpickled from the file when first asked for)
        self.objects: dict = {}  # rel -> ParsedPage, in memory only (serve): no rebuilding from tuples
        self._page_digests: dict = {}  # rel -> (page object, digest), this process only
        self._results: dict = {}  # rel -> (HTML, result digest) of this build's parse results
        self._got: dict = {}  # rel -> (page object, what get() answered), this build
        self.rendered: dict = {}  # {"out": folder, "keys": {output path: render key}} of the last write
        self.renders = Blobs()  # rel -> (key, reads, page) of a Jekyll-layout page (build/render_cache.py)
        self.rendered_now: tuple = ()  # the pages the last build rendered rather than reused
        self.links: dict = {}  # {"index": digest, "pages": {rel: (key, findings)}} (build/check_cache.py)
        self._index_digest = b""
        self.checked_now: tuple = ()  # the pages whose links the last build checked rather than reused
        self.global_digest = b""
        self._sources = None
        self._root = None
        self._pages_digests: dict = {}  # level (1, 2) -> digest, this build
        self._file_digests: dict = {}
        self.hits = self.misses = 0
        self.dirty = False
        self.rejected: str | None = None  # why a cache file on disk was not used (a warning)
        self._segments: tuple = ()  # the segment files the entries and renders were read from (cache_file.py)
        self.splits: dict = {}  # front matter of the files the last build read (frontmatter.FrontMatterMemo.known)
        self.bodies: dict = {}  # the digests of the texts bodies were split from (FrontMatterMemo.bodies)
        # code blocks highlighted by the last builds, (lang, code) -> HTML (highlight.Highlighter's
        # memo), with the stamp of the Pygments that made them: an edited page whose code is as it
        # was is parsed without loading Pygments
        self.highlights: tuple = (None, {})
        self.yaml = YamlMemo()  # _config.yml and _data files as the last build loaded them
        self.copies: dict = {}  # a copied file's path -> (its stamp, the key of its content): output_keys
        if path is not None:
            self._load()

    # -- per build ---------------------------------------------------------------------
    def begin(self, config, sources, highlighter=None):
        """Compute what every entry is checked against, once per build; `highlighter` (the build's
        highlight.Highlighter) starts with the blocks the last builds highlighted."""
        if highlighter is not None:
            stamp, known = self.highlights
            current = _pygments_stamp()
            memo = highlighter.remembered()
            if known and stamp == current:
                for key, value in known.items():
                    memo.setdefault(key, value)
            self.highlights = (current, memo)  # the memo itself: what this build highlights joins it
        self._file_digests = {}
        self._results = {}
        self._got = {}
        includes = sorted(str(p) for d in sources.include_dirs for p in Path(d).rglob("*") if p.is_file())
        config_text = b""
        if config.config_file:
            config_text = (config.source / config.config_file).read_bytes()
        data = sorted(sources.data_files.values())
        data_bytes = [(rel, (config.source / rel).read_bytes()) for rel in data]
        self.global_digest = _digest(code_fingerprint(), config_text, data_bytes, includes,
                                     config.drafts)
        self._sources, self._root = sources, config.source
        self._pages_digests = {}  # computed only if a page reads site.pages & co.
        self.hits = self.misses = 0

    def pages_digest(self, level: int) -> bytes:
        """What Liquid can read of other pages: every page's and document's path, URL and front
        matter, the static files (path, URL, time: site.static_files); at level 2 their bodies."""
        known = self._pages_digests.get(level)
        if known is None:
            h = blake2b(digest_size=16)
            pages = list(self._sources.pages) + list(getattr(self._sources, "documents", ()))
            for page in sorted(pages, key=lambda p: p.rel):
                # repr, not pickle: pickle's bytes depend on which equal strings are one object
                row = repr((page.rel, page.url, sorted((str(k), repr(v)) for k, v in page.meta.items())))
                for part in (row, page.body if level > 1 else ""):
                    data = part.encode("utf-8", "surrogatepass")
                    h.update(len(data).to_bytes(8, "little"))
                    h.update(data)
            statics = static_stamps(self._sources.statics, self._root)
            h.update(repr(sorted(statics, key=repr)).encode("utf-8", "surrogatepass"))
            known = self._pages_digests[level] = h.digest()
        return known

    def _file(self, path: str) -> bytes:
        """The digest of an include (all a cached page's check needs of it)."""
        known = self._file_digests.get(path)
        if known is None:
            try:
                data = Path(path).read_bytes()
            except OSError:
                known = (b"missing", (b"missing", 0, False))
            else:
                known = (_digest(data), data)
            self._file_digests[path] = known
        return known[0]

    def _file_info(self, path: str) -> tuple:
        """(digest, the level of other pages its Liquid reads (see _reads), whether it reads the
        clock) of an include: read from its text when a page that used it is kept (put), not
        when a kept page is checked (those patterns over every include: 7 ms of an edit of a GP
        Connect site)."""
        self._file(path)
        digest, info = self._file_digests[path]
        if type(info) is bytes:
            text = info.decode("utf-8", "replace")
            liquid = liquid_of(text)
            info = (digest, _reads(text, liquid), clock_in(liquid))
            self._file_digests[path] = (digest, info)
        return info

    def page_digest(self, page) -> bytes:
        """_page_digest, computed once per page object (get() then put() on a miss; renders)."""
        known = self._page_digests.get(page.rel)
        if known is None or known[0] is not page:
            split = self.bodies.get(id(page.body))
            text = split[1] if split is not None and split[0] is page.body else None
            known = self._page_digests[page.rel] = (page, _page_digest(page, text))
        return known[1]

    def get(self, page):
        """The page's cached result (a ParseResult, or its ParsedPage kept in memory), or None;
        answered once per page object and build (the build asks before it decides on a worker)."""
        known = self._got.get(page.rel)
        if known is not None and known[0] is page:
            return known[1]
        result = self._got_now(page)
        self._got[page.rel] = (page, result)
        return result

    def _verified(self, blobs: Blobs, rel: str):
        """blobs.get(rel); None for a value whose bytes do not verify (never unpickled: reported,
        and made again)."""
        try:
            return blobs.get(rel)
        except Unsigned:
            self.rejected, self.dirty = _UNSIGNED, True
            return None

    def _got_now(self, page):
        entry = self._verified(self.entries, page.rel)
        if entry is None:
            self.misses += 1
            self.dirty = True
            return None
        if (entry.page_digest != self.page_digest(page) or entry.global_digest != self.global_digest
                or (entry.site_wide and entry.pages_digest != self.pages_digest(entry.site_wide))
                or any(self._file(path) != d for path, d in entry.includes)):
            self.misses += 1
            self.dirty = True
            return None
        self.hits += 1
        self._results[page.rel] = (entry.result.html, entry.result_digest)
        return self.objects.get(page.rel) or entry.result

    def put(self, page, result, parsed=None):
        """`result`: the page's parse.ParseResult; `parsed`: its ParsedPage, kept in memory."""
        liquid = liquid_of(page.body)
        if clock_in(liquid) or any(self._file_info(path)[2] for path in result.includes):
            self._got.pop(page.rel, None)
            self.entries.pop(page.rel)
            self.objects.pop(page.rel, None)
            return
        self._got.pop(page.rel, None)
        if parsed is not None:
            self.objects[page.rel] = parsed
        site_wide = max([_reads(page.body, liquid)] + [self._file_info(path)[1] for path in result.includes])
        digest = _result_digest(result.html, result.links, result.anchors)
        self._results[page.rel] = (result.html, digest)
        self.entries[page.rel] = Entry(self.page_digest(page), self.global_digest, site_wide,
                                       self.pages_digest(site_wide) if site_wide else b"",
                                       tuple((path, self._file(path)) for path in result.includes), result, digest)

    # -- rendered Jekyll-layout pages (build/render_cache.py decides what they read) -------
    def render_global(self, config, sources, layouts: dict, data) -> bytes:
        """What every page's render reads besides its own templates: the parse's global digest
        (code, configuration, data, include names), the layout names, the Ruby plugins folder,
        JEKYLL_ENV, and `site.data` when releases added their sidebar to it."""
        plugins_dir = config.source / str(config.site.get("plugins_dir") or "_plugins")
        plugins = [(str(p), p.read_bytes()) for p in sorted(plugins_dir.rglob("*")) if p.is_file()] \
            if plugins_dir.is_dir() else []
        listing = repr((sorted((name, layout.rel) for name, layout in layouts.items()),
                        os.environ.get("JEKYLL_ENV") or "", data if data is not sources.data else None))
        return _digest(self.global_digest, listing.encode("utf-8", "surrogatepass"),
                       *(part for path, content in plugins for part in (path.encode("utf-8", "surrogatepass"), content)))

    def render_key(self, global_digest: bytes, parsed) -> bytes:
        """The page's source and parse result under `global_digest`; the result's digest is the
        one its parse-cache entry holds when the page came from that entry (same HTML object)."""
        known = self._results.get(parsed.source.rel)
        if known is not None and known[0] is parsed.html:
            result = known[1]
        else:
            result = _result_digest(parsed.html, _rows(parsed.links), _rows(parsed.anchors))
        return _digest(global_digest, self.page_digest(parsed.source), result)

    def rendered_page(self, rel: str, key: bytes, unchanged):
        """The page rendered under `key`, if `unchanged(reads)` says what it read is as it was."""
        entry = self._verified(self.renders, rel)
        if entry is None or entry[0] != key or not unchanged(entry[1]):
            return None
        return entry[2]

    def put_rendered(self, rel: str, key: bytes, reads, page):
        self.renders[rel] = (key, reads, page)
        self.dirty = True

    def keep_rendered(self, rels):
        keep = set(rels)
        for rel in [rel for rel in self.renders if rel not in keep]:
            self.renders.pop(rel)
            self.dirty = True

    # -- link findings of the pages (build/check_cache.py) ----------------------------------
    def link_findings(self, index_digest: bytes) -> dict:
        """{rel: (key, findings)} of the last build, if the site's index was the same."""
        self._index_digest = index_digest
        return self.links.get("pages", {}) if self.links.get("index") == index_digest else {}

    def keep_link_findings(self, kept: dict):
        links = {"index": self._index_digest, "pages": kept, "layout": self.links.get("layout")}
        if links != self.links:
            self.links = links
            self.dirty = True

    def layout_findings(self, key: bytes):
        """The findings of the layouts' links the last build kept under `key`, or None."""
        kept = self.links.get("layout")
        return kept[1] if kept is not None and kept[0] == key else None

    def keep_layout_findings(self, key: bytes, findings: tuple):
        if self.links.get("layout") != (key, findings):
            self.links = {**self.links, "layout": (key, findings)}
            self.dirty = True

    def render_keys(self, out: Path) -> dict:
        """{output path: (key, size, mtime_ns)} of the files the last build wrote (see
        output_keys), if it wrote to `out` (another folder may hold older files)."""
        return self.rendered.get("keys", {}) if self.rendered.get("out") == str(out) else {}

    def set_render_keys(self, out: Path, keys: dict):
        rendered = {"out": str(out), "keys": dict(keys)}
        if rendered != self.rendered:
            self.rendered = rendered
            self.dirty = True

    def prune(self, rels):
        keep = set(rels)
        for rel in list(self.entries):
            if rel not in keep:
                self.entries.pop(rel)
                self.objects.pop(rel, None)
                self.dirty = True

    # -- disk ------------------------------------------------------------------------------
    def _load(self):
        """Read the disk cache, only if its signature verifies: nothing unsigned is unpickled."""
        self.dirty = True
        if not self._own_folder() or kind(self.path) != "file":
            if kind(self.path) != "missing":
                self.rejected = ("the parse cache is not a regular file inside the source folder (a symlink "
                                 "or a special file); it is not read")
            return
        try:
            data = self.path.read_bytes()
        except OSError:
            return
        collecting = gc.isenabled()
        gc.disable()  # thousands of tuples: the collector would walk them again and again
        try:
            stored = cache_file.read(data, self.path.parent, _key(create=False))
            if stored is None:  # a segment gone (another build's): rebuilt
                return
            header, splits, rendered, links, highlights, yaml, copies = stored.head
            entries, renders = stored.sections["entries"], stored.sections["renders"]
        except cache_file.Unsigned:
            self.rejected = _UNSIGNED
            return
        except Exception:  # noqa: BLE001 - a signed file from an older specsite: rebuild it
            return
        finally:
            if collecting:
                gc.freeze()  # kept values: into the oldest generation unexamined (see commands/args.loading)
                gc.unfreeze()
                gc.enable()
        if header == (FORMAT, code_fingerprint()):
            self.entries = entries
            self.rendered = rendered
            self.renders = renders
            self.links = links
            self.splits = splits  # front matter of unchanged files is not parsed again (Session.begin)
            self.highlights = highlights
            self.yaml = YamlMemo(yaml)
            self.copies = copies
            self._segments = stored.segments
            self.dirty = False

    def _own_folder(self) -> bool:
        """The cache folder is a real folder of the source (a committed symlink could point it
        at any file on the machine)."""
        folder = self.path.parent
        return not folder.is_symlink() and inside(folder, folder.parent)

    def save(self, front_matter=None):
        """Write the cache, with the front matter `front_matter` (a FrontMatterMemo) split."""
        if self.path is None or not (self.dirty or self.yaml.added) and self.path.is_file():
            return
        key = _key(create=True)
        if key is None:
            return  # no private place for a key: build without a disk cache
        splits = front_matter.kept() if front_matter is not None else {}
        try:
            stamp, highlights = self.highlights
            highlights = (stamp, highlights if len(highlights) <= MAX_HIGHLIGHTS else {})
            head = ((FORMAT, code_fingerprint()), splits, self.rendered, self.links, highlights, self.yaml.used,
                    self.copies)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if not self._own_folder():
                return  # .specsite-cache is a symlink leading out of the source: write nothing there
            cache_file.write(self.path, key, head, {"entries": self.entries, "renders": self.renders},
                             self._segments)
        except (OSError, pickle.PicklingError, RecursionError):
            pass  # a read-only source: the build works, only without a cache


def text_key(value: str) -> bytes:
    """The key of a text written as it is (output_keys: equal keys, equal files)."""
    return _digest(b"text", value.encode("utf-8", "surrogatepass"))


def _pygments_stamp():
    """Which Pygments highlighted (the size and time of its package file, found without importing
    it): another version may split code into other spans."""
    import importlib.util
    try:
        spec = importlib.util.find_spec("pygments")
        stat = os.stat(spec.origin)
    except (ImportError, ValueError, TypeError, OSError):
        return None
    return spec.origin, stat.st_size, stat.st_mtime_ns


def _rows(items) -> tuple:
    """Links or anchors (named tuples) as the plain tuples a ParseResult holds (their repr is
    part of a digest)."""
    return tuple(map(tuple, items))


def _result_digest(html: str, links: tuple, anchors: tuple) -> bytes:
    # repr, not pickle: pickle's bytes depend on which equal strings are one object
    return _digest(html.encode("utf-8", "surrogatepass"),
                   repr((tuple(links), tuple(anchors))).encode("utf-8", "surrogatepass"))


def render_keys(site, theme_dir: Path) -> dict:
    """output path -> a key of everything its rendered HTML depends on: the page (body, front
    matter, headings) and what every page shows (templates, navigation data, the page list that
    sidebars, tags and search are made of, releases, configuration)."""
    template_files = []
    for base in list(site.sources.template_dirs) + [theme_dir / "templates"]:
        template_files += [(str(p), p.read_bytes()) for p in sorted(Path(base).rglob("*")) if p.is_file()]
    config = site.config
    config_text = (config.source / config.config_file).read_bytes() if config.config_file else b""
    data = [(rel, (config.source / rel).read_bytes()) for rel in sorted(site.sources.data_files.values())]
    listing = sorted((p.source.url, repr(p.source.meta.get("title")), repr(p.source.meta.get("tags")),
                      repr(p.source.meta.get("sidebar"))) for p in site.pages)
    releases = [(r.version, r.status, repr(r.date), [(e.rel, e.title, e.tickets, e.pages_changed)
                                                    for e in r.entries]) for r in site.releases]
    site_wide = _digest(code_fingerprint(), template_files, config_text, data, listing, releases, config.drafts)
    keys = {}
    for parsed in site.pages:
        if parsed.source.rel.startswith("<generated>"):
            continue  # index, tickets and tags pages are cheap and depend on everything
        meta = sorted((str(k), repr(v)) for k, v in parsed.source.meta.items())
        keys[parsed.source.url] = _digest(site_wide, parsed.source.rel, meta, parsed.html.encode("utf-8"),
                                          [(h.level, h.id, h.text) for h in parsed.headings])
    return keys


def output_keys(site, theme_dir: Path, cache=None) -> dict:
    """output path -> a key of what is written there: a theme page's render key (it is not
    rendered yet: the key of what it is made of), the digest of a text already made, the digest
    of the content of a file that is copied. Equal keys, equal files (the write reuses them).
    With `cache` (a ParseCache), a copied file whose stamp is the one the last build hashed
    keeps its key (see _copy_key)."""
    pages = None
    keys = {}
    known, used = (cache.copies if cache is not None else {}), {}
    for url, content in site.outputs.items():
        if content.deferred:
            if pages is None:
                pages = render_keys(site, theme_dir)
            key = pages.get(url)
        elif isinstance(content, Text):
            key = content.digest or text_key(content.value)
        elif content.made_when_written:  # the search index, made when written: the key of what it is made of
            key = _digest(b"stream", code_fingerprint(), content.key()) if content.key is not None else None
        else:
            key = _copy_key(content, known, used)
        if key is not None:
            keys[url] = key
    if cache is not None and used != known:
        cache.copies = used
        cache.dirty = True
    return keys


_RACY_NS = 2_000_000_000  # a file changed this recently may change again within its timestamps' tick


def _copy_key(content, known: dict, used: dict) -> bytes | None:
    """The digest of a copied file's content; the one the last build made while the file's
    stamp (size, modification and change times in ns, inode, device) is the one it had then.
    Any write sets the change time (which no tool sets back) to the time of the write: a file
    changed since has another stamp. A stamp is kept only when the file had not changed for
    two seconds when it was read (a write within the same tick of the clock could keep all of
    it: git's racy files). A site's images and scripts are not read and hashed again at every
    build (a GP Connect site: 156 files, 5.7 MB, 5.5 ms of every edit's build)."""
    path = os.fspath(content.path)
    try:
        stat = os.stat(path)
        stamp = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev)
        kept = known.get(path)
        if kept is not None and kept[0] == stamp:
            used[path] = kept
            return kept[1]
        now = time.time_ns()
        key = _digest(b"file", content.data())
    except OSError:
        return None
    if now - max(stat.st_mtime_ns, stat.st_ctime_ns) > _RACY_NS:
        used[path] = (stamp, key)
    return key
