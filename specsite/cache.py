"""Parse cache: what a build keeps for the next — each page's Liquid + markdown result, a
Jekyll-layout site's rendered pages (build/render_cache.py), link findings (build/check_cache.py),
the keys of the files it wrote (cache_keys.output_keys), front matter, highlighted code and loaded YAML —
reused while what it was made of is unchanged (cache_keys.py judges that). The cache lives in
memory for `serve` and on disk (`.specsite-cache/parse.pickle`, cache_file.py) for `build`; it is
safe to delete.

The source folder is untrusted (a pull request can commit a `.specsite-cache/`), and unpickling
runs code: the file is signed with a key that lives outside the source, in the user's cache
folder, and a file whose signature does not verify is never unpickled.
"""
from __future__ import annotations

import gc
import os
from pathlib import Path

from . import cache_file
from .cache_file import Blobs, Unsigned, pickle
from .cache_keys import BuildKeys, text_key  # noqa: F401 - text_key: build/render_cache imports it from here
from .fingerprint import code_fingerprint
from .safety import kind, own_folder
from .secret import signing_key as _key
from .yaml_memo import YamlMemo

FORMAT = 14  # 14: BLAKE2b digests; 13: loaded YAML (yaml_memo.py), copied files' keys; 12: a render keeps its page's text key
_UNSIGNED = ("the parse cache was not written by specsite for this user on this machine (or was changed "
             "since); what does not verify is ignored and not unpickled")
MAX_HIGHLIGHTS = 20000  # blocks edited away pile up: start afresh past this


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


class ParseCache:
    """What builds keep for the next (see the module's docstring), read from and written to the
    signed file at `path` (None: in memory only)."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self.entries = Blobs()  # rel -> Entry (unpickled from the file when first asked for)
        self.objects: dict = {}  # rel -> ParsedPage, in memory only (serve): no rebuilding from tuples
        self.keys = BuildKeys()  # what the entries are checked against (cache_keys.py)
        self.rendered: dict = {}  # {"out": folder, "keys": {output path: render key}} of the last write
        self.renders = Blobs()  # rel -> (key, reads, page) of a Jekyll-layout page (build/render_cache.py)
        self.rendered_now: tuple = ()  # the pages the last build rendered rather than reused
        self.links: dict = {}  # {"index": digest, "pages": {rel: (key, findings)}} (build/check_cache.py)
        self._index_digest = b""
        self.checked_now: tuple = ()  # the pages whose links the last build checked rather than reused
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
        self.copies: dict = {}  # a copied file's path -> (its stamp, the key of its content): cache_keys.output_keys
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
        self.keys.begin(config, sources)
        self.hits = self.misses = 0

    def page_digest(self, page) -> bytes:
        """The digest of the page's source (BuildKeys.page_digest)."""
        return self.keys.page_digest(page, self.bodies)

    def get(self, page):
        """The page's cached result (a ParseResult, or its ParsedPage kept in memory), or None.
        Asked once per page and build (build/parsing.cached_parses): it counts the hits."""
        entry = self._verified(self.entries, page.rel)
        if entry is None or not self.keys.fresh(entry, page, self.bodies):
            self.misses += 1
            self.dirty = True
            return None
        self.hits += 1
        return self.objects.get(page.rel) or entry.result

    def _verified(self, blobs: Blobs, rel: str):
        """blobs.get(rel); None for a value whose bytes do not verify (never unpickled: reported,
        and made again)."""
        try:
            return blobs.get(rel)
        except Unsigned:
            self.rejected, self.dirty = _UNSIGNED, True
            return None

    def put(self, page, result, parsed=None):
        """`result`: the page's parse.ParseResult; `parsed`: its ParsedPage, kept in memory. A
        page whose Liquid reads the clock is not kept (BuildKeys.entry)."""
        entry = self.keys.entry(page, result, self.bodies)
        if entry is None:
            self.entries.pop(page.rel)
            self.objects.pop(page.rel, None)
            return
        if parsed is not None:
            self.objects[page.rel] = parsed
        self.entries[page.rel] = entry

    # -- rendered Jekyll-layout pages (build/render_cache.py decides what they read) -------
    def render_global(self, config, sources, layouts: dict, data) -> bytes:
        """BuildKeys.render_global."""
        return self.keys.render_global(config, sources, layouts, data)

    def render_key(self, global_digest: bytes, parsed) -> bytes:
        """BuildKeys.render_key."""
        return self.keys.render_key(global_digest, parsed, self.bodies)

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

    def keep_copies(self, copies: dict):
        """output_keys' {copied file's path: (its stamp, the key of its content)} of this build."""
        if copies != self.copies:
            self.copies = copies
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
        return own_folder(self.path.parent)

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
