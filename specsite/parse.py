"""Parse stage: a page's source → body HTML plus what the checker needs (ids, links, positions)."""
from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass
from functools import partial
from itertools import accumulate, count
from operator import add
from typing import NamedTuple
from urllib.parse import unquote

from .diagnostics import Diagnostic
from .discover import SourcePage
from .elsewhere import Elsewhere
from .jekyll import is_sass
from .jekyll.drop_hash import page_data_hash
from .jekyll.drops import document_id, drop_source
from .liquid import LiquidRenderer, LiquidResult, SourceMap
from .markdown import MarkdownRenderer, RawLink, _scan

HTML_OUTPUTS = (".html", ".htm", ".xhtml", "/")


class Link(NamedTuple):  # hundreds of thousands of them at 10,000 pages
    """A link as written in a source file, found while rendering the page `page`. A named tuple:
    made from a cached or a worker's row in a tenth of a frozen dataclass's time (4,000 of them
    on every cached build of a 140-page site: 4 ms), and equal to and hashed as that row."""

    target: str
    path: str  # source file (page, include, data file or template), relative to the source folder
    line: int | None
    column: int | None
    tag: str  # a, img, …
    page: str  # output path of the page whose HTML contains the link


class Anchor(NamedTuple):
    """An id a link may point at (a named tuple, as Link)."""
    id: str
    line: int | None
    path: str | None = None  # the include that wrote it (`line` is the page's line that includes it)
    at: int | None = None  # its line in that include


class HeadingRecord(NamedTuple):
    """A heading as the checker and the navigation keep it (a named tuple, as Link)."""
    level: int
    id: str | None
    text: str
    line: int | None


@dataclass(frozen=True)
class ParsedPage:
    """A page's body rendered, with what the checker needs of it."""
    source: SourcePage
    html: str
    headings: tuple
    anchors: tuple  # every id on the page body (Anchor), in order
    links: tuple
    diagnostics: tuple
    includes: tuple  # include files used (absolute paths), for dependency tracking
    outputs: tuple = ()  # other files the page writes, (output path, text): a Sass page's .css.map


class ParseResult(NamedTuple):
    """What parsing a page gives, without the page: what a parse worker sends back and the parse
    cache stores. Plain tuples inside (not Link/Anchor objects): they pickle several times faster,
    and a worker's results and the disk cache are pickled whole."""

    html: str
    headings: tuple  # (level, id, text, line)
    anchors: tuple  # (id, line)
    links: tuple  # (target, path, line, column, tag, page)
    diagnostics: tuple
    includes: tuple  # include files used (absolute paths): the cache checks them
    outputs: tuple = ()

    @classmethod
    def of(cls, p: ParsedPage) -> ParseResult:
        return cls(p.html, tuple(map(tuple, p.headings)), tuple(map(tuple, p.anchors)), tuple(map(tuple, p.links)),
                   tuple(p.diagnostics), tuple(p.includes), tuple(p.outputs))

    def page(self, source: SourcePage) -> ParsedPage:
        return ParsedPage(source, self.html, tuple(map(_HEADING, self.headings)), tuple(map(_ANCHOR, self.anchors)),
                          tuple(map(_LINK, self.links)), self.diagnostics, self.includes, self.outputs)


_HEADING, _ANCHOR, _LINK = (partial(tuple.__new__, cls) for cls in (HeadingRecord, Anchor, Link))  # rows as they are


def line_starts(text: str) -> list:
    """The offset of each line's first character (0, then one past each "\\n"): summed line
    lengths, in C, instead of a regex match object per line (a quarter of the time)."""
    return list(map(add, accumulate(map(len, text.split("\n")[:-1]), initial=0), count()))


