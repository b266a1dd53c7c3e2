"""Rouge 3.30's Elixir lexer (rouge/lexers/elixir.rb). Ruby's scanner sees nothing before the
scan position, so within a rule an alternative's leading \\b is (?=\\w), `(?<!…)` always holds
and `(?<=…)` never does; the symbol rule has no /x, so its line breaks and indents are part of
two of its alternatives, as in Rouge."""
import re
from itertools import groupby

from .engine import RegexLexer, Unported, mixin
from .tokens import Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text

_INDENT = "\n" + " " * 13  # (the symbol rule's literal line break and indent)
KEYWORD = (r"\b(case|cond|end|bc|lc|if|unless|try|loop|receive|fn|defmodule|defp?|defprotocol|defimpl|defrecord"
           r"|defmacrop?|defdelegate|defexception|defguardp?|defstruct|exit|raise|throw|after|rescue|catch|else)"
           r"\b(?![?!])|(?=\w)(do|\-\>)\b")
OPERATOR = (r"%=|\*=|\*\*=|\+=|\-=|\^=|\|\|=|<=>|<(?!<|=)|>(?!<|=|>)|<=|>=|===|==|=~|!=|!~|(?=[\s])\?|(?!)"
            r"|&(&&?|(?!\d))|\|\||\^|\*|\+|\-|/|\||\+\+|\-\-|\*\*|\/\/|\<\-|\<\>|<<|>>|=|\.|~~~")
SYMBOL = (r"(:)([a-zA-Z_]\w*([?!]|=(?![>=]))?|\<\>|===?|>=?|<=?|" + _INDENT
          + r"<=>|&&?|%\(\)|%\[\]|%\{\}|\+\+?|\-\-?|\|\|?|\!|//|[%&`/\|]|" + _INDENT
          + r"\*\*?|=?~|<\-)|([a-zA-Z_]\w*([?!])?)(:)(?!:)")
DELIMITERS = {"{": "}", "[": "]", "(": ")", "<": ">"}


def _sigil(lexer, m):
    letter, opener = m.group(1), m.group(2)
    closer = DELIMITERS.get(opener, opener)
    interp = letter is not None and letter in "SRCW"
    if letter is None:  # ('Rr'.include?(nil) raises in Rouge)
        raise Unported("a sigil without its letter")
    tok = Str.Other
    if letter in "Rr":
        tok = Str.Regex
        lexer.push("regex_flags")
    if letter in "Ww":
        lexer.push("list_flags")
    lexer.token(tok)
    chars = "".join(ch for ch, _ in groupby(re.escape(opener) + re.escape(closer)))  # (String#squeeze)
    rules = [(re.escape(closer), tok, "#pop")]
    rules += [mixin("interpoling"), (r"#", tok)] if interp else [(r"[\\#]", tok)]
    rules.append((r"(?s)[^#" + chars + r"\\]+", tok))
    lexer.push_rules(*rules)


class Elixir(RegexLexer):
    tag = "elixir"
    states = {
        "root": [
            (r"(?s)\s+", Text),
            (r"#.*$", Comment.Single),
            (KEYWORD, Keyword),
            (r"\b(import|require|use|recur|quote|unquote|super|refer)\b(?![?!])", Keyword.Namespace),
            (r"(?=\w)(and|not|or|when|xor|in)\b", Operator.Word),
            (OPERATOR, Operator),
            (SYMBOL, Str.Symbol),
            (r':"', Str.Symbol, "interpoling_symbol"),
            (r"\b(nil|true|false)\b(?![?!])|(?=\w)[A-Z]\w*\b", Name.Constant),
            (r"\b(__(FILE|LINE|MODULE|MAIN|FUNCTION)__)\b(?![?!])", Name.Builtin.Pseudo),
            (r"[a-zA-Z_!]\w*[!\?]?", Name),
            (r"::|[%(){};,/\|:\\\[\]]", Punctuation),
            (r"@[a-zA-Z_]\w*|&\d", Name.Variable),
            (r"\b\d(_?\d)*(\.(?![^\d\s])(_?\d)+)([eE][-+]?\d(_?\d)*)?\b", Num.Float),
            (r"\b0x[0-9A-Fa-f](_?[0-9A-Fa-f])*\b", Num.Hex),
            (r"\b0o[0-7](_?[0-7])*\b", Num.Oct),
            (r"\b0b[01](_?[01])*\b", Num.Bin),
            (r"\b\d(_?\d)*\b", Num.Integer),
            mixin("strings"),
            mixin("sigil_strings"),
        ],
        "strings": [
            (r'(%[A-Ba-z])?"""(?:.|\n)*?"""', Str.Doc),
            (r"'''(?:.|\n)*?'''", Str.Doc),
            (r'"', Str.Double, "dqs"),
            (r"'", Str.Single, "sqs"),
            (r"\?(\\(x\d{1,2}|[0-9a-fA-F]{1,2}(?![0-9a-fA-F])\b|0[0-7]{0,2}(?![0-7])\b[^x0MC])|(\\[MC]-)+\w|[^\s\\])",
             Str.Other),
        ],
        "dqs": [
            mixin("escapes"),
            mixin("interpoling"),
            (r'[^#"\\]+', Str.Double),
            (r'"', Str.Double, "#pop"),
            (r"[#\\]", Str.Double),
        ],
        "sqs": [
            mixin("escapes"),
            mixin("interpoling"),
            (r"[^#'\\]+", Str.Single),
            (r"'", Str.Single, "#pop"),
            (r"[#\\]", Str.Single),
        ],
        "interpoling": [(r"#\{", Str.Interpol, "interpoling_string")],
        "interpoling_string": [
            (r"\}", Str.Interpol, "#pop"),
            mixin("root"),
        ],
        "escapes": [
            (r"\\x[0-9a-fA-F]{2}", Str.Escape),
            (r"\\u\{?\d+\}?", Str.Escape),
            (r"\\[\\abdefnrstv0\"']", Str.Escape),
        ],
        "interpoling_symbol": [
            (r'"', Str.Symbol, "#pop"),
            mixin("interpoling"),
            (r'[^#"]+', Str.Symbol),
        ],
        "sigil_strings": [(r"~([A-Za-z])?(\{|\[|\(|<|\||/|'|\")", _sigil)],
        "regex_flags": [(r"[fgimrsux]*", Str.Regex, "#pop")],
        "list_flags": [(r"[csa]?", Str.Other, "#pop")],
    }
