"""Rouge 3.30's PHP lexer (rouge/lexers/php.rb) with its default options: a TemplateLexer whose
text outside `<?php … ?>` is HTML; code with no `<?` before it starts as PHP (start_inline guess)."""
import re

from .engine import RegexLexer, mixin
from .tokens import Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text

KEYWORDS = frozenset("""old_function cfunction
    __class__ __dir__ __file__ __function__ __halt_compiler __line__
    __method__ __namespace__ __trait__ abstract and array as break case
    catch clone continue declare default die do echo else elseif empty
    enddeclare endfor endforeach endif endswitch endwhile eval exit
    extends final finally fn for foreach global goto if implements
    include include_once instanceof insteadof isset list match new or
    parent print private protected public readonly require require_once
    return self static switch throw try unset var while xor yield""".split())
ID = r"[^\W\d]\w*"  # ([\p{L}_][\p{L}\p{N}_]*, with (?u))
NS = r"(?:" + ID + r"\\)+"
ID_WITH_NS = r"(?:" + NS + ")?" + ID
UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_MAGIC = re.compile(r"^__.*?__$")
_PHP_CONSTANT = re.compile(r"^(E|PHP)(_[" + UPPER + "]+)+$")
_CONSTANT = re.compile(r"(\\|^)[" + UPPER + "][" + UPPER + r"\d_]+$")
_CLASS = re.compile(r"(\\|^)[" + UPPER + r"][^\W_]*?$")


def _builtins():
    from .php_builtins import BUILTINS
    return BUILTINS


def _call_name(lexer, m):
    name = m.group().lower()
    lexer.token(Keyword if name in KEYWORDS else Name.Builtin if name in _builtins() else Name.Function)


def _name(lexer, m):
    word = m.group()
    name = word.lower()
    if name == "use":
        lexer.push("in_use")
        lexer.token(Keyword.Namespace)
    elif name == "const":
        lexer.push("in_const")
        lexer.token(Keyword)
    elif name == "catch":
        lexer.push("in_catch")
        lexer.token(Keyword)
    elif name in ("public", "protected", "private"):
        lexer.push("in_visibility")
        lexer.token(Keyword)
    elif name == "stdClass":  # (never: the name is downcased)
        lexer.token(Name.Class)
    elif name in KEYWORDS:
        lexer.token(Keyword)
    elif _MAGIC.search(word):
        lexer.token(Name.Builtin)
    elif _PHP_CONSTANT.search(word):
        lexer.token(Keyword.Constant)
    elif _CONSTANT.search(word):
        lexer.token(Name.Constant)
    elif _CLASS.search(word):
        lexer.token(Name.Class)
    else:
        lexer.token(Name)


def _escape_end(lexer, m):
    lexer.token(Comment.Preproc)
    lexer.reset_stack()


def _to_parent_then_pop(lexer, m):
    lexer.delegate(lexer.parent)
    lexer.pop()


def _function(lexer, m):
    lexer.push("in_function_return")
    lexer.push("in_function_params")
    lexer.push("in_function_name")
    lexer.token(Keyword)


def _goto(state, tok):
    def callback(lexer, m):
        lexer.token(tok)
        lexer.goto(state)
    return callback


def _groups(*tokens):
    return lambda lexer, m: lexer.groups(*tokens)


def _pop(lexer, m):
    lexer.pop()


