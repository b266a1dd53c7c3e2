"""Rouge 3.30's Nix lexer (rouge/lexers/nix.rb)."""
from .engine import RegexLexer, mixin
from .tokens import Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text

WORD = r"[a-zA-Z0-9._-]+"
PATH = (r"((/" + WORD + ")+|~(/" + WORD + ")+|" + WORD + "(/" + WORD + r")+|[a-z+]+://(/?" + WORD + "(/" + WORD
        + ")+))")
BUILTINS = "abort baseNameOf builtins derivation fetchTarball import isNull removeAttrs throw toString".split()


class Nix(RegexLexer):
    tag = "nix"
    states = {
        "whitespaces": [
            (r"^\s*\n\s*$", Text),
            (r"\s+", Text),
        ],
        "comment": [
            (r"#.*$", Comment),
            (r"/\*", Comment, "multiline_comment"),
        ],
        "multiline_comment": [
            (r"\*/", Comment, "#pop"),
            (r".", Comment),
        ],
        "number": [(r"[0-9]", Num.Integer)],
        "null": [(r"(null)", Keyword.Constant)],
        "boolean": [(r"(true|false)", Keyword.Constant)],
        "binding": [(r"[a-zA-Z_][a-zA-Z0-9-]*", Name.Variable)],
        "path": [(PATH, Str.Other)],
        "string": [
            (r'"', Str.Double, "double_quoted_string"),
            (r"''", Str.Double, "indented_string"),
        ],
        "string_content": [
            (r"\\.", Str.Escape),
            (r"\$\$", Str.Escape),
            (r"\${", Str.Interpol, "string_interpolated_arg"),
        ],
        "indented_string_content": [
            (r"'''", Str.Escape),
            (r"''\$", Str.Escape),
            (r"\$\$", Str.Escape),
            (r"''\\.", Str.Escape),
            (r"\${", Str.Interpol, "string_interpolated_arg"),
        ],
        "string_interpolated_arg": [
            mixin("expression"),
            (r"}", Str.Interpol, "#pop"),
        ],
        "indented_string": [
            mixin("indented_string_content"),
            (r"''", Str.Double, "#pop"),
            (r".", Str.Double),
        ],
        "double_quoted_string": [
            mixin("string_content"),
            (r'"', Str.Double, "#pop"),
            (r".", Str.Double),
        ],
        "operator": [(r"(\.|\?|\+\+|\+|!=|!|//|\=\=|&&|\|\||->|/|\*|-|<|>|<=|=>)", Operator)],
        "assignment": [
            (r"(=)", Operator),
            (r"(@)", Operator),
        ],
        "accessor": [(r"(\$)", Punctuation)],
        "delimiter": [(r"(;|,|:)", Punctuation)],
        "atom_content": [
            mixin("expression"),
            (r"\)", Punctuation, "#pop"),
        ],
        "atom": [(r"\(", Punctuation, "atom_content")],
        "list": [(r"\[", Punctuation, "list_content")],
        "list_content": [
            (r"\]", Punctuation, "#pop"),
            mixin("expression"),
        ],
        "set": [(r"{", Punctuation, "set_content")],
        "set_content": [
            (r"}", Punctuation, "#pop"),
            mixin("expression"),
        ],
        "expression": [mixin(name) for name in ("ignore", "comment", "boolean", "null", "number", "path", "string",
                                                "keywords", "operator", "accessor", "assignment", "delimiter",
                                                "binding", "atom", "set", "list")],
        "keywords": [mixin(name) for name in ("keywords_namespace", "keywords_declaration", "keywords_conditional",
                                              "keywords_reserved", "keywords_builtin")],
        "keywords_namespace": [(r"(?:with|in|inherit)\b", Keyword.Namespace)],
        "keywords_declaration": [(r"(?:let)\b", Keyword.Declaration)],
        "keywords_conditional": [(r"(?:if|then|else)\b", Keyword)],
        "keywords_reserved": [(r"(?:rec|assert|map)\b", Keyword.Reserved)],
        "keywords_builtin": [(r"(?:" + "|".join(BUILTINS) + r")\b", Keyword.Reserved)],
        "ignore": [mixin("whitespaces")],
        "root": [mixin("ignore"), mixin("expression")],
    }
