"""kramdown's lists where they differ from CommonMark (kramdown 2.4 list.rb): lazy lines, nested
lists. Line passes run before cmark, keeping line count (indented code: lazycode.py; per-item
paragraphs: itemparas.py)."""
from __future__ import annotations

import re

from .rawhtml import SPAN_ELEMENTS

from .listmarks import LIST_MARK, content_col, lift_island  # noqa: F401 (lists' names, shared with lazyend)

from .fences import _SPAN_MARK as SPAN_MARK, FENCE, FENCE_START, closes_fence
from .itemfences import FENCE_CHAR as _FENCE_CHAR, ITEM_LAZY_END, lazy_fence

SETEXT_LINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")  # kramdown's setext underline (in an item: its text is a heading)
HR_LINE = re.compile(r"^ {0,3}([-*_])[ \t]*\1[ \t]*\1[-*_ \t]*$")  # kramdown's HR_START (one mark)
_ITEM_OR_FENCE_START = frozenset(" -*+`~")  # (and digits) the first characters of LIST_MARK and FENCE lines
_LAZY_BLOCK = re.compile(r"^(?:#{1,6}(?:[ \t]|$)| {0,3}(?:>|(?:[-*+]|\d+\.)[ \t]))"  # kramdown's block starts
                         # and lines cmark ends the list at that kramdown's lazy_re takes: a comment, a
                         # declaration, a span element's tag (no LAZY_END_HTML_START)
                         # (not an island's marker line: the block there ends the list in both)
                         r"|^ {0,3}<(?:!(?!--specsite-)|\?|/?(?:" + "|".join(sorted(SPAN_ELEMENTS)) + r")(?![\w:-]))", re.I)


# (ITEM_LAZY_END, list.rb's lazy_re and codeblock.rb's lazy lines' end, is itemfences')
_ISLAND_MARKER = re.compile(r" {0,3}<!--specsite-island-(\d+)-->$")


def _html_island(line: str, islands) -> bool:
    """An island marker line that stands for the author's HTML element (a tag that ends the item's
    lazy lines in kramdown, as written there), not for a table or definition list made here nor a
    paragraph of text (`<p>`)."""
    m = _ISLAND_MARKER.match(line) if islands and "<!--" in line[:6] else None
    if m is None or int(m.group(1)) >= len(islands):
        return False
    island = islands[int(m.group(1))]
    return island[0] not in ("table", "dl") and island[1] != "<p>" and bool(ITEM_LAZY_END.match(island[1]))


_FENCE_MARKS = ("`", "~")


