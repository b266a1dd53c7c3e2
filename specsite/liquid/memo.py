"""A loop iteration's output remembered within a build, for the loops whose body depends on its
item only: the Documentation Theme's sidebar writes every folder of the site's sidebar on every
page, the same but for the one `<li class="active">` of the page itself.

A body qualifies (`plan`) when it is made of text, outputs, if/unless and simple nested loops,
filters with pure filters, and reads paths rooted at its own loop variables, or outside ones:
an outside value it compares, with == or !=, with such a path (`page.url`), or one it reads
otherwise, a plain scalar that keys the memo (`site.baseurl`). For an item whose nested strings
do not include the compared value (a page that is not in this folder), each such comparison is
false whatever the page, so the iteration writes what it wrote for another page with the same
item and read values: its text, the outputs a layout records for link origins, and the stop
index of its nested loops are replayed. A page whose value is inside the item renders it again.
Items are plain data (dicts, lists — or subclasses that only add attributes — strings,
numbers, dates) held by the memo, so an item's
identity names it for the whole build; anything else is rendered as usual."""
from __future__ import annotations

import datetime
from functools import reduce
from io import StringIO
from operator import mul

from liquid.ast import BlockNode
from liquid.builtin.content import ContentNode
from liquid.builtin.expressions.arguments import PositionalArgument
from liquid.builtin.expressions.filtered import FilteredExpression
from liquid.builtin.expressions.logical import (
    BooleanExpression,
    ContainsExpression,
    EqExpression,
    LogicalAndExpression,
    LogicalNotExpression,
    LogicalOrExpression,
    NeExpression,
)
from liquid.builtin.expressions.path import Path as LiquidPath
from liquid.builtin.expressions.primitive import (
    FalseLiteral,
    FloatLiteral,
    IntegerLiteral,
    Nil,
    StringLiteral,
    TrueLiteral,
)
from liquid.builtin.tags.for_tag import ForNode
from liquid.builtin.tags.if_tag import IfNode
from liquid.builtin.tags.unless_tag import UnlessNode

from .lax import RecordingOutputNode

# Filters whose result depends on their arguments only (and on the build's configuration).
PURE_FILTERS = frozenset(("remove", "replace", "append", "prepend", "downcase", "upcase", "strip", "escape",
                          "relative_url", "absolute_url", "url_encode", "default"))
_LITERALS = (TrueLiteral, FalseLiteral, IntegerLiteral, FloatLiteral, StringLiteral, Nil)
_SCALARS = frozenset((str, int, float, bool, type(None), datetime.date, datetime.datetime))
_KEYS = frozenset((str, int, float, bool, type(None)))  # outside values a memo entry is keyed on
_MAX_BOUND = 10 ** 12


class _Unfit(Exception):
    """The body reads or does something the memo cannot vouch for."""


def plan(node: ForNode) -> tuple | None:
    """(the outside paths the body compares, the outside paths it reads otherwise, the stop-index
    keys of its nested loops) when the loop's body qualifies, else None."""
    outside, stops = [], []
    try:
        _block(node.block, {str(node.expression.identifier)}, outside, stops)
    except _Unfit:
        return None
    compared = {str(path): path for kind, path in outside if kind == "compared"}
    read = {str(path): path for kind, path in outside if kind == "read"}
    return tuple(compared.values()), tuple(read.values()), tuple(dict.fromkeys(stops))


def _block(block, bound: set, outside: list, stops: list) -> None:
    for child in block.nodes:
        _node(child, bound, outside, stops)


def _node(node, bound, outside, stops) -> None:
    kind = node.__class__
    if kind is ContentNode:
        return
    if kind is BlockNode:
        _block(node, bound, outside, stops)
    elif kind is RecordingOutputNode:
        _expression(node.expression, bound, outside)
    elif kind is IfNode or kind is UnlessNode:
        _expression(node.condition, bound, outside)
        _block(node.consequence, bound, outside, stops)
        for alternative in node.alternatives:
            _expression(alternative.expression, bound, outside)
            _block(alternative.block, bound, outside, stops)
        if node.default:
            _block(node.default, bound, outside, stops)
    elif kind is ForNode:
        loop = node.expression
        if loop.limit is not None or loop.offset is not None or loop.reversed or \
                getattr(loop, "cols", None) is not None:
            raise _Unfit
        _expression(loop.iterable, bound, outside)
        stops.append(f"{loop.identifier}-{loop.iterable}")
        _block(node.block, bound | {str(loop.identifier)}, outside, stops)
        if node.default:
            _block(node.default, bound, outside, stops)
    else:
        raise _Unfit


def _plain(expression) -> bool:
    return expression.__class__ is LiquidPath and all(s.__class__ in (str, int) for s in expression.path) \
        and expression.path[0].__class__ is str


