"""How a cached value is judged fresh: the digests of what a page's parse, render and link findings
were made of, computed for each build (`BuildKeys`) and compared with those a kept `Entry` holds;
and the key of what a build writes at each output path (output_keys): equal keys, equal files, so
the write keeps a file of the last build whose key it has (build._reusable).

A parse depends on the page file (front matter, body, output path), the include files it used
(by content), the configuration, the data files and the list of include names (a new include can
shadow an old one), specsite's own code (`fingerprint.py`), and — only for pages whose Liquid reads
`site.pages` & co. (in its body or an include) — every page's front matter, and their bodies when
it reads what is made of them; a page whose Liquid reads the clock is not kept (`BuildKeys.entry`).
cache.py stores the entries; build/render_cache.py says what a render depends on.
"""
from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import NamedTuple

from .cache_file import pickle
from .digests import blake2b
from .discover.model import static_stamps
from .fingerprint import code_fingerprint
from .liquid_reads import clock_in, liquid_of, prints_page_whole, reads_other_pages
from .outputs import Text

# Liquid that can see other pages: site.pages, site.posts, a collection (site.<name>), a
# document's page.previous/next, the {% link %} / {% post_url %} tags. Such a page (its body or an include it renders) is parsed
# again when any page's front matter changes, or any page's body when its Liquid also names
# what is made of a body (content, excerpt, output, a page dumped whole by jsonify/inspect)
# or may print a page whole ({{ post }}: liquid_reads.prints_page_whole).
_SITE_WIDE = re.compile(r"site\.[a-z_]|\bpage\s*\.\s*(?:previous|next)\b|\{%-?\s*(?:link|post_url)\b|paginator")
_READS_BODIES = re.compile(r"\b(?:content|excerpt|output|jsonify|inspect)\b")


class Entry(NamedTuple):
    """What a page's cached parse was made from, and the result (a parse.ParseResult)."""

    page_digest: bytes
    global_digest: bytes
    site_wide: int  # its Liquid reads other pages: 1 their front matter, 2 their bodies too
    pages_digest: bytes
    includes: tuple  # (path, digest of its content)
    result: tuple
    result_digest: bytes = b""  # of the HTML, links and ids: the render cache's key has it


def reads(text: str, liquid: str) -> int:
    """0: Liquid that sees no other page; 1: their front matter; 2: their bodies too. `liquid`:
    liquid_of(text)."""
    if not _SITE_WIDE.search(text) and not reads_other_pages(liquid):
        return 0
    return 2 if _READS_BODIES.search(liquid) or prints_page_whole(liquid) else 1


def digest(*parts) -> bytes:
    """16 bytes of BLAKE2b (builtin: OpenSSL's SHA-256 hashes faster, but loading OpenSSL costs
    more than the ~125 KB a one-page edit hashes here; a first build hashes ~3 MB: +1.5 ms)."""
    h = blake2b(digest_size=16)
    for part in parts:
        h.update(part if isinstance(part, bytes) else pickle.dumps(part, protocol=4))
    return h.digest()


def text_key(value: str) -> bytes:
    """The key of a text written as it is (output_keys: equal keys, equal files)."""
    return digest(b"text", value.encode("utf-8", "surrogatepass"))


def meta_rows(meta) -> list:
    """Front matter as sorted (key, repr of the value) rows, as every digest of it takes it."""
    return sorted((str(k), repr(v)) for k, v in meta.items())


def folder_files(folder) -> list:
    """(path, content) of every file under `folder`, by path."""
    return [(str(p), p.read_bytes()) for p in sorted(Path(folder).rglob("*")) if p.is_file()]


def site_texts(config, sources) -> tuple:
    """(the configuration file's bytes, [(rel, bytes) of each data file]): what every page may read."""
    config_text = (config.source / config.config_file).read_bytes() if config.config_file else b""
    return config_text, [(rel, (config.source / rel).read_bytes()) for rel in sorted(sources.data_files.values())]


def _page_digest(page, text: bytes | None = None) -> bytes:
    """`text`: the digest of the text of the page's file, which its body was split from (the
    front-matter memo's: not hashed again), or None (the body is hashed)."""
    return digest(page.rel, page.url, page.markdown, meta_rows(page.meta),
                  page.body if text is None else (b"text", text), page.body_line)


def rows(items) -> tuple:
    """Links or anchors (named tuples) as the plain tuples a ParseResult holds (their repr is
    part of a digest)."""
    return tuple(map(tuple, items))


