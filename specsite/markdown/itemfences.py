"""A fence that is a lazy line of a list item (kramdown 2.4 list.rb: a line less indented than
the item's text, right after it, goes on the item), read in the item as kramdown reads it; a
line pass before cmark (lists.lazy_item_lines), keeping the line count."""
from __future__ import annotations

import re

from .fences import FENCE, closes_fence
from .rawhtml import SPAN_ELEMENTS

# LAZY_END_HTML_START/STOP: a tag, not a span element's (a line led by `<br>` or `<span>` is lazy)
ITEM_LAZY_END = re.compile(r"^ {0,3}(?:</?(?!(?:" + "|".join(sorted(SPAN_ELEMENTS)) + r")(?![\w:-]))[A-Za-z]|\{:(?![:/]))", re.I)  # (IAL_BLOCK_START: `{::x}` is no IAL)
FENCE_CHAR = {"`": "&#96;", "~": "&#126;"}  # a fence's first mark as text (cmark reads no fence)
_ITEM_MARK = re.compile(r"^( {0,3})([-*+]|\d+\.)([ \t]+)(?=\S)")  # (lists.LIST_MARK)


def lazy_fence(lines: list, i: int, fence, col: int) -> int:
    """A fence line that is a lazy line of an item whose text is at `col` (less indented, right
    after the text). kramdown's item goes on over lazy lines up to a blank line, and after one
    over lines indented to `col` (list.rb's content_re); the fence is read in the item's text,
    a lazy line taken whole, another less `col`. Closed in the item: its lines short of `col` are
    indented to it, so that cmark reads the fence in the item with the same text. Not closed
    there: the fence is paragraph text (parse_paragraph joins the failed fence to the paragraph)
    with the lines after it up to the blank line, put in the item so; its first mark is written
    as an entity (cmark reads no fence either; nor in the line cmark read as its end, if that
    opens a fence no line closes). The index after the lines read."""
    opener, end, blank = fence.group(1), i + 1, None
    while end < len(lines):
        line = lines[end]
        if not line.strip():
            blank = end if blank is None else blank
            end += 1
            continue
        lead = len(line) - len(line.lstrip(" "))
        if lead < col and (blank is not None or _ITEM_MARK.match(line) or ITEM_LAZY_END.match(line)):
            break  # (the item ends: a line short of its text after a blank line, an item of the list,
            # a lazy line led by a block tag or an IAL, which list.rb's lazy_re takes no more)
        blank = None
        if _closes(line[min(lead, col):], opener):
            for k in range(i, end + 1):
                if lines[k].strip() and len(lines[k]) - len(lines[k].lstrip(" ")) < col:
                    lines[k] = " " * col + lines[k]
            return end + 1
        end += 1
    stop = next((k for k in range(i + 1, end) if not lines[k].strip()), end)
    after = next((k for k in range(stop, len(lines)) if FENCE.match(lines[k])), None)  # (the next fence line)
    if after is not None and _closes(lines[after], opener) and not any(_closes(lines[k], lines[after].strip()) for k in range(after + 1, len(lines))):
        start = lines[after].index(opener[0])
        lines[after] = lines[after][:start] + FENCE_CHAR[opener[0]] + lines[after][start + 1:]
    at = fence.start(1)
    lines[i] = lines[i][:at] + FENCE_CHAR[opener[0]] + lines[i][at + 1:]
    for k in range(i, stop):
        if len(lines[k]) - len(lines[k].lstrip(" ")) < col:
            lines[k] = " " * col + lines[k]
    return stop


def _closes(line: str, opener: str) -> bool:
    """`line` closes a fence opened by the run `opener`."""
    close = FENCE.match(line)
    return close is not None and closes_fence(close, line, opener)


# `- ```js`: a fence opened on an item's line (its info one word at most: FENCED_CODEBLOCK_MATCH's; "```x``` y" is a code span)
_ITEM_FENCE = re.compile(r"^( {0,3}(?:[-*+]|\d+\.)[ \t]+)(`{3,}|~{3,})[ \t]*[^\s`]*[ \t]*$")
_FENCE_LINE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def item_fence_end(lines: list, i: int) -> int:
    """The closing line of a fence opened on an item's own line (`1. ```` then its lines at the
    item's column), -1 when the line opens none, -2 when nothing closes it in the item. Its lines
    are code, cmark's and kramdown's: a `---` or `***` among them is no rule, underline or text for
    the line rules (blocks.preprocess tracks fences at the margin only)."""
    m = _ITEM_FENCE.match(lines[i])
    if m is None:
        return -1
    col, opener, blank = len(m.group(1).expandtabs(4)), m.group(2), False
    for k in range(i + 1, len(lines)):
        line = lines[k]
        if not line.strip():
            blank = True
            continue
        if blank and len(line) - len(line.lstrip(" ")) < col:
            return -2  # (the item ended: a less indented line after a blank one)
        f = _FENCE_LINE.match(line)
        if f and closes_fence(f, line, opener):
            return k
        blank = False
    return -2


_UNDERLINE = re.compile(r"^[ \t]*(?:=+|-+)[ \t]*$")
_SPAN_MARK = "\u2e2e"  # (tables.SPAN_MARK: cmark reads a line led by it as paragraph text)


def unclosed_item_fence(lines: list, i: int) -> None:
    """A fence opened on an item's line that no line of the item closes is no fence for kramdown
    (FENCED_CODEBLOCK_MATCH wants the closing line): its lines are the item's paragraph, `- ````
    then text. Its first mark is written as an entity (cmark reads no fence), and an underline
    line of that paragraph is led by SPAN_MARK (text, as kramdown reads it: no setext heading)."""
    m = _ITEM_FENCE.match(lines[i])
    at = m.start(2)
    lines[i] = lines[i][:at] + FENCE_CHAR[lines[i][at]] + lines[i][at + 1:]
    for k in range(i + 1, len(lines)):
        if not lines[k].strip():
            return
        if _UNDERLINE.match(lines[k]):
            lead = len(lines[k]) - len(lines[k].lstrip(" \t"))
            lines[k] = lines[k][:lead] + _SPAN_MARK + lines[k][lead:]
