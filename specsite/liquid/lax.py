"""Ruby Liquid's lax parsing of output and assign markup, which Jekyll uses (error_mode: warn).

Where python-liquid's strict parser refuses `{{ x | f: a; }}` or `{% assign s = a.b; %}`, Ruby
Liquid reads the first fragment as the value and scans filters and their arguments with
regexes, dropping what does not fit. The markup is rewritten that way and parsed again, so the
page renders as Jekyll renders it; the rewrite is reported as a liquid-syntax warning.
"""
from __future__ import annotations

import re

from liquid.builtin.expressions import FilteredExpression, parse_identifier, tokenize
from liquid.builtin.output import Output, OutputNode
from liquid.builtin.expressions import BooleanExpression
from liquid.builtin.expressions.logical import EqExpression
from liquid.builtin.expressions.primitive import StringLiteral
from liquid.expression import Expression
from liquid.builtin.expressions.primitive import Blank, Empty, Identifier
from liquid.builtin.tags.assign_tag import AssignNode, AssignTag
from liquid.builtin.tags.capture_tag import ENDCAPTUREBLOCK, TAG_ENDCAPTURE, CaptureTag
from liquid.builtin.tags.decrement_tag import DecrementTag
from liquid.builtin.tags.echo_tag import EchoNode, EchoTag
from liquid.builtin.tags.increment_tag import IncrementTag
from liquid.ast import Node
from liquid.parser import get_parser
from liquid.exceptions import LiquidError
from liquid.stream import TokenStream
from liquid.stringify import to_liquid_string

from ..jekyll.rubystr import output as ruby_output
from ..lazy_re import LazyPattern
from .fast_parse import filtered as fast_filtered
from .fast_tags import FastIf, FastUnless, fast_assign_node
from liquid.token import TOKEN_ASSIGN, TOKEN_EXPRESSION, TOKEN_OUTPUT, TOKEN_TAG

_QS = r""""[^"]*"|'[^']*'"""
_QF = rf"""(?:{_QS})|(?:[^\s,|'"]|{_QS})+"""
_MARKUP = LazyPattern(rf"({_QF})(.*)", re.S)
_FILTERS = LazyPattern(r"\|\s*(.*)", re.S)
_FILTER = LazyPattern(rf"(?:\s+|{_QF}|,)+")
_ARGS = LazyPattern(rf"(?::|,)\s*((?:\w+\s*:\s*)?(?:{_QF}))")
_LOOKUP = LazyPattern(r"\[[^\]]+\]|[\w-]+\??")
_ASSIGN = LazyPattern(r"((?:\(?[\w\-.\[\]]\)?)+)\s*=\s*(.*)", re.S)
_NUMBER = LazyPattern(r"-?\d+(?:\.\d+)?$")
_RANGE = LazyPattern(r"\(\s*\S+\s*\.\.\s*\S+\s*\)$")


_KEYWORD_NAMES = frozenset(("nil", "null", "true", "false", "empty", "blank"))
_OPERATOR_NAMES = frozenset(("and", "or", "not", "contains", "in"))  # (python-liquid's words: Ruby's variables, nil)


def lax_expression(markup: str) -> str:
    """Liquid::Expression.parse, lax: a literal, or the words and [keys] of a variable path."""
    text = markup.strip()
    if text in ("nil", "null", "", "true", "false", "empty", "blank") or _NUMBER.match(text):
        return text or "nil"
    if _RANGE.match(text):  # RangeLookup.parse: each end read by Expression.parse (`((1..5)` is (nil..5))
        ends = _RUBY_RANGE_ENDS.match(text)
        return text if ends is None else f"({lax_expression(ends.group(1))}..{lax_expression(ends.group(2))})"
    if re.fullmatch(_QS, text):
        return text
    parts = _LOOKUP.findall(text)
    if parts and parts[0].startswith("["):  # VariableLookup: `[name]` looks the variable up by name's value
        name = parts[0][1:-1].strip()
        if re.fullmatch(_QS, name) and re.fullmatch(r"[A-Za-z_][\w-]*", name[1:-1]):
            parts[0] = name[1:-1]  # `["x"]` is the variable x
        elif _NUMBER.match(name) or name in ("nil", "null", "true", "false"):
            return "nil"  # (no variable is named by a number: `sort:[0]` sorts by nothing)
    if not parts or parts[0].startswith("["):
        return "nil" if not parts else "".join(parts)
    if parts[0][0].isdigit() or parts[0] in _KEYWORD_NAMES or parts[0] in _OPERATOR_NAMES or not _NAME.fullmatch(parts[0]):  # (`(2` is VariableLookup "2", `(empty`
        return "nil"  # the variable "empty": none has such a name)
    return parts[0] + "".join(_lax_key(p) for p in parts[1:])


