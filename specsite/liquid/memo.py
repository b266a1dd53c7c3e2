"""A loop iteration's output remembered within a build, for the loops whose body depends on its
item only: the Documentation Theme's sidebar writes every folder of the site's sidebar on every
page, the same but for the one `<li class="active">` of the page itself.

A body qualifies (`plan`) when it is made of text, outputs, if/unless and simple nested loops,
filters with pure filters, and reads paths rooted at its own loop variables, or outside ones:
an outside value it compares, with == or !=, with a path into the item (`page.url`; a loop
variable over a literal or an outside string is not in the item), or one it reads otherwise, a
plain scalar that keys the memo (`site.baseurl`). For an item whose nested strings (hash keys
too) do not include the compared value (a page that is not in this folder), each such comparison
is false whatever the page, so the iteration writes what it wrote for another page with the same
item and read values: its text, the outputs a layout records for link origins, and the stop
index of its nested loops are replayed. A page whose value is inside the item renders it again.
Items are plain data (dicts, lists — or subclasses that only add attributes — strings,
numbers, dates) held by the memo, so an item's
identity names it for the whole build; anything else is rendered as usual."""
from __future__ import annotations

import datetime
from typing import NamedTuple
from io import StringIO

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
PURE_FILTERS = frozenset(("remove", "replace", "append", "prepend", "downcase", "upcase", "strip", "escape", "h",
                          "relative_url", "absolute_url", "url_encode", "default"))
_LITERALS = (TrueLiteral, FalseLiteral, IntegerLiteral, FloatLiteral, StringLiteral, Nil)
_SCALARS = frozenset((str, int, float, bool, type(None), datetime.date, datetime.datetime))
_KEYS = frozenset((str, int, float, bool, type(None)))  # outside values a memo entry is keyed on
_MAX_BOUND = 10 ** 12
_SPECIAL = frozenset(("size", "first", "last"))  # keys python-liquid's get_item reads its own way
_MAX_SHOWN = 20_000  # values an item may print for `contains` (beyond: not remembered for contains)
_MAX_UNREPLAYED = 1_000  # renders a loop keeps before its first replays (a sidebar has dozens of items)


class _Unfit(Exception):
    """The body reads or does something the memo cannot vouch for."""


class Plan(NamedTuple):
    """What a qualifying body reads from outside its item, and what its nested loops do."""
    compared: tuple  # outside paths only compared, with == or !=, with a path into the item
    read: tuple  # outside paths read otherwise: their values key the memo
    stops: tuple  # the stop-index keys of its nested loops
    depth: int  # how deep its loops nest (for the loop iteration limit)
    contained: tuple = ()  # outside paths only asked whether they contain a path into the item


def plan(node: ForNode) -> Plan | None:
    """The body's Plan when the loop's body qualifies, else None."""
    outside, stops = [], []
    try:
        depth = _block(node.block, {str(node.expression.identifier): True}, outside, stops)
    except _Unfit:
        return None
    compared = {str(path): path for kind, path in outside if kind == "compared"}
    read = {str(path): path for kind, path in outside if kind == "read"}
    contained = {str(path): path for kind, path in outside if kind == "contained"}
    return Plan(tuple(compared.values()), tuple(read.values()), tuple(dict.fromkeys(stops)), depth,
                tuple(contained.values()))


def _block(block, bound: dict, outside: list, stops: list) -> int:
    """The deepest nesting of loops in `block`. `bound`: the names the body binds, each true when
    its value lies inside the item (a loop over a path into the item), false otherwise (a loop
    over a literal or an outside string: `page.url == s` may then be true for any item)."""
    return max((_node(child, bound, outside, stops) for child in block.nodes), default=0)