def lazy_item_lines(lines: list, islands=()):
    """kramdown adds every non-blank line after an item's line to the item ("lazily") unless it
    starts an item of the same list or a block HTML tag (one lifted into an island of `islands`
    too); CommonMark ends the list at a heading, a fence, a less indented list marker. Such lines
    are indented to the item's content."""
    col, kind, bullet, prev_blank, moved, i = None, "", "", True, False, 0
    fence_end = -1  # the closing line of the last fence in an item's text (_fence_split)
    inner = (None, False)  # (content column of the innermost nested item open, in a fence)
    item_line = inner_line = -2  # the index of the last top-level item's line, of the last nested one
    chunk, nest = _Chunk(), []  # (nest: the content columns of the nested items open, innermost last)
    moving = False  # (the line before was moved into a nested item by _lazy_in_nested: the next one follows)
    owner = None  # (a lazy item line moved in: its content column as written, and the spaces it got)
    while i < len(lines):
        if col is None:  # (outside a list only an item or a fence line does anything: skip to one)
            while i < len(lines) and lines[i][:1] not in _ITEM_OR_FENCE_START and not lines[i][:1].isdigit():
                i += 1
            if i == len(lines):
                break
        line = lines[i]
        nested_moved, moving = moving, False
        if not line.strip(" \t"):  # (kramdown's BLANK_LINE, cmark's blank: a no-break space is text)
            prev_blank = chunk.nested = True
            owner = None
            i += 1
            continue
        indent = len(line) - len(line.lstrip(" \t"))
        m = LIST_MARK.match(line)
        if col is not None and indent >= col:
            if not inner[1]:
                nest = _nested_cols(nest, line, indent, prev_blank)
            inner = _inner_item(line, inner, prev_blank)
            if inner[0] and not inner[1] and _ANY_MARK.match(line.expandtabs(4)):
                inner_line = i
        fence = FENCE.match(line) if line[:1] in FENCE_START else None
        if fence is None and line[indent:indent + 1] in _FENCE_MARKS and col is not None and col <= indent < col + 4 \
                and not nest and inner[0] is None:  # (the item's text is read from its column: `    ```` under `* `)
            fence = FENCE.match(line[col:])
        if col is not None:
            same = m and (m.group(2)[0].isdigit()) == (kind == "ol") and indent < min(col, 4) \
                and not (prev_blank and _hr(line))  # list.rb: a rule after a blank line ends the list
            if same:
                if kind == "ul" and m.group(2) != bullet:  # kramdown: `*`, `-`, `+` items make one list
                    lines[i] = line = m.group(1) + bullet + line[m.end(2):]
                    m = LIST_MARK.match(line)
                col, prev_blank, moved, inner = content_col(m), False, False, (None, False)
                item_line, nest, owner = i, [], None
                chunk = _Chunk(nested=bool(LIST_MARK.match(line[m.end():])))
                i += 1
                continue
            if indent >= col or (prev_blank or ITEM_LAZY_END.match(line) or _html_island(line, islands)):
                if indent < col:
                    col = None  # the list ended
                elif not chunk.nested or chunk.renamed:
                    first = line[indent:indent + 1]
                    if not chunk.nested and first in "`~" and line[:col].isspace() and i > fence_end:
                        split = _fence_split(lines, i, col)
                        if split is True:
                            i += 1
                            continue
                        fence_end = split  # (its closing line opens no fence)
                    if not chunk.nested and first.isdigit():
                        lines[i] = line = numbered_from_one(line)
                    chunk.indented_item(lines, i, _ANY_MARK.match(line))
                elif not prev_blank and nest and indent < nest[-1] and line[indent:indent + 1] in "`~" \
                        and (after := _lazy_nested_fence(lines, i, [col] + nest)):
                    inner, prev_blank, i = (inner[0], False), False, after
                    continue
                elif not prev_blank and nest and indent < nest[-1] and \
                        (nested_moved or _NESTED_LAZY_BLOCK.match(line, indent)) and _lazy_in_nested(lines, i, [col] + nest):
                    moving, prev_blank, i = True, False, i + 1
                    continue
                elif fence:
                    start, i = i, skip_fence(lines, i, fence, None, col)
                    if all(lines[k].strip() for k in range(start, min(i, len(lines)))):
                        for k in range(start + 1, min(i, len(lines))):  # lazy lines of the item, in its fence
                            lead = len(lines[k]) - len(lines[k].lstrip(" "))
                            if lead < col:
                                lines[k] = " " * (col - lead) + lines[k]
                    prev_blank = False
                    continue
            else:  # a lazy line of the item (kramdown: of its innermost nested item)
                base = inner[0] if inner[0] and not inner[1] else col
                pad = " " * (base - indent)
                if owner and indent >= owner[0]:  # (in a lazy item moved in: kramdown keeps a lazy line's
                    pad = " " * owner[1]  # indent, so it stays that item's content, moved with it)
                if m and chunk.nested and 2 * col + 4 + indent - base >= 4:
                    # list.rb: once the item holds a list (or a blank line), a lazy list marker
                    # line gets indentation + 4 spaces: text of the innermost item, no list
                    lines[i] = " " * (2 * col + 4) + line
                    moved = prev_blank = False
                    i += 1
                    continue
                if fence:  # (a fence moved in is a moved block: the text after it follows it in)
                    i, moved, prev_blank = lazy_fence(lines, i, fence, base), True, False
                    if i < len(lines) and lines[i][:4].lstrip(" ")[:1] == "<" and ITEM_LAZY_END.match(lines[i]):
                        _html_after_lazy_fence(lines, i, islands)  # (rare: the item's text, the fence's
                    continue  # first line, ends at a block tag)
                if SETEXT_LINE.match(line) and i - 1 not in (item_line, inner_line):
                    # (a setext line under a lazy line: kramdown's paragraph goes on over it, text;
                    # cmark's rule or heading)
                    lines[i] = pad + SPAN_MARK + line
                elif moved or _LAZY_BLOCK.match(line) or (i - 1 in (item_line, inner_line) and SETEXT_LINE.match(line)):
                    # (after a moved block, text must follow it in; a setext line under the item's text)
                    lines[i] = pad + line
                    moved = True
                    if m:
                        chunk.lazy_item(LIST_MARK.match(lines[i]))
                        if owner is None or indent < owner[0]:  # (an item nested in it keeps the outer one)
                            owner = (content_col(m), len(pad)) if "\t" not in m.group(0) else None
                prev_blank = False
                i += 1
                continue
        if col is None:
            if fence:
                i = skip_fence(lines, i, fence, None)
                prev_blank = False
                continue
            if m and not _hr(line):
                col, kind, bullet = content_col(m), "ol" if m.group(2)[0].isdigit() else "ul", m.group(2)
                moved, inner, item_line, nest = False, (None, False), i, []
                chunk = _Chunk(nested=bool(LIST_MARK.match(line[m.end():])))
        prev_blank = False
        i += 1


