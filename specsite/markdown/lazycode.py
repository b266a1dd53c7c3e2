"""kramdown's indented code block and the unindented lines it takes in (codeblock.rb), a line pass
before cmark that keeps the line count."""
from __future__ import annotations

import re

from .fences import FENCE
from .itemfences import ITEM_LAZY_END
from .listmarks import LIST_MARK
from .lists import DD, skip_fence

_IAL_LINE = re.compile(r" {0,3}\{:(?![:/])(?:\\\}|[^}])*\}[ \t]*$")  # (tables.IAL_LINE's block IAL)


def lazy_code_lines(lines: list):
    """kramdown's indented code block goes on over a non-blank line that is not indented (not an
    IAL, not HTML) and joins it to the line before with a space (codeblock.rb); CommonMark ends
    the block there. The joined line's place becomes a blank line after the block."""
    i, prev, first = 0, "", ""  # (first: the first line of prev's paragraph, after a blank line)
    while i < len(lines):
        line = lines[i]
        fence = FENCE.match(line)
        if fence:
            i = skip_fence(lines, i, fence, None)
            prev = first = "```"
            continue
        if not (line.startswith(("\t", "    ")) and line.strip() and (i == 0 or not lines[i - 1].strip())
                and (not prev[:1].isspace() or _top_text(first)) and not LIST_MARK.match(prev)
                and not DD.match(prev)):
            if line.strip():
                if i == 0 or not lines[i - 1].strip():
                    first = line
                prev = line
            i += 1
            continue
        end, joined = i + 1, 0
        while end < len(lines):
            here = lines[end]
            text = here.strip(_RUBY_BLANK)  # (kramdown's BLANK_LINE and \S are ASCII: a line of U+3000 is text)
            if here.startswith(("\t", "    ")) and text:
                end += 1
            elif not text and end + 1 < len(lines) and lines[end + 1].startswith(("\t", "    ")):
                end += 1
            elif text and lines[end - 1].strip(_RUBY_BLANK) and not ITEM_LAZY_END.match(here):
                lines[end - 1] += " " + here
                del lines[end]
                joined += 1
            else:
                break
        at = end  # (a block IAL right after the block is its own: the joined lines' blanks go after it)
        while joined and at < len(lines) and _IAL_LINE.match(lines[at]):
            at += 1
        lines[at:at] = [""] * joined
        prev, first = lines[end - 1], line
        i = end + joined


_RUBY_BLANK = " \t\n\r\f\v"


def _top_text(line: str) -> bool:
    """A paragraph starting at this line is at the top level (not in a list item), so its
    indented lines are text in it, and indented code after it is code (no item's text)."""
    return bool(line) and not line[:1].isspace() and line[:1] not in "<:|" and not LIST_MARK.match(line)
