"""kramdown's link in link text: parse_link starts at the outer `[` and, inside a link or an
image, takes a nested `[b](u)` as text ("no nested links allowed", link.rb); CommonMark makes
the inner one the link and the outer text. When the outer link is an inline link (kramdown's
then certain), the inner link's brackets are escaped so that cmark reads the outer as kramdown.
Text in code (blocks, spans) and raw HTML is left alone."""
from __future__ import annotations

import re

# the outer link's `(destination "title")`: kramdown takes all to the balancing `)` (link.rb's
# LINK_PAREN_STOP_RE loop), blanks too
_DESTINATION = re.compile(r"\((?:[^()\n]|\([^()\n]*\))*\)")
_INNER_DEST = re.compile(r"\[[^\[\]\n]*\]|" + _DESTINATION.pattern)  # (`[b][r]` or `[b](u)`)


_OPEN_IN_OPEN = re.compile(r"\[[^\[\]]*\[").search  # (a `[` inside a `[`'s text: a line that may hold one)


def nested_links(text: str) -> str:
    """`text` with each link inside an inline link's text written as text (escaped brackets);
    the lines looked at are those with a `](`."""
    edits: list = []
    pos = text.find("](")
    while pos >= 0:  # (each line with a `](` once)
        start = text.rfind("\n", 0, pos) + 1
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[start:end]
        if "`" not in line and "<" not in line and _OPEN_IN_OPEN(line) and not line.startswith(("    ", "\t")):
            for close in _closes(line):
                edits.extend(start + k for k in _inner_brackets(line, close))
        pos = text.find("](", end)
    if not edits:
        return text
    edits = sorted(set(edits))
    skipped = _code_line_starts(text)
    pieces, at = [], 0
    for k in edits:
        if text.rfind("\n", 0, k) + 1 in skipped:
            continue
        pieces.append(text[at:k])
        pieces.append("\\")
        at = k
    pieces.append(text[at:])
    return "".join(pieces)


def _closes(line: str):
    """The places of each `](` and `][` in the line (a link's text ends there)."""
    close = line.find("]")
    while close >= 0:
        if line[close + 1:close + 2] in ("(", "["):
            yield close
        close = line.find("]", close + 1)


def _inner_brackets(line: str, close: int) -> list:
    """The places of the inner link's `[` and `]` when `line[close]` ends a link's text that sits
    inside another inline link's text; else none."""
    open_ = _opening(line, close)
    dest = _INNER_DEST.match(line, close + 1)
    if open_ is None or open_ == 0 or dest is None or line[open_ - 1:open_] in ("\\", "!"):
        return []
    outer = _opening(line, open_, unmatched=True)
    if outer is None or (outer and line[outer - 1] == "\\"):
        return []
    depth, k = 1, dest.end()
    while k < len(line):  # the outer text's `]`
        c = line[k]
        if c == "\\":
            k += 2
            continue
        depth += c == "["
        depth -= c == "]"
        if depth == 0:
            break
        k += 1
    if k >= len(line) or not _DESTINATION.match(line, k + 1):
        return []
    return [open_, close] + ([close + 1, dest.end() - 1] if line[close + 1] == "[" else [])  # (`[b][r]`: `[r]` too)


def _opening(line: str, at: int, unmatched: bool = False):
    """The `[` that the `]` at `at` closes (with `unmatched`: the nearest open `[` before `at`)."""
    depth = 0 if unmatched else 1
    for k in range(at - 1, -1, -1):
        c = line[k]
        if c not in "[]" or (k and line[k - 1] == "\\"):
            continue
        if c == "]":
            depth += 1
        elif depth == (0 if unmatched else 1):
            return k
        else:
            depth -= 1
    return None


def _code_line_starts(text: str) -> set:
    """The offsets of the lines in fenced or indented code blocks or raw blocks (linkdefs' rule)."""
    from .linkdefs import _code_skipped
    skipped = _code_skipped(text)
    starts, at = set(), 0
    for n, line in enumerate(text.split("\n")):
        if n in skipped:
            starts.add(at)
        at += len(line) + 1
    return starts