def _lax_key(part: str) -> str:
    """A VariableLookup's lookup: `[x]` is Expression.parse(x) (`[0%]` the variable "0", nil), a
    name a key (`.5` the key "5")."""
    if part.startswith("["):
        inner = part[1:-1].strip()
        return part if re.fullmatch(_QS, inner) else f"[{lax_expression(inner)}]"
    return "." + part if _NAME.fullmatch(part) and part not in _KEYWORD_NAMES else f'["{part}"]'


_NAME = re.compile(r"[A-Za-z_][\w-]*\??")
_RUBY_RANGE_ENDS = re.compile(r"\(\s*(?>(\S+)\s*\.\.)\s*(\S+)\s*\)")  # Expression::RANGES_REGEX


def lax_output(markup: str) -> str | None:
    """Liquid::Variable#lax_parse, written back as strict markup; None when nothing is there."""
    match = _MARKUP.search(markup)
    if not match:
        return None
    out = lax_expression(match.group(1))
    filters = _FILTERS.search(match.group(2))
    if filters:
        for piece in _FILTER.findall(filters.group(1)):
            name = re.search(r"\w+", piece)
            if not name or name.group(0)[0].isdigit():  # (no Ruby method has such a name: an unknown
                continue  # filter, which passes its input through)
            args = []
            for arg in _ARGS.findall(piece):  # (Variable#lax_parse scans the whole piece: `, reverse`
                # is the filter reverse given "reverse")
                keyword = re.match(r"(\w+)\s*:\s*(.*)", arg, re.S)
                if keyword and not re.fullmatch(_QS, arg.strip()):
                    args.append(f"{keyword.group(1)}: {lax_expression(keyword.group(2))}")
                else:
                    args.append(lax_expression(arg))
            out += f" | {name.group(0)}" + (": " + ", ".join(args) if args else "")
    return out


_AND_OR = r"\b(?:\s?and\s?|\s?or\s?)\b"
_CONDITION_PARTS = LazyPattern(rf"(?:{_AND_OR}|(?:\s*(?!{_AND_OR})(?:{_QF}|\S+)\s*)+)")
_CONDITION = LazyPattern(rf"({_QF})\s*([=!<>a-z_]+)?\s*({_QF})?")


# Condition.operators; any other word or run of =!<> the lax pattern reads as an operator is
# "Liquid error: Unknown operator =" when the condition is evaluated (Condition#interpret_condition)
_OPERATORS = frozenset({"==", "!=", "<>", "<", ">", ">=", "<=", "contains"})
_UNKNOWN = "\x00unknown operator "  # (a string literal standing for such a comparison until the tag is parsed)


def lax_condition(markup: str) -> str | None:
    """Liquid::If#lax_parse written back as strict markup: conditions joined by and/or, each
    `left [op right]` read by Liquid::Expression.parse (`{% if {{include.url}} %}` is include.url);
    a comparison with an unknown operator is `left == "<_UNKNOWN>op"`, for unknown_operators."""
    out = []
    for part in _CONDITION_PARTS.findall(markup):
        if part.strip() in ("and", "or"):
            out.append(part.strip())
            continue
        m = _CONDITION.search(part)
        if not m:
            return None
        left, op = lax_expression(m.group(1)), m.group(2)
        if left == "not":  # (the variable "not", nil: a keyword to python-liquid)
            left = "nil"
        if op and op not in _OPERATORS:
            out.append(f'{left} == "{_UNKNOWN}{op}"')
        else:
            out.append(left + (f" {op} {lax_expression(m.group(3) or '')}" if op else ""))
    return " ".join(out) or None


class UnknownOperator(Expression):
    """A comparison Ruby's Condition cannot make: its left side is evaluated, then the error."""

    __slots__ = ("left", "operator")

    def __init__(self, token, left, operator: str):
        super().__init__(token)
        self.left, self.operator = left, operator

    def evaluate(self, context):
        self.left.evaluate(context)
        raise LiquidError(f"Unknown operator {self.operator}", token=self.token)

    async def evaluate_async(self, context):
        return self.evaluate(context)

    def children(self):
        return [self.left]


