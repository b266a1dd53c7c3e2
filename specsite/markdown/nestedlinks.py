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


# a `[` inside a `[`'s text (code spans, escapes and an image's alt in it skipped: `[![b](i.svg)](u)`
# is no nesting): a line that may hold one
_OPEN_IN_OPEN = re.compile(r"\[(?<!\\\[)(?:[^\[\]`\\!]++|`[^`\n]*+`|\\.|!\[[^\[\]\n]*\]|!)*+\[").search


def nested_links(text: str) -> str:
    """`text` with the brackets inside an inline link's text written as text (escaped), and the
    `[` of a link that kramdown's bracket count never closes (a footnote marker inside) escaped;
    the lines looked at are those with a `](`."""
    edits: list = []
    pos = text.find("](")
    while pos >= 0:  # (each line with a `](` once)
        start = text.rfind("\n", 0, pos) + 1
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[start:end]
        if "<" not in line and _OPEN_IN_OPEN(line) and not line.startswith(("    ", "\t")):
            edits.extend(start + k for k in _line_edits(_masked(line) if "`" in line else line))
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


_CODE_SPAN = re.compile(r"(?<![`\\])(`+)(?!`).*?(?<!`)\1(?!`)")


def _masked(line: str) -> str:
    """The line with each code span blanked (as long as it was): its brackets are code."""
    return _CODE_SPAN.sub(lambda m: "\0" * len(m.group()), line)


# kramdown's FOOTNOTE_MARKER_START, and an image (parse_link consumes it whole: its brackets count none)
_FOOTNOTE = re.compile(r"\[\^\w[\w-]*\]")
_IMAGE = re.compile(r"!\[[^\[\]\n]*\](?:" + _DESTINATION.pattern + r"|\[[^\[\]\n]*\])")


def _line_edits(line: str) -> list:
    """The places of the brackets to escape in a line: those inside each inline link's text
    (kramdown's parse_link takes no link inside a link: `[`, `]` are text there, where cmark makes
    the inner one the link), and the `[` of a link kramdown's count leaves open (parse_link counts
    a footnote marker's `[` but the marker's parser takes its `]`: `[a[^1] b](u)` is text and a
    footnote to kramdown, a link to cmark)."""
    edits, p = [], 0
    while True:
        p = line.find("[", p)
        if p < 0:
            return edits
        if p and line[p - 1] == "\\":  # (an image's `![` opens as a link's: no link in its alt either)
            p += 1
            continue
        marker = _FOOTNOTE.match(line, p)
        if marker is not None:
            p = marker.end()
            continue
        close, inner, footnotes = _kramdown_close(line, p)
        dest = _DESTINATION.match(line, close + 1) if close is not None else None
        if dest is not None:
            edits.extend(inner)
            p = dest.end()
            continue
        if footnotes:  # (no inline link: its `[` text to kramdown, after the marker broke the count)
            edits.append(p)
        p += 1


def _kramdown_close(line: str, p: int) -> tuple:
    """(the `]` that closes the link text opened at `p` by parse_link's count, or None; the places
    of the brackets inside it; whether a footnote marker stands inside)."""
    count, k, inner, footnotes = 1, p + 1, [], False
    while k < len(line):
        c = line[k]
        if c == "\\":
            k += 2
            continue
        if c == "[" or (c == "!" and line.startswith("[", k + 1)):
            marker = _FOOTNOTE.match(line, k)
            image = _IMAGE.match(line, k) if marker is None and c == "!" else None
            if marker is not None:
                count, footnotes, k = count + 1, True, marker.end()
            elif image is not None:
                k = image.end()
            else:
                k += c == "!"
                count += 1
                inner.append(k)
                k += 1
            continue
        if c == "]":
            count -= 1
            if not count:
                return k, inner, footnotes
            inner.append(k)
        k += 1
    return None, inner, footnotes


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
