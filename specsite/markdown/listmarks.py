"""A list item's marker and text column, and an island's marker line: what lists.py and lazyend.py
both need (apart from lists.py, so that lazyend, which lists imports for a rare case, imports no
lists)."""
from __future__ import annotations

import re

LIST_MARK = re.compile(r"^( {0,3})([-*+]|\d+\.)([ \t]+)(?=\S)")


def content_col(m) -> int:
    marker = m.group(1) + m.group(2)
    return len(marker) + len(m.group(3).expandtabs(4))  # kramdown counts every space after the marker


def lift_island(lines: list, islands: list, start: int, end: int, island: tuple, prefix: str = "") -> None:
    """Lines start..end become one island marker line (and blank lines, so line numbers hold)."""
    lines[start] = f"{prefix}<!--specsite-island-{len(islands)}-->"
    islands.append(island)
    for k in range(start + 1, end):
        lines[k] = ""