def unknown_operators(node, token) -> None:
    """Put an UnknownOperator in place of each `x == "<_UNKNOWN>op"` of an if/unless node's
    conditions (lax_condition's)."""
    def swap(expression):
        for name in ("expression", "left", "right"):
            child = getattr(expression, name, None)
            if child is None:
                continue
            right = getattr(child, "right", None)
            if child.__class__ is EqExpression and right.__class__ is StringLiteral and right.value.startswith(_UNKNOWN):
                setattr(expression, name, UnknownOperator(token, child.left, right.value[len(_UNKNOWN):]))
            else:
                swap(child)
    for condition in [getattr(node, "condition", None)] + [alt.expression for alt in getattr(node, "alternatives", ())]:
        if condition is not None:
            swap(condition)


_RUBY_RANGE = re.compile(r"\(\s*[^()\s]+\s*\.\.\s*[^()\s]+\s*\)")


_NOT = re.compile(r"(?<![\w.\[-])not(?![\w?-])")


def negated(markup: str) -> bool:
    """A `not` outside quotes: Ruby Liquid has no such operator, so strict parsing refuses it and
    Jekyll reads the condition lax, where `not x.y` compares the variable "not" by the unknown
    operator "x" (an error when it runs; python-liquid would negate)."""
    return "not" in markup and _NOT.search(re.sub(_QS, "", markup)) is not None


def grouped(markup: str) -> bool:
    """A parenthesis that is no range literal's: Ruby Liquid's strict parser refuses it (Parser#
    expression reads `(` as a range only), so Jekyll warns and reads the condition lax, where
    `(a == b)` compares the variables "a" and "b)"'s path... (python-liquid groups it)."""
    if "(" not in markup and ")" not in markup:
        return False
    bare = _RUBY_RANGE.sub("", re.sub(_QS, "", markup))
    return "(" in bare or ")" in bare


class _LaxConditions:
    """`{% if %}`, `{% elsif %}`, `{% unless %}` whose condition strict parsing refuses are read
    with Ruby Liquid's lax condition syntax, once per template, before the tag parses."""

    def parse(self, stream):
        if not self.env.lax and stream.peek.kind == TOKEN_EXPRESSION and grouped(stream.peek.value):
            from liquid.exceptions import LiquidSyntaxError
            raise LiquidSyntaxError("unexpected '(' in a condition (Ruby Liquid reads parentheses as a range only)",
                                    token=stream.peek)
        if self.env.lax and not getattr(stream, "lax_conditions", False):
            stream.lax_conditions = True
            tokens = stream.tokens
            for i in range(stream.pos, len(tokens) - 1):
                tag, expr = tokens[i], tokens[i + 1]
                if tag.kind != TOKEN_TAG or tag.value not in ("if", "elsif", "unless") or expr.kind != TOKEN_EXPRESSION:
                    continue
                try:
                    if grouped(expr.value) or negated(expr.value):
                        raise LiquidError("parentheses or not", token=expr)
                    BooleanExpression.parse(self.env, TokenStream(tokenize(expr.value, parent_token=expr)))
                    continue
                except LiquidError:
                    cleaned = lax_condition(expr.value)
                if cleaned and cleaned != expr.value.strip():
                    try:
                        BooleanExpression.parse(self.env, TokenStream(tokenize(cleaned, parent_token=expr)))
                    except LiquidError:
                        continue
                    tokens[i + 1] = expr._replace(value=cleaned)
                    if _UNKNOWN in cleaned:
                        continue  # (an error when it runs: unknown_operators)
                    self.env.specsite.note_lax_rewrite(tag, expr.value, cleaned)
        token = stream.current
        node = super().parse(stream)
        if self.env.lax:
            unknown_operators(node, token)
        return node


class LaxIf(_LaxConditions, FastIf):
    pass


class LaxUnless(_LaxConditions, FastUnless):
    pass


_LOOP = LazyPattern(rf"\A\s*([\w-]+)\s+in\s+((?:{_QF})+)\s*(reversed)?")
_TAG_ATTRIBUTE = LazyPattern(rf"(\w[\w-]*)\s*:\s*({_QF})")


def lax_loop(markup: str) -> str | None:
    """For#lax_parse / TableRow#initialize (Liquid 5.4), written back as strict markup: the variable,
    the collection read by Expression.parse (`site.data.[page.ds]` is site.data[page.ds]), `reversed`
    only right after it, then every `name: value` attribute found anywhere in the markup that the
    tags read (limit, offset, cols); any other (`(eps | group_by: 'x')`) is kept and never read."""
    match = _LOOP.match(markup)
    if not match:
        return None
    out = f"{match.group(1)} in {lax_expression(match.group(2))}" + (" reversed" if match.group(3) else "")
    for name, value in _TAG_ATTRIBUTE.findall(markup):
        if name in ("limit", "offset", "cols"):
            out += f" {name}:{lax_expression(value)}"
    return out


