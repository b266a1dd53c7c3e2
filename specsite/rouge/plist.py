"""Rouge 3.30's plist lexer (rouge/lexers/plist.rb: old-style property lists)."""
from .engine import RegexLexer, mixin
from .tokens import Comment, Literal, Punctuation, Text


class Plist(RegexLexer):
    tag = "plist"
    states = {
        "whitespace": [(r"\s+", Text.Whitespace)],
        "root": [
            (r"//.*$", Comment),
            (r"(?s)/\*.+?\*/", Comment),
            mixin("whitespace"),
            (r"{", Punctuation, "dictionary"),
            (r"\(", Punctuation, "array"),
            (r'"([^"\\]|\\.)*"', Literal.String.Double),
            (r"'([^'\\]|\\.)*'", Literal.String.Single),
            (r"<", Punctuation, "data"),
            (r"[\w$/:.-]+", Literal),
        ],
        "dictionary": [
            mixin("root"),
            (r"[=;]", Punctuation),
            (r"}", Punctuation, "#pop"),
        ],
        "array": [
            mixin("root"),
            (r"[,]", Punctuation),
            (r"\)", Punctuation, "#pop"),
        ],
        "data": [
            (r"[0-9a-fA-F\s]+", Literal.Number.Hex),
            (r">", Punctuation, "#pop"),
        ],
    }
