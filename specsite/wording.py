"""Words in messages that depend on a count: one helper, so every report says "1 page, 2 pages"."""
from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """`1 page`, `2 pages` (`many` for a word whose plural is not word + s)."""
    return f"{count} {word if count == 1 else many or word + 's'}"
