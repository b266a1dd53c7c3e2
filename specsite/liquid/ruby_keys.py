"""A lookup `x[key]` whose key is no string, as Ruby Liquid's VariableLookup does it. A Hash
finds a key by `eql?`: `h[1]` is not `h[true]` nor `h[1.0]` (a Python dict takes them for one
key; the YAML loader keeps the others as yamltags.RubyKey). A Jekyll drop (site, document,
collection, static file) is asked `key?` first, which calls `respond_to?(key)`: any key but a
String, a Symbol or nil stops the build ("1 is not a symbol nor a string"); a page's to_liquid
is a Hash and `jekyll` a Liquid::Drop, which find nothing there."""
from __future__ import annotations

from liquid.exceptions import LiquidTypeError
from liquid.undefined import Undefined

from ..yamltags import RubyKey

_MISS = object()


def _jekyll_drop(obj) -> bool:
    """A Jekyll::Drops::Drop (its key? calls respond_to?), not a Hash."""
    from ..jekyll.drop_hash import CollectionHash
    from ..jekyll.drops import Drop, SiteHash, StaticFileDrop
    cls = obj.__class__
    return cls in (SiteHash, CollectionHash, StaticFileDrop) or (isinstance(obj, Drop) and obj._document)


def not_a_symbol(obj, key) -> None:
    """Drop#key?'s respond_to?(key): a key that is not a String (nor nil) is a TypeError to Ruby.
    An undefined variable is nil (`site[page.collection]` on a page: Just the Docs' nav)."""
    if key is not None and key.__class__ is not str and not isinstance(key, Undefined) and _jekyll_drop(obj):
        from ..jekyll.rubystr import inspect
        raise LiquidTypeError(f"{inspect(key)} is not a symbol nor a string", token=None)


def hash_get(obj, key):
    """`obj[key]` for a bool, int or float key (or a RubyKey): the key of that very class, as
    Ruby's Hash#[] finds it by eql?; KeyError when there is none."""
    value = key.value if key.__class__ is RubyKey else key
    found = obj.get(value, _MISS)
    if found is not _MISS:
        stored = next((k for k in obj if k.__class__ is not RubyKey and k == value), _MISS)
        if stored.__class__ is value.__class__:
            return found
    found = obj.get(RubyKey(value), _MISS)
    if found is _MISS:
        raise KeyError(key)
    return found


def needs_ruby(obj, key) -> bool:
    """Whether `obj[key]` must be looked up here: a non-string key into a dict (a Hash or a drop)."""
    return isinstance(obj, dict) and key.__class__ in (bool, int, float, RubyKey)
