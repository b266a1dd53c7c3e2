"""A literal in brackets as a lookup's key, as Ruby Liquid's VariableLookup reads it: `h[true]`,
`h[false]`, `h[nil]` look up the Hash key true, false, nil (YAML's `true: x`, `~: y`), where
python-liquid's path parser refused the markup (the output was skipped with a warning); `h[1.5]`
looks up the Float key 1.5. On
anything but a hash the key finds nothing (an Array takes Integer keys only). Installed once
with the package: Path.parse as python-liquid 2.3 writes it, plus that one case."""
from __future__ import annotations

from liquid import Mode
from liquid.builtin.expressions.path import Path
from liquid.exceptions import LiquidSyntaxError
from liquid.limits import to_int
from liquid.token import (TOKEN_DOT, TOKEN_FALSE, TOKEN_FLOAT, TOKEN_IDENTINDEX, TOKEN_IDENTSTRING, TOKEN_INTEGER,
                          TOKEN_LBRACKET, TOKEN_NIL, TOKEN_NULL, TOKEN_RBRACKET, TOKEN_TRUE, TOKEN_WORD)

_LITERALS = {TOKEN_TRUE: True, TOKEN_FALSE: False, TOKEN_NIL: None, TOKEN_NULL: None}


class LiteralKey:
    """A path segment that is Ruby's true, false or nil."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __str__(self) -> str:
        return {True: "true", False: "false", None: "nil"}[self.value]

    __repr__ = __str__


def get_literal(obj, key: LiteralKey):
    """`obj[key]` for a literal key: a hash's value; KeyError (nothing) otherwise."""
    if isinstance(obj, dict) and getattr(obj, "ruby_inspect", None) is None:
        for k, v in obj.items():  # (True is 1 to a dict: the key must be the boolean itself)
            if k is key.value or (k.__class__.__name__ == "RubyKey" and k.value is key.value):
                return v
    raise KeyError(key.value)


def _strict_word_after(env, tokens) -> None:
    if env.mode == Mode.STRICT and tokens.peek.kind == TOKEN_WORD:
        raise LiquidSyntaxError(f"expected a dot or bracket notation, found {tokens.peek.kind}", token=tokens.peek)


def parse(env, tokens) -> Path:  # noqa: PLR0912 (python-liquid's own shape)
    token = tokens.current
    segments: list = []
    while True:
        kind, value, _index, _source = tokens.current
        if kind == TOKEN_WORD:
            segments.append(value)
            if tokens.peek.kind == TOKEN_WORD:
                next(tokens)
                break
        elif kind == TOKEN_IDENTSTRING:
            segments.append(value)
            _strict_word_after(env, tokens)
        elif kind == TOKEN_IDENTINDEX:
            segments.append(to_int(value))
            _strict_word_after(env, tokens)
        elif kind == TOKEN_LBRACKET:
            next(tokens)
            if tokens.current.kind in _LITERALS and tokens.peek.kind == TOKEN_RBRACKET:
                segments.append(LiteralKey(_LITERALS[tokens.current.kind]))
                next(tokens)
            elif tokens.current.kind == TOKEN_FLOAT and tokens.peek.kind == TOKEN_RBRACKET:
                segments.append(float(tokens.current.value))  # (`h[1.0]`: a Float key, ruby_keys.py)
                next(tokens)
            else:
                segments.append(Path.parse(env, tokens))
            tokens.expect(TOKEN_RBRACKET)
            _strict_word_after(env, tokens)
        elif kind == TOKEN_DOT:
            if not env.shorthand_indexes and env.mode == Mode.STRICT and tokens.peek.kind != TOKEN_WORD:
                raise LiquidSyntaxError(f"expected an identifier, found {tokens.peek.kind}", token=tokens.peek)
        elif kind == TOKEN_FLOAT and env.shorthand_indexes:
            segments.extend(to_int(i) for i in value.rstrip(".").split("."))
        elif kind == TOKEN_INTEGER and env.shorthand_indexes:
            segments.append(to_int(value))
        else:
            break
        next(tokens)
    if not segments:
        raise LiquidSyntaxError("missing or unexpected path segment", token=tokens.current)
    return Path(token, segments)


def install() -> None:
    Path.parse = staticmethod(parse)
