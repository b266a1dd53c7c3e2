"""The link patterns of a template: every `href="…"`/`src="…"` of a layout or include, its literal
pieces in order with Liquid output (anything) between them, and where it stands (Origin), to find
which template line wrote a link found in a page's output (origins.Origins)."""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from ..liquid_reads import LIQUID

_ATTR = re.compile(r"""\b(?:href|src|srcset|action|poster|data|cite|formaction)\s*=\s*(?:"([^"]*)"|'([^']*)')""",
                   re.I)
# A link attribute's name by its last letter (the letter and its capital: no other character
# matches f, c, t, n, r, a or e under re.I): the lengths of the names of _ATTR that end with it.
_NAME_ENDS = {"f": (4,), "c": (3,), "t": (6,), "n": (6, 10), "r": (6,), "a": (4,), "e": (4,)}
_MASK = "\x01"
_MASKS = re.compile(f"{_MASK}+")  # a masked Liquid tag or output
_QUOTED = re.compile(r'"([^"]+)"|\'([^\']+)\'')  # string literals in a link's Liquid


@dataclass(frozen=True)
class Origin:
    """Where a piece of output was written: file, line, column."""
    path: str
    line: int
    column: int | None


@dataclass(frozen=True)
class Pattern:
    """What a template wrote, to find where output came from: its literal pieces, in order, with
    Liquid output (anything) between them."""
    origin: Origin
    pieces: tuple
    literal: int  # characters written literally: more means a more certain match
    liquid: bool  # some of it comes from Liquid output
    quoted: tuple  # string literals inside its Liquid ({{ "/feed.xml" | prepend: site.url }})
    outputs: tuple = ()  # (line, column) of each `{{ output }}` in it, where the renderer records it
    leads: bool = False  # it starts with one (`href="{{ x }}..."`)



def template_patterns(rel: str, text: str):
    masked = LIQUID.sub(lambda m: _MASK * len(m.group(0)), text)
    line, counted = 1, 0  # the line of offset `counted` (the attributes come in order)
    for m in link_attributes(masked):
        group = 1 if m.group(1) is not None else 2
        start, end = m.start(group), m.end(group)
        value = masked[start:end]
        quoted = tuple(q for q in _QUOTED.findall(text, start, end) for q in q if q)
        liquid = _MASK in value
        pieces = tuple(_MASKS.split(value)) if liquid else (value,)
        line += text.count("\n", counted, start)
        counted = start
        col = start - (text.rfind("\n", 0, start) + 1) + 1
        outputs = tuple(_line_col(text, at, line, start) for at in _output_starts(text, start, end)) if liquid else ()
        # (placed at the value's first character that is not blank: `href="\n  {{ x }}"` is line 2's)
        blank = len(value) - len(value.lstrip()) if value[:1].isspace() and value.strip() else 0
        at = Origin(rel, line, col) if not blank else Origin(rel, *_line_col(text, start + blank, line, start))
        yield Pattern(at, pieces, sum(len(p.strip()) for p in pieces), liquid, quoted,
                       outputs, text.startswith("{{", start))


def _output_starts(text: str, start: int, end: int):
    """Where each `{{ output }}` of text[start:end] starts."""
    return (m.start() for m in LIQUID.finditer(text, start, end) if text.startswith("{{", m.start()))


def _line_col(text: str, at: int, line: int, start: int) -> tuple:
    """(line, column) of offset `at`, counted on from offset `start` on line `line`."""
    return line + text.count("\n", start, at), at - (text.rfind("\n", 0, at) + 1) + 1


def link_attributes(text: str):
    """The matches of _ATTR.finditer(text), found without its search: sre tries the case-folded
    alternation after `\\b` at every character of a template (two thirds of the time spent making a
    build's patterns). A match holds its name, then spaces, then `=`: so it can only start a name's
    length before the spaces that precede some `=`, where the name's last letter is. Those places
    are tried in order with _ATTR.match, each after the last match's end, as finditer would."""
    starts = set()
    at = text.find("=")
    while at >= 0:
        end = at
        while end and text[end - 1].isspace():  # (str.isspace: the characters of sre's `\s`)
            end -= 1
        for size in _NAME_ENDS.get(text[end - 1:end].lower(), ()):
            if end >= size:
                starts.add(end - size)
        at = text.find("=", at + 1)
    after = 0
    for start in sorted(starts):
        if start >= after:
            m = _ATTR.match(text, start)  # (its `\b` sees the character before `start`)
            if m is not None:
                yield m
                after = m.end()


def fullmatch(pieces: tuple, target: str) -> bool:
    """re.fullmatch of the pieces escaped and joined by `.*?` (re.S) without compiling it (a
    pattern per link of every template, on the first page): the first piece starts the target,
    the last ends it, and the others follow in order between them, each at its earliest place
    (with only `.*?` between literals, the earliest places fit whenever any do)."""
    if len(pieces) == 1:
        return target == pieces[0]
    first, last = pieces[0], pieces[-1]
    end = len(target) - len(last)
    if end < len(first) or not target.startswith(first) or not target.endswith(last):
        return False
    at = len(first)
    for piece in pieces[1:-1]:
        found = target.find(piece, at, end)
        if found < 0:
            return False
        at = found + len(piece)
    return True



_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?", re.M)  # a markdown reference definition's start


def value_start(text: str, at: int) -> int:
    """The start of the link attribute value (Liquid in it masked, as in template_patterns) or
    the reference definition's target that holds offset `at` of `text`; `at` when none does."""
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    ref = _REFERENCE.match(text, line_start, len(text) if line_end < 0 else line_end)
    if ref is not None and ref.end() <= at:
        return ref.end()
    spans = _value_spans(text)
    i = bisect.bisect_right(spans, (at, _NO_END)) - 1
    return spans[i][0] if i >= 0 and at < spans[i][1] else at


_NO_END = float("inf")


@functools.lru_cache(maxsize=64)
def _value_spans(text: str) -> list:
    """(start, end) of each link attribute value of a file's text, from its first character that is
    not blank (an end at least one past the start: `href=""` holds its own place)."""
    masked = LIQUID.sub(lambda m: _MASK * len(m.group(0)), text)
    spans = []
    for m in link_attributes(masked):
        group = 1 if m.group(1) is not None else 2
        start, end = m.start(group), m.end(group)
        value = masked[start:end]
        blank = len(value) - len(value.lstrip()) if value[:1].isspace() and value.strip() else 0
        spans.append((start + blank, max(end, start + 1)))  # (from its first character that is not blank)
    return spans
