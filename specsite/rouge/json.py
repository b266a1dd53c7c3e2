"""Rouge 3.30's JSON lexer (rouge/lexers/json.rb)."""
from .engine import RegexLexer, groups, mixin
from .tokens import Comment, Keyword, Name, Num, Punctuation, Str, Text


class JSON(RegexLexer):
    tag = "json"
    states = {
        "whitespace": [(r"\s+", Text.Whitespace)],
        "root": [
            mixin("whitespace"),
            (r"\{", Punctuation, "object"),
            (r"\[", Punctuation, "array"),
            mixin("name"),
            mixin("value"),
            (r"[\]}]", Punctuation),  # (may be invalid: syntax correctness is a non-goal)
        ],
        "object": [
            mixin("whitespace"),
            mixin("name"),
            mixin("value"),
            (r"\}", Punctuation, "#pop"),
            (r",", Punctuation),
        ],
        "name": [(r'("(?:\\.|[^"\\\n])*?")(\s*)(:)', groups(Name.Label, Text.Whitespace, Punctuation))],
        "value": [
            mixin("whitespace"),
            mixin("constants"),
            (r'"', Str.Double, "string"),
            (r"\[", Punctuation, "array"),
            (r"\{", Punctuation, "object"),
        ],
        "string": [
            (r'[^\\"]+', Str.Double),
            (r"\\.", Str.Escape),
            (r'"', Str.Double, "#pop"),
        ],
        "array": [
            mixin("value"),
            (r"\]", Punctuation, "#pop"),
            (r",", Punctuation),
        ],
        "constants": [
            (r"(?:true|false|null)", Keyword.Constant),
            (r"(?i)-?(?:0|[1-9]\d*)\.\d+(?:e[+-]?\d+)?", Num.Float),
            (r"(?i)-?(?:0|[1-9]\d*)(?:e[+-]?\d+)?", Num.Integer),
        ],
    }


class JSONDOC(JSON):
    """Rouge's json-doc (json_doc.rb): JSON with comments, `...` and bare keys (rules prepended)."""

    tag = "json-doc"
    states = {
        **JSON.states,
        "name": [(r"([$\w]+)(\s*)(:)", groups(Name.Attribute, Text, Punctuation)), *JSON.states["name"]],
        "value": [
            (r"/[*].*?[*]/", Comment),
            (r"//.*?$", Comment.Single),
            (r"(\.\.\.)", Comment.Single),
            *JSON.states["value"],
        ],
    }
