"""Where text that a page's Liquid brought in from another file was written: in an include the
page calls (its text aligned with the output it wrote, as the page's own is), or in another
document whose content the page prints (`{{ post.content }}`). parse._Locator asks when an
offset of the page's Liquid output lies in what a tag wrote."""
from __future__ import annotations

import bisect
import re
from pathlib import Path

from .jekyll.drops import drop_source
from .liquid.source_map import place_in_includes
from .paths import source_rel
from .render.origins_files import rglob_files
from .render.origins_patterns import value_start

_INCLUDE_NAME = re.compile(r"\{%-?\s*include(?:_relative)?\s+([^\s%]+)")
# an output that prints another document's text: its content, excerpt or output, or markdownify
_PRINTS_BODY = re.compile(r"\{\{(?:[^}]|\}(?!\}))*?(?:\b(?:content|excerpt|output)\b|markdownify)")


class Elsewhere:
    """The files a page's Liquid read, read once for the page."""

    def __init__(self, page, liquid):
        self.page, self.liquid = page, liquid
        self._texts: dict = {}  # a file -> its text (None: unreadable)
        self._aligned: dict = {}  # (include, where its output starts and ends) -> its SourceMap

    def read(self, path):
        if path not in self._texts:
            try:
                self._texts[path] = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                self._texts[path] = None
        return self._texts[path]

    def include_file(self, tag_text: str):
        """(source-relative path, text) of a `{% include(_relative) name %}` tag's file, or None."""
        m = _INCLUDE_NAME.match(tag_text)
        if not m or "{{" in m.group(1):
            return None
        relative = (self.liquid.source_root / self.page.rel).parent if "include_relative" in tag_text[:20] else None
        path = self.liquid.find_include(m.group(1), relative)
        text = self.read(path) if path is not None else None
        return None if text is None else (source_rel(path, self.liquid.source_root), text)

    def in_include(self, tag_text: str, needle: str):
        """(file, line, column) where an include's text holds `needle` literally, or None."""
        found = self.include_file(tag_text)
        if found is None:
            return None
        at = found[1].find(needle)
        return None if at < 0 else placed(found[0], found[1], at)

    def in_include_output(self, smap, output: str, offset: int, tags, needle: str | None):
        """(file, line, column, offset in the page's source of the tag that included it) of the
        include line that wrote output `offset` when its text is made by Liquid (a reference
        definition `[x]: {{ site.baseurl }}/a/` in a links.md included at the page's end, a link
        an include's loop writes): the include's own text aligned with the output between the
        literal pieces around `offset` (place_in_includes)."""
        i = bisect.bisect_right(smap.out_starts, offset) - 1
        lo = smap.out_starts[i] + smap.lengths[i] if i >= 0 else 0
        hi = smap.out_starts[i + 1] if i + 1 < len(smap.out_starts) else len(output)
        if not lo <= offset < hi:
            return None
        found = place_in_includes(smap.source, tags, output, lo, hi, offset, needle, self.include_file,
                                  memo=self._aligned)
        return None if found is None else (*placed(*found[:3]), found[3])

    def in_documents(self, source: str, tags, needle: str | None):
        """(file, line, column) of `needle` in the one other page or document of the site whose
        text holds it, when the tags that wrote it print another document's text
        (`{{ post.content }}`, `{{ post.excerpt }}`, `{{ doc.body | markdownify }}`); None when no
        file or several do."""
        if not needle or not any(_PRINTS_BODY.search(source, start, end) for start, end in tags):
            return None
        site = self.liquid.globals.get("site") or {}
        hits = []
        for drop in [*(site.get("documents") or ()), *(site.get("pages") or ())]:
            rel = drop_source(drop)
            if not isinstance(rel, str) or not rel or rel == self.page.rel:
                continue
            text = self.read(self.liquid.source_root / rel)
            at = _find_whole(text, needle) if text else -1
            if at >= 0:
                hits.append((rel, text, at))
                if len(hits) > 1:
                    return None
        return placed(*hits[0]) if hits else None


    def in_data(self, source: str, tags, needle: str | None):
        """(file, line, column) of `needle` in the one data file that holds it (its first place),
        when an output among the tags wrote it and none prints a document's text (`{{ item.source }}` printing a story's
        `source: "<a href=\\"process.html\\">…"`); None when no data file or several do."""
        if not needle or not any(source.startswith("{{", start) for start, _ in tags) \
                or any(_PRINTS_BODY.search(source, start, end) for start, end in tags):
            return None  # (a document's text that several files hold: not a data file's that happens to)
        site = self.liquid.globals.get("site") or {}
        folder = self.liquid.source_root / str(site.get("data_dir") or "_data")
        hit = None
        for path in sorted(rglob_files(folder)) if folder.is_dir() else ():
            text = self.read(Path(path))
            at = _find_whole(text, needle) if text else -1
            if at >= 0:
                if hit is not None:
                    return None
                hit = (source_rel(path, self.liquid.source_root), text, at)
        return placed(*hit) if hit else None


def _find_whole(text: str, needle: str) -> int:
    """The first place `needle` stands whole in `text`, as a link's whole target: not inside a
    longer address (`/features` in `https://github.com/devcontainers/features/issues`); -1."""
    at = text.find(needle)
    while at >= 0:
        before = text[at - 1:at]
        after = text[at + len(needle):at + len(needle) + 1]
        if not (before.isalnum() or before in "/._-~%") and not (after.isalnum() or after in "/_-~%"):
            return at
        at = text.find(needle, at + 1)
    return -1


def placed(rel: str, text: str, at: int) -> tuple:
    """(rel, line, column) of offset `at` of a file's text, at the start of the link value that
    holds it (`href="{{ site.baseurl }}/contribute"`: its `{{`), as origins places a link an
    include writes in a layout: one position whichever file included it."""
    at = value_start(text, at)
    return rel, text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1
