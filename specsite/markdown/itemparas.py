"""kramdown's <p> in list items, on cmark's output (list.rb): whether an item's first paragraph is
wrapped is decided per item, not per list as CommonMark does."""
from __future__ import annotations

import re

_MATH_ONLY = re.compile(r"specsite-math-\d+</p>")  # (renderer's math marker, the paragraph's whole text)
LOOSE_ITEM = re.compile(r'<li data-sourcepos="[^"]*">\n<p ')
_LIST_TOKEN = re.compile(r'<(?:ul|ol)\b[^>]*? data-sourcepos="[^"]*">|</(?:ul|ol)>\n|</li>\n'
                         r'|<li data-sourcepos="[^"]*">(?:\n(<p data-sourcepos="\d+:\d+-(\d+):\d+">))?')


def kramdown_item_paragraphs(out: str, lines: list) -> str:
    """kramdown decides per item, not per list, whether its first paragraph gets <p>: only
    when a blank line follows that paragraph inside the item (the blank after the last item
    does not count), and the last item keeps <p> when every earlier item has one (list.rb)."""
    drop: list = []
    stack: list = []  # per open list: [items], an item being [p_open_span, p_close_start, blank_after, only_p]
    for m in _LIST_TOKEN.finditer(out):
        token = m.group(0)
        if token.startswith("<li"):
            if not stack:
                continue
            if m.group(1) is None or _MATH_ONLY.match(out, m.end()):
                stack[-1].append(None)  # no paragraph first (or a tight item): counts as transparent
                continue  # (a `$$x$$` paragraph is kramdown's block math: no paragraph)
            end_line = int(m.group(2))
            close = out.find("</p>", m.end())
            after = lines[end_line].strip(" \t>") if end_line < len(lines) else ""
            only_p = out.startswith("</p>\n</li>", close)
            stack[-1].append(((m.start(1), m.end(1)), close, not after, only_p))
        elif token.startswith("</li"):
            continue
        elif token.startswith("</"):
            if not stack:
                continue
            items = stack.pop()
            transparent = []
            for k, item in enumerate(items):
                if item is None:
                    transparent.append(True)
                    continue
                last = k == len(items) - 1
                ok = not item[2] or (last and item[3])
                if ok and last and len(items) > 1:
                    ok = any(transparent)
                transparent.append(ok)
                if ok:
                    drop.append((item[0][0] - 1, item[0][1]))  # "\n<p …>" after the <li …>
                    drop.append((item[1], item[1] + 4))
        else:
            stack.append([])
    if not drop:
        return out
    drop.sort()
    pieces, pos = [], 0
    for start, end in drop:
        pieces.append(out[pos:start])
        pos = end
    pieces.append(out[pos:])
    return "".join(pieces)
