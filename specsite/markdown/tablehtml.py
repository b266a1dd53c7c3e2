"""A kramdown table's HTML, from what tables.py found before cmark ran: the cells are read as
spans in one cmark run, then laid out in rows as kramdown writes them."""
from __future__ import annotations

import html
import re

from ..lazy_re import LazyPattern
from .emphasis import kramdown_cell_emphasis
from .footnotes import kramdown_refs
from .tables import FN_CARRIER, FN_CELL, FN_END, SPAN_MARK
from .scan import SOURCEPOS
from .spantext import kramdown_span_text
from .stray import BLOCK_TAG, P_WRITTEN, PARAGRAPH, escape_stray_closers, open_span_candidate

# a close tag other than the cells' own </p>: only then can a cell hold one that closes nothing
_CLOSE_NOT_P = LazyPattern(r"</(?!p>)")
_CELL_PARAGRAPH = LazyPattern(r'<p data-sourcepos="[^"]*">((?:[^<]++|<(?!/p>\n))*+)</p>\n')  # (up to the first </p>)
TABLES_KEPT = 2048  # tables a renderer keeps written (see table_html)
_SOURCEPOS_MARK = ' data-sourcepos="'
_WRITTEN_TAG = LazyPattern(r"<[A-Za-z/]")
_BLOCK_TAG_WRITTEN = LazyPattern(BLOCK_TAG, re.I)  # (`<hr>`, `<ul><li>` with no close tag in the table)
# a `<p>`/`</p>` written in a cell (not cmark's wrapper of the cell, whose `</p>` ends its line)
_CELL_P_TAG = LazyPattern(r'<(?!p data-sourcepos=")/?[pP](?:\s[^<>]*)?/?>(?!\n)')


def table_html(renderer, table, line: int, refs: str = "") -> str:
    """A kramdown table (see _kramdown_table): rows padded to the widest, cells read as spans,
    all cells of the table in one cmark run (a paragraph each; the page's link definitions
    appended so that `[x][ref]` resolves). The same table (a page's, another page's) with the
    same link definitions is written once per renderer (`renderer.tables`), but for its lines."""
    sections, align, width = table
    count = sum(len(rows) + 1 for _, rows in sections)
    head = f'<table data-sourcepos="{line}:1-{line + count - 1}:1">\n'
    key = None
    if not renderer.abbrevs:  # (a page's abbreviations change its cells)
        key = (tuple((kind, tuple(map(tuple, rows))) for kind, rows in sections), tuple(align), width, refs)
        known = renderer.tables.get(key)
        if known is not None:
            return head + known
    cells = [cell for _, rows in sections for row in rows for cell in row if cell]
    if renderer.jekyll_markup:
        symbols = not renderer.extras.no_auto_typographic
        cells = [kramdown_span_text(kramdown_cell_emphasis(cell) if "*" in cell or "_" in cell else cell, symbols)
                 for cell in cells]
    source = "\n\n".join(SPAN_MARK + cell for cell in cells) + refs if cells else ""
    done = renderer.cmark(source) if cells else ""
    if renderer.abbrevs:
        from .abbrev import abbreviate_blocks
        done = abbreviate_blocks(done, renderer.abbrevs)
    if "<" in source and ("<p" in source or "<P" in source or "</" in source) and P_WRITTEN.search(source):
        # kramdown reads a cell as spans: `<p>` and `</p>` there are block tags in span-level
        # text ("Found block HTML tag"), written escaped wherever they stand in the cell
        done = _CELL_P_TAG.sub(lambda t: html.escape(t.group(0), quote=False), done)
    # a cell is a span: a close tag that closes nothing is text, and so is a block tag, open or
    # close (with no tag written in the cells, every tag is cmark's own: span tags, balanced,
    # which the pass leaves as they are)
    if _WRITTEN_TAG.search(source) and (("</" in done and _CLOSE_NOT_P.search(done))
                                        or _BLOCK_TAG_WRITTEN.search(source) or open_span_candidate(source)):
        done = PARAGRAPH.sub(escape_stray_closers, done)
    spans = _CELL_PARAGRAPH.findall(done)
    if len(spans) != len(cells):  # a cell cmark did not read as one paragraph: one run each
        spans = [unwrap_p(renderer.cmark(SPAN_MARK + cell)) for cell in cells]
    # each cell's mark goes now, right after its tag (where a quote reads it as the tag: text.py):
    # the page's HTML stays one byte a character (a regex over a wider string is slower)
    spans = [span[1:] if span[:1] == SPAN_MARK else span for span in spans]
    spans.reverse()
    out = []
    for kind, rows in sections:
        cell_tag = "th" if kind == "thead" else "td"
        out.append(f"<{kind}>\n")
        for row in rows:
            out.append("<tr>\n")
            for cell, how in zip(row + [""] * (width - len(row)), align):
                frag = spans.pop() if cell else ""
                if not frag:  # kramdown's convert_td: an empty cell holds a no-break space
                    frag = "\u00a0"
                attr = f' align="{how}"' if how else ""
                if _SOURCEPOS_MARK in frag:
                    frag = SOURCEPOS.sub("", frag)
                out.append(f"<{cell_tag}{attr}>{frag}</{cell_tag}>\n")
            out.append("</tr>\n")
        out.append(f"</{kind}>\n")
    out.append("</table>")
    written = "".join(out)
    if key is not None and len(renderer.tables) < TABLES_KEPT:
        renderer.tables[key] = written
    return head + written


