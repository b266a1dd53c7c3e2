"""Rouge 3.30's IRB/Pry session lexer (rouge/lexers/irb.rb on console.rb): a line with an irb or pry
prompt is Ruby code (one Ruby lexer going on from prompt to prompt), a `#` line a comment, `...`
a snip, any other line output, lexed by one IRBOutputLexer (a Ruby lexer starting in `stdout`)."""
import re

from .engine import consolidate, mixin
from .ruby import Ruby
from .tokens import Comment, Generic, Keyword, Punctuation, Text

_LINE = re.compile(r"(.*?)(\n|$)")
_SNIP = re.compile(r"\s*(?:<[.]+>|[.]+)\s*\Z")
_PROMPT = re.compile(r"^.*?(irb|pry).*?[>\"*]", re.M)
_COMMENT = re.compile(r"\s*?#")
_SPACE = re.compile(r"\s*", re.ASCII)


class IRBOutput(Ruby):
    tag = "irb_output"

    def start(self):
        super().start()
        self.push("stdout")

    states = {
        **Ruby.states,
        "has_irb_output": [
            (r"=>", Punctuation, "#pop"),
            (r".+?(\n|$)", Generic.Output),
        ],
        "irb_error": [
            (r".+?(\n|$)", Generic.Error),
            mixin("has_irb_output"),
        ],
        "stdout": [
            (r"\w+?(Error|Exception):.+?(\n|$)", Generic.Error, "irb_error"),
            mixin("has_irb_output"),
        ],
        "root": [(r"#<", Keyword.Type, "irb_object"), *Ruby.states["root"]],
        "irb_object": [
            (r">", Keyword.Type, "#pop"),
            mixin("root"),
        ],
    }


class IRB:
    tag = "irb"

    def __init__(self, **options):
        self.ruby, self.output = Ruby(), IRBOutput()

    def lex(self, text: str) -> list:
        out: list = []
        ruby, output, pos = self.ruby, self.output, 0
        ruby.reset()
        output.reset()
        while pos < len(text):
            line = _LINE.match(text, pos).group()
            pos += len(line)
            if not line:
                break
            if _SNIP.match(line):
                output.reset()
                ruby.reset()
                out.append((Comment, line))
                continue
            m = _PROMPT.search(line)
            if m:
                output.reset()
                out.append((Generic.Prompt, m.group()))
                rest = line[m.end():]
                space = _SPACE.match(rest).group()
                if space:
                    out.append((Text.Whitespace, space))
                out.extend(ruby.continue_lex(rest[len(space):]))
            elif _COMMENT.match(line.strip()):
                output.reset()
                ruby.reset()
                out.append((Comment, line))
            else:
                ruby.reset()
                out.extend(output.continue_lex(line))
        return consolidate(out)
