"""`{% for x in list limit:2 reversed %}`: Ruby Liquid 5.4's For tag reads `reversed` only right
after the collection. Its strict parser refuses it anywhere else ("Expected end_of_string but
found id"), and Jekyll's default error_mode (warn) then reads the tag laxly, with
`/\\A(var)\\s+in\\s+(collection)\\s*(reversed)?/`: a `reversed` after limit/offset/cols is
ignored. python-liquid would apply it; here it is dropped, with a warning."""
from __future__ import annotations

import re

from ..lazy_re import LazyPattern

from liquid.builtin.expressions import LoopExpression, tokenize
from liquid.builtin.tags.tablerow_tag import TablerowTag
from liquid.exceptions import LiquidError
from liquid.stream import TokenStream
from liquid.token import TOKEN_EXPRESSION

from .fast_tags import FastFor
from .lax import lax_loop

# the loop variable, `in`, the collection (a range or one fragment), then attributes before a `reversed`
_LATE = LazyPattern(r"^(\s*[\w-]+\s+in\s+(?:\([^)]*\)|\S+))((?:\s+(?!reversed\b)\S+)+?)\s+reversed\b")


def without_late_reversed(markup: str) -> str | None:
    """The markup without a `reversed` that comes after an attribute; None when there is none."""
    m = _LATE.match(markup)
    if m is None or not re.search(r"\b(?:limit|offset|cols)\s*:", m.group(2)):
        return None
    return (m.group(1) + m.group(2) + markup[m.end():]).strip()


def _read_as(tag_parser, stream, tag, expr, read: str) -> None:
    """The loop markup `expr` read as `read` (noted as a lax rewrite) when Liquid parses that as a
    loop expression; left as written otherwise (the tag's own parse then reports it)."""
    try:
        LoopExpression.parse(tag_parser.env, TokenStream(tokenize(read, parent_token=expr)))
    except LiquidError:
        return
    stream.tokens[stream.pos + 1] = expr._replace(value=read)
    tag_parser.env.specsite.note_lax_rewrite(tag, expr.value, read)


def _lax_loop_markup(tag_parser, stream) -> None:
    """A loop markup that strict parsing refuses is read as Liquid's lax For/TableRow read it
    (`{% for r in site.data.[page.ds] %}`: Jekyll warns and loops over site.data[page.ds])."""
    tag, expr = stream.current, stream.peek
    if not tag_parser.env.lax or expr.kind != TOKEN_EXPRESSION:
        return
    try:
        LoopExpression.parse(tag_parser.env, TokenStream(tokenize(expr.value, parent_token=expr)))
        return
    except LiquidError:
        cleaned = lax_loop(expr.value)
    if cleaned is None or cleaned == expr.value.strip():
        return
    _read_as(tag_parser, stream, tag, expr, cleaned)


class LaxFor(FastFor):
    def parse(self, stream):
        tag, expr = stream.current, stream.peek
        if expr.kind == TOKEN_EXPRESSION and "reversed" in expr.value:
            cleaned = without_late_reversed(expr.value)
            if cleaned is not None:
                stream.tokens[stream.pos + 1] = expr._replace(value=cleaned)
                self.env.specsite.note_lax_rewrite(tag, expr.value, cleaned)
        _lax_loop_markup(self, stream)
        return super().parse(stream)


class _NoCols:
    """`cols` left out: Ruby Liquid's Tablerow reads `context.evaluate(nil).to_i`, 0, so
    tablerowloop.col_last is never true and one row holds every cell (python-liquid takes the
    length, making the last cell col_last)."""

    def evaluate(self, _context):
        return 0

    async def evaluate_async(self, _context):
        return 0

    def children(self):
        return []

    def __str__(self):
        return "0"


_QF = r"""(?:"[^"]*"|'[^']*')|(?:[^\s,|'"]|"[^"]*"|'[^']*')+"""
_TABLEROW = LazyPattern(rf"(\w+)\s+in\s+((?:{_QF})+)")  # TableRow::Syntax, searched anywhere
_TAG_ATTRIBUTE = LazyPattern(rf"(\w[\w-]*)\s*:\s*({_QF})")


def _ruby_tablerow(tag_parser, stream) -> None:
    """TableRow#initialize has no strict parser: its Syntax is searched in the markup (`i- in nil`
    has no `word in`: Ruby's syntax error, whatever the error mode), then the attributes anywhere.
    Markup python-liquid reads otherwise is rewritten to Ruby's reading."""
    from .lax import lax_expression
    from .ruby_lax import RefusedMarkup
    tag, expr = stream.current, stream.peek
    if expr.kind != TOKEN_EXPRESSION:
        return
    found = _TABLEROW.search(expr.value)
    if found is None:
        raise RefusedMarkup("Syntax Error in 'table_row loop' - Valid syntax: table_row [item] in [collection] cols=3",
                            token=tag)
    try:
        strict = LoopExpression.parse(tag_parser.env, TokenStream(tokenize(expr.value, parent_token=expr)))
        if strict.identifier == found.group(1):
            return
    except LiquidError:
        pass
    read = f"{found.group(1)} in {lax_expression(found.group(2))}" + "".join(
        f" {name}:{lax_expression(value)}" for name, value in _TAG_ATTRIBUTE.findall(expr.value)
        if name in ("limit", "offset", "cols"))
    _read_as(tag_parser, stream, tag, expr, read)


class LaxTablerow(TablerowTag):
    def parse(self, stream):
        _ruby_tablerow(self, stream)
        node = super().parse(stream)
        if node.expression.cols is None:
            node.expression.cols = _NoCols()
        return node
