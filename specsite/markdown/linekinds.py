"""What a line is, read with the lines around it: the predicates and line patterns `blocks.preprocess`
asks before it lifts kramdown syntax out of a page (a table's run, a paragraph going on, a block's
start, an item's text above, an IAL's run), kept apart from the pass that changes the lines."""
from __future__ import annotations

import re

from .fences import fenced_lines, item_text
from .fixups import with_attrs
from .lists import LIST_START, SETEXT_LINE
from .rawhtml import BLOCK_HTML, OTHER_BLOCK_HTML, span_tag_start
from .stray import TAG_START
from .tables import IAL_LINE as _IAL_LINE, SPAN_MARK

_ITEM_CONTENT = re.compile(r"^( {0,3}(?:[-+*]|\d{1,9}\.|:)[ \t]+)\S")  # (`:`: a definition, read as an item)
ATX_LINE = re.compile(r"#{1,6}(?:[ \t]|$)")  # (a heading: one line, the next starts a block)

_LINK_GOES_ON = re.compile(r"\]\([^)]*$")  # a line that ends inside a link's `](...`
# a line that carries a link's `(...)` on: its close, its title, or its destination then either
_DESTINATION_GOES_ON = re.compile(r"[)\"']|[^\s()]+(?:[ \t]+[\"'(].*)?\)")


def table_run(lines: list, i: int) -> bool:
    """Line i is in a run of lines with a pipe that starts after a blank line (or the text's
    start): kramdown's table (its rows may begin with a separator line, `---|---`), no
    paragraph that a table would interrupt."""
    while i >= 0 and "|" in lines[i] and lines[i].strip():
        i -= 1
    return i < 0 or not lines[i].strip()


def span_marked(text: str) -> str:
    """The content of a markdown="span" element with SPAN_MARK at each line start, so that no
    line starts a block; but a line that goes on with a letter (no block starts so; the mark would
    split an HTML tag's attributes over lines: `<img src="x"` then `alt="y">`), or that carries on
    a link's destination or title from the line before (`[a](url` then `)` or `"title")`: kramdown
    reads the link) stays unmarked, as the mark would end the tag or the link there. (The first
    line and one after a blank line are marked: indented, they would be code.)"""
    if "\n" not in text:
        return SPAN_MARK + text if text.strip(" \t") else text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        head = line.lstrip(" \t")
        if not head:
            continue
        if i and lines[i - 1].strip() and (head[0].isalpha() or "](" in lines[i - 1] and _LINK_GOES_ON.search(
                lines[i - 1]) and _DESTINATION_GOES_ON.match(head)):  # (the line before first: `](` is rare)
            continue
        lines[i] = SPAN_MARK + line
    return "\n".join(lines)


# (and digits) the marks a line starts with (after up to 3 spaces) that a line rule looks for
SPECIAL_HEAD = frozenset("<-+*#=_{>")
SETEXT_CHARS = frozenset("=- ")
RUBY_BLANK = " \t\r\f\v"  # (a line of U+3000 is text to kramdown: its BLANK_LINE is ASCII)
RULE_CHARS = frozenset("-*_ ")
BARE_TAILS = frozenset("-+*.)")  # the last characters (before blanks) of the lines these patterns match
SETEXT_TAILS = frozenset("=-")
RULE_TAILS = frozenset("-*+_")
RULE_OR_MARKER_TAILS = BARE_TAILS | SETEXT_TAILS | RULE_TAILS
TEXT_TAILS = frozenset(".)")  # (of those, the ones only a bare `1.` / `1)` ends with among the rules: an item's text)
CMARK_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
KRAMDOWN_ITEM = re.compile(r"^ {0,3}[-*+][ \t]")  # LIST_START_UL: ends a paragraph (GFM)
# a line of paragraph text (or a list item's first line of it), not indented code, not a block start
PARA_TEXT = re.compile(r"^ {0,3}(?:>[ \t]?)*(?:(?:[-*+]|\d+\.)[ \t]+)?(?=\S)(?![#>|<{:=]|```|~~~|\[[^\]]*\]:|\*\[)[^|\n]*$")
# an item whose text is a lone bullet: kramdown's PATTERN_TAIL wants a space after it (text); cmark: an empty item
LONE_BULLET = re.compile(r"^( {0,3}(?:[-*+][ \t]+)+)([-*+])[ \t]*$")
# a line led by an <option> tag: an HTML block (kind 6) to cmark, a span element to kramdown
OPTION_LINE = re.compile(r" {0,3}</?option(?=[\s/>])", re.I)
OPTION_HEADS = frozenset(("option ", "option>", "option/", "/option", "option\t"))
# a void element cmark starts an HTML block (kind 6) with, alone on its line
# kramdown's HTML_ELEMENTS_WITHOUT_BODY that are no span elements: cmark's HTML block (kind 6, or 7 for
# meta, embed, area, wbr, keygen, command) goes on over the next lines, kramdown's element ends at its tag
VOID_BLOCK_LINE = re.compile(r" {0,3}<(?:hr|base|col|link|param|source|track|meta|embed|area|wbr|keygen|command)"
                              r"(?=[\s/>])[^<>]*>[ \t]*$", re.I)
