"""Rouge 3.30's Elm lexer (rouge/lexers/elm.rb)."""
from .engine import RegexLexer
from .tokens import Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text

KEYWORDS = "module exposing port import as type alias if then else case of let in".split()


class Elm(RegexLexer):
    tag = "elm"
    states = {
        "root": [
            (r"(?s)\s+", Text),
            (r"--.*", Comment.Single),
            (r"{-", Comment.Multiline, "multiline_comment"),
            (r"\b(" + "|".join(KEYWORDS) + r")\b", Keyword),
            (r"[a-z]\w*", Name),
            (r"_", Name),
            (r"[A-Z]\w*", Keyword.Type),
            (r"(->|::|//|\.\.|&&|\|\||\+\+|\|>|<\||>>|<<|==|/=|<=|>=)", Operator),
            (r"[+-/*%=<>^\|!]", Operator),
            (r"\\", Operator),
            (r"[@\#$&~?]", Operator),
            (r'"""', Str, "multiline_string"),
            (r"'(\\.|.)'", Str.Char),
            (r'"', Str, "double_quote"),
            (r"(?i)0x[\da-f]+", Num.Hex),
            (r"(?i)\d+e[+-]?\d+", Num.Float),
            (r"(?i)\d+\.\d+(e[+-]?\d+)?", Num.Float),
            (r"\d+", Num.Integer),
            (r"[\[\](),;`{}:]", Punctuation),
        ],
        "multiline_comment": [
            (r"-}", Comment.Multiline, "#pop"),
            (r"{-", Comment.Multiline, "multiline_comment"),
            (r"[^-{}]+", Comment.Multiline),
            (r"[-{}]", Comment.Multiline),
        ],
        "double_quote": [
            (r'[^\\"]+', Str.Double),
            (r'\\"', Str.Escape),
            (r'"', Str.Double, "#pop"),
        ],
        "multiline_string": [
            (r'\\"', Str.Escape),
            (r'"""', Str, "#pop"),
            (r'[^"]+', Str),
            (r'"', Str),
        ],
    }
