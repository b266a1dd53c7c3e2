"""One fragment of a page through cmark (the page's text, or an HTML element's markdown): its
source prepared by blocks.preprocess, cmark's HTML put right where kramdown's lists, paragraphs and
stray tags differ, and the islands (HTML blocks, tables, definition lists, markdown="1" elements)
rendered on their own and put back in their places."""
from __future__ import annotations

import re

from ..lazy_re import LazyPattern
from .blocks import preprocess
from .deflists import definition_list_html
from .fences import INDENTED_FENCE, kept_fence_indent
from .fixups import set_header_ids, without_list_numbers
from .itemparas import LOOSE_ITEM, kramdown_item_paragraphs
from .layout import MD_ISLAND, RAW_ISLAND
from .linekinds import RAW_FIRST_TAG, span_marked
from .paraindent import candidate as para_indent_candidate, kept_line_indents, unpadded
from .scan import SOURCEPOS
from .spacing import joined_span_paragraphs, kept_span_space, unpadded_marks
from .spans import literal_backslash_breaks, math_as_written
from .spantext import kramdown_span_text
from .stray import (BLOCK_IN_ITEM, BLOCK_IN_PARAGRAPH, HEADING, ODD_VALUE, PARAGRAPH, STRAY_CANDIDATE, TIGHT_ITEM,
                    escape_inner_paragraph_tags, escape_stray_closers, open_span_candidate, p_in_text)
from .tablehtml import cell_footnotes_in, island_footnotes_in, table_html, unwrap_p as _unwrap_p
from .tables import FN_CELL

RAW_HEADING, _HN = " data-ss-raw", re.compile(r"<[hH][1-6]")  # marks the first tag of a raw HTML heading block
_ISLAND_MARK = LazyPattern(r"<!--specsite-island-(\d+)-->")
_HR = re.compile(r"<hr").search
_REF_MARK = re.compile(r"\]:").search


