"""Rouge 3.30's Rust lexer (rouge/lexers/rust.rb). \\p{XID_Start} / \\p{XID_Continue} are taken as
Python's Unicode letters and word characters; Ruby's \\s stays ASCII in those (?u) rules."""
from .engine import RegexLexer, groups, mixin
from .tokens import Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text

KEYWORDS = """as async await break const continue crate dyn else enum extern false
    fn for if impl in let log loop match mod move mut pub ref return self
    Self static struct super trait true type unsafe use where while
    abstract become box do final macro
    override priv typeof unsized virtual
    yield try
    union""".split()
BUILTINS = frozenset("""Add BitAnd BitOr BitXor bool c_char c_double c_float char
    c_int clock_t c_long c_longlong Cons Const Copy c_schar c_short
    c_uchar c_uint c_ulong c_ulonglong c_ushort c_void dev_t DIR
    dirent Div Either Eq Err f32 f64 Failure FILE float fpos_t
    i16 i32 i64 i8 isize Index ino_t int intptr_t Left mode_t Modulo Mul
    Neg Nil None Num off_t Ok Option Ord Owned pid_t Ptr ptrdiff_t
    Right Send Shl Shr size_t Some ssize_t str Sub Success time_t
    u16 u32 u64 u8 usize uint uintptr_t
    Box Vec String Gc Rc Arc
    u128 i128 Result Sync Pin Unpin Sized Drop drop Fn FnMut FnOnce
    Clone PartialEq PartialOrd AsMut AsRef From Into Default
    DoubleEndedIterator ExactSizeIterator Extend IntoIterator Iterator""".split())
DELIMS = {"[": "]", "(": ")", "{": "}"}
ID = r"(?:[^\W\d]\w*)"  # ([\p{XID_Start}_]\p{XID_Continue}*: use with (?u))
S = r"[\t\n\v\f\r ]"  # (Ruby's \s in a (?u) rule)
HEX = r"(?i:[0-9a-f])"
ESCAPES = r"\\([nrt'\"\\0]|x" + HEX + r"{2}|u\{(" + HEX + r"_*){1,6}\})"
SIZE = r"(?:8|16|32|64|128|size)"
DOT, EXP, FLT = r"(?:[.][0-9][0-9_]*)", r"(?:[eE][-+]?[0-9_]+)", r"(?:f32|f64)"


def _builtin_or_name(lexer, m):
    lexer.token(Name.Builtin if m.group() in BUILTINS else Name)


def _open(lexer, m):
    lexer.macro_delims[DELIMS[m.group()]] += 1
    lexer.token(Punctuation)


def _close(lexer, m):
    lexer.macro_delims[m.group()] -= 1
    if not any(lexer.macro_delims.values()):
        lexer.pop()
    lexer.token(Punctuation)


def _nested(state, tok):
    return [
        (r"\*/", tok, "#pop"),
        (r"/\*", tok, state),
        (r"[^*/]+|[*/]", tok),  # (at most one `*` or `/` at a time)
    ]


class Rust(RegexLexer):
    tag = "rust"

    def start(self):
        self.macro_delims = {"]": 0, ")": 0, "}": 0}
        self.push("bol")

    states = {
        "bol": [  # (rustdoc's hidden lines: `# ` at a line's start)
            mixin("whitespace"),
            (r"#\s[^\n]*", Comment.Special),
            (r"", lambda lexer, m: lexer.pop()),
        ],
        "attribute": [
            mixin("whitespace"),
            mixin("has_literals"),
            (r"[(,)=:]", Name.Decorator),
            (r"\]", Name.Decorator, "#pop"),
            (r"(?u)" + ID, Name.Decorator),
        ],
        "whitespace": [
            (r"\s+", Text),
            mixin("comments"),
        ],
        "comments": [
            (r"////+[^\n]*", Comment.Single),
            (r"//[/!][^\n]*", Comment.Doc),
            (r"//[^\n]*", Comment.Single),
            (r"/\*\*\*?/", Comment.Multiline),
            (r"/\*\*\*+", Comment.Multiline, "nested_plain_block"),
            (r"/[*][*!]", Comment.Doc, "nested_doc_block"),
            (r"/[*]", Comment.Multiline, "nested_plain_block"),
        ],
        "nested_plain_block": _nested("nested_plain_block", Comment.Multiline),
        "nested_doc_block": _nested("nested_doc_block", Comment.Doc),
        "root": [
            (r"\n", Text, "bol"),
            mixin("whitespace"),
            (r"#!?\[", Name.Decorator, "attribute"),
            (r"\b(?:" + "|".join(KEYWORDS) + r")\b", Keyword),
            mixin("has_literals"),
            (r"[=-]>", Keyword),
            (r"<->", Keyword),
            (r"[()\[\]{}|,:;]", Punctuation),
            (r"[*/!@~&+%^<>=?-]|\.{2,3}", Operator),
            (r"(?u)(?s)([.]" + S + "*)?" + ID + "(?=" + S + r"*[(])", Name.Function),
            (r"[.]\s*await\b", Keyword),
            (r"(?u)[.]" + S + "*" + ID, Name.Property),
            (r"[.]\s*\d+", Name.Attribute),
            (r"(?u)(?s)(" + ID + ")(::)", groups(Name.Namespace, Punctuation)),
            (r"\bmacro_rules!", Name.Decorator, "macro_rules"),  # (macros)
            (r"(?u)" + ID + "!", Name.Decorator, "macro"),
            (r"'static\b", Keyword),
            (r"(?u)'" + ID, Name.Variable),
            (r"(?u)" + ID, _builtin_or_name),
        ],
        "macro": [
            mixin("has_literals"),
            (r"[\[{(]", _open),
            (r"[\]})]", _close),
            (r"(?u)" + ID + "!", Name.Decorator),  # (as in root, without another macro state)
            mixin("root"),
            (r".", Text),  # (no syntax errors in macros)
        ],
        "macro_rules": [
            (r"(?u)[$]" + ID + "(:" + ID + ")?", Name.Variable),
            (r"[$]", Name.Variable),
            mixin("macro"),
        ],
        "has_literals": [
            (r"\b(?:true|false)\b", Keyword.Constant),  # (constants)
            (r"b?'(?:" + ESCAPES + r"|[^\\])'", Str.Char),  # (characters, bytes)
            (r'b?"', Str, "string"),
            (r'(?s)b?r(#*)".*?"\1', Str),
            (r"(?u)[0-9][0-9_]*(" + DOT + EXP + "?" + FLT + "?|" + DOT + "?" + EXP + FLT + "?|" + DOT + "?" + EXP
             + "?" + FLT + r"|[.](?![._]|[^\W\d]))", Num.Float),
            (r"(0b[10_]+|0x[0-9a-fA-F_]+|0o[0-7_]+|[0-9][0-9_]*)(u" + SIZE + "?|i" + SIZE + ")?", Num.Integer),
        ],
        "string": [
            (r'"', Str, "#pop"),
            (ESCAPES, Str.Escape),
            (r'[^"\\]+', Str),
        ],
    }
