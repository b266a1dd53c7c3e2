"""Rouge 3.30's BibTeX lexer (rouge/lexers/bibtex.rb)."""
from .engine import RegexLexer, mixin
from .tokens import Comment, Literal, Name, Punctuation, Text

PUNCT = r"@!\$&\.\\:;<>\?\[\]\^`\|~\*/\+\-"
VALID_NAME = r"(?i:[a-z_" + PUNCT + r"][\w" + PUNCT + "]*)"


def _entry(lexer, m):
    kind = m.group(1).lower()
    if kind == "comment":
        lexer.token(Comment)
        return
    lexer.token(Name.Class)
    lexer.push("closing_brace")
    lexer.push("value" if kind == "preamble" else "field" if kind == "string" else "command_body")
    lexer.push("opening_brace")


def _key(lexer, m):
    lexer.token(Name.Label)
    lexer.pop()
    lexer.push("fields")


def _field(lexer, m):
    lexer.token(Name.Attribute)
    lexer.push("value")
    lexer.push("equal_sign")


def _pop(lexer, m):
    lexer.pop()


class BibTeX(RegexLexer):
    tag = "bibtex"
    states = {
        "root": [
            mixin("whitespace"),
            (r"@(" + VALID_NAME + ")", _entry),
            (r".+", Comment),
        ],
        "opening_brace": [
            mixin("whitespace"),
            (r"[{(]", Punctuation, "#pop"),
        ],
        "closing_brace": [
            mixin("whitespace"),
            (r"[})]", Punctuation, "#pop"),
        ],
        "command_body": [
            mixin("whitespace"),
            (r"[^\s,}]+", _key),
        ],
        "fields": [
            mixin("whitespace"),
            (r",", Punctuation, "field"),
            (r"", _pop),
        ],
        "field": [
            mixin("whitespace"),
            (VALID_NAME, _field),
            (r"", _pop),
        ],
        "equal_sign": [
            mixin("whitespace"),
            (r"=", Punctuation, "#pop"),
        ],
        "value": [
            mixin("whitespace"),
            (VALID_NAME, Name.Variable),
            (r'"', Literal.String, "quoted_string"),
            (r"\{", Literal.String, "braced_string"),
            (r"\d+", Literal.Number),
            (r"#", Punctuation),
            (r"", _pop),
        ],
        "quoted_string": [
            (r"\{", Literal.String, "braced_string"),
            (r'"', Literal.String, "#pop"),
            (r'[^{"]+', Literal.String),
        ],
        "braced_string": [
            (r"\{", Literal.String, "braced_string"),
            (r"\}", Literal.String, "#pop"),
            (r"[^{}]+", Literal.String),
        ],
        "whitespace": [(r"\s+", Text)],
    }