VOID_BLOCK_HEADS = frozenset("hblcpstmeawk")  # (their first letters)
NO_HTML_BLOCK = re.compile(r"<(?:\?|![A-Za-z])")  # `<?xml ?>`, `<!DOCTYPE …>`
DIGIT_OR_SPACE = frozenset("0123456789 ")
PAREN_MARKER = re.compile(r"^ {0,3}\d+\)(?:[ \t]|$)")
BARE_MARKER = re.compile(r"^ {0,3}(?:[-+*]|\d+[.)])[ \t]*$")
def one_line_block_before(lines: list, i: int, fence_end: int) -> bool:
    """Whether line i - 1 ends a block on its own line: an ATX heading, a setext underline, a rule
    after a blank line, a fence's closing line. kramdown starts a new block at line i (a span
    element's tag alone there is a paragraph); cmark reads the tag as an HTML block (kind 7)."""
    prev = lines[i - 1]
    if fence_end == i - 1 or ATX_LINE.match(prev):
        return True
    if prev[:4].lstrip(" ")[:1] not in SETEXT_CHARS | RULE_CHARS:
        return False
    if i > 1 and lines[i - 2].strip() and SETEXT_LINE.match(prev):
        return True
    return (i < 2 or not lines[i - 2].strip()) and CMARK_RULE.match(prev) is not None


_NOTE_START = re.compile(r" {0,3}\[\^\w[\w-]*\]:")


# (an item marker and the blanks after it, text next: its length is the content column; named
# apart from _ITEM_TEXT below, whose later definition had replaced this one)
_ITEM_MARK_COL = re.compile(r"( {0,3}(?:[-+*]|\d+\.)[ \t]+)(?=[^\s|])")


def under_item_text(lines: list, i: int) -> bool:
    """Whether line i (a table's first row) is right under a list item's first line of text, at
    the item's content column (less than 4 more): kramdown's table wants a block boundary before
    it, so in the item the rows go on the item's paragraph; cmark's GFM table interrupts it."""
    m = _ITEM_MARK_COL.match(lines[i - 1])
    if m is None:
        return False
    col, lead = len(m.group(1)), len(lines[i]) - len(lines[i].lstrip(" "))
    return col <= lead < col + 4


def no_setext_after(lines: list, k: int, fence_end: int) -> bool:
    """Whether text line k (a setext underline after it) comes right after a block that ended on
    its line or an HTML block (an island): kramdown's setext heading wants a block boundary before
    it (after_block_boundary?), so the two lines are a paragraph's; cmark reads a heading."""
    return k > 0 and PARA_TEXT.match(lines[k]) is not None and not ATX_LINE.match(lines[k]) and (
        one_line_block_before(lines, k, fence_end) or _ISLAND_LINE.match(lines[k - 1]) is not None)


