"""Matches of a tag-line pattern (`^ {0,3}<…` under re.M) found from the lines that can hold one.
sre cannot skip ahead to a `^`: such a pattern's search tries it at every character (~80
instructions a character on the six sites' pages); a `\\n {0,3}<` search skips from newline to
newline, and the pattern is then matched only at the lines led by a tag."""
from __future__ import annotations

import re

_TAG_LINE_START = re.compile(r"\n {0,3}<")


def tag_line_matches(pattern, text: str):
    """What `pattern.finditer(text)` yields, for a pattern that matches only at a line start led
    by up to three spaces and `<` (`^ {0,3}<` under re.M), and never an empty string."""
    end = 0
    m = pattern.match(text)
    if m is not None:
        end = m.end()
        yield m
    for line in _TAG_LINE_START.finditer(text):
        start = line.start() + 1
        if start >= end:  # (finditer goes on after a match: a match over lines hides their tags)
            m = pattern.match(text, start)  # (`^` matches after the newline before `start`)
            if m is not None:
                end = m.end()
                yield m


def first_tag_line(pattern, text: str):
    """`pattern.search(text)` for such a pattern."""
    return next(tag_line_matches(pattern, text), None)