def render_fragment(renderer, text: str, line_base: int, basic: bool, span: bool = False, refs: str = "",
                    toc: bool = True, closed: bool = False):
    """Render one fragment to HTML whose data-sourcepos lines are absolute; `span`: the
    content of a markdown="span" element (no block syntax such as tables); `refs`: the
    enclosing document's link definitions (kramdown resolves `[x][ref]` against the whole
    document, an HTML element's markdown included); `toc`: a `{:toc}` list here may become
    the TOC (kramdown writes one, at the first such list of the document); `closed`: an HTML
    element's content whose end tag is on the line right after its last line (a Jekyll site's:
    the theme's pages keep such a table a table)."""
    closed_at = text.count("\n") if closed else None
    if span:  # span-level only: no line starts a block (a fence, an HTML block, code by indentation)
        text = span_marked(text)
    text += refs
    prep = preprocess(text, tables=not span, toc=toc, closed_at=closed_at)
    source = kramdown_span_text(prep.text, not renderer.extras.no_auto_typographic) if renderer.jekyll_markup \
        else prep.text
    if prep.islands and "]:" in text:  # kramdown's link and footnote definitions are the document's,
        inner = [d for island in prep.islands if island[0] in ("block", "span") and "]:" in island[2]
                 for d in _REF_DEF.findall(island[2])]  # those in an HTML element's markdown too
        if inner:
            source += "\n\n" + "\n".join(inner)
    out = renderer.cmark(source)
    if renderer.jekyll_markup:
        out = without_list_numbers(out)
    if renderer.jekyll_markup and not line_base and ("\n " in source or "\n\t" in source or "\n>" in source) \
            and para_indent_candidate(out, source):
        out = kept_line_indents(out, unpadded(source, text))  # (kramdown keeps a paragraph line's leading blanks)
    if renderer.jekyll_markup and "<pre data-sourcepos" in out and (" ```" in source or " ~~~" in source) \
            and INDENTED_FENCE.search(source):
        out = kept_fence_indent(out, source)  # (kramdown keeps a fence's content as written)
    if renderer.abbrevs:  # (before the raw islands go back in: kramdown leaves raw HTML alone)
        from .abbrev import abbreviate_blocks
        out = abbreviate_blocks(out, renderer.abbrevs)
    # with no tag written by the author, a paragraph's or item's tags are cmark's own: all span
    # tags, balanced, so the passes below change nothing (but for an <hr /> in a tight item)
    if p_in_text(source):  # (before the passes that end a paragraph at </p>; its regex is the cheapest test)
        out = escape_inner_paragraph_tags(out)
    if "<" in prep.text and (_WRITTEN_TAG.search(source) or _HR(out)) and (  # (a memchr first: each
            ("</" in prep.text and STRAY_CANDIDATE.search(out)) or  # case below wants a "<" in the text)
            ("<" in prep.text and (BLOCK_IN_PARAGRAPH.search(out) or BLOCK_IN_ITEM.search(out)))
            or ("=" in prep.text and ODD_VALUE.search(prep.text)) or open_span_candidate(prep.text)):
        out = PARAGRAPH.sub(escape_stray_closers, out)
        out = TIGHT_ITEM.sub(escape_stray_closers, out)
        if "<h" in out:
            out = HEADING.sub(escape_stray_closers, out)
    if "<p data-sourcepos" in out and '">\n<p ' in out and LOOSE_ITEM.search(out):  # (the pattern's tail
        # first: a substring search, a third of the regex's steps; found in a container only)
        out = kramdown_item_paragraphs(out, prep.text.split("\n"))
    if "<li" in out and _BARE_AFTER_END.search(out) and _BARE_AFTER_BLOCK.search(out):
        out = _BARE_AFTER_BLOCK.sub(lambda m: f"{m.group(1)}\n<p>{m.group(3)}</p>", out)
    if prep.header_ids:
        out = set_header_ids(out, prep.header_ids)
    if line_base:
        out = SOURCEPOS.sub(lambda m: ' data-sourcepos="%d:%s-%d:%s"' % (
            int(m.group(1)) + line_base, m.group(2), int(m.group(3)) + line_base, m.group(4)), out)
    if basic:
        out = re.sub(r'(<h[1-6] data-sourcepos="[^"]*")>', r"\1 data-ss-basic>", out)
    ials = [(line + line_base, attrs, where) for line, attrs, where in prep.ials]
    if prep.islands:
        # (the definitions as preprocess left them: a `[^x]:` line it made text is none)
        refs = ""
        if _REF_MARK(text):
            from .linkdefs import definitions_read
            refs = "\n\n" + "\n".join(_REF_DEF.findall(definitions_read(text, prep)))
        cell_refs = None  # (made for the first table: see below)
        rendered = []
        toc_taken = not toc  # (a TOC before an island: its `{:toc}` list stays a list)
        for n, (mode, open_html, inner, inner_line, close_html) in enumerate(prep.islands):
            if mode == "raw":  # kramdown's HTML block: as written, up to its matching close tag
                last = inner_line + open_html.count("\n")
                if "<!--specsite-island-" in open_html:  # (an island in it: its lines' padding goes)
                    open_html = unpadded_marks(open_html, prep.islands)
                if "specsite-math-" in open_html and renderer.maths:  # (kramdown's raw text: `$$` as written)
                    open_html = math_as_written(open_html, renderer.maths)
                rendered.append(island_pos(open_html, inner_line + line_base, last + line_base,
                                           RAW_ISLAND if renderer.jekyll_markup else ""))
                continue
            if mode == "table":
                if cell_refs is None:  # a table's cells are read as preprocessed: so are the definitions
                    # they resolve against (`[x][s-_r]`: preprocess escapes the underscore in both; cmark
                    # matches labels as written)
                    cell_refs = "\n\n" + "\n".join(_REF_DEF.findall(source)) if refs else ""
                table = table_html(renderer, open_html, inner_line + line_base, cell_refs)
                if FN_CELL in table:  # (footnote references in its cells)
                    table, out = cell_footnotes_in(table, out, n)
                rendered.append(table)
                continue
            if mode == "dl":
                frag, sub_ials = definition_list_html(renderer, open_html, inner_line, line_base, basic,
                                                      int(inner) if inner else 1, refs)
                ials += sub_ials
                rendered.append(frag)
                continue
            if mode == "span":
                frag, sub_ials = render_fragment(renderer, inner.strip(), line_base + inner_line - 1, basic,
                                                 span=True, refs=refs)
                frag = _unwrap_p(frag)
                if "</p>" in frag and renderer.jekyll_markup:  # (a blank line in it: no paragraphs in span text)
                    frag = joined_span_paragraphs(inner.strip(), frag)
                if renderer.jekyll_markup and inner.strip() and inner != inner.strip():
                    frag = kept_span_space(inner, frag)  # (kramdown's span text is the content as written)
            else:
                if renderer.jekyll_markup and "\\\n" in inner:  # (kramdown: no line break in an HTML element)
                    inner = literal_backslash_breaks(inner)
                if not toc_taken and "toc" in inner:
                    at = prep.text.find(f"<!--specsite-island-{n}-->")
                    toc_taken = "<!--specsite-toc-" in (prep.text[:at] if at >= 0 else prep.text)
                frag, sub_ials = render_fragment(renderer, inner, line_base + inner_line - 1, True, refs=refs,
                                                 toc=not toc_taken,
                                                 closed=renderer.jekyll_markup and inner.endswith("\n")
                                                 and not inner.endswith("\n\n"))
                toc_taken = toc_taken or "<!--specsite-toc-" in frag
            ials += sub_ials
            if FN_CELL in frag:  # (footnote references in its markdown: carried by the page's run)
                frag, out = island_footnotes_in(frag, out, n)
            # the open tag's lines (as a raw island's): a block IAL before it targets them
            mark = f'{MD_ISLAND}="{inner_line + inner.count(chr(10)) + line_base}"' \
                if renderer.jekyll_markup and mode != "span" else ""  # (the close tag's line, for layout)
            open_html = island_pos(open_html, inner_line - open_html.count("\n") + line_base,
                                   inner_line + line_base, mark)
            rendered.append(f"{open_html}{frag}{close_html}")
        for _ in range(4):  # a raw block may hold the marker of a markdown="1" island
            out = _ISLAND_MARK.sub(lambda m: rendered[int(m.group(1))], out)
            if "<!--specsite-island-" not in out:
                break
    return out, ials