class _Locator:
    """Maps positions in Liquid's output back to file:line:column of the page or an include."""

    def __init__(self, page: SourcePage, lq: LiquidResult, liquid: LiquidRenderer):
        self.page, self.lq, self.liquid = page, lq, liquid
        self.text = lq.text
        self.line_starts = line_starts(self.text)
        self.src_line_starts = None
        smap = lq.source_map
        # no Liquid ran (most pages): an offset in the output is the same offset in the source
        self.identity = smap.source is self.text and not smap.tags and smap.out_starts == [0] \
            and smap.src_starts == [0] and smap.lengths == [len(self.text)]
        if self.identity:
            self.src_line_starts = self.line_starts
        self.cursor = 0
        self._elsewhere: Elsewhere | None = None
        self._lines: dict = {}  # line of Liquid's output -> line of the source (line_of)

    @property
    def elsewhere(self) -> Elsewhere:
        """The includes and documents the page's Liquid read (made when an offset first needs them)."""
        if self._elsewhere is None:
            self._elsewhere = Elsewhere(self.page, self.liquid)
        return self._elsewhere

    def _src_line_col(self, offset: int):
        if self.src_line_starts is None:
            self.src_line_starts = line_starts(self.lq.source_map.source)
        i = bisect.bisect_right(self.src_line_starts, offset) - 1
        return self.page.body_line + i, offset - self.src_line_starts[i] + 1

    def map_offset(self, offset: int, needle: str | None = None):
        if self.identity and 0 <= offset <= len(self.text):  # (what locate gives: the offset itself)
            starts = self.line_starts
            i = bisect.bisect_right(starts, offset) - 1
            return self.page.rel, self.page.body_line + i, offset - starts[i] + 1
        src, tags = self.lq.source_map.locate(offset)
        if src is not None:
            line, col = self._src_line_col(src)
            return self.page.rel, line, col
        source = self.lq.source_map.source
        if needle:
            for start, end in tags:
                found = source.find(needle, start, end)
                if found >= 0:
                    line, col = self._src_line_col(found)
                    return self.page.rel, line, col
            elsewhere = self.elsewhere
            for start, end in tags:
                hit = elsewhere.in_include(source[start:end], needle)
                if hit:
                    return hit
            hit = elsewhere.in_include_output(self.lq.source_map, self.text, offset, tags, needle) or \
                elsewhere.in_documents(source, tags, needle) or elsewhere.in_data(source, tags, needle)
            if hit:
                return hit[:3]
            found = self._in_loop_body(offset, tags)
            if found is not None:
                line, col = self._src_line_col(found)
                return self.page.rel, line, col
        line, col = self._src_line_col(tags[0][0])
        return self.page.rel, line, col

    def _in_loop_body(self, offset: int, tags):
        """Where in a loop's source a link its output holds stands when the alignment placed it
        at a loop tag (a `{% capture %}` in the body shifts what a pass writes): the literal text
        before it on its output line (`<tr><td><a href="`) is looked for among the source the
        loop spans; its longest end (four characters or more) found there, at its last place."""
        region = self.lq.source_map.loop_around(tags)
        if region is None:
            return None
        text, source = self.text, self.lq.source_map.source
        lo, hi = min(tags[0][0], region[0]), max(tags[-1][1], region[1])
        before = text[text.rfind("\n", 0, offset) + 1:offset]
        for size in range(len(before), 3, -1):  # (`href="` alone is the shortest that can tell)
            tail = before[-size:]
            if "{" in tail:
                continue
            found = source.rfind(tail, lo, hi)
            if found >= 0:
                return found + size
        return None

    def line_of(self, out_line: int):
        if self.identity:  # (no Liquid ran: the line's start is the source line's start)
            return self.page.body_line + min(max(out_line, 1), len(self.line_starts)) - 1
        line = self._lines.get(out_line)  # (a heading's line is also its id's)
        if line is None:
            offset = self.line_starts[min(max(out_line, 1), len(self.line_starts)) - 1]
            src, tags = self.lq.source_map.locate(offset)
            tag = self._tag_in_run(offset, tags) if src is None and len(tags) > 1 else None
            line = self._lines[out_line] = self._src_line_col(tag[0])[0] if tag else self.map_offset(offset)[1]
        return line

    def _tag_in_run(self, offset: int, tags):
        """Which of a run of tags wrote `offset` (an id in the second of three include_relative
        lines): each include of a file without Liquid wrote that file, and the blanks between the
        tags are themselves, so the run's output is walked tag by tag; None when one cannot be told."""
        smap, text = self.lq.source_map, self.text
        i = bisect.bisect_right(smap.out_starts, offset) - 1
        pos, before = (smap.out_starts[i] + smap.lengths[i], smap.src_starts[i] + smap.lengths[i]) if i >= 0 else (0, 0)
        source = smap.source
        for n, (start, end) in enumerate(tags):
            written = self._include_output(source[start:end])
            blank = source[before:start]
            if written is None or not text.startswith(blank + written, pos):
                return None
            pos += len(blank) + len(written)
            if offset < pos:
                return start, end
            before = end
        return None

    def _include_output(self, tag_text: str) -> str | None:
        """What `{% include(_relative) name %}` writes when its file has no Liquid: the file."""
        found = self.elsewhere.include_file(tag_text)
        return None if found is None or "{{" in found[1] or "{%" in found[1] else found[1]

    def links(self, raw_links) -> tuple:
        """link() of each; where no Liquid ran, the usual link (`](href` at or after the last one)
        is placed in this one loop, without a call per link (27 links a page: a third of the
        parse's own time besides markdown went to link())."""
        if not self.identity:
            return tuple(map(self.link, raw_links))
        text, starts, found = self.text, self.line_starts, []
        n, size, rel, url, base = len(starts), len(text), self.page.rel, self.page.url, self.page.body_line
        for raw in raw_links:
            href, first, last = raw.href, raw.first_line, raw.last_line
            first = 1 if first < 1 else n if first > n else first
            last = first if last < first else n if last > n else last
            b0, cursor = starts[first - 1], self.cursor
            pos = text.find(href, cursor if b0 <= cursor <= (starts[last] if last < n else size) else b0) if href else -1
            if pos < 0 or not text.endswith("](", 0, pos):
                found.append(self.link(raw))  # (link() tries the same first, then the other ways)
                continue
            end = self.cursor = pos + len(href)
            i = bisect.bisect_right(starts, pos) - 1
            written = href if text[end:end + 1] not in _SPACES else _padded(text, pos, href)
            found.append(_LINK((written, rel, base + i, pos - starts[i] + 1, raw.tag, url)))
        return tuple(found)

    def lines(self, rows) -> list:
        """(value, line of the source) of each (value, line of Liquid's output): line_of, where no
        Liquid ran the line itself (within the page) without a call per row."""
        if not self.identity:
            line_of = self.line_of
            return [(value, line_of(line)) for value, line in rows]
        base, n = self.page.body_line - 1, len(self.line_starts)
        return [(value, base + (1 if line < 1 else n if line > n else line)) for value, line in rows]

    def anchor_rows(self, rows) -> list:
        """(id, line, None, None) of each (id, line of Liquid's output) on the page's own lines;
        (id, line, include, its line there) where an include the page calls wrote it (an SVG's ids)."""
        if self.identity:
            return [(value, line, None, None) for value, line in self.lines(rows)]
        return [self._anchor_row(value, line) for value, line in rows]

    def _anchor_row(self, value: str, out_line: int) -> tuple:
        offset = self.line_starts[min(max(out_line, 1), len(self.line_starts)) - 1]
        src, tags = self.lq.source_map.locate(offset)
        if src is None:
            hit = self.elsewhere.in_include_output(self.lq.source_map, self.text, offset, tags, None)
            if hit is not None:  # (the page's line: the tag that included it)
                return value, self._src_line_col(hit[3])[0], hit[0], hit[1]
        return value, self.line_of(out_line), None, None

    def link(self, raw: RawLink) -> Link:
        text, starts, href = self.text, self.line_starts, raw.href
        n = len(starts)
        first = raw.first_line
        first = 1 if first < 1 else n if first > n else first
        last = raw.last_line
        last = first if last < first else n if last > n else last
        b0 = starts[first - 1]
        b1 = starts[last] if last < n else len(text)
        cursor = self.cursor
        start = cursor if b0 <= cursor <= b1 else b0
        if self.identity and href:  # the usual link: `](href` at or after the last one, no Liquid
            pos = text.find(href, start)
            if pos >= 0 and text.endswith("](", 0, pos):  # (what the loop below finds first)
                end = self.cursor = pos + len(href)
                i = bisect.bisect_right(starts, pos) - 1
                written = href if text[end:end + 1] not in _SPACES else _padded(text, pos, href)
                return _LINK((written, self.page.rel, self.page.body_line + i, pos - starts[i] + 1, raw.tag,
                              self.page.url))
        candidates = [href]
        if "%" in href:  # (unquote gives the text back unchanged without one)
            unquoted = unquote(href)
            if unquoted != href:
                candidates.append(unquoted)
        mailto = href.startswith("mailto:")
        if mailto:
            candidates.append(href[7:])
        for lo in (start, b0, 0):
            for cand in candidates:
                pos = _find_target(text, cand, lo)
                if pos >= 0:
                    self.cursor = pos + (len(cand) or 1)
                    path, line, col = self.map_offset(pos, cand or None)
                    # `<a@b.c>` is written without the scheme its link has: keep mailto: (no file)
                    written = href if mailto and cand == href[7:] else _padded(text, pos, cand)
                    return Link(written, path, line, col, raw.tag, self.page.url)
        path, line, col = self.map_offset(b0)
        return Link(href, path, line, None, raw.tag, self.page.url)


