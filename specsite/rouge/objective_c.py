"""Rouge 3.30's Objective-C (rouge/lexers/objective_c.rb) and Objective-C++ (objective_cpp.rb)
lexers: objective_c/common.rb's rules prepended to the C and C++ ports' statements and root, and its
own states for messages, literals and methods."""
from .c import C, Cpp
from .engine import groups, mixin
from .tokens import Comment, Error, Keyword, Name, Num, Operator, Punctuation, Str, Text

OBJC_ID = r"[a-zA-Z$_][a-zA-Z0-9$_]*"
AT_KEYWORDS = frozenset("""selector private protected public encode synchronized try
    throw catch finally end property synthesize dynamic optional
    interface implementation import autoreleasepool""".split())
AT_BUILTINS = frozenset("true false YES NO".split())


def _at_word(lexer, m):
    word = m.group(1)
    lexer.token(Keyword if word in AT_KEYWORDS else Name.Builtin if word in AT_BUILTINS else Error)


def _then(action, *tokens):
    def callback(lexer, m):
        lexer.groups(*tokens)
        if action == "#pop":
            lexer.pop()
        elif action == "#push":
            lexer.push()
        else:
            lexer.goto(action)
    return callback


def _method_start(lexer, m):
    lexer.token(Keyword, m.group(1))
    lexer.token(Text, m.group(2))
    if m.group(3):
        lexer.recurse(m.group(3))
    lexer.token(Text, m.group(4))
    lexer.push("method_definition")


def _typed_argument(lexer, m):
    lexer.recurse(m.group(1))
    lexer.token(Name.Variable, m.group(2))


def _method_body(lexer, m):
    lexer.token(Punctuation)
    lexer.goto("function")


def _common_states(base) -> dict:
    """ObjectiveCCommon.extended(base): the base lexer's states with the common rules and states."""
    return {
        **base.states,
        "statements": [
            (r'@"', Str, "string"),
            (r"@'(\\[0-7]{1,3}|\\x[a-fA-F0-9]{1,2}|\\.|[^\\'\n]')", Str.Char),
            (r"(?i)@(\d+[.]\d*|[.]\d+|\d+)e[+-]?\d+l?", Num.Float),
            (r"(?i)@(\d+[.]\d*|[.]\d+|\d+f)f?", Num.Float),
            (r"@0x[0-9a-fA-F]+[lL]?", Num.Hex),
            (r"(?i)@0[0-7]+l?", Num.Oct),
            (r"@\d+l?", Num.Integer),
            (r"\bin\b", Keyword),
            (r"@(?:interface|implementation)\b", Keyword, "objc_classname"),
            (r"@(?:class|protocol)\b", Keyword, "forward_classname"),
            (r"(?u)@([^\W_]+)", _at_word),  # ([[:alnum:]]: Unicode)
            (r"[?]", Punctuation, "ternary"),
            (r"\[", Punctuation, "message"),
            (r"@\[", Punctuation, "array_literal"),
            (r"@\{", Punctuation, "dictionary_literal"),
            *base.states["statements"],
        ],
        "ternary": [
            (r":", Punctuation, "#pop"),
            mixin("statements"),
        ],
        "message_shared": [
            (r"\]", Punctuation, "#pop"),
            (r"\{", Punctuation, "#pop"),
            (r";", Error),
            mixin("statements"),
        ],
        "message": [
            (r"(" + OBJC_ID + r")(\s*)(:)", _then("message_with_args", Name.Function, Text, Punctuation)),
            (r"(" + OBJC_ID + r")(\s*)(\])", _then("#pop", Name.Function, Text, Punctuation)),
            mixin("message_shared"),
        ],
        "message_with_args": [
            (r"\{", Punctuation, "function"),
            (r"(" + OBJC_ID + r")(\s*)(:)", _then("#pop", Name.Function, Text, Punctuation)),
            mixin("message_shared"),
        ],
        "array_literal": [
            (r"]", Punctuation, "#pop"),
            (r",", Punctuation),
            mixin("statements"),
        ],
        "dictionary_literal": [
            (r"}", Punctuation, "#pop"),
            (r",", Punctuation),
            mixin("statements"),
        ],
        "objc_classname": [
            mixin("whitespace"),
            (r"(" + OBJC_ID + r")(\s*)(:)(\s*)(" + OBJC_ID + ")",
             _then("#pop", Name.Class, Text, Punctuation, Text, Name.Class)),
            (r"(" + OBJC_ID + r")(\s*)([(])(\s*)(" + OBJC_ID + r")(\s*)([)])",
             _then("#pop", Name.Class, Text, Punctuation, Text, Name.Label, Text, Punctuation)),
            (OBJC_ID, Name.Class, "#pop"),
        ],
        "forward_classname": [
            mixin("whitespace"),
            (r"(" + OBJC_ID + r")(\s*)(,)(\s*)", _then("#push", Name.Class, Text, Punctuation, Text)),
            (r"(" + OBJC_ID + r")(\s*)(;?)", _then("#pop", Name.Class, Text, Punctuation)),
        ],
        "root": [
            (r"(?i)([-+])(\s*)([(].*?[)])?(\s*)(?=" + OBJC_ID + ":?)", _method_start),
            *base.states["root"],
        ],
        "method_definition": [
            (r",", Punctuation),
            (r"[.][.][.]", Punctuation),
            (r"([(].*?[)])(" + OBJC_ID + ")", _typed_argument),
            (r"(?s)(" + OBJC_ID + r")(\s*)(:)", groups(Name.Function, Text, Punctuation)),
            (r";", Punctuation, "#pop"),
            (r"{", _method_body),
            mixin("inline_whitespace"),
            (r"//.*?\n", Comment.Single),
            (r"(?s)\s+", Text),
            (r"", lambda lexer, m: lexer.pop()),
        ],
    }


class ObjectiveC(C):
    tag = "objective_c"
    BUILTINS = frozenset("YES NO nil".split())  # (ObjectiveCCommon#builtins)
    states = _common_states(C)


class ObjectiveCpp(Cpp):
    tag = "objective_cpp"
    BUILTINS = ObjectiveC.BUILTINS
    states = _common_states(Cpp)
    states["statements"] = [
        (r"(\.)(class)", groups(Operator, Name.Builtin.Pseudo)),
        (r"(@selector)(\()(class)(\))", groups(Keyword, Punctuation, Name.Builtin.Pseudo, Punctuation)),
        *states["statements"],
    ]
