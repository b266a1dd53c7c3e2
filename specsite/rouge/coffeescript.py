"""Rouge 3.30's CoffeeScript lexer (rouge/lexers/coffeescript.rb). Its operator rule's word
alternatives (\\band\\b …) start at the scan position, where Ruby's \\b sees no character before."""
from .engine import RegexLexer, groups, mixin
from .tokens import Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text

KEYWORDS = frozenset("""for by while until loop break continue return
    switch when then if else do yield throw try catch finally await
    new delete typeof instanceof super extends this class
    import export debugger""".split())
CONSTANTS = frozenset("true false yes no on off null NaN Infinity undefined".split())
BUILTINS = frozenset("""Array Boolean Date Error Function Math netscape Number Object
    Packages RegExp String sun decodeURI decodeURIComponent
    encodeURI encodeURIComponent eval isFinite isNaN parseFloat
    parseInt document window""".split())
ID = r"[$a-zA-Z_][a-zA-Z0-9_]*"


def _push_after(*tokens):
    def callback(lexer, m):
        lexer.groups(*tokens)
        lexer.push("slash_starts_regex")
    return callback


def _word(lexer, m):
    word = m.group()
    lexer.token(Keyword if word in KEYWORDS else Name.Constant if word in CONSTANTS
                else Name.Builtin if word in BUILTINS else Name.Other)
    lexer.push("slash_starts_regex")


def _regex_begin(lexer, m):
    lexer.token(Str.Regex)
    lexer.goto("multiline_regex")


class Coffeescript(RegexLexer):
    tag = "coffeescript"
    states = {
        "comments": [
            (r"(?s)###[^#].*?###", Comment.Multiline),
            (r"#.*$", Comment.Single),
        ],
        "whitespace": [(r"(?s)\s+", Text)],
        "regex_comment": [
            (r"^#(?!\{).*$", Comment.Single),
            (r"(\s+)(#(?!\{).*)$", groups(Text, Comment.Single)),
        ],
        "multiline_regex_begin": [(r"///", _regex_begin)],
        "multiline_regex_end": [(r"///([gimy]+\b|\B)", Str.Regex, "#pop")],
        "multiline_regex": [
            mixin("multiline_regex_end"),
            mixin("regex_comment"),
            mixin("has_interpolation"),
            mixin("comments"),
            mixin("whitespace"),
            mixin("code_escape"),
            (r"\\\D", Str.Escape),
            (r"\\\d+", Name.Variable),
            (r"(?s).", Str.Regex),
        ],
        "slash_starts_regex": [
            mixin("comments"),
            mixin("whitespace"),
            mixin("multiline_regex_begin"),
            (r"/(\\.|[^\[/\\\n]|\[(\\.|[^\]\\\n])*\])+/([gimy]+\b|\B)", Str.Regex, "#pop"),
            (r"", lambda lexer, m: lexer.pop()),
        ],
        "root": [
            (r"^(?=\s|/|<!--)", lambda lexer, m: lexer.push("slash_starts_regex")),
            mixin("comments"),
            mixin("whitespace"),
            (r"[+][+]|--|~|&&|and\b|or\b|is\b|isnt\b|not\b|in\b|of\b|[?]|:|=|[|][|]|\\(?=\n)"
             r"|(<<|>>>?|==?|!=?|[-<>+*`%&|^/])=?", Operator, "slash_starts_regex"),
            (r"[-=]>", Name.Function),
            (r"(@)([ \t]*)(" + ID + ")", _push_after(Name.Variable.Instance, Text, Name.Attribute)),
            (r"([.])([ \t]*)(" + ID + ")", _push_after(Punctuation, Text, Name.Attribute)),
            (ID + r"(?=\s*:)", Name.Attribute, "slash_starts_regex"),
            (ID, _word),
            (r"[{(\[;,]", Punctuation, "slash_starts_regex"),
            (r"[})\].]", Punctuation),
            (r"\d+[.]\d+([eE]\d+)?[fd]?", Num.Float),
            (r"0x[0-9a-fA-F]+", Num.Hex),
            (r"\d+", Num.Integer),
            (r'"""', Str, "tdqs"),
            (r"'''", Str, "tsqs"),
            (r'"', Str, "dqs"),
            (r"'", Str, "sqs"),
        ],
        "code_escape": [(r"\\(c[A-Z]|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|u\{[0-9a-fA-F]{4}\})", Str.Escape)],
        "strings": [
            (r"(?s)[^#\\'\"]+", Str),
            mixin("code_escape"),
            (r"\\.", Str.Escape),
            (r"#", Str),
        ],
        "double_strings": [
            (r"'", Str),
            mixin("has_interpolation"),
            mixin("strings"),
        ],
        "single_strings": [
            (r'"', Str),
            mixin("strings"),
        ],
        "interpolation": [
            (r"}", Str.Interpol, "#pop"),
            mixin("root"),
        ],
        "has_interpolation": [(r"[#][{]", Str.Interpol, "interpolation")],
        "dqs": [
            (r'"', Str, "#pop"),
            mixin("double_strings"),
        ],
        "tdqs": [
            (r'"""', Str, "#pop"),
            (r'"', Str),
            mixin("double_strings"),
        ],
        "sqs": [
            (r"'", Str, "#pop"),
            mixin("single_strings"),
        ],
        "tsqs": [
            (r"'''", Str, "#pop"),
            (r"'", Str),
            mixin("single_strings"),
        ],
    }