def island_pos(html_text: str, first: int, last: int, mark: str = "") -> str:
    """An island's first tag with its lines, so that a block IAL finds it (a raw <hN> is no
    kramdown heading: no id, not in a toc); `mark`: layout's mark of its kind."""
    return RAW_FIRST_TAG.sub(lambda t: f'{t.group(0)}{RAW_HEADING if _HN.fullmatch(t.group(0)) else ""} data-sourcepos='
                                       f'"{first}:1-{last}:1"{mark}', html_text, count=1)


# the paragraph's text: up to the item's end or a block. It opens with a word, or with one of
# kramdown's span elements (HTML_SPAN_ELEMENTS: a code span, a link, <b>, an abbreviation); any other
# tag there is raw HTML that cmark kept as a block of its own (<script>, a comment, a footnote list),
# and a footnote's backlink after its code block gets its own <p> from the footnote pass
_BARE_TEXT = (r"((?:[^\s<]|<(?:a(?! href=\"#fnref)|abbr|acronym|b|big|bdo|br|button|cite|code|del|dfn|em|i|img|input|ins|kbd"
              r"|label|mark|q|samp|small|span|strong|sub|sup|tt|u|var)\b)[^<]*?"
              r"(?:<(?!/li>|ul|ol|h[1-6]|pre|div|table|blockquote|p\b|dl)[^<]*?)*?)")
# text right after a heading, code block or HTML block (an island's marker line) that cmark wrote
# in a tight list item: a paragraph that is not the item's first, which kramdown always wraps in <p>
# (`- item` then `  <div>a</div> tail`: <p>tail</p>)
_BARE_AFTER_BLOCK = re.compile(r'(<h([1-6]) data-sourcepos="[^"]*"[^>]*>.*?</h\2>|<pre data-sourcepos="[^"]*"[^>]*>.*?</pre>'
                               r'|(?<=\n)<!--specsite-island-\d+-->)'
                               r"\n" + _BARE_TEXT +
                               r"(?=</li>|\n<(?:ul|ol|h[1-6]|pre|div|table|blockquote|p|dl)\b)", re.S)
# Any match of _BARE_AFTER_BLOCK ends with this; it is cheap to look for first (the block's lazy
# `.*?` backtracks over the rest of the page at every heading and code block when nothing follows).
_BARE_AFTER_END = LazyPattern(r"(?:</(?:h[1-6]|pre)>|<!--specsite-island-\d+-->)\n" + _BARE_TEXT +
                             r"(?=</li>|\n<(?:ul|ol|h[1-6]|pre|div|table|blockquote|p|dl)\b)")
_WRITTEN_TAG = LazyPattern(r"<[A-Za-z/]")  # (an autolink too: enough that the stray-tag passes run)
_REF_DEF = LazyPattern(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$", re.M)
