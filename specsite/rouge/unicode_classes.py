"""Ruby's \\p{…} Unicode property classes for the ports, which Python's re lacks: the Basic
Multilingual Plane's characters of the given general categories as character-class ranges, made
from unicodedata once per process (a lexer that needs them pays ~10-20 ms on its first block)."""
import functools
import unicodedata


@functools.lru_cache(maxsize=None)
def category_ranges(*categories: str) -> str:
    """The ranges (to put inside `[…]`) of the characters whose category starts with one of
    `categories` ("S" is every symbol category, "Sm" math symbols alone)."""
    out, start, prev = [], None, None
    for code in range(0x10000):
        if unicodedata.category(chr(code)).startswith(categories):
            if start is None:
                start = code
            prev = code
        elif start is not None:
            out.append(f"\\u{start:04x}" + (f"-\\u{prev:04x}" if prev > start else ""))
            start = None
    if start is not None:
        out.append(f"\\u{start:04x}" + (f"-\\u{prev:04x}" if prev > start else ""))
    return "".join(out)