_WRITTEN_AS_TARGET = re.compile(
    r"(?:\]\([ \t]*<?|\b(?:href|src|data|srcset)[ \t]*=[ \t]*[\"']?[ \t]*|<|^[ \t]*\[[^\]\n]+\]:[ \t]*)\Z", re.M)
_EMPTY_TARGET = re.compile(r"\]\([ \t]*<?(?=>?[ \t]*\))|\bhref[ \t]*=[ \t]*([\"'])(?=\1)")


def _find_target(text: str, target: str, start: int) -> int:
    """Where `target` is written as a link target at or after `start` — after `](`, `href="`,
    `<` or in a reference definition — before falling back to its first occurrence (the link
    text often repeats the target). -1 when it is not there."""
    if not target:
        m = _EMPTY_TARGET.search(text, start)
        return m.end() if m else -1
    first = pos = text.find(target, start)
    for _ in range(16):
        if pos < 0:
            break
        if text.endswith("](", 0, pos) or _WRITTEN_AS_TARGET.search(text, max(0, pos - 120), pos) and not (
                target[0] == "/" and text.endswith("<", 0, pos)):  # (the usual `](`: no search; `</p>` is no `<url>`)
            return pos
        pos = text.find(target, pos + 1)
    return first


_SPACES = (" ", "\t")


