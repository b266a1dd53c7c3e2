"""python-liquid's tag expressions parsed without its token stream, for the shapes templates use.

A template's first parse was spent mostly in python-liquid's expression parser: a generator of
tokens made with keyword arguments, a TokenStream whose every look is a property call, and a
parse function per level. Here the same regex (python-liquid's own) lexes the markup into a
list, and the parsers below walk it by index, building the very objects python-liquid builds
(same classes, same tokens with the same positions: errors and source maps are unchanged).
They mirror python-liquid 2.x's strict parsing (Path.parse, parse_primitive, Filter.parse,
parse_boolean_primitive, LoopExpression.parse) for an environment with its default options;
anything else — ranges, keyword arguments, parentheses, a ternary, any markup
python-liquid would refuse — returns None and python-liquid parses it, so its errors stay its
own."""
from __future__ import annotations

import re

from liquid.builtin.expressions._tokenize import (
    _RE, _keywords, GROUP_IDENTINDEX, GROUP_IDENTQUOTED, GROUP_QUOTED)
from liquid.builtin.expressions.arguments import PositionalArgument
from liquid.builtin.expressions.filtered import Filter, FilteredExpression
from liquid.builtin.expressions.logical import (
    BooleanExpression, ContainsExpression, EqExpression, GeExpression, GtExpression, LeExpression,
    LogicalAndExpression, LogicalOrExpression, LtExpression, NeExpression, PRECEDENCES)
from liquid.builtin.expressions.loop import LoopExpression
from liquid.builtin.expressions.path import Path
from liquid.builtin.expressions.primitive import (
    Blank, Empty, FalseLiteral, FloatLiteral, Identifier, IntegerLiteral, Nil, StringLiteral, TrueLiteral)
from liquid.limits import to_int
from liquid.mode import Mode
from liquid.token import (
    TOKEN_AND, TOKEN_ASSIGN, TOKEN_BLANK, TOKEN_COLON, TOKEN_COLS, TOKEN_COMMA, TOKEN_CONTAINS, TOKEN_CONTINUE,
    TOKEN_DOT, TOKEN_EMPTY, TOKEN_EQ, TOKEN_FALSE, TOKEN_FLOAT, TOKEN_GE, TOKEN_GT, TOKEN_IDENTINDEX,
    TOKEN_IDENTSTRING, TOKEN_ILLEGAL, TOKEN_IN, TOKEN_INTEGER, TOKEN_LE, TOKEN_LG, TOKEN_LIMIT, TOKEN_LT,
    TOKEN_NE, TOKEN_NIL, TOKEN_NULL, TOKEN_OFFSET, TOKEN_OR, TOKEN_PIPE, TOKEN_REVERSED, TOKEN_SKIP,
    TOKEN_STRING, TOKEN_TRUE, TOKEN_WORD, Token, operators)
from liquid.token import TOKEN_LBRACKET, TOKEN_LPAREN, TOKEN_NOT, TOKEN_RANGE_LITERAL, TOKEN_RBRACKET

from .soft_keywords import SOFT as _SOFT_WORDS, as_word

_new = tuple.__new__  # Token(kind, value, start_index, source) without the namedtuple's frame
# python-liquid's expression regex with whitespace and the words that start with a letter tried
# first (most tokens; sre tries the alternatives in order): no rule before them matches where
# they start (a space, or a letter or `_`), so every token is the same; `word` stays for the
# words that start with a digit (`1x`), after the numbers
_FIRST = r"(?P<skip_>[ \n\t\r]+)|(?P<word_>[^\W\d][\w\-]*\??)|"
_LEX = re.compile(_FIRST + _RE.pattern, _RE.flags)
_EOF = ("", "", -1, "")  # past the end (python-liquid's stream answers its eof token there)
# `{{ page.title }}`: a path of words only, the commonest output (no tokens needed but its first)
_WORDS = re.compile(r"[ \n\t\r]*([^\W\d][\w\-]*\??(?:\.[^\W\d][\w\-]*\??)*)[ \n\t\r]*")
# python-liquid's FILTER_TOKENS that parse_primitive reads here (ranges and parentheses: its own)
_ARGUMENT = frozenset((TOKEN_INTEGER, TOKEN_FLOAT, TOKEN_STRING, TOKEN_FALSE, TOKEN_TRUE, TOKEN_NIL, TOKEN_NULL,
                       TOKEN_WORD, TOKEN_LBRACKET, TOKEN_EMPTY, TOKEN_BLANK))  # (ruby_semantics: as Liquid 5.4)
_FILTER_TOKENS = _ARGUMENT | {TOKEN_RANGE_LITERAL, TOKEN_LPAREN}
_INFIX = {TOKEN_EQ: EqExpression, TOKEN_LT: LtExpression, TOKEN_GT: GtExpression, TOKEN_NE: NeExpression,
          TOKEN_LG: NeExpression, TOKEN_LE: LeExpression, TOKEN_GE: GeExpression,
          TOKEN_CONTAINS: ContainsExpression, TOKEN_AND: LogicalAndExpression, TOKEN_OR: LogicalOrExpression}


