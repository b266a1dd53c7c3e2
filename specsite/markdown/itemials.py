"""kramdown's list item IAL (parser/kramdown/list.rb LIST_ITEM_IAL): `- {:.next}text` gives the
`<li>` the attributes and the item starts with `text`. cmark would keep the braces as text, so
the IAL is swapped for a marker before cmark and moved onto the item after. Also a block IAL
line right after an item's text (item_paragraph_ial)."""
from __future__ import annotations

import re

from .fixups import parse_ial, with_attrs
from .fences import fenced_lines

# a list marker, then `{:…}` that is no ALD definition (`{:name:`) and no end tag (`{:/`)
_ITEM_IAL = re.compile(r"^([ \t]*(?:[-*+]|\d+\.)[ \t]+)\{:(?![A-Za-z0-9_][\w-]*:|[ \t]*:|/)((?:\\\}|[^}])+)\}[ \t]*(?=\S)",
                       re.M)
_MARK = re.compile(r'(<li\b[^>]*)>(\s*(?:<p\b[^>]*>)?)specsite-liial-(\d+) ')


def lift_item_ials(text: str, ials: list) -> str:
    """Each item IAL becomes a marker at the start of the item's text; `ials` gets its attributes."""
    if "{:" not in text:
        return text
    code = None

    def swap(m):
        nonlocal code
        if code is None:
            code = fenced_lines(text)
        if text.count("\n", 0, m.start()) + 1 in code:
            return m.group(0)
        ials.append(parse_ial(m.group(2)))
        return f"{m.group(1)}specsite-liial-{len(ials) - 1} "
    return _ITEM_IAL.sub(swap, text)


def apply_item_ials(body: str, ials: list) -> str:
    """Each marker's attributes on its `<li>` (classes add up)."""
    return _MARK.sub(lambda m: with_attrs(m.group(1), ials[int(m.group(3))]) + ">" + m.group(2), body)


_ITEM_MARK = re.compile(r"^( *)(?:[-*+]|\d+\.)([ \t]+)(?=\S)")


def item_paragraph_ial(lines: list, i: int, ial: str, block_start):
    """For a block IAL on line i right after text in a list item: (whether the text before it is the item's first paragraph and kramdown
    writes it transparent, the item's content indent); else None. list.rb makes an item's first
    paragraph transparent (no <p>, its IAL lost) unless a blank line inside the item, or between
    it and the list's next item, precedes more of the list (first_as_para). `block_start(line)`:
    whether a line starts a block (blocks._block_start)."""
    if not lines[i - 1].strip():
        return None
    lines[i] = ial  # (as written, while the item is read: preprocess blanked it)
    try:
        return _item_ial(lines, i, block_start)
    finally:
        lines[i] = ""


def _item_ial(lines: list, i: int, block_start):
    k = i - 1
    while k >= 0 and lines[k].strip() and not _ITEM_MARK.match(lines[k]):
        k -= 1
    m = _ITEM_MARK.match(lines[k]) if k >= 0 and lines[k].strip() else None
    if m is None:
        return None
    indent = m.end()
    if len(lines[i]) - len(lines[i].lstrip(" ")) < indent or any(
            block_start(lines[j].strip()) for j in range(k + 1, i)):
        return None
    first = True  # (the item's text lines, from its marker on: its first paragraph)
    end = i + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith(" " * indent)):
        end += 1
    blank_then_more = any(not lines[j].strip() and j + 1 < end and lines[j + 1].strip() for j in range(i, end))
    next_item = end < len(lines) and lines[end].strip() and (_ITEM_MARK.match(lines[end]) or None)
    if blank_then_more or (next_item and not lines[end - 1].strip()
                           and len(next_item.group(1)) == len(m.group(1))):
        first = False
    return first, indent
