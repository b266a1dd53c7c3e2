"""Rouge 3.30's sed lexer (rouge/lexers/sed.rb): addresses and commands, a pattern through one
Regex lexer and a replacement through one Replacement lexer. Its `w file` flag rule writes the
whole match three times (Keyword, Text, Name: `token` without a value), as Rouge does."""
from .engine import RegexLexer, mixin
from .tokens import Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text

EDOT = r"(?s:\\.|.)"
ADDR = Keyword.Namespace


def _negation(lexer, m):
    lexer.token(Punctuation)
    lexer.goto("brackets_int")


class Regex(RegexLexer):
    tag = "sed_regex"
    states = {
        "root": [
            (r"\\.", Str.Escape),
            (r"\[", Punctuation, "brackets"),
            (r"[$^.*]", Operator),
            (r"[()]", Punctuation),
            (r".", Str.Regex),
        ],
        "brackets": [
            (r"\^", _negation),
            (r"", lambda lexer, m: lexer.goto("brackets_int")),
        ],
        "brackets_int": [
            (r".-.", Name.Variable),
            (r"\]", Punctuation, "#pop"),
            (r".", Str.Regex),
        ],
    }


class Replacement(RegexLexer):
    tag = "sed_replacement"
    states = {
        "root": [
            (r"(?s)\\.", Str.Escape),
            (r"&", Operator),
            (r"(?s)[^\\&]+", Text),
        ],
    }


def _reset_after(tok):
    def callback(lexer, m):
        lexer.token(tok)
        lexer.reset_stack()
    return callback


def _substitute(lexer, m):
    lexer.token(Keyword, m.group(1))
    lexer.token(Punctuation, m.group(2))
    lexer.delegate(lexer.regex, m.group(3))
    lexer.token(Punctuation, m.group(4))
    lexer.delegate(lexer.replacement, m.group(5))
    lexer.token(Punctuation, m.group(6))
    lexer.goto("flags")


def _transliterate(lexer, m):
    lexer.token(Keyword, m.group(1))
    lexer.token(Punctuation, m.group(2))
    lexer.delegate(lexer.replacement, m.group(3))
    lexer.token(Punctuation, m.group(4))
    lexer.delegate(lexer.replacement, m.group(5))
    lexer.token(Punctuation, m.group(6))
    lexer.pop()


def _then(action, *tokens):
    def callback(lexer, m):
        lexer.groups(*tokens)
        if action == "#pop":
            lexer.pop()
        else:
            lexer.goto(action)
    return callback


def _slash_address(lexer, m):
    lexer.token(ADDR, m.group(1))
    lexer.delegate(lexer.regex, m.group(2))
    lexer.token(ADDR, m.group(3))


def _custom_address(lexer, m):
    lexer.token(ADDR, m.group(1) + m.group(2))
    lexer.delegate(lexer.regex, m.group(3))
    lexer.token(ADDR, m.group(4))


def _write_flag(lexer, m):
    lexer.token(Keyword)
    lexer.token(Text)
    lexer.token(Name)


class Sed(RegexLexer):
    tag = "sed"

    def start(self):
        if not hasattr(self, "regex"):
            self.regex, self.replacement = Regex(), Replacement()
        self.regex.reset()
        self.replacement.reset()

    states = {
        "whitespace": [
            (r"(?s)\s+", Text),
            (r"#.*?\n", _reset_after(Comment)),
            (r"\n", _reset_after(Text)),
            (r";", _reset_after(Punctuation)),
        ],
        "root": [mixin("addr_range")],
        "command": [
            mixin("whitespace"),
            (r"(?s)(s)(.)(" + EDOT + r"*?)(\2)(" + EDOT + r"*?)(\2)", _substitute),
            (r"(?s)(y)(.)(" + EDOT + r"*?)(\2)(" + EDOT + r"*?)(\2)", _transliterate),
            (r"([aic])(\s*)", _then("text", Keyword, Text)),
            (r"[pd]", Keyword),
            (r"(?i)([qQl])(\s+)(\d+)", _then("#pop", Keyword, Text, Num)),
            (r"[={}dDgGhHlnpPqx]", Keyword, "#pop"),
            (r"([rRwW])(\s+)(\S+)", _then("#pop", Keyword, Text, Name)),
            (r"([:btT])(\s+)(\S+)", _then("#pop", Keyword, Text, Name.Label)),
        ],
        "addr_range": [
            mixin("whitespace"),
            (r"\d+", ADDR),
            (r"[$,~+!]", ADDR),
            (r"(/)((?:\\.|.)*?)(/)", _slash_address),
            (r"(\\)(.)((?:\\.|.)*?)(\2)", _custom_address),
            (r"", lambda lexer, m: lexer.push("command")),
        ],
        "text": [
            (r"[^\\\n]+", Str),
            (r"\\\n", Str.Escape),
            (r"\\", Str),
            (r"\n", Text, "#pop"),
        ],
        "flags": [
            (r"[gp]+", Keyword, "#pop"),
            (r"([wW])(\s+)(\S+)", _write_flag),
            (r"", lambda lexer, m: lexer.pop()),
        ],
    }
