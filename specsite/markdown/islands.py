"""kramdown's HTML blocks, lifted out of the text before cmark reads it (blocks.preprocess) as
islands (a marker line that keeps the line count): a `<tag markdown="1">` block, read as
kramdown reads its content model; an HTML block that runs over blank lines, which kramdown keeps
whole and CommonMark ends at the first blank line; and the close tags of an element kramdown
auto-closes at the end of the text."""
from __future__ import annotations

import re

from .blockhtml import block_close, matching_close
from .fences import fenced_lines
from .itemend import item_limit
from .taglines import tag_line_matches
from .lazyend import open_at_end
from .rawhtml import (BLOCK_HTML, CONTENT_MODEL_BLOCK, CONTENT_MODEL_SPAN, MARKDOWN_ATTR, OTHER_BLOCK_HTML, SPAN_ELEMENTS, VOID, kramdown_block,
                      span_tag_start)
from .scan import comment_spans, inside
from .tables import FN_CARRIER, FN_CELL, FN_END, FOOTNOTE_REF
from .text import outside_code_spans

# (any `markdown` attribute: kramdown deletes it; a value not in HTML_MARKDOWN_ATTR_MAP, or none
# (`<div markdown>`, mkdocs' attr_list), leaves the content raw, as "0" does)
ISLAND_OPEN = re.compile(
    r"<([A-Za-z][A-Za-z0-9]*)(\s[^>]*?)?\smarkdown(?:\s*=\s*([\"']?)([^\"'\s>]*)\3)?(?=[\s/>])([^>]*)>", re.S)
_MODES = frozenset(("1", "block", "span", "0"))
# a span element's tag alone on a line (but <option>: cmark's HTML block tag, raw content in kramdown)
SPAN_TAG_LINE = re.compile("^" + span_tag_start(SPAN_ELEMENTS - {"option"}) + r"[^>]*>\s*$", re.I)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_LAZY_SPAN_NAME = re.compile("(?:" + "|".join(sorted(SPAN_ELEMENTS | {"script"}, key=lambda n: (-len(n), n))) + r")\b", re.I)
_CLOSE_TAGS = re.compile(r"(?:\s*</[A-Za-z][\w-]*\s*>)+\s*")
_LONE_TAG = re.compile(r"^ {0,3}<([A-Za-z][\w-]*)(?:\s[^>]*)?>[ \t]*$", re.M)


def auto_closed(text: str) -> str:
    """kramdown closes an HTML block element left open (warning "Found no end tag ... auto-closing
    it") at the end of the text; cmark leaves it open, and the browser then puts the rest of the
    layout inside it. The close tags of such elements, innermost first."""
    closes, fenced, comments = [], None, None
    for m in tag_line_matches(_LONE_TAG.match, text):
        tag = m.group(1).lower()
        if tag in VOID or m.group(0).rstrip().endswith("/>") or SPAN_TAG_LINE.match(m.group(0)) or \
                re.compile(rf"</{re.escape(tag)}\s*>", re.I).search(text, m.end()):
            continue
        if fenced is None:
            fenced = fenced_lines(text)
            comments = comment_spans(text)
            trees = _kramdown_trees(text, fenced, comments)
        if (fenced and text.count("\n", 0, m.start()) + 1 in fenced) or inside(comments, m.start()) or \
                any(start <= m.start() < end for start, end in trees):
            continue  # (kramdown_block closes what it leaves open itself)
        closes.append(f"</{tag}>")
    return "\n".join(reversed(closes))


def _kramdown_trees(text: str, fenced, comments) -> list:
    """Where the HTML blocks that kramdown_block writes as kramdown's tree start and end."""
    trees, pos = [], 0
    for m in tag_line_matches(OTHER_BLOCK_HTML.match, text):  # (BLOCK_HTML's names too)
        if m.start() < pos or (fenced and text.count("\n", 0, m.start()) + 1 in fenced) or inside(comments, m.start()) \
                or _lazy_other(text, m) or (text[m.start()] != "<" and not BLOCK_HTML.match(text, m.start())):
            continue  # (an indented element of another name: _extract_raw_blocks leaves it, auto_closed closes it)
        block = kramdown_block(text, m.start())
        if block is not None:
            if block.html is not None:
                trees.append((m.start(), block.end))
            pos = block.end
    return trees


