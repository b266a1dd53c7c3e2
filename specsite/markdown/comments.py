"""Text after an HTML comment block's `-->` on its line: kramdown's parse_block_html takes the
comment (HTML_COMMENT_RE) and the blanks after it (TRAILING_WHITESPACE), and the block parser goes
on right there, so the text starts a paragraph (`<!-- note --> Some text` then more lines: the
comment, then <p>Some text …</p>). CommonMark's HTML block kind 2 ends with the whole line, the
text raw. Such a comment becomes a raw island and its tail goes on the line under it."""
from __future__ import annotations

import re

from .fences import fenced_lines
from .lists import lift_island

_TAIL = re.compile(r"-->[ \t]*(\S.*)$")


def comment_tails(lines: list, islands: list, text: str) -> None:
    """Each comment at the margin after a blank line (or on the text's first line, spanning
    lines) whose closing line has text after `-->`; `text`: the lines joined (line numbers)."""
    fenced = None
    for i, line in enumerate(lines):
        if not line.startswith("<!--") or (i and lines[i - 1].strip()):
            continue
        j = i
        while j < len(lines) and "-->" not in lines[j][4 if j == i else 0:]:
            j += 1
        if j == len(lines) or (j == i and i == 0):
            continue  # (unclosed; a one-line comment needs the blank line above for its marker)
        close = lines[j].index("-->", 4 if j == i else 0)
        tail = _TAIL.match(lines[j], close)
        if tail is None or lines[j].startswith("<!--specsite-"):
            continue
        fenced = fenced_lines(text) if fenced is None else fenced
        if i + 1 in fenced:
            continue
        comment = "\n".join(lines[i:j] + [lines[j][:close + 3]])
        if j == i:  # (the marker on the blank line above, the text on the comment's own line)
            lift_island(lines, islands, i - 1, i, ("raw", comment, "", i + 1, ""))
        else:
            lift_island(lines, islands, i, j, ("raw", comment, "", i + 1, ""))
        lines[j] = tail.group(1)