def _padded(text: str, pos: int, target: str) -> str:
    """The target with the spaces an author left inside `( … )` or `href=" … "` (cmark drops them)."""
    if text[pos + len(target):pos + len(target) + 1] not in _SPACES and text[pos - 1:pos] not in _SPACES:
        return target  # (the usual case: no space on either side)
    prefix = text[max(0, pos - 10):pos]
    opener = re.search(r"(\(|=[\"'])([ \t]*)\Z", prefix)
    if not opener:
        return target
    closer = r"[ \t]+\)" if opener.group(1) == "(" else r"[ \t]+" + re.escape(opener.group(1)[-1])
    after = re.match(closer, text[pos + len(target):pos + len(target) + 10])
    trailing = after.group(0)[:-1] if after else ""
    return opener.group(2) + target + trailing


def parse_page(page: SourcePage, liquid: LiquidRenderer, markdown: MarkdownRenderer) -> ParsedPage:
    """Liquid first, then markdown (as Jekyll does), recording ids and links with positions."""
    if is_sass(page.rel):
        return _sass_page(page, liquid)
    source_path = liquid.source_root / page.rel
    render_liquid = page.meta.get("render_with_liquid", True) is not False
    order = liquid.render_order
    if render_liquid and order is not None and page.rel in order.whole_first:
        # an earlier page's include_relative parsed the whole file first: Jekyll renders that
        # (jekyll.partials); the pages that include it are what the result depends on too
        lq = liquid.render(source_path.read_text(encoding="utf-8"), path=source_path,
                           page=page_vars(page, order, liquid), line_offset=1, markdown=page.markdown)
        lq = dataclasses.replace(lq, includes=tuple(sorted(set(lq.includes) | {
            str(liquid.source_root / rel) for rel in order.whole_first[page.rel]})))
    elif render_liquid:
        lq = liquid.render(page.body, path=source_path, page=page_vars(page, liquid.render_order, liquid),
                           line_offset=page.body_line, markdown=page.markdown)
    else:
        lq = LiquidResult(page.body, SourceMap.identity(page.body))
    if page.markdown:
        result = markdown.render(lq.text)
        body, raw_headings, raw_links, raw_ids = result.html, result.headings, result.links, result.ids
    elif page.url.endswith(HTML_OUTPUTS):
        n = lq.text.count("\n") + 1
        body, raw_links, raw_ids = _scan(lq.text)
        raw_links = [RawLink(r.href, r.tag, 1, n) for r in raw_links]
        raw_headings = ()
    else:  # feed.xml, search.json, robots.txt: not HTML, so no links or ids a browser follows
        body, raw_headings, raw_links, raw_ids = lq.text, (), (), ()
    loc = _Locator(page, lq, liquid)
    links = loc.links(raw_links)
    anchors = tuple(map(_ANCHOR, loc.anchor_rows(raw_ids)))  # (rows made in C: dozens a page)
    headings = tuple([_HEADING((h.level, h.id, h.text, line)) for h, line in loc.lines((h, h.line) for h in raw_headings)])
    diagnostics = tuple(lq.diagnostics)
    return ParsedPage(page, body, headings, anchors, links, diagnostics, lq.includes)