class _Unsupported(Exception):
    """Markup these parsers leave to python-liquid."""


def _default(env) -> bool:
    """The environment parses as python-liquid's defaults do (what the functions here mirror)."""
    return (env.mode == Mode.STRICT and not env.shorthand_indexes and not env.keyword_assignment
            and not env.ternary_expressions and not env.logical_not_operator and not env.logical_parentheses)


def filtered(env, markup: str, parent) -> FilteredExpression | None:
    """FilteredExpression.parse of `markup` (an output's, or an assign's right side)."""
    if not _default(env):
        return None
    words = _WORDS.fullmatch(markup)
    if words is not None:
        path = words.group(1)
        segments = path.split(".")
        for segment in segments:
            if segment in _keywords and segment not in _SOFT_WORDS:
                return None
        token = _new(Token, (TOKEN_WORD, segments[0], parent.start_index + words.start(1), parent.source))
        return FilteredExpression(token, Path(token, segments), [])
    try:
        tokens = _lex(markup, parent)
        left, i = _primitive(tokens, 0)
        filters, i = _filters(tokens, i)
        if i != len(tokens):
            return None
    except (_Unsupported, IndexError):
        return None
    return FilteredExpression(left.token, left, filters)


def assignment(env, markup: str, parent):
    """AssignTag's reading of `name = value | filters`: (Identifier, FilteredExpression)."""
    if not _default(env):
        return None
    try:
        tokens = _lex(markup, parent)
        if len(tokens) < 3 or tokens[0][0] != TOKEN_WORD or tokens[1][0] != TOKEN_ASSIGN:
            return None
        name = tokens[0]
        if name[1].endswith("?"):
            return None
        left, i = _primitive(tokens, 2)
        filters, i = _filters(tokens, i)
        if i != len(tokens):
            return None
    except (_Unsupported, IndexError):
        return None
    return Identifier(name[1], token=name), FilteredExpression(left.token, left, filters)


def condition(env, markup: str, parent) -> BooleanExpression | None:
    """BooleanExpression.parse of an if/elsif/unless condition."""
    if not _default(env):
        return None
    try:
        tokens = _lex(markup, parent)
        expr, i = _boolean(tokens, 0, 1)
        if i != len(tokens):
            return None
    except (_Unsupported, IndexError):
        return None
    return BooleanExpression(expr.token, expr)


def loop(env, markup: str, parent) -> LoopExpression | None:
    """LoopExpression.parse of `name in collection` with reversed/limit/offset/cols."""
    if not _default(env):
        return None
    try:
        tokens = _lex(markup, parent)
        if len(tokens) < 3 or tokens[0][0] != TOKEN_WORD or tokens[1][0] != TOKEN_IN:
            return None
        name = tokens[0]
        iterable, i = _primitive(tokens, 2)
        size = len(tokens)
        reversed_, limit, offset, cols = False, None, None, None
        if i < size and tokens[i][0] == TOKEN_COMMA:
            i += 1
        while i < size:
            kind = tokens[i][0]
            i += 1
            if kind == TOKEN_REVERSED:
                reversed_ = True
            elif kind == TOKEN_COMMA:  # (python-liquid refuses a comma two on: its peek, past the current)
                if _at(tokens, i)[0] == TOKEN_COMMA or _at(tokens, i + 1)[0] == TOKEN_COMMA:
                    return None
            elif kind in (TOKEN_LIMIT, TOKEN_OFFSET, TOKEN_COLS):
                if i >= size or tokens[i][0] != TOKEN_COLON:
                    return None
                i += 1
                if kind == TOKEN_OFFSET and i < size and tokens[i][0] == TOKEN_CONTINUE:
                    offset = StringLiteral(token=tokens[i], value="continue")
                    i += 1
                    continue
                value, i = _primitive(tokens, i)
                if kind == TOKEN_LIMIT:
                    limit = value
                elif kind == TOKEN_OFFSET:
                    offset = value
                else:
                    cols = value
            else:
                return None
    except (_Unsupported, IndexError):
        return None
    return LoopExpression(name, Identifier(name[1], token=name), iterable, limit=limit, offset=offset,
                          reversed_=reversed_, cols=cols)


def _lex(markup: str, parent) -> list:
    """python-liquid's `tokenize`, into a list; _Unsupported where it would raise."""
    base, source = parent.start_index, parent.source
    tokens = []
    previous = None
    for match in _LEX.finditer(markup):
        kind = match.lastgroup
        if kind == "skip_" or kind == TOKEN_SKIP:
            continue
        if kind == "word_" or kind == TOKEN_WORD:
            kind = TOKEN_WORD
            value = match.group()
            if value in _keywords and not as_word(value, previous):
                kind = value
        elif kind == TOKEN_STRING:
            value = match.group(GROUP_QUOTED)
        elif kind == TOKEN_IDENTSTRING:
            value = match.group(GROUP_IDENTQUOTED)
        elif kind == TOKEN_IDENTINDEX:
            value = match.group(GROUP_IDENTINDEX)
        elif kind == "OP":
            value = match.group()
            kind = operators.get(value)
            if kind is None:
                raise _Unsupported
        elif kind == TOKEN_ILLEGAL:
            raise _Unsupported
        else:
            value = match.group()
        tokens.append(_new(Token, (kind, value, base + match.start(), source)))
        previous = kind
    return tokens