def lax_assign(markup: str) -> str | None:
    match = _ASSIGN.search(markup)
    if not match:
        return None
    value = lax_output(match.group(2))
    return None if value is None else f"{match.group(1)} = {value}"


class RecordingOutputNode(OutputNode):
    """An output statement that, while its renderer records, notes what it wrote and where:
    the checker finds the template line that wrote a layout's link this way."""

    __slots__ = ()

    def render_to_output(self, context, buffer) -> int:
        value = self.expression.evaluate(context)
        text = to_liquid_string(value, True) if context.autoescape else ruby_output(value)
        recorded = context.env.specsite.recorded
        if recorded is not None and len(text) <= 2048:
            recorded.append((text, self.token))
        return buffer.write(text)


class LaxOutput(Output):
    """`{{ … }}`: strict first; in lax mode, Ruby Liquid's reading of what strict refuses."""

    def parse(self, stream):
        token = stream.eat(TOKEN_OUTPUT)
        expr_token = stream.expect(TOKEN_EXPRESSION)
        if _NUMBER_WORD.search(expr_token.value) and _NUMBER_WORD.search(re.sub(_QS, "", expr_token.value)):
            self.env.specsite.note_number_word(token, expr_token.value)
        expression = fast_filtered(self.env, expr_token.value, expr_token)
        if expression is not None:
            return RecordingOutputNode(token, expression)
        try:
            return RecordingOutputNode(token, _filtered(self.env, expr_token, expr_token.value))
        except LiquidError:
            cleaned = lax_output(expr_token.value) if self.env.lax else None
            if cleaned is None or cleaned == expr_token.value.strip():
                raise
            node = RecordingOutputNode(token, _filtered(self.env, expr_token, cleaned))
            self.env.specsite.note_lax_rewrite(token, expr_token.value, cleaned)
            return node


class RubyAssignNode(AssignNode):
    """An assign of `empty` or `blank` (Jekyll's Expression::MethodLiteral) is read back as ""
    (Context#find_variable gives the value's to_liquid, the literal's to_s)."""

    __slots__ = ()

    def render_to_output(self, context, _buffer) -> int:
        value = self.expression.evaluate(context)
        context.assign(self.name, "" if value.__class__ in (Empty, Blank) else value)
        return 0


class LaxAssign(AssignTag):
    """`{% assign x = … %}` with Ruby Liquid's lax reading of the value."""

    node_class = RubyAssignNode

    def parse(self, stream):
        fast = fast_assign_node(self, stream)
        if fast is not None:
            return fast
        token, expr_token = stream.current, stream.peek
        pathed = _PATH_ASSIGN.match(expr_token.value) if expr_token.kind == TOKEN_EXPRESSION else None
        if token.kind == TOKEN_TAG and pathed is not None:  # Assign::Syntax: `x.y` or `x[0]` is the name itself
            next(stream)
            rhs = _filtered(self.env, expr_token, pathed.group(2))
            return self.node_class(token, name=Identifier(pathed.group(1), token=expr_token), expression=rhs)
        try:
            return super().parse(stream)
        except LiquidError:
            expr_token = stream.current
            cleaned = lax_assign(expr_token.value) if self.env.lax and token.kind == TOKEN_TAG else None
            if cleaned is None or cleaned == expr_token.value.strip():
                raise
            tokens = TokenStream(tokenize(cleaned, parent_token=expr_token._replace(value=cleaned)))
            name = parse_identifier(self.env, tokens, allow_trailing_question_mark=False)
            tokens.eat(TOKEN_ASSIGN)
            node = RubyAssignNode(token, name=name, expression=FilteredExpression.parse(self.env, tokens))
            self.env.specsite.note_lax_rewrite(token, expr_token.value, cleaned)
            return node



def _filtered(env, expr_token, markup: str):
    token = expr_token if markup == expr_token.value else expr_token._replace(value=markup)
    return FilteredExpression.parse(env, TokenStream(tokenize(markup, token)))


# Assign::Syntax with a name of VariableSignature characters holding a dot or a bracket: Ruby
# assigns to that whole name ("x.y"), which no lookup reads (`{{ x.y }}` is x's y); no warning
_PATH_ASSIGN = re.compile(r"\s*((?:\(?[\w\-]\)?)*(?:\(?[.\[\]]\)?)(?:\(?[\w\-.\[\]]\)?)*)\s*=\s*(.*?)\s*\Z", re.S)
# a number run into a name (`1e3`): Ruby Liquid's strict lexer reads the number, then a name it did
# not expect ("Expected end_of_string but found id"); Jekyll warns and reads `1e3` as a variable
_NUMBER_WORD = re.compile(r"(?<![\w.\]-])-?\d+(?:\.\d+)?[A-Za-z_]")
_CAPTURE_TO = re.compile(r"((?:\(?[\w\-.\[\]]\)?)+)")  # Capture::Syntax, VariableSignature+


