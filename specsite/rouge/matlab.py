"""Rouge 3.30's MATLAB lexer (rouge/lexers/matlab.rb); its builtins printed from Rouge
(matlab/keywords.rb), in matlab_builtins.py, loaded with the first name."""
from .engine import RegexLexer, groups
from .tokens import Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text

KEYWORDS = frozenset("""arguments break case catch classdef continue else elseif end for
    function global if import methods otherwise parfor persistent
    properties return spmd switch try while""".split())


def _shell_escape(lexer, m):
    from .shell import Shell
    lexer.token(Keyword, m.group(1))
    lexer.delegate(Shell, m.group(2))


def _name(lexer, m):
    from .matlab_builtins import BUILTINS
    word = m.group()
    lexer.token(Keyword if word in KEYWORDS else Name.Builtin if word in BUILTINS else Name)


class Matlab(RegexLexer):
    tag = "matlab"
    states = {
        "root": [
            (r"(?s)\s+", Text),
            (r"(?s)[{]%.*?%[}]", Comment.Multiline),
            (r"%.*$", Comment.Single),
            (r"([.][.][.])(.*?)$", groups(Keyword, Comment)),
            (r"^(!)(.*?)(?=%|$)", _shell_escape),
            (r"(?s)[a-zA-Z][_a-zA-Z0-9]*", _name),
            (r"[(){};:,/\\\]\[]", Punctuation),
            (r"~=|==|<<|>>|[-~+/*%=<>&^|.@]", Operator),
            (r"(?i)(\d+\.\d*|\d*\.\d+)(e[+-]?[0-9]+)?", Num.Float),
            (r"(?i)\d+e[+-]?[0-9]+", Num.Float),
            (r"\d+L", Num.Integer.Long),
            (r"\d+", Num.Integer),
            (r"'(?=(.*'))", Str.Single, "chararray"),
            (r'"(?=(.*"))', Str.Double, "string"),
            (r"'", Operator),
        ],
        "chararray": [
            (r"[^']+", Str.Single),
            (r"''", Str.Escape),
            (r"'", Str.Single, "#pop"),
        ],
        "string": [
            (r'[^"]+', Str.Double),
            (r'""', Str.Escape),
            (r'"', Str.Double, "#pop"),
        ],
    }
