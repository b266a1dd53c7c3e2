"""Rouge 3.30's INI (rouge/lexers/ini.rb) and diff (diff.rb) lexers."""
from .engine import RegexLexer, groups, mixin
from .tokens import Comment, Generic, Name, Punctuation, Str, Text


def _key(lexer, m):
    lexer.groups(Name.Property, Text, Punctuation)
    lexer.push("value")


class INI(RegexLexer):
    tag = "ini"
    states = {
        "basic": [
            (r"[;#].*?\n", Comment),
            (r"\s+", Text),
            (r"\\\n", Str.Escape),
        ],
        "root": [
            mixin("basic"),
            (r"([\w\-.]+)(\s*)(=)", _key),
            (r"\[.*?\]", Name.Namespace),
        ],
        "value": [
            (r"\n", Text, "#pop"),
            mixin("basic"),
            (r'"', Str, "dq"),
            (r"'.*?'", Str),
            mixin("esc_str"),
            (r"[^\\\n]+", Str),
        ],
        "dq": [
            (r'"', Str, "#pop"),
            mixin("esc_str"),
            (r'(?s)[^\\"]+', Str),
        ],
        "esc_str": [(r"(?s)\\.", Str.Escape)],
    }


class Diff(RegexLexer):
    tag = "diff"
    states = {
        "root": [
            (r"^ .*$\n?", Text),
            (r"^---$\n?", Punctuation),
            (r"^[+>]+.*$\n?", Generic.Inserted),
            (r"^\+.*$\n?", Generic.Inserted),
            (r"^[-<]+.*$\n?", Generic.Deleted),
            (r"^!.*$\n?", Generic.Strong),
            (r"^([Ii]ndex|diff).*$\n?", Generic.Heading),
            (r"^(@@[^@]*@@)([^\n]*\n)", groups(Punctuation, Text)),
            (r"^\w.*$\n?", Punctuation),
            (r"^=.*$\n?", Generic.Heading),
            (r"\s.*$\n?", Text),
        ],
    }
