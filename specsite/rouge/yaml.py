"""Rouge 3.30's YAML lexer (rouge/lexers/yaml.rb): its indentation stack and block scalars."""
from .engine import RegexLexer, mixin
from .tokens import Comment, Error, Keyword, Literal, Name, Num, Punctuation, Str, Text

PLAIN_SCALAR_START = r"""[^ \t\n\r\f\v?:,\[\]{}#&*!\|>'"%@`]"""


def _directive(state):
    def callback(lexer, m):
        lexer.token(Name.Tag if state != "block_line" else Name.Namespace)
        lexer.reset_indent()
        lexer.push(state)
    return callback


def _line_start(lexer, m):
    text, err = lexer.save_indent(m.group())
    lexer.token(Text, text)
    lexer.token(Error, err)
    lexer.push("block_line")
    lexer.push("indentation")


def _blank_line(lexer, m):
    lexer.token(Text)
    lexer.pop(2)


def _continue(lexer, m):
    lexer.token(Text)
    lexer.next_indent += len(m.group())


def _indicator(lexer, m):
    lexer.set_indent(m.group())
    lexer.token(Punctuation.Indicator)


def _indent_end(lexer, m):
    lexer.token(Text)
    lexer.next_indent += len(m.group())
    lexer.pop()


def _plain_in_block(lexer, m):
    lexer.token(Name.Variable)  # (an empty match: nothing written)
    lexer.push("plain_scalar_in_block_context")


def _key(lexer, m):
    lexer.groups(Name.Attribute, Punctuation.Indicator)
    lexer.set_indent(m.group(), implicit=True)


def _block_scalar(lexer, m):
    lexer.token(Punctuation.Indicator)
    lexer.push("block_scalar_content")
    lexer.push("block_scalar_header")


def _blank_scalar_line(lexer, m):
    text = m.group()
    mark = lexer.block_scalar_indent if lexer.block_scalar_indent is not None else len(text)
    lexer.token(Text, text[:mark])
    lexer.token(Name.Constant, text[mark:])


def _scalar_line_start(lexer, m):
    lexer.token(Text)
    size = len(m.group())
    level = lexer.block_scalar_indent if lexer.block_scalar_indent is not None else lexer.indent()
    if lexer.block_scalar_indent is None:
        lexer.block_scalar_indent = size
    if size < level:
        lexer.save_indent(m.group())
        lexer.pop()
        lexer.push("indentation")


def _scalar_header(lexer, m):
    lexer.block_scalar_indent = None
    lexer.goto("ignored_line")
    if not m.group():
        return
    increment = m.group(2) or m.group(3)
    if increment:
        lexer.block_scalar_indent = lexer.indent() + int(increment)
    lexer.token(Punctuation.Indicator)


def _new_line_in_scalar(lexer, m):
    lexer.token(Text)
    lexer.push("plain_scalar_in_block_context_new_line")


def _scalar_next_line(lexer, m):
    lexer.token(Text)
    lexer.pop()
    if len(m.group()) <= lexer.indent():
        lexer.pop()
        lexer.save_indent(m.group())
        lexer.push("indentation")


def _groups_then_ignored(*tokens):
    def callback(lexer, m):
        lexer.groups(*tokens)
        lexer.goto("ignored_line")
    return callback


