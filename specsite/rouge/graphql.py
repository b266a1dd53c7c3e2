"""Rouge 3.30's GraphQL lexer (rouge/lexers/graphql.rb); a block string's text is Markdown."""
from .engine import RegexLexer, groups, mixin
from .tokens import Comment, Keyword, Name, Num, Punctuation, Str, Text

NAME = r"[_A-Za-z][_0-9A-Za-z]*"
BUILTIN_TYPES = r"\b(?:Int|Float|String|Boolean|ID)\b"


def _open_query(lexer, m):
    lexer.token(Punctuation)
    lexer.push("query_definition")
    lexer.push("selection_set")


def _description(lexer, m):
    from .markdown import Markdown
    lexer.token(Str.Double, m.group(1))
    lexer.token(Text.Whitespace, m.group(2))
    lexer.delegate(Markdown, m.group(3))
    lexer.token(Text.Whitespace, m.group(4))
    lexer.token(Str.Double, m.group(5))


def _push_after(state, *tokens):
    def callback(lexer, m):
        lexer.groups(*tokens)
        lexer.push(state)
    return callback


def _then(tok, pops=0, push=None):
    def callback(lexer, m):
        lexer.token(tok)
        if pops:
            lexer.pop(pops)
        if push:
            lexer.push(push)
    return callback


def _close_selection(lexer, m):
    lexer.token(Punctuation)
    lexer.pop()
    if lexer.state_is("query_definition") or lexer.state_is("fragment_definition"):
        lexer.pop()


def _close_in_value(lexer, m):
    lexer.token(Punctuation)
    lexer.pop()
    if lexer.state_is("value"):
        lexer.pop()


def _pop_unless_list(tok):
    def callback(lexer, m):
        lexer.token(tok)
        if not lexer.state_is("list"):
            lexer.pop()
    return callback


class GraphQL(RegexLexer):
    tag = "graphql"
    states = {
        "root": [
            (r"\b(?:query|mutation|subscription)\b", Keyword, "query_definition"),
            (r"\{", _open_query),
            (r"\bfragment\b", Keyword, "fragment_definition"),
            (r"\bscalar\b", Keyword, "value"),
            (r"\b(?:type|interface|enum)\b", Keyword, "type_definition"),
            (r"\b(?:input|schema)\b", Keyword, "type_definition"),
            (r"\bunion\b", Keyword, "union_definition"),
            (r"\bextend\b", Keyword),
            mixin("basic"),
            (r'(?s)(""")(\n)(.*?)(\n)(""")', _description),
        ],
        "basic": [
            (r"(?s)\s+", Text.Whitespace),
            (r"#.*$", Comment),
            (r"[!,]", Punctuation),
        ],
        "has_directives": [
            (r"(@" + NAME + r")(\s*)(\()", _push_after("arguments", Keyword, Text.Whitespace, Punctuation)),
            (r"@" + NAME + r"\b", Keyword),
        ],
        "fragment_definition": [
            (r"\bon\b", Keyword),
            mixin("query_definition"),
        ],
        "query_definition": [
            mixin("has_directives"),
            (r"\b" + NAME + r"\b", Name),
            (r"\(", Punctuation, "variable_definitions"),
            (r"\{", Punctuation, "selection_set"),
            mixin("basic"),
        ],
        "type_definition": [
            (r"\bimplements\b", Keyword),
            (r"\b" + NAME + r"\b", Name),
            (r"\(", Punctuation, "variable_definitions"),
            (r"\{", Punctuation, "type_definition_set"),
            mixin("basic"),
        ],
        "union_definition": [
            (r"\b" + NAME + r"\b", Name),
            (r"\=", Punctuation, "union_definition_variant"),
            mixin("basic"),
        ],
        "union_definition_variant": [
            (r"\b" + NAME + r"\b", _then(Name, 1, "union_definition_pipe")),
            mixin("basic"),
        ],
        "union_definition_pipe": [
            (r"\|", _then(Punctuation, 1, "union_definition_variant")),
            (r"(?!\||\s+|#[^\n]*)", lambda lexer, m: lexer.pop(2)),
            mixin("basic"),
        ],
        "type_definition_set": [
            (r"\}", _then(Punctuation, 2)),
            (r"\b(" + NAME + r")(\s*)(\()", _push_after("variable_definitions", Name, Text.Whitespace, Punctuation)),
            (r"\b" + NAME + r"\b", Name),
            (r":", Punctuation, "type_names"),
            mixin("basic"),
        ],
        "arguments": [
            (r"\)", _then(Punctuation, 1)),
            (r"\b" + NAME + r"\b", Name),
            (r":", Punctuation, "value"),
            mixin("basic"),
        ],
        "variable_definitions": [
            (r"\)", _then(Punctuation, 1)),
            (r"\$" + NAME + r"\b", Name.Variable),
            (r"\b" + NAME + r"\b", Name),
            (r":", Punctuation, "type_names"),
            (r"\=", Punctuation, "value"),
            mixin("basic"),
        ],
        "type_names": [
            (BUILTIN_TYPES, Name.Builtin, "#pop"),
            (r"\b" + NAME + r"\b", Name, "#pop"),
            (r"\[", Punctuation, "type_name_list"),
            mixin("basic"),
        ],
        "type_name_list": [
            (BUILTIN_TYPES, Name.Builtin),
            (r"\b" + NAME + r"\b", Name),
            (r"\]", _then(Punctuation, 2)),
            mixin("basic"),
        ],
        "selection_set": [
            mixin("has_directives"),
            (r"\}", _close_selection),
            (r"\b(" + NAME + r")(\s*)(\()", _push_after("arguments", Name, Text.Whitespace, Punctuation)),
            (r"\b(" + NAME + r")(\s*)(:)", groups(Name, Text.Whitespace, Punctuation)),
            (r"\b" + NAME + r"\b", Name),
            (r"(\.\.\.)(\s+)(on)\b", groups(Punctuation, Text.Whitespace, Keyword)),
            (r"\.\.\.", Punctuation),
            (r"\{", Punctuation, "selection_set"),
            mixin("basic"),
        ],
        "list": [
            (r"\]", _close_in_value),
            mixin("value"),
        ],
        "object": [
            (r"\}", _close_in_value),
            (r"\b(" + NAME + r")(\s*)(:)", _push_after("value", Name, Text.Whitespace, Punctuation)),
            mixin("basic"),
        ],
        "value": [
            (r'(?s)""".*?"""', Str.Double),
            (r"\$" + NAME + r"\b", _pop_unless_list(Name.Variable)),
            (r"\b(?:true|false|null)\b", _pop_unless_list(Keyword.Constant)),
            (r"[+-]?[0-9]+\.[0-9]+(?:[eE][+-]?[0-9]+)?", _pop_unless_list(Num.Float)),
            (r"[+-]?[1-9][0-9]*(?:[eE][+-]?[0-9]+)?", _pop_unless_list(Num.Integer)),
            (r'"(\\[\\"]|[^"])*"', _pop_unless_list(Str.Double)),
            (r"\b" + NAME + r"\b", _pop_unless_list(Name)),
            (r"\{", Punctuation, "object"),
            (r"\[", Punctuation, "list"),
            mixin("basic"),
        ],
    }
