"""An include's output remembered within a build and replayed, with its side effects, on a later
call that reads the same values: the Documentation Theme's footer, toc, sidebarconfigs, analytics
and twitter includes write the same text on every page.

Why a replay is exact. An include (`plan`) qualifies when it and every include it includes (by
a fixed name) are made of text, outputs, if/unless, for loops (break and continue inside them),
assign, capture, comments and includes, with pure filters (PURE_FILTERS: functions of their
input and arguments and the build's configuration; no clock, no random draw, no Ruby plugin,
nothing that reads another page). Its render is then a function of
  - the values, at the call, of the paths it reads from outside (`page.url`, `site.data.x`, a
    path's plain prefix before a segment that is itself a path: `site.data` of
    `site.data[page.topnav]`, and that segment's path): nothing the include does rebinds their
    roots, since a name it assigns or captures, or binds as a loop variable, is not read as
    outside (a loop variable only inside its loop);
  - the values at the call of every name it assigns or captures (read before it is assigned, or
    left alone on the branch taken: so also the names' final values), and of `include` (its
    parameters, or the including include's when it has none);
  - the scope's depth (the nesting limit), whether the caller records outputs (a layout's),
    and no enclosing loop (the loop iteration limit is then counted from this include's loops).
The key holds each such value: a scalar by type and value (1, 1.0 and true print differently; a
float by repr: 0.0 and -0.0), Liquid's undefined as one value, a list or hash by identity —
held, and only when it holds plain data (memo._walk), which no template changes — and a date only
where no date filter reads it as text ("now"). A value of any other kind (a drop, a page's
document) makes the call render as usual. Equal keys give the same render; the replay writes
its text and redoes its side effects: the final values of the names it assigned, the stop
indexes of its loops (`offset: continue`), the outputs a layout records for link origins, and
the includes it read (for the parse cache's dependencies). A render that noted anything (a
missing include, an unknown filter) or raised is not kept: its notes and errors come again.
"""
from __future__ import annotations

import datetime
import re
from io import StringIO

from liquid.ast import BlockNode
from liquid.builtin.content import ContentNode
from liquid.builtin.expressions.arguments import KeywordArgument, PositionalArgument
from liquid.builtin.expressions.filtered import FilteredExpression
from liquid.builtin.expressions.logical import (
    BooleanExpression,
    ContainsExpression,
    EqExpression,
    GeExpression,
    GtExpression,
    LeExpression,
    LogicalAndExpression,
    LogicalNotExpression,
    LogicalOrExpression,
    LtExpression,
    NeExpression,
)
from liquid.builtin.expressions.path import Path as LiquidPath
from liquid.builtin.expressions.primitive import (
    Blank,
    Empty,
    FalseLiteral,
    FloatLiteral,
    IntegerLiteral,
    Nil,
    RangeLiteral,
    StringLiteral,
    TrueLiteral,
)
from liquid.builtin.tags.assign_tag import AssignNode
from liquid.builtin.tags.capture_tag import CaptureNode
from liquid.builtin.tags.comment_tag import CommentNode
from liquid.builtin.tags.for_tag import BreakNode, ContinueNode, ForNode
from liquid.builtin.tags.if_tag import IfNode
from liquid.builtin.tags.unless_tag import UnlessNode
from liquid.builtin.output import OutputNode
from liquid.template import BoundTemplate
from liquid.exceptions import OutputStreamLimitError
from liquid.output import LimitedStringIO
from liquid.undefined import Undefined

from .compiler import CompiledNode
from .fused import Run
from .lookup import compiled_path
from .memo import _walk

# Filters whose result depends on their input and arguments only (and the build's configuration).
PURE_FILTERS = frozenset((
    "append", "prepend", "remove", "remove_first", "replace", "replace_first", "downcase", "upcase", "capitalize",
    "strip", "lstrip", "rstrip", "strip_html", "strip_newlines", "newline_to_br", "truncate", "truncatewords",
    "escape", "escape_once", "h", "xml_escape", "cgi_escape", "uri_escape", "url_encode", "url_decode", "slugify",
    "relative_url", "absolute_url", "default", "size", "first", "last", "join", "split", "slice", "plus", "minus",
    "times", "divided_by", "modulo", "abs", "ceil", "floor", "round", "at_least", "at_most", "number_of_words",
    "jsonify", "compact", "uniq", "reverse", "sort", "sort_natural", "map", "concat", "where", "normalize_whitespace"))
