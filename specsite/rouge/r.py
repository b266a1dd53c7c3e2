"""Rouge 3.30's R lexer (rouge/lexers/r.rb). Its function rule's `\\b(?<!.)` holds wherever a word
starts (nothing is before the scan position); [[:alpha:]] and [[:alnum:]] are Unicode."""
from .engine import RegexLexer
from .tokens import Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text

KEYWORDS = frozenset("if else for while repeat in next break function".split())
KEYWORD_CONSTANTS = frozenset("""NULL Inf TRUE FALSE NaN NA
    NA_integer_ NA_real_ NA_complex_ NA_character_""".split())
BUILTIN_CONSTANTS = frozenset("LETTERS letters month.abb month.name pi T F".split())
PRIMITIVE_FUNCTIONS = """abs acos acosh all any anyNA Arg as.call as.character
    as.complex as.double as.environment as.integer as.logical
    as.null.default as.numeric as.raw asin asinh atan atanh attr
    attributes baseenv browser c call ceiling class Conj cos cosh
    cospi cummax cummin cumprod cumsum digamma dim dimnames
    emptyenv exp expression floor forceAndCall gamma gc.time
    globalenv Im interactive invisible is.array is.atomic is.call
    is.character is.complex is.double is.environment is.expression
    is.finite is.function is.infinite is.integer is.language
    is.list is.logical is.matrix is.na is.name is.nan is.null
    is.numeric is.object is.pairlist is.raw is.recursive is.single
    is.symbol lazyLoadDBfetch length lgamma list log max min
    missing Mod names nargs nzchar oldClass on.exit pos.to.env
    proc.time prod quote range Re rep retracemem return round
    seq_along seq_len seq.int sign signif sin sinh sinpi sqrt
    standardGeneric substitute sum switch tan tanh tanpi tracemem
    trigamma trunc unclass untracemem UseMethod xtfrm""".split()
ALPHA = r"[^\W\d_]"


def _word(lexer, m):
    word = m.group()
    lexer.token(Keyword if word in KEYWORDS else Keyword.Constant if word in KEYWORD_CONSTANTS
                else Name.Builtin if word in BUILTIN_CONSTANTS else Name)


class R(RegexLexer):
    tag = "r"
    states = {
        "root": [
            (r"#'.*?$", Comment.Doc),
            (r"#.*?$", Comment.Single),
            (r"(?s)\s+", Text.Whitespace),
            (r"`[^`]+?`", Name),
            (r"(?s)'(\\.|.)*?'", Str.Single),
            (r'(?s)"(\\.|.)*?"', Str.Double),
            (r"%[^%]*?%", Operator),
            (r"0[xX][a-fA-F0-9]+([pP][0-9]+)?[Li]?", Num.Hex),
            (r"[+-]?(\d+([.]\d+)?|[.]\d+)([eE][+-]?\d+)?[Li]?", Num),
            (r"(?=\w)(" + "|".join(p.replace(".", r"\.") for p in PRIMITIVE_FUNCTIONS) + r")(?=\()", Name.Function),
            (r"(?u)(?:(?:" + ALPHA + r"|[.][._]|[.]" + ALPHA + r")(?:[._]|[^\W_])*)|[.]", _word),
            (r"[\[\]{}();,]", Punctuation),
            (r"[-<>?*+^/!=~$@:%&|]", Operator),
        ],
    }
