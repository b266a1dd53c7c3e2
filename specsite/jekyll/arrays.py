"""Jekyll's array filters (where, find, group_by, sort, push/pop/…, the *_exp filters)."""
from __future__ import annotations

import datetime as dt
import functools
import re

from liquid.builtin.filters.array import map_ as _liquid_map
from liquid.exceptions import FilterError, FilterValueError

from liquid.builtin.expressions.primitive import Blank, Empty

from .enumerable import enumerable_items, sort_items
from .ruby_sort import ruby_sort
from .ruby import _to_s, _v
from .ruby_types import compare_or_to_s, item_index, ruby_compare, no_method
from .rubystr import to_s as ruby_to_s
from .liquid_std import _to_integer, c_long


_items = enumerable_items  # (a Range's numbers, a Hash's values, a Jekyll drop's [key, value] pairs)


def join(value, glue=" "):
    """Liquid's join: the InputIterator's items (an array flattened, a hash one item, nil none, a
    Time its Time#to_a) as Ruby's Array#join writes them (nil is '', a hash inspects)."""
    return _to_s(glue).join(_to_s(x) for x in _input_items(value))


def reverse(value):
    """Liquid 5.4's reverse: the InputIterator's items reversed (a string or hash is one item, a
    Time its Time#to_a)."""
    return _input_items(value)[::-1]


def _prop(item, name):
    """item_property: `a.b` digs into nested values; numbers in strings become numbers."""
    name = str(name)
    if "." not in name:
        found = item_index(_v(item), name)
        return None if found is None else _sort_input(_v(found))
    found = item
    for part in name.split("."):
        if isinstance(found, dict):
            found = item_index(found, part)
        elif isinstance(found, (list, tuple)) and part.lstrip("-").isdigit():
            index = int(part)
            found = found[index] if -len(found) <= index < len(found) else None
        else:
            found = None
        if found is None:
            return None
    return _sort_input(_v(found))


def _sort_input(value):
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = str(value).strip()
        if re.fullmatch(r"-?\d+", text):
            return int(text)
        if re.fullmatch(r"-?(?:\d+\.?\d*|\.\d+)", text):
            return float(text)
    return value


def _matches(prop, target) -> bool:
    """compare_property_vs_target: nil matches nil; `empty` or `blank` (a MethodLiteral, '' as a
    string) a property that is '' or whose Array(property).join is (nil, [], {}); else as
    strings, any element of a list."""
    if target is None:
        return prop is None
    if target.__class__ in _METHOD_LITERALS:
        if prop is None or prop == "":
            return True
        if isinstance(prop, (list, tuple)):
            return join(prop, "") == ""
        return isinstance(prop, dict) and not prop
    target = _to_s(target)
    if isinstance(prop, str):
        return prop == target
    values = prop if isinstance(prop, (list, tuple)) else ([] if prop is None else _time_to_a(prop)
                                                            if isinstance(prop, dt.datetime) else [prop])
    return any(_to_s(p) == target for p in values)


def _time_to_a(time: dt.datetime) -> list:
    """Ruby's Array(time) is Time#to_a, [sec, min, hour, day, month, year, wday, yday, isdst, zone]:
    `where: "date", page.date` matches no page (Jekyll 4.3.1), `where: "date", 2024` a post of 2024."""
    zone = (time if time.tzinfo is not None else time.astimezone()).tzname()  # (a local time: TZ's name)
    return [time.second, time.minute, time.hour, time.day, time.month, time.year, (time.weekday() + 1) % 7,
            time.timetuple().tm_yday, bool(time.dst()) if time.tzinfo is not None else False,
            None if zone is None or zone.startswith(("UTC+", "UTC-")) else zone]


_METHOD_LITERALS = (Empty, Blank)


def _matching(items, prop, target):
    """The items whose property `prop` matches `target`, lazily (find stops at the first)."""
    return (item for item in items if _matches(_prop(item, prop), target))


def where(value, prop, target):
    """Jekyll's where(input, property, value): both arguments required (Ruby raises, the build stops)."""
    prop, target = _v(prop), _v(target)
    items = _items(value)
    if items is None or prop is None or isinstance(target, (list, dict)):
        return _v(value)
    return list(_matching(items, prop, target))


def find(value, prop, target):
    """Jekyll's find(input, property, value): both arguments required, as where."""
    prop, target = _v(prop), _v(target)
    items = _items(value)
    if items is None or prop is None or isinstance(target, (list, dict)):
        return _v(value)
    return next(_matching(items, prop, target), None)


