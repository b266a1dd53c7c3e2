"""Where python-liquid's operators differ from Ruby Liquid 5.4's (condition.rb), installed once
with the package: Jekyll builds the page, python-liquid would stop it."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from decimal import Decimal
from itertools import islice

from liquid.builtin.expressions import logical
from liquid.builtin.expressions.logical import is_truthy
from liquid.builtin.expressions.primitive import Blank, Empty
from liquid.builtin.expressions import filtered
from liquid.builtin.expressions.loop import LoopExpression
from liquid.builtin.expressions.primitive import Literal, Nil, RangeLiteral, StringLiteral
from liquid.builtin.tags import case_tag
from liquid.builtin.tags.tablerow_tag import TablerowNode
from liquid.context import RenderContext
from liquid.exceptions import LiquidTypeError
from liquid.token import TOKEN_BLANK, TOKEN_EMPTY
from liquid.undefined import is_undefined

from .literal_keys import LiteralKey, get_literal, install as install_literal_keys
from .ruby_keys import hash_get, needs_ruby, not_a_symbol

_ORIGINAL_CONTAINS = logical._contains
_ORIGINAL_EQ = logical._eq


def ruby_eq(left, right) -> bool:
    """`==`: Liquid 5.4's equal_variables asks the other side `blank?`, which no Ruby object has
    without ActiveSupport (Jekyll loads none), so a comparison with `blank` is never true and
    `!= blank` always is (`{% if content != blank %}` holds for an empty page too)."""
    if left.__class__ is Blank or right.__class__ is Blank:
        return False
    return _ORIGINAL_EQ(left, right)


def ruby_case_eq(left, right) -> bool:
    """A when's `==`: Jekyll makes Expression.parse's `empty` and `blank` a MethodLiteral of its
    own (liquid_expr_method_literal.rb), which is not Condition's: `{% case empty %}` is equal to
    no when (equal_variables falls to `left == right`); a when's `empty` is Condition's, asked
    of the case value as in an if."""
    if left.__class__ in (Empty, Blank):
        return False
    return ruby_eq(left, right)


def ruby_contains(token, left, right) -> bool:
    """`contains`: `left && right && left.respond_to?(:include?)`, else false. A number or a
    boolean on the left is false in Ruby; python-liquid raises a type error (the build fails)."""
    if hasattr(left, "__liquid__"):
        left = left.__liquid__()
    if not is_truthy(left) or not is_truthy(right):
        return False
    if hasattr(right, "__liquid__"):
        right = right.__liquid__()
    if isinstance(left, str):  # (Ruby: right.to_s)
        return (("true" if right else "false") if right.__class__ is bool else str(right)) in left
    if isinstance(left, (list, tuple)):  # Array#include?: Ruby's ==, where true is no 1
        return any(_ruby_equal(item, right) for item in left)
    if isinstance(left, dict):  # Hash#include?: a key, by eql? (1.0 is no 1 either)
        return any(key.__class__ is right.__class__ and key == right for key in left)
    if isinstance(left, Collection):
        return _ORIGINAL_CONTAINS(token, left, right)
    return False


_NUMBERS = (int, float, Decimal)


def _ordered_kind(value):
    """The Comparable class Ruby would compare `value` as, or None where `<` is no method
    (nil, true/false, arrays, hashes, drops: Condition gives nil, a false condition)."""
    if value.__class__ is bool:
        return None
    if isinstance(value, _NUMBERS):
        return "Number"
    if isinstance(value, str):
        return "String"
    if isinstance(value, dt.datetime):
        return "Time"
    if isinstance(value, dt.date):
        return "Date"
    return None


def _ruby_order(token, left, right, or_equal: bool) -> bool:
    """Condition#interpret_condition for `<`, `<=` (and `>`, `>=` swapped): `left.send(op, right)`
    when both respond to it; two Comparables of different kinds (1 < 'a', a Date and a String)
    raise ArgumentError ("comparison of Integer with String failed"), which fails the build;
    dates compare (python-liquid raised on them), arrays and nil are a false condition."""
    if hasattr(left, "__liquid__"):
        left = left.__liquid__()
    if hasattr(right, "__liquid__"):
        right = right.__liquid__()
    kinds = _ordered_kind(left), _ordered_kind(right)
    if kinds[0] is None or kinds[1] is None:
        return False
    if kinds[0] != kinds[1]:
        raise LiquidTypeError(f"a {kinds[0]} and a {kinds[1]} cannot be compared (Ruby's ArgumentError: "
                              "Jekyll's build fails too)", token=token)
    if kinds[0] == "Time":
        from ..jekyll.rubystr import local
        left, right = local(left), local(right)
    return left <= right if or_equal else left < right


def ruby_lt(token, left, right) -> bool:
    return _ruby_order(token, left, right, False)


def ruby_le(left, right) -> bool:
    return _ruby_order(None, left, right, True)


def _ruby_equal(a, b) -> bool:
    if a.__class__ is bool or b.__class__ is bool:
        return a is b
    return a == b


def _to_integer(value):
    from ..jekyll.liquid_std import _to_integer as to_integer
    return to_integer(value)


def loop_segment(self, context):
    """LoopExpression.evaluate as For#collection_segment: `limit: 0` (or less) is no item, where
    python-liquid's `stop or length` took every item; a nil limit or offset is none
    (python-liquid: 'expected an integer'); `offset: continue` goes on from offset + the items
    taken (Utils.slice_collection)."""
    collection = self.iterable.evaluate(context)
    it, length = self._to_iter(collection, context)
    limit = offset = None
    if self.limit is not None:
        value = self.limit.evaluate(context)
        if value is not None and not is_undefined(value):
            limit = _to_integer(value)  # (Utils.to_integer: -0.5 or "1.0" is "invalid integer")
    if isinstance(self.offset, StringLiteral) and self.offset.value == "continue":
        offset = "continue"
    elif self.offset is not None:
        value = self.offset.evaluate(context)
        if value is not None and not is_undefined(value):
            offset = _to_integer(value)
    key = f"{self.identifier}-{self.iterable}"
    start = context.stopindex(key) if offset == "continue" else offset or 0
    if isinstance(collection, str):  # (slice_collection_using_each: a string is one item, whatever the limit)
        context.stopindex(key=key, index=start + bool(collection))
        return iter([collection] if collection else []), int(bool(collection))
    first = min(max(start, 0), length)
    stop = length if limit is None else min(max(start + limit, 0), length)
    count = max(stop - first, 0)
    context.stopindex(key=key, index=start + count)
    it = islice(it, first, first + count)
    return (reversed(list(it)) if self.reversed else it), count


_ORIGINAL_TABLEROW = TablerowNode.render_to_output


def ruby_tablerow(self, context, buffer) -> bool:
    """TableRow#render_to_output_buffer: a collection that is not nil or false writes its first
    row's tags even with no item (`<tr class="row1">` and `</tr>`); python-liquid writes nothing."""
    start = buffer.tell()
    _ORIGINAL_TABLEROW(self, context, buffer)
    if buffer.tell() == start:
        value = self.expression.iterable.evaluate(context)
        if value is not None and value is not False and not is_undefined(value):
            buffer.write('<tr class="row1">\n</tr>\n')
    return True