DD = re.compile(r"^( {0,3}:)([ \t]+)")  # a definition list's `: ` (deflists)
LIST_START = re.compile(r" {0,3}(?:[-*+]|\d+\.)[ \t]")  # list.rb's LIST_START


def _fence_split(lines: list, i: int, col: int) -> bool:
    """kramdown parses an item's lines in chunks, a new one at the first line that starts a list
    (list.rb: nested_list_found; no blank line before it): a fence opened in the item's text and
    closed after such a line is closed in no chunk, so its opening line is text of the item's
    paragraph and its closing line text of the list's last item. Both are written so that cmark
    reads no fence in them either (an entity for the first mark). True when so; else the index
    of its closing line (-1: none)."""
    m = FENCE.match(lines[i][col:])
    if m is None:
        return -1
    mark, listed = m.group(1), None
    for k in range(i + 1, len(lines)):
        line = lines[k]
        if not line.strip():
            return -1  # (a blank line: no new chunk after it)
        text = line[col:] if line[:col].isspace() else line
        closing = FENCE.match(text)
        if closing and closes_fence(closing, text, mark):
            if listed is None:
                return k
            for at in (i, k):
                start = lines[at].index(mark[0])
                lines[at] = lines[at][:start] + _FENCE_CHAR[mark[0]] + lines[at][start + 1:]
            return True
        if listed is None and LIST_START.match(text):
            listed = k
    return -1


_NUMBERED = re.compile(r"( *)(\d+)\.(?=[ \t]+\S)")


def numbered_from_one(line: str) -> str:
    """A numbered list right after paragraph text (an item's new chunk, or a top-level paragraph):
    kramdown ends the paragraph at any numbered marker, cmark only at `1.` (kramdown numbers every
    list from 1: the number is not written; the marker keeps its width)."""
    m = _NUMBERED.match(line)
    if m is None or m.group(2) == "1":
        return line
    return m.group(1) + "1." + " " * (len(m.group(2)) - 1) + line[m.end():]


def _inner_item(line: str, inner: tuple, prev_blank: bool) -> tuple:
    """A line inside a top-level item: the nested item a lazy line after it would join. kramdown
    adds a lazy line to the item's text, whose own list adds it to its last item, and so on.
    `inner` is (content column of that nested item or None, inside a fence)."""
    at, fenced = inner
    if fenced or _INNER_FENCE.match(line):
        return at, not (fenced and _INNER_FENCE.match(line))
    m = _ANY_MARK.match(line.expandtabs(4))
    if m:
        return len(m.group(1) + m.group(2) + m.group(3)), False
    if at and prev_blank and len(line) - len(line.lstrip(" \t")) < at:
        return None, False
    return inner