DATE_FILTERS = frozenset(("date", "date_to_string", "date_to_long_string", "date_to_xmlschema", "date_to_rfc822"))
_LITERALS = (TrueLiteral, FalseLiteral, IntegerLiteral, FloatLiteral, StringLiteral, Nil, Empty, Blank)
_COMPARISONS = (EqExpression, NeExpression, LtExpression, GtExpression, LeExpression, GeExpression,
                ContainsExpression)
_SCALARS = frozenset((str, int, bool, type(None)))
_DATES = frozenset((datetime.date, datetime.datetime))
_UNDEFINED = ("undefined",)
_PARAM_LITERALS = frozenset(("true", "false", "nil", "null", "empty", "blank"))
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_DOTTED = re.compile(r"[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*")
_MAX_UNREPLAYED = 8  # renders kept before the first replay (an include that reads page.url: one a page)
_WRITE = StringIO.write


class _Unfit(Exception):
    """The include reads or does something a replay cannot vouch for."""


class Plan:
    """What a qualifying include (and the includes inside it) read from outside and assign."""

    __slots__ = ("reads", "dated", "assigned", "assigned_values", "include", "stops", "paths")

    def __init__(self, reads: dict, dated: set, assigned: tuple, stops: tuple, paths: tuple):
        self.reads = tuple(compiled_path(path) for path in reads.values())  # value getters
        self.dated = tuple(compiled_path(reads[key]) for key in dated)  # read by a date filter
        self.assigned = assigned  # names it assigns or captures
        self.assigned_values = tuple(compiled_path(LiquidPath(None, [name])) for name in assigned)
        self.include = compiled_path(LiquidPath(None, ["include"]))  # the including include's parameters
        self.stops = stops  # its loops' stop-index keys
        self.paths = paths  # the include files it renders (its own first)


class _Walk:
    """One pass over an include's nodes and those of the includes it includes."""

    def __init__(self, known):
        self.known = known  # an include's name -> (path, template), as the renderer found them
        self.reads: dict = {}  # str(path) -> Path
        self.dated: set = set()
        self.assigned: set = set()
        self.stops: list = []
        self.paths: list = []
        self.inside: list = []  # the include files being walked (an include of itself: unfit)

    def template(self, path, template) -> None:
        if path in self.inside or template.__class__ is not BoundTemplate:
            raise _Unfit
        self.inside.append(path)
        self.paths.append(path)
        self.nodes(template.nodes, frozenset(), loop=False)
        self.inside.pop()

    def nodes(self, nodes, bound: frozenset, loop: bool) -> None:
        for node in nodes:
            self.node(node, bound, loop)

    def node(self, node, bound, loop) -> None:
        kind = node.__class__
        if kind is CompiledNode:
            return self.node(node.original, bound, loop)
        if kind is Run or kind is BlockNode:
            return self.nodes(node.nodes, bound, loop)
        if kind is ContentNode or issubclass(kind, CommentNode):
            return None
        if issubclass(kind, OutputNode):
            return self.expression(node.expression, bound)
        if issubclass(kind, AssignNode):
            self.expression(node.expression, bound)
            self.assigned.add(str(node.name))
            return None
        if issubclass(kind, CaptureNode):
            self.node(node.block, bound, loop)
            self.assigned.add(str(node.name))
            return None
        if kind is IfNode or kind is UnlessNode:
            self.expression(node.condition, bound)
            self.node(node.consequence, bound, loop)
            for alternative in node.alternatives:
                self.expression(alternative.expression, bound)
                self.node(alternative.block, bound, loop)
            return self.node(node.default, bound, loop) if node.default else None
        if kind is ForNode:
            return self.loop(node, bound, loop)
        if kind is BreakNode or kind is ContinueNode:
            if not loop:  # (outside a loop of its own it ends the caller's iteration)
                raise _Unfit
            return None
        if kind.__name__ == "IncludeNode":
            return self.include(node, bound)
        raise _Unfit

    def loop(self, node, bound, loop) -> None:
        expression = node.expression
        if expression.cols is not None or expression.offset.__class__ is StringLiteral:  # offset: continue
            raise _Unfit
        for part in (expression.iterable, expression.limit, expression.offset):
            if part is not None:
                self.expression(part, bound)
        self.stops.append(f"{expression.identifier}-{expression.iterable}")
        self.node(node.block, bound | {str(expression.identifier), "forloop"}, True)
        if node.default:
            self.node(node.default, bound, loop)

    def include(self, node, bound) -> None:
        if node.file_template is not None or node.relative:
            raise _Unfit  # (a name made by Liquid, or a file beside the page)
        for key, literal, value in node.params:
            if not literal:
                self.param(value, bound)
        found = self.known.get(node.file_name)
        if found is None:
            raise _Unfit  # (not rendered yet: its plan is made on a later call)
        self.template(*found)

    def param(self, value: str, bound) -> None:
        """A parameter's variable (`key=page.x`), as tags._resolve reads it: a literal, or a
        dotted path read like any other; brackets qualify only on a name the include binds."""
        if value in _PARAM_LITERALS or _NUMBER.fullmatch(value):
            return
        root = value.split(".", 1)[0].split("[", 1)[0]
        if root in bound or root in self.assigned or root == "include":
            return
        if not _DOTTED.fullmatch(value):
            raise _Unfit
        self.reads.setdefault(value, LiquidPath(None, value.split(".")))

    def expression(self, expression, bound) -> None:
        kind = expression.__class__
        if kind in _LITERALS:
            return
        if kind is LiquidPath:
            return self.path(expression, bound)
        if kind is BooleanExpression or kind is LogicalNotExpression:
            return self.expression(expression.expression if kind is BooleanExpression else expression.right, bound)
        if kind is LogicalAndExpression or kind is LogicalOrExpression or kind in _COMPARISONS:
            self.expression(expression.left, bound)
            return self.expression(expression.right, bound)
        if kind is RangeLiteral:
            self.expression(expression.start, bound)
            return self.expression(expression.stop, bound)
        if kind is FilteredExpression:
            return self.filtered(expression, bound)
        raise _Unfit

    def filtered(self, expression, bound) -> None:
        self.expression(expression.left, bound)
        for position, f in enumerate(expression.filters or ()):
            if f.name in DATE_FILTERS:
                # a date filter of a text reads the clock for "now": only a value read from
                # outside, checked to be no text at each call
                left = expression.left
                if position or left.__class__ is not LiquidPath or str(left) not in self.reads:
                    raise _Unfit
                self.dated.add(str(left))
            elif f.name not in PURE_FILTERS:
                raise _Unfit
            for argument in f.args:
                if argument.__class__ not in (PositionalArgument, KeywordArgument):
                    raise _Unfit
                self.expression(argument.value, bound)

    def path(self, path, bound) -> None:
        segments = path.path
        root = segments[0]
        if root.__class__ is not str:
            raise _Unfit
        for segment in segments[1:]:
            if segment.__class__ is LiquidPath:
                self.path(segment, bound)
            elif segment.__class__ not in (str, int):
                raise _Unfit
        if root in bound or root in ("include", "now", "today") or root.startswith("forloop"):
            if root in ("now", "today") or root == "forloop" and "forloop" not in bound:
                raise _Unfit
            return
        if root in self.assigned:
            return  # (its value at the call is keyed: `assigned`)
        plain = []
        for segment in segments:
            if segment.__class__ is LiquidPath:
                break
            plain.append(segment)
        prefix = path if len(plain) == len(segments) else LiquidPath(path.token, plain)
        self.reads.setdefault(str(prefix), prefix)