def _at(tokens: list, i: int):
    return tokens[i] if i < len(tokens) else _EOF


def _primitive(tokens: list, i: int):
    """parse_primitive: (expression, next index)."""
    token = tokens[i]
    kind = token[0]
    if kind == TOKEN_WORD or kind == TOKEN_IDENTSTRING or kind == TOKEN_LBRACKET:
        return _path(tokens, i)
    if kind == TOKEN_STRING:
        return StringLiteral(token, token[1]), i + 1
    if kind == TOKEN_INTEGER:
        return IntegerLiteral(token, to_int(token[1])), i + 1
    if kind == TOKEN_FLOAT:
        return FloatLiteral(token, float(token[1])), i + 1
    if kind == TOKEN_TRUE:
        return TrueLiteral(token), i + 1
    if kind == TOKEN_FALSE:
        return FalseLiteral(token), i + 1
    if kind == TOKEN_NIL or kind == TOKEN_NULL:
        return Nil(token), i + 1
    if kind == TOKEN_EMPTY:
        return Empty(token), i + 1
    if kind == TOKEN_BLANK:
        return Blank(token), i + 1
    raise _Unsupported


def _path(tokens: list, i: int):
    """Path.parse (strict, no shorthand indexes)."""
    first = tokens[i]
    segments: list = []
    while True:
        kind, value = _at(tokens, i)[:2]
        if kind == TOKEN_WORD:
            segments.append(value)
            if _at(tokens, i + 1)[0] == TOKEN_WORD:  # two words: the path ends at the first
                i += 1
                break
        elif kind == TOKEN_IDENTSTRING or kind == TOKEN_IDENTINDEX:
            segments.append(value if kind == TOKEN_IDENTSTRING else to_int(value))
            if _at(tokens, i + 1)[0] == TOKEN_WORD:
                raise _Unsupported
        elif kind == TOKEN_DOT:
            if _at(tokens, i + 1)[0] != TOKEN_WORD:
                raise _Unsupported
        elif kind == TOKEN_LBRACKET:  # a nested path: `site.data[page.sidebar]`
            inner, i = _path(tokens, i + 1)
            if _at(tokens, i)[0] != TOKEN_RBRACKET or _at(tokens, i + 1)[0] == TOKEN_WORD:
                raise _Unsupported
            segments.append(inner)
        else:
            break
        i += 1
    if not segments:
        raise _Unsupported
    return Path(first, segments), i


def _filters(tokens: list, i: int):
    """Filter.parse (delimiter `|`): positional arguments only."""
    filters = []
    size = len(tokens)
    while i < size and tokens[i][0] == TOKEN_PIPE:
        token = tokens[i + 1] if i + 1 < size else _EOF
        if token[0] != TOKEN_WORD:
            raise _Unsupported
        i += 2
        args: list = []
        if i >= size or tokens[i][0] != TOKEN_COLON:
            filters.append(Filter(token, token[1], args))
            continue
        i += 1
        while i < size:
            kind = tokens[i][0]
            if kind in _ARGUMENT:
                if kind == TOKEN_WORD and _at(tokens, i + 1)[0] == TOKEN_COLON:
                    raise _Unsupported  # a keyword argument
                value, i = _primitive(tokens, i)
                args.append(PositionalArgument(value))
                if _at(tokens, i)[0] in _FILTER_TOKENS:
                    raise _Unsupported
            elif kind == TOKEN_COMMA:
                if _at(tokens, i + 1)[0] == TOKEN_COMMA:
                    raise _Unsupported
                i += 1
            elif kind in _FILTER_TOKENS:
                raise _Unsupported
            else:
                break
        filters.append(Filter(token, token[1], args))
    return filters, i


def _boolean(tokens: list, i: int, precedence: int):
    """parse_boolean_primitive: a primitive, then infix operators of at least `precedence`."""
    kind = _at(tokens, i)[0]
    if kind in (TOKEN_RANGE_LITERAL, TOKEN_LPAREN, TOKEN_NOT):
        raise _Unsupported
    left, i = _primitive(tokens, i)
    size = len(tokens)
    while i < size:
        token = tokens[i]
        if PRECEDENCES.get(token[0], 1) < precedence:
            break
        make = _INFIX.get(token[0])
        if make is None:
            return left, i
        right, i = _boolean(tokens, i + 1, PRECEDENCES.get(token[0], 1))
        left = make(token, left, right)
    return left, i