def _node(node, bound, outside, stops) -> int:
    kind = node.__class__
    if kind is ContentNode:
        return 0
    if kind is BlockNode:
        return _block(node, bound, outside, stops)
    if kind is RecordingOutputNode:
        _expression(node.expression, bound, outside)
        return 0
    if kind is IfNode or kind is UnlessNode:
        _expression(node.condition, bound, outside)
        depth = _block(node.consequence, bound, outside, stops)
        for alternative in node.alternatives:
            _expression(alternative.expression, bound, outside)
            depth = max(depth, _block(alternative.block, bound, outside, stops))
        return max(depth, _block(node.default, bound, outside, stops) if node.default else 0)
    if kind is ForNode:
        loop = node.expression
        if loop.limit is not None or loop.offset is not None or loop.reversed or \
                getattr(loop, "cols", None) is not None:
            raise _Unfit
        iterable = loop.iterable
        _expression(iterable, bound, outside)
        stops.append(f"{loop.identifier}-{iterable}")
        inside = _plain(iterable) and bound.get(iterable.path[0], False)
        depth = 1 + _block(node.block, {**bound, str(loop.identifier): inside}, outside, stops)
        return max(depth, _block(node.default, bound, outside, stops) if node.default else 0)
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
    elif kind is ContainsExpression:
        left, right = expression.left, expression.right
        if _plain(left) and left.path[0] not in bound and left.path[0] != "forloop" and _plain(right) \
                and bound.get(right.path[0], False) and all(
                    segment.__class__ is str and segment not in _SPECIAL for segment in right.path[1:]):
            # `page.url contains item.url`: hash keys only (an index or `first` may reach a
            # character of a string, which _shown does not list), so a value found inside the item
            outside.append(("contained", left))
            return
        _expression(left, bound, outside)
        _expression(right, bound, outside)
    elif kind is LogicalAndExpression or kind is LogicalOrExpression:
        _expression(expression.left, bound, outside)
        _expression(expression.right, bound, outside)
    elif kind is LogicalNotExpression:
        _expression(expression.right, bound, outside)
    elif kind is EqExpression or kind is NeExpression:
        for one, other in ((expression.left, expression.right), (expression.right, expression.left)):
            if _plain(one) and one.path[0] not in bound and one.path[0] != "forloop" and _plain(other) \
                    and bound.get(other.path[0], False):
                outside.append(("compared", one))
                return
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


def remembered(block, name: str, the_plan: Plan, getter):
    """`block` (a loop body's compiled run) with its iterations remembered; `getter` compiles a
    path into a value getter."""
    outside = tuple(getter(path) for path in the_plan.compared)
    contained = tuple(getter(path) for path in the_plan.contained)
    inputs = tuple(getter(path) for path in the_plan.read)
    stop_keys, depth = the_plan.stops, the_plan.depth
    memo: dict = {}  # (id(item), the inputs' values) -> (item, recording, count, text, recorded, stops)
    nested: dict = {}  # id(item) -> (item, its strings, a bound on its nested loops' lengths) or None
    tally = [0, 0, 0]  # renders kept under read values not seen before, replays made, all renders kept
    seen: set = set()  # the read values renders were kept under
    # A loop keyed on a value every page has its own of (`{{ item.title | append: page.url }}`
    # reads page.url) stops keeping renders it never replays. Renders kept under values seen
    # before do not count: a sidebar's items are first rendered on the pages of their own folder,
    # dozens before the next page of that folder replays them (the first 17 had ended the memo
    # on four of the six real sites). All renders are bounded too (a loop over a page's own data).

    def run(context, buffer):
        if tally[0] > 16 + 4 * tally[1] or tally[2] > _MAX_UNREPLAYED + 4 * tally[1]:
            return block(context, buffer)
        item = context.scope._maps[0][name]  # the loop's namespace, in front while its body runs
        known = nested.get(id(item))
        if known is None or known[0] is not item:
            known = _nested(item, depth, bool(contained))
            if item.__class__ is not tuple:  # (a hash's pairs are new on every page: not kept)
                nested[id(item)] = known
        values = _values(context, inputs)
        if values is None or not _fits(context, known, outside, contained):
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
            if values not in seen:
                seen.add(values)
                tally[0] += 1
            tally[2] += 1
        buffer.write(text)
        return count
    return run


def _values(context, inputs) -> tuple | None:
    """The outside values the body reads ({{ url | prepend: site.baseurl }}), each with its type
    (1, 1.0 and true print differently, and so do 0.0 and -0.0, which are equal), or None when
    one is not a plain scalar."""
    values = []
    for get in inputs:
        value = get(context)
        cls = value.__class__
        if cls not in _KEYS:
            return None
        values.append((cls, repr(value) if cls is float else value))
    return tuple(values)


