"""Rouge 3.30's TeX lexer (rouge/lexers/tex.rb)."""
from .engine import RegexLexer, groups, mixin
from .tokens import Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text

COMMAND = r"(?i)\\([a-z]+|\s+|.)"


class TeX(RegexLexer):
    tag = "tex"
    states = {
        "general": [
            (r"%.*$", Comment),
            (r"[{}&_^]", Punctuation),
        ],
        "root": [
            (r"\\\[", Punctuation, "displaymath"),
            (r"\\\(", Punctuation, "inlinemath"),
            (r"\$\$", Punctuation, "displaymath"),
            (r"\$", Punctuation, "inlinemath"),
            (r"\\(begin|end)\{.*?\}", Name.Tag),
            (r"(\\verb)\b(\S)(.*?)(\2)", groups(Name.Builtin, Keyword.Pseudo, Str.Other, Keyword.Pseudo)),
            (COMMAND, Keyword, "command"),
            mixin("general"),
            (r"[^\\$%&_^{}]+", Text),
        ],
        "math": [
            (COMMAND, Name.Variable),
            mixin("general"),
            (r"[0-9]+", Num),
            (r"[-=!+*/()\[\]]", Operator),
            (r"[^=!+*/()\[\]\\$%&_^{}0-9-]+", Name.Builtin),
        ],
        "inlinemath": [
            (r"\\\)", Punctuation, "#pop"),
            (r"\$", Punctuation, "#pop"),
            mixin("math"),
        ],
        "displaymath": [
            (r"\\\]", Punctuation, "#pop"),
            (r"\$\$", Punctuation, "#pop"),
            (r"\$", Name.Builtin),
            mixin("math"),
        ],
        "command": [
            (r"\[.*?\]", Name.Attribute),
            (r"\*", Keyword),
            (r"", lambda lexer, m: lexer.pop()),
        ],
    }