def note_text_before(lines: list, i: int) -> bool:
    """Whether line i - 1 is an indented line of a footnote's definition: kramdown's note goes on
    over a line led by a span element's tag (codeblock.rb's lazy lines), cmark ends it there."""
    if not lines[i - 1].startswith(("    ", "\t")) or i < 2:
        return False
    k = i - 1
    while k > 0 and lines[k - 1].strip() and lines[k].startswith(("    ", "\t")):
        k -= 1
    return k < i - 1 and "[^" in lines[k][:6] and _NOTE_START.match(lines[k]) is not None


def text_after(lines: list, i: int) -> bool:
    """Whether a text line (no tag first) follows line `i`: a close tag that closes nothing is a
    paragraph's text in kramdown, and that paragraph goes on over it."""
    return i + 1 < len(lines) and bool(lines[i + 1].strip()) and not TAG_START.match(lines[i + 1])


def lazy_goes_on(lines: list, i: int):
    """The paragraph test for an unindented line `i`: a top-level paragraph's text line, or the
    text of a list item or quote that line i would continue lazily (kramdown's list lazy_re and
    blockquote LAZY_END end them at a tag that is no span element's: the element is then after
    the list or quote; the island's marker line ends cmark's there too)."""
    def goes_on(prev: str) -> bool:
        if PARAGRAPH_GOES_ON(prev):
            return True
        if _ITEM_OR_QUOTE.match(prev):
            return True  # (the item's or quote's first line, or a nested item's: its text)
        k = i - 1  # (a line of an item's or quote's text: the chunk starts with an item or a quote)
        while k > 0 and lines[k - 1].strip():
            k -= 1
        return k < i - 1 and _ITEM_OR_QUOTE.match(lines[k]) is not None \
            and (not BLOCK_START.match(prev.lstrip(" \t>")) or _ITEM_OR_QUOTE.match(prev.lstrip(" \t")) is not None)
    return goes_on


_ITEM_OR_QUOTE = re.compile(r" {0,3}(?:(?:[-+*]|\d{1,9}[.)])[ \t]+[^\s<]|>)")


def PARAGRAPH_GOES_ON(prev: str) -> bool:
    """Whether the line before is a paragraph's own text line (not a block's, a rule or a
    setext underline, nor indented: an item's or code)."""
    return not (prev[:1] in (" ", "\t") or BLOCK_START.match(prev) or SETEXT_LINE.match(prev)
                or CMARK_RULE.match(prev))


BLOCK_START = re.compile(r"^ {0,3}(?:#|>|```|~~~|[-+*][ \t]|\d+[.)][ \t]|\||<)|^[ \t\r\f\v]*$")  # (blank: ASCII only)
RAW_FIRST_TAG = re.compile(r"<[A-Za-z][\w-]*")
# kramdown's HTML_SPAN_ELEMENTS: a line that starts with one of these is paragraph text, no HTML block
_SPAN_TAG_LINE = re.compile(span_tag_start(), re.I)
_LONE_TAG_LINE = re.compile(r"\s*<[^<>]*>\s*")  # (cmark's HTML block kind 7: a tag alone on its line)


def span_led_text(line: str) -> bool:
    """A line led by a span element's tag, not alone on it: paragraph text to kramdown and cmark."""
    return line[:4].lstrip(" ")[:1] == "<" and "|" not in line and bool(_SPAN_TAG_LINE.match(line)) \
        and not _LONE_TAG_LINE.fullmatch(line)


LATER_NUMBER = re.compile(r" {0,3}(?!1\.)\d+\.[ \t]+\S")
_LIST_OR_QUOTE = re.compile(r" {0,3}(?:[-*+]|\d+[.)]|>)(?:[ \t]|$)")