def group_by(value, prop):
    value = _v(value)
    if isinstance(value, range):
        value = list(value)
    if not isinstance(value, (dict, list, tuple)):  # (`groupable?`: Enumerable only)
        return value
    items = [[k, v] for k, v in value.items()] if isinstance(value, dict) else list(value)  # (a hash's pairs)
    groups: dict = {}
    for item in items:
        groups.setdefault(ruby_to_s(_prop(item, _v(prop))), []).append(item)  # (item_property(...).to_s)
    return [{"name": k, "items": v, "size": len(v)} for k, v in groups.items()]


def sort(value, prop=None, nils="first"):
    """Jekyll's sort: `input.sort`, or with a property `input.map { [item_property, item] }`: a
    hash is its [key, value] pairs; nil, a string, a number or a date has neither (the build stops)."""
    value, prop, nils = _v(value), _v(prop), _v(nils) or "first"
    if value is None:
        raise FilterValueError("Cannot sort a null object.", token=None)
    if isinstance(value, range):  # (Range#sort: Enumerable's, its integers)
        value = list(value)
    if prop is None and isinstance(value, dict):  # Ruby's Hash#sort: its [key, value] pairs' Array#<=>
        try:
            return sorted(sort_items(value, False), key=functools.cmp_to_key(ruby_compare))
        except FilterValueError:  # (keys Ruby cannot order: true, a number and a string, ...)
            raise FilterValueError("comparison of Array with Array failed", token=None) from None
    if not isinstance(value, (dict, list, tuple)):
        raise no_method("sort" if prop is None else "map", value)
    if prop is not None and nils not in ("first", "last"):
        raise FilterValueError(f"Invalid nils order: '{nils}' is not a valid nils order. It must be 'first' or 'last'.",
                               token=None)
    items = sort_items(value, prop is not None)  # (a drop by a property: its keys)
    if prop is None:
        if items and all(getattr(item, "_document", False) for item in items):  # Array#sort: Document#<=>
            from .dates import document_cmp
            return ruby_sort(items, document_cmp)
        try:
            return sorted(items, key=functools.cmp_to_key(ruby_compare))
        except FilterValueError:  # (Python's order of comparisons met a pair Ruby's never asks
            return ruby_sort(items, ruby_compare)  # in that order: `date <=> 847` works, `847 <=> date` fails)
    order = -1 if nils == "first" else 1
    keyed = [(_prop(item, prop), item) for item in items]

    def cmp(a, b):
        if a[0] is not None and b[0] is None:
            return -order
        if a[0] is None and b[0] is not None:
            return order
        if a[0] is None:
            return 0
        return compare_or_to_s(a[0], b[0])
    kinds = {key.__class__ if key.__class__ in (str, bool) else float for key, _ in keyed if key is not None}
    if len(kinds) > 1:  # numbers, strings, true: `<=>` is nil, then to_s; no order (10 < "5x" < 9 < 10)
        return [item for _, item in ruby_sort(keyed, cmp)]
    return [item for _, item in sorted(keyed, key=functools.cmp_to_key(cmp))]


def _casecmp_key(value) -> bytes:
    """String#casecmp compares the UTF-8 bytes with ASCII letters downcased (bytes.lower's)."""
    return ruby_to_s(value).encode("utf-8", "surrogatepass").lower()  # (a.to_s: a list's inspect)


def _nil_safe_casecmp(a, b) -> int:
    if a is not None and b is not None:
        a, b = _casecmp_key(a), _casecmp_key(b)
        return (a > b) - (a < b)
    return 1 if a is None else -1


def sort_natural(value, prop=None):
    """Liquid's sort_natural: nil_safe_casecmp (ASCII-only case folding; nil after the rest)
    over the input flattened, or over each item's `prop` when every item has `[]`."""
    value, prop = _v(value), _v(prop)
    items = _input_items(value)  # (a Time is its to_a)
    if not items:
        return []
    if prop is None:
        keyed = [(_v(item), item) for item in items]
    elif all(isinstance(item, (dict, list, tuple, str, int)) and item.__class__ is not bool for item in items):
        if len(items) == 1:  # (Array#sort of one item calls no block: 42 | sort_natural: "x" is [42])
            return items
        if any(isinstance(item, (list, tuple, int)) for item in items):  # (Integer#[] and Array#[] want an index)
            raise FilterValueError(f"cannot select the property '{ruby_to_s(prop)}'", token=None)
        keyed = [(_natural_prop(item, prop), item) for item in items]
    else:
        return None
    if any(key is None for key, _ in keyed):  # (the comparison is no order: Ruby's merge sort)
        return [item for _, item in ruby_sort(keyed, lambda a, b: _nil_safe_casecmp(a[0], b[0]))]
    return [item for _, item in sorted(keyed, key=lambda pair: _casecmp_key(pair[0]))]