def _extract_raw_blocks(text: str, islands: list) -> str:
    """kramdown reads an HTML block up to its matching close tag, blank lines and all, and leaves
    it as written, and the line after it starts a new block; CommonMark ends it at the first
    blank line (reading the rest as markdown, indented lines as code, or the lines after it as
    HTML). Such blocks become raw islands."""
    if "<" not in text:
        return text
    fenced = None
    pieces, pos, read_to = [], 0, 0
    for m in tag_line_matches(OTHER_BLOCK_HTML.match, text):
        other = not BLOCK_HTML.match(text, m.start())
        if _lazy_other(text, m):
            continue
        if fenced is None:
            fenced = fenced_lines(text)
            comments = comment_spans(text)
        if m.start() < pos or (fenced and text.count("\n", 0, m.start()) + 1 in fenced) or \
                (comments and inside(comments, m.start())):
            continue
        if m.start() < read_to:
            continue  # (inside a block kramdown reads as a whole: its raw content, a `  <p>` line in a
            # <div> no block of its own, whose indent the island's marker would write a second time)
        block = None
        line_start = text.rfind("\n", 0, m.start()) + 1
        at = text.index("<", m.start())
        limit = item_limit(text, line_start, at) if at > line_start else len(text)
        scope = text if limit >= len(text) else text[:limit]  # (kramdown reads an item's element in the item's text)
        if m.start() >= read_to and (not other or text[m.start()] == "<"):
            # (not inside a block kramdown reads as a whole; an element of another name only at the
            # margin: indented, it may be a list item's, which kramdown reads to the item's end only)
            block = kramdown_block(scope, m.start())
            if block is not None and block.html is not None:
                # a stray close tag or an element left open: kramdown's tree, as kramdown writes it
                _raw_island(text, islands, pieces, pos, m.start(), block.end, block.html)
                pos = block.end
                continue
            if not other:  # (an element left open of another name: kramdown's tree above; a closed one below)
                read_to = block.end if block is not None else read_to
        if m.group(0).endswith("/>"):  # (HTML_TAG_RE's `/`: a closed element, no end tag to look for)
            close_start = close_end = m.end()
        else:
            close_start, close_end = matching_close(scope, m.group(1), m.end())
        auto_close = ""
        if close_start < 0 and other:
            continue  # (another element left open: auto_closed closes it at the end)
        if close_start < 0 and text[m.start()] == "<" and not m.group(0).endswith("/>"):
            # kramdown reads an element left open raw to the end of the text and closes it there
            # (a lone open tag is closed by auto_closed)
            close_start = close_end = len(scope)
            auto_close = "" if _LONE_TAG.match(scope, m.start()) else f"</{m.group(1)}>"
        if close_start < 0 or MARKDOWN_ATTR.search(text, m.start(), close_end):
            continue
        line_end = text.find("\n", close_end)
        line_end = len(text) if line_end < 0 else line_end
        next_end = text.find("\n", line_end + 1)
        # no blank line inside, none needed after: cmark ends it where kramdown does (but the lines
        # of a <pre>, a highlight tag's code, are no text for the line rules either: raw)
        if not _BLANK_LINE.search(text, m.end(), close_start) and not text[close_end:line_end].strip() and \
                not text[line_end + 1:len(text) if next_end < 0 else next_end].strip(" \t\r\f\v") \
                and text.find("<pre", m.start(), close_start) < 0 and _CMARK_NAME.fullmatch(m.group(1)):
            continue  # (a name with `_`, `:` or `.` is no tag to cmark: an island in any case; a line of
            # U+3000 is no blank line to cmark)
        after = tail = ""
        if text[close_end:line_end].strip() and not _SPAN_TAGS_ONLY.fullmatch(text, close_end, line_end):
            # text or close tags after the close tag on its line: kramdown's block parser goes on
            # right after the tag (TRAILING_WHITESPACE takes no text), so they start the next block,
            # a paragraph (`<div>a</div> b`: <div>a</div> then <p>b</p>; a close tag that closes
            # nothing is its text, `&lt;/tr&gt;`); cmark would keep the line raw. They go on a line
            # of their own under the marker, with the element's indent (one line more when the
            # element is on one line: the markdown islands do the same)
            if block is None or block.end != close_end or "|" in text[m.start():line_end] or \
                    m.group(1).lower() in _SPAN_NAMES:
                continue  # (kramdown's own reading of the element ends elsewhere; a table's row: its
                # cells; a span element, <option>, and the renderer's stand-in for an author's <code>:
                # the line is a paragraph)
            if "\n" not in text[m.start():close_end]:
                lead = text[m.start():m.start() + 3]
                tail = "\n" + lead[:len(lead) - len(lead.lstrip(" "))]
        elif text[close_end:line_end].strip():  # span tags alone after it (`</h1><br>`): kramdown's next block, a paragraph
            after = "\n<p>" + text[close_end:line_end].strip() + "</p>"
        # (`</body></html>`: the close tags after it start a block of their own, a paragraph of
        # text when they close nothing)
        element = text[m.start():close_end] + auto_close
        if tail and text[close_end:line_end].lstrip(" \t")[:1] == "<":
            element, close_end = _elements_after(text, element, close_end, line_end)
            if not text[close_end:line_end].strip():
                tail = ""  # (nothing left on the line)
        if text[m.start()] == " " and "\n" in element:
            element = _item_unindented(text, m.start(), element)
        if after:
            close_end = line_end
        _raw_island(text, islands, pieces, pos, m.start(), close_end, element + after)
        if tail == "\n" and text[m.start() - 2:m.start()] == "\n\n" and pieces[-2].endswith("\n"):
            pieces[-2] = pieces[-2][:-1]  # (the marker takes the blank line above: the text keeps its line
            # number, so the blank lines the layout reads after it are the source's)
        pieces.append(tail)
        pos = close_end
        if tail:  # (the text's own leading blanks go: under an indented element they would make code)
            while text[pos] in " \t":
                pos += 1
    if not pieces:
        return text
    pieces.append(text[pos:])
    return "".join(pieces)