def _sass_page(page: SourcePage, liquid: LiquidRenderer) -> ParsedPage:
    """A .scss/.sass page: Liquid, then Sass; the source map is a second file. Jekyll's front
    matter pattern (`---\\s*$\\n?`) also takes the blank lines after the closing `---`."""
    blank = re.match(r"\s*", page.body).group(0)
    cut = len(blank) if len(blank) == len(page.body) else blank.rfind("\n") + 1
    body = dataclasses.replace(page, body=page.body[cut:], body_line=page.body_line + blank.count("\n", 0, cut))
    if page.meta.get("render_with_liquid", True) is not False:
        lq = liquid.render(body.body, path=liquid.source_root / page.rel, page=page_vars(page),
                           line_offset=body.body_line)
    else:
        lq = LiquidResult(body.body, SourceMap.identity(body.body))
    loc = _Locator(body, lq, liquid)

    def locate(line: int):
        path, src_line, _ = loc.map_offset(loc.line_starts[min(max(line, 1), len(loc.line_starts)) - 1])
        return path, src_line
    from . import sass  # (only a site with .scss/.sass pages loads the compiler's module)
    result, outputs = sass.compile_page(page, lq.text, site=liquid.globals.get("site") or {},
                                        source_root=liquid.source_root, locate=locate)
    return ParsedPage(page, result.css, (), (), (), tuple(lq.diagnostics) + result.diagnostics,
                      tuple(lq.includes) + result.includes, outputs)


def page_vars(page: SourcePage, order=None, liquid: LiquidRenderer | None = None) -> dict:
    """Jekyll's `page` variable while the page's own Liquid runs: its content is its raw text;
    a document's previous and next (DocumentDrop) from the build's RenderOrder; its excerpt
    (with `liquid`: the site's documents) converted, as Jekyll renders it first. A page's is the
    Hash Page#to_liquid makes (drop_hash.page_hash: its data, then content, dir, excerpt, name,
    path, url), what jsonify and inspect print."""
    if not page.collection:
        meta = page.liquid_meta
        if liquid is not None and "excerpt" in page.body and meta.get("excerpt") in (None, False):
            drop = _site_drop(liquid, "pages", page.rel)  # (page_excerpts: a page's PageExcerpt)
            if drop is not None and "excerpt" in drop._lazy:
                meta = {**meta, "excerpt": drop.own_excerpt()}
        return page_data_hash(meta, content=page.body, dir=page.page_url.rsplit("/", 1)[0] + "/",
                              name=page.rel.rsplit("/", 1)[-1], path=page.rel, url=page.page_url)
    values = dict(page.meta)
    values.setdefault("title", None)
    values["url"] = page.page_url
    values["path"] = page.jekyll_path
    if values.get("name") in (None, False):  # DocumentDrop#name: data's first
        values["name"] = page.rel.rsplit("/", 1)[-1]
    values["relative_path"] = page.jekyll_path  # (as drops.page_drop)
    values["id"] = document_id(page.page_url, values.get("slug"), page.rel)
    values["content"] = page.body
    if order is not None and page.rel in order.siblings:
        values["previous"], values["next"] = order.siblings[page.rel]
    if liquid is not None and "excerpt" in page.body and values.get("excerpt") in (None, False):
        drop = _site_drop(liquid, "documents", page.rel)
        if drop is not None:
            values["excerpt"] = drop.own_excerpt()
    return values


def _site_drop(liquid: LiquidRenderer, key: str, rel: str):
    """The drop of site.pages or site.documents whose path is `rel`, or None."""
    site = liquid.globals.get("site") or {}
    return next((d for d in site.get(key) or () if drop_source(d) == rel), None)


def parse_error(page: SourcePage, err: Exception) -> Diagnostic:
    return Diagnostic(page.rel, page.body_line, None, "internal-error", "error",
                      f"specsite failed on this page: {type(err).__name__}: {err}",
                      "Please report this with the page attached.")