def _html_after_lazy_fence(lines: list, i: int, islands: list) -> None:
    """The lines after an item whose text ended at a lazy fence line and then at line i, led by
    a block tag: kramdown's HTML blocks, one after another while lines are led by tags (the line
    pass read them as the fence's code, so they are read here), then, after the fence's closing
    line (written as text by lazy_fence), a numbered line starts a list (any number: GFM)."""
    from .lazyend import lazy_end_island  # (rare: imported when a page needs it)
    while isinstance(islands, list) and i < len(lines) and lines[i][:4].lstrip(" ")[:1] == "<" \
            and ITEM_LAZY_END.match(lines[i]) and lazy_end_island(lines, i, islands):
        # (a caller that lifts no islands — a blockquote's moved lines, islands=() — leaves the tags)
        i += 1
        while i < len(lines) and lines[i] == "":
            i += 1  # (the element's other lines, blank now)
    if i + 1 < len(lines) and lines[i].lstrip(" ")[:5] in ("&#96;", "&#12") and lines[i + 1][:4].strip():
        lines[i + 1] = numbered_from_one(lines[i + 1])


_ITEM_HEAD = re.compile(r"( *)(?:[-*+]|\d+\.)( +)(?=\S)")


def nested_number_under_text(lines: list, i: int) -> bool:
    """Line i, `N.` with N not 1, indented four or more, right under the text of the list item
    it is written in (from that item's text column up to three spaces past it): a nested list to
    kramdown, whose GFM paragraph ends at any list start, where cmark reads a lazy line of text.
    Walks up the item's text (no blank line) to its marker line."""
    lead = len(lines[i]) - len(lines[i].lstrip(" "))
    for k in range(i - 1, max(i - 40, -1), -1):
        above = lines[k]
        if not above.strip() or above[:1] == "\t":
            return False
        m = _ITEM_HEAD.match(above)
        if m is not None and len(m.group(1)) < lead:
            col = m.end()
            return col <= lead < col + 4
        if len(above) - len(above.lstrip(" ")) < 1 or above.lstrip(" ")[:1] in "#>`~<|":
            return False  # (text at the margin, or a block: no item's paragraph above)
    return False


_MARK_FIRST = frozenset("-*+0123456789")


def _nested_cols(nest: list, line: str, indent: int, prev_blank: bool) -> list:
    """The content columns of the nested items open after `line` (one inside a top-level item)."""
    m = _ANY_MARK.match(line.expandtabs(4)) if line[indent:indent + 1] in _MARK_FIRST else None
    if nest and (m or prev_blank) and nest[-1] > indent:
        nest = [c for c in nest if c <= indent]
    if m:
        nest.append(len(m.group(1) + m.group(2) + m.group(3)))
    return nest


def _lazy_nested_fence(lines: list, i: int, cols: list) -> int:
    """A fence less indented than the nested item before it (no blank line between): kramdown
    adds it to that item as a lazy line, each of its lines stripped of the item columns it
    reaches (list.rb's content_re), and reads the fence there, its text as written. cmark ends
    the item: the fence and its lines are indented to the item's column, the opening and
    closing lines at it. The index after the fence; 0 (nothing changed) where a blank line, an
    item marker or a block tag inside would end the lazy run in kramdown."""
    fence = _DEEP_FENCE.match(lines[i])
    if fence is None:
        return 0
    opener, end = fence.group(1), i + 1
    while end < len(lines):
        close = _DEEP_FENCE.match(lines[end])
        if close and closes_fence(close, lines[end], opener):
            break
        end += 1
    if end == len(lines):
        return 0
    texts = []
    for k in range(i, end + 1):
        line = lines[k]
        lead = len(line) - len(line.lstrip(" "))
        text = line[max((c for c in cols if c <= lead), default=0):]
        if not line.strip() or line[lead:lead + 1] == "\t" or \
                (lead < cols[-1] and (_ANY_MARK.match(line) or ITEM_LAZY_END.match(text))):
            return 0
        texts.append(text)
    pad = " " * cols[-1]
    texts[0], texts[-1] = texts[0].lstrip(" "), texts[-1].lstrip(" ")
    lines[i:end + 1] = [pad + text for text in texts]
    return end + 1


# a line that starts a block in cmark at the outer item's text, which kramdown's nested item takes
# lazily: an ATX heading (blocks leaves `#` only at an item's content column unescaped), a quote
_NESTED_LAZY_BLOCK = re.compile(r"#{1,6}(?:[ \t]|$)| {0,3}>")


