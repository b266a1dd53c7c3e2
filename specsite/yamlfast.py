"""Front matter of the plainest kind read without the YAML parser: one `key: value` per line,
each value a plain word-like string, a quoted string without escapes, or a flow list of plain
strings. It gives exactly what the YAML loader gives (tests/test_yamlfast.py compares them on
random documents); anything else returns None and goes to the loader. Loading front matter
through libyaml and the line-keeping constructors was a tenth of a 2,000-page build."""
from __future__ import annotations

import re

# A key or plain value that starts with a letter is a string unless it is one of YAML 1.1's
# booleans or nulls (the resolver's int, float and timestamp forms start with a digit, sign or dot).
_NOT_STRINGS = frozenset("yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF "
                         "null Null NULL".split())
_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):[ ]+(.*?)[ ]*")
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 _.,/-]*")  # (block context: commas allowed)
_ITEM = re.compile(r"[A-Za-z][A-Za-z0-9 _./-]*")  # (flow context: no commas)
_DOUBLE = re.compile(r'"([^"\\]*)"')
_SINGLE = re.compile(r"'([^']*)'")


def _scalar(value: str, pattern) -> str | None:
    """The string a scalar written as `value` stands for, or None when it is not a plain case."""
    if pattern.fullmatch(value):
        return None if value in _NOT_STRINGS or value.endswith(" ") else value
    m = _DOUBLE.fullmatch(value) or _SINGLE.fullmatch(value)
    if m is None:
        return None
    inner = m.group(1)
    return inner if inner.isprintable() and "\ufeff" not in inner else None


def simple_mapping(text: str) -> list | None:
    """[(key, value, 0-based line)] — a value is a str or a list of str — or None."""
    entries = []
    for number, line in enumerate(text.split("\n")):
        if not line:
            continue
        m = _LINE.fullmatch(line)
        if m is None or m.group(1) in _NOT_STRINGS:
            return None
        value = m.group(2)
        if value.startswith("[") and value.endswith("]"):
            inner = value[1:-1].strip(" ")
            items = [] if not inner else [_scalar(item.strip(" "), _ITEM) for item in inner.split(",")]
            if None in items:
                return None
            entries.append((m.group(1), items, number))
            continue
        scalar = _scalar(value, _PLAIN)
        if scalar is None:
            return None
        entries.append((m.group(1), scalar, number))
    return entries or None
