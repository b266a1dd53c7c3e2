"""Rouge 3.30's F# lexer (rouge/lexers/fsharp.rb). Its operator table has `\\+` (a backslash and a
plus, from a %w list), so `+` alone is an Operator, as in Rouge."""
from .engine import RegexLexer, mixin
from .tokens import Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text

KEYWORDS = frozenset("""abstract and as assert base begin class default delegate do
    done downcast downto elif else end exception extern false
    finally for fun function global if in inherit inline interface
    internal lazy let let! match member module mutable namespace
    new not null of open or override private public rec return
    return! select static struct then to true try type upcast
    use use! val void when while with yield yield! sig atomic
    break checked component const constraint constructor
    continue eager event external fixed functor include method
    mixin object parallel process protected pure sealed tailcall
    trait virtual volatile""".split())
KEYOPTS = frozenset(r"""!= # & && ( ) * \+ , - -. -> . .. : :: := :> ; ;; < <- =
    > >] >} ? ?? [ [< [> [| ] _ ` { {< | |] } ~ |> <| <>""".split())
WORD_OPERATORS = frozenset("and asr land lor lsl lxor mod or".split())
PRIMITIVES = frozenset("unit int float bool string char list array".split())
OPERATOR = r"[\[\];,{}_()!$%&*+./:<=>?@^|~#-]+"
ID = r"(?i:([a-z][\w']*)|(``[^`\n\r\t]+``))"
UPPER_ID = r"[A-Z][\w']*"


def _word(lexer, m):
    word = m.group()
    lexer.token(Keyword if word in KEYWORDS else Operator.Word if word in WORD_OPERATORS
                else Keyword.Type if word in PRIMITIVES else Name)


def _nested(lexer, m):
    lexer.token(Comment)
    lexer.push()


class FSharp(RegexLexer):
    tag = "fsharp"
    states = {
        "root": [
            (r"(?s)\s+", Text),
            (r"false|true|[(][)]|\[\]", Name.Builtin.Pseudo),
            (UPPER_ID + r"(?=\s*[.])", Name.Namespace, "dotted"),
            (UPPER_ID, Name.Class),
            (r"[(][*](?![)])", Comment, "comment"),
            (r"//.*?$", Comment.Single),
            (ID, _word),
            (OPERATOR, lambda lexer, m: lexer.token(Punctuation if m.group() in KEYOPTS else Operator)),
            (r"(?i)-?\d[\d_]*(.[\d_]*)?(e[+-]?\d[\d_]*)", Num.Float),
            (r"(?i)0x[0-9a-fA-F][0-9a-fA-F_]*", Num.Hex),
            (r"(?i)0o[0-7][0-7_]*", Num.Oct),
            (r"(?i)0b[01][01_]*", Num.Bin),
            (r"\d[\d_]*", Num.Integer),
            (r"'(?:(\\[\\\"'ntbr ])|(\\[0-9]{3})|(\\x[0-9a-fA-F]{2}))'", Str.Char),
            (r"'[.]'", Str.Char),
            (r"'", Keyword),
            (r'"', Str.Double, "string"),
            (r"[~?]" + ID, Name.Variable),
        ],
        "comment": [
            (r"[^(*)]+", Comment),
            (r"[(][*]", _nested),
            (r"[*][)]", Comment, "#pop"),
            (r"[(*)]", Comment),
        ],
        "string": [
            (r'[^\\"]+', Str.Double),
            mixin("escape_sequence"),
            (r"\\\n", Str.Double),
            (r'"', Str.Double, "#pop"),
        ],
        "escape_sequence": [
            (r"\\[\\\"'ntbr]", Str.Escape),
            (r"\\\d{3}", Str.Escape),
            (r"\\x[0-9a-fA-F]{2}", Str.Escape),
        ],
        "dotted": [
            (r"(?s)\s+", Text),
            (r"[.]", Punctuation),
            (UPPER_ID + r"(?=\s*[.])", Name.Namespace),
            (UPPER_ID, Name.Class, "#pop"),
            (ID, Name, "#pop"),
            (r"\[", Punctuation, "#pop"),
        ],
    }