_ORIGINAL_FILTER = filtered.Filter.evaluate
_METHOD_LITERALS = (Blank, Empty)


def ruby_filter(self, left, context):
    """Context#invoke: a filter's result is to_liquid'd, so `empty` or `blank` handed back (a date
    filter's input with an empty to_s) is its to_s, ''; python-liquid kept the object."""
    result = _ORIGINAL_FILTER(self, left, context)
    return "" if result.__class__ in _METHOD_LITERALS else result


_ORIGINAL_GET_ITEM = RenderContext.get_item


def ruby_get_item(self, obj, key):
    """`x.size` of an Integer is Integer#size (VariableLookup sends `size` to anything that
    responds to it): 8, its bytes; python-liquid has no size for a number."""
    if key.__class__ is not str and isinstance(obj, dict):  # (`h[1]`, `site[0]`: ruby_keys.py)
        not_a_symbol(obj, key.value if key.__class__ is LiteralKey else key)
        if key.__class__ is LiteralKey:  # (`h[true]`: literal_keys.py)
            return get_literal(obj, key)
        if needs_ruby(obj, key):
            return hash_get(obj, key)
    if key == "size" and obj.__class__ is int:
        from ..jekyll.liquid_std import size
        return size(obj)
    if key in ("first", "last", "size") and isinstance(obj, dict) and key not in obj:
        from ..jekyll.liquid_std import drop_command, drop_keys
        if drop_keys(obj) is not None:  # (a Jekyll drop, not a Hash: Enumerable's first, no last or size)
            return drop_command(obj, key, lambda k: _ORIGINAL_GET_ITEM(self, obj, k))
    return _ORIGINAL_GET_ITEM(self, obj, key)


