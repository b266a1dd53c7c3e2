"""Rouge 3.30's Handlebars/Mustache lexer (rouge/lexers/handlebars.rb): text between the mustaches
goes to one HTML lexer (TemplateLexer#parent)."""
from .engine import RegexLexer
from .tokens import Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text

ID = r"[\w$-]+"


def _to_parent(lexer, m):
    lexer.delegate(lexer.parent)


def _text_before_stache(lexer, m):
    lexer.delegate(lexer.parent)
    if lexer.parent.state_is("attr"):
        lexer.parent.pop()


def _open(lexer, m):
    lexer.token(Keyword)
    lexer.push("stache")
    lexer.push("open_sym")


def _comment_open(lexer, m):
    lexer.token(Comment)
    lexer.push()


def _comment_close(lexer, m):
    lexer.token(Comment)
    lexer.pop()


def _block_start(lexer, m):
    lexer.token(Keyword)
    lexer.goto("block_name")


def _pop(lexer, m):
    lexer.pop()


class Handlebars(RegexLexer):
    tag = "handlebars"

    def start(self):
        if not hasattr(self, "parent"):
            from .html import HTML
            self.parent = HTML()
        self.parent.reset()

    states = {
        "root": [
            (r"\\{+", _to_parent),
            (r"{{!--", Comment, "comment"),
            (r"{{!.*?}}", Comment),
            (r"{{{?", _open),
            (r"(?s)(.+?)(?=\\|{{)", _text_before_stache),
            (r"(?s).+", _to_parent),
        ],
        "comment": [
            (r"{{", _comment_open),
            (r"}}", _comment_close),
            (r"(?s)[^{}]+", Comment),
            (r"[{}]", Comment),
        ],
        "stache": [
            (r"}}}?", Keyword, "#pop"),
            (r"\|", Punctuation),
            (r"~", Keyword),
            (r"(?s)\s+", Text),
            (r"[=]", Operator),
            (r"[\[\]]", Punctuation),
            (r"[\(\)]", Punctuation),
            (r"[.](?=[}\s])", Name.Variable),
            (r"[.][.]", Name.Variable),
            (r"[/.]", Punctuation),
            (r'"(\\.|.)*?"', Str.Double),
            (r"'(\\.|.)*?'", Str.Single),
            (r"\d+(?=}\s)", Num),
            (r"(true|false)(?=[}\s])", Keyword.Constant),
            (r"else(?=[}\s])", Keyword),
            (r"this(?=[}\s])", Name.Builtin.Pseudo),
            (r"@" + ID, Name.Attribute),
            (ID, Name.Variable),
        ],
        "open_sym": [
            (r"[#/]", _block_start),
            (r"[>^&~]", Keyword),
            (r"", _pop),
        ],
        "block_name": [
            (r"if(?=[}\s])", Keyword),
            (ID, Name.Namespace, "#pop"),
            (r"", _pop),
        ],
    }
