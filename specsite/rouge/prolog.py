"""Rouge 3.30's Prolog lexer (rouge/lexers/prolog.rb); [[:lower:]] is Unicode's lowercase letters
(unicode_classes), [[:word:]] Python's (?u)\\w."""
from .engine import RegexLexer, mixin
from .tokens import Comment, Name, Num, Operator, Punctuation, Str, Text
from .unicode_classes import category_ranges


class Prolog(RegexLexer):
    tag = "prolog"

    def start(self):
        self.push("bol")

    states = {
        "bol": [
            (r"#.*", Comment.Single),
            (r"", lambda lexer, m: lexer.pop()),
        ],
        "basic": [
            (r"\s+", Text),
            (r"%.*", Comment.Single),
            (r"/\*", Comment.Multiline, "nested_comment"),
            (r"[\[\](){}|.,;!]", Punctuation),
            (r":-|-->", Punctuation),
            (r'"[^"]*"', Str.Double),
            (r"\d+\.\d+", Num.Float),
            (r"\d+", Num),
        ],
        "atoms": [
            (r"(?u)[" + category_ranges("Ll") + r"](\w)*", Str.Symbol),
            (r"'[^']*'", Str.Symbol),
        ],
        "operators": [
            (r"(<|>|=<|>=|==|=:=|=|/|//|\*|\+|-)(?=\s|[a-zA-Z0-9\[])", Operator),
            (r"is", Operator),
            (r"(mod|div|not)", Operator),
            (r"[#&*+-./:<=>?@^~]+", Operator),
        ],
        "variables": [
            (r"[A-Z]+\w*", Name.Variable),
            (r"(?u)_\w*", Name.Variable),
        ],
        "root": [mixin("basic"), mixin("atoms"), mixin("variables"), mixin("operators")],
        "nested_comment": [
            (r"/\*", Comment.Multiline, "#push"),
            (r"\s*\*[^*/]+", Comment.Multiline),
            (r"\*/", Comment.Multiline, "#pop"),
        ],
    }