def in_plain_paragraph(lines: list, i: int) -> bool:
    """Line i follows lines of a top-level paragraph: text up from a blank line (or the start),
    no list item, quote, heading, HTML block, table row or indented code among them (a line led
    by a span element's tag with more after it is paragraph text to both: `<br><br>`)."""
    k = i - 1
    while k >= 0 and lines[k].strip():
        if lines[k].startswith("<!--specsite-island-") and _ISLAND_LINE.match(lines[k]):
            break  # (a block of kramdown's lifted out: the paragraph starts after it)
        if not (PARA_TEXT.match(lines[k]) or span_led_text(lines[k])) or _LIST_OR_QUOTE.match(lines[k]):
            return False
        k -= 1
    return not lines[k + 1].startswith(("    ", "\t"))


_ITEM_TEXT = re.compile(r" {0,3}(?:[-*+]|\d+\.)([ \t]+)\S")


def item_text_above(lines: list, i: int) -> bool:
    """The setext line `i` and the line above it are in the text of the item two lines up (both
    indented to its text): a paragraph of two lines in the item, which kramdown's one-line setext
    heading is not."""
    m = _ITEM_TEXT.match(lines[i - 2])
    if m is None or "\t" in m.group(1):
        return False
    col = m.end() - 1
    return all(len(lines[k]) - len(lines[k].lstrip(" ")) >= col for k in (i - 1, i))


_PI = re.compile(r"<\?(?<!\\<\?)")  # (one a backslash escapes already is text to cmark too)


def escaped_pi(text: str) -> str:
    return _PI.sub("&lt;?", text)


def code_goes_on(lines: list, i: int, text: str) -> bool:
    """Whether indented line i (not after a blank line) is a line of indented code (its run began
    after one: the page's first line, a blank line), not a list item's text; `text`: the lines
    as the lazy code passes left them (line numbers as `lines`)."""
    return i + 1 in fenced_lines(text) and not item_text(lines, i)


def block_start(line: str) -> bool:
    return bool(BLOCK_START.match(line)) and not (line.lstrip(" ")[:1] == "<" and _SPAN_TAG_LINE.match(line))



def ial_run_at(lines: list, i: int, number: int) -> tuple:
    """(last index, anchor line, where) of the block IAL lines that start at line i: kramdown
    merges IALs on consecutive lines into one (parse_block_extensions: the same @block_ial, or the
    same block's ial), for the block before the first (anchored on it) or, after a blank line and
    before a block, the block after the last."""
    j = i
    while j + 1 < len(lines) and "{:" in lines[j + 1] and _IAL_LINE.match(lines[j + 1]) and not _is_toc(lines[j + 1]):
        j += 1
    prev_blank = i == 0 or not lines[i - 1].strip()
    next_line = lines[j + 1] if j + 1 < len(lines) else ""
    if prev_blank and next_line.strip():
        return j, number + j - i, "next"
    if prev_blank and i > 0:  # (blank lines after it join the blank before it: the next block still takes it)
        if not any(line.strip() for line in lines[:i]):
            return j, number, "none"  # (only blank lines before it: kramdown drops it, as at the start)
        k = j + 1
        while k < len(lines) and not lines[k].strip():
            k += 1
        while k < len(lines) and _LONE_COMMENT.match(lines[k]):
            k += 1  # (a comment is no block element: the block right after it takes it, a blank line drops it)
        if k < len(lines) and lines[k].strip():
            return j, number + k - 1 - i, "next"
        return j, number, "none"
    return j, number, "prev"


def html_block_tag(lines: list, k: int, attrs: dict) -> bool:
    """Put `attrs` on the open tag of the HTML block at line k (a tag kramdown reads as block HTML,
    whole on its line); False when line k starts none."""
    line = lines[k]
    if not (BLOCK_HTML.match(line) or OTHER_BLOCK_HTML.match(line)):
        return False
    close = line.find(">")
    if close < 0 or line[close - 1] == "/":
        return False
    lines[k] = with_attrs(line[:close], attrs) + line[close:]
    return True


