"""Markdown as kramdown (`input: GFM`) reads it, through cmark-gfm, with positions kept.

cmark-gfm renders in C; kramdown's extras are done around it: attribute lists and `{#id}`
are lifted out before parsing and applied by source line afterwards (cmark's data-sourcepos),
`markdown="1|span"` HTML blocks are rendered as islands, heading ids follow kramdown.

Modules: `blocks` (the source before cmark; `prescan`: which of its whole-page passes a page
needs; `fences`: which lines are fenced), `renderer` (the page: cmark and the passes after it;
`fragment`: one fragment and its islands), `fixups` (HTML passes), `scan` (links and ids), and
kramdown's readings of lists, emphasis, tables, spans and text (`lists`, `lazycode`, `itemparas`,
`itemcode`, `emphasis`, `pairing`, `quoted`, `tables`, `spans`, `text`); kramdown features cmark lacks: `toc`
({:toc}), `tasks` (GFM task lists), `footnotes` (kramdown's footnote markup), `stray` (HTML
that closes nothing, `<?` lines); `layout`: kramdown's whitespace, byte for byte (indents, blank
lines, a code span's line breaks), which Liquid sees in `page.content`.
"""
from .fixups import parse_ial
from .renderer import Heading, MarkdownRenderer, MarkdownResult
from .scan import ATTR, LINK_ATTRS, RawLink, _scan, inside

__all__ = ["ATTR", "Heading", "LINK_ATTRS", "MarkdownRenderer", "MarkdownResult", "RawLink", "_scan", "inside",
           "parse_ial"]