_SPACE = re.compile(r"\s")
_STRING_TO_I = re.compile(r"\s*([-+]?\d+(?:_\d+)*)")


def _literal_to_i(value) -> int:
    """`to_i` of a literal end (RangeLookup.parse makes the Range then): a float truncated, a
    string's leading integer or 0, nil 0."""
    if isinstance(value, bool) or value is None:
        return 0
    if isinstance(value, (int, float)):
        return int(value)
    found = _STRING_TO_I.match(str(value))
    return int(found.group(1).replace("_", "")) if found else 0


def ruby_range(self, context) -> range:
    """RangeLookup: literal ends are `to_i`'d when the template is parsed (`(1.5..3)` is 1..3,
    `("a"..2)` 0..2); an end that is looked up is to_i'd too when it is nil or a string, and
    otherwise goes through Utils.to_integer, which stops the build on anything but an integer
    ("invalid integer": 1.5, true), and so does a literal end beside it (`(page.n..3.14)`). A descending range is empty but keeps its ends (`{{ (3..1) }}` is 3..1)."""
    from ..jekyll.liquid_std import _to_integer
    if any(end.__class__ is StringLiteral and _SPACE.search(end.value) for end in (self.start, self.stop)):
        return None  # (RANGES_REGEX's ends are \S+: `("a b"..3)` is a variable of that name, nil)
    ends = []
    parsed = all(isinstance(end, Literal) or end.__class__ is Nil for end in (self.start, self.stop))
    for end in (self.start, self.stop):
        if parsed:  # (with a looked-up end, RangeLookup#evaluate takes a literal one the same way: `3.14` fails)
            ends.append(_literal_to_i(end.evaluate(context)))
        else:  # (RangeLookup#to_integer: nil and a String are to_i'd, the rest Utils.to_integer)
            value = end.evaluate(context)
            value = None if is_undefined(value) else value
            ends.append(_literal_to_i(value) if value is None or isinstance(value, str) else _to_integer(value))
    return range(ends[0], ends[1] + 1)


def install() -> None:
    install_literal_keys()
    RangeLiteral.evaluate = ruby_range
    RenderContext.get_item = ruby_get_item
    filtered.Filter.evaluate = ruby_filter
    LoopExpression.evaluate = loop_segment
    TablerowNode.render_to_output = ruby_tablerow
    # Liquid 5.4 reads `empty` and `blank` as a filter's argument (Expression::LITERALS: a
    # MethodLiteral, '' as a string): `where: "tags", empty`; python-liquid refuses them there
    filtered.FILTER_TOKENS.update((TOKEN_EMPTY, TOKEN_BLANK))
    logical._contains = ruby_contains
    logical._lt, logical._le = ruby_lt, ruby_le
    logical._eq = ruby_eq
    case_tag._eq = ruby_case_eq