def raw_island_before(lines: list, i: int, islands: list, attrs: dict) -> bool:
    """Whether line i follows a raw island's (or a markdown="1" element's) marker and its line
    padding (no blank line between: kramdown's IAL for that HTML element), putting `attrs` on the
    island's open tag."""
    k = i - 1
    while k >= 0 and not lines[k].strip():
        k -= 1
    m = _INDENTED_ISLAND_LINE.match(lines[k]) if k >= 0 else None  # (an indented element's marker is
    if m is None:  # indented as it: `  <summary>` in a markdown="block" element)
        return False
    n = int(m.group(1))
    island = islands[n]
    # (a markdown="1" element's island: its open tag, content and close tag took the padding lines)
    lines_taken = island[1].count("\n") if island[0] == "raw" else \
        island[1].count("\n") + island[2].count("\n") + island[4].count("\n") if island[0] in ("block", "span") else -1
    if lines_taken != i - 1 - k or not island[1].startswith("<"):
        return False
    end = island[1].find(">")
    if end < 0 or island[1][end - 1] == "/" or not (BLOCK_HTML.match(island[1]) or OTHER_BLOCK_HTML.match(island[1])):
        return False
    islands[n] = (island[0], with_attrs(island[1][:end], attrs) + island[1][end:]) + tuple(island[2:])
    return True


_ISLAND_LINE = re.compile(r"^<!--specsite-island-(\d+)-->$")
_INDENTED_ISLAND_LINE = re.compile(r"^ {0,3}<!--specsite-island-(\d+)-->$")
_LONE_COMMENT = re.compile(r"^ {0,3}<!--(?:(?!-->).)*-->[ \t]*$")




def between_lists(lines: list, i: int, j: int) -> bool:
    """Whether block IAL lines i..j (after a blank line) stand between a list and a list item: in
    kramdown the IAL line ends the list and the next list is another one (cmark would read on:
    an empty raw island, an HTML block, ends it)."""
    if j + 1 >= len(lines) or not LIST_START.match(lines[j + 1]):
        return False
    k = i - 1
    while k >= 0 and not lines[k].strip():
        k -= 1
    return k >= 0 and (LIST_START.match(lines[k]) is not None or lines[k][:1] in (" ", "\t"))


def ends_list(lines: list, i: int, j: int) -> bool:
    """Whether block IAL lines i..j, right after a list item's line, stand before another list
    item or an indented line (blank lines between): kramdown's list ends at the IAL (list.rb's
    lazy_re takes no IAL line), cmark's goes on (the indented line is the item's)."""
    k = j + 1
    while k < len(lines) and not lines[k].strip():
        k += 1
    return i > 0 and k < len(lines) and (LIST_START.match(lines[k]) is not None or lines[k][:1] in (" ", "\t")) \
        and (LIST_START.match(lines[i - 1]) is not None or lines[i - 1][:1] in (" ", "\t"))


def _is_toc(line: str) -> bool:
    if "toc" not in line:
        return False
    from .toc import TOC_IAL
    return bool(TOC_IAL.match(line))


def toc_at(lines: list, i: int, prep) -> bool:
    """toc.lift_toc for a `{:toc}` line into `prep` (blocks' _Prep: its ials and islands); toc and
    quoted are imported when a page has such a line."""
    from .toc import TOC_IAL, lift_toc, quoted_toc
    return bool(TOC_IAL.match(lines[i]) or quoted_toc(lines[i])) and lift_toc(lines, i, prep.ials, prep.islands)


def quoted_ial_at(lines: list, i: int, ials: list) -> bool:
    from .quoted import quoted_ial
    return quoted_ial(lines, i, ials)


def at_item_content(lines, i):
    """Whether the indented `## …` line i sits at the content column of the list item (or the
    definition) above it (`- item` then `  ## head`): kramdown's item text is unindented by that
    column, so the line is the item's heading there, not text."""
    indent = len(lines[i]) - len(lines[i].lstrip(" "))
    for j in range(i - 1, -1, -1):
        above = lines[j]
        if not above.strip():
            continue
        if len(above) - len(above.lstrip(" ")) < indent:
            item = _ITEM_CONTENT.match(above)
            return bool(item) and len(item.group(1)) == indent and "\t" not in item.group(1)
    return False
