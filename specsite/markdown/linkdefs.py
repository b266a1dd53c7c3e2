"""kramdown's duplicate link definitions: the last one wins.

kramdown's parse_link_definition stores each definition under its normalised id (whitespace
runs made one space, downcased) and overwrites an earlier one ("Duplicate link ID … -
overwriting"); cmark keeps the first. A FHIR implementation guide's shared link list defines
`[profiles]` (the core spec) and `[Profiles]` (the guide's page): Jekyll links `[Profiles]`
to the later. So each earlier definition of a duplicated id is given the last one's target
and title, on its own line (line numbers stay as they are)."""
from __future__ import annotations

import re

# a one-line definition (kramdown's LINK_DEFINITION_START, its title on the same line); the
# label's closing `]:`, then the target and optional title as written
_DEF = re.compile(r"^( {0,3}\[(?!\^)([^\]\n]+)\]:)([ \t]*\S.*)$", re.M)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def _norm(label: str) -> str:
    return " ".join(label.split()).lower()


def last_definitions_win(text: str) -> str:
    """`text` with each earlier definition of a duplicated link id given the last one's value."""
    defs = _DEF.findall(text)
    if len(defs) < 2:
        return text
    labels = [_norm(label) for _, label, _ in defs]
    if len(set(labels)) == len(labels):
        return text
    fenced = _fenced_lines(text)
    last: dict[str, str] = {}
    for m in _DEF.finditer(text):
        if text.count("\n", 0, m.start()) not in fenced:
            last[_norm(m.group(2))] = m.group(3)

    def sub(m: re.Match) -> str:
        if text.count("\n", 0, m.start()) in fenced:
            return m.group(0)
        return m.group(1) + last[_norm(m.group(2))]
    return _DEF.sub(sub, text)


def _fenced_lines(text: str) -> set[int]:
    """The 0-based numbers of the lines inside fenced code blocks (a definition there is code)."""
    inside: set[int] = set()
    fence = ""
    for n, line in enumerate(text.split("\n")):
        m = _FENCE.match(line)
        if fence:
            inside.add(n)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line.strip(" `~"):
                fence = ""
        elif m:
            fence = m.group(1)
            inside.add(n)
    return inside
