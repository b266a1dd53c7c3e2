"""Rouge 3.30's SCSS (rouge/lexers/scss.rb) and Sass (sass.rb, with Rouge's Indentation mixin)
lexers on their shared states (sass/common.rb)."""
from .css import ATTRIBUTES, BUILTINS, CONSTANTS
from .engine import RegexLexer, mixin
from .tokens import Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text

ID = r"[\w-]+"


def _push_after(state, *tokens):
    def callback(lexer, m):
        lexer.groups(*tokens)
        lexer.push(state)
    return callback


def _value_word(lexer, m):
    word = m.group()
    lexer.token(Name.Builtin if word in BUILTINS else Name.Constant if word in CONSTANTS else Name)


def _attribute_word(lexer, m):
    lexer.token(Name.Label if m.group() in ATTRIBUTES else Name.Attribute)


def _pusher(state):
    return lambda lexer, m: lexer.push(state)


# SassCommon's states; `end_section` is each subclass's own
COMMON = {
    "content_common": [
        (r"@for\b", Keyword, "for"),
        (r"@(debug|warn|if|each|while|else|return|media)", Keyword, "value"),
        (r"(@mixin)(\s+)(" + ID + ")", _push_after("value", Keyword, Text, Name.Function)),
        (r"(@function)(\s+)(" + ID + ")", _push_after("value", Keyword, Text, Name.Function)),
        (r"@extend\b", Keyword, "selector"),
        (r"(@include)(\s+)(" + ID + ")", _push_after("value", Keyword, Text, Name.Decorator)),
        (r"@" + ID, Keyword, "selector"),
        (r"&", Keyword, "selector"),
        # $variable: assignment
        (r"([$]" + ID + r")([ \t]*)(:)", _push_after("value", Name.Variable, Text, Punctuation)),
    ],
    "value": [
        mixin("end_section"),
        (r"[ \t]+", Text),
        (r"[$]" + ID, Name.Variable),
        (r"url[(]", Str.Other, "string_url"),
        (ID + r"(?=\s*[(])", Name.Function),
        (r"%" + ID, Name.Decorator),
        (r"(true|false)\b", Name.Builtin.Pseudo),  # (named literals)
        (r"(and|or|not)\b", Operator.Word),
        (r"(?i)#[a-z0-9]{1,6}", Num.Hex),  # (colours and numbers)
        (r"-?\d+(%|[a-z]+)?", Num),
        (r"-?\d*\.\d+(%|[a-z]+)?", Num.Integer),
        mixin("has_strings"),
        mixin("has_interp"),
        (r"[~^*!&%<>\|+=@:,./?-]+", Operator),
        (r"[\[\]()]+", Punctuation),
        (r"/[*]", Comment.Multiline, "inline_comment"),
        (r"//[^\n]*", Comment.Single),
        (ID, _value_word),
    ],
    "has_interp": [(r"[#][{]", Str.Interpol, "interpolation")],
    "has_strings": [
        (r'"', Str.Double, "dq"),
        (r"'", Str.Single, "sq"),
    ],
    "interpolation": [
        (r"}", Str.Interpol, "#pop"),
        mixin("value"),
    ],
    "selector": [
        mixin("end_section"),
        mixin("has_strings"),
        mixin("has_interp"),
        (r"[ \t]+", Text),
        (r":", Name.Decorator, "pseudo_class"),
        (r"[.]", Name.Class, "class"),
        (r"#", Name.Namespace, "id"),
        (r"%", Name.Variable, "placeholder"),
        (ID, Name.Tag),
        (r"&", Keyword),
        (r"[~^*!&\[\]()<>\|+=@:;,./?-]", Operator),
    ],
    "dq": [
        (r'"', Str.Double, "#pop"),
        mixin("has_interp"),
        (r'(\\.|#(?![{])|[^\n"#])+', Str.Double),
    ],
    "sq": [
        (r"'", Str.Single, "#pop"),
        mixin("has_interp"),
        (r"(\\.|#(?![{])|[^\n'#])+", Str.Single),
    ],
    "string_url": [
        (r"[)]", Str.Other, "#pop"),
        (r"(\\.|#(?![{])|[^\n)#])+", Str.Other),
        mixin("has_interp"),
    ],
    "selector_piece": [
        mixin("has_interp"),
        (r"", lambda lexer, m: lexer.pop()),
    ],
    "pseudo_class": [(ID, Name.Decorator), mixin("selector_piece")],
    "class": [(ID, Name.Class), mixin("selector_piece")],
    "id": [(ID, Name.Namespace), mixin("selector_piece")],
    "placeholder": [(ID, Name.Variable), mixin("selector_piece")],
    "for": [
        (r"(from|to|through)", Operator.Word),
        mixin("value"),
    ],
    "attr_common": [
        mixin("has_interp"),
        (ID, _attribute_word),
    ],
    "attribute": [
        mixin("attr_common"),
        (r"([ \t]*)(:)", _push_after("value", Text, Punctuation)),
    ],
    "inline_comment": [
        (r"(\\#|#(?=[^\n{])|\*(?=[^\n/])|[^\n#*])+", Comment.Multiline),
        mixin("has_interp"),
        (r"[*]/", Comment.Multiline, "#pop"),
    ],
}


