"""Jekyll's where_exp, find_exp and group_by_exp (filters.rb): a Liquid expression evaluated
for each item, with the item bound to the filter's variable."""
from __future__ import annotations

import io
import re

from liquid.filter import with_context

from .arrays import _eql_key, _items
from .ruby import _v


class _MethodLiteral:
    """Jekyll's Liquid::Expression::MethodLiteral, what Expression.parse makes of `empty` and
    `blank` in a where_exp condition: not Liquid::Condition's, so `item.x == empty` is Ruby's
    `==`, true of nothing but itself (the condition holds for no item; `!= empty` for all)."""

    __slots__ = ()

    def __str__(self) -> str:
        return ""


_METHOD_LITERAL, _LITERAL_NAME = _MethodLiteral(), "specsite_method_literal__"
# `empty` or `blank` as a word of the condition (not in a string, not a key: `item.empty`)
_LITERAL_WORD = re.compile(r"""("[^"]*"|'[^']*')|(?<![\w.\-\[])(?:empty|blank)(?![\w\-?])""")


def _literal(m: re.Match) -> str:
    return m.group(1) or _LITERAL_NAME


_GROUP_NAME = "specsite_group_name__"


def _expression_filters(env):
    """where_exp, find_exp and group_by_exp: `item.x == 1 and item.y`, evaluated by Liquid;
    group_by_exp's name is the expression's value (Liquid::Variable#render), not its text."""
    compiled: dict = {}

    def template(source: str):
        found = compiled.get(source)
        if found is None:
            found = compiled[source] = env.from_string(source)
        return found

    def evaluate(context, variable, source, item) -> str:
        buf = io.StringIO()
        with context.extend({str(variable): item, _LITERAL_NAME: _METHOD_LITERAL}):
            template(source).render_with_context(context, buf, partial=True)
        return buf.getvalue()

    def condition(expression):
        return "{% if " + _LITERAL_WORD.sub(_literal, str(expression)) + " %}1{% endif %}"

    def matching(context, items, variable, expression):
        """The items for which `expression` holds, lazily (find_exp stops at the first)."""
        source = condition(expression)
        return (item for item in items if evaluate(context, variable, source, item) == "1")

    @with_context
    def where_exp(value, variable, expression, *, context):
        items = _items(value)
        if items is None:
            return _v(value)
        return list(matching(context, items, variable, expression))

    @with_context
    def find_exp(value, variable, expression, *, context):
        items = _items(value)
        if items is None:
            return _v(value)
        return next(matching(context, items, variable, expression), None)

    @with_context
    def group_by_exp(value, variable, expression, *, context):
        value = _v(value)
        if isinstance(value, dict):  # (Hash#group_by yields its [key, value] pairs)
            value = [[k, v] for k, v in value.items()]
        items = _items(value)
        if items is None:
            return value
        source = "{% assign " + _GROUP_NAME + " = " + str(expression) + " %}"
        groups: dict = {}  # Ruby's group_by: keys by eql? (1, 1.0 and "1" are three groups)
        for item in items:
            with context.extend({str(variable): item, _LITERAL_NAME: _METHOD_LITERAL}):
                template(source).render_with_context(context, io.StringIO(), partial=True)
            name = _v(context.locals.pop(_GROUP_NAME, None))
            groups.setdefault(_eql_key(name), (name, []))[1].append(item)
        return [{"name": name, "items": v, "size": len(v)} for name, v in groups.values()]

    return {"where_exp": where_exp, "find_exp": find_exp, "group_by_exp": group_by_exp}
