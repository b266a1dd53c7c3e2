"""kramdown's indented code block inside a list item goes on over a lazy line, as at the top level
(lists.lazy_code_lines): kramdown parses an item's content (its lines less the item's content
column) as a document of its own, where codeblock.rb joins a non-blank line that is not indented
four columns to the code line before it, with a space. CommonMark ends the code block there (and
reads `- x` as an item). The line is joined, as written less the item's column; a blank line takes
its place after the block, so that line numbers hold."""
from __future__ import annotations

import re

from .fences import closes_fence
from .lists import ITEM_LAZY_END as _LAZY_END, content_col

_MARK = re.compile(r"^( *)([-*+]|\d+\.)([ \t]+)(?=\S)")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def lazy_item_code_lines(lines: list) -> None:
    """Join, in place, the lazy lines of each code block inside a list item."""
    cols: list = []  # the content columns of the items open at this line, innermost last
    fence, prev_blank, i = None, True, 0
    while i < len(lines):
        line = lines[i]
        text = line.lstrip(" ")
        if not text.strip():
            prev_blank = True
            i += 1
            continue
        indent = len(line) - len(text)
        if fence or _FENCE.match(line):
            fm = _FENCE.match(line)
            if fence is None:
                fence = fm.group(1)
            elif fm and closes_fence(fm, line, fence):
                fence = None
            prev_blank = False
            i += 1
            continue
        if prev_blank:  # (without a blank line before it, a less indented line is a lazy one of the item)
            while cols and indent < cols[-1]:
                cols.pop()
        if cols and prev_blank and indent >= cols[-1] + 4 and text[:1] != "\t":
            i = _code_block(lines, i, cols)
            prev_blank = False
            continue
        m = _MARK.match(line)
        if m and indent < (cols[-1] if cols else 0) + 4:  # (more indented: code or text, no item)
            while cols and indent < cols[-1]:
                cols.pop()
            cols.append(content_col(m))
        prev_blank = False
        i += 1


def _code_block(lines: list, i: int, cols: list) -> int:
    """The code block at line `i` of the innermost item of `cols` (content columns): its lazy lines
    joined; the index after it. A line less indented than the item is a lazy line of each item
    around (no blank line before it), less the columns it reaches; not an item marker (list.rb
    reads that as an item, or as text after a nested list)."""
    col = cols[-1]
    end, joined = i + 1, 0
    while end < len(lines):
        here = lines[end]
        lead = len(here) - len(here.lstrip(" "))
        if here.strip() and lead >= col + 4:
            end += 1
        elif not here.strip() and end + 1 < len(lines) and _indented(lines[end + 1], col + 4):
            end += 1
        elif here.strip() and lines[end - 1].strip() and col <= lead and here[lead:lead + 1] != "\t" \
                and not _LAZY_END.match(here[col:]):
            lines[end - 1] += " " + here[col:]
            del lines[end]
            joined += 1
        elif here.strip() and lines[end - 1].strip() and lead < col and here[lead:lead + 1] != "\t" \
                and not _MARK.match(here) and not _LAZY_END.match(here[lead:]):
            lines[end - 1] += " " + here[max((c for c in cols if c <= lead), default=0):]
            del lines[end]
            joined += 1
        else:
            break
    lines[end:end] = [""] * joined
    return end + joined


def _indented(line: str, at: int) -> bool:
    return bool(line.strip()) and len(line) - len(line.lstrip(" ")) >= at
