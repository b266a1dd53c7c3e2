"""Rouge 3.30's lexers of configuration files: conf.rb, properties.rb and nginx.rb."""
from .engine import RegexLexer, groups, mixin
from .tokens import Comment, Keyword, Name, Num, Punctuation, Str, Text


class Conf(RegexLexer):
    tag = "conf"
    states = {
        "root": [
            (r"#.*?\n", Comment),
            (r'".*?"', Str.Double),
            (r"'.*?'", Str.Single),
            (r"(?i)[a-z]\w*", Name),
            (r"\d+", Num),
            (r"[^\w#\"']+", Text),
        ],
    }


def _property(lexer, m):
    lexer.groups(Name.Property, Text, Punctuation)
    lexer.push("value")


class Properties(RegexLexer):
    tag = "properties"
    states = {
        "basic": [
            (r"[!#].*?\n", Comment),
            (r"\s+", Text),
            (r"\\\n", Str.Escape),
        ],
        "root": [
            mixin("basic"),
            (r"([\w.-]+)(\s*)([=:])", _property),
        ],
        "value": [
            (r"\n", Text, "#pop"),
            mixin("basic"),
            (r'"', Str, "dq"),
            (r"'.*?'", Str),
            mixin("esc_str"),
            (r"[^\\\n]+", Str),
        ],
        "dq": [
            (r'"', Str, "#pop"),
            mixin("esc_str"),
            (r'[^\\"]+', Str),
        ],
        "esc_str": [
            (r"\\u[0-9]{4}", Str.Escape),
            (r"(?s)\\.", Str.Escape),
        ],
    }


NGINX_ID = r"[^\s$;{}()#]+"


def _block(lexer, m):
    lexer.token(Punctuation)
    lexer.pop()
    lexer.push("block")


class Nginx(RegexLexer):
    tag = "nginx"
    states = {
        "root": [
            (r"(include)(\s+)([^\s;]+)", groups(Keyword, Text, Name)),
            (NGINX_ID, Keyword, "statement"),
            mixin("base"),
        ],
        "block": [
            (r"}", Punctuation, "#pop"),
            (NGINX_ID, Keyword.Namespace, "statement"),
            mixin("base"),
        ],
        "statement": [
            (r"{", _block),
            (r";", Punctuation, "#pop"),
            mixin("base"),
        ],
        "base": [
            (r"\s+", Text),
            (r"#.*", Comment.Single),
            (r"(?:on|off)\b", Name.Constant),
            (r"[$][\w-]+", Name.Variable),
            (r"(?i)([a-z0-9.-]+)(:)([0-9]+)", groups(Name.Function, Punctuation, Num.Integer)),
            (r"(?i)[a-z-]+/[a-z-]+", Name.Class),
            (r"(?i)[0-9]+[kmg]?\b", Num.Integer),
            (r"(~)(\s*)([^\s{]+)", groups(Punctuation, Text, Str.Regex)),
            (r"[:=~]", Punctuation),
            (r"/(?:" + NGINX_ID + ")?", Name),
            (r"[^#\s;{}$\\]+", Str),  # (catch-all)
            (r"[$;]", Text),
        ],
    }
