"""Rouge 3.30's D lexer (rouge/lexers/d.rb)."""
from .engine import RegexLexer, mixin
from .tokens import Comment, Keyword, Name, Num, Punctuation, Str, Text

KEYWORDS = """abstract alias align asm assert auto body
    break case cast catch class const continue
    debug default delegate delete deprecated do else
    enum export extern finally final foreach_reverse
    foreach for function goto if immutable import
    interface invariant inout in is lazy mixin
    module new nothrow out override package pragma
    private protected public pure ref return scope
    shared static struct super switch synchronized
    template this throw try typedef typeid typeof
    union unittest version volatile while with
    __gshared __traits __vector __parameters""".split()
KEYWORDS_TYPE = """bool byte cdouble cent cfloat char creal
    dchar double float idouble ifloat int ireal
    long real short ubyte ucent uint ulong
    ushort void wchar""".split()
KEYWORDS_PSEUDO = """__FILE__ __FILE_FULL_PATH__ __MODULE__ __LINE__ __FUNCTION__
    __PRETTY_FUNCTION__ __DATE__ __EOF__ __TIME__ __TIMESTAMP__
    __VENDOR__ __VERSION__""".split()


def _delimited(open_, close):
    """q"[…]" and its kin: the outer state ends at the close and `"`, the inner ones nest."""
    inside = [(f"[^{open_}{close}]+", Str), (open_, Str, "#push"), (close, Str, "#pop")]
    return inside


class D(RegexLexer):
    tag = "d"
    states = {
        "whitespace": [
            (r"\n", Text),
            (r"\s+", Text),
        ],
        "root": [
            mixin("whitespace"),
            (r"//.*", Comment.Single),
            (r"/(\\\n)?[*](.|\n)*?[*](\\\n)?/", Comment.Multiline),
            (r"/\+", Comment.Multiline, "nested_comment"),
            (r"(" + "|".join(KEYWORDS) + r")\b", Keyword),
            (r"(" + "|".join(KEYWORDS_TYPE) + r")\b", Keyword.Type),
            (r"(false|true|null)\b", Keyword.Constant),
            (r"(" + "|".join(KEYWORDS_PSEUDO) + r")\b", Keyword.Pseudo),
            (r"macro\b", Keyword.Reserved),
            (r"(string|wstring|dstring|size_t|ptrdiff_t)\b", Name.Builtin),
            (r"0[xX]([0-9a-fA-F_]*\.[0-9a-fA-F_]+|[0-9a-fA-F_]+)[pP][+\-]?[0-9_]+[fFL]?[i]?", Num.Float),
            (r"[0-9_]+(\.[0-9_]+[eE][+\-]?[0-9_]+|\.[0-9_]*|[eE][+\-]?[0-9_]+)[fFL]?[i]?", Num.Float),
            (r"\.(0|[1-9][0-9_]*)([eE][+\-]?[0-9_]+)?[fFL]?[i]?", Num.Float),
            (r"0[Bb][01_]+", Num.Bin),
            (r"0[0-7_]+", Num.Oct),
            (r"0[xX][0-9a-fA-F_]+", Num.Hex),
            (r"(0|[1-9][0-9_]*)([LUu]|Lu|LU|uL|UL)?", Num.Integer),
            (r"""'(\\['"?\\abfnrtv]|\\x[0-9a-fA-F]{2}|\\[0-7]{1,3}|\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8}|\\&\w+;|.)'""",
             Str.Char),
            (r'r"[^"]*"[cwd]?', Str),
            (r"`[^`]*`[cwd]?", Str),
            (r'"(\\\\|\\"|[^"])*"[cwd]?', Str),
            (r"""\\(['"?\\abfnrtv]|x[0-9a-fA-F]{2}|[0-7]{1,3}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|&\w+;)""", Str),
            (r'x"[0-9a-fA-F_\s]*"[cwd]?', Str),
            (r'q"\[', Str, "delimited_bracket"),
            (r'q"\(', Str, "delimited_parenthesis"),
            (r'q"<', Str, "delimited_angle"),
            (r'q"\{', Str, "delimited_curly"),
            (r'q"([a-zA-Z_]\w*)\n.*?\n\1"', Str),
            (r'q"(.).*?\1"', Str),
            (r"q\{", Str, "token_string"),
            (r"@([a-zA-Z_]\w*)?", Name.Decorator),
            (r"(~=|\^=|%=|\*=|==|!>=|!<=|!<>=|!<>|!<|!>|!=|>>>=|>>>|>>=|>>|>=|<>=|<>|<<=|<<|<=|\+\+|\+=|--|-=|\|\||\|="
             r"|&&|&=|\.\.\.|\.\.|/=)|[/.&|\-+<>!()\[\]{}?,;:$=*%^~]", Punctuation),
            (r"[a-zA-Z_]\w*", Name),
            (r"#line\s.*\n", Comment.Special),
        ],
        "nested_comment": [
            (r"[^+/]+", Comment.Multiline),
            (r"/\+", Comment.Multiline, "#push"),
            (r"\+/", Comment.Multiline, "#pop"),
            (r"[+/]", Comment.Multiline),
        ],
        "token_string": [
            (r"\{", Punctuation, "token_string_nest"),
            (r"\}", Str, "#pop"),
            mixin("root"),
        ],
        "token_string_nest": [
            (r"\{", Punctuation, "#push"),
            (r"\}", Punctuation, "#pop"),
            mixin("root"),
        ],
        "delimited_bracket": [(r"[^\[\]]+", Str), (r"\[", Str, "delimited_inside_bracket"), (r'\]"', Str, "#pop")],
        "delimited_inside_bracket": _delimited(r"\[", r"\]"),
        "delimited_parenthesis": [(r"[^()]+", Str), (r"\(", Str, "delimited_inside_parenthesis"),
                                  (r'\)"', Str, "#pop")],
        "delimited_inside_parenthesis": _delimited(r"\(", r"\)"),
        "delimited_angle": [(r"[^<>]+", Str), (r"<", Str, "delimited_inside_angle"), (r'>"', Str, "#pop")],
        "delimited_inside_angle": _delimited("<", ">"),
        "delimited_curly": [(r"[^{}]+", Str), (r"\{", Str, "delimited_inside_curly"), (r'\}"', Str, "#pop")],
        "delimited_inside_curly": _delimited(r"\{", r"\}"),
    }
