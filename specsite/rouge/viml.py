"""Rouge 3.30's VimL lexer (rouge/lexers/viml.rb). Its comment rule after the strings starts with
(?<=\\s), which never holds at the scan position: it is left out."""
from .engine import RegexLexer, groups
from .tokens import Comment, Keyword, Name, Num, Punctuation, Str, Text


def _word(lexer, m):
    from . import viml_keywords as words
    name = m.group()
    if name in words.COMMAND:
        lexer.token(Keyword)
    elif name in words.FUNCTION or name in words.OPTION or name in words.AUTO:
        lexer.token(Name.Builtin)
    else:
        lexer.token(Text)


class VimL(RegexLexer):
    tag = "viml"
    states = {
        "root": [
            (r'^(\s*)(".*?)$', groups(Text, Comment)),
            (r"^\s*\\", Str.Escape),
            (r"[ \t]+", Text),
            (r"/(\\\\|\\/|[^\n/])*/", Str.Regex),
            (r'"(\\\\|\\"|[^\n"])*"', Str.Double),
            (r"'(\\\\|\\'|[^\n'])*'", Str.Single),
            (r"-?\d+", Num),
            (r"(?i)#[0-9a-f]{6}", Num.Hex),
            (r"^:", Punctuation),
            (r"[():<>+=!\[\]{}\|,~.-]", Punctuation),
            (r"\b(let|if|else|endif|elseif|fun|function|endfunction)\b", Keyword),
            (r"\b(NONE|bold|italic|underline|dark|light)\b", Name.Builtin),
            (r"[absg]:\w+\b", Name.Variable),
            (r"\b\w+\b", _word),
            (r"(?s).", Text),  # (no errors in VimL)
        ],
    }
