"""Liquid 5.4's cycle tag (tags/cycle.rb), which python-liquid's differs from in four ways Jekyll
shows: the values are `markup.split(',')`, each read as its first QuotedFragment (a comma inside
a quoted string splits it: `{% cycle "a,b", "c" %}` cycles over the variables a, b and c"), with
nil literals dropped (`.compact`); an unnamed cycle's key is its parsed values' `inspect`, the
same for two tags of the same literals but unique to the tag as soon as one value is a variable
(an object's address); an Array value is written joined, anything else as its Ruby to_s
(`{"a"=>1}`, `Infinity`, `3..1`); and a shared name that has counted past this tag's values
writes nothing and starts again."""
from __future__ import annotations

import re

from liquid.ast import Node
from liquid.builtin.expressions import FilteredExpression, tokenize
from liquid.exceptions import LiquidError
from liquid.stream import TokenStream
from liquid.tag import Tag
from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG

from ..jekyll.rubystr import nil, string_inspect, to_s
from .ruby_lax import RefusedMarkup

_QS = r""""[^"]*"|'[^']*'"""
_QF = rf"""(?:{_QS})|(?:[^\s,|'"]|{_QS})+"""
_NAMED = re.compile(rf"\A({_QF})\s*:\s*(.*)", re.S)
_SIMPLE = re.compile(rf"\A(?:{_QF})+")
_FRAGMENT = re.compile(rf"\s*({_QF})\s*")
_NIL = ("nil", "null", "")
_SHARED = {"true": "true", "false": "false", "empty": "empty", "blank": "blank"}  # (Expression::LITERALS)
_INT, _FLOAT = re.compile(r"-?\d+"), re.compile(r"-?\d[\d.]+")
_INT_RANGE = re.compile(r"\(\s*(-?\d+)\s*\.\.\s*(-?\d+)\s*\)")
_MESSAGE = "Syntax Error in 'cycle' - Valid syntax: cycle [name :] var [, var2, var3 ...]"


def _inspect_key(fragment: str, node, index: int):
    """What Array#inspect writes for this parsed value: literals by value, a lookup by identity."""
    if fragment[:1] in "\"'" and fragment[-1:] == fragment[:1] and len(fragment) > 1:
        return string_inspect(fragment[1:-1])
    if fragment in _SHARED:
        return _SHARED[fragment]
    if _INT.fullmatch(fragment):
        return str(int(fragment))
    if _FLOAT.fullmatch(fragment):
        return repr(float(re.match(r"-?\d+(?:\.\d+)?", fragment).group()))
    found = _INT_RANGE.fullmatch(fragment)
    if found:
        return f"{int(found.group(1))}..{int(found.group(2))}"
    return ("object", id(node), index)


def _join(value) -> str:
    """Array#join: nested arrays flattened, nil as '', the rest their to_s."""
    if isinstance(value, (list, tuple)):
        return "".join(_join(item) for item in value)
    return to_s(value)


class RubyCycleNode(Node):
    __slots__ = ("name", "values", "key")

    def __init__(self, token, name, values, key):
        super().__init__(token)
        self.name, self.values, self.key = name, values, key
        self.blank = False

    def render_to_output(self, context, buffer) -> int:
        counts = context.tag_namespace.setdefault("ruby_cycle", {})
        key = self.key
        if self.name is not None:
            key = nil(self.name.evaluate(context))
            key = ("name", key if key.__hash__ is not None else repr(key))
        iteration = counts.get(key, 0)
        value = self.values[iteration].evaluate(context) if iteration < len(self.values) else None
        iteration += 1
        counts[key] = 0 if iteration >= len(self.values) else iteration
        value = nil(value)
        return buffer.write(_join(value) if isinstance(value, (list, tuple)) else to_s(value))


class RubyCycleTag(Tag):
    name = "cycle"
    block = False

    def parse(self, stream):
        token = stream.eat(TOKEN_TAG)
        if stream.current.kind != TOKEN_EXPRESSION:
            stream.pos -= 1
            raise RefusedMarkup(_MESSAGE, token=token)
        expr_token = stream.current
        markup = expr_token.value
        named = _NAMED.match(markup)
        if named:
            name, listed = self._parse(named.group(1), expr_token), named.group(2)
        elif _SIMPLE.match(markup):
            name, listed = None, markup
        else:
            raise RefusedMarkup(_MESSAGE, token=token)
        node = RubyCycleNode(token, name, [], None)
        keys = []
        for part in listed.split(","):
            found = _FRAGMENT.search(part)
            if found is None or found.group(1) in _NIL:
                continue
            fragment = found.group(1)
            node.values.append(self._parse(fragment, expr_token))
            keys.append(_inspect_key(fragment, node, len(keys)))
        node.key = ("simple", tuple(keys))
        return node

    def _parse(self, fragment: str, expr_token):
        """Expression.parse of one fragment; one python-liquid cannot read is a variable that is nil."""
        try:
            return FilteredExpression.parse(self.env, TokenStream(tokenize(fragment, expr_token._replace(value=fragment))))
        except LiquidError:
            return FilteredExpression.parse(self.env, TokenStream(tokenize("nil", expr_token._replace(value="nil"))))