def result_digest(html: str, links: tuple, anchors: tuple) -> bytes:
    # repr, not pickle: pickle's bytes depend on which equal strings are one object
    return digest(html.encode("utf-8", "surrogatepass"),
                  repr((tuple(links), tuple(anchors))).encode("utf-8", "surrogatepass"))


class BuildKeys:
    """The digests one build's cached values are checked against (`begin` starts a build); each
    is computed when first needed, once. Page digests stay for the process (`serve`), kept with
    the page object they were made of."""

    def __init__(self):
        self.global_digest = b""
        self.site_texts: tuple | None = None  # site_texts of this build (begin)
        self._page_digests: dict = {}  # rel -> (page object, digest), this process only
        self._results: dict = {}  # rel -> (HTML, result digest) of this build's parse results
        self._sources = None
        self._root = None
        self._pages_digests: dict = {}  # level (1, 2) -> digest, this build
        self.file_digests: dict = {}  # an include's path -> (digest, its bytes or what _file_info read)

    def begin(self, config, sources):
        """The global digest (code, configuration, data files, include names, drafts); the rest
        of this build's digests start afresh."""
        self.file_digests = {}
        self._results = {}
        includes = sorted(str(p) for d in sources.include_dirs for p in Path(d).rglob("*") if p.is_file())
        self.site_texts = config_text, data_bytes = site_texts(config, sources)
        from .build.renderers import jekyll_layouts  # (the markup: a site whose _layouts/ came or went
        # is rendered for other HTML, kramdown's and Rouge's exactly or the theme's: its parses are stale)
        self.global_digest = digest(code_fingerprint(), config_text, data_bytes, includes, config.drafts,
                                    jekyll_layouts(config, sources))
        self._sources, self._root = sources, config.source
        self._pages_digests = {}  # computed only if a page reads site.pages & co.

    def pages_digest(self, level: int) -> bytes:
        """What Liquid can read of other pages: every page's and document's path, URL and front
        matter, the static files (path, URL, time: site.static_files); at level 2 their bodies."""
        known = self._pages_digests.get(level)
        if known is None:
            h = blake2b(digest_size=16)
            pages = list(self._sources.pages) + list(getattr(self._sources, "documents", ()))
            for page in sorted(pages, key=lambda p: p.rel):
                # repr, not pickle: pickle's bytes depend on which equal strings are one object
                row = repr((page.rel, page.url, meta_rows(page.meta)))
                for part in (row, page.body if level > 1 else ""):
                    data = part.encode("utf-8", "surrogatepass")
                    h.update(len(data).to_bytes(8, "little"))
                    h.update(data)
            statics = static_stamps(self._sources.statics + self._sources.unwritten_statics, self._root)
            h.update(repr(sorted(statics, key=repr)).encode("utf-8", "surrogatepass"))
            known = self._pages_digests[level] = h.digest()
        return known

    def _file(self, path: str) -> bytes:
        """The digest of an include (all a cached page's check needs of it)."""
        known = self.file_digests.get(path)
        if known is None:
            try:
                data = Path(path).read_bytes()
            except OSError:
                known = (b"missing", (b"missing", 0, False))
            else:
                known = (digest(data), data)
            self.file_digests[path] = known
        return known[0]

    def _file_info(self, path: str) -> tuple:
        """(digest, the level of other pages its Liquid reads (see reads), whether it reads the
        clock) of an include: read from its text when a page that used it is kept (entry), not
        when a kept page is checked (those patterns over every include: 7 ms of an edit of a GP
        Connect site)."""
        self._file(path)
        known, info = self.file_digests[path]
        if type(info) is bytes:
            text = info.decode("utf-8", "replace")
            liquid = liquid_of(text)
            info = (known, reads(text, liquid), clock_in(liquid))
            self.file_digests[path] = (known, info)
        return info

    def page_digest(self, page, bodies: dict) -> bytes:
        """_page_digest, computed once per page object (a parse entry's check, then its making on
        a miss; renders). `bodies`: the front-matter memo's digests of the texts bodies were
        split from (FrontMatterMemo.bodies)."""
        known = self._page_digests.get(page.rel)
        if known is None or known[0] is not page:
            split = bodies.get(id(page.body))
            text = split[1] if split is not None and split[0] is page.body else None
            known = self._page_digests[page.rel] = (page, _page_digest(page, text))
        return known[1]

    def fresh(self, entry: Entry, page, bodies: dict) -> bool:
        """Whether the kept `entry` was made of what `page` is made of in this build; a fresh
        entry's result gives the render cache its digest (render_key)."""
        if (entry.page_digest != self.page_digest(page, bodies) or entry.global_digest != self.global_digest
                or (entry.site_wide and entry.pages_digest != self.pages_digest(entry.site_wide))
                or any(self._file(path) != d for path, d in entry.includes)):
            return False
        self._results[page.rel] = (entry.result.html, entry.result_digest)
        return True

    def entry(self, page, result, bodies: dict) -> Entry | None:
        """The entry that keeps `result` (the page's parse.ParseResult); None for a page whose
        Liquid, or an include's, reads the clock (never kept)."""
        liquid = liquid_of(page.body)
        if clock_in(liquid) or any(self._file_info(path)[2] for path in result.includes):
            return None
        site_wide = max([reads(page.body, liquid)] + [self._file_info(path)[1] for path in result.includes])
        made = result_digest(result.html, result.links, result.anchors)
        self._results[page.rel] = (result.html, made)
        return Entry(self.page_digest(page, bodies), self.global_digest, site_wide,
                     self.pages_digest(site_wide) if site_wide else b"",
                     tuple((path, self._file(path)) for path in result.includes), result, made)

    def render_global(self, config, sources, layouts: dict, data) -> bytes:
        """What every page's render reads besides its own templates: the parse's global digest
        (code, configuration, data, include names), the layout names, the Ruby plugins folder,
        JEKYLL_ENV, and `site.data` when releases added their sidebar to it."""
        plugins_dir = config.source / str(config.site.get("plugins_dir") or "_plugins")
        plugins = folder_files(plugins_dir) if plugins_dir.is_dir() else []
        listing = repr((sorted((name, layout.rel) for name, layout in layouts.items()),
                        os.environ.get("JEKYLL_ENV") or "", data if data is not sources.data else None))
        return digest(self.global_digest, listing.encode("utf-8", "surrogatepass"),
                      *(part for path, content in plugins for part in (path.encode("utf-8", "surrogatepass"), content)))

    def render_key(self, global_digest: bytes, parsed, bodies: dict) -> bytes:
        """The page's source and parse result under `global_digest`; the result's digest is the
        one its parse-cache entry holds when the page came from that entry (same HTML object)."""
        known = self._results.get(parsed.source.rel)
        if known is not None and known[0] is parsed.html:
            made = known[1]
        else:
            made = result_digest(parsed.html, rows(parsed.links), rows(parsed.anchors))
        return digest(global_digest, self.page_digest(parsed.source, bodies), made)