def _item_unindented(text: str, start: int, element: str) -> str:
    """An indented HTML block's text as kramdown reads it in a list item: the item's content is
    a document of its own, each line without the item's column (the element's later lines too)."""
    from .bullets import item_column
    line_end = text.find("\n", start)
    lines = text[:len(text) if line_end < 0 else line_end].split("\n")
    col = item_column(lines, len(lines) - 1)
    if not col:
        return element
    first, *rest = element.split("\n")
    return "\n".join([first] + [line[min(col, len(line) - len(line.lstrip(" "))):] for line in rest])


_SPAN_NAMES = SPAN_ELEMENTS | {"ss-raw-code"}
_NEXT_TAG = re.compile(r"[ \t]*<([A-Za-z][A-Za-z0-9-]*)(?=[\s>/])[^>]*>")


def _elements_after(text: str, element: str, close_end: int, line_end: int) -> tuple:
    """The elements that follow an HTML block's element on its line (`<td>1</td><td>2</td></tr>`,
    a {% tablerow %}'s cells): kramdown's block parser goes on right after each close tag, so
    each is a block of its own, written on a line of its own; they join the element's island,
    a line each (the line count kept). Returns the island's HTML and where the last one ends."""
    while True:
        m = _NEXT_TAG.match(text, close_end, line_end)
        if m is None or m.group(1).lower() in _SPAN_NAMES or m.group(0).endswith("/>") \
                or m.group(1).lower() in VOID:
            return element, close_end
        end = matching_close(text, m.group(1), m.end())[1]
        if end < 0 or end > line_end:
            return element, close_end
        element += "\n" + text[m.start():end].lstrip(" \t")
        close_end = end
_CMARK_NAME = re.compile(r"[A-Za-z][A-Za-z0-9-]*")  # (CommonMark's tag name)
_SPAN_TAGS_ONLY = re.compile(r"[ \t]*(?:<(?:" + "|".join(sorted(SPAN_ELEMENTS - {"code", "kbd", "samp", "var"}))
                             + r")(?:\s[^<>]*)?/?>[ \t]*)+", re.I)  # (no text: nothing to read as markdown)


def _lazy_other(text: str, m) -> bool:
    """An element of OTHER_BLOCK_HTML (not of BLOCK_HTML) that is not read here: after a paragraph
    that leaves an element open (lazyend closes it), or `<i-con>` after a text line (it goes on the
    paragraph: LAZY_END_HTML_START's span names end at a word boundary)."""
    return bool(m.start()) and not BLOCK_HTML.match(text, m.start()) and (_leaves_open(text, m.start()) or (
        bool(_LAZY_SPAN_NAME.match(m.group(1))) and bool(text[text.rfind("\n", 0, m.start() - 1) + 1:m.start()].strip())))


