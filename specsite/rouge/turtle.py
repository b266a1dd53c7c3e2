"""Rouge 3.30's Turtle/TriG lexer (rouge/lexers/turtle.rb)."""
from .engine import RegexLexer
from .tokens import Comment, Keyword, Literal, Name, Punctuation, Text


class Turtle(RegexLexer):
    tag = "turtle"
    states = {
        "root": [
            (r"@base\b", Keyword.Declaration),
            (r"@prefix\b", Keyword.Declaration),
            (r"true\b", Keyword.Constant),
            (r"false\b", Keyword.Constant),
            (r'(?s)""".*?"""', Literal.String),
            (r'"([^"\\]|\\.)*"', Literal.String),
            (r"(?s)'''.*?'''", Literal.String),
            (r"'([^'\\]|\\.)*'", Literal.String),
            (r"#.*$", Comment.Single),
            (r"@[^\s,.;]+", Name.Attribute),
            (r"[+-]?[0-9]+\.[0-9]*E[+-]?[0-9]+", Literal.Number.Float),
            (r"[+-]?\.[0-9]+E[+-]?[0-9]+", Literal.Number.Float),
            (r"[+-]?[0-9]+E[+-]?[0-9]+", Literal.Number.Float),
            (r"[+-]?[0-9]*\.[0-9]+?", Literal.Number.Float),
            (r"[+-]?[0-9]+", Literal.Number.Integer),
            (r"\.", Punctuation),
            (r",", Punctuation),
            (r";", Punctuation),
            (r"\(", Punctuation),
            (r"\)", Punctuation),
            (r"\{", Punctuation),
            (r"\}", Punctuation),
            (r"\[", Punctuation),
            (r"\]", Punctuation),
            (r"\^\^", Punctuation),
            (r"<[^>]*>", Name.Label),
            (r"(?i)base\b", Keyword.Declaration),
            (r"(?i)prefix\b", Keyword.Declaration),
            (r"GRAPH\b", Keyword),
            (r"a\b", Keyword),
            (r"\s+", Text.Whitespace),
            (r"[^:;<>#@\"().\[\]{} ]*:", Name.Namespace),
            (r"[^:;<>#@\"().\[\]{} ]+", Name),
        ],
    }
