"""Rouge 3.30's Kotlin lexer (rouge/lexers/kotlin.rb); \\p{Lu} is A-Z and Latin-1's capitals here."""
from .engine import RegexLexer, groups
from .tokens import Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text

KEYWORDS = """abstract annotation as break by catch class companion const
    constructor continue crossinline do dynamic else enum
    external false final finally for fun get if import in infix
    inline inner interface internal is lateinit noinline null
    object open operator out override package private protected
    public reified return sealed set super suspend tailrec this
    throw true try typealias typeof val var vararg when where
    while yield""".split()
NAME_CHARS = r"[-\w]*"
CLASS_NAME = r"`?[A-Z\u00c0-\u00d6\u00d8-\u00de]" + NAME_CHARS + "`?"
NAME = r"`?[^\W\d]" + NAME_CHARS + "`?"
DEC = r"(?:([0-9][0-9_]*[0-9])|[0-9])"
EXPONENT = r"(?:[eE][+-]?(" + DEC + "))"
DOUBLE = r"(?:((" + DEC + r")?\." + DEC + "(" + EXPONENT + r")?)|(" + DEC + EXPONENT + "))"


def _push_after(state, *tokens):
    def callback(lexer, m):
        lexer.groups(*tokens)
        lexer.push(state)
    return callback


class Kotlin(RegexLexer):
    tag = "kotlin"
    states = {
        "root": [
            (r"\b(companion)(\s+)(object)\b", groups(Keyword, Text, Keyword)),
            (r"\b(class|data\s+class|interface|object)(\s+)", _push_after("class", Keyword.Declaration, Text)),
            (r"\b(fun)(\s+)", _push_after("function", Keyword, Text)),
            (r"\b(package|import)(\s+)", _push_after("package", Keyword, Text)),
            (r"\b(val|var)(\s+)(\()", _push_after("destructure", Keyword.Declaration, Text, Punctuation)),
            (r"\b(val|var)(\s+)", _push_after("property", Keyword.Declaration, Text)),
            (r"(?u)(return|continue|break|this|super)(@" + NAME + r")?\b", groups(Keyword, Name.Decorator)),
            (r"\bfun\b", Keyword),
            (r"\b(?:" + "|".join(KEYWORDS) + r")\b", Keyword),
            (r"^\s*\[.*?\]", Name.Attribute),
            (r"[^\S\n]+", Text),
            (r"\\\n", Text),  # (a line continuation)
            (r"//.*?$", Comment.Single),
            (r"/[*].*[*]/", Comment.Multiline),  # (a block comment on one line)
            (r"/[*].*", Comment.Multiline, "comment"),
            (r"\n", Text),
            (r"(::)(class)", groups(Operator, Keyword)),
            (r"::|!!|\?[:.]", Operator),
            (r"(\.\.)", Operator),
            (r"(" + DOUBLE + r"[fF]?)|(" + DEC + r"[fF])", Num.Float),
            (r"0[bB]([01][01_]*[01]|[01])[uU]?L?", Num.Bin),
            (r"0[xX]([0-9a-fA-F][0-9a-fA-F_]*[0-9a-fA-F]|[0-9a-fA-F])[uU]?L?", Num.Hex),
            (r"(([1-9][0-9_]*[0-9])|[0-9])[uU]?L?", Num.Integer),
            (r"[~!%^&*()+=|\[\]:;,.<>/?-]", Punctuation),
            (r"[{}]", Punctuation),
            (r'(?s)@"(""|[^"])*"', Str),
            (r'(?s)""".*?"""', Str),
            (r'(?s)"(\\\\|\\"|[^"\n])*["\n]', Str),
            (r"'\\.'|'[^\\]'", Str.Char),
            (r"(?u)(@" + CLASS_NAME + ")", Name.Decorator),
            (r"(?u)(" + CLASS_NAME + ")(<)", _push_after("generic_parameters", Name.Class, Punctuation)),
            (r"(?u)" + CLASS_NAME, Name.Class),
            (r"(?u)(" + NAME + r")(?=\s*[({])", Name.Function),
            (r"(?u)(" + NAME + ")@", Name.Decorator),  # (a label)
            (r"(?u)" + NAME, Name),
        ],
        "package": [(r"\S+", Name.Namespace, "#pop")],
        "class": [(r"(?u)" + CLASS_NAME, Name.Class, "#pop")],
        "function": [
            (r"(<)", Punctuation, "generic_parameters"),
            (r"(\s+)", Text),
            (r"(?u)(" + CLASS_NAME + r")(\.)", groups(Name.Class, Punctuation)),
            (r"(?u)" + NAME, Name.Function, "#pop"),
        ],
        "generic_parameters": [
            (r"(?u)" + CLASS_NAME, Name.Class),
            (r"(<)", Punctuation, "generic_parameters"),
            (r"(reified|out|in)", Keyword),
            (r"([,:.?])", Punctuation),
            (r"(\s+)", Text),
            (r"(>)", Punctuation, "#pop"),
        ],
        "property": [
            (r"(<)", Punctuation, "generic_parameters"),
            (r"(\s+)", Text),
            (r"(?u)" + NAME, Name.Property, "#pop"),
        ],
        "destructure": [
            (r"(,)", Punctuation),
            (r"(\))", Punctuation, "#pop"),
            (r"(\s+)", Text),
            (r"(?u)" + NAME, Name.Property),
        ],
        "comment": [
            (r"/[*]", Comment.Multiline, "comment"),
            (r"[*]/", Comment.Multiline, "#pop"),
            (r"[^/*]+", Comment.Multiline),
            (r"[/*]", Comment.Multiline),
        ],
    }
