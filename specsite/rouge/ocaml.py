"""Rouge 3.30's OCaml (rouge/lexers/ocaml.rb, on ocaml/common.rb) and F# (fsharp.rb) lexers."""
from .engine import RegexLexer, mixin
from .tokens import Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text


def _word(lexer, m):
    word, cls = m.group(), type(lexer)
    lexer.token(Keyword if word in cls.KEYWORDS else Operator.Word if word in cls.WORD_OPERATORS
                else Keyword.Type if word in cls.PRIMITIVES else Name)


def _operator(lexer, m):
    """F#'s operator run: one of its key operators is punctuation, any other run an operator."""
    lexer.token(Punctuation if m.group() in type(lexer).KEYOPTS else Operator)


def _nested_comment(lexer, m):
    lexer.token(Comment)
    lexer.push()


_COMMENT = [
    (r"[^(*)]+", Comment),
    (r"[(][*]", _nested_comment),
    (r"[*][)]", Comment, "#pop"),
    (r"[(*)]", Comment),
]
_STRING = {
    "string": [
        (r'[^\\"]+', Str.Double),
        mixin("escape_sequence"),
        (r"\\\n", Str.Double),
        (r'"', Str.Double, "#pop"),
    ],
    "escape_sequence": [
        (r"""\\[\\"'ntbr]""", Str.Escape),
        (r"\\\d{3}", Str.Escape),
        (r"\\x[0-9a-fA-F]{2}", Str.Escape),
    ],
}
_NUMBERS = [
    (r"(?i)-?\d[\d_]*(.[\d_]*)?(e[+-]?\d[\d_]*)", Num.Float),
    (r"(?i)0x[0-9a-fA-F][0-9a-fA-F_]*", Num.Hex),
    (r"(?i)0o[0-7][0-7_]*", Num.Oct),
    (r"(?i)0b[01][01_]*", Num.Bin),
    (r"\d[\d_]*", Num.Integer),
    (r"""'(?:(\\[\\"'ntbr ])|(\\[0-9]{3})|(\\x[0-9a-fA-F]{2}))'""", Str.Char),
    (r"'[.]'", Str.Char),
    (r"'", Keyword),
    (r'"', Str.Double, "string"),
]

_OCAML_ID = r"(?i)[a-z_][\w']*"
_UPPER_ID = r"[A-Z][\w']*"


class OCaml(RegexLexer):
    tag = "ocaml"
    KEYWORDS = frozenset("""as assert begin class constraint do done downto else end exception external
        false for fun function functor if in include inherit initializer lazy let module mutable new
        nonrec object of open rec sig struct then to true try type val virtual when while with
        match raise""".split())
    WORD_OPERATORS = frozenset("and asr land lor lsl lxor mod or".split())
    PRIMITIVES = frozenset("unit int float bool string char list array".split())
    states = {
        "root": [
            (r"\s+", Text),
            (r"false|true|[(][)]|\[\]", Name.Builtin.Pseudo),
            (_UPPER_ID + r"(?=\s*[.])", Name.Namespace, "dotted"),
            (r"(?i)`[a-z_][\w']*", Name.Tag),
            (_UPPER_ID, Name.Class),
            (r"[(][*](?![)])", Comment, "comment"),
            (_OCAML_ID, _word),
            (r"[(){}\[\];]+", Punctuation),
            (r"[;,_!$%&*+./:<=>?@^|~#-]+", Operator),
            *_NUMBERS,
            (r"(?i)[~?][a-z_][\w']*", Name.Variable),
        ],
        "comment": _COMMENT,
        **_STRING,
        "dotted": [
            (r"\s+", Text),
            (r"[.]", Punctuation),
            (_UPPER_ID + r"(?=\s*[.])", Name.Namespace),
            (_UPPER_ID, Name.Class, "#pop"),
            (_OCAML_ID, Name, "#pop"),
            (r"[({\[]", Punctuation, "#pop"),
        ],
    }


_FSHARP_ID = r"(?i)([a-z][\w']*)|(``[^`\n\r\t]+``)"


class FSharp(RegexLexer):
    tag = "fsharp"
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
    KEYOPTS = frozenset("""!= # & && ( ) * \\+ , - -. -> . .. : :: := :> ; ;; < <- =
        > >] >} ? ?? [ [< [> [| ] _ ` { {< | |] } ~ |> <| <>""".split())
    WORD_OPERATORS = frozenset("and asr land lor lsl lxor mod or".split())
    PRIMITIVES = frozenset("unit int float bool string char list array".split())
    states = {
        "root": [
            (r"\s+", Text),
            (r"false|true|[(][)]|\[\]", Name.Builtin.Pseudo),
            (_UPPER_ID + r"(?=\s*[.])", Name.Namespace, "dotted"),
            (_UPPER_ID, Name.Class),
            (r"[(][*](?![)])", Comment, "comment"),
            (r"//.*?$", Comment.Single),
            (_FSHARP_ID, _word),
            (r"[\[\];,{}_()!$%&*+./:<=>?@^|~#-]+", _operator),
            *_NUMBERS,
            (r"(?i)[~?](?:([a-z][\w']*)|(``[^`\n\r\t]+``))", Name.Variable),
        ],
        "comment": _COMMENT,
        **_STRING,
        "dotted": [
            (r"\s+", Text),
            (r"[.]", Punctuation),
            (_UPPER_ID + r"(?=\s*[.])", Name.Namespace),
            (_UPPER_ID, Name.Class, "#pop"),
            (_FSHARP_ID, Name, "#pop"),
            (r"\[", Punctuation, "#pop"),
        ],
    }
