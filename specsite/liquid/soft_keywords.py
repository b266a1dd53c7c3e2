"""A variable named like one of python-liquid's loop or include keywords (`cols`, `limit`,
`offset`, `reversed`, `with`, `for`, `as`, `in`, `required`, `if`, `else`): Ruby Liquid's lexer
has no such keywords (a `for` tag finds `limit:` by a regex over the markup after the
collection), so `{% assign cols = site.collections %}{% for c in cols %}` reads a variable.
python-liquid's expression lexer makes every such word a keyword token and refuses it where a
value stands ("expected a primitive expression, found cols"). Here a keyword where a value must
come (at the start, or after an operator, `=`, `:`, `,`, `|`, `[`, `(`, a dot or a keyword such
as `in`) is a word; after a value it stays the keyword (`for c in cols limit: 2 reversed`).
`continue` stays a keyword (`offset: continue`); `true`, `nil`, `empty`, `and`, `contains` ...
are literals or operators in Ruby Liquid too."""
from __future__ import annotations

from liquid.token import (
    TOKEN_AS, TOKEN_BLANK, TOKEN_CONTINUE, TOKEN_ELSE, TOKEN_EMPTY, TOKEN_FALSE, TOKEN_FLOAT, TOKEN_FOR,
    TOKEN_IDENTINDEX, TOKEN_IDENTSTRING, TOKEN_IF, TOKEN_IN, TOKEN_INTEGER, TOKEN_LIMIT, TOKEN_NIL, TOKEN_NULL,
    TOKEN_OFFSET, TOKEN_RANGE_LITERAL, TOKEN_RBRACKET, TOKEN_REQUIRED, TOKEN_REVERSED, TOKEN_RPAREN, TOKEN_COLS,
    TOKEN_STRING, TOKEN_TRUE, TOKEN_WITH, TOKEN_WORD)

SOFT = frozenset((TOKEN_COLS, TOKEN_LIMIT, TOKEN_OFFSET, TOKEN_REVERSED, TOKEN_WITH, TOKEN_FOR, TOKEN_AS,
                  TOKEN_IN, TOKEN_REQUIRED, TOKEN_IF, TOKEN_ELSE))
# tokens that end a value: a keyword after one of them is the keyword
VALUE_END = frozenset((TOKEN_WORD, TOKEN_IDENTSTRING, TOKEN_IDENTINDEX, TOKEN_STRING, TOKEN_INTEGER, TOKEN_FLOAT,
                       TOKEN_TRUE, TOKEN_FALSE, TOKEN_NIL, TOKEN_NULL, TOKEN_EMPTY, TOKEN_BLANK, TOKEN_RBRACKET,
                       TOKEN_RPAREN, TOKEN_RANGE_LITERAL, TOKEN_REVERSED, TOKEN_CONTINUE))


def as_word(kind: str, previous: str | None) -> bool:
    """A token of `kind` after one of `previous` kind (None: the first) is a variable's name."""
    return kind in SOFT and previous not in VALUE_END


def words(tokens):
    """python-liquid's expression tokens, its soft keywords where a value stands made words."""
    previous = None
    for token in tokens:
        kind = token.kind
        if kind in SOFT and previous not in VALUE_END:
            token = token._replace(kind=TOKEN_WORD)
            kind = TOKEN_WORD
        previous = kind
        yield token


def install() -> None:
    """Every binding of python-liquid's expression `tokenize` reads soft keywords as words."""
    import liquid.builtin.expressions as expressions
    import liquid.builtin.output as output
    import liquid.stream as stream
    from liquid.builtin.expressions import _tokenize

    original = _tokenize.tokenize
    if getattr(original, "soft_keywords", False):
        return

    def tokenize(source, parent_token):
        return words(original(source, parent_token))

    tokenize.soft_keywords = True
    for module in (_tokenize, expressions, output, stream, *_importers()):
        if getattr(module, "tokenize", None) is original:
            module.tokenize = tokenize


def _importers():
    """specsite's modules already imported that took python-liquid's `tokenize` by name."""
    import sys
    return [module for name, module in list(sys.modules.items())
            if name.startswith("specsite.liquid.") and module is not None]
