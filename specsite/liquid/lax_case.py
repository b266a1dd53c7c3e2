"""`{% case %}` and `{% when %}` as Ruby Liquid reads them (tags/case.rb): Case has no strict
parser, only its regexes. The case value is the first QuotedFragment anywhere in the markup
(`{% case 'it''s' %}` is 'it', `{% case x | upcase %}` is x); each `when` is a QuotedFragment,
then `or` or a comma and the rest, again (`{% when "a" "b" %}` is "a"). Where python-liquid's
strict parser refuses such markup, it is rewritten to what Ruby reads (a liquid-syntax warning)."""
from __future__ import annotations

import re

from liquid.builtin.expressions import parse_primitive, tokenize
from liquid.builtin.tags.case_tag import CaseTag
from liquid.exceptions import LiquidError
from liquid.stream import TokenStream
from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG

from .lax import lax_expression

_QS = r""""[^"]*"|'[^']*'"""
_QF = rf"""(?:{_QS})|(?:[^\s,|'"]|{_QS})+"""
_CASE = re.compile(rf"({_QF})")
_WHEN = re.compile(rf"({_QF})(?:(?:\s+or\s+|\s*,\s*)((?:{_QF}).*))?", re.S)


def ruby_case(markup: str) -> str | None:
    """Case::Syntax's reading of the case markup, as strict markup; None when it finds nothing."""
    found = _CASE.search(markup)
    return None if found is None else lax_expression(found.group(1))


def ruby_when(markup: str) -> str | None:
    """Case#record_when_condition's reading of a when's markup: its values, comma-separated."""
    values, rest = [], markup
    while rest:
        found = _WHEN.search(rest)
        if found is None:
            return None
        values.append(lax_expression(found.group(1)))
        rest = found.group(2)
    return ", ".join(values) or None


def _strict(env, markup: str, token, whole: bool) -> bool:
    """Whether python-liquid's case (whole: to the end) or when parser reads `markup`."""
    try:
        tokens = TokenStream(tokenize(markup, parent_token=token))
        parse_primitive(env, tokens)
        if whole:
            tokens.expect_eos()
        return True
    except LiquidError:
        return False


class RubyCase(CaseTag):
    """python-liquid's case tag, its case and when markup read as Ruby reads what strict refuses."""

    def parse(self, stream):
        tokens, depth = stream.tokens, 0
        for i in range(stream.pos, len(tokens) - 1):
            tag, expr = tokens[i], tokens[i + 1]
            if tag.kind != TOKEN_TAG:
                continue
            depth += (tag.value == "case") - (tag.value == "endcase")
            if depth == 0:
                break
            if depth != 1 or tag.value not in ("case", "when") or expr.kind != TOKEN_EXPRESSION:
                continue
            whole = tag.value == "case"
            if _strict(self.env, expr.value, expr, whole):
                continue
            read = (ruby_case if whole else ruby_when)(expr.value)
            if read is not None and _strict(self.env, read, expr, whole):
                tokens[i + 1] = expr._replace(value=read)
                self.env.specsite.note_lax_rewrite(tag, expr.value, read)
        return super().parse(stream)
