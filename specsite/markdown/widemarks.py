"""kramdown's item text column after a marker followed by five spaces or more (list.rb's
parse_first_list_line: `indentation += content[/^ */].length`, the text stripped): the item's
text starts where it is written and its lines belong to the item from that column. CommonMark
reads such a line as indented code one column after the marker. A line pass before cmark, keeping
the line count: the marker line gets one space, the item's lines lose the difference."""
from __future__ import annotations

import re

WIDE_MARK = re.compile(r"( {0,3}(?:[-*+]|\d+\.))( {5,})(?=\S)")


def wide_marks(text: str) -> bool:
    """Whether a line is such an item: each line with five spaces (a substring search) is
    matched at its start, once (no pattern tried at every character)."""
    pos = text.find("     ")
    while pos >= 0:
        if WIDE_MARK.match(text, text.rfind("\n", 0, pos) + 1):
            return True
        end = text.find("\n", pos)
        if end < 0:
            return False
        pos = text.find("     ", end)
    return False


def narrowed_items(lines: list) -> None:
    """Rewrite, in place, each item whose marker has five spaces or more after it."""
    fence = None
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.lstrip(" ")
        if stripped[:3] in ("```", "~~~"):
            mark = stripped[:3]
            fence = None if fence == mark else (fence or mark)
        if fence or "     " not in line:
            i += 1
            continue
        m = WIDE_MARK.match(line)
        prev = lines[i - 1] if i else ""
        if m is None or (prev.strip() and not prev[:1].isspace() and not _MARKER.match(prev)):
            i += 1  # (right after a paragraph's line: kramdown's paragraph goes on, no list)
            continue
        col, cut = len(m.group(0)), len(m.group(2)) - 1
        lines[i] = m.group(1) + " " + line[m.end():]
        i += 1
        blank = False
        while i < len(lines):
            here = lines[i]
            if not here.strip():
                blank = True
            elif len(here) - len(here.lstrip(" ")) >= col:
                lines[i] = here[cut:]
                blank = False
            elif blank or _MARKER.match(here):
                break  # (a less indented line after a blank, or the next item: the item ended)
            i += 1


_MARKER = re.compile(r"^ {0,3}(?:[-*+]|\d+\.)[ \t]")
