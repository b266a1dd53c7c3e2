"""Front matter of the plainest kind read without the YAML parser: one `key: value` per line,
each value a plain string, a boolean, null, a decimal integer, a quoted string without escapes,
or a flow list of plain strings. It gives exactly what the YAML loader gives
(tests/test_yamlfast.py compares them on random documents); anything else returns None and goes
to the loader. Loading front matter through libyaml and the line-keeping constructors was a
tenth of a 2,000-page build."""
from __future__ import annotations

import re

# A key or plain value that starts with a letter is a string unless it is one of YAML 1.1's
# booleans or nulls (the resolver's int, float and timestamp forms start with a digit, sign or dot).
_BOOLEANS = {word: value for words, value in (("yes Yes YES true True TRUE on On ON", True),
                                              ("no No NO false False FALSE off Off OFF", False))
             for word in words.split()}
_NULLS = frozenset(("null", "Null", "NULL", "~", ""))
_NOT_STRINGS = frozenset(_BOOLEANS) | _NULLS
# (the value greedy, its trailing spaces stripped after: a lazy `(.*?)[ ]*` tried the end at every
# character, 2.5x the time of the line's match)
_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]{0,1023}):(?:[ ]+(.*))?")
# A plain value in block context: after its first character (a letter or '/': no indicator, and
# no resolver but the booleans' and nulls' reads a string starting so) anything printable but
# a tab, up to ': ' (a mapping) or ' #' (a comment), which end it.
_PLAIN = re.compile(r"[A-Za-z/][^\t]*")
_INTEGER = re.compile(r"0|[1-9][0-9]*")  # (YAML 1.1 reads 012 as octal, 1_000 as 1000: left to the loader)
_ITEM = re.compile(r"[A-Za-z_][A-Za-z0-9 _./+-]*")  # (flow context: no commas)
_DOUBLE = re.compile(r'"([^"\\]*)"')
_SINGLE = re.compile(r"'([^']*)'")
_NOT_PLAIN = object()


def _quoted(value: str):
    """The string a quoted scalar without escapes stands for, or _NOT_PLAIN."""
    m = _DOUBLE.fullmatch(value) or _SINGLE.fullmatch(value)
    if m is None:
        return _NOT_PLAIN
    inner = m.group(1)
    return inner if inner.isprintable() and "\ufeff" not in inner else _NOT_PLAIN


def _item(value: str):
    """A flow list's item: a plain word-like string or a quoted one, or _NOT_PLAIN."""
    if _ITEM.fullmatch(value):
        return _NOT_PLAIN if value in _NOT_STRINGS or value.endswith(" ") else value
    return _quoted(value)


def _value(value: str):
    """The value a block mapping's plain or quoted scalar stands for, or _NOT_PLAIN."""
    if value in _BOOLEANS:
        return _BOOLEANS[value]
    if value in _NULLS:
        return None
    first = value[0]  # (each form below starts with its own characters: one pattern tried, not three)
    if first in _QUOTES:
        return _quoted(value)
    if first in _DIGITS:
        return int(value) if _INTEGER.fullmatch(value) else _NOT_PLAIN
    if _PLAIN.fullmatch(value):
        if ": " in value or " #" in value or value.endswith(":") or not value.isprintable():
            return _NOT_PLAIN
        return value
    return _NOT_PLAIN


_QUOTES, _DIGITS = frozenset("\"'"), frozenset("0123456789")


def simple_mapping(text: str) -> list | None:
    """[(key, value, 0-based line)] — a value is a str, bool, int, None or a list of str — or None."""
    entries = []
    for number, line in enumerate(text.split("\n")):
        if not line:
            continue
        m = _LINE.fullmatch(line)
        if m is None or m.group(1) in _NOT_STRINGS:
            return None
        value = (m.group(2) or "").rstrip(" ")
        if value.startswith("[") and value.endswith("]"):
            inner = value[1:-1].strip(" ")
            items = [] if not inner else [_item(item.strip(" ")) for item in inner.split(",")]
            if _NOT_PLAIN in items:
                return None
            entries.append((m.group(1), items, number))
            continue
        scalar = _value(value)
        if scalar is _NOT_PLAIN:
            return None
        entries.append((m.group(1), scalar, number))
    return entries or None