def plan(path, template, known) -> Plan | None:
    """The include's Plan, or None when it does not qualify."""
    walk = _Walk(known)
    try:
        walk.template(path, template)
    except _Unfit:
        return None
    reads = {key: value for key, value in walk.reads.items() if str(value.path[0]) not in walk.assigned}
    if any(key not in reads for key in walk.dated):
        return None  # (a date filter of a name the include assigns: "now" may be assigned)
    return Plan(reads, walk.dated, tuple(sorted(walk.assigned)), tuple(dict.fromkeys(walk.stops)),
                tuple(dict.fromkeys(walk.paths)))


class IncludeMemo:
    """The renders of a build's includes, by template and key (one per LiquidRenderer)."""

    def __init__(self, renderer):
        self.renderer = renderer
        self._plans: dict = {}  # id(template) -> (template, Plan or None, [renders kept, replays],
        # the count of includes read when it was planned, -1 when none inside it is missing)
        self._kept: dict = {}  # (id(template), key) -> (template, text, its UTF-8 size, outputs, assigned, stops, used)
        self._plain: dict = {}  # id(container) -> (container, whether it holds plain data only)

    def render(self, name, template, context, buffer, params, render) -> bool:
        """The include `name` written from memory, or rendered (by `render(template, context,
        buffer, namespace)`) and kept: True; False when the call does not qualify (the caller
        renders it)."""
        if context.loops or context.loop_iteration_carry != 1 or context.disabled_tags or context.autoescape:
            return False
        known = self.renderer._known
        found = self._plans.get(id(template))
        if found is None or found[0] is not template or found[1] is None and found[3] != len(known):
            the_plan = plan(known[name][0], template, known)
            # (one that includes an include not read yet is planned again when more are read)
            found = self._plans[id(template)] = (template, the_plan, [0, 0],
                                                 len(known) if _unread_includes(template, known) else -1)
        _, the_plan, tally, _ = found
        if the_plan is None or tally[0] > _MAX_UNREPLAYED + 4 * tally[1]:
            return False
        key = self._key(the_plan, context, params)
        if key is None:
            return False
        entry = self._kept.get((id(template), key))
        if entry is not None and entry[0] is template:
            self._replay(context, buffer, entry)
            tally[1] += 1
            return True
        text, entry = self._capture(template, the_plan, context, {"include": params} if params else {}, render)
        if entry is not None:
            self._kept[(id(template), key)] = entry
            tally[0] += 1
        buffer.write(text)
        return True

    def _key(self, the_plan: Plan, context, params) -> tuple | None:
        """What the include's render is a function of (the module's docstring), or None."""
        values = [context.scope.size(), self.renderer.recorded is None]
        for get in the_plan.dated:
            if get(context).__class__ not in _DATES:
                return None
        for get in the_plan.reads:
            values.append(self._value(get(context)))
        for get in the_plan.assigned_values:
            values.append(self._value(get(context)))
        values.append(self._items(params) if params else self._value(the_plan.include(context)))
        return None if None in values else tuple(values)

    def _value(self, value):
        """A value as the key holds it, or None when it cannot be keyed."""
        cls = value.__class__
        if cls in _SCALARS:
            return (cls, value)
        if cls is float or cls in _DATES:
            return (cls, repr(value))
        if cls is Undefined:
            return _UNDEFINED
        if cls is dict and value and all(k.__class__ is str for k in value) and len(value) < 32 and \
                not any(v.__class__ in (dict, list) for v in value.values()):
            return self._items(value)  # (an include's parameters: a new hash at each call)
        if isinstance(value, (dict, list)):
            known = self._plain.get(id(value))
            if known is None or known[0] is not value:
                known = self._plain[id(value)] = (value, _walk(value, set(), {}) is not None)
            return ("id", id(value)) if known[1] else None
        return None

    def _items(self, mapping: dict):
        items = tuple((key, self._value(value)) for key, value in mapping.items())
        return None if any(value is None for _, value in items) else ("hash", items)

    def _capture(self, template, the_plan: Plan, context, namespace, render) -> tuple:
        """(text, entry): the include rendered into a buffer of its own, what it read, noted and
        recorded kept apart; entry None when it noted anything."""
        renderer = self.renderer
        used, notes, recorded = renderer._used, renderer._notes, renderer.recorded
        renderer._used, renderer._notes = set(), []
        before = len(recorded) if recorded is not None else 0
        own = StringIO()
        try:
            render(template, context, own, namespace)
        finally:
            mine, noted = renderer._used, renderer._notes
            renderer._used, renderer._notes = used | mine, notes + noted
        text = own.getvalue()
        if noted:
            return text, None
        outputs = tuple(recorded[before:]) if recorded is not None else ()
        local = context.locals
        assigned = tuple((name, local[name]) for name in the_plan.assigned if name in local)
        stopindex = context.tag_namespace["stopindex"]
        stops = tuple((key, stopindex[key]) for key in the_plan.stops if key in stopindex)
        return text, (template, text, len(text.encode("utf-8")), outputs, assigned, stops, frozenset(mine))

    def _replay(self, context, buffer, entry) -> None:
        _, text, size, outputs, assigned, stops, used = entry
        if buffer.__class__ is LimitedStringIO:  # (its write, with the UTF-8 size counted once)
            buffer.size += size
            if buffer.size > buffer.limit:
                raise OutputStreamLimitError("output stream limit reached", token=None)
            _WRITE(buffer, text)
        else:
            buffer.write(text)
        if outputs:
            self.renderer.recorded.extend(outputs)
        for name, value in assigned:
            context.assign(name, value)
        if stops:
            context.tag_namespace["stopindex"].update(stops)
        self.renderer._used |= used


def _unread_includes(template, known) -> bool:
    """Whether an include inside `template` (by a fixed name) has not been read yet."""
    stack = list(template.nodes)
    while stack:
        node = stack.pop()
        if node.__class__ is CompiledNode:
            stack.append(node.original)
        elif node.__class__.__name__ == "IncludeNode":
            if node.file_template is None and not node.relative and node.file_name not in known:
                return True
        else:
            stack.extend(getattr(node, "nodes", None) or ())
            for attribute in ("block", "consequence", "default"):
                child = getattr(node, attribute, None)
                if child is not None:
                    stack.append(child)
            stack.extend(alternative.block for alternative in getattr(node, "alternatives", None) or ())
    return False
