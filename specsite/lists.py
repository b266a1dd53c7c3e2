"""Front-matter and `_config.yml` values read as lists. A user may write `tags: a b`, a list, or
nothing; each reader below is the reading of one consumer, kept apart because they differ."""
from __future__ import annotations

import re

_TAG_SEPARATORS = re.compile(r"[,\s]+")


def split_words(value) -> list[str]:
    """Jekyll's reading of `categories` and `tags`: a string is split on whitespace, nested lists
    are flattened, every item becomes a string."""
    if value is None:
        return []
    if isinstance(value, str):
        return value.split()
    if isinstance(value, (list, tuple)):
        out = []
        for item in value:
            out.extend(split_words(item) if isinstance(item, (list, tuple)) else [str(item)])
        return out
    return [str(value)]


def pluralized(values: dict, singular: str, plural: str) -> list[str]:
    """Jekyll's Utils.pluralized_array_from_hash: the singular key's value as it is (`category:
    Spec Updates` is one category), else the plural key's (a string split on whitespace, a list
    as it is, anything else nothing); flattened, nils dropped, every item a string."""
    value = values.get(singular)
    if value is None:
        value = values.get(plural)
        value = value.split() if isinstance(value, str) else value if isinstance(value, (list, tuple)) else None
    if value is None:
        return []
    return split_words(value) if isinstance(value, (list, tuple)) else [str(value)]


def split_tags(value) -> list[str]:
    """Our theme's reading of `tags`: a string is split on commas and whitespace; a list keeps its
    items (as strings) but the empty ones."""
    if value is None:
        return []
    if isinstance(value, str):
        return [t for t in _TAG_SEPARATORS.split(value) if t]
    if not isinstance(value, (list, tuple, set)):
        return [str(value)]
    return [str(v) for v in value if v is not None]


def wrap_list(value) -> list:
    """jekyll-feed's reading (Ruby's `Array(value)`): a list as it is, one value as a list of one,
    nothing as an empty list; strings are neither split nor converted."""
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple, set)) else [value]