def _natural_prop(item, prop):
    """item[prop] as Ruby reads it: a hash's key, nil for an array's or a string's (a string's
    `[]` finds the substring: there it is prop itself; an array's raises, read here as nil)."""
    if isinstance(item, dict):
        try:
            return _v(item[prop])  # (a page's drop makes its content when asked)
        except (KeyError, TypeError):
            return None
    if isinstance(item, str):
        return prop if isinstance(prop, str) and prop in item else None
    return None


def push(value, item):
    """Jekyll's push: a copy of the array with the item (a variable's value, to_liquid'd) at its end."""
    value = _v(value)
    return list(value) + [to_liquid(_v(item))] if isinstance(value, list) else value


def pop(value, n=1):
    value = _v(value)
    if not isinstance(value, list):
        return value
    count = to_integer(n)
    if count < 0:  # (Array#pop(-1))
        raise FilterValueError("negative array size", token=None)
    return value[:-count] if count > 0 else list(value)


def shift(value, n=1):
    value = _v(value)
    if not isinstance(value, list):
        return value
    if to_integer(n) < 0:  # (Array#shift(-1))
        raise FilterValueError("negative array size", token=None)
    return value[to_integer(n):]


def concat(value, other):
    """Liquid's concat: the input as a list (flattened; nil none, a hash or a scalar one item) with the
    argument's items after it; an argument that is not an array is Liquid's ArgumentError
    ("concat filter requires an array argument"). (python-liquid's raises an error it cannot
    construct: its message was lost.)"""
    other = _v(other)
    if not isinstance(other, (list, tuple)):
        from liquid.exceptions import FilterArgumentError
        raise FilterArgumentError("concat filter requires an array argument", token=None)
    return _input_items(value) + list(other)


def _input_items(value) -> list:
    """Liquid's InputIterator: an array flattened, a range its numbers, nil none, a Time its
    `Array(time)` (Time#to_a), a Jekyll drop (a document, collection or static file: Drop#each) its keys,
    anything else (a hash, a page's Hash, a scalar, a Date) one item."""
    value = _v(value)
    if value is None:
        return []
    if value.__class__ in _METHOD_LITERALS:  # (Jekyll's MethodLiteral: its to_liquid is its to_s, "")
        return [""]
    if isinstance(value, (list, tuple)):  # (each item to_liquid'd: a document is its DocumentDrop)
        return [to_liquid(item) for item in _flat(value)]
    keys = getattr(value, "ruby_keys", None)  # a Jekyll Drop (Enumerable: Drop#each gives its keys)
    if keys is not None and (keys := keys()) is not None:  # (`{{ post | map: "url" }}` is "url"["url"])
        return keys
    if isinstance(value, dt.datetime):
        from .dates import time_to_a
        return time_to_a(value)
    return list(value) if isinstance(value, range) else [value]


def to_integer(value) -> int:
    """Liquid::Utils.to_integer of pop's, shift's or sample's count, which Array#pop takes as a C long."""
    return c_long(_to_integer(value))


def to_liquid(item):
    """to_liquid.to_liquid (imported when first needed: drops imports this module)."""
    if not isinstance(item, dict):
        return item
    from .to_liquid import to_liquid as liquid
    return liquid(item)


def _flat(items) -> list:
    """Ruby's Array#flatten: nested arrays' items, in order, at any depth."""
    out = []
    for item in items:
        item = _v(item)
        out.extend(_flat(item) if isinstance(item, (list, tuple)) else [item])
    return out


def uniq(value, prop=None):
    """Liquid 5.4's uniq: the input flattened (InputIterator: nil none, a hash one item), duplicates
    by Ruby's eql?, where 1, 1.0 and true are three values (Python's == makes them one); with a
    property, by each item's item[prop]: an item with no [] (nil, true, a float) makes the whole
    nil (its NoMethodError), one whose [] takes no such key (an integer or array given a name)
    stops the build ("cannot select the property", its TypeError)."""
    prop = _v(prop)
    items = _input_items(value)
    if len(items) <= 1:  # (Array#uniq returns a copy of one item without calling its block)
        return items
    seen, out = set(), []
    for item in items:
        if prop is None:
            key = _eql_key(item)
        else:
            found = _indexed(item, prop)
            if found is _NO_METHOD:
                return None
            key = _eql_key(found)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


_NO_METHOD = object()


