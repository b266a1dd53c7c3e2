"""kramdown's reading of a raw HTML block as a stack of open elements (parser/html.rb,
parse_raw_html): a close tag that is not the innermost open element's is written as text
(`&lt;/p&gt;`), so an element left open inside a block (`<code>x<code>`) keeps the block open,
over blank lines and markdown, to the end of the document, where the open elements are closed.
Only such blocks are read here; balanced ones are left to the block rules."""
from __future__ import annotations

import re
from typing import NamedTuple

_TAG = re.compile(r"<!--.*?(?:-->|\Z)|<(/?)([A-Za-z][\w:-]*)(?:\s[^>]*)?>", re.S)
_VOID = frozenset({"area", "base", "br", "col", "command", "embed", "hr", "img", "input", "keygen", "link", "meta",
                   "param", "source", "track", "wbr"})
_RAW_TEXT = frozenset({"script", "style", "textarea"})


class StrayBlock(NamedTuple):
    end: int          # where the block ends in the text (its end when it never closes)
    html: str         # the block as kramdown writes it: stray close tags escaped, open ones closed


def stray_block(text: str, start: int) -> StrayBlock | None:
    """The HTML block at `start` if a close tag inside it closes some element other than the
    innermost open one (kramdown writes such a tag as text); None when it nests cleanly."""
    stack: list[str] = []
    strays: list[tuple[int, int]] = []
    pos = start
    while True:
        m = _TAG.search(text, pos)
        if not m:
            break
        pos = m.end()
        if m.group(2) is None:  # a comment
            continue
        name = m.group(2).lower()
        if not m.group(1):
            if name in _VOID or m.group(0).endswith("/>"):
                continue
            if name in _RAW_TEXT:
                close = re.compile(rf"</{name}\s*>", re.I).search(text, pos)
                if close:
                    pos = close.end()
                    if not stack:
                        break
                    continue
            stack.append(name)
            continue
        if stack and stack[-1] == name:
            stack.pop()
            if not stack:
                break
        elif stack:
            strays.append((m.start(), m.end()))
    if not strays:
        return None
    end = pos if not stack else len(text)
    pieces, last = [], start
    for s, e in strays:
        if e > end:
            break
        pieces.append(text[last:s])
        pieces.append(text[s:e].replace("<", "&lt;").replace(">", "&gt;"))
        last = e
    pieces.append(text[last:end])
    return StrayBlock(end, "".join(pieces) + "".join(f"</{name}>" for name in reversed(stack)))