def render_keys(site, theme_dir: Path, texts: tuple | None = None) -> dict:
    """output path -> a key of everything its rendered HTML depends on: the page (body, front
    matter, headings) and what every page shows (templates, navigation data, the page list that
    sidebars, tags and search are made of, releases, configuration). `texts`: the site's
    cache_keys.site_texts, when the build has read them."""
    template_files = []
    for base in list(site.sources.template_dirs) + [theme_dir / "templates"]:
        template_files += folder_files(base)
    config = site.config
    config_text, data = texts if texts is not None else site_texts(config, site.sources)
    listing = sorted((p.source.url, repr(p.source.meta.get("title")), repr(p.source.meta.get("tags")),
                      repr(p.source.meta.get("sidebar"))) for p in site.pages)
    releases = [(r.version, r.status, repr(r.date), [(e.rel, e.title, e.tickets, e.pages_changed)
                                                    for e in r.entries]) for r in site.releases]
    site_wide = digest(code_fingerprint(), template_files, config_text, data, listing, releases, config.drafts)
    keys = {}
    for parsed in site.pages:
        if parsed.source.rel.startswith("<generated>"):
            continue  # index, tickets and tags pages are cheap and depend on everything
        keys[parsed.source.url] = digest(site_wide, parsed.source.rel, meta_rows(parsed.source.meta),
                                         parsed.html.encode("utf-8", "surrogatepass"), [(h.level, h.id, h.text) for h in parsed.headings])
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
                pages = render_keys(site, theme_dir, cache.keys.site_texts if cache is not None else None)
            key = pages.get(url)
        elif isinstance(content, Text):
            key = content.digest or text_key(content.value)
        elif content.made_when_written:  # the search index, made when written: the key of what it is made of
            key = digest(b"stream", code_fingerprint(), content.key()) if content.key is not None else None
        else:
            key = _copy_key(content, known, used)
        if key is not None:
            keys[url] = key
    if cache is not None:
        cache.keep_copies(used)
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
        key = digest(b"file", content.data())
    except OSError:
        return None
    if now - max(stat.st_mtime_ns, stat.st_ctime_ns) > _RACY_NS:
        used[path] = (stamp, key)
    return key
