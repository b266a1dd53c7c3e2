"""Rouge 3.30's Solidity lexer (rouge/lexers/solidity.rb); word lists printed from Rouge (its
`msg.sender`-like builtins never match: a name has no dot)."""
from .engine import RegexLexer, mixin
from .tokens import Comment, Error, Keyword, Name, Num, Operator, Punctuation, Str, Text

KEYWORDS = frozenset("""abstract anonymous as assembly break catch calldata constant constructor continue contract
    do delete else emit enum event external fallback for function hex if indexed interface
    internal import is library mapping memory modifier new override payable public pure
    pragma private receive return returns storage struct throw try type using var view
    virtual while""".split())
BUILTINS = frozenset("""now false true balance selector super this blockhash gasleft assert require revert
    selfdestruct suicide call callcode delegatecall send transfer addmod ecrecover keccak256
    mulmod sha256 sha3 ripemd160 abi.decode abi.encode abi.encodePacked
    abi.encodeWithSelector abi.encodeWithSignature block.coinbase block.difficulty
    block.gaslimit block.hash block.number block.timestamp msg.data msg.gas msg.sender
    msg.sig msg.value tx.gasprice tx.origin""".split())
CONSTANTS = frozenset("""wei finney szabo ether seconds minutes hours days weeks years""".split())
KEYWORDS_TYPE = frozenset("""address bool byte bytes int string uint""".split())
RESERVED = frozenset("""alias after apply auto case copyof default define final fixed immutable implements in inline
    let macro match mutable null of partial promise reference relocatable sealed sizeof
    static supports switch typedef typeof ufixed unchecked""".split())
ID = r"[a-zA-Z$_][\w$_]*"


def _word(lexer, m):
    name = m.group()
    lexer.token(Keyword if name in KEYWORDS else Name.Builtin if name in BUILTINS
                else Keyword.Constant if name in CONSTANTS else Keyword.Type if name in KEYWORDS_TYPE
                else Keyword.Reserved if name in RESERVED else Name)


def _pop(lexer, m):
    lexer.pop()


class Solidity(RegexLexer):
    tag = "solidity"

    def start(self):
        self.push("bol")

    states = {
        "expr_bol": [
            mixin("inline_whitespace"),
            (r"", _pop),
        ],
        "bol": [mixin("expr_bol")],
        "inline_whitespace": [
            (r"[ \t\r]+", Text),
            (r"\\\n", Text),  # (a line continuation)
            (r"/\*", Comment.Multiline, "comment_multi"),
        ],
        "whitespace": [
            (r"(?s)\n+", Text, "bol"),
            (r"//(\\.|.)*?\n", Comment.Single, "bol"),
            mixin("inline_whitespace"),
        ],
        "expr_whitespace": [
            (r"(?s)\n+", Text, "expr_bol"),
            mixin("whitespace"),
        ],
        "statements": [
            mixin("whitespace"),
            (r'(hex)?"', Str, "string_double"),
            (r"(hex)?'", Str, "string_single"),
            (r"(?i)'(\\.|\\[0-7]{1,3}|\\x[a-f0-9]{1,2}|[^\\'\n])'", Str.Char),
            (r"(?i)\d\d*\.\d+([eE]\d+)?", Num.Float),
            (r"(?i)0x[0-9a-f]+", Num.Hex),
            (r"(?i)\d+([eE]\d+)?", Num.Integer),
            (r"\*/", Error),
            (r"[~!%^&*+=\|?:<>/-]", Operator),
            (r"[()\[\],.]", Punctuation),
            (r"u?fixed\d+x\d+", Keyword.Reserved),
            (r"bytes\d+", Keyword.Type),
            (r"u?int\d+", Keyword.Type),
            (ID, _word),
        ],
        "root": [
            mixin("expr_whitespace"),
            (r"", lambda lexer, m: lexer.push("statement")),
        ],
        "statement": [
            (r";", Punctuation, "#pop"),
            mixin("expr_whitespace"),
            mixin("statements"),
            (r"[{}]", Punctuation),
        ],
        "string_common": [
            (r"\\(u[a-fA-F0-9]{4}|x..|[^x])", Str.Escape),
            (r"[^\\\"'\n]+", Str),
            (r"\\\n", Str),  # (a line continuation)
            (r"\\", Str),  # (a stray backslash)
        ],
        "string_double": [
            mixin("string_common"),
            (r'"', Str, "#pop"),
            (r"'", Str),
        ],
        "string_single": [
            mixin("string_common"),
            (r"'", Str, "#pop"),
            (r'"', Str),
        ],
        "comment_multi": [
            (r"\*/", Comment.Multiline, "#pop"),
            (r"[^*/]+", Comment.Multiline),
            (r"[*/]", Comment.Multiline),
        ],
    }
