"""Two quotes in a row where kramdown's smart-quote parser starts at the first (a text's start, or
right after an element): SMART_QUOTES_RE is `[^\\]?["']`, so the first quote may be taken as the
character before the second. SQ_RULES are tried at the first quote in their order: its own rules
(lquote1 before `_`/`*`: never, a quote follows; rquote1 before punctuation not followed by a
word: `""` then a space), the pairs `"'` and `'"` before a word, and else the close rule, whose
SQ_CLOSE class takes the first quote as a plain character: it stays straight and the second
closes (`""Title""` at a paragraph's start: `"”Title””`)."""
from __future__ import annotations

_DOUBLE = "“”"


def _word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # (Onigmo's \b reads Unicode words in a UTF-8 text)


def quote_pair(first: str, second: str, after: str):
    """(what the first quote becomes, what the second becomes) for two quotes in a row with no
    character before them; `after`: what follows the second, as kramdown's source has it."""
    single_first, single_second = first not in _DOUBLE, second not in _DOUBLE
    if not after[:2] == ".." and not (after and _word(after[0])):
        return ("’" if single_first else "”"), None  # (rquote1: the second is read on its own)
    if after and _word(after[0]) and single_first != single_second:
        return ("‘" if single_first else "“"), ("‘" if single_second else "“")  # (`"'` / `'"` before a word)
    return ("'" if single_first else '"'), ("’" if single_second else "”")
