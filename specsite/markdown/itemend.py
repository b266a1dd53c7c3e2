"""kramdown reads a list item's text first (list.rb's parse_list) and the blocks inside it after:
what opens in an item ends with the item. An HTML block element is auto-closed there and its end
tag further down is text after the list (islands); a fence closed only after the item is text
(fences.top_level_fences_as_text, handed item_limit: fences cannot import this module, whose
lists import fences); a comment closed only after it is text (blocks)."""
from __future__ import annotations

from .bullets import item_column
from .margin import margin_line
from .lists import DD, ITEM_LAZY_END, LIST_MARK


def item_text_end(text: str, line_start: int, col: int) -> int:
    """Where the text of the list item (content column `col`) that holds the line at `line_start`
    ends as list.rb reads it: at the first line after that is no content line (indented to
    `col`), no lazy line (not blank, after a line that is not, led by no block tag or IAL), no
    blank line, or that starts an item less indented; len(text) when the item runs to the end."""
    pos = text.find("\n", line_start)
    prev_blank = False
    while 0 <= pos < len(text) - 1:
        start = pos + 1
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end].expandtabs(4)
        if line.strip():
            lead = len(line) - len(line.lstrip(" "))
            if lead < col and (prev_blank or LIST_MARK.match(line) or DD.match(line) or ITEM_LAZY_END.match(line)):
                return start
            prev_blank = False
        else:
            prev_blank = True
        pos = end
    return len(text)


def item_limit(text: str, line_start: int, start: int, col: int = 0) -> int:
    """Where the text of the list item that holds the element at `start` (indented, on the line at
    `line_start`) ends; len(text) when it is in no item. `col`: the item's column when known."""
    if not col and start > line_start and not text[line_start:start].strip(" "):
        lines = text[margin_line(text, line_start):start].split("\n")
        col = item_column(lines[:-1] + [text[line_start:start] + "x"], len(lines) - 1) or _definition_column(lines)
    return item_text_end(text, line_start, col) if col else len(text)


def _definition_column(lines: list) -> int:
    """The content column of the definition (`: text`, read like a list item) whose text the last
    of `lines` (indented up to three spaces past it) is in; 0 for none."""
    lead = len(lines[-1]) - len(lines[-1].lstrip(" "))
    for above in reversed(lines[:-1]):
        if not above.strip():
            continue
        dd = DD.match(above)
        if dd:
            col = len(dd.group(1)) + len(dd.group(2).expandtabs(4))
            return col if col <= lead < col + 4 else 0
        if len(above) - len(above.lstrip(" ")) < lead:
            return 0  # (text less indented: no definition holds the line)
    return 0