def _fits(context, known, outside, contained=()) -> bool:
    """Whether this page's outside values are outside the item (none equal to a string of the
    item; none containing anything of the item as `contains` prints it), and its nested loops
    cannot reach the loop iteration limit (a check a replay skips)."""
    _, strings, bound, shown = known
    if bound is None:
        return False
    for get in outside:
        value = get(context)
        if value.__class__ is not str or value in strings:
            return False
    for get in contained:
        value = get(context)
        if shown is None or value.__class__ is not str or any(text in value for text in shown):
            return False
    limit = context.env.loop_iteration_limit
    if not limit:
        return True
    product = bound * context.loop_iteration_carry  # (reduce(mul, lengths, it), without its generator)
    for loop in context.loops:
        product *= loop.length
    return product <= limit


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


def _nested(item, depth: int, shown: bool = False) -> tuple:
    """(item, the strings inside it — hash keys too: a loop over a hash yields its pairs —, a
    bound on the product of the lengths of `depth` loops nested in the body, and with `shown`
    what `x contains <a path into the item>` can look for in x): each loop goes over a container
    inside the item (a hash's pairs have two), or over a scalar (at most one). The bound is None
    for anything but plain data."""
    strings: set = set()
    longest = _walk(item, strings, {})
    bound = None if longest is None else min(longest ** depth, _MAX_BOUND)
    return item, frozenset(strings), bound, _shown(item) if shown and bound is not None else frozenset()


def _shown(item) -> frozenset | None:
    """Everything `x contains v` can look for in a string x, v a value inside `item` (plain data):
    python-liquid's `str(v) in x` for every value a path can reach — strings, numbers, dates,
    the containers themselves, a hash's keys and its pairs (what a loop over it yields) — and
    the sizes (`v.size`) of the strings and containers."""
    if _expanded(item, {}) > _MAX_SHOWN:
        return None  # YAML aliases of aliases: printed whole, it would be too long to make
    shown: set = set()
    stack, seen = [item], {}  # id -> the container, held: a hash's pairs are new tuples, and a
    # freed pair's id is given to the next one (an id alone skipped that pair's strings)
    while stack:
        value = stack.pop()
        shown.add(str(value))
        cls = value.__class__
        if cls is str:
            shown.add(str(len(value)))
        elif isinstance(value, (dict, list, tuple)):
            if id(value) in seen:
                continue
            seen[id(value)] = value
            shown.add(str(len(value)))
            if isinstance(value, dict):
                for pair in value.items():
                    stack.append(pair)  # (its key and value, and the pair a loop over the hash yields)
            else:
                stack.extend(value)
    return frozenset(shown)


def _expanded(value, counted: dict) -> int:
    """How many values `str(value)` prints (a container shared by YAML aliases once per alias),
    each container counted once (`counted`: id -> its count)."""
    if not isinstance(value, (dict, list, tuple)):
        return 1
    known = counted.get(id(value))
    if known is None:
        children = (x for pair in value.items() for x in pair) if isinstance(value, dict) else value
        known = counted[id(value)] = 1 + sum(_expanded(child, counted) for child in children)
    return known


def _plain_type(cls, base, methods) -> bool:
    """`cls` is `base` or a subclass that looks nothing up its own way (the YAML loader's
    LineDict and LineList, which only remember lines)."""
    return cls is base or all(getattr(cls, method) is getattr(base, method) for method in methods)


def _walk(value, strings: set, seen: dict):
    """The length of the longest container in `value` (at least 1), its strings added to
    `strings`; None when it holds anything but plain data, or holds itself. `seen`: id -> that
    length, or 0 while it is walked (YAML aliases share containers: each is walked once, so that
    aliases of aliases do not walk for ever)."""
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
        known = seen.get(id(value))
        if known is not None:
            return known or None  # 0: a container inside itself (a YAML alias of an ancestor)
        seen[id(value)] = 0
        longest = max(2, len(value)) if mapping else max(1, len(value))
        for child in (value.items() if mapping else value):
            if mapping:
                key, child = child
                if key.__class__ is str:
                    strings.add(key)
                elif key.__class__ not in _SCALARS:
                    return None
            inner = _walk(child, strings, seen)
            if inner is None:
                return None
            longest = max(longest, inner)
        seen[id(value)] = longest
        return longest
    return None