def _leaves_open(text: str, start: int) -> bool:
    """Whether the text lines right above `start` (a line start; up to a blank line) leave an element open."""
    top = end = start - 1
    while top > 0:
        line_start = text.rfind("\n", 0, top) + 1
        if not text[line_start:top].strip():
            break
        top = line_start - 1
    above = text[max(top, 0):max(end, 0)]
    return bool(above.strip()) and bool(open_at_end(above))


def _raw_island(text: str, islands: list, pieces: list, pos: int, start: int, end: int, html: str) -> None:
    """text[start:end] becomes a marker line (and as many line breaks) for the raw island `html`;
    the marker keeps the line's indent (up to 3 spaces), so that a block indented into a list
    item (`1. Step` then `   <table>`) stays in the item, where kramdown reads it."""
    index = len(islands)
    lines_after = "\n" * text.count("\n", start, end)
    if FN_CARRIER in html:  # carriers of the markdown islands inside: the page's run must read them
        carriers = _CARRIER_LINE.findall(html)
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        skip = _carrier_room(text, line_start, text[line_start:end], text[end:line_end], line_end)
        if skip:
            html = _CARRIER_LINE.sub("", html)
            lines_after = "\n" * skip + " ".join(carriers) + lines_after[skip:]
    islands.append(("raw", html, "", text.count("\n", 0, start) + 1, ""))
    pieces.append(text[pos:start])
    indent = len(text[start:start + 3]) - len(text[start:start + 3].lstrip(" ")) \
        if start == text.rfind("\n", 0, start) + 1 else 0
    if indent and html.startswith(" " * indent):  # (the marker writes them: not a second time)
        islands[-1] = ("raw", html[indent:], "", text.count("\n", 0, start) + 1, "")
    pieces.append(" " * indent + f"<!--specsite-island-{index}-->" + lines_after)


def extract_islands(text: str, islands: list) -> str:
    """Replace each `<tag markdown="…">…</tag>` HTML block by a marker comment line; then each
    other HTML block that runs over blank lines (kramdown's reading) by a raw one."""
    return _extract_raw_blocks(_item_tag_lines(_extract_markdown_islands(text, islands)), islands)


_DEEP_TAG_LINE = re.compile(r"\n\n( {4,6})<[A-Za-z]")  # (after a blank line: a block's first line)


def _item_tag_lines(text: str) -> str:
    """`text` with each HTML block tag line that stands one to three columns past its list item's
    text column (`    <table>` under `* `) at that column: kramdown reads the item's lines from
    its column (OPT_SPACE: up to three spaces lead an HTML block), and writes the element the
    same either way; the raw blocks below are found at up to three spaces (items at column 2
    or 3)."""
    if "\n    <" not in text:
        return text
    lines, fenced = None, None
    for m in _DEEP_TAG_LINE.finditer(text):
        start, lead = m.start(1), len(m.group(1))
        line_end = text.find("\n", start)
        line = text[start:len(text) if line_end < 0 else line_end]
        if OTHER_BLOCK_HTML.match(line[lead:]) is None or MARKDOWN_ATTR.search(line):
            continue
        col = _deep_item_column(text, start, start + lead)
        if not col or col > 3 or lead - col > 3:
            continue
        fenced = fenced_lines(text, indented=False) if fenced is None else fenced
        number = text.count("\n", 0, start)
        if number + 1 in fenced:
            continue
        lines = text.split("\n") if lines is None else lines
        if not _in_item_fence(lines, number, col):
            lines[number] = " " * col + lines[number][lead:]
    return text if lines is None else "\n".join(lines)


def _in_item_fence(lines: list, number: int, col: int) -> bool:
    """Whether line `number` is inside a fence of its item's text (fence lines read from the item's
    column, up to the item's marker line)."""
    opened = False
    for k in range(number - 1, -1, -1):
        line = lines[k]
        lead = len(line) - len(line.lstrip(" "))
        if line.strip() and lead < col:
            return opened
        if lead - col <= 3 and line.lstrip(" ").startswith(("```", "~~~")):
            opened = not opened
    return opened


_EXTENSION_OPEN = re.compile(r"^ {0,3}\{::(nomarkdown|comment)\b[^}\n]*(?<!/)\}[ \t]*$", re.M)