class PHP(RegexLexer):
    tag = "php"

    def start(self):
        if not hasattr(self, "parent"):
            from .html import HTML
            self.parent = HTML()  # (TemplateLexer#parent: made once)
        self.push("start")

    states = {
        "escape": [(r"\?>", _escape_end)],
        "return": [(r"", _pop)],
        "start": [
            (r"(?s)\s*(?=<)", _to_parent_then_pop),
            (r"(?i)[^$]+(?=<\?(php|=))", _to_parent_then_pop),
            (r"", lambda lexer, m: lexer.goto("php")),
        ],
        "names": [
            (r"(?u)" + ID_WITH_NS + r"(?=\s*\()", _call_name),
            (r"(?u)" + ID_WITH_NS, _name),
        ],
        "operators": [(r"[~!%^&*+\|:.<>/@-]+", Operator)],
        "string": [
            (r'"', Str.Double, "#pop"),
            (r'[^\\{$"]+', Str.Double),
            (r"\\u\{[0-9a-fA-F]+\}", Str.Escape),
            (r'\\([efrntv"$\\]|[0-7]{1,3}|[xX][0-9a-fA-F]{1,2})', Str.Escape),
            (r"(?u)\$" + ID + r"(\[\S+\]|->" + ID + ")?", Name.Variable),
            (r"\{\$\{", Str.Interpol, "string_interp_double"),
            (r"\{(?=\$)", Str.Interpol, "string_interp_single"),
            (r"(\{)(\S+)(\})", _groups(Str.Interpol, Name.Variable, Str.Interpol)),
            (r"[${\\]+", Str.Double),
        ],
        "string_interp_double": [(r"\}\}", Str.Interpol, "#pop"), mixin("php")],
        "string_interp_single": [(r"\}", Str.Interpol, "#pop"), mixin("php")],
        "values": [
            (r"(?u)(?is)<<<([\"']?)(" + ID + r")\1\n.*?\n\s*\2;?", Str.Heredoc),
            (r"(?i)(\d[_\d]*)?\.(\d[_\d]*)?(e[+-]?\d[_\d]*)?", Num.Float),
            (r"0[0-7][0-7_]*", Num.Oct),
            (r"(?i)0b[01][01_]*", Num.Bin),
            (r"(?i)0x[a-f0-9][a-f0-9_]*", Num.Hex),
            (r"\d[_\d]*", Num.Integer),
            (r"'([^'\\]*(?:\\.[^'\\]*)*)'", Str.Single),
            (r"`([^`\\]*(?:\\.[^`\\]*)*)`", Str.Backtick),
            (r'"', Str.Double, "string"),
            (r"(?i)(function|fn)\b", _function),
            (r"(?i)(true|false|null)\b", Keyword.Constant),
            (r"(?i)new\b", Keyword, "in_new"),
        ],
        "variables": [
            (r"(?u)\$\{\$+" + ID + r"\}", Name.Variable),
            (r"(?u)\$+" + ID, Name.Variable),
        ],
        "whitespace": [
            (r"\s+", Text),
            (r"#.*?$", Comment.Single),
            (r"//.*?$", Comment.Single),
            (r"(?s)/\*\*(?!/).*?\*/", Comment.Doc),
            (r"(?s)/\*.*?\*/", Comment.Multiline),
        ],
        "root": [
            (r"(?i)<\?(php|=)?", Comment.Preproc, "php"),
            (r"(?s).*?(?=<\?)|.*", lambda lexer, m: lexer.delegate(lexer.parent)),
        ],
        "php": [
            mixin("escape"),
            mixin("whitespace"),
            mixin("variables"),
            mixin("values"),
            (r"(?u)(?i)(namespace)(\s+)(" + ID_WITH_NS + ")", _groups(Keyword.Namespace, Text, Name.Namespace)),
            (r"(?u)(?i)(class|interface|trait|extends|implements)(\s+)(" + ID_WITH_NS + ")",
             _groups(Keyword.Declaration, Text, Name.Class)),
            mixin("names"),
            (r"[;,\(\)\{\}\[\]]", Punctuation),
            mixin("operators"),
            (r"[=?]", Operator),
        ],
        "in_assign": [
            (r",", Punctuation, "#pop"),
            (r"[\[\]]", Punctuation),
            (r"\(", Punctuation, "in_assign_function"),
            mixin("escape"), mixin("whitespace"), mixin("values"), mixin("variables"), mixin("names"),
            mixin("operators"), mixin("return"),
        ],
        "in_assign_function": [
            (r"\)", Punctuation, "#pop"),
            (r",", Punctuation),
            mixin("in_assign"),
        ],
        "in_catch": [
            (r"\(", Punctuation),
            (r"\|", Operator),
            (r"(?u)" + ID, Name.Class),
            mixin("escape"), mixin("whitespace"), mixin("return"),
        ],
        "in_const": [
            (r"(?u)" + ID, Name.Constant),
            (r"=", Operator, "in_assign"),
            mixin("escape"), mixin("whitespace"), mixin("return"),
        ],
        "in_function_body": [
            (r"\{", Punctuation, "#push"),
            (r"\}", Punctuation, "#pop"),
            mixin("php"),
        ],
        "in_function_name": [
            (r"&", Operator),
            (r"(?u)" + ID, Name),
            (r"\(", Punctuation, "#pop"),
            mixin("escape"), mixin("whitespace"), mixin("return"),
        ],
        "in_function_params": [
            (r"\)", Punctuation, "#pop"),
            (r",", Punctuation),
            (r"[.]{3}", Punctuation),
            (r"=", Operator, "in_assign"),
            (r"(?i)\b(?:public|protected|private|readonly)\b", Keyword),
            (r"(?u)\??" + ID, Keyword.Type, "in_assign"),
            mixin("escape"), mixin("whitespace"), mixin("variables"), mixin("return"),
        ],
        "in_function_return": [
            (r":", Punctuation),
            (r"(?i)use\b", Keyword, "in_function_use"),
            (r"(?u)\??" + ID, Keyword.Type, "in_assign"),
            (r"\{", _goto("in_function_body", Punctuation)),
            mixin("escape"), mixin("whitespace"), mixin("return"),
        ],
        "in_function_use": [
            (r"[,\(]", Punctuation),
            (r"&", Operator),
            (r"\)", Punctuation, "#pop"),
            mixin("escape"), mixin("whitespace"), mixin("variables"), mixin("return"),
        ],
        "in_new": [
            (r"(?i)class\b", _goto("in_new_class", Keyword.Declaration)),
            (r"(?u)" + ID_WITH_NS, Name.Class, "#pop"),
            mixin("escape"), mixin("whitespace"), mixin("return"),
        ],
        "in_new_class": [
            (r"\}", Punctuation, "#pop"),
            (r"\{", Punctuation),
            mixin("php"),
        ],
        "in_use": [
            (r"[,\}]", Punctuation),
            (r"(?i)(function|const)\b", Keyword),
            (r"(?u)(" + NS + r")(\{)", _groups(Name.Namespace, Punctuation)),
            (r"(?u)" + ID_WITH_NS + "(_" + ID + ")+", Name.Function),
            mixin("escape"), mixin("whitespace"), mixin("names"), mixin("return"),
        ],
        "in_visibility": [
            (r"(?i)\b(?:readonly|static)\b", Keyword),
            (r"(?i)(?=(abstract|const|function)\b)", Keyword, "#pop"),
            (r"(?u)\??" + ID, Keyword.Type, "#pop"),
            mixin("escape"), mixin("whitespace"), mixin("return"),
        ],
    }
