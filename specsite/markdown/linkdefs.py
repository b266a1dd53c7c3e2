"""kramdown's duplicate link definitions: the last one wins.

kramdown's parse_link_definition stores each definition under its normalised id (whitespace
runs made one space, downcased) and overwrites an earlier one ("Duplicate link ID … -
overwriting"); cmark keeps the first. A FHIR implementation guide's shared link list defines
`[profiles]` (the core spec) and `[Profiles]` (the guide's page): Jekyll links `[Profiles]`
to the later. So each earlier definition of a duplicated id is given the last one's target
and title, on its own line (line numbers stay as they are)."""
from __future__ import annotations

import re
from bisect import bisect_right

# a one-line definition (kramdown's LINK_DEFINITION_START, its title on the same line or alone on
# the next); the label's closing `]:`, then the target and optional title as written, then the
# next line's title
_DEF = re.compile(r"^( {0,3}\[(?!\^)([^\]\n]+)\]:)([ \t]*\S.*)((?:\n[ \t]*([\"'])[^\n]*\5[ \t]*)(?=\n|\Z))?", re.M)
_TITLED = re.compile(r"[ \t]([\"']).*\1[ \t]*$")  # a target with its title on its line
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# an HTML block of raw text (cmark's kind 1, kramdown's raw HTML): a definition there is text
_RAW_START = re.compile(r"^ {0,3}<(pre|script|style|textarea)(?=[\s>]|$)", re.I)


# a label alone on its line: cmark reads a definition whose target is on the next line,
# kramdown's LINK_DEFINITION_START wants the target on the label's line (else it is text)
# (at a line's start, in a quote or a list item's first line too)
_BARE = re.compile(r"^((?: {0,3}(?:> ?|[*+-][ \t]+|\d{1,9}[.)][ \t]+))* {0,3}\[(?!\^)[^\]\n]+\]):(?=[ \t]*$)", re.M)


def kramdown_definitions(text: str) -> str:
    """`text` with link definitions as kramdown reads them: a label with no target on its line
    is text (its colon written `&#58;`, which cmark prints as `:`), and a duplicated id's last
    definition wins (last_definitions_win)."""
    if _BARE.search(text):
        skipped = _code_lines(text)
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        text = _BARE.sub(lambda m: m.group(0) if bisect_right(starts, m.start()) - 1 in skipped
                         else m.group(1) + "&#58;", text)
    return last_definitions_win(text)


def _norm(label: str) -> str:
    return " ".join(label.split()).lower()


def _value(m: re.Match) -> str:
    """The definition's target and title on one line (a title alone on the next line joined)."""
    if m.group(4) and not _TITLED.search(m.group(3)):
        return m.group(3) + " " + m.group(4).strip()
    return m.group(3)


def last_definitions_win(text: str) -> str:
    """`text` with each earlier definition of a duplicated link id given the last one's value."""
    defs = _DEF.findall(text)
    if len(defs) < 2:
        return text
    labels = [_norm(d[1]) for d in defs]
    if len(set(labels)) == len(labels):
        return text
    skipped = _code_lines(text)
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    last: dict[str, str] = {}
    for m in _DEF.finditer(text):
        if bisect_right(starts, m.start()) - 1 not in skipped:
            last[_norm(m.group(2))] = _value(m)

    def sub(m: re.Match) -> str:
        if bisect_right(starts, m.start()) - 1 in skipped:
            return m.group(0)
        line = m.group(1) + last[_norm(m.group(2))]
        if m.group(4) and not _TITLED.search(m.group(3)):  # (its title line: the same definition again)
            return line + "\n" + " " * (len(m.group(4)) - len(m.group(4).lstrip("\n \t")) - 1) + line.lstrip()
        return line
    return _DEF.sub(sub, text)


def _code_lines(text: str) -> set[int]:
    """The 0-based numbers of the lines inside fenced code blocks and raw HTML blocks (<pre>,
    <script>, <style>, <textarea>: a definition there is text)."""
    inside: set[int] = set()
    fence = raw = ""
    for n, line in enumerate(text.split("\n")):
        if raw:
            inside.add(n)
            if f"</{raw}" in line.lower():
                raw = ""
            continue
        m = _FENCE.match(line)
        if fence:
            inside.add(n)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line.strip(" `~"):
                fence = ""
        elif m:
            fence = m.group(1)
            inside.add(n)
        else:
            r = _RAW_START.match(line)
            if r:
                inside.add(n)
                if f"</{r.group(1).lower()}" not in line.lower():
                    raw = r.group(1).lower()
    return inside