def _extension_spans(text: str) -> list:
    """(start, end) of each `{::nomarkdown}` and `{::comment}` block: kramdown reads its lines as
    written (an element's markdown attribute in it is text)."""
    spans = []
    for m in _EXTENSION_OPEN.finditer(text):
        close = re.compile(rf"^ {{0,3}}\{{:/(?:{m.group(1)})?\}}[ \t]*$", re.M).search(text, m.end())
        spans.append((m.start(), close.end() if close is not None else len(text)))
    return spans


def _extract_markdown_islands(text: str, islands: list) -> str:
    if "markdown" not in text:
        return text
    pieces = []
    pos = 0
    for_search = 0
    fenced = comments = None
    chain_at = -1  # (where an element starts right after the last island's end tag, on its line)
    while True:
        m = ISLAND_OPEN.search(text, for_search)
        if not m:
            break
        line_start = text.rfind("\n", 0, m.start()) + 1
        if m.start() == chain_at:  # kramdown's parse_blocks goes on right after an end tag: a block
            line_start = m.start()  # starts there as at a line start (written on a line of its own)
        elif text[line_start:m.start()].strip():
            for_search = m.end()  # not at the start of a line: an inline tag, left alone
            continue
        if fenced is None:  # kramdown reads neither a fenced code block nor a comment as markdown
            fenced = fenced_lines(text, indented=False)
            comments = comment_spans(text)
        if (fenced and text.count("\n", 0, m.start()) + 1 in fenced) or (comments and inside(comments, m.start())) \
                or ("{::" in text and inside(_extension_spans(text), m.start())):
            for_search = m.end()
            continue
        tag = m.group(1)
        if tag.lower() in SPAN_ELEMENTS:  # kramdown: no block HTML, a paragraph (its span is parsed there)
            for_search = m.end()
            continue
        mode = m.group(4) if m.group(4) in _MODES else "0"
        if mode == "1" and tag.lower() not in CONTENT_MODEL_SPAN and tag.lower() not in CONTENT_MODEL_BLOCK:
            # (a raw content model, HTML_CONTENT_MODEL's default: the element stays raw HTML, without
            # the attribute; its children's own markdown attributes are read, as parse_raw_html does)
            pieces.append(text[pos:m.start()] + f"<{tag}{((m.group(2) or '') + m.group(5)).rstrip()}>"
                          + "\n" * m.group(0).count("\n"))
            pos = for_search = m.end()
            continue
        if mode == "1":
            mode = "span" if tag.lower() in CONTENT_MODEL_SPAN else "block"
        col = _deep_item_column(text, line_start, m.start())
        if not col and len(text[line_start:m.start()].expandtabs(4)) >= 4 and not open_at_end(text[:line_start]):
            for_search = m.end()  # (indented four columns, a tab too, in no list item nor HTML element:
            continue  # code or a paragraph's text to kramdown, no HTML block)
        if mode == "block":  # kramdown's parse_blocks: only an end tag that starts a line ends it
            close_start, close_end = block_close(text, tag, m.end(), col)
        else:
            close_start, close_end = matching_close(text, tag, m.end())
        if close_start < 0:
            for_search = m.end()
            continue
        close_start, close_end = _within_item(text, line_start, m.start(), col, close_start, close_end)
        attrs = (m.group(2) or "") + m.group(5)
        open_html = f"<{tag}{attrs.rstrip()}>"
        close_html = text[close_start:close_end] or f"</{tag}>"  # (none: kramdown closes it at the end)
        inner = text[m.end():close_start]
        if col and "\n" in inner:  # (a nested item's element: its lines without the item's column)
            first, *rest = inner.split("\n")
            inner = "\n".join([first] + [line[min(col, len(line) - len(line.lstrip(" "))):] for line in rest])
        if mode == "0":  # kramdown: raw content, written as is without the markdown attribute
            line_end = text.find("\n", close_end)
            if line_end >= 0 and text[close_end:line_end].strip():
                for_search = m.end()  # (text after the close tag: left to the other rules)
                continue
            _raw_island(text, islands, pieces, pos, line_start, close_end, open_html + inner + close_html)
            pos = for_search = close_end
            continue
        inner_line = text.count("\n", 0, m.end()) + 1
        # the marker keeps the line count; anything after the close tag stays on its line
        line_end = text.find("\n", close_end)
        line_end = len(text) if line_end < 0 else line_end
        region = text[line_start:close_end]
        rest = text[close_end:line_end]
        index = len(islands)
        lines_after = "\n" * region.count("\n")
        skip = _carrier_room(text, line_start, region, rest, line_end) if "[^" in inner else 0
        if skip:
            inner, carrier = _footnote_carrier(inner, index)
            if carrier:  # (a blank line follows it)
                lines_after = "\n" * skip + carrier + lines_after[skip:]
        islands.append((mode, open_html, inner, inner_line, close_html))
        indent = text[line_start:m.start()]
        pieces.append(text[pos:line_start])
        chained = rest.lstrip(" \t")[:1] == "<" and mode == "block" and ISLAND_OPEN.match(rest.lstrip(" \t"))
        if chained:  # (`</div><div markdown="1">`: the next island, read from its start tag)
            pieces.append(f"{indent}<!--specsite-island-{index}-->" + lines_after + "\n")
            pos = for_search = chain_at = line_end - len(rest.lstrip(" \t"))
            continue
        pieces.append(f"{indent}<!--specsite-island-{index}-->" + lines_after
                      + (("\n" + rest) if rest.strip() else ""))
        pos = line_end
        for_search = line_end
    pieces.append(text[pos:])
    return "".join(pieces)