def _indexed(item, prop):
    """Ruby's item[prop] for uniq, compact and map: _NO_METHOD for an item without [] (nil, true,
    a float, a date); an integer or array given a name raises (Liquid's raise_property_error)."""
    item = _v(item)
    if prop.__class__ is float and prop - prop == 0 and isinstance(item, (str, int, list, tuple)):
        prop = int(prop)  # (String#[], Array#[], Integer#[] take a Float's to_int: 3.14 is 3)
    if prop.__class__ is int and isinstance(item, (str, list, tuple)):
        c_long(prop)  # (String#[] and Array#[] take a C long: a bignum is Ruby's RangeError)
    if isinstance(item, str):  # (String#[]: the text when held, a character by index)
        if isinstance(prop, str):
            return prop if prop in item else None
        if isinstance(prop, int) and not isinstance(prop, bool):
            return item[prop] if -len(item) <= prop < len(item) else None
    elif item is None or isinstance(item, (bool, float)):
        return _NO_METHOD
    elif isinstance(item, int) or isinstance(item, (list, tuple)):
        if isinstance(prop, int) and not isinstance(prop, bool):  # (Integer#[] is a bit)
            if isinstance(item, int):
                return (item >> prop) & 1 if prop >= 0 else 0
            return _v(item[prop]) if -len(item) <= prop < len(item) else None
    elif isinstance(item, dict) or hasattr(item, "__getitem__"):
        try:
            return _v(item[prop])
        except (KeyError, IndexError, TypeError):
            return None
    else:
        return _NO_METHOD
    raise FilterValueError(f"cannot select the property '{_to_s(prop)}' of {_to_s(item)!r}", token=None)


def _eql_key(value):
    """A key equal for two values exactly when Ruby's eql? holds (Array#uniq's hash)."""
    value = _v(value)
    if isinstance(value, bool) or value is None:
        return ("b", value)
    if isinstance(value, (int, float, str)):
        return (type(value).__name__, value)
    if isinstance(value, dict):
        return ("h", frozenset((_eql_key(k), _eql_key(v)) for k, v in value.items()))  # (order aside)
    if isinstance(value, (list, tuple)):
        return ("a", tuple(_eql_key(v) for v in value))
    try:
        hash(value)
        return ("o", value)
    except TypeError:
        return ("id", id(value))


def unshift(value, item):
    value = _v(value)
    return [to_liquid(_v(item))] + list(value) if isinstance(value, list) else value


def sample(value, n=1):
    items = _items(value)
    if items is None:
        return _v(value)
    import random  # (here, not at load: only this filter uses it; 3.5M instructions a start)
    count = to_integer(n)
    if count == 1:
        return random.choice(items) if items else None
    return random.sample(items, min(max(count, 0), len(items)))


def compact(value, prop=None):
    """Liquid 5.4's compact: the input's items (InputIterator) but nil ones, or those whose
    item[prop] is nil; an item without [] makes the whole nil (its NoMethodError), an integer
    given a name stops the build. (python-liquid's raised on a string, and crashed on a hash.)"""
    items = _input_items(value)
    prop = _v(prop)
    if prop is None:
        return [item for item in items if item is not None]
    kept = []
    for item in items:
        found = _indexed(item, prop)
        if found is _NO_METHOD:
            return None
        if found is not None:
            kept.append(item)
    return kept


def map_nil(value, key):
    """Liquid's map, an item without the key giving nil (Ruby's `e[property]`) where python-liquid
    gives its own null object, which `compact` keeps: `map: "n" | compact` drops those items.
    Where python-liquid cannot map (nil, a float, true or a date among the items, or as the
    input), each item of the InputIterator is Ruby's e[property], nil for one without []."""
    if _v(key) is None and any(isinstance(item, (str, int, list, tuple)) and item.__class__ is not bool
                               for item in _input_items(value)):  # (String#[](nil): TypeError)
        raise FilterValueError("cannot select the property ''", token=None)
    try:
        mapped = None if _is_drop(_v(value)) or not isinstance(_v(key), str) else _liquid_map(value, key)
    except FilterError:
        mapped = None
    if mapped is None:
        key = _v(key)
        return [item if key == "to_liquid" else _nil_for_no_method(_indexed(item, key)) for item in _input_items(value)]
    return [None if item.__class__.__name__ == "_Null" else item for item in mapped]


def _is_drop(value) -> bool:
    """A Jekyll drop that Liquid's InputIterator enumerates (its keys), not one item."""
    keys = getattr(value, "ruby_keys", None)
    return keys is not None and keys() is not None


def _nil_for_no_method(found):
    return None if found is _NO_METHOD else found
