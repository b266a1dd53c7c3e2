"""kramdown's list item IAL (parser/kramdown/list.rb LIST_ITEM_IAL): `- {:.next}text` gives the
`<li>` the attributes and the item starts with `text`. cmark would keep the braces as text, so
the IAL is swapped for a marker before cmark and moved onto the item after."""
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
