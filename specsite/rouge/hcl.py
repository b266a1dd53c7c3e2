"""Rouge 3.30's HCL (rouge/lexers/hcl.rb) and Terraform (terraform.rb) lexers; the word lists are
class attributes, as the Ruby classes' self.keywords … are."""
import re

from .engine import RegexLexer, mixin
from .tokens import Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text


def _heredoc(lexer, m):
    lexer.groups(Operator, Text, Str.Heredoc, Str.Heredoc, Name.Constant, Str.Heredoc)
    lexer.heredocstr = re.escape(m.group(5))
    lexer.push("heredoc")


def _heredoc_line(lexer, m):
    if m.group(1) == lexer.heredocstr:
        lexer.token(Name.Constant)
        lexer.pop(2)
    else:
        lexer.token(Str.Heredoc)


def _open(tok, state, pop=False):
    def callback(lexer, m):
        lexer.token(tok)
        if pop:
            lexer.pop()
        lexer.push(state)
    return callback


def _word(expression):
    def callback(lexer, m):
        word, words = m.group(), type(lexer)
        if word in words.KEYWORDS:
            lexer.token(Keyword)
        elif word in words.DECLARATIONS:
            lexer.token(Keyword.Declaration)
        elif word in words.RESERVED:
            lexer.token(Keyword.Reserved)
            return
        elif word in words.CONSTANTS:
            lexer.token(Keyword.Constant)
            return
        elif word in words.BUILTINS:
            lexer.token(Name.Builtin)
            return
        else:
            lexer.token(Name.Other)
        if not expression:
            lexer.push("composite")
    return callback


class Hcl(RegexLexer):
    tag = "hcl"
    KEYWORDS = DECLARATIONS = RESERVED = BUILTINS = frozenset()
    CONSTANTS = frozenset(("true", "false", "null"))
    heredocstr = None
    states = {
        "multiline_comment": [
            (r"[*]/", Comment.Multiline, "#pop"),
            (r"[^*/]+", Comment.Multiline),
            (r"[*/]", Comment.Multiline),
        ],
        "comments_and_whitespace": [
            (r"\s+", Text),
            (r"//.*?$", Comment.Single),
            (r"#.*?$", Comment.Single),
            (r"/[*]", Comment.Multiline, "multiline_comment"),
        ],
        "primitives": [
            (r"[0-9][0-9]*\.[0-9]+([eE][0-9]+)?[fd]?([kKmMgG]b?)?", Num.Float),
            (r"[0-9]+([kKmMgG]b?)?", Num.Integer),
            (r'"', Str.Double, "dq"),
            (r"'", Str.Single, "sq"),
            (r"(<<-?)(\s*)('?)(\\?)(\w+)(\3)", _heredoc),
        ],
        "root": [
            mixin("comments_and_whitespace"),
            mixin("primitives"),
            (r"\{", _open(Punctuation, "hash")),
            (r"\[", _open(Punctuation, "array")),
            (r"(?i)[$a-z_][a-z0-9_]*", _word(False)),
        ],
        "composite": [
            mixin("comments_and_whitespace"),
            (r"[{]", _open(Punctuation, "hash", pop=True)),
            (r"[\[]", _open(Punctuation, "array", pop=True)),
            mixin("root"),
            (r"", Text, "#pop"),
        ],
        "hash": [
            mixin("comments_and_whitespace"),
            (r"\=", Punctuation),
            (r"\}", Punctuation, "#pop"),
            mixin("root"),
        ],
        "array": [
            mixin("comments_and_whitespace"),
            (r",", Punctuation),
            (r"\]", Punctuation, "#pop"),
            mixin("root"),
        ],
        "dq": [
            (r'[^\\"]+', Str.Double),
            (r'\\"', Str.Escape),
            (r'"', Str.Double, "#pop"),
        ],
        "sq": [
            (r"[^\\']+", Str.Single),
            (r"\\'", Str.Escape),
            (r"'", Str.Single, "#pop"),
        ],
        "heredoc": [
            (r"\n", Str.Heredoc, "heredoc_nl"),
            (r"[^$\n]+", Str.Heredoc),
            (r"[$]", Str.Heredoc),
        ],
        "heredoc_nl": [
            (r"\s*(\w+)\s*\n", _heredoc_line),
            (r"", lambda lexer, m: lexer.pop()),
        ],
    }


def _close_interpolation(lexer, m):
    lexer.token(Keyword)
    lexer.pop()


def _regexp_start(lexer, m):
    lexer.token(Str.Delimiter)
    lexer.goto("regexp_inner")


class Terraform(Hcl):
    tag = "terraform"
    KEYWORDS = frozenset("terraform module provider variable resource data provisioner output".split())
    DECLARATIONS = frozenset(("var", "local"))
    states = {
        **Hcl.states,
        "hash": [(r"[.,()*]", Punctuation), *Hcl.states["hash"]],
        "array": [(r"[.,()*]", Punctuation), *Hcl.states["array"]],
        "strings": [
            (r"\\.", Str.Escape),
            (r"\$\{", _open(Keyword, "interpolation")),
        ],
        "dq": [
            (r'[^\\"\$]+', Str.Double),
            mixin("strings"),
            (r'"', Str.Double, "#pop"),
        ],
        "sq": [
            (r"[^\\'\$]+", Str.Single),
            mixin("strings"),
            (r"'", Str.Single, "#pop"),
        ],
        "heredoc": [
            (r"\n", Str.Heredoc, "heredoc_nl"),
            (r"[^$\n]+", Str.Heredoc),
            (r"[$]", Str.Heredoc),
            mixin("strings"),
        ],
        "interpolation": [
            (r"\}", _close_interpolation),
            mixin("expression"),
        ],
        "regexps": [(r'"/', _regexp_start)],
        "regexp_inner": [
            (r'[^"/\\]+', Str.Regex),
            (r"\\.", Str.Regex),
            (r'/"', Str.Delimiter, "#pop"),
            (r'["/]', Str.Regex),
        ],
        "expression": [
            mixin("regexps"),
            mixin("primitives"),
            (r"\s+", Text),
            (r"\+\+|--|~|&&|\|\||\\(?=\n)|<<|>>>?|==|!=", Operator),
            (r"[-<>+*%&|\^/!=?:]=?", Operator),
            (r"[(\[,]", Punctuation),
            (r"[)\].]", Punctuation),
            (r"(?i)[$a-z_\-][a-z0-9_\-]*", _word(True)),
        ],
    }