class LaxCapture(CaptureTag):
    """Capture#initialize: the variable is the first run of VariableSignature characters in the
    markup, whatever is around it: `{% capture 'q' %}` captures into q, `{% capture x.y %}` into
    the name "x.y" (which `{{ x.y }}` does not read). Markup without one is Ruby's syntax error
    (ruby_lax)."""

    def parse(self, stream):
        token, markup = stream.current, stream.peek
        found = _CAPTURE_TO.search(markup.value) if markup.kind == TOKEN_EXPRESSION else None
        if found is None or re.fullmatch(r"\s*[\w-]+\s*", markup.value):
            return super().parse(stream)
        stream.eat(TOKEN_TAG)
        next(stream)
        block = get_parser(self.env).parse_block(stream, ENDCAPTUREBLOCK)
        stream.expect(TOKEN_TAG, value=TAG_ENDCAPTURE)
        return self.node_class(token, Identifier(found.group(1), token=markup), block)


class _WholeMarkupCounter:
    """Increment#initialize, Decrement#initialize: the counter's name is the whole markup,
    stripped (`{% increment a b %}` counts "a b", `{% increment x.y %}` "x.y", which `{{ x.y }}`
    does not read; an empty markup is the name "")."""

    def parse(self, stream):
        token = stream.eat(TOKEN_TAG)
        if stream.current.kind == TOKEN_EXPRESSION:
            return self.node_class(token, name=Identifier(stream.current.value.strip(), token=token))
        stream.pos -= 1  # (no expression: the tag token stays current, the parser's next() passes it)
        return self.node_class(token, name=Identifier("", token=token))


class _PayloadCounterNode(Node):
    """Increment/Decrement#render: `context.environments.first[@variable] ||= 0`, then `+ 1` (`- 1`).
    environments.first is Jekyll's payload: a counter named like one of its variables (`page`,
    `site`, `jekyll`; `layout` and `content` once set) starts from that value, and `+` on a Hash or
    a String raises: Jekyll's build stops (Jekyll 4.3.1: "undefined method `+' for {...}:Hash")."""

    __slots__ = ("name", "step")

    def __init__(self, token, name, step: int):
        super().__init__(token)
        self.name, self.step, self.blank = name, step, False

    def render_to_output(self, context, buffer) -> int:
        name = str(self.name)
        held = context.globals.get(name)
        if held is not None and held.__class__ is not int:
            from ..jekyll.ruby_types import ruby_class
            kind = "String" if isinstance(held, str) else "Hash" if hasattr(held, "keys") else ruby_class(held)
            sign = "+" if self.step > 0 else "-"
            raise LiquidError(f"undefined method `{sign}' for the {kind} in Jekyll's variable '{name}': a "
                              f"counter of that name starts from it (Liquid keeps counters among Jekyll's own "
                              f"variables), and Jekyll's build stops", token=self.token)
        value = context.increment(name) if self.step > 0 else context.decrement(name)
        return buffer.write(str(value))


class RubyIncrement(_WholeMarkupCounter, IncrementTag):
    def node_class(self, token, name):
        return _PayloadCounterNode(token, name, 1)


class RubyDecrement(_WholeMarkupCounter, DecrementTag):
    def node_class(self, token, name):
        return _PayloadCounterNode(token, name, -1)


class RubyEchoNode(EchoNode):
    """`{% echo x %}` writes what `{{ x }}` writes: Ruby's output of the value (an array joined,
    a document its content, a hash its inspect), not python-liquid's string of it."""

    __slots__ = ()

    def render_to_output(self, context, buffer) -> int:
        value = self.expression.evaluate(context)
        return buffer.write(to_liquid_string(value, True) if context.autoescape else ruby_output(value))


class RubyEcho(EchoTag):
    """Echo#initialize reads its markup as a Variable: in lax mode as `{{ }}` does (LaxOutput)."""

    node_class = RubyEchoNode

    def parse(self, stream):
        token, expr_token = stream.current, stream.peek
        try:
            return super().parse(stream)
        except LiquidError:
            cleaned = lax_output(expr_token.value) if self.env.lax and expr_token.kind == TOKEN_EXPRESSION else None
            if cleaned is None or cleaned == expr_token.value.strip():
                raise
            node = self.node_class(token, _filtered(self.env, expr_token, cleaned))
            self.env.specsite.note_lax_rewrite(token, expr_token.value, cleaned)
            return node
