"""to_liquid of a page or document that an array holds, as Liquid hands it on.

`site.docs`, `site.posts`, `site.pages` hold the Ruby objects (Jekyll::Document, Jekyll::Page),
which inspect inside an array as `#<Jekyll::Document _docs/a.md collection=docs>`. Liquid
to_liquid's what it yields: its InputIterator (join, reverse, uniq, compact, concat's input,
sort_natural, map: "to_liquid") and a variable's value (`{% assign d = site.docs[0] %}`, a
filter's argument: `arr | push: d`). What comes out is a DocumentDrop, which inspects as
JSON.pretty_generate(to_h), or a page's Hash, inside an array too; Jekyll's own filters (sort,
where, push, group_by ...) keep what they are given. A LiquidDrop is such a value: the same
page or document, inspected as itself wherever it is.
"""
from __future__ import annotations

from .drops import Drop


class LiquidDrop(Drop):
    """A document's DocumentDrop or a page's to_liquid Hash, held in an array."""

    __slots__ = ()

    def ruby_inspect(self, nested: bool = False) -> str:
        return Drop.ruby_inspect(self)


def to_liquid(value):
    """Object#to_liquid of a page or document (the same one, inspected as its drop); anything else as it is."""
    if value.__class__ is not Drop:
        return value
    twin = LiquidDrop(value, None, value._ordered, value._counted, value._document, value.rel)
    twin._lazy, twin._made, twin.siblings = value._lazy, value._made, value.siblings
    return twin
