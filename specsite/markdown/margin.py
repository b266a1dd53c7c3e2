"""The margin line above a line of a page: the nearest line that starts at the left margin (a list
item's marker line, or text that ends every item). The walks up for a list item's column
(itemend.item_limit) and for the fences opened in it (fences._closes_item_fence) stop there; a
module of its own, as fences cannot import itemend (item_limit is handed to it)."""
from __future__ import annotations


def margin_line(text: str, line_start: int) -> int:
    """The start of the nearest line above `line_start` that begins at the margin; 0 at the text's start."""
    k = line_start
    while k > 0:
        above = text.rfind("\n", 0, k - 1) + 1
        if text[above:above + 1] not in (" ", "\t", "\n", "\r"):
            return above
        k = above
    return 0
