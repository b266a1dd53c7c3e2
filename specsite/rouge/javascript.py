"""Rouge 3.30's JavaScript lexer (rouge/lexers/javascript.rb) and TypeScript
(typescript.rb, typescript/common.rb: more words, two rules prepended to root and statement)."""
from .engine import RegexLexer, mixin
from .tokens import Comment, Error, Keyword, Name, Num, Operator, Punctuation, Str, Text

ID = r"(?:[^\W\d]|\$)\w*"  # ([\p{L}\p{Nl}$_][\p{Word}]*, with (?u))


def _then(tok, state, how="goto"):
    def callback(lexer, m):
        lexer.token(tok)
        getattr(lexer, how)(state)
    return callback


def _regex_group_error(lexer, m):
    lexer.token(Error)
    lexer.pop(2)


def _ternary(lexer, m):
    lexer.token(Punctuation)
    lexer.push("ternary")
    lexer.push("expr_start")


def _decorator(lexer, m):
    lexer.groups(Punctuation, Name.Decorator)
    lexer.push("expr_start")


def _word(lexer, m):
    word, cls = m.group(), type(lexer)
    if word in cls.KEYWORDS:
        lexer.token(Keyword)
        lexer.push("expr_start")
    elif word in cls.DECLARATIONS:
        lexer.token(Keyword.Declaration)
        lexer.push("expr_start")
    elif word in cls.RESERVED:
        lexer.token(Keyword.Reserved)
    elif word in cls.CONSTANTS:
        lexer.token(Keyword.Constant)
    elif word in cls.BUILTINS:
        lexer.token(Name.Builtin)
    else:
        lexer.token(Name.Other)


def _object_key(lexer, m):
    lexer.groups(Name.Attribute, Text, Punctuation)
    lexer.push("expr_start")


