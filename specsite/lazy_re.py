"""Patterns compiled the first time a build uses them: a module's patterns for rare input (Ruby
plugins, Liquid only Jekyll's lax parser takes, raw HTML in odd places) cost 4–5 ms to compile
at every start while most sites never run them."""
from __future__ import annotations

import re

_METHODS = ("match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer")


class LazyPattern:
    """`re.compile(pattern, flags)` on first use. Its methods are then the compiled pattern's own
    (kept as attributes of this object), so a call costs what a compiled pattern's does. Use only
    through these methods and attributes: re's functions and isinstance want a real Pattern."""

    def __init__(self, pattern: str, flags: int = 0):
        self._source = (pattern, flags)

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        compiled = self.__dict__.get("compiled")
        if compiled is None:
            compiled = self.compiled = re.compile(*self._source)
            for method in _METHODS:
                setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self._source[0]!r}, {self._source[1]!r})"
