"""Rouge 3.30's OCaml lexer (rouge/lexers/ocaml.rb on ocaml/common.rb)."""
from .engine import RegexLexer, mixin
from .tokens import Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text

KEYWORDS = frozenset("""as assert begin class constraint do done downto else end
    exception external false for fun function functor if in
    include inherit initializer lazy let module mutable new
    nonrec object of open rec sig struct then to true try type
    val virtual when while with match raise""".split())  # (OCamlCommon's and OCaml's)
WORD_OPERATORS = frozenset("and asr land lor lsl lxor mod or".split())
PRIMITIVES = frozenset("unit int float bool string char list array".split())
OPERATOR = r"[;,_!$%&*+./:<=>?@^|~#-]+"
ID = r"(?i:[a-z_][\w']*)"
UPPER_ID = r"(?:[A-Z][\w']*)"


def _word(lexer, m):
    word = m.group()
    lexer.token(Keyword if word in KEYWORDS else Operator.Word if word in WORD_OPERATORS
                else Keyword.Type if word in PRIMITIVES else Name)


def _nested(lexer, m):
    lexer.token(Comment)
    lexer.push()


COMMON = {
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
        (r"[({\[]", Punctuation, "#pop"),
    ],
}


class OCaml(RegexLexer):
    tag = "ocaml"
    states = {
        **COMMON,
        "root": [
            (r"(?s)\s+", Text),
            (r"false|true|[(][)]|\[\]", Name.Builtin.Pseudo),
            (UPPER_ID + r"(?=\s*[.])", Name.Namespace, "dotted"),
            (r"`" + ID, Name.Tag),
            (UPPER_ID, Name.Class),
            (r"[(][*](?![)])", Comment, "comment"),
            (ID, _word),
            (r"[(){}\[\];]+", Punctuation),
            (OPERATOR, Operator),
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
    }
