"""Rouge 3.30's Protobuf lexer (rouge/lexers/protobuf.rb)."""
from .engine import RegexLexer, groups
from .tokens import Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text


def _push_after(state, *tokens):
    def callback(lexer, m):
        lexer.groups(*tokens)
        lexer.push(state)
    return callback


def _pop(lexer, m):
    lexer.pop()


class Protobuf(RegexLexer):
    tag = "protobuf"
    states = {
        "root": [
            (r"[\s]+", Text),
            (r"[,;{}\[\]()]", Punctuation),
            (r"/(\\\n)?/($|(.|\n)*?[^\\]$)", Comment.Single),
            (r"/(\\\n)?\*(.|\n)*?\*(\\\n)?/", Comment.Multiline),
            (r"\b(ctype|default|extensions|import|max|oneof|option|optional|packed|repeated|required|returns|rpc"
             r"|to)\b", Keyword),
            (r"\b(bool|bytes|double|fixed32|fixed64|float|int32|int64|sfixed32|sfixed64|sint32|sint64|string"
             r"|uint32|uint64)\b", Keyword.Type),
            (r"true|false", Keyword.Constant),
            (r"(package)(\s+)", _push_after("package", Keyword.Namespace, Text)),
            (r"(message|extend)(\s+)", _push_after("message", Keyword.Declaration, Text)),
            (r"(enum|group|service)(\s+)", _push_after("type", Keyword.Declaration, Text)),
            (r'".*?"', Str),
            (r"'.*?'", Str),
            (r"(\d+\.\d*|\.\d+|\d+)[eE][+-]?\d+[LlUu]*", Num.Float),
            (r"(\d+\.\d*|\.\d+|\d+[fF])[fF]?", Num.Float),
            (r"(\-?(inf|nan))\b", Num.Float),
            (r"0x[0-9a-fA-F]+[LlUu]*", Num.Hex),
            (r"0[0-7]+[LlUu]*", Num.Oct),
            (r"\d+[LlUu]*", Num.Integer),
            (r"[+-=]", Operator),
            (r"([a-zA-Z_][\w.]*)([ \t]*)(=)", groups(Name.Attribute, Text, Operator)),
            (r"[a-zA-Z_][\w.]*", Name),
        ],
        "package": [(r"[a-zA-Z_]\w*", Name.Namespace, "#pop"), (r"", _pop)],
        "message": [(r"[a-zA-Z_]\w*", Name.Class, "#pop"), (r"", _pop)],
        "type": [(r"[a-zA-Z_]\w*", Name, "#pop"), (r"", _pop)],
    }