def unwrap_p(fragment: str) -> str:
    """A span's HTML without the one paragraph cmark wrapped it in (and the whitespace around):
    what `\\A<p[^>]*>|</p>\\Z` removes, found with startswith, find and endswith (the regex
    tried its `</p>\\Z` at every character)."""
    text = fragment.strip()
    start, end = 0, len(text)
    if text.startswith("<p"):
        start = text.find(">", 2) + 1  # (0: no `>`, no match)
    if text.endswith("</p>") and end - 4 >= start:  # (not inside the first match: `<p</p>`)
        end -= 4
    return text[start:end]


_EMPTY_PARAGRAPH = re.compile(r'<p data-sourcepos="[^"]*">\s*</p>\n?')


def island_footnotes_in(frag: str, body: str, n: int) -> tuple:
    """(frag, body): an HTML element's markdown (island n, islands._footnote_carrier): the
    references its carrier got in the page's run go into its FN_CELL places; the carrier leaves
    the body (and its paragraph, when no other carrier shares it). None found: the places stay
    for the enclosing element's carrier (the renderer drops what is left at the end)."""
    carrier = re.search(f"{FN_CARRIER}{n}{FN_CARRIER}(.*?){FN_END}", body, re.S)
    if carrier is None:  # (an element inside another's markdown: the outer one's carrier fills them)
        return frag, body
    refs = iter(kramdown_refs(carrier.group(1), body).split(FN_CARRIER))
    frag = re.sub(FN_CELL, lambda _: next(refs, ""), frag)
    body = body[:carrier.start()] + body[carrier.end():]
    return frag, _EMPTY_PARAGRAPH.sub("", body) if "</p>" in body else body


def cell_footnotes_in(table: str, body: str, n: int) -> tuple:
    """(table, body): the references of island n's carrier paragraph in `body` (tables'
    _cell_footnotes), rendered in the page's run, put into the table's cells in order; the
    carrier gone from the body."""
    carrier = re.search(f'(<p[^>]*>){FN_CARRIER}{n}{FN_CARRIER}(.*?){FN_CARRIER}(</p>\n?|\n)', body, re.S)
    if carrier is None:
        return table, body
    refs = iter(carrier.group(2).split(FN_CARRIER))
    table = re.sub(FN_CELL, lambda _: next(refs, ""), table)
    kept = ""
    if carrier.group(3) == "\n":  # (a one-row table's carrier leading the paragraph below: its line goes)
        kept = _SOURCEPOS_START.sub(lambda m: str(int(m.group(1)) + 1), carrier.group(1), count=1)
    return table, body[:carrier.start()] + kept + body[carrier.end():]


_SOURCEPOS_START = re.compile(r'(?<=data-sourcepos=")(\d+)')

