"""Rouge 3.30's DOT (Graphviz) lexer (rouge/lexers/dot.rb): an HTML-like label's text goes to one
HTML lexer, reset at each label."""
from .engine import RegexLexer, mixin
from .tokens import Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text


def _attribute(lexer, m):
    lexer.token(Name, m.group(1))
    lexer.token(Text, m.group(2))
    lexer.token(Punctuation, m.group(3))


def _html_label(lexer, m):
    lexer.token(Punctuation)
    lexer.html.reset()
    lexer.push("html")


def _to_html(lexer, m):
    lexer.delegate(lexer.html)


class Dot(RegexLexer):
    tag = "dot"

    def start(self):
        from .html import HTML
        self.html = HTML()

    states = {
        "comments_and_whitespace": [
            (r"\s+", Text),
            (r"#.*", Comment.Single),
            (r"//.*?$", Comment.Single),
            (r"(?s)/(\\\n)?[*].*?[*](\\\n)?/", Comment.Multiline),
        ],
        "html": [
            (r"[^<>]+", _to_html),
            (r"(?s)<.+?>", _to_html),
            (r">", Punctuation, "#pop"),
        ],
        "ID": [
            (r"([a-zA-Z][a-zA-Z_0-9]*)(\s*)(=)", _attribute),
            (r"[a-zA-Z][a-zA-Z_0-9]*", Name.Variable),
            (r"([0-9]+)?\.[0-9]+", Num.Float),
            (r"[0-9]+", Num.Integer),
            (r'"(\\"|[^"])*"', Str.Double),
            (r"<", _html_label),
        ],
        "a_list": [
            mixin("comments_and_whitespace"),
            mixin("ID"),
            (r"[=;,]", Punctuation),
            (r"\]", Operator, "#pop"),
        ],
        "root": [
            mixin("comments_and_whitespace"),
            (r"(?i)\b(strict|graph|digraph|subgraph|node|edge)\b", Keyword),
            (r"[{};:=]", Punctuation),
            (r"-[->]", Operator),
            (r"\[", Operator, "a_list"),
            mixin("ID"),
        ],
    }
