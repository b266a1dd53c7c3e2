"""Matches of a tag-line pattern (`^ {0,3}<…` under re.M) found from the lines that can hold one.
sre cannot skip ahead to a `^`: such a pattern's search tries it at every character (~80
instructions a character on the six sites' pages); a `\\n {0,3}<` search skips from newline to
newline, and the pattern is then matched only at the lines led by a tag."""
from __future__ import annotations

import re

_TAG_LINE_START = re.compile(r"\n {0,3}<")


def tag_line_matches(match, text: str):
    """What `pattern.finditer(text)` yields, for a pattern that matches only at a line start led
    by up to three spaces and `<` (`^ {0,3}<` under re.M), and never an empty string; `match`:
    its match method (a LazyPattern's too)."""
    end = 0
    m = match(text)
    if m is not None:
        end = m.end()
        yield m
    for start in _tag_line_starts(text):
        if start >= end:  # (finditer goes on after a match: a match over lines hides their tags)
            m = match(text, start)  # (`^` matches after the newline before `start`)
            if m is not None:
                end = m.end()
                yield m


def _tag_line_starts(text: str) -> list:
    """Where each line after the first that is led by a tag starts; up to 4 texts' kept (half
    the asks on the six sites are of a text asked before, by another pass)."""
    starts = _KEPT.get(text)
    if starts is None:
        starts = [m.start() + 1 for m in _TAG_LINE_START.finditer(text)]
        if len(_KEPT) >= 4:
            _KEPT.clear()  # (a page's passes ask of its texts in turn: the older ones are done)
        _KEPT[text] = starts
    return starts


_KEPT: dict = {}  # text -> its tag lines' starts


def first_tag_line(match, text: str):
    """`pattern.search(text)` for such a pattern (`match`: its match method)."""
    return next(tag_line_matches(match, text), None)
