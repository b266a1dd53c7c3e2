"""python-liquid's template lexer, its text found without its slowest rule.

The lexer's one regex ends a run of text with `.+?(?=({%|{{)…|$)`: a lazy step and a lookahead
at every character of a page's markdown (most of a page body is text: a third of the time
spent parsing bodies). Here a run of text that does not start at `{%` or `{{` is measured with
`str.find`-speed searches and handed to python-liquid's own token loop as a match with the same
group, text, start and `rstrip` the regex gives; at `{%` and `{{` the regex itself runs, so
tags, outputs, raw, doc and malformed delimiters are read by python-liquid exactly as before."""
from __future__ import annotations

import re
from functools import partial

from liquid.lex import _tokenize_template, compile_liquid_rules
from liquid.token import TOKEN_CONTENT

_DELIMITER = re.compile(r"\{[{%]")


class _Text:
    """A run of text, as the lexer's regex would have matched it (the CONTENT group)."""

    __slots__ = ("_source", "_start", "_end", "_rstrip")
    lastgroup = TOKEN_CONTENT

    def __init__(self, source: str, start: int, end: int, rstrip):
        self._source, self._start, self._end, self._rstrip = source, start, end, rstrip

    def group(self, name=0):
        if name == 0 or name == TOKEN_CONTENT:
            return self._source[self._start:self._end]
        if name == "rstrip":
            return self._rstrip
        return None

    def start(self, name=0):
        return self._start if name == 0 or name == TOKEN_CONTENT else -1

    def end(self, name=0):
        return self._end if name == 0 or name == TOKEN_CONTENT else -1


class _Rules:
    """The compiled rules' `finditer`, the text between delimiters found without the regex."""

    __slots__ = ("rules",)

    def __init__(self, rules):
        self.rules = rules

    def finditer(self, source: str):
        match_at, search, size = self.rules.match, _DELIMITER.search, len(source)
        # the regex's `$` (no MULTILINE) also ends the text before a final newline
        last = size - 1 if size and source[-1] == "\n" else size
        pos = 0
        while pos < size:
            if source.startswith("{", pos) and source[pos + 1:pos + 2] in ("{", "%"):
                match = match_at(source, pos)  # a tag, an output, raw, doc or (malformed) text
                yield match
                pos = match.end()
                continue
            found = search(source, pos + 1)
            if found is not None:
                end = found.end()
                yield _Text(source, pos, found.start(), "-" if source.startswith("-", end) else "")
                pos = found.start()
            else:
                end = last if last > pos else size
                yield _Text(source, pos, end, None)
                pos = end


_DEFAULT_RULES = compile_liquid_rules().pattern


def lexer(rules):
    """A lexer over `rules` (python-liquid's compiled pattern); the text rule sped up only for
    the default delimiters, which _Rules assumes."""
    if rules.pattern != _DEFAULT_RULES:
        return partial(_tokenize_template, rules=rules)
    return partial(_tokenize_template, rules=_Rules(rules))