def _lazy_in_nested(lines: list, i: int, cols: list) -> bool:
    """A line at the outer item's text (less indented than the nested item before it, no blank
    line between) is a lazy line of that innermost nested item in kramdown, which reads it there
    stripped of the item columns it reaches (list.rb's content_re, then lazy_re); cmark ends the
    nested item at a heading or quote (`- outer`, `  - inner`, `  ## head`: kramdown's heading is
    the inner item's). The line, and the lazy lines after it, go to the nested item's column;
    False (nothing changed) for an item marker, a block tag or an IAL, which end the lazy run."""
    line = lines[i]
    lead = len(line) - len(line.lstrip(" "))
    if line[lead:lead + 1] == "\t" or _ANY_MARK.match(line):
        return False
    text = line[max((c for c in cols if c <= lead), default=0):]
    if ITEM_LAZY_END.match(text) or (text[:1] == "#" and not _NESTED_LAZY_BLOCK.match(text)):
        return False
    lines[i] = " " * cols[-1] + text
    return True


_DEEP_FENCE = re.compile(r"^ *(`{3,}|~{3,})")  # (a fence at any indentation; group 1 the fence)
_INNER_FENCE = re.compile(r"^[ \t]*(?:`{3,}|~{3,})")


def _hr(line: str) -> bool:
    m = HR_LINE.match(line)
    return bool(m) and not line.strip().strip(m.group(1) + " \t")


class _Chunk:
    """kramdown's `nested_list_found` for one item: a list that comes in lazily (less indented
    than the item's text) and an indented list after it, with no blank line between, are two
    chunks of the item parsed one by one, so two lists; CommonMark makes them one. The indented
    list gets another marker, which makes cmark start a new list too."""

    def __init__(self, nested: bool = False):
        self.nested = nested  # the item's text starts with a list, or a blank line or indented list came
        self.lazy = None  # the marker and cmark's content column of the last lazy item moved in
        self.renamed = None  # (indent, old marker, new marker) of the second chunk's list

    def lazy_item(self, m) -> None:
        if m and not self.nested:
            self.lazy = (m.group(2), len((m.group(1) + m.group(2) + m.group(3)).expandtabs(4)))

    def indented_item(self, lines: list, i: int, m) -> None:
        """An item's line indented to its text (or more)."""
        if m is None:
            return
        indent = len(m.group(1))
        if self.renamed:
            at, old, new = self.renamed
            if indent == at and _same_kind(m.group(2), old):
                lines[i] = m.group(1) + new + lines[i][m.end(2):]
            return
        if self.nested or self.lazy is None:
            self.nested = True
            return
        self.nested = True
        marker, lazy_col = self.lazy
        if indent >= lazy_col or not _same_kind(marker, m.group(2)):
            return  # (cmark nests it in the lazy item, or starts a new list itself)
        new = m.group(2)[:-1] + ")" if m.group(2)[0].isdigit() else next(b for b in "*+-" if b != marker)
        self.renamed = (indent, m.group(2), new)
        lines[i] = m.group(1) + new + lines[i][m.end(2):]


_ANY_MARK = re.compile(r"^( *)([-*+]|\d+\.)([ \t]+)(?=\S)")


def _same_kind(a: str, b: str) -> bool:
    return a[0].isdigit() == b[0].isdigit()


def skip_fence(lines: list, i: int, fence, pad, col: int = 0) -> int:
    """The index after the fenced block opening at `i`; with `pad`, its lines are indented by it
    when no blank line is inside (kramdown's lazy lines stop at a blank line). `col`: the item's
    text column, from which a closing line is read too (`   ```` closes an item's fence under `* `)."""
    opener = fence.group(1)
    end = i + 1
    while end < len(lines):
        line, close = lines[end], FENCE.match(lines[end])
        if close is None and col and line[:col].isspace():
            line = line[col:]
            close = FENCE.match(line)
        if close and closes_fence(close, line, opener):
            break
        end += 1
    if pad is not None and all(lines[k].strip() for k in range(i, min(end + 1, len(lines)))):
        for k in range(i, min(end + 1, len(lines))):
            lines[k] = pad + lines[k]
    return end + 1
