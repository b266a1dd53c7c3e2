"""Rouge 3.30's TOML lexer (rouge/lexers/toml.rb)."""
from .engine import RegexLexer, groups, mixin
from .tokens import Comment, Error, Keyword, Literal, Name, Num, Operator, Punctuation, Str, Text

IDENTIFIER = r"""(?:\S+|"[^"]+"|'[^']+')"""  # (bare keys and quoted keys)


def _inline_table(lexer, m):
    lexer.groups(Name.Namespace, Text, Operator, Text, Punctuation)
    lexer.push("inline")


def _key_value(lexer, m):
    lexer.groups(Name.Property, Text, Punctuation)
    lexer.push("value")


class TOML(RegexLexer):
    tag = "toml"
    states = {
        "basic": [
            (r"\s+", Text),
            (r"#.*?$", Comment),
            (r"(true|false)", Keyword.Constant),
            (r"(" + IDENTIFIER + r")(\s*)(=)(\s*)(\{)", _inline_table),
            (r"\s*\[[\S]+\]", Name.Namespace),  # ((?<!=) dropped: no character before the scan position)
            (r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", Literal.Date),
            (r"[+-]?\d+(?:_\d+)*\.\d+(?:_\d+)*(?:[eE][+-]?\d+(?:_\d+)*)?", Num.Float),
            (r"[+-]?\d+(?:_\d+)*[eE][+-]?\d+(?:_\d+)*", Num.Float),
            (r"[+-]?(?:nan|inf)", Num.Float),
            (r"0x[0-9a-fA-F]+(?:_[0-9a-fA-F]+)*", Num.Hex),
            (r"0o[0-7]+(?:_[0-7]+)*", Num.Oct),
            (r"0b[01]+(?:_[01]+)*", Num.Bin),
            (r"[+-]?\d+(?:_\d+)*", Num.Integer),
        ],
        "root": [
            mixin("basic"),
            (r"(" + IDENTIFIER + r")(\s*)(=)", _key_value),
        ],
        "value": [
            (r"\n", Text, "#pop"),
            mixin("content"),
        ],
        "content": [
            mixin("basic"),
            (r"(" + IDENTIFIER + r")(\s*)(=)", groups(Name.Property, Text, Punctuation)),
            (r'"""', Str, "mdq"),
            (r'"', Str, "dq"),
            (r"'''", Str, "msq"),
            (r"'", Str, "sq"),
            mixin("esc_str"),
            (r",", Punctuation),
            (r"\[", Punctuation, "array"),
        ],
        "dq": [
            (r'"', Str, "#pop"),
            (r"\n", Error, "#pop"),
            mixin("esc_str"),
            (r'[^\\"\n]+', Str),
        ],
        "mdq": [
            (r'"""', Str, "#pop"),
            mixin("esc_str"),
            (r'[^\\"]+', Str),
            (r'"+', Str),
        ],
        "sq": [
            (r"'", Str, "#pop"),
            (r"\n", Error, "#pop"),
            (r"[^'\n]+", Str),
        ],
        "msq": [
            (r"'''", Str, "#pop"),
            (r"[^']+", Str),
            (r"'+", Str),
        ],
        "esc_str": [(r'\\[0t\tn\n "\\r]', Str.Escape)],
        "array": [
            mixin("content"),
            (r"\]", Punctuation, "#pop"),
        ],
        "inline": [
            mixin("content"),
            (r"\}", Punctuation, "#pop"),
        ],
    }
