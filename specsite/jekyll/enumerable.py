"""What Jekyll's where, find, where_exp and find_exp walk (`input.select`, `input.find` after
`input = input.values if input.is_a?(Hash)`): a Jekyll drop (a document, a collection, a static
file) is Enumerable, and Drop#each yields a key and its value, so each item is a [key, value]
pair (`where: "title", "A"` then asks an Array for "title": the build stops)."""
from __future__ import annotations

from .ruby import _v


def enumerable_items(value):
    """The items walked, or None when the input has no select/find (the filter returns it)."""
    value = _v(value)
    if isinstance(value, range):  # (a Range is Enumerable)
        return list(value)
    if isinstance(value, dict):
        keys = getattr(value, "ruby_keys", None)
        if keys is not None and (keys := keys()) is not None:
            return [[key, _drop_value(value, key)] for key in keys]
        return list(value.values())
    if isinstance(value, (list, tuple)):
        return list(value)
    return None


def _drop_value(drop, key):
    """Drop#[]: its method's value or its data's, nil for neither."""
    try:
        return drop[key]
    except KeyError:
        return None


def sort_items(value, by_property: bool) -> list:
    """The items Jekyll's sort orders (a Hash, a drop or an array): `input.sort` (Enumerable#sort:
    a Hash's or a drop's [key, value] pairs) or, with a property, `input.map` (a Hash's pairs, a
    drop's keys: Drop#each yields two values and map's one-argument block takes the first)."""
    keys = getattr(value, "ruby_keys", None)
    if keys is not None and (keys := keys()) is not None:
        return list(keys) if by_property else enumerable_items(value)
    if isinstance(value, dict):
        return [[k, v] for k, v in value.items()]
    return list(value)
