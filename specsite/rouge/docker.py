"""Rouge 3.30's Docker lexer (rouge/lexers/docker.rb): a RUN line is delegated to one shell lexer
that goes on from line to line, reset at each RUN."""
from .engine import RegexLexer, groups
from .shell import Shell
from .tokens import Comment, Keyword, Str, Text

KEYWORDS = ("FROM|MAINTAINER|CMD|LABEL|EXPOSE|ENV|ADD|COPY|ENTRYPOINT|VOLUME|USER|WORKDIR|ARG|STOPSIGNAL"
            "|HEALTHCHECK|SHELL")


def _run(lexer, m):
    lexer.token(Keyword)
    lexer.push("run")
    lexer.shell.reset()


class Docker(RegexLexer):
    tag = "docker"

    def start(self):
        self.shell = Shell()

    states = {
        "root": [
            (r"\s+", Text),
            (r"(?i)^(FROM)(\s+)(.*)(\s+)(AS)(\s+)(.*)",
             groups(Keyword, Text.Whitespace, Str, Text.Whitespace, Keyword, Text.Whitespace, Str)),
            (r"(?i)^(ONBUILD)(\s+)(" + KEYWORDS + r")(.*)", groups(Keyword, Text.Whitespace, Keyword, Str)),
            (r"(?i)^(" + KEYWORDS + r")\b(.*)", groups(Keyword, Str)),
            (r"#.*?$", Comment),
            (r"(?i)^(ONBUILD\s+)?RUN(\s+)", _run),
            (r"\w+", Text),
            (r"[^\w]+", Text),
            (r".", Text),
        ],
        "run": [
            (r"\n", Text, "#pop"),
            (r"(?s)\\.", Str.Escape),
            (r"(\\.|[^\n\\])+", lambda lexer, m: lexer.delegate(lexer.shell)),
        ],
    }