class Javascript(RegexLexer):
    tag = "javascript"
    KEYWORDS = frozenset("""as async await break case catch continue debugger default delete
        do else export finally from for if import in instanceof new of
        return super switch this throw try typeof void while yield""".split())
    DECLARATIONS = frozenset("var let const with function class extends constructor get set static".split())
    RESERVED = frozenset("enum implements interface package private protected public".split())
    CONSTANTS = frozenset("true false null NaN Infinity undefined".split())
    BUILTINS = frozenset("""Array Boolean Date Error Function Math netscape
        Number Object Packages RegExp String sun decodeURI
        decodeURIComponent encodeURI encodeURIComponent
        Error eval isFinite isNaN parseFloat parseInt
        document window navigator self global
        Promise Set Map WeakSet WeakMap Symbol Proxy Reflect
        Int8Array Uint8Array Uint8ClampedArray
        Int16Array Uint16Array Uint16ClampedArray
        Int32Array Uint32Array Uint32ClampedArray
        Float32Array Float64Array DataView ArrayBuffer""".split())

    states = {
        "multiline_comment": [
            (r"[*]/", Comment.Multiline, "#pop"),
            (r"[^*/]+", Comment.Multiline),
            (r"[*/]", Comment.Multiline),
        ],
        "comments_and_whitespace": [
            (r"\s+", Text),
            (r"<!--", Comment),
            (r"//.*?$", Comment.Single),
            (r"/[*]", Comment.Multiline, "multiline_comment"),
        ],
        "expr_start": [
            mixin("comments_and_whitespace"),
            (r"/", _then(Str.Regex, "regex")),
            (r"[{]", _then(Punctuation, "object")),
            (r"", Text, "#pop"),
        ],
        "regex": [
            (r"/", _then(Str.Regex, "regex_end")),
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
        "regex_end": [
            (r"[gimuy]+", Str.Regex, "#pop"),
            (r"", lambda lexer, m: lexer.pop()),
        ],
        "regex_group": [
            (r"/", Str.Escape),
            (r"[^/]\n", _regex_group_error),
            (r"\]", Str.Escape, "#pop"),
            (r"\\.", Str.Escape),
            (r".", Str.Regex),
        ],
        "bad_regex": [(r"[^\n]+", Error, "#pop")],
        "root": [
            # (Ruby's \A at the scan position: the rule matches wherever root is)
            (r"(?s)\s*#!.*?\n", Comment.Preproc, "statement"),
            # ((?<=\n)(?=\s|/|<!--), Text, :expr_start: a lookbehind at the scan position never holds)
            mixin("comments_and_whitespace"),
            (r"(?x)\+\+ | -- | ~ | \?\?=? | && | \|\| | \\(?=\n) | << | >>>? | === | !== ", Operator, "expr_start"),
            (r"[-<>+*%&|\^/!=]=?", Operator, "expr_start"),
            (r"[(\[,]", Punctuation, "expr_start"),
            (r";", Punctuation, "statement"),
            (r"[)\].]", Punctuation),
            (r"`", _then(Str.Double, "template_string", "push")),
            (r"[?][.]", Punctuation),
            (r"[?]", _ternary),
            (r"(@)(\w+)?", _decorator),
            (r"[{}]", Punctuation, "statement"),
            (r"(?u)(?i)" + ID, _word),
            (r"[0-9][0-9]*\.[0-9]+([eE][0-9]+)?[fd]?", Num.Float),
            (r"(?i)0x[0-9a-fA-F]+", Num.Hex),
            (r"(?i)0o[0-7][0-7_]*", Num.Oct),
            (r"(?i)0b[01][01_]*", Num.Bin),
            (r"[0-9]+", Num.Integer),
            (r'"', Str.Delimiter, "dq"),
            (r"'", Str.Delimiter, "sq"),
            (r":", Punctuation),
        ],
        "dq": [
            (r'\\[\\nrt"]?', Str.Escape),
            (r'[^\\"]+', Str.Double),
            (r'"', Str.Delimiter, "#pop"),
        ],
        "sq": [
            (r"\\[\\nrt']?", Str.Escape),
            (r"[^\\']+", Str.Single),
            (r"'", Str.Delimiter, "#pop"),
        ],
        "statement": [
            (r"case\b", _then(Keyword, "expr_start")),
            (r"(?u)(" + ID + r")(\s*)(:)", lambda lexer, m: lexer.groups(Name.Label, Text, Punctuation)),
            mixin("expr_start"),
        ],
        "object": [
            mixin("comments_and_whitespace"),
            (r"[{]", _then(Punctuation, None, "push")),
            (r"[}]", _then(Punctuation, "statement")),
            (r"(?u)(" + ID + r")(\s*)(:)", _object_key),
            (r":", Punctuation),
            mixin("root"),
        ],
        "ternary": [
            (r":", _then(Punctuation, "expr_start")),
            mixin("root"),
        ],
        "template_string": [
            (r"[$]\{", Punctuation, "template_string_expr"),
            (r"`", Str.Double, "#pop"),
            (r"\\[$`]", Str.Escape),
            (r"[^$`\\]+", Str.Double),
            (r"[\\$]", Str.Double),
        ],
        "template_string_expr": [
            (r"\}", Punctuation, "#pop"),
            mixin("root"),
        ],
    }


def _ts_label(lexer, m):
    lexer.groups(Name.Label, Punctuation, Text, Punctuation)
    lexer.push("expr_start")


class Typescript(Javascript):
    tag = "typescript"
    KEYWORDS = Javascript.KEYWORDS | frozenset("is namespace static private protected public implements readonly".split())
    DECLARATIONS = Javascript.DECLARATIONS | frozenset(("type", "abstract"))
    RESERVED = Javascript.RESERVED | frozenset("string any void number namespace module declare default interface keyof".split())
    BUILTINS = Javascript.BUILTINS | frozenset("Pick Partial Readonly Record".split())
    states = dict(Javascript.states,
                  root=[(r"[?][.]", Punctuation), (r"[?]{2}", Operator)] + Javascript.states["root"],
                  statement=[(r"(?u)(" + ID + r")(\??)(\s*)(:)", _ts_label)] + Javascript.states["statement"])
