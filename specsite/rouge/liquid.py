"""Rouge 3.30's Liquid lexer (rouge/lexers/liquid.rb)."""
import re

from .engine import RegexLexer, groups, mixin
from .tokens import Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text

W = Text.Whitespace


def _push_after(state, *tokens):
    def callback(lexer, m):
        lexer.groups(*tokens)
        lexer.push(state)
    return callback


def _pop_after(*tokens):
    def callback(lexer, m):
        lexer.groups(*tokens)
        lexer.pop()
    return callback


def _reset_after(*tokens):
    def callback(lexer, m):
        lexer.groups(*tokens)
        lexer.reset_stack()
    return callback


def _string_class(text, default):
    """Ruby's `case text when /'[^']*'/ … when /"[^"]*"/`: a search, nil matching neither."""
    if text is not None and re.search(r"'[^']*'", text):
        return Str.Single
    if text is not None and re.search(r'"[^"]*"', text):
        return Str.Double
    return default


def _cycle(lexer, m):
    lexer.groups(Name.Tag, W, _string_class(m.group(3), Name.Attribute), W, Punctuation, W)
    lexer.push("variable_tag_markup")


def _for(lexer, m):
    lexer.groups(Name.Tag, W, Name.Variable, W, Name.Tag, W)
    lexer.token(_string_class(m.group(7), Name.Variable), m.group(7))
    lexer.token(W, m.group(8))
    lexer.push("tag_markup")


def _end(lexer, m):
    lexer.token(Punctuation)
    lexer.reset_stack()


class Liquid(RegexLexer):
    tag = "liquid"
    states = {
        "root": [
            (r"[^\{]+", Text),
            (r"(\{%-?)(\s*)", _push_after("tag_or_block", Punctuation, W)),
            (r"(\{\{-?)(\s*)", _push_after("output", Punctuation, W)),
            (r"\{", Text),
        ],
        "tag_or_block": [
            (r"(if|elsif|unless|case)\b", Keyword.Reserved, "condition"),
            (r"(when)\b", Keyword.Reserved, "when"),
            (r"(else)(\s*)(-?%\})", _pop_after(Keyword.Reserved, W, Punctuation)),
            (r"(capture|(?:in|de)crement)(\s+)([^\s%]+)(\s*)(-?%\})",
             _pop_after(Name.Tag, W, Name.Variable, W, Punctuation)),
            (r"(comment)(\s*)(-?%\})", _push_after("comment", Name.Tag, W, Punctuation)),
            (r"(raw)(\s*)(-?%\})", _push_after("raw", Name.Tag, W, Punctuation)),
            (r"(end(?:if|unless|case))(\s*)(-?%\})", _pop_after(Keyword.Reserved, W, Punctuation)),
            (r"(end(?:[^\s%]+))(\s*)(-?%\})", _pop_after(Name.Tag, W, Punctuation)),
            (r"(assign|echo)\b", Name.Tag, "assign"),
            (r"(include|render)\b", Name.Tag, "include"),
            (r"(cycle)(\s+)(?:([^\s:]*)(\s*)(:))?(\s*)", _cycle),
            (r"""(?x)(for|tablerow)(\s+)([\w-]+)(\s+)(in)(\s+)
                 ((?: [^\s%,\|'"] | (?:"[^"]*"|'[^']*') )+)(\s*)""", _for),
            (r"([^\s%]+)(\s*)", _push_after("tag_markup", Name.Tag, W)),
        ],
        "output": [
            (r"(\|)(\s*)([a-zA-Z_][^\s}\|:]*)", _push_after("filters", Punctuation, W, Name.Function)),
            mixin("end_of_tag"),
            mixin("generic"),
        ],
        "filters": [
            (r"(\|)(\s*)([a-zA-Z_][^\s%}\|:]*)", groups(Punctuation, W, Name.Function)),
            mixin("end_of_tag"),
            mixin("end_of_block"),
            mixin("variable_param_markup"),
        ],
        "condition": [
            (r"([=!]=|[<>]=?)", Operator),
            (r"(and|or|contains)\b", Operator.Word),
            mixin("end_of_block"),
            mixin("generic"),
        ],
        "when": [mixin("end_of_block"), mixin("generic")],
        "end_of_tag": [(r"-?\}\}", _end)],
        "end_of_block": [(r"-?%\}", _end)],
        "param_markup": [
            mixin("whitespace"),
            mixin("keyword"),
            mixin("string"),
            mixin("number"),
            (r"([^\s=:]+)(\s*)(=|:)", groups(Name.Attribute, W, Operator)),
            (r"[,:]", Punctuation),
        ],
        "default_param_markup": [mixin("param_markup"), (r"\S+", Text)],
        "variable_param_markup": [mixin("param_markup"), mixin("variable"), (r"\S+", Text)],
        "tag_markup": [
            (r"(reversed)\b", Name.Attribute),
            mixin("end_of_block"),
            mixin("default_param_markup"),
        ],
        "variable_tag_markup": [mixin("end_of_block"), mixin("variable_param_markup")],
        "keyword": [(r"(false|true|nil)\b", Keyword.Constant)],
        "variable": [
            (r"(empty|blank|forloop\.[^\s%}\|:]+)\b", Name.Builtin),
            (r"\.(?=\w)|\[|\]", Punctuation),
            (r"(first|last|size)\b", Name.Function),
            (r"[a-zA-Z_][\w-]*\??", Name.Variable),
        ],
        "string": [(r"'[^']*'", Str.Single), (r'"[^"]*"', Str.Double)],
        "number": [(r"-", Operator), (r"\d+\.\d+", Num.Float), (r"\d+", Num.Integer)],
        "generic": [mixin("whitespace"), mixin("keyword"), mixin("string"), mixin("number"), mixin("variable")],
        "whitespace": [(r"[ \t]+", W)],
        "comment": [
            (r"[^\{]+", Comment),
            (r"(\{%-?)(\s*)(endcomment)(\s*)(-?%\})", _reset_after(Punctuation, W, Name.Tag, W, Punctuation)),
            (r"\{", Comment),
        ],
        "raw": [
            (r"[^\{]+", Text),
            (r"(\{%-?)(\s*)(endraw)(\s*)(-?%\})", _reset_after(Punctuation, W, Name.Tag, W, Punctuation)),
            (r"\{", Text),
        ],
        "assign": [
            (r"=", Operator),
            (r"(\|)(\s*)([a-zA-Z_][^\s%\|:]*)", _push_after("filters", Punctuation, W, Name.Function)),
            mixin("end_of_block"),
            mixin("generic"),
        ],
        "include": [
            (r"(\{\{-?)(\s*)", _push_after("output_embed", Punctuation, W)),
            (r"(with|for)\b", Name.Tag),
            (r"[/\w-]+(\.[\w-]+)+\b", Text),
            mixin("variable_tag_markup"),
        ],
        "output_embed": [
            (r"(\|)(\s*)([a-zA-Z_][^\s}\|:]*)", groups(Punctuation, W, Name.Function)),
            (r"-?\}\}", Punctuation, "#pop"),
            mixin("variable_param_markup"),
        ],
    }
