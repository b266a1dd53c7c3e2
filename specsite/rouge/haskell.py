"""Rouge 3.30's Haskell lexer (rouge/lexers/haskell.rb)."""
from .engine import RegexLexer, mixin
from .tokens import Comment, Error, Keyword, Name, Num, Operator, Punctuation, Str, Text

RESERVED = frozenset("""_ case class data default deriving do else if in infix infixl infixr
    instance let newtype of then type where""".split())
ASCII = "|".join("""NUL SOH [SE]TX EOT ENQ ACK BEL BS HT LF VT FF CR S[OI] DLE
    DC[1-4] NAK SYN ETB CAN EM SUB ESC [FGRU]S SP DEL""".split())
SYMBOLS = r"[:!#\$\%&*+.\\/<=>?@^\|~-]"


def _word(lexer, m):
    word = m.group()
    if word == "import":
        lexer.token(Keyword.Reserved)
        lexer.push("import")
    elif word == "module":
        lexer.token(Keyword.Reserved)
        lexer.push("module")
    elif word in RESERVED:
        lexer.token(Keyword.Reserved)
    elif word[:1] == "'" and word[1:2].isascii() and word[1:2].isupper() or word[:1].isascii() and word[:1].isupper():
        lexer.token(Keyword.Type)
    else:
        lexer.token(Name)


def _quasiquote(lexer, m):
    lexer.token(Operator, m.group(1))
    lexer.token(Name, m.group(2))
    lexer.token(Operator, m.group(3))
    lexer.push("quasiquotation")


def _then(action, *tokens):
    def callback(lexer, m):
        lexer.groups(*tokens)
        if action == "#pop":
            lexer.pop()
        elif action.startswith("push:"):
            lexer.push(action[5:])
        else:
            lexer.goto(action)
    return callback


def _char_escape(lexer, m):
    lexer.token(Str.Escape)
    lexer.goto("character_end")
    lexer.push("escape")


def _char(lexer, m):
    lexer.token(Str.Char)
    lexer.goto("character_end")


class Haskell(RegexLexer):
    tag = "haskell"
    states = {
        "basic": [
            (r"(?s)\s+", Text),
            (r"{-#", Comment.Preproc, "comment_preproc"),
            (r"{-", Comment.Multiline, "comment"),
            (r"^--\s+\|.*?$", Comment.Doc),
            (r"--(?![!#\$\%&*+./<=>?@\^\|_~]).*?$", Comment.Single),
        ],
        "comment": [
            (r"-}", Comment.Multiline, "#pop"),
            (r"{-", Comment.Multiline, "comment"),
            (r"[^-{}]+", Comment.Multiline),
            (r"[-{}]", Comment.Multiline),
        ],
        "comment_preproc": [
            (r"-}", Comment.Preproc, "#pop"),
            (r"{-", Comment.Preproc, "comment"),
            (r"[^-{}]+", Comment.Preproc),
            (r"[-{}]", Comment.Preproc),
        ],
        "root": [
            mixin("basic"),
            (r"'(?=(?:.|\\\S+)')", Str.Char, "character"),
            (r'"', Str, "string"),
            (r"(?i)\d+e[+-]?\d+", Num.Float),
            (r"(?i)\d+\.\d+(e[+-]?\d+)?", Num.Float),
            (r"(?i)0o[0-7]+", Num.Oct),
            (r"(?i)0x[\da-f]+", Num.Hex),
            (r"\d+", Num.Integer),
            (r"[\w']+", _word),
            (r"\\(?!" + SYMBOLS + "+)", Name.Function),
            (r"(<-|::|->|=>|=)(?!" + SYMBOLS + "+)", Operator),
            (r":" + SYMBOLS + "*", Operator),
            (SYMBOLS + "+", Operator),
            (r"\[\s*\]", Keyword.Type),
            (r"\(\s*\)", Name.Builtin),
            (r"(\[)([_a-z][\w']*)(\|)", _quasiquote),
            (r"[\[\](),;`{}]", Punctuation),
        ],
        "import": [
            (r"\s+", Text),
            (r'"', Str, "string"),
            (r"\bqualified\b", Keyword),
            (r"([A-Z][\w.]*)(\s+)(as)(\s+)([A-Z][a-zA-Z0-9_.]*)",
             _then("#pop", Name.Namespace, Text, Keyword, Text, Name)),
            (r"([A-Z][\w.]*)(\s+)(hiding)(\s+)(\()",
             _then("funclist", Name.Namespace, Text, Keyword, Text, Punctuation)),
            (r"([A-Z][\w.]*)(\s+)(\()", _then("funclist", Name.Namespace, Text, Punctuation)),
            (r"[\w.]+", Name.Namespace, "#pop"),
        ],
        "module": [
            (r"\s+", Text),
            (r"([A-Z][\w.]*)(\s+)(\()", _then("push:funclist", Name.Namespace, Text, Punctuation)),
            (r"\bwhere\b", Keyword.Reserved, "#pop"),
            (r"[A-Z][a-zA-Z0-9_.]*", Name.Namespace, "#pop"),
        ],
        "funclist": [
            mixin("basic"),
            (r"[A-Z]\w*", Keyword.Type),
            (r"(_[\w']+|[a-z][\w']*)", Name.Function),
            (r",", Punctuation),
            (r"[:!#\$\%&*+.\\/<=>?@^\|~-]+", Operator),
            (r"\(", Punctuation, "funclist"),
            (r"\)", Punctuation, "#pop"),
        ],
        "character": [
            (r"\\", _char_escape),
            (r".", _char),
        ],
        "character_end": [
            (r"'", Str.Char, "#pop"),
            (r".", Error, "#pop"),
        ],
        "quasiquotation": [
            (r"\|\]", Operator, "#pop"),
            (r"(?s)[^\|]+", Text),
            (r"\|", Text),
        ],
        "string": [
            (r'"', Str, "#pop"),
            (r"\\", Str.Escape, "escape"),
            (r'[^\\"]+', Str),
        ],
        "escape": [
            (r"[abfnrtv\"'&\\]", Str.Escape, "#pop"),
            (r"\^[\]\[A-Z@\^_]", Str.Escape, "#pop"),
            (ASCII, Str.Escape, "#pop"),
            (r"(?i)o[0-7]+", Str.Escape, "#pop"),
            (r"(?i)x[\da-f]+", Str.Escape, "#pop"),
            (r"\d+", Str.Escape, "#pop"),
            (r"\s+\\", Str.Escape, "#pop"),
        ],
    }
