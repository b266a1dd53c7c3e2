"""Parsed Liquid templates turned into Python closures, for the templates a build renders on every
page (layouts and includes).

python-liquid walks its tree: each node costs a `Node.render` frame, a block a generator, a
variable a list, `RenderContext.get` and ABC checks. The closures made here do the same work for
the node kinds the real sites' layouts use — text, `{{ output }}` with filters, if/elsif/else,
unless, for, and the conditions in them — and call python-liquid itself for the uncommon cases
of each (an undefined name, a special key like `size`, a non-plain value, a comparison of
anything but two strings) and for every other node (assign, capture, case, include, …), so the
output is python-liquid's, byte for byte. A compiled node keeps the node it came from: static
analysis, error positions and a context with disabled tags use that."""
from __future__ import annotations

import datetime
from io import StringIO
from itertools import islice

from liquid.ast import BlockNode, Node
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
    is_truthy,
)
from liquid.builtin.expressions.path import Path as LiquidPath
from liquid.builtin.expressions.primitive import (
    Blank,
    Empty,
    FalseLiteral,
    FloatLiteral,
    IntegerLiteral,
    Nil,
    StringLiteral,
    TrueLiteral,
)
from liquid.builtin.tags.for_tag import ForLoop, ForNode
from liquid.builtin.tags.if_tag import IfNode
from liquid.builtin.tags.unless_tag import UnlessNode
from liquid.exceptions import (
    BreakLoop,
    ContextDepthError,
    ContinueLoop,
    FilterArgumentError,
    LiquidTypeError,
    OutputStreamLimitError,
)
from liquid.output import LimitedStringIO, NullIO

from ..jekyll.rubystr import output as ruby_output

from .lax import RecordingOutputNode
from .fused import Run, fused
from .lookup import compiled_path
from .memo import plan as memo_plan, remembered
from .ruby_semantics import ruby_contains, ruby_eq as _eq

_TRUTHY_PLAIN = frozenset((str, int, float, list, dict, tuple))
_CONSTANTS = (TrueLiteral, FalseLiteral, IntegerLiteral, FloatLiteral)
_LITERALS = frozenset((*_CONSTANTS, StringLiteral, Nil))
_DATE_FILTERS = frozenset(("date", "date_to_string", "date_to_long_string", "date_to_xmlschema", "date_to_rfc822"))
_DATES = frozenset((datetime.date, datetime.datetime))
_WRITE = StringIO.write  # LimitedStringIO.write after its count: one frame less per piece of output


class CompiledNode(Node):
    """A node rendered by its closure; python-liquid's own node when tags are disabled."""

    __slots__ = ("run", "original")

    def __init__(self, original: Node, run):
        super().__init__(original.token)
        self.original, self.run = original, run
        self.blank = original.blank

    def render_to_output(self, context, buffer) -> int:
        if context.disabled_tags:
            return self.original.render_to_output(context, buffer)
        return self.run(context, buffer)

    def children(self, *args, **kwargs):
        return self.original.children(*args, **kwargs)

    def __str__(self) -> str:
        return str(self.original)


def compile_template(template, autoescape: bool) -> None:
    """Replace the template's top-level nodes by compiled ones (in place, once)."""
    if getattr(template, "specsite_compiled", False):
        return
    compiler = _Compiler(autoescape)
    template.nodes = [CompiledNode(Run(nodes), run) if len(nodes) > 1 else
                      CompiledNode(nodes[0], run) if compiler.compiles(nodes[0]) else nodes[0]
                      for run, nodes in compiler.runs(template.nodes, top=True)]
    template.specsite_compiled = True


def compile_loops(template, autoescape: bool) -> None:
    """Replace the template's top-level loops by compiled ones (a page body, rendered once: its
    loops over site.pages or site.posts — search.json, a feed — run their body on every page;
    nothing is remembered across iterations, as a body's loop runs once per build)."""
    compiler = _Compiler(autoescape, remember=False)
    template.nodes = [CompiledNode(node, compiler.node(node)) if node.__class__ is ForNode else node
                      for node in template.nodes]


