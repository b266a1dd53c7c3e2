"""Rouge 3.30's Scala lexer (rouge/lexers/scala.rb). Python's re has no \\p{…}: \\p{Sm}, \\p{So}
and \\p{Lu} are classes of the Basic Multilingual Plane's characters (unicode_classes),
\\p{L} is a letter ([^\\W\\d_]) and \\p{Space} is (?u)\\s; Ruby's \\s stays ASCII."""
from .engine import RegexLexer, groups
from .tokens import Comment, Keyword, Name, Num, Operator, Str, Text
from .unicode_classes import category_ranges


S = r"[\t\n\v\f\r ]"
WHITESPACE = r"(?:\s)"  # (\p{Space}; every rule using these is (?u))
LETTER = r"(?:[^\W\d_]|[$_])"
UPPER = "(?:[" + category_ranges("Lu") + "$_])"
OP = (r"(?:(?!" + WHITESPACE + "|" + LETTER + r"|[0-9]|[(){}\[\]]|[‘’\".;,])[\u0020-\u007F"
      + category_ranges("Sm", "So") + "])")
IDREST = "(?:" + LETTER + "(?:" + LETTER + "|[0-9])*(?:(?<=_)" + OP + "+)?)"
NAMED = IDREST + "|" + OP + "+|`[^`]+`"
TYPECHUNK = "(?:" + IDREST + "|" + OP + "+`[^`]+`)"  # (sic: `op+` then a backquoted name)
KEYWORDS = """abstract case catch def do else extends final finally for forSome
    if implicit lazy match new override private protected requires return
    sealed super this throw try val var while with yield""".split()


def _push_after(state, *tokens, pop=False):
    def callback(lexer, m):
        lexer.groups(*tokens)
        if pop:
            lexer.pop()
        lexer.push(state)
    return callback


def _groups_pop(*tokens):
    def callback(lexer, m):
        lexer.groups(*tokens)
        lexer.pop()
    return callback


class Scala(RegexLexer):
    tag = "scala"
    states = {
        "root": [
            (r"(class|trait|object)(\s+)", _push_after("class", Keyword, Text)),
            (r"(?u)'" + IDREST + "(?!')", Str.Symbol),
            (r"[^\S\n]+", Text),
            (r"//.*", Comment.Single),
            (r"/\*", Comment.Multiline, "comment"),
            (r"(?u)@" + IDREST, Name.Decorator),
            (r"(?u)(def)(" + S + "+)(" + NAMED + ")(" + S + "*)", groups(Keyword, Text, Name.Function, Text)),
            (r"(?u)(val)(" + S + "+)(" + NAMED + ")(" + S + "*)", groups(Keyword, Text, Name.Variable, Text)),
            (r"(?u)(this)(\n*)(\.)(" + IDREST + ")", groups(Keyword, Text, Operator, Name.Property)),
            (r"(?u)(" + IDREST + r"|_)(\n*)(\.)(" + IDREST + ")", groups(Name.Variable, Text, Operator, Name.Property)),
            (r"(?u)" + UPPER + IDREST + r"\b", Name.Class),
            (r"(?u)(" + IDREST + ")(" + WHITESPACE + r"*)(\()", groups(Name.Function, Text, Operator)),
            (r"(?u)(\.)(" + IDREST + ")", groups(Operator, Name.Property)),
            (r"(?u)(" + "|".join(KEYWORDS) + r")\b|(<[%:-]|=>|>:|[#=@_\u21D2\u2190])(\b|(?=" + S + ")|$)", Keyword),
            (r"(?u):(?!" + OP + ")", Keyword, "type"),
            (r"(true|false|null)\b", Keyword.Constant),
            (r"(import|package)(\s+)", _push_after("import", Keyword, Text)),
            (r"(type)(\s+)", _push_after("type", Keyword, Text)),
            (r'(?s)""".*?"""(?!")', Str),
            (r'"(\\\\|\\"|[^"])*"', Str),
            (r"'\\.'|'[^\\]'|'\\u[0-9a-fA-F]{4}'", Str.Char),
            (r"(?u)" + IDREST, Name),
            (r"`[^`]+`", Name),
            (r"\[", Operator, "typeparam"),
            (r"[\(\)\{\};,.#]", Operator),
            (r"(?u)" + OP + "+", Operator),
            (r"([0-9][0-9]*\.[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?[fFdD]?", Num.Float),
            (r"([0-9][0-9]*[fFdD])", Num.Float),
            (r"0x[0-9a-fA-F]+", Num.Hex),
            (r"[0-9]+L?", Num.Integer),
            (r"\n", Text),
        ],
        "class": [
            (r"(?u)(" + NAMED + ")(" + S + r"*)(\[)", _push_after("typeparam", Name.Class, Text, Operator)),
            (r"\s+", Text),
            (r"{", Operator, "#pop"),
            (r"\(", Operator, "#pop"),
            (r"//.*", Comment.Single, "#pop"),
            (r"(?u)" + NAMED, Name.Class, "#pop"),
        ],
        "type": [
            (r"\s+", Text),
            (r"<[%:]|>:|[#_\u21D2]|forSome|type", Keyword),
            (r"([,\);}]|=>|=)(\s*)", _groups_pop(Operator, Text)),
            (r"[\(\{]", Operator, "type"),
            (r"(?u)(" + TYPECHUNK + r"(?:\." + TYPECHUNK + ")*)(" + S + r"*)(\[)",
             _push_after("typeparam", Keyword.Type, Text, Operator, pop=True)),
            (r"(?u)(" + TYPECHUNK + r"(?:\." + TYPECHUNK + ")*)(" + S + "*)$", _groups_pop(Keyword.Type, Text)),
            (r"//.*", Comment.Single, "#pop"),
            (r"(?u)\.|" + NAMED, Keyword.Type),
        ],
        "typeparam": [
            (r"[\s,]+", Text),
            (r"<[%:]|=>|>:|[#_\u21D2]|forSome|type", Keyword),
            (r"([\]\)\}])", Operator, "#pop"),
            (r"[\(\[\{]", Operator, "typeparam"),
            (r"(?u)\.|" + NAMED, Keyword.Type),
        ],
        "comment": [
            (r"[^/\*]+", Comment.Multiline),
            (r"/\*", Comment.Multiline, "comment"),
            (r"\*/", Comment.Multiline, "#pop"),
            (r"[*/]", Comment.Multiline),
        ],
        "import": [(r"(?u)(" + IDREST + r"|\.)+", Name.Namespace, "#pop")],
    }
