"""Rouge 3.30's Make lexer (rouge/lexers/make.rb): recipe lines continue one shell lexer."""
from .engine import RegexLexer, groups, mixin
from .tokens import Comment, Keyword, Literal, Name, Operator, Punctuation, Str, Text

FUNCTIONS = """abspath addprefix addsuffix and basename call dir error eval file
    filter filter-out findstring firstword flavor foreach if join lastword
    notdir or origin patsubst realpath shell sort strip subst suffix value
    warning wildcard word wordlist words""".split()
STOP = r"(?:\$\(|\$\{|\(|\)|\}|\\|$)"


def _push_after(state, *tokens):
    def callback(lexer, m):
        lexer.groups(*tokens)
        lexer.push(state)
    return callback


def _assignment(lexer, m):
    lexer.token(Name.Variable, m.group(1))
    lexer.token(Text, m.group(2))
    lexer.token(Operator, m.group(3))
    lexer.push("shell_line")


def _body(lexer, m):
    lexer.token(Text)
    lexer.goto("block_body")


def _body_end(lexer, m):
    lexer.shell.reset()
    lexer.pop()


def _shell(lexer, m):
    lexer.delegate(lexer.shell)


def _shell_nest(lexer, m):
    lexer.delegate(lexer.shell)
    lexer.push()


class Make(RegexLexer):
    tag = "make"

    def start(self):
        if not hasattr(self, "shell"):
            from .shell import Shell
            self.shell = Shell()
        self.shell.reset()

    states = {
        "root": [
            (r"\s+", Text),
            (r"#.*?\n", Comment),
            (r"([-s]?include)((?:[\t ]+[^\t\n #]+)+)", groups(Keyword, Literal.String.Other)),
            (r"(ifn?def|ifn?eq)([\t ]+)([^#\n]+)", groups(Keyword, Text, Name.Variable)),
            (r"(?:else|endif)[\t ]*(?=[#\n])", Keyword),
            (r"(export)([\t ]+)(?=[\w\${}()\t -]+\n)", _push_after("export", Keyword, Text)),
            (r"export[\t ]+", Keyword),
            (r"(?s)([\w${}().-]+)([\t ]*)([!?:+]?=)", _assignment),
            (r'"(\\\\|\\.|[^"\\])*"', Str.Double),
            (r"'(\\\\|\\.|[^'\\])*'", Str.Single),
            (r"([^\n:]+)(:+)([ \t]*)", _push_after("block_header", Name.Label, Operator, Text)),
        ],
        "export": [
            (r"[\w\${}()-]", Name.Variable),
            (r"\n", Text, "#pop"),
            (r"[\t ]+", Text),
        ],
        "block_header": [
            (r"[^,\\\n#]+", Name.Function),
            (r",", Punctuation),
            (r"#.*?", Comment),
            (r"\\\n", Text),
            (r"\\.", Text),
            (r"\n", _body),
        ],
        "block_body": [
            (r"(ifn?def|ifn?eq)([\t ]+)([^#\n]+)(#.*)?(\n)", groups(Keyword, Text, Name.Variable, Comment, Text)),
            (r"(else|endif)([\t ]*)(#.*)?(\n)", groups(Keyword, Text, Comment, Text)),
            (r"(\t[\t ]*)([@-]?)", _push_after("shell_line", Text, Punctuation)),
            (r"", _body_end),
        ],
        "shell": [
            (r"(?i)\$[({][\t ]*\w[\w:=%.]*[\t ]*[)}]", Name.Variable),
            (r"(?s)(\$[({])([\t ]*)(" + "|".join(FUNCTIONS) + r")([\t ]+)",
             _push_after("shell_expr", Name.Function, Text, Name.Builtin, Text)),
            (r"(?s)\\.", _shell),
            (r"(?s).+?(?=" + STOP + ")", _shell),
            (STOP, _shell),
        ],
        "shell_expr": [
            (r"[({]", _shell_nest),
            (r"[)}]", Name.Function, "#pop"),
            mixin("shell"),
        ],
        "shell_line": [
            (r"\n", Text, "#pop"),
            mixin("shell"),
        ],
    }
