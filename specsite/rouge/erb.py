"""Rouge 3.30's ERB lexer (rouge/lexers/erb.rb): text to one HTML lexer, code to one Ruby lexer,
each going on from piece to piece."""
from .engine import RegexLexer
from .tokens import Comment

OPEN = r"(?:<%%|<%=|<%#|<%-|<%)"
CLOSE = r"(?:%%>|-%>|%>)"


class ERB(RegexLexer):
    tag = "erb"

    def start(self):
        if not hasattr(self, "parent"):
            from .html import HTML
            from .ruby import Ruby
            self.parent, self.ruby_lexer = HTML(), Ruby()  # (TemplateLexer#parent, made once)
        self.parent.reset()
        self.ruby_lexer.reset()

    states = {
        "root": [
            (r"<%#", Comment, "comment"),
            (OPEN, Comment.Preproc, "ruby"),
            (r"(?s).+?(?=" + OPEN + ")|.+", lambda lexer, m: lexer.delegate(lexer.parent)),
        ],
        "comment": [
            (CLOSE, Comment, "#pop"),
            (r"(?s).+?(?=" + CLOSE + ")|.+", Comment),
        ],
        "ruby": [
            (CLOSE, Comment.Preproc, "#pop"),
            (r"(?s).+?(?=" + CLOSE + ")|.+", lambda lexer, m: lexer.delegate(lexer.ruby_lexer)),
        ],
    }
