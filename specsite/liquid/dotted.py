"""A key after a dot that python-liquid's expression lexer takes for a keyword (`parameter.in`,
`field.required`, `x.with`): Ruby Liquid's lexer has no such keywords, so after a dot any word is
a key. The markup is written with brackets (`parameter["in"]`) before python-liquid reads it."""
from __future__ import annotations

import re

from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG

_INCLUDES = frozenset(("include", "include_relative", "include_cached"))  # (their parameters are Jekyll's to read)

# python-liquid's expression keywords (liquid/builtin/expressions/_tokenize.py's _keywords)
_KEYWORDS = ("true|false|nil|null|empty|blank|and|or|contains|not|in|offset|limit|reversed|cols|"
             "continue|with|for|as|if|else|required")
_DOTTED = re.compile(rf"""("[^"]*"|'[^']*')|(?<=[\w\]?])\.({_KEYWORDS})(?![\w?-])""")
# _DOTTED's second branch without its look-behind, led by its `.`: where it finds nothing, _DOTTED
# matches quoted strings only, which it writes back as they are (its search is tried at every
# character: no literal leads it)
_KEY_AFTER_DOT = re.compile(rf"\.(?:{_KEYWORDS})(?![\w?-])").search


def bracket_keywords(markup: str) -> str:
    """`a.in` as `a["in"]` (outside quoted strings); other markup as it is."""
    if "." not in markup or _KEY_AFTER_DOT(markup) is None:
        return markup
    return _DOTTED.sub(lambda m: m.group(1) or f'["{m.group(2)}"]', markup)


def bracketed_tokens(tokens):
    """The lexer's tokens, expressions with their dotted keywords bracketed."""
    tag = None
    for token in tokens:
        if token.kind == TOKEN_TAG:
            tag = token.value
        elif token.kind == TOKEN_EXPRESSION and "." in token.value and tag not in _INCLUDES:
            value = bracket_keywords(token.value)
            if value != token.value:
                token = token._replace(value=value)
        yield token
        if token.kind != TOKEN_TAG:
            tag = None
