"""Rouge 3.30's Go lexer (rouge/lexers/go.rb): its regex constants spelt out (each interpolated
constant is a group, as Ruby wraps an interpolated Regexp; /x whitespace removed)."""
from .engine import RegexLexer, mixin
from .tokens import Comment, Error, Keyword, Name, Num, Operator, Punctuation, Str, Text

_WORD_END = r"(?![a-zA-Z0-9_])"  # (Ruby's \b after a word: its \w is ASCII)
KEYWORD = (r"\b(?:break|default|func|interface|select|case|defer|go|map|struct|chan|else|goto|package|switch"
           r"|const|fallthrough|if|range|type|continue|for|import|return|var)" + _WORD_END)
# [[:alpha:]] and [[:digit:]] are Unicode in Ruby; the keyword look-ahead's \b sees no character before it
IDENTIFIER = r"(?u)(?!" + KEYWORD.replace(r"\b", "(?=[a-zA-Z0-9_])", 1) + r")(?:[^\W\d_]|_)(?:(?:[^\W\d_]|_)|\d)*"
HEX_DIGIT = "[0-9A-Fa-f]"
DECIMALS = "(?:[0-9]+)"
EXPONENT = r"(?:[eE][+\-]?" + DECIMALS + ")"
FLOAT_LIT = (r"(?:" + DECIMALS + r"\." + DECIMALS + "?" + EXPONENT + "?|" + DECIMALS + EXPONENT
             + r"|\." + DECIMALS + EXPONENT + "?)")
ESCAPED_CHAR = r"(?:\\[abfnrtv\\'\"])"
LITTLE_U_VALUE = r"(?:\\u" + HEX_DIGIT + "{4})"
BIG_U_VALUE = r"(?:\\U" + HEX_DIGIT + "{8})"
UNICODE_VALUE = "(?:[^\\n]|" + LITTLE_U_VALUE + "|" + BIG_U_VALUE + "|" + ESCAPED_CHAR + ")"
HEX_BYTE_VALUE = r"(?:\\x" + HEX_DIGIT + "{2})"
BYTE_VALUE = r"(?:(?:\\[0-7]{3})|" + HEX_BYTE_VALUE + ")"
OPERATOR = "|".join(r"""\+= \+\+ \+ &\^= &\^ &= && & == = \!= \! -= -- - \|= \|\| \| <= <- <<= << < \*= \*
    \^= \^ >>= >> >= > \/ \/= := % %= \.\.\. \. :""".split())


class Go(RegexLexer):
    tag = "go"
    states = {
        "simple_tokens": [
            (r"(?s)(?://(?:(?!\n).)*|/\*(?:(?!\*/).)*\*/)", Comment),
            (KEYWORD, Keyword),
            (r"\b(?:bool|byte|complex64|complex128|error|float32|float64|int8|int16|int32|int64|int|rune|string"
             r"|uint8|uint16|uint32|uint64|uintptr|uint)" + _WORD_END, Keyword.Type),
            (r"\b(?:append|cap|close|complex|copy|delete|imag|len|make|new|panic|print|println|real|recover)"
             + _WORD_END, Name.Builtin),
            (r"\b(?:true|false|iota|nil)" + _WORD_END, Name.Constant),
            (r"(?:" + DECIMALS + "|" + FLOAT_LIT + ")i", Num),
            (FLOAT_LIT, Num),
            (r"(?:0[xX]" + HEX_DIGIT + "+|[0-9][0-9]*|0[0-7]*)", Num),
            (r"'(?:" + UNICODE_VALUE + "|" + BYTE_VALUE + ")'", Str.Char),
            (OPERATOR, Operator),
            (r"\(|\)|\[|\]|\{|\}|,|;", Punctuation),
            (IDENTIFIER, Name),
            (r"\s+", Text),
        ],
        "root": [
            mixin("simple_tokens"),
            (r"`", Str, "raw_string"),
            (r'"', Str, "interpreted_string"),
        ],
        "interpreted_string": [
            (r"(?:" + ESCAPED_CHAR + "|" + LITTLE_U_VALUE + "|" + BIG_U_VALUE + "|" + HEX_BYTE_VALUE + ")", Str.Escape),
            (r"\\.", Error),
            (r'"', Str, "#pop"),
            (r'[^"\\]+', Str),
        ],
        "raw_string": [
            (r"`", Str, "#pop"),
            (r"[^`]+", Str),
        ],
    }
