"""kramdown's bullet lists at every depth: `*`, `+` and `-` items at one level are one list
(list.rb scans LIST_START_UL for any bullet); CommonMark starts a new list at each change of
bullet character. Later items are rewritten to the list's first bullet before cmark reads them.
(lists.lazy_item_lines does this for top-level lists; this pass covers nested ones too.)"""
from __future__ import annotations

import re

from .fences import closes_fence

_MARK = re.compile(r"^([ \t]*)([-*+]|\d+\.)([ \t]+)(?=\S)")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
# a line's first character (after spaces and tabs) with which none of the three patterns above
# can match: ASCII letters and the punctuation that starts no mark (`\d` takes more than ASCII digits)
_PLAIN_HEADS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ<>|#[]()!?:;.,'\"{}=/\\&@%$^")


def _rule_item(line: str, bullet: str, mark: str) -> str:
    """kramdown's list.rb checks HR_START only after a blank line: a `- - -` line right after an
    item is an item of the list (LIST_START_UL), its text `- -` a list whose item is the text `-`
    (PATTERN_TAIL wants a space after a bullet), four marks or more a rule inside the item.
    cmark reads the line as a rule that ends the list: it is rewritten as that item."""
    n = line.count(mark)
    lead = line[:len(line) - len(line.lstrip(" \t"))]
    if n == 3:
        return f"{lead}{bullet} {mark} \\{mark}"
    other = "*" if bullet == "-" else "-"
    return f"{lead}{bullet} " + " ".join([other] * (n - 1))


def kramdown_bullets(lines: list) -> None:
    """Rewrite, in place, each bullet that continues a list opened with another bullet."""
    stack: list = []  # open lists: [base column, current item's content column, kind, bullet]
    fence, prev_blank = None, True
    for i, line in enumerate(lines):
        if fence:
            fm = _FENCE.match(line)
            if fm and closes_fence(fm, line, fence):
                fence = None
            continue
        if not line.strip():
            prev_blank = True
            continue
        if line.lstrip(" \t")[:1] in _PLAIN_HEADS:  # (no item, rule or fence starts so: most lines)
            if prev_blank and stack:
                expanded = line.expandtabs(4)
                indent = len(expanded) - len(expanded.lstrip(" "))
                while stack and indent < stack[-1][1]:
                    stack.pop()
            prev_blank = False
            continue
        expanded = line.expandtabs(4)
        indent = len(expanded) - len(expanded.lstrip(" "))
        fm = _FENCE.match(line)
        rule = _RULE.match(expanded)
        m = None if rule else _MARK.match(expanded)
        if rule and not prev_blank and line.lstrip(" \t")[1:2] in (" ", "\t") and stack and stack[-1][2] == "ul" and rule.group(1) != "_" \
                and stack[-1][0] <= indent < stack[-1][1]:
            lines[i] = _rule_item(line, stack[-1][3], rule.group(1))
            stack[-1][1] = indent + 2
            prev_blank = False
            continue
        if m:
            while stack and indent < stack[-1][0]:
                stack.pop()
            kind = "ol" if m.group(2)[0].isdigit() else "ul"
            col = len(m.group(1) + m.group(2)) + len(m.group(3))
            if stack and stack[-1][0] + 4 <= indent < stack[-1][1]:
                pass  # (list.rb's list_start_re takes 0-3 columns: text of the item, lazily)
            elif stack and indent < stack[-1][1]:
                top = stack[-1]
                if top[2] == kind:
                    if kind == "ul" and m.group(2) != top[3]:
                        at = len(line) - len(line.lstrip(" \t"))
                        lines[i] = line[:at] + top[3] + line[at + 1:]
                    top[1] = col
                else:
                    stack[-1] = [top[0], col, kind, m.group(2)]
            elif indent < (stack[-1][1] if stack else 0) + 4:
                stack.append([stack[-1][1] if stack else 0, col, kind, m.group(2)])
            # (more indented: code inside the item, no list)
        elif prev_blank:
            while stack and indent < stack[-1][1]:
                stack.pop()
        if fm and not m:
            fence = fm.group(1)
        prev_blank = False


def item_column(lines: list, i: int) -> int | None:
    """The text column of the list item line i (indented by spaces, after a blank line) belongs
    to, when it is that item's text: kramdown strips the item's column from each of its lines, so
    a line indented up to three spaces past it is a paragraph or table of the item (no code, as
    its four or more spaces from the margin suggest). None at the top level, or past the column
    by four (code in the item), or with tabs (kramdown counts them its own way). Walking up, text
    less indented than an item's column ended that item (`   **Optional:**` after `   1. x`)."""
    line = lines[i]
    lead = len(line) - len(line.lstrip(" "))
    if not lead or line[lead:lead + 1] in ("\t", ""):
        return None
    floor = lead  # (the least indent of the text seen between line i and the item)
    for k in range(i - 1, -1, -1):
        above = lines[k]
        if not above.strip():
            continue
        indent = len(above) - len(above.lstrip(" "))
        if indent >= lead:
            continue  # (a nested item's line, or more text of the item)
        mark = _MARK.match(above)
        if mark is None:
            if indent == 0 or above[indent:indent + 1] == "\t":
                return None  # (text at the margin: no item holds line i)
            floor = min(floor, indent)
            continue
        if "\t" in mark.group(0):
            return None
        column = len(mark.group(0))
        if column > floor:
            floor = min(floor, indent)
            continue  # (an item that text at `floor` ended: one holding it is further up)
        return column if column <= lead < column + 4 else None
    return None