def _expression(expression, bound, outside) -> None:
    kind = expression.__class__
    if kind in _LITERALS:
        return
    if kind is LiquidPath:
        if not _plain(expression) or expression.path[0] == "forloop":  # a loop's own position
            raise _Unfit
        if expression.path[0] not in bound:
            outside.append(("read", expression))  # a value of the key, as read before the body runs
    elif kind is BooleanExpression:
        _expression(expression.expression, bound, outside)
    elif kind is LogicalAndExpression or kind is LogicalOrExpression:
        _expression(expression.left, bound, outside)
        _expression(expression.right, bound, outside)
    elif kind is LogicalNotExpression:
        _expression(expression.right, bound, outside)
    elif kind is EqExpression or kind is NeExpression:
        for one, other in ((expression.left, expression.right), (expression.right, expression.left)):
            if _plain(one) and one.path[0] not in bound | {"forloop"} and _plain(other) and other.path[0] in bound:
                outside.append(("compared", one))
                return
        _expression(expression.left, bound, outside)
        _expression(expression.right, bound, outside)
    elif kind is ContainsExpression:
        _expression(expression.left, bound, outside)
        _expression(expression.right, bound, outside)
    elif kind is FilteredExpression:
        _expression(expression.left, bound, outside)
        for f in expression.filters or ():
            if f.name not in PURE_FILTERS or not all(a.__class__ is PositionalArgument for a in f.args):
                raise _Unfit
            for argument in f.args:
                _expression(argument.value, bound, outside)
    else:
        raise _Unfit


def remembered(block, name: str, the_plan: tuple, getter):
    """`block` (a loop body's compiled run) with its iterations remembered; `getter` compiles a
    path into a value getter."""
    outside = tuple(getter(path) for path in the_plan[0])
    inputs = tuple(getter(path) for path in the_plan[1])
    stop_keys = the_plan[2]
    memo: dict = {}  # (id(item), the inputs' values) -> (item, recording, count, text, recorded, stops)
    nested: dict = {}  # id(item) -> (item, its strings, a bound on its nested loops' lengths) or None
    tally = [0, 0]  # renders kept, replays made: a loop keyed on a value every page has its own of
    # (`{% if page.url contains item.url %}` reads page.url) stops keeping renders it never replays

    def run(context, buffer):
        if tally[0] > 16 + 4 * tally[1]:
            return block(context, buffer)
        item = context.scope._maps[0][name]  # the loop's namespace, in front while its body runs
        known = nested.get(id(item))
        if known is None or known[0] is not item:
            known = nested[id(item)] = _nested(item)
        values = _values(context, inputs)
        if values is None or not _fits(context, known, outside):
            return block(context, buffer)
        recorded = context.env.specsite.recorded
        key = (id(item), values)
        entry = memo.get(key)
        if entry is not None and entry[0] is item and entry[1] is (recorded is not None):
            _, _, count, text, outputs, stops = entry
            if stops:
                context.tag_namespace["stopindex"].update(stops)
            if outputs:
                recorded.extend(outputs)
            tally[1] += 1
        else:  # rendered, its outputs recorded as it goes
            count, text, outputs, stops = _capture(block, context, recorded, stop_keys)
            memo[key] = (item, recorded is not None, count, text, outputs, stops)
            tally[0] += 1
        buffer.write(text)
        return count
    return run


def _values(context, inputs) -> tuple | None:
    """The outside values the body reads ({{ url | prepend: site.baseurl }}), each with its type
    (1, 1.0 and true print differently), or None when one is not a plain scalar."""
    values = []
    for get in inputs:
        value = get(context)
        if value.__class__ not in _KEYS:
            return None
        values.append((value.__class__, value))
    return tuple(values)


def _fits(context, known, outside) -> bool:
    """Whether this page's outside values are outside the item, and its nested loops cannot
    reach the loop iteration limit (a check a replay skips)."""
    _, strings, bound = known
    if bound is None:
        return False
    for get in outside:
        value = get(context)
        if value.__class__ is not str or value in strings:
            return False
    limit = context.env.loop_iteration_limit
    return not limit or reduce(mul, (loop.length for loop in context.loops),
                               bound * context.loop_iteration_carry) <= limit


def _capture(block, context, recorded, stop_keys):
    """Run the body into a buffer of its own: (count, text, recorded outputs, stop indexes set)."""
    stopindex = context.tag_namespace["stopindex"]
    saved = {key: stopindex.pop(key) for key in stop_keys if key in stopindex}
    before = len(recorded) if recorded is not None else 0
    own = StringIO()
    try:
        count = block(context, own)
    finally:
        stops = {key: stopindex[key] for key in stop_keys if key in stopindex}
        for key, value in saved.items():
            stopindex.setdefault(key, value)
    outputs = tuple(recorded[before:]) if recorded is not None else ()
    return count, own.getvalue(), outputs, stops


def _nested(item) -> tuple:
    """(item, the strings inside it, the product of its containers' lengths) — a bound on any
    nesting of loops over it; the bound is None for anything but plain data."""
    strings: set = set()
    bound = _walk(item, strings)
    return item, frozenset(strings), bound


def _plain_type(cls, base, methods) -> bool:
    """`cls` is `base` or a subclass that looks nothing up its own way (the YAML loader's
    LineDict and LineList, which only remember lines)."""
    return cls is base or all(getattr(cls, method) is getattr(base, method) for method in methods)


def _walk(value, strings: set, within: tuple = ()):
    cls = value.__class__
    if cls is str:
        strings.add(value)
        return 1
    if cls in _SCALARS:
        return 1
    mapping = isinstance(value, dict)
    if mapping and _plain_type(cls, dict, ("__getitem__", "__iter__", "__len__", "values", "items", "get")) \
            and not hasattr(cls, "__missing__") or \
            isinstance(value, list) and _plain_type(cls, list, ("__getitem__", "__iter__", "__len__")):
        if any(value is outer for outer in within):  # YAML can alias a list into itself
            return None
        bound = max(1, len(value))
        for child in (value.values() if mapping else value):
            inner = _walk(child, strings, (*within, value))
            if inner is None:
                return None
            bound = min(bound * inner, _MAX_BOUND)
        return bound
    return None
