"""fast_parse builds exactly the expression objects python-liquid builds (classes, values, tokens
and their positions), and leaves to python-liquid whatever it would refuse."""
from __future__ import annotations

import pytest
from liquid.builtin.expressions import BooleanExpression, FilteredExpression, LoopExpression, tokenize
from liquid.builtin.expressions.primitive import Identifier, parse_identifier
from liquid.exceptions import LiquidError
from liquid.stream import TokenStream
from liquid.token import TOKEN_ASSIGN, TOKEN_EXPRESSION, Token

from specsite.liquid import fast_parse
from specsite.liquid.environment import _Environment

ENV = _Environment(strict_filters=False)

OUTPUTS = ["a.b.c", "  a  ", "a .b", "a. b", "a[0]", "a[-1].b", "a[ 0 ]", 'a["x y"].z', "a['x'] b", "a[b[c]]",
           "a[b][c]", "[a]", '["a"].b', "a | f: b c", "a | f: b, , c", "a | f: , b", "a | f:", "a | f: b: c",
           "a | f: 1.5, -2, \"x\", 'y', true, nil, null, false", "a | f: empty", "a | f | g: x", "a || b", "a | 1",
           "a | f: (1..2)", "1abc", "12", "-3", "3.", "3.14.5", "a?.b?", "a?b", "a-b.c-", "true", "empty", "a.empty",
           "a.size", "a | f: a.b[c]", '"x" | f: [a]', "é.ü", "a b", "a | f: x if y", "a.1", 'a | default: "x" | f',
           "a\t|\tf", " ", "a..b", 'a["x"]["y"]', "a[0]b", "a[b]c", "a[b c]", "site.data.nav[page.sidebar].entries",
           '"VirtuosoBackend.html" | prepend:site.baseurl', "page.url | relative_url", ""]
CONDITIONS = ['a == b and c != d or e contains "x"', "a == b == c", "a", "a <> b",
              "a > 1 and b < 2 or c >= 3 and d <= 4", "not a", "(a)", "a = b", "a == ", "and", "a and", "a b",
              "a == empty", "blank == a", "a contains b contains c", "a or b and c", "x[y] == z", "1 == 1.0",
              "\"a\" == 'b'", "a === b", "a =! b", "page.sidebar == \"home_sidebar\""]
LOOPS = ["x in y", "x in y reversed", "x in y limit: 2 offset: 1", "x in y, limit:2, offset:continue",
         "x in y offset: continue limit: 3", "x in y cols: 3", "x in y,, limit:2", "x in y , , limit:2",
         "x in y limit 2", "x in y foo", "x in (1..3)", "x? in y", "1 in y", "x in y.z[0]", 'x in "abc"',
         "x in y reversed limit:1", "x in y limit:a.b", "entry in site.data.sidebars[sidebar].entries"]
ASSIGNS = ["a = b", "a? = b", "a.b = c", "1 = b", "a = b | f: c", "a = ", "a == b", "a = b c", "a=b|f",
           "a = \"x\" | append: 'y'"]


def _dump(obj):
    """An object as nested tuples: class, every slot and attribute, tokens as they are."""
    if isinstance(obj, Token):
        return ("Token", *obj)
    if isinstance(obj, Identifier):
        return ("Identifier", str(obj), _dump(obj.token))
    if isinstance(obj, (str, int, float, bool, type(None))):
        return (type(obj).__name__, obj)
    if isinstance(obj, (list, tuple)):
        return (type(obj).__name__, *(_dump(x) for x in obj))
    slots = []
    for cls in type(obj).__mro__:
        names = cls.__dict__.get("__slots__", ())
        slots += [n for n in ((names,) if isinstance(names, str) else names) if n not in slots]
    return (type(obj).__name__, *((n, _dump(getattr(obj, n))) for n in slots if hasattr(obj, n)),
            *((k, _dump(v)) for k, v in sorted(getattr(obj, "__dict__", {}).items())))


def _python_liquid(kind, markup, parent):
    stream = TokenStream(tokenize(markup, parent_token=parent))
    if kind == "output":
        return FilteredExpression.parse(ENV, stream)
    if kind == "if":
        return BooleanExpression.parse(ENV, stream)
    if kind == "for":
        return LoopExpression.parse(ENV, stream)
    name = parse_identifier(ENV, stream, allow_trailing_question_mark=False)
    stream.eat(TOKEN_ASSIGN)
    return name, FilteredExpression.parse(ENV, stream)


FAST = {"output": fast_parse.filtered, "if": fast_parse.condition, "for": fast_parse.loop,
        "assign": fast_parse.assignment}
CASES = ([("output", m) for m in OUTPUTS] + [("if", m) for m in CONDITIONS] + [("for", m) for m in LOOPS]
         + [("assign", m) for m in ASSIGNS])


@pytest.mark.parametrize("kind,markup", CASES)
def test_same_objects_as_python_liquid(kind, markup):
    parent = Token(TOKEN_EXPRESSION, markup, 17, "{{ source }}")
    fast = FAST[kind](ENV, markup, parent)
    try:
        expected = _python_liquid(kind, markup, parent)
    except LiquidError:
        assert fast is None  # python-liquid refuses it: left to python-liquid, which raises its own error
        return
    if fast is not None:
        assert _dump(fast) == _dump(expected)


def test_the_common_shapes_are_read_here():
    parent = Token(TOKEN_EXPRESSION, "", 0, "")
    assert fast_parse.filtered(ENV, "page.title", parent) is not None
    assert fast_parse.filtered(ENV, '"x.html" | prepend: site.baseurl', parent) is not None
    assert fast_parse.condition(ENV, 'page.sidebar == "home" and site.x', parent) is not None
    assert fast_parse.loop(ENV, "entry in sidebar.entries", parent) is not None
    assert fast_parse.assignment(ENV, "x = page.url | split: '/'", parent) is not None


def test_lexing_gives_python_liquids_tokens():
    """fast_parse's lexer (whitespace and words tried first) against python-liquid's tokenize, on
    random markup: the same tokens, or both refusing it."""
    import random

    from liquid.builtin.expressions._tokenize import tokenize as python_liquid_tokenize
    rng = random.Random(3)
    pieces = ["a", "1", "-", ".", "..", "(", ")", "[", "]", '"', "'", " ", "\n", "|", "||", "=", "==", "!=", "<",
              ">", ":", ",", "x?", "é", "_", "9.5", "true", "in", "\t", "\x0b", "a-b", "0x"]
    for _ in range(20_000):
        markup = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        parent = Token(TOKEN_EXPRESSION, markup, 3, "source")
        try:
            expected = list(python_liquid_tokenize(markup, parent))
        except LiquidError:
            expected = None
        try:
            found = fast_parse._lex(markup, parent)
        except fast_parse._Unsupported:
            found = None
        assert found == expected, repr(markup)