class YAML(RegexLexer):
    tag = "yaml"

    def start(self):
        self.reset_indent()

    def reset_indent(self):
        self.indent_stack = [0]
        self.next_indent = 0
        self.block_scalar_indent = None

    def indent(self):
        return self.indent_stack[-1]

    def save_indent(self, match):
        self.next_indent = len(match)
        if self.next_indent < self.indent():
            while self.next_indent < self.indent():
                self.indent_stack.pop()
            return match[:self.indent()], match[self.indent():]
        return match, ""

    def set_indent(self, match, implicit=False):
        if self.indent() < self.next_indent:
            self.indent_stack.append(self.next_indent)
        if not implicit:
            self.next_indent += len(match)

    states = {
        "basic": [(r"#.*$", Comment.Single)],
        "root": [
            mixin("basic"),
            (r"\n+", Text),
            (r"[ ]+(?=#|$)", Text),
            (r"^%YAML\b", _directive("yaml_directive")),
            (r"^%TAG\b", _directive("tag_directive")),
            (r"^(?:---|\.\.\.)(?= |$)", _directive("block_line")),
            (r"[ ]*(?!\s|$)", _line_start),
        ],
        "indentation": [
            (r"\s*?\n", _blank_line),
            (r"[ ]+(?=[-:?](?:[ ]|$))", _continue),
            (r"[?:-](?=[ ]|$)", _indicator),
            (r"[ ]*", _indent_end),
        ],
        "block_line": [
            (r"[ ]*(?=#|$)", Text, "#pop"),
            (r"[ ]+", Text),
            mixin("descriptors"),
            mixin("block_nodes"),
            mixin("flow_nodes"),
            (r"(?=" + PLAIN_SCALAR_START + r"|[?:-][^ \t\n\r\f\v])", _plain_in_block),
        ],
        "descriptors": [
            (r"!<[0-9A-Za-z;/?:@&=+$,_.!~*'()\[\]%-]+>", Keyword.Type),
            (r"(?:![\w-]+)?!(?:[\w;/?:@&=+$,.!~*'()\[\]%-]*)", Keyword.Type),
            (r"(?u)&[\w-]+", Name.Label),
            (r"(?u)\*[\w-]+", Name.Variable),
        ],
        "block_nodes": [
            (r"""([^#,:?\[\]{}"'\n]+)(:)(?=\s|$)""", _key),
            (r"[\|>][+-]?", _block_scalar),
        ],
        "flow_nodes": [
            (r"\[", Punctuation.Indicator, "flow_sequence"),
            (r"\{", Punctuation.Indicator, "flow_mapping"),
            (r"'", Str.Single, "single_quoted_scalar"),
            (r'"', Str.Double, "double_quoted_scalar"),
        ],
        "flow_collection": [
            (r"(?s)\s+", Text),
            mixin("basic"),
            (r"[?:,]", Punctuation.Indicator),
            mixin("descriptors"),
            mixin("flow_nodes"),
            (r"(?=" + PLAIN_SCALAR_START + r")", lambda lexer, m: lexer.push("plain_scalar_in_flow_context")),
        ],
        "flow_sequence": [
            (r"\]", Punctuation.Indicator, "#pop"),
            mixin("flow_collection"),
        ],
        "flow_mapping": [
            (r"\}", Punctuation.Indicator, "#pop"),
            mixin("flow_collection"),
        ],
        "block_scalar_content": [
            (r"\n+", Text),
            (r"^[ ]+$", _blank_scalar_line),
            (r"^[ ]*", _scalar_line_start),
            (r"[^\n\r\f\v]+", Str),
        ],
        "block_scalar_header": [
            (r"(([1-9])[+-]?|[+-]?([1-9])?)(?=[ ]|$)", _scalar_header),
        ],
        "ignored_line": [
            mixin("basic"),
            (r"[ ]+", Text),
            (r"\n", Text, "#pop"),
        ],
        "quoted_scalar_whitespaces": [
            (r"^[ ]+", Text),
            (r"[ ]+$", Text),
            (r"(?s)\n+", Text),
            (r"[ ]+", Name.Variable),
        ],
        "single_quoted_scalar": [
            mixin("quoted_scalar_whitespaces"),
            (r"\\'", Str.Escape),
            (r"'", Str, "#pop"),
            (r"[^\s']+", Str),
        ],
        "double_quoted_scalar": [
            (r'"', Str, "#pop"),
            mixin("quoted_scalar_whitespaces"),
            (r'\\[0abt\tn\nvfre "\\N_LP]', Str.Escape),
            (r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})", Str.Escape),
            (r'[^ \t\n\r\f\v"\\]+', Str),
        ],
        "plain_scalar_in_block_context_new_line": [
            (r"^[ ]+\n", Text),
            (r"(?s)\n+", Text),
            (r"^(?=---|\.\.\.)", lambda lexer, m: lexer.pop(3)),
            (r"^[ ]*", _scalar_next_line),
        ],
        "plain_scalar_in_block_context": [
            (r"[ ]*(?=:[ \n]|:$)", Text, "#pop"),
            (r"[ ]*:\S+", Str),
            (r"[ ]+(?=#)", Text, "#pop"),
            (r"[ ]+$", Text),
            (r"\n+", _new_line_in_scalar),
            (r"[ ]+", Str),
            (r"true|false|null", Name.Constant),
            (r"\d+(?:\.\d+)?(?=(\r?\n)| +#)", Literal.Number, "#pop"),
            (r"[^\s:]+", Str),
        ],
        "plain_scalar_in_flow_context": [
            (r"[ ]*(?=[,:?\[\]{}])", Text, "#pop"),
            (r"[ ]+(?=#)", Text, "#pop"),
            (r"^[ ]+", Text),
            (r"[ ]+$", Text),
            (r"\n+", Text),
            (r"[ ]+", Name.Variable),
            (r"[^\s,:?\[\]{}]+", Name.Variable),
        ],
        "yaml_directive": [(r"([ ]+)(\d+\.\d+)", _groups_then_ignored(Text, Num))],
        "tag_directive": [
            (r"([ ]+)(!|![\w-]*!)([ ]+)(!|!?[\w;/?:@&=+$,.!~*'()\[\]%-]+)",
             _groups_then_ignored(Text, Keyword.Type, Text, Keyword.Type)),
        ],
    }
