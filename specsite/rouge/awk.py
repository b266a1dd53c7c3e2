"""Rouge 3.30's Awk lexer (rouge/lexers/awk.rb). Its `(?<=\\n)(?=\\s|/)` rule starts with a
lookbehind, which never holds at the scan position: it is left out."""
from .engine import RegexLexer, mixin
from .tokens import Comment, Error, Keyword, Name, Num, Operator, Punctuation, Str, Text

KEYWORDS = frozenset("""if else while for do break continue return next nextfile delete
    exit print printf getline""".split())
DECLARATIONS = frozenset(("function",))
RESERVED = frozenset(("BEGIN", "END"))
CONSTANTS = frozenset("CONVFMT FS NF NR FNR FILENAME RS OFS ORS OFMT SUBSEP ARGC ARGV ENVIRON".split())
BUILTINS = frozenset("""exp log sqrt sin cos atan2 length rand srand int substr index match
    split sub gsub sprintf system tolower toupper""".split())


def _then(tok, how, state):
    def callback(lexer, m):
        lexer.token(tok)
        getattr(lexer, how)(state)
    return callback


def _group_error(lexer, m):
    lexer.token(Error)
    lexer.pop(2)


def _ternary(lexer, m):
    lexer.token(Punctuation)
    lexer.push("ternary")
    lexer.push("expr_start")


def _word(lexer, m):
    word = m.group()
    if word in KEYWORDS:
        lexer.token(Keyword)
        lexer.push("expr_start")
    elif word in DECLARATIONS:
        lexer.token(Keyword.Declaration)
        lexer.push("expr_start")
    else:
        lexer.token(Keyword.Reserved if word in RESERVED else Keyword.Constant if word in CONSTANTS
                    else Name.Builtin if word in BUILTINS else Name.Variable if word.startswith("$")
                    else Name.Other)


class Awk(RegexLexer):
    tag = "awk"
    states = {
        "comments_and_whitespace": [
            (r"\s+", Text),
            (r"#.*?$", Comment.Single),
        ],
        "expr_start": [
            mixin("comments_and_whitespace"),
            (r"/", _then(Str.Regex, "goto", "regex")),
            (r"", Text, "#pop"),
        ],
        "regex": [
            (r"/", _then(Str.Regex, "goto", "regex_end")),
            (r"[^/]\n", Error, "#pop"),
            (r"\n", Error, "#pop"),
            (r"\[\^", Str.Escape, "regex_group"),
            (r"\[", Str.Escape, "regex_group"),
            (r"\\.", Str.Escape),
            (r"[(][?][:=<!]", Str.Escape),
            (r"[{][\d,]+[}]", Str.Escape),
            (r"[()?]", Str.Escape),
            (r".", Str.Regex),
        ],
        "regex_end": [(r"", lambda lexer, m: lexer.pop())],
        "regex_group": [
            (r"/", Str.Escape),
            (r"[^/]\n", _group_error),
            (r"\]", Str.Escape, "#pop"),
            (r"\\.", Str.Escape),
            (r".", Str.Regex),
        ],
        "bad_regex": [(r"[^\n]+", Error, "#pop")],
        "root": [
            mixin("comments_and_whitespace"),
            (r"[-<>+*/%\^!=]=?|in\b|\+\+|--|\|", Operator, "expr_start"),
            (r"&&|\|\||~!?", Operator, "expr_start"),
            (r"[(\[,]", Punctuation, "expr_start"),
            (r";", Punctuation, "statement"),
            (r"[)\].]", Punctuation),
            (r"[?]", _ternary),
            (r"[{}]", Punctuation, "statement"),
            (r"[$a-zA-Z_][a-zA-Z0-9_]*", _word),
            (r"[0-9]+\.[0-9]+", Num.Float),
            (r"[0-9]+", Num.Integer),
            (r'"(\\[\\"]|[^"])*"', Str.Double),
            (r":", Punctuation),
        ],
        "statement": [
            (r"[{}]", Punctuation),
            mixin("expr_start"),
        ],
        "ternary": [
            (r":", _then(Punctuation, "goto", "expr_start")),
            mixin("root"),
        ],
    }
