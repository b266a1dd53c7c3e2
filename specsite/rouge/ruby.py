"""Rouge 3.30's Ruby lexer (rouge/lexers/ruby.rb): expression starts, %-strings with their own
delimiters (a state made per string), heredocs queued to the line end."""
import re

from .engine import RegexLexer, groups, mixin
from .tokens import Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text

KEYWORDS = r"""BEGIN END alias begin break case defined\? do else elsif end
    ensure for if in next redo rescue raise retry return super then
    undef unless until when while yield""".split()
KEYWORDS_PSEUDO = """loop include extend raise
    alias_method attr catch throw private module_function
    public protected true false nil __FILE__ __LINE__""".split()
BUILTINS_G = r"""attr_reader attr_writer attr_accessor
    __id__ __send__ abort ancestors at_exit autoload binding callcc
    caller catch chomp chop class_eval class_variables clone
    const_defined\? const_get const_missing const_set constants
    display dup eval exec exit extend fail fork format freeze
    getc gets global_variables gsub hash id included_modules
    inspect instance_eval instance_method instance_methods
    instance_variable_get instance_variable_set instance_variables
    lambda load local_variables loop method method_missing
    methods module_eval name object_id open p print printf
    private_class_method private_instance_methods private_methods proc
    protected_instance_methods protected_methods public_class_method
    public_instance_methods public_methods putc puts raise rand
    readline readlines require require_relative scan select self send set_trace_func
    singleton_methods sleep split sprintf srand sub syscall system
    taint test throw to_a to_s trace_var trap untaint untrace_var warn""".split()
BUILTINS_Q = """autoload block_given const_defined eql equal frozen
    include instance_of is_a iterator kind_of method_defined
    nil private_method_defined protected_method_defined
    public_method_defined respond_to tainted""".split()
BUILTINS_B = "chomp chop exit gsub sub".split()
DELIMITERS = {"{": "}", "[": "]", "(": ")", "<": ">"}
DECIMAL = r"[\d]+(?:_\d+)*"
EXP = r"[eE][+-]?\d+"
_RUBY_SPECIAL = set(".*?+^$|\\()[]{}- #\t\n\r\f\v")


def _escape(text: str) -> str:
    """Regexp.escape: Ruby escapes its metacharacters, space and # (and writes \\t \\n … as such)."""
    named = {"\t": "\\t", "\n": "\\n", "\r": "\\r", "\f": "\\f", "\v": "\\v", " ": "\\ "}
    return "".join(named.get(c) or ("\\" + c if c in _RUBY_SPECIAL else c) for c in text)


def _squeeze(text: str) -> str:
    return re.sub(r"(.)\1+", r"\1", text, flags=re.S)


def _sigil(lexer, m):
    kind, delim = m.group(1), m.group(2)
    open_ = _escape(delim)
    close = _escape(DELIMITERS.get(delim, delim))
    interp = kind is not None and kind in "rQWxI"
    toktype = Str.Other
    if kind == "r":
        toktype = Str.Regex
        lexer.push("regex_flags")
    lexer.token(toktype)
    uniq = _squeeze(open_ + close)
    if open_ == close == "\\#":
        uniq = ""
    rules = [(r"\\[#" + uniq + r"\\]", Str.Escape)]
    if open_ != close:
        def nest(lexer, m):
            lexer.token(toktype)
            lexer.push()
        rules.append((open_, nest))
    rules.append((close, toktype, "#pop"))
    if interp:
        rules += [mixin("string_intp_escaped"), (r"#", toktype)]
    else:
        rules.append((r"[\\#]", toktype))
    rules.append((r"(?s)[^#" + uniq + r"\\]+", toktype))
    lexer.push_rules(*rules)


def _heredoc(lexer, m, name=None):
    lexer.token(Operator, m.group(1))
    lexer.token(Name.Constant, m.group(2) + (m.group(3) or "") + (m.group(4) or ""))
    lexer.heredoc_queue.append((m.group(1) in ("<<-", "<<~"), m.group(3) if name is None else name))
    if not lexer.state_is("heredoc_queue"):
        lexer.push("heredoc_queue")


def _test_heredoc(lexer, m):
    tolerant, name = lexer.heredoc_queue[0]
    ws = " \t\n\v\f\r\0"
    check = m.group().strip(ws) if tolerant else m.group().rstrip(ws)
    if check == name:
        lexer.heredoc_queue.pop(0)
        if not lexer.heredoc_queue:
            lexer.pop()
        lexer.token(Name.Constant)
    else:
        lexer.token(Str.Heredoc)
    lexer.pop()


def _pop(lexer, m):
    lexer.pop()


def _goto(state, tok=None):
    def callback(lexer, m):
        if tok is not None:
            lexer.token(tok)
        lexer.goto(state)
    return callback


def _push_after(state, *tokens):
    def callback(lexer, m):
        lexer.groups(*tokens)
        lexer.push(state)
    return callback


