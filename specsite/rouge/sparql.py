"""Rouge 3.30's SPARQL lexer (rouge/lexers/sparql.rb); [[:word:]] is Python's (?u)\\w."""
from .engine import RegexLexer, groups, mixin
from .tokens import Comment, Error, Keyword, Name, Num, Operator, Punctuation, Str, Text

BUILTINS = frozenset("""ABS AVG BNODE BOUND CEIL COALESCE CONCAT CONTAINS COUNT DATATYPE DAY
    ENCODE_FOR_URI FLOOR GROUP_CONCAT HOURS IF IRI isBLANK isIRI
    isLITERAL isNUMERIC isURI LANG LANGMATCHES LCASE MAX MD5 MIN MINUTES
    MONTH NOW RAND REGEX REPLACE ROUND SAMETERM SAMPLE SECONDS SEPARATOR
    SHA1 SHA256 SHA384 SHA512 STR STRAFTER STRBEFORE STRDT STRENDS
    STRLANG STRLEN STRSTARTS STRUUID SUBSTR SUM TIMEZONE TZ UCASE URI
    UUID YEAR""".split())
KEYWORDS = frozenset("""ADD ALL AS ASC ASK BASE BIND BINDINGS BY CLEAR CONSTRUCT COPY CREATE
    DATA DEFAULT DELETE DESC DESCRIBE DISTINCT DROP EXISTS FILTER FROM
    GRAPH GROUP BY HAVING IN INSERT LIMIT LOAD MINUS MOVE NAMED NOT
    OFFSET OPTIONAL ORDER PREFIX SELECT REDUCED SERVICE SILENT TO UNDEF
    UNION USING VALUES WHERE WITH""".split())


def _prefixed(lexer, m):
    lexer.token(Name.Namespace, m.group(1))
    lexer.token(Operator, m.group(2))
    lexer.token(Str.Symbol, m.group(3))


def _word(lexer, m):
    word = m.group().upper()
    lexer.token(Name.Builtin if word in BUILTINS else Keyword if word in KEYWORDS else Error)


def _end(tok):
    def callback(lexer, m):
        lexer.token(tok)
        lexer.goto("string_end")
    return callback


class SPARQL(RegexLexer):
    tag = "sparql"
    states = {
        "root": [
            (r"(?s)\s+", Text.Whitespace),
            (r"#.*", Comment.Single),
            (r'"""', Str.Double, "string_double_literal"),
            (r'"', Str.Double, "string_double"),
            (r"'''", Str.Single, "string_single_literal"),
            (r"'", Str.Single, "string_single"),
            (r"(?u)[$?]\w+", Name.Variable),
            (r"(?u)([\w-]*)(:)([\w-]+)?", _prefixed),
            (r"<[^>]*>", Name.Namespace),
            (r"(?i)true|false", Keyword.Constant),
            (r"a\b", Keyword),
            (r"(?u)(?i)[A-Z]\w+\b", _word),
            (r"(?i)[+\-]?(?:\d+\.\d*|\.\d+)(?:[e][+\-]?[0-9]+)?", Num.Float),
            (r"[+\-]?\d+", Num.Integer),
            (r"[\]\[(){}.,;=]", Punctuation),
            (r"[/?*+=!<>]|&&|\|\||\^\^", Operator),
        ],
        "string_double_common": [
            mixin("string_escapes"),
            (r"\\", Str.Double),
            (r'[^"\\]+', Str.Double),
        ],
        "string_double": [
            (r'"', _end(Str.Double)),
            mixin("string_double_common"),
        ],
        "string_double_literal": [
            (r'"""', _end(Str.Double)),
            (r'"', Str.Double),
            mixin("string_double_common"),
        ],
        "string_single_common": [
            mixin("string_escapes"),
            (r"\\", Str.Single),
            (r"[^'\\]+", Str.Single),
        ],
        "string_single": [
            (r"'", _end(Str.Single)),
            mixin("string_single_common"),
        ],
        "string_single_literal": [
            (r"'''", _end(Str.Single)),
            (r"'", Str.Single),
            mixin("string_single_common"),
        ],
        "string_escapes": [
            (r"\\[tbnrf\"'\\]", Str.Escape),
            (r"\\u[0-9a-fA-F]{4}", Str.Escape),
            (r"\\U[0-9a-fA-F]{8}", Str.Escape),
        ],
        "string_end": [
            (r"(@)([a-zA-Z]+(?:-[a-zA-Z0-9]+)*)", groups(Operator, Name.Property)),
            (r"\^\^", Operator),
            (r"", lambda lexer, m: lexer.pop()),
        ],
    }
