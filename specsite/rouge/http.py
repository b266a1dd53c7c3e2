"""Rouge 3.30's HTTP lexer (rouge/lexers/http.rb): a body is lexed by the lexer of its
Content-Type (Lexer.guess_by_mimetype: one that names the type, else plain text)."""
from .engine import RegexLexer, PlainText
from .tokens import Keyword, Name, Num, Operator, Punctuation, Str, Text

_METHODS = "GET|POST|PUT|DELETE|HEAD|OPTIONS|TRACE|PATCH"


def _header(lexer, m):
    if m.group(1).strip().lower() == "content-type":
        lexer.content_type = m.group(5).split(";")[0].lower()
    lexer.groups(Name.Attribute, Text, Punctuation, Text, Str, Text)


def _request(lexer, m):
    lexer.groups(Name.Function, Text, Name.Namespace, Text, Keyword, Operator, Num, Text)
    lexer.push("headers")


def _response(lexer, m):
    lexer.groups(Keyword, Operator, Num, Text, Num, Text, Name.Exception, Text)
    lexer.push("headers")


def _content(lexer, m):
    lexer.delegate(lexer.content_lexer())


class HTTP(RegexLexer):
    tag = "http"

    def start(self):
        self.content_type = "text/plain"
        # (@content_lexer is memoised on the instance and outlives reset!, as in Rouge)

    def content_lexer(self):
        lexer = getattr(self, "_content_lexer", None)
        if lexer is None:
            from . import content_types, lexer_class
            tag = content_types.TAGS.get(self.content_type) if self.content_type else None
            lexer = self._content_lexer = (lexer_class(tag) if tag else None) or PlainText
        return lexer

    states = {
        "root": [
            (r"(" + _METHODS + r")([ ]+)([^ ]+)([ ]+)(HTTPS?)(/)(\d(?:\.\d)?)(\r?\n|$)", _request),
            (r"(HTTPS?)(/)(\d(?:\.\d))([ ]+)(\d{3})([ ]+)?([^\r\n]*)?(\r?\n|$)", _response),
        ],
        "headers": [
            (r"([^\s:]+)( *)(:)( *)([^\r\n]+)(\r?\n|$)", _header),
            (r"([^\r\n]+)(\r?\n|$)", lambda lexer, m: lexer.groups(Str, Text)),
            (r"\r?\n", Text, "content"),
        ],
        "content": [(r"(?s).+", _content)],
    }
