"""kramdown's block IAL inside a blockquote (`> {: .note }`), read before cmark (blocks.preprocess)."""
from __future__ import annotations

import re

from .fixups import parse_ial, with_attrs
from .rawhtml import BLOCK_HTML

_QUOTED_IAL = re.compile(r"^((?: {0,3}>[ \t]?)+)\{:(?!:)\s*([^}]*)\}[ \t]*$")
_OPEN_TAG_LINE = re.compile(r"<[A-Za-z][^<>]*\smarkdown=[^<>]*>[ \t]*$")
_QUOTE_PREFIX = re.compile(r"^(?: {0,3}>[ \t]?)+")


def quoted_ial(lines: list, i: int, ials: list) -> bool:
    """A block IAL inside a blockquote (`> {: .note }` before the quote's next block, the callout
    of just-the-docs sites) is kramdown's as at the top level. The line stays an empty quote
    line; a lazy line after it (no `>`) is given the quote's markers so that it stays in the
    quote. After a block in the quote, it ends the block and is its IAL."""
    m = _QUOTED_IAL.match(lines[i])
    if not m:
        return False
    markers = m.group(1)
    depth = markers.count(">")
    before = lines[i - 1] if i else ""
    prev = _QUOTE_PREFIX.match(before)
    prev_blank = not before.strip() or (prev is not None and (prev.group(0).count(">") < depth
                                                              or not before[prev.end():].strip()))
    after = lines[i + 1] if i + 1 < len(lines) else ""
    if not prev_blank and prev is not None and prev.group(0).count(">") == depth:
        if _OPEN_TAG_LINE.match(before[prev.end():]):
            return False  # first in an HTML element's markdown: read with it (nested.nested_markdown)
        lines[i] = markers.rstrip()  # after a block in the quote: it ends that block and is its IAL
        ials.append((i + 1, parse_ial(m.group(2)), "prev-quoted"))
        return True
    if not prev_blank or not after.strip():
        return False
    lines[i] = markers.rstrip()
    quoted = _QUOTE_PREFIX.match(after)
    tag = BLOCK_HTML.match(after[quoted.end():]) if quoted is not None else None
    close = after.find(">", quoted.end()) if tag else -1
    if tag and close > 0 and after[close - 1] != "/":  # an HTML block next: the IAL goes on its tag
        lines[i + 1] = with_attrs(after[:close], parse_ial(m.group(2))) + after[close:]
        return True
    if quoted is None:  # a lazy line: it goes on the quote's paragraph
        lines[i + 1] = markers + after.lstrip()
    ials.append((i + 1, parse_ial(m.group(2)), "next"))
    return True
