"""Ruby Liquid 5.4's lax reading of a tag's markup (Jekyll's error_mode: warn), for the tags
whose lax pattern can refuse it too (tags/assign.rb, capture.rb, case.rb, cycle.rb, for.rb,
if.rb, table_row.rb): `{% if %}`, `{% for %}`, `{% assign = 1 %}`, `{% capture %}` stop
Jekyll's build with a Liquid syntax error, so they are errors here, not skipped with a warning."""
from __future__ import annotations

import re

from liquid.exceptions import LiquidSyntaxError

_QS = r""""[^"]*"|'[^']*'"""
_QF = rf"""(?:{_QS})|(?:[^\s,|'"]|{_QS})+"""  # QuotedFragment
_SIGNATURE = r"\(?[\w\-.\[\]]\)?"  # VariableSignature
_IF = re.compile(rf"({_QF})\s*([=!<>a-z_]+)?\s*({_QF})?")
_EXPRESSIONS_AND_OPERATORS = re.compile(
    rf"(?:\b(?:\s?and\s?|\s?or\s?)\b|(?:\s*(?!\b(?:\s?and\s?|\s?or\s?)\b)(?:{_QF}|\S+)\s*)+)")
_IF_ERROR = "Syntax Error in tag 'if' - Valid syntax: if [expression]"
_CYCLE_NAMED = re.compile(rf"\A({_QF})\s*:\s*(.*)", re.S)
_CYCLE_SIMPLE = re.compile(rf"\A(?:{_QF})+")
_SYNTAX = {
    "assign": (re.compile(rf"({_SIGNATURE}+)\s*=\s*(.*)\s*", re.S),
               "Syntax Error in 'assign' - Valid syntax: assign [var] = [source]"),
    "capture": (re.compile(rf"({_SIGNATURE}+)"), "Syntax Error in 'capture' - Valid syntax: capture [var]"),
    "case": (re.compile(rf"({_QF})"), "Syntax Error in 'case' - Valid syntax: case [condition]"),
    "for": (re.compile(rf"\A([\w\-]+)\s+in\s+((?:{_QF})+)\s*(reversed)?"),
            "Syntax Error in 'for loop' - Valid syntax: for [item] in [collection]"),
    "tablerow": (re.compile(rf"(\w+)\s+in\s+((?:{_QF})+)"),
                 "Syntax Error in 'table_row loop' - Valid syntax: table_row [item] in [collection] cols=3"),
}


class RefusedMarkup(LiquidSyntaxError):
    """Markup that Jekyll refuses whatever the error mode: a build error, never a lax warning."""




def refused(tag: str, markup: str) -> str | None:
    """Liquid's message when its lax parser refuses `markup` of `tag`, else None."""
    if tag in _SYNTAX:
        pattern, message = _SYNTAX[tag]
        return None if pattern.search(markup) else message
    if tag == "cycle":
        if _CYCLE_NAMED.match(markup) or _CYCLE_SIMPLE.match(markup):
            return None
        return "Syntax Error in 'cycle' - Valid syntax: cycle [name :] var [, var2, var3 ...]"
    if tag in ("if", "unless"):
        return None if _lax_condition(markup) else _IF_ERROR
    return None


def _lax_condition(markup: str) -> bool:
    """If#lax_parse: the last expression, then (operator, expression) pairs from the end."""
    expressions = _EXPRESSIONS_AND_OPERATORS.findall(markup)
    if not expressions or not _IF.search(expressions.pop()):
        return False
    while expressions:
        operator = expressions.pop().strip()
        if not _IF.search(expressions.pop() if expressions else "") or operator not in ("and", "or"):
            return False
    return True


_BLOCKS = frozenset(("if", "unless", "case", "for", "tablerow", "capture", "comment", "raw", "ifchanged"))
_TAG_NAME = re.compile(r"\{%-?\s*(\w+)")


def unknown_tag_message(token) -> str:
    """Block.raise_unknown_tag's words for a tag no one registered: inside a block, an `end…` tag
    that is not the block's ('{% end if %}') is "not a valid delimiter for if tags. use endif",
    an 'else' where the block takes none is "does not expect 'else'"; else "Unknown tag 'x'"."""
    name, source = token.value, getattr(token, "source", "") or ""
    if name == "else" or name.startswith("end"):
        opened: list = []
        for m in _TAG_NAME.finditer(source, 0, max(token.start_index, 0)):
            tag = m.group(1)
            if tag in _BLOCKS:
                opened.append(tag)
            elif tag.startswith("end") and opened and tag == "end" + opened[-1]:
                opened.pop()
        if opened:
            block = opened[-1]
            return f"{block} tag does not expect 'else' tag" if name == "else" else \
                f"'{name}' is not a valid delimiter for {block} tags. use end{block}"
    return f"Unknown tag '{name}'"
