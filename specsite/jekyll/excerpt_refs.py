"""Jekyll's Excerpt#extract_excerpt: the excerpt is the text before the separator, plus each
link reference definition after it (`[label]: …`, footnote definitions `[^1]: …` too) whose
`[label]` the excerpt uses, so that its links and footnotes resolve (MKDWN_LINK_REF_REGEX)."""
from __future__ import annotations

import re

from ..lazy_re import LazyPattern

_DEFINITION = LazyPattern(r"^ {0,3}(\[[^\]]+\])(:.+)$", re.M)


def with_definitions(head: str, tail: str) -> str:
    """`head` and, after a blank line, the definitions in `tail` it refers to (one a line)."""
    if "]:" not in tail:
        return head
    found = [m.group(1) + m.group(2) for m in _DEFINITION.finditer(tail) if m.group(1) in head]
    return head + "\n\n" + "\n".join(found) if found else head