def _end_section(lexer, m):
    lexer.token(Punctuation)
    lexer.reset_stack()


class Scss(RegexLexer):
    tag = "scss"
    states = {
        **COMMON,
        "root": [
            (r"\s+", Text),
            (r"//.*?$", Comment.Single),
            (r"(?s)/[*].*?[*]/", Comment.Multiline),
            (r"@import\b", Keyword, "value"),
            mixin("content_common"),
            (r"(?=[^;{}][;}])", _pusher("attribute")),
            (r"(?=[^;{}:\[]+:[^a-z])", _pusher("attribute")),
            (r"", _pusher("selector")),
        ],
        "end_section": [
            (r"\n", Text),
            (r"[;{}]", _end_section),
        ],
    }


def _indentation(lexer, m):
    """Indentation#indentation: a line indented past the block that a comment started goes on in
    that comment's state, any other line is content."""
    indent = m.group()
    lexer.token(Text)
    lexer.last_indentation = indent
    if lexer.block_state and indent.startswith(lexer.block_indentation) and indent != lexer.block_indentation:
        lexer.push(lexer.block_state)
    else:
        lexer.block_state = lexer.block_indentation = None
        lexer.push("content")


def _starts_block(state, tok):
    def callback(lexer, m):
        lexer.token(tok)
        lexer.pop()
        lexer.block_state = state
        lexer.block_indentation = lexer.last_indentation or ""
    return callback


def _end_line(lexer, m):
    lexer.token(Text)
    lexer.reset_stack()


def _old_style_value(lexer, m):
    lexer.pop()
    lexer.push("value")


class Sass(RegexLexer):
    tag = "sass"
    last_indentation = None

    def start(self):
        self.block_state = self.block_indentation = None

    states = {
        **COMMON,
        "root": [
            (r"[ \t]*\n", Text),
            (r"[ \t]*", _indentation),
        ],
        "content": [
            (r"//.*?$", _starts_block("single_comment", Comment.Single)),  # (block comments)
            (r"/[*].*?\n", _starts_block("multi_comment", Comment.Multiline)),
            (r"@import\b", Keyword, "import"),
            mixin("content_common"),
            (r"=" + ID, Name.Function, "value"),
            (r"[+]" + ID, Name.Decorator, "value"),
            (r":", Name.Attribute, "old_style_attr"),
            (r"(?=[^\[\n]+?:([^a-z]|$))", _pusher("attribute")),
            (r"", _pusher("selector")),
        ],
        "single_comment": [(r".*?$", Comment.Single, "#pop")],
        "multi_comment": [(r".*?\n", Comment.Multiline, "#pop")],
        "import": [
            (r"[ \t]+", Text),
            (r"\S+", Str),
            (r"\n", Text, "#pop"),
        ],
        "old_style_attr": [
            mixin("attr_common"),
            (r"", _old_style_value),
        ],
        "end_section": [(r"\n", _end_line)],
    }