def _funcname(lexer, m):
    lexer.groups(Name.Class, Operator, Name.Function)
    lexer.pop()


def _paren_def(lexer, m):
    lexer.token(Punctuation)
    lexer.push("defexpr")
    lexer.push("expr_start")


def _ternary(lexer, m):
    lexer.token(Punctuation)
    lexer.push("ternary")
    lexer.push("expr_start")


def _defexpr_close(lexer, m):
    lexer.groups(Punctuation, Operator)
    lexer.pop()


def _spaced(lexer, m):
    lexer.token(Text)
    lexer.goto("expr_start")


def _other_string(lexer, m):
    lexer.groups(Text, Str.Other)
    lexer.pop()


def _simple(tok, fin):
    return [
        mixin("string_intp_escaped"),
        (r"(?s)[^\\" + fin + "#]+", tok),
        (r"[\\#]", tok),
        (fin, tok, "#pop"),
    ]


class Ruby(RegexLexer):
    tag = "ruby"

    def start(self):
        self.push("expr_start")
        self.heredoc_queue = []

    states = {
        "symbols": [
            (r"(?i):@{0,2}[a-z_]\w*[!?]?", Str.Symbol),
            (r":(?:\*\*|[-+]@|[/%&\|^`~]|\[\]=?|<<|>>|<=?>|<=?|===?)", Str.Symbol),
            (r":'(\\\\|\\'|[^'])*'", Str.Symbol),
            (r':"', Str.Symbol, "simple_sym"),
        ],
        "sigil_strings": [(r"%([rqswQWxiI])?([^\w\s])", _sigil)],
        "strings": [
            mixin("symbols"),
            (r"\b[a-z_]\w*?[?!]?:\s+", Str.Symbol, "expr_start"),
            (r"'(\\\\|\\'|[^'])*'", Str.Single),
            (r'"', Str.Double, "simple_string"),
            (r"`", Str.Backtick, "simple_backtick"),  # ((?<!\.) before it always holds at the scan position)
        ],
        "regex_flags": [(r"[mixounse]*", Str.Regex, "#pop")],
        "simple_string": _simple(Str.Double, '"'),
        "simple_sym": _simple(Str.Symbol, '"'),
        "simple_backtick": _simple(Str.Backtick, "`"),
        "whitespace": [
            mixin("inline_whitespace"),
            (r"(?s)\n\s*", Text, "expr_start"),
            (r"#.*$", Comment.Single),
            (r"(?s)=begin\b.*?\n=end\b", Comment.Multiline),
        ],
        "inline_whitespace": [(r"[ \t\r]+", Text)],
        "root": [
            mixin("whitespace"),
            (r"__END__", Comment.Preproc, "end_part"),
            (r"0_?[0-7]+(?:_[0-7]+)*", Num.Oct),
            (r"0x[0-9A-Fa-f]+(?:_[0-9A-Fa-f]+)*", Num.Hex),
            (r"0b[01]+(?:_[01]+)*", Num.Bin),
            (DECIMAL + r"(?:\." + DECIMAL + "(?:" + EXP + ")?|" + EXP + ")", Num.Float),
            (DECIMAL, Num.Integer),
            (r"(?i)@@[a-z_]\w*", Name.Variable.Class),
            (r"(?i)@[a-z_]\w*", Name.Variable.Instance),
            (r"\$\w+", Name.Variable.Global),
            (r"""\$[!@&`'+~=/\\,;.<>_*\$?:"]""", Name.Variable.Global),
            (r"\$-[0adFiIlpvw]", Name.Variable.Global),
            (r"::", Operator),
            mixin("strings"),
            (r"(?:" + "|".join(KEYWORDS) + r")(?=\W|$)", Keyword, "expr_start"),
            (r"(?:" + "|".join(KEYWORDS_PSEUDO) + r")\b", Keyword.Pseudo, "expr_start"),
            (r"(module)(\s+)([a-zA-Z_][a-zA-Z0-9_]*(::[a-zA-Z_][a-zA-Z0-9_]*)*)",
             groups(Keyword, Text, Name.Namespace)),
            (r"(def\b)(\s*)", _push_after("funcname", Keyword, Text)),
            (r"(class\b)(\s*)", _push_after("classname", Keyword, Text)),
            (r"(?:" + "|".join(BUILTINS_Q) + r")[?]", Name.Builtin, "expr_start"),
            (r"(?:" + "|".join(BUILTINS_B) + r")!", Name.Builtin, "expr_start"),
            # ((?<!\.) before it always holds at the scan position)
            (r"(?:" + "|".join(BUILTINS_G) + r")\b", Name.Builtin, "method_call"),
            mixin("has_heredocs"),
            (r"\.{2,3}", Operator, "expr_start"),
            (r"[A-Z][a-zA-Z0-9_]*", Name.Constant, "method_call"),
            (r"(\.|::)(\s*)([a-z_]\w*[!?]?|[*%&^`~+-/\[<>=])",
             _push_after("method_call", Punctuation, Text, Name.Function)),
            (r"[a-zA-Z_]\w*[?!]", Name, "expr_start"),
            (r"[a-zA-Z_]\w*", Name, "method_call"),
            (r"\*\*|<<?|>>?|>=|<=|<=>|=~|={3}|!~|&&?|\|\||\.", Operator, "expr_start"),
            (r"[-+/*%=<>&!^|~]=?", Operator, "expr_start"),
            (r"[?]", _ternary),
            (r"[\[({,:\\;/]", Punctuation, "expr_start"),
            (r"[\])}]", Punctuation),
        ],
        "has_heredocs": [
            # ((?<!\w) before it always holds at the scan position)
            (r"""(<<[-~]?)(["`']?)([a-zA-Z_]\w*)(\2)""", _heredoc),
            (r"""(<<[-~]?)(["'])(\2)""", lambda lexer, m: _heredoc(lexer, m, "")),
        ],
        "heredoc_queue": [
            (r"(?=\n)", _goto("resolve_heredocs")),
            mixin("root"),
        ],
        "resolve_heredocs": [
            mixin("string_intp_escaped"),
            (r"\n", Str.Heredoc, "test_heredoc"),
            (r"[#\\\n]", Str.Heredoc),
            (r"[^#\\\n]+", Str.Heredoc),
        ],
        "test_heredoc": [
            (r"[^#\\\n]*$", _test_heredoc),
            (r"", _pop),
        ],
        "funcname": [
            (r"\s+", Text),
            (r"\(", Punctuation, "defexpr"),
            (r"""(?x)(?:([a-zA-Z_]\w*)(\.))?
                (
                  [a-zA-Z_]\w*[!?]? |
                  \*\*? | [-+]@? | [/%&\|^`~] | \[\]=? |
                  <<? | >>? | <=>? | >= | ===?
                )""", _funcname),
            (r"", _pop),
        ],
        "classname": [
            (r"\s+", Text),
            (r"\w+(::\w+)+", Name.Class),
            (r"\(", _paren_def),
            (r"<<", _goto("expr_start", Operator)),
            (r"[A-Z_]\w*", Name.Class, "#pop"),
            (r"", _pop),
        ],
        "ternary": [
            (r"(:)(\s+)", lambda lexer, m: (lexer.groups(Punctuation, Text), lexer.goto("expr_start"))),
            (r":(?![^#\n]*?[:\\])", _goto("expr_start", Punctuation)),
            mixin("root"),
        ],
        "defexpr": [
            (r"(\))(\.|::)?", _defexpr_close),
            (r"\(", _paren_def),
            mixin("root"),
        ],
        "in_interp": [
            (r"\}", Str.Interpol, "#pop"),
            mixin("root"),
        ],
        "string_intp": [
            (r"[#][{]", Str.Interpol, "in_interp"),
            (r"(?i)#(@@?|\$)[a-z_]\w*", Str.Interpol),
        ],
        "string_intp_escaped": [
            mixin("string_intp"),
            (r"""\\([\\abefnrstv#"']|x[a-fA-F0-9]{1,2}|[0-7]{1,3})""", Str.Escape),
            (r"\\.", Str.Escape),
        ],
        "method_call": [
            (r"/|%", _goto("expr_start", Operator)),
            (r"(?=\n)", _pop),
            (r"", _goto("method_call_spaced")),
        ],
        "method_call_spaced": [
            mixin("whitespace"),
            (r"[%/]=", _goto("expr_start", Operator)),
            (r"(/)(?=\S|\s*/)", _goto("slash_regex", Str.Regex)),
            mixin("sigil_strings"),
            (r"(?=\s*/)", _pop),
            (r"\s+", _spaced),
            (r"", _pop),
        ],
        "expr_start": [
            mixin("inline_whitespace"),
            (r"/", _goto("slash_regex", Str.Regex)),
            (r"""(?x)[?](\\[MC]-)*
                (\\([\\abefnrstv\#"']|x[a-fA-F0-9]{1,2}|[0-7]{1,3})|\S)
                (?!\w)""", Str.Char, "#pop"),
            (r"(\s*)(%[rqswQWxiI]? \S* )", _other_string),
            mixin("sigil_strings"),
            (r"", _pop),
        ],
        "slash_regex": [
            mixin("string_intp"),
            (r"\\\\", Str.Regex),
            (r"\\/", Str.Regex),
            (r"[\\#]", Str.Regex),
            (r"(?s)[^\\/#]+", Str.Regex),
            (r"/", _goto("regex_flags", Str.Regex)),
        ],
        "end_part": [(r"(?s).+", Comment.Preproc, "#pop")],
    }