def _within_item(text: str, line_start: int, start: int, col: int, close_start: int, close_end: int) -> tuple:
    """The element's close tag, or, when the list item it opens in ends before it, the item's end
    (its last line break), where kramdown auto-closes the element (itemend)."""
    end = item_limit(text, line_start, start, col)
    return (end - 1, end - 1) if close_start >= end and end < len(text) else (close_start, close_end)


def _deep_item_column(text: str, line_start: int, start: int) -> int:
    """The column of the list item an element indented four or more spaces is in (kramdown reads
    the item's lines without it; up to three spaces the element is found as it is): 0 for none."""
    if start - line_start < 4 or text[line_start:start].strip(" "):
        return 0
    from .bullets import item_column
    lines = text[:start].split("\n")
    col = item_column(lines[:-1] + [text[line_start:start] + "x"], len(lines) - 1)
    return col if col and col <= start - line_start else 0


def _carrier_room(text: str, line_start: int, region: str, rest: str, line_end: int) -> int:
    """Where a carrier paragraph goes in the lines an island leaves: the line after the marker
    (1) when the marker starts a block of its own (a blank line or nothing above it), else after
    a blank line (2: inside an HTML block that the marker does not end, `<table>` then `<tr
    markdown="block">`); a blank line must follow it (the island's own, or the line after it).
    0: no room."""
    above = text.rfind("\n", 0, max(line_start - 1, 0))
    skip = 1 if line_start == 0 or not text[above + 1:line_start].strip() else 2
    count = region.count("\n")
    if count >= skip + 2:
        return skip
    next_end = text.find("\n", line_end + 1)
    if count >= skip + 1 and not rest.strip() and not text[line_end + 1:len(text) if next_end < 0 else next_end].strip():
        return skip
    # inside an HTML block with no room: the line after the marker, which the enclosing block
    # keeps (a raw island then takes the carrier out into the page's run: _raw_island)
    return 1 if skip == 2 and count >= 1 else 0


def _footnote_carrier(inner: str, n: int) -> tuple:
    """(inner, carrier): kramdown numbers the footnote references inside an HTML element's
    markdown in the document's one run; cmark-gfm would number the island's on their own (and
    write their notes inside it). Each `[^x]` of the island (outside code) becomes FN_CELL and
    goes, in order, into a carrier paragraph at the island's place in the page's run, whose
    rendered references go back in (tablehtml.cell_footnotes_in), as a table's cells' do."""
    refs = []

    def one(m):
        refs.append(m.group(0))
        return FN_CELL
    fenced = fenced_lines(inner)
    lines = inner.split("\n")
    for k, line in enumerate(lines):
        if "[^" in line and k + 1 not in fenced:
            definition = _FOOTNOTE_DEFINITION.match(line)  # (`[^x]: text`: the note, not a reference)
            head = definition.group(0) if definition else ""
            lines[k] = head + outside_code_spans(line[len(head):], lambda part: FOOTNOTE_REF.sub(one, part))
    if not refs:
        return inner, None
    return "\n".join(lines), FN_CARRIER + str(n) + FN_CARRIER + FN_CARRIER.join(refs) + FN_END


_FOOTNOTE_DEFINITION = re.compile(r" {0,3}\[\^\w[\w-]*\]:")
_CARRIER_LINE = re.compile(f"{FN_CARRIER}\\d+{FN_CARRIER}[^\n]*?{FN_END}")
