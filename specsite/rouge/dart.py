"""Rouge 3.30's Dart lexer (rouge/lexers/dart.rb)."""
from .engine import RegexLexer, groups, mixin
from .tokens import Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text

KEYWORDS = """as assert await break case catch continue default do else finally for
    if in is new rethrow return super switch this throw try while with yield""".split()
DECLARATIONS = """abstract async dynamic const covariant external extends factory final get
    implements late native on operator required set static sync typedef var""".split()
TYPES = """bool Comparable double Dynamic enum Function int List Map Never Null num Object Pattern Set String
    Symbol Type Uri void""".split()
IMPORTS = ["import", "deferred", "export", "library", r"part\s*of", "part", "source"]
ID = r"(?:[a-zA-Z_]\w*)"


def _method(lexer, m):
    lexer.delegate(Dart, m.group(1))
    lexer.token(Name.Function, m.group(2))
    lexer.token(Text, m.group(3))
    lexer.token(Punctuation, m.group(4))


class Dart(RegexLexer):
    tag = "dart"
    states = {
        "root": [
            (r"(?s)^(\s*(?:[a-zA-Z_][a-zA-Z\d_.\[\]]*\s+)+?)([a-zA-Z_]\w*)(\s*)(\()", _method),
            (r"\s+", Text),
            (r"//.*?$", Comment.Single),
            (r"(?s)/\*.*?\*/", Comment.Multiline),
            (r'"', Str, "dqs"),
            (r"'", Str, "sqs"),
            (r'r"[^"]*"', Str.Other),
            (r"r'[^']*'", Str.Other),
            (r"(?i)#" + ID + "*", Str.Symbol),
            (r"@" + ID, Name.Decorator),
            (r"(?:" + "|".join(KEYWORDS) + r")\b", Keyword),
            (r"(?:" + "|".join(DECLARATIONS) + r")\b", Keyword.Declaration),
            (r"(?:" + "|".join(TYPES) + r")\b", Keyword.Type),
            (r"(?:true|false|null)\b", Keyword.Constant),
            (r"(?:class|interface|mixin)\b", Keyword.Declaration, "class"),
            (r"(?:" + "|".join(IMPORTS) + r")\b", Keyword.Namespace, "import"),
            (r"(\.)(" + ID + ")", groups(Operator, Name.Attribute)),
            (ID + ":", Name.Label),
            (r"\$?" + ID, Name),
            (r"[~^*!%&\|+=:/?-]", Operator),
            (r"[\[\](){}<>\.,;]", Punctuation),
            (r"\d*\.\d+([eE]\-?\d+)?", Num.Float),
            (r"0x[\da-fA-F]+", Num.Hex),
            (r"\d+L?", Num.Integer),
            (r"\n", Text),
        ],
        "class": [
            (r"(?s)\s+", Text),
            (ID, Name.Class, "#pop"),
        ],
        "dqs": [
            (r'"', Str, "#pop"),
            (r'[^\\\$"]+', Str),
            mixin("string"),
        ],
        "sqs": [
            (r"'", Str, "#pop"),
            (r"[^\\\$']+", Str),
            mixin("string"),
        ],
        "import": [
            (r";", Operator, "#pop"),
            (r"(?:show|hide)\b", Keyword.Declaration),
            mixin("root"),
        ],
        "string": [
            mixin("interpolation"),
            (r"\\[nrt\"\'\\]", Str.Escape),
        ],
        "interpolation": [
            (r"\$" + ID, Str.Interpol),
            (r"\$\{[^\}]+\}", Str.Interpol),
        ],
    }
