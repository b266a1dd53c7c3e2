"""Rouge 3.30's Swift lexer (rouge/lexers/swift.rb). Its Unicode classes in Python terms: \\p{Alpha}
as a letter ([^\\W\\d_]), \\p{Alnum} as \\w, [[:upper:]] as str.isupper (a class of the Basic
Multilingual Plane's capitals, made on import). Ruby's \\b is Unicode (its \\w and \\s are ASCII), so
rules with a name are (?u) with \\s spelt out; a leading \\b sees no character before the scan position."""
from .engine import RegexLexer, groups, mixin
from .tokens import Comment, Error, Keyword, Name, Num, Operator, Punctuation, Str, Text


def _upper_class() -> str:
    out, start, prev = [], None, None
    for code in range(0x10000):
        if chr(code).isupper():
            if start is None:
                start = code
            prev = code
        elif start is not None:
            out.append(f"\\u{start:04x}" + (f"-\\u{prev:04x}" if prev > start else ""))
            start = None
    return "[" + "".join(out) + "]"


UPPER = _upper_class()
S = r"[\t\n\v\f\r ]"
ID = r"(?:(?:_|[^\W\d_]|[^\x00-\uffff])(?:\w|[^\x00-\uffff])*)"
KEYWORDS = frozenset("""await break case continue default do else fallthrough if in for return switch where while
    try catch throw guard defer repeat
    as dynamicType is new super self Self Type __COLUMN__ __FILE__ __FUNCTION__ __LINE__
    associativity async didSet get infix inout isolated mutating none nonmutating operator override postfix
    precedence prefix set unowned weak willSet throws rethrows precedencegroup""".split())
DECLARATIONS = frozenset("""actor class deinit enum convenience extension final func import init internal lazy let
    nonisolated optional private protocol public required static struct subscript typealias var dynamic indirect
    associatedtype open fileprivate some""".split())
CONSTANTS = frozenset("true false nil".split())


def _access(lexer, m):
    if m.group(3) == "set":
        lexer.token(Keyword.Declaration)
    else:
        lexer.groups(Keyword.Declaration, Keyword.Declaration, Error, Keyword.Declaration)


def _unowned(lexer, m):
    if m.group(2) in ("safe", "unsafe"):
        lexer.token(Keyword.Declaration)
    else:
        lexer.groups(Keyword.Declaration, Error, Keyword.Declaration)


def _tuple(lexer, m):
    lexer.groups(Keyword, Text, Punctuation)
    lexer.push("tuple")


def _call(lexer, m):
    lexer.token(Keyword.Type if m.group()[0].isupper() else Name.Function)


def _name(lexer, m):
    word = m.group()
    lexer.token(Keyword if word in KEYWORDS else Keyword.Declaration if word in DECLARATIONS
                else Keyword.Constant if word in CONSTANTS else Keyword.Type if word[0].isupper() else Name)


class Swift(RegexLexer):
    tag = "swift"

    def start(self):
        self.push("bol")

    states = {
        "bol": [
            (r"#.*", Comment.Preproc),
            mixin("inline_whitespace"),
            (r"", lambda lexer, m: lexer.pop()),
        ],
        "inline_whitespace": [
            (r"(?s)\s+", Text),
            mixin("has_comments"),
        ],
        "whitespace": [
            (r"(?s)\n+", Text, "bol"),
            (r"//.*?$", Comment.Single, "bol"),
            mixin("inline_whitespace"),
        ],
        "has_comments": [(r"/[*]", Comment.Multiline, "nested_comment")],
        "nested_comment": [
            mixin("has_comments"),
            (r"[*]/", Comment.Multiline, "#pop"),
            (r"(?s)[^*/]+", Comment.Multiline),
            (r".", Comment.Multiline),
        ],
        "root": [
            mixin("whitespace"),
            (r"\$(([1-9]\d*)?\d)", Name.Variable),
            (r"[()\[\]{}:;,?\\]", Punctuation),
            (r"[-/=+*%<>!&|^.~]+", Operator),
            (r'@?"', Str, "dq"),
            (r"'(\\.|.)'", Str.Char),
            (r"(?i)(\d+(?:_\d+)*\*|(?:\d+(?:_\d+)*)*\.\d+(?:_\d)*)(e[+-]?\d+(?:_\d)*)?", Num.Float),
            (r"(?i)\d+e[+-]?[0-9]+", Num.Float),
            (r"0o?[0-7]+(?:_[0-7]+)*", Num.Oct),
            (r"0x[0-9A-Fa-f]+(?:_[0-9A-Fa-f]+)*((\.[0-9A-F]+(?:_[0-9A-F]+)*)?p[+-]?\d+)?", Num.Hex),
            (r"0b[01]+(?:_[01]+)*", Num.Bin),
            (r"[\d]+(?:_\d+)*", Num.Integer),
            (r"(?u)@" + ID, Keyword.Declaration),
            (r"(private|internal)(\([ ]*)(\w+)([ ]*\))", _access),
            (r"(unowned\([ ]*)(\w+)([ ]*\))", _unowned),
            (r"#available\([^)]+\)", Keyword.Declaration),
            (r"(#(?:selector|keyPath)\()([^)]+?(?:[(].*?[)])?)(\))", groups(Keyword.Declaration, Name.Function,
                                                                            Keyword.Declaration)),
            (r"#(line|file|column|function|dsohandle)", Keyword.Declaration),
            (r"(?u)(let|var)\b(" + S + "*)(" + ID + ")", groups(Keyword, Text, Name.Variable)),
            (r"(?u)(let|var)\b(" + S + "*)([(])", _tuple),
            (r"(?u)(?!(?=\w)(if|while|for|private|internal|unowned|switch|case)\b)(?=\w)" + ID
             + r"(?=(\?|!)?" + S + "*[(])", _call),
            (r"as[?!]?(?=\s)", Keyword),
            (r"try[!]?(?=\s)", Keyword),
            (r"(?u)(#?(?!default)(?!" + UPPER + ")" + ID + ")(" + S + "*)(:)",
             groups(Name.Variable, Text, Punctuation)),
            (r"(?u)" + ID, _name),
            (r"(?u)(`)(" + ID + ")(`)", groups(Punctuation, Name.Variable, Punctuation)),
        ],
        "tuple": [
            (r"(?u)(" + ID + ")", Name.Variable),
            (r"(?u)(`)(" + ID + ")(`)", groups(Punctuation, Name.Variable, Punctuation)),
            (r",", Punctuation),
            (r"[(]", Punctuation, "#push"),
            (r"[)]", Punctuation, "#pop"),
            mixin("inline_whitespace"),
        ],
        "dq": [
            (r"""\\[\\0tnr'"]""", Str.Escape),
            (r"\\[(]", Str.Escape, "interp"),
            (r"\\u\{[0-9a-fA-F]{1,8}\}", Str.Escape),
            (r'[^\\"]+', Str),
            (r'"""', Str, "#pop"),
            (r'"', Str, "#pop"),
        ],
        "interp": [
            (r"[(]", Punctuation, "interp_inner"),
            (r"[)]", Str.Escape, "#pop"),
            mixin("root"),
        ],
        "interp_inner": [
            (r"[(]", Punctuation, "#push"),
            (r"[)]", Punctuation, "#pop"),
            mixin("root"),
        ],
    }
