"""The order of a collection's documents (Collection#sort_docs!): the `order:` list of file
paths in the collection's folder, else the `sort_by:` key, else Document#<=> (date, then path)."""
from __future__ import annotations

import datetime as dt

from .ruby_sort import ruby_sort
from .dates import DefaultDate


def sorted_docs(items: list, meta: dict, doc_cmp, label: str | None = None) -> list:
    """The collection's documents (drops) in Jekyll's order; `doc_cmp(a, b)` is Document#<=>
    (no total order when some have dates and some not: Ruby's merge sort, ruby_sort); `label`:
    the collection's (its folder is `_label`)."""
    order = meta.get("order")
    if isinstance(meta.get("sort_by"), str) and not isinstance(order, list):
        return ruby_sort(items, _sort_by_cmp(meta["sort_by"], doc_cmp))
    items = ruby_sort(items, doc_cmp)
    if isinstance(order, list):  # Collection#rearrange_docs!: File.join(relative_directory, entry)
        rank: dict = {}
        for i, name in enumerate(order):
            rank.setdefault(str(name).lstrip("/"), i)
        items.sort(key=lambda d: rank.get(_in_collection(str(d.get("path")), label), len(order)))
    return items


def _in_collection(path: str, label: str | None) -> str:
    """A document's path inside its collection's folder (`_label/sub/x.md`, also under a
    collections_dir, -> `sub/x.md`), what an `order:` entry names."""
    if label is None:
        return path.split("/", 1)[-1]
    folder = f"/_{label}/"
    at = ("/" + path).find(folder)
    return path[at + len(folder) - 1:] if at >= 0 else path


def _sort_by_cmp(field: str, doc_cmp):
    """Collection#sort_docs_by_key!: documents without the key last, the others by Ruby's `<=>`
    on it (numbers as numbers: 2 before 10), and Document#<=> (date, path) where that is 0 or
    nil (a number against a string)."""
    def cmp(a, b) -> int:
        x, y = _data(a.get(field)), _data(b.get(field))
        if x is None or y is None:
            if (x is None) != (y is None):
                return 1 if x is None else -1
            order = None
        else:
            order = _spaceship(x, y)
        return order or doc_cmp(a, b)
    return cmp


def _data(value):
    """The value as the document's data has it when Jekyll sorts (no date yet: nil)."""
    return None if value.__class__ is DefaultDate else value


def _spaceship(x, y):
    """Ruby's `x <=> y` for front-matter values: numbers with numbers, strings with strings, dates
    with dates, lists item by item then by length (Array#<=>: a document's `tags` is one); None
    (nil) otherwise."""
    if isinstance(x, list) and isinstance(y, list):
        for a, b in zip(x, y):
            order = _spaceship(a, b)
            if order != 0:
                return order
        return (len(x) > len(y)) - (len(x) < len(y))
    if isinstance(x, bool) or isinstance(y, bool):
        return 0 if x is y else None
    if (isinstance(x, (int, float)) and isinstance(y, (int, float))) or (isinstance(x, str) and isinstance(y, str)) \
            or (isinstance(x, dt.date) and type(x) is type(y)):
        return (x > y) - (x < y)
    return None
