"""Rouge 3.30's console lexer (rouge/lexers/console.rb) with its default options: a line with a
prompt end (`$`, `#`, `>` or `;`) is a prompt (up to the first of them) and shell code, continuing
the shell lexer's state; a snip line (`...`) a comment; any other line output."""
import re

from .engine import consolidate
from .tokens import Comment, Generic, Text

_LINE = re.compile(r"(.*?)(\n|$)")
_SNIP = re.compile(r"\s*(?:<[.]+>|[.]+)\s*\Z")
_PROMPT = re.compile(r"^(?s:.*?)(?:\$|\#|>|;)", re.M)
_SPACE = re.compile(r"\s*", re.ASCII)


class Console:
    tag = "console"

    def __init__(self, **options):
        from .shell import Shell
        self.shell = Shell()

    def lex(self, text: str) -> list:
        out: list = []
        shell, pos = self.shell, 0
        shell.reset()
        while pos < len(text):
            line = _LINE.match(text, pos).group()
            pos += len(line)
            if not line:  # (StringScanner's scan of an empty match at a `$`: Rouge loops on; never here)
                break
            if _SNIP.match(line):
                shell.reset()
                out.append((Comment, line))
                continue
            m = _PROMPT.search(line)
            if m:
                out.append((Generic.Prompt, m.group()))
                rest = line[m.end():]
                space = _SPACE.match(rest).group()
                if space:
                    out.append((Text.Whitespace, space))
                out.extend(shell.continue_lex(rest[len(space):]))
            else:
                shell.reset()
                out.append((Generic.Output, line))
        return consolidate(out)
