"""Rouge 3.30's Python lexer (rouge/lexers/python.rb) with its string register (prefix, delimiter)."""
from .engine import RegexLexer, groups
from .tokens import Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text

KEYWORDS = frozenset("""assert break continue del elif else except exec
    finally for global if lambda pass print raise
    return try while yield as with from import yield
    async await nonlocal""".split())
BUILTINS = frozenset("""__import__ abs all any apply ascii basestring bin bool buffer
    bytearray bytes callable chr classmethod cmp coerce compile
    complex delattr dict dir divmod enumerate eval execfile exit
    file filter float format frozenset getattr globals hasattr hash hex id
    input int intern isinstance issubclass iter len list locals
    long map max memoryview min next object oct open ord pow property range
    raw_input reduce reload repr reversed round set setattr slice
    sorted staticmethod str sum super tuple type unichr unicode
    vars xrange zip""".split())
BUILTINS_PSEUDO = frozenset("self None Ellipsis NotImplemented False True".split())
EXCEPTIONS = frozenset("""ArithmeticError AssertionError AttributeError
    BaseException BlockingIOError BrokenPipeError BufferError
    BytesWarning ChildProcessError ConnectionAbortedError
    ConnectionError ConnectionRefusedError ConnectionResetError
    DeprecationWarning EOFError EnvironmentError
    Exception FileExistsError FileNotFoundError
    FloatingPointError FutureWarning GeneratorExit IOError
    ImportError ImportWarning IndentationError IndexError
    InterruptedError IsADirectoryError KeyError KeyboardInterrupt
    LookupError MemoryError ModuleNotFoundError NameError
    NotADirectoryError NotImplemented NotImplementedError OSError
    OverflowError OverflowWarning PendingDeprecationWarning
    ProcessLookupError RecursionError ReferenceError ResourceWarning
    RuntimeError RuntimeWarning StandardError StopAsyncIteration
    StopIteration SyntaxError SyntaxWarning SystemError SystemExit
    TabError TimeoutError TypeError UnboundLocalError UnicodeDecodeError
    UnicodeEncodeError UnicodeError UnicodeTranslateError
    UnicodeWarning UserWarning ValueError VMSError Warning
    WindowsError ZeroDivisionError""".split())
IDENTIFIER = r"[^\W\d]\w*"  # ([[:alpha:]_][[:alnum:]_]*, with (?u))
DOTTED = r"(?:[^\W\d]|\.)[\w.]*"
DIGITS = r"[0-9](?:_?[0-9])*"
DECIMAL = r"((" + DIGITS + r")?\." + DIGITS + "|" + DIGITS + r"\.)"
EXPONENT = r"[eE][+-]?" + DIGITS


def _push_after(state, *tokens):
    def callback(lexer, m):
        lexer.groups(*tokens)
        lexer.push(state)
    return callback


def _string_start(lexer, m):
    lexer.groups(Str.Affix, Str)
    lexer.strings.append((m.group(1).lower(), m.group(2)))
    lexer.push("generic_string")


def _word(lexer, m):
    word = m.group()
    if word in KEYWORDS:
        lexer.token(Keyword)
    elif word in EXCEPTIONS or word in BUILTINS:
        lexer.token(Name.Builtin)
    elif word in BUILTINS_PSEUDO:
        lexer.token(Name.Builtin.Pseudo)
    else:
        lexer.token(Name)


def _quote(lexer, m):
    lexer.token(Str)
    if lexer.strings[-1][1] == m.group():
        lexer.strings.pop()
        lexer.pop()


def _brace(lexer, m):
    if "f" in lexer.strings[-1][0]:
        lexer.token(Str.Interpol)
        lexer.push("generic_interpol")
    else:
        lexer.token(Str)


def _escape(lexer, m):
    lexer.token(Str if "r" in lexer.strings[-1][0] else Str.Escape)
    lexer.pop()


class Python(RegexLexer):
    tag = "python"

    def __init__(self, **options):
        self.strings = []  # (the StringRegister: made once, not reset)
        super().__init__(**options)

    states = {
        "root": [
            (r"(?s)\n+", Text),
            (r'(?si)^(:)(\s*)([ru]{,2}""".*?""")', groups(Punctuation, Text, Str.Doc)),
            (r"[^\S\n]+", Text),
            (r"#(.*)?\n?", Comment.Single),
            (r"[\[\]{}:(),;.]", Punctuation),
            (r"\\\n", Text),
            (r"\\", Text),
            (r"(in|is|and|or|not)\b", Operator.Word),
            (r"(<<|>>|//|\*\*)=?", Operator),
            (r"[-~+/*%=<>&^|@]=?|!=", Operator),
            (r"(?u)(from)((?:\\\s|\s)+)(" + DOTTED + r")((?:\\\s|\s)+)(import)",
             groups(Keyword.Namespace, Text, Name.Namespace, Text, Keyword.Namespace)),
            (r"(?u)(import)(\s+)(" + DOTTED + ")", groups(Keyword.Namespace, Text, Name.Namespace)),
            (r"(def)((?:\s|\\\s)+)", _push_after("funcname", Keyword, Text)),
            (r"(class)((?:\s|\\\s)+)", _push_after("classname", Keyword, Text)),
            (r"`.*?`", Str.Backtick),
            (r"""(?i)([rfbu]{0,2})('''|\"\"\"|['"])""", _string_start),
            (r"(?u)(?i)@" + DOTTED, Name.Decorator),
            # ((?<!\.) before it: a lookbehind at the scan position always holds)
            (r"(?u)" + IDENTIFIER, _word),
            (DECIMAL + "(" + EXPONENT + ")?[jJ]?", Num.Float),
            (DIGITS + EXPONENT + "[jJ]?", Num.Float),
            (DIGITS + "[jJ]", Num.Float),
            (r"0[bB](_?[0-1])+", Num.Bin),
            (r"0[oO](_?[0-7])+", Num.Oct),
            (r"0[xX](_?[a-fA-F0-9])+", Num.Hex),
            (r"\d+L", Num.Integer.Long),
            (r"([1-9](_?[0-9])*|0(_?0)*)", Num.Integer),
        ],
        "funcname": [(r"(?u)" + IDENTIFIER, Name.Function, "#pop")],
        "classname": [(r"(?u)" + IDENTIFIER, Name.Class, "#pop")],
        "generic_string": [
            (r"""[^'"\\{]+""", Str),
            (r"\{\{", Str),
            (r"""'''|\"\"\"|['"]""", _quote),
            (r"(?=\\)", Str, "generic_escape"),
            (r"\{", _brace),
        ],
        "generic_escape": [
            (r"""(?x)\\
                ( [\\abfnrtv"']
                | \n
                | newline
                | N\{[a-zA-Z][a-zA-Z ]+[a-zA-Z]\}
                | u[a-fA-F0-9]{4}
                | U[a-fA-F0-9]{8}
                | x[a-fA-F0-9]{2}
                | [0-7]{1,3}
                )""", _escape),
            (r"\\.", Str, "#pop"),
        ],
        "generic_interpol": [
            (r"[^{}!:]+", lambda lexer, m: lexer.recurse(m.group())),
            (r"![asr]", Str.Interpol),
            (r":", Str.Interpol),
            (r"\{", Str.Interpol, "generic_interpol"),
            (r"\}", Str.Interpol, "#pop"),
        ],
    }