class _Compiler:
    def __init__(self, autoescape: bool, remember: bool = True):
        self.autoescape = autoescape
        self.remember = remember  # loop bodies remembered per item (memo.py): for templates run on every page

    @staticmethod
    def compiles(node) -> bool:
        return node.__class__ in (ContentNode, RecordingOutputNode, IfNode, UnlessNode, ForNode, BlockNode)

    # -- nodes ------------------------------------------------------------------------------------
    def runs(self, nodes, top: bool) -> list:
        """[(run, the nodes it renders)]: each run of two or more text and output nodes in one
        function (fused.py), every other node on its own."""
        groups: list = []
        for node in nodes:
            text = node.__class__ is ContentNode or node.__class__ is RecordingOutputNode and not self.autoescape
            if text and groups and groups[-1][0]:
                groups[-1][1].append(node)
            else:
                groups.append((text, [node]))
        return [(fused([(n.text, n.token) if n.__class__ is ContentNode else (self.expression(n.expression), n.token)
                        for n in group], top, _WRITE), group) if len(group) > 1 else (self.node(group[0]), group)
                for _, group in groups]

    def node(self, node):
        kind = node.__class__
        if kind is ContentNode:
            return self.text(node.text)
        if kind is RecordingOutputNode and not self.autoescape:
            return self.output(node)
        if kind is BlockNode:
            return self.block(node)
        if kind is IfNode:
            return self.branches(node, negate=False)
        if kind is UnlessNode:
            return self.branches(node, negate=True)
        if kind is ForNode:
            return self.loop(node)
        return node.render

    @staticmethod
    def text(text: str):
        """ContentNode.render_to_output; into a LimitedStringIO, its UTF-8 size counted once
        here, and checked against the limit as LimitedStringIO.write checks it."""
        size = len(text.encode("utf-8", "surrogatepass"))

        def run(context, buffer):
            if buffer.__class__ is LimitedStringIO and size:
                buffer.size += size
                if buffer.size > buffer.limit:
                    raise OutputStreamLimitError("output stream limit reached", token=None)
                return _WRITE(buffer, text)
            return buffer.write(text)
        return run

    def block(self, node):
        """BlockNode.render_to_output; a blank block renders into nothing (python-liquid's
        suppress_blank_control_flow_blocks)."""
        runs = tuple(run for run, _ in self.runs(node.nodes, top=False))
        blank = node.blank

        def run(context, buffer):
            if blank and context.env.suppress_blank_control_flow_blocks:
                buffer = NullIO()
                for child in runs:
                    child(context, buffer)
                return 0
            count = 0
            for child in runs:
                count += child(context, buffer)
            return count
        return run

    def output(self, node):
        """RecordingOutputNode.render_to_output: the value as Liquid prints it, recorded while a
        layout renders."""
        value = self.expression(node.expression)
        token = node.token

        def run(context, buffer):
            result = value(context)
            text = result if result.__class__ is str else ruby_output(result)
            recorded = context.env.specsite.recorded
            if recorded is not None and len(text) <= 2048:
                recorded.append((text, token))
            if buffer.__class__ is LimitedStringIO and text:  # LimitedStringIO.write, inlined
                buffer.size += len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
                if buffer.size > buffer.limit:
                    raise OutputStreamLimitError("output stream limit reached", token=None)
                return _WRITE(buffer, text)
            return buffer.write(text)
        return run

    def branches(self, node, negate: bool):
        """IfNode / UnlessNode.render_to_output: the first true condition's block (for unless,
        the first condition negated), else the default."""
        first = self.truth(node.condition.expression if node.condition.__class__ is BooleanExpression
                           else node.condition, wrap=node.condition)
        consequence = self.node(node.consequence)
        alternatives = tuple((self.truth(alt.expression.expression if alt.expression.__class__ is BooleanExpression
                                         else alt.expression, wrap=alt.expression), self.node(alt.block))
                             for alt in node.alternatives)
        default = self.node(node.default) if node.default else None

        def run(context, buffer):
            if (not first(context)) is negate:
                return consequence(context, buffer)
            for condition, block in alternatives:
                if condition(context):
                    return block(context, buffer)
            return default(context, buffer) if default is not None else 0
        return run

    def loop(self, node):
        """ForNode.render_to_output, with the block compiled; a body with loops of its own that
        depends on its item only is remembered per item (memo.py)."""
        expression, block = node.expression, self.node(node.block)
        default = node.default.render if node.default else None
        name = str(expression.identifier)  # a plain str key: an Identifier compares in Python
        found = memo_plan(node) if not self.autoescape and self.remember else None
        if found is not None and found[2]:
            block = remembered(block, name, found, self.path)
        loop_name = f"{name}-{expression.iterable}"

        items = self.items(expression)

        def run(context, buffer):
            it, length = items(context)
            if not length:
                return default(context, buffer) if default is not None else 0
            count = 0
            forloop = ForLoop(name=loop_name, it=it, length=length, parentloop=context.parentloop())
            namespace = {"forloop": forloop, name: None}
            # `with context.loop(namespace, forloop):` without its two generator-made context
            # managers (a sidebar runs a thousand loops a page): the same checks, in its order
            env, loops, scope = context.env, context.loops, context.scope
            if env.loop_iteration_limit:
                context.raise_for_loop_limit(length)
            loops.append(forloop)
            if scope.size() > env.context_depth_limit:  # (context.extend's; the loop stays on the stack, as there)
                raise ContextDepthError("maximum context depth reached, possible recursive include", token=None)
            scope.push(namespace)
            try:
                for item in forloop:
                    namespace[name] = item
                    try:
                        count += block(context, buffer)
                    except ContinueLoop:
                        continue
                    except BreakLoop:
                        break
            finally:
                scope.pop()
                loops.pop()
            return count
        return run

    def items(self, expression):
        """LoopExpression.evaluate for `for x in list` (no limit, offset, reversed or cols):
        a list itself, anything else as the loop expression's _to_iter makes it (hot_paths:
        nil, a hash, a LineList without typing checks), the loop's stop index noted for a later
        `offset: continue`."""
        if expression.limit is not None or expression.offset is not None or expression.reversed or \
                getattr(expression, "cols", None) is not None:
            return expression.evaluate
        iterable = self.expression(expression.iterable)
        offset_key = f"{expression.identifier}-{expression.iterable}"
        to_iter = expression._to_iter

        def items(context):
            value = iterable(context)
            if value.__class__ is list:
                length = len(value)
                context.tag_namespace["stopindex"][offset_key] = length  # (context.stopindex(key, index))
                return iter(value), length
            it, length = to_iter(value, context)
            context.tag_namespace["stopindex"][offset_key] = length
            return islice(it, 0, length), length
        return items

    # -- expressions ----------------------------------------------------------------------------
    def truth(self, expression, wrap=None):
        """A condition as a bool (BooleanExpression.evaluate: only nil and false are false)."""
        kind = expression.__class__
        if kind is LogicalAndExpression:
            left, right = self.truth(expression.left), self.truth(expression.right)
            return lambda context: left(context) and right(context)
        if kind is LogicalOrExpression:
            left, right = self.truth(expression.left), self.truth(expression.right)
            return lambda context: left(context) or right(context)
        if kind is LogicalNotExpression:
            inner = self.truth(expression.right)
            return lambda context: not inner(context)
        if kind in (EqExpression, NeExpression, ContainsExpression):
            return self.comparison(expression)
        if wrap is not None and wrap.__class__ is not BooleanExpression:
            return lambda context: bool(wrap.evaluate(context))
        value = self.path(expression, truth=True) if kind is LiquidPath else self.expression(expression)

        def truthy(context):
            result = value(context)
            if result is None or result is False:
                return False
            if result.__class__ in _TRUTHY_PLAIN or result is True:
                return True
            return is_truthy(result)
        return truthy

    def comparison(self, expression):
        kind, token = expression.__class__, expression.token
        left, right = self.expression(expression.left), self.expression(expression.right)
        if kind is ContainsExpression:
            def contains(context):
                a, b = left(context), right(context)
                if b.__class__ is str and (a.__class__ is str or a.__class__ is list):
                    return b in a  # _contains: both truthy; str(b) in a, or b in a list
                return ruby_contains(token, a, b)
            return contains
        negate = kind is NeExpression

        def equal(context):
            a, b = left(context), right(context)
            if a.__class__ is str and b.__class__ is str:
                return (a == b) is not negate
            return (not _eq(a, b)) if negate else is_truthy(_eq(a, b))
        return equal

    def expression(self, expression):
        """A value getter: literals as constants, plain paths looked up directly, filters by
        python-liquid; anything else through the expression's own evaluate."""
        kind = expression.__class__
        if kind in _CONSTANTS:
            constant = expression.value
            return lambda context: constant
        if kind is StringLiteral and not self.autoescape:
            constant = expression.value
            return lambda context: constant
        if kind is Nil:
            return lambda context: None
        if kind is LiquidPath:
            return self.path(expression)
        if kind is FilteredExpression:
            left, filters = self.expression(expression.left), tuple(self.filter(f) for f in expression.filters or ())
            if not filters:
                return left

            def filtered(context):
                value = left(context)
                for f in filters:
                    value = f(value, context)
                return value
            return filtered
        return expression.evaluate

    def filter(self, node):
        """Filter.evaluate for positional arguments (keyword arguments: python-liquid's own)."""
        if not all(arg.__class__ is PositionalArgument for arg in node.args):
            return node.evaluate
        name, token = node.name, node.token
        args = tuple(self.expression(arg.value) for arg in node.args)

        def apply(value, context):
            func = context.filter(name, token=token)
            try:
                result = func(value, *[arg(context) for arg in args])
                return "" if result.__class__ in (Blank, Empty) else result  # (Context#invoke's to_liquid)
            except TypeError as err:
                raise LiquidTypeError(f"{name}: {err}", token=token) from err
            except (LiquidTypeError, FilterArgumentError) as err:
                err.token = token
                raise err
        if name not in _DATE_FILTERS or not all(arg.value.__class__ in _LITERALS for arg in node.args):
            return apply
        last: list = [None, None]  # the date last given and what it made

        def dated(value, context):
            """A date filter of a date (`site.time | date: "%Y"` in a footer): the same date
            object, the same text (a pure function of them and the build's time zone)."""
            if value is last[0] and value.__class__ in _DATES:
                return last[1]
            result = apply(value, context)
            if value.__class__ in _DATES:
                last[0], last[1] = value, result
            return result
        return dated

    path = staticmethod(compiled_path)
