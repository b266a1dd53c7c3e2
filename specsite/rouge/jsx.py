"""Rouge 3.30's JSX (rouge/lexers/jsx.rb) and TSX (tsx.rb) lexers on the JavaScript and
TypeScript ports: a tag where an expression starts, its text through one HTML lexer."""
from .engine import mixin
from .javascript import Javascript, Typescript
from .tokens import Name, Punctuation, Str


def _tag(lexer, m):
    lexer.token(Punctuation)
    lexer.push("tag_opening")
    lexer.push("element")
    lexer.push("element_name")


def _closing_tag(lexer, m):
    lexer.token(Punctuation)
    lexer.goto("element")
    lexer.push("element_name")


def _interpolation(lexer, m):
    lexer.token(Str.Interpol)
    lexer.push("interpol")
    lexer.push("expr_start")


def _self_closing(lexer, m):
    lexer.token(Punctuation)
    lexer.pop(2)


def _inner_open(lexer, m):
    lexer.token(Punctuation)
    lexer.push("interpol_inner")
    lexer.push("statement")


def _inner_close(lexer, m):
    lexer.token(Punctuation)
    lexer.goto("statement")


JSX_STATES = {
    "expr_start": [mixin("tag"), *Javascript.states["expr_start"]],
    "tag": [(r"<", _tag)],
    "tag_opening": [
        (r"</", _closing_tag),
        mixin("tag"),
        (r"{", _interpolation),
        (r"[^<{]+", lambda lexer, m: lexer.delegate(lexer.html)),
    ],
    "element": [
        mixin("comments_and_whitespace"),
        (r"/>", _self_closing),
        (r">", Punctuation, "#pop"),
        (r"{", _interpolation),
        (r"\w[\w-]*", Name.Attribute),
        (r"=", Punctuation),
        (r"([\"']).*?(\1)", Str),
    ],
    "element_name": [
        (r"[A-Z]\w*", Name.Class),
        (r"\w+", Name.Tag),
        (r"\.", Punctuation),
        (r"", lambda lexer, m: lexer.pop()),
    ],
    "interpol": [
        (r"}", Str.Interpol, "#pop"),
        (r"{", _inner_open),
        mixin("root"),
    ],
    "interpol_inner": [
        (r"}", _inner_close),
        mixin("root"),
    ],
}


class JSX(Javascript):
    tag = "jsx"
    states = {**Javascript.states, **JSX_STATES}

    def start(self):
        from .html import HTML
        self.html = HTML()
        self.push("expr_start")


def _type_list(lexer, m):
    lexer.groups(Name.Other, Punctuation)
    lexer.pop(3)


class TSX(JSX):
    """TSX: JSX with TypeScript's words and prepended rules (typescript/common.rb), and a
    generic's `<T,` taken as a type list, not a tag."""

    tag = "tsx"
    KEYWORDS, DECLARATIONS = Typescript.KEYWORDS, Typescript.DECLARATIONS
    RESERVED, BUILTINS = Typescript.RESERVED, Typescript.BUILTINS
    states = {
        **JSX.states,
        "root": Typescript.states["root"][:2] + Javascript.states["root"],
        "statement": Typescript.states["statement"][:1] + Javascript.states["statement"],
        "element_name": [(r"(\w+)(,)", _type_list), *JSX_STATES["element_name"]],
    }
