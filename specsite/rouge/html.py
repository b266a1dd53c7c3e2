"""Rouge 3.30's HTML lexer (rouge/lexers/html.rb): script and style contents continue one
JavaScript and one CSS lexer, reset at each element."""
from .engine import RegexLexer
from .tokens import Comment, Name, Str, Text

_WORD = r"[\w\u200b-\u200f\u2060-\u2064\ufeff:.\u00b7-]"  # ([\p{Word}\p{Cf}:.·-])
_NAME = r"(?:[^\W\d]|[:-])" + _WORD + "*"  # ([\p{L}:_-] then _WORD)


def _script(lexer, m):
    lexer.token(Name.Tag)
    lexer.javascript.reset()
    lexer.push("script_content")
    lexer.push("tag")


def _style(lexer, m):
    lexer.token(Name.Tag)
    lexer.css.reset()
    lexer.lang = lexer.css
    lexer.push("style_content")
    lexer.push("tag")


def _then_goto(state, tok=None):
    def callback(lexer, m):
        if tok is not None:
            lexer.token(tok)
        lexer.goto(state)
    return callback


class HTML(RegexLexer):
    tag = "html"

    def start(self):
        from .css import CSS
        from .javascript import Javascript
        self.javascript, self.css = Javascript(), CSS()

    states = {
        "root": [
            (r"(?s)[^<&]+", Text),
            (r"&\S*?;", Name.Entity),
            (r"(?is)<!DOCTYPE .*?>", Comment.Preproc),
            (r"(?s)<!\[CDATA\[.*?\]\]>", Comment.Preproc),
            (r"<!--", Comment, "comment"),
            (r"(?s)<\?.*?\?>", Comment.Preproc),
            (r"(?s)<\s*script\s*", _script),
            (r"(?s)<\s*style\s*", _style),
            (r"</", Name.Tag, "tag_end"),
            (r"<", Name.Tag, "tag_start"),
            (r"(?u)<\s*" + _NAME, Name.Tag, "tag"),  # (opening tags; never reached after `<`)
            (r"(?u)<\s*/\s*" + _NAME + r"\s*>", Name.Tag),
        ],
        "tag_end": [
            (r"\s+", Text),
            (r">", Name.Tag, "#pop"),
            (r"(?u)" + _NAME, _then_goto("tag_end_end", Name.Tag)),
        ],
        "tag_end_end": [
            (r"\s+", Text),
            (r">", Name.Tag, "#pop"),
        ],
        "tag_start": [
            (r"\s+", Text),
            (r"(?u)" + _NAME, _then_goto("tag", Name.Tag)),
            (r"", _then_goto("tag")),
        ],
        "comment": [
            (r"[^-]+", Comment),
            (r"-->", Comment, "#pop"),
            (r"-", Comment),
        ],
        "tag": [
            (r"(?s)\s+", Text),
            (r"(?u)(?s)(?:[^\W\d]|[:\[\]()*.-])[\w\u200b-\u200f\u2060-\u2064\ufeff:.\u00b7\[\]()*-]*\s*=\s*",
             Name.Attribute, "attr"),
            (r"(?u)(?:[^\W\d]|[:*#-])[\w\u200b-\u200f\u2060-\u2064\ufeff:.\u00b7*#-]*", Name.Attribute),
            (r"(?s)/?\s*>", Name.Tag, "#pop"),
        ],
        "attr": [
            (r'"', _then_goto("dq", Str)),
            (r"'", _then_goto("sq", Str)),
            (r"[^\s>]+", Str, "#pop"),
        ],
        "dq": [(r'"', Str, "#pop"), (r'[^"]+', Str)],
        "sq": [(r"'", Str, "#pop"), (r"[^']+", Str)],
        "script_content": [
            (r"[^<]+", lambda lexer, m: lexer.delegate(lexer.javascript)),
            (r"(?s)<\s*/\s*script\s*>", Name.Tag, "#pop"),
            (r"<", lambda lexer, m: lexer.delegate(lexer.javascript)),
        ],
        "style_content": [
            (r"[^<]+", lambda lexer, m: lexer.delegate(lexer.lang)),
            (r"(?s)<\s*/\s*style\s*>", Name.Tag, "#pop"),
            (r"<", lambda lexer, m: lexer.delegate(lexer.lang)),
        ],
    }
