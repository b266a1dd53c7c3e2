"""python-liquid's if, unless, for, assign tags and outputs, their expressions read by
fast_parse.py when it can.

Each `parse` is python-liquid 2.x's own (IfTag.parse, UnlessTag.parse, ForTag.parse,
AssignTag.parse, Output.parse), step by step, except where it reads the tag's expression:
fast_parse first, python-liquid's `into_inner` + `parse` for what fast_parse leaves to it (and
for every error). FAST_TAGS: all five, for an environment of python-liquid's defaults (the
plugins' templates)."""
from __future__ import annotations

from liquid.ast import ConditionalBlockNode, IllegalNode
from liquid.builtin.expressions import BooleanExpression, FilteredExpression, LoopExpression, tokenize
from liquid.builtin.output import Output
from liquid.builtin.tags.assign_tag import AssignTag
from liquid.builtin.tags import for_tag, if_tag, unless_tag
from liquid.builtin.tags.for_tag import ForTag
from liquid.builtin.tags.if_tag import IfTag
from liquid.builtin.tags.unless_tag import UnlessTag
from liquid.exceptions import LiquidSyntaxError
from liquid.mode import Mode
from liquid.parser import eat_block, get_parser
from liquid.stream import TokenStream
from liquid.token import TOKEN_EOF, TOKEN_EXPRESSION, TOKEN_OUTPUT, TOKEN_TAG

from .fast_parse import assignment as fast_assignment, condition as fast_condition, filtered as fast_filtered
from .fast_parse import loop as fast_loop


def _expression(tag, stream, token, fast, slow):
    """`slow.parse(env, stream.into_inner(tag=token))`, the stream's expression read by `fast`
    when it can (the expression token consumed either way)."""
    current = stream.current
    if current.kind == TOKEN_EXPRESSION:
        found = fast(tag.env, current.value, current)
        if found is not None:
            next(stream)
            return found
    return slow.parse(tag.env, stream.into_inner(tag=token))


def _conditional(tag, stream, blocks):
    """IfTag.parse / UnlessTag.parse: `blocks` is (end tag, ENDIFBLOCK, ENDELSIFBLOCK, ENDIFELSEBLOCK)
    or unless's."""
    end, end_block, end_elsif, end_else = blocks
    token = stream.eat(TOKEN_TAG)
    condition = _expression(tag, stream, token, fast_condition, BooleanExpression)
    parse_block = get_parser(tag.env).parse_block
    consequence = parse_block(stream, end_block)
    alternatives = []
    while stream.current.is_tag(if_tag.TAG_ELSIF):
        try:
            expr = _expression(tag, stream, next(stream), fast_condition, BooleanExpression)
        except LiquidSyntaxError as err:
            tag.env.error(err)
            eat_block(stream, end_elsif)
            return IllegalNode(token)
        alt_tok = stream.current
        alt_block = parse_block(stream, end_elsif)
        alternatives.append(ConditionalBlockNode(alt_tok, expression=expr, block=alt_block))
    default = None
    if stream.current.is_tag(if_tag.TAG_ELSE):
        next(stream)
        if stream.current.kind == TOKEN_EXPRESSION:
            if tag.mode == Mode.LAX:
                next(stream)  # superfluous expressions inside an `else` tag are ignored
            else:
                raise LiquidSyntaxError("found an 'else' tag expression, did you mean 'elsif'?",
                                        token=stream.current)
        default = parse_block(stream, end_else)
    if not stream.current.is_tag(end) and tag.mode == Mode.LAX:  # extraneous else/elsif blocks are ignored
        while stream.current.kind != TOKEN_EOF:
            if stream.current.kind == TOKEN_TAG and stream.current.value == end:
                break
            next(stream)
    stream.expect(TOKEN_TAG, value=end)
    return tag.node_class(token=token, condition=condition, consequence=consequence, alternatives=alternatives,
                          default=default)


class FastIf(IfTag):
    """`{% if %}`."""

    def parse(self, stream):
        return _conditional(self, stream, (if_tag.TAG_ENDIF, if_tag.ENDIFBLOCK, if_tag.ENDELSIFBLOCK,
                                           if_tag.ENDIFELSEBLOCK))


class FastUnless(UnlessTag):
    """`{% unless %}`."""

    def parse(self, stream):
        return _conditional(self, stream, (unless_tag.TAG_ENDUNLESS, unless_tag.ENDUNLESSBLOCK,
                                           unless_tag.ENDELSIFBLOCK, unless_tag.ENDUNLESSELSEBLOCK))


class FastFor(ForTag):
    """`{% for %}`."""

    def parse(self, stream):
        token = stream.eat(TOKEN_TAG)
        expr = _expression(self, stream, token, fast_loop, LoopExpression)
        parse_block = get_parser(self.env).parse_block
        block = parse_block(stream, for_tag.ENDFORBLOCK)
        default = None
        if stream.current.is_tag(for_tag.TAG_ELSE):
            next(stream)
            default = parse_block(stream, for_tag.ENDFORELSEBLOCK)
        stream.expect(TOKEN_TAG, value=for_tag.TAG_ENDFOR)
        return self.node_class(token, expression=expr, block=block, default=default)


class FastOutput(Output):
    """`{{ … }}`."""

    def parse(self, stream):
        token = stream.eat(TOKEN_OUTPUT)
        expr_token = stream.expect(TOKEN_EXPRESSION)
        expression = fast_filtered(self.env, expr_token.value, expr_token)
        if expression is None:
            expression = FilteredExpression.parse(self.env, TokenStream(tokenize(expr_token.value, expr_token)))
        return self.node_class(token, expression)


class FastAssign(AssignTag):
    """`{% assign name = … %}`."""

    def parse(self, stream):
        node = fast_assign_node(self, stream)
        return super().parse(stream) if node is None else node


def fast_assign_node(tag, stream):
    """The node of an assign tag (`tag`: an AssignTag) whose value fast_parse reads, as
    AssignTag.parse leaves the stream (the tag eaten, its expression current); None otherwise."""
    token, expr_token = stream.current, stream.peek
    if token.kind == TOKEN_TAG and expr_token.kind == TOKEN_EXPRESSION:
        found = fast_assignment(tag.env, expr_token.value, expr_token)
        if found is not None:
            next(stream)
            return tag.node_class(token, name=found[0], expression=found[1])
    return None


FAST_TAGS = (FastIf, FastUnless, FastFor, FastAssign, FastOutput)
