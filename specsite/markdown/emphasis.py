"""kramdown's strong emphasis does not nest (parse_emphasis: a `**` inside a strong element is
text), and it closes at the first `**` after a non-space character. CommonMark pairs
`**a **b** c**` as strong inside strong; kramdown writes `<strong>a **b</strong> c**`. The `**`
that kramdown reads as text is escaped before cmark reads the line."""
from __future__ import annotations

import re

from .text import outside_code_spans

_RUN = re.compile(r"\*\*")
_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d+\.)[ \t]+")
_SPAN_SYNTAX = re.compile(r"[`\[\]<\\]")  # code, links, HTML, escapes between: left to cmark
# `***x***`: kramdown's parse_emphasis takes the `**` first (strong around em), cmark the reverse.
# Written `**_x_**` for cmark, which cannot open inside a word (`a***b***c` is left as it is)
_TRIPLE = re.compile(r"(?<![*\\\w])\*\*\*(?=[^\s*_`])([^*_`\n]*?[^\s*_`\\])\*\*\*(?![*\w])")


def kramdown_triple(line: str) -> str:
    """`***x***` as kramdown nests it (`<strong><em>`), outside code spans."""
    return outside_code_spans(line, lambda part: _TRIPLE.sub(r"**_\1_**", part))


def kramdown_strong(line: str) -> str:
    """The line with each `**` that kramdown reads as text inside a strong element escaped."""
    marker = _ITEM.match(line)
    if marker:
        return line[:marker.end()] + kramdown_strong(line[marker.end():])
    if "***" in line:
        return kramdown_triple(line)
    if line.count("*") != 2 * line.count("**"):
        return line  # single `*` (emphasis) mixed in: left to cmark
    runs = [m.start() for m in _RUN.finditer(line)]
    escape, open_at, k = [], None, 0
    while k < len(runs):
        at = runs[k]
        before = line[at - 1] if at else " "
        if open_at is None:
            if line[at + 2:at + 3].strip():  # followed by text: an opener, if a closer comes
                open_at = at
        elif not before.isspace() and at > open_at + 2:
            if escape and _SPAN_SYNTAX.search(line, open_at, at):
                return line
            open_at = None  # the closer
        else:
            escape.append(at)  # a `**` inside the strong: text
        k += 1
    if open_at is not None:  # the last opener never closed: its `**` inside are text as in cmark
        escape = [at for at in escape if at < open_at]
    if not escape:
        return line
    out, pos = [], 0
    for at in escape:
        out.append(line[pos:at] + "\\*\\*")
        pos = at + 2
    return "".join(out) + line[pos:]
