"""Rouge 3.30's Scheme lexer (rouge/lexers/scheme.rb); word lists printed from Rouge."""
from .engine import RegexLexer, groups
from .tokens import Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text

KEYWORDS = frozenset("""lambda define if else cond and or case let let* letrec begin do delay set! => quote quasiquote
    unquote unquote-splicing define-syntax let-syntax letrec-syntax syntax-rules""".split())
BUILTINS = frozenset("""* + - / < <= = > >= abs acos angle append apply asin assoc assq assv atan boolean? caaaar caaadr
    caaar caadar caaddr caadr caar cadaar cadadr cadar caddar cadddr caddr cadr call-with-current-
    continuation call-with-input-file call-with-output-file call-with-values call/cc car cdaaar
    cdaadr cdaar cdadar cdaddr cdadr cdar cddaar cddadr cddar cdddar cddddr cdddr cddr cdr ceiling
    char->integer char-alphabetic? char-ci<=? char-ci<? char-ci=? char-ci>=? char-ci>? char-downcase
    char-lower-case? char-numeric? char-ready? char-upcase char-upper-case? char-whitespace? char<=?
    char<? char=? char>=? char>? char? close-input-port close-output-port complex? cons cos current-
    input-port current-output-port denominator display dynamic-wind eof-object? eq? equal? eqv? eval
    even? exact->inexact exact? exp expt floor for-each force gcd imag-part inexact->exact inexact?
    input-port? integer->char integer? interaction-environment lcm length list list->string
    list->vector list-ref list-tail list? load log magnitude make-polar make-rectangular make-string
    make-vector map max member memq memv min modulo negative? newline not null-environment null?
    number->string number? numerator odd? open-input-file open-output-file output-port? pair? peek-
    char port? positive? procedure? quotient rational? rationalize read read-char real-part real?
    remainder reverse round scheme-report-environment set-car! set-cdr! sin sqrt string string->list
    string->number string->symbol string-append string-ci<=? string-ci<? string-ci=? string-ci>=?
    string-ci>? string-copy string-fill! string-length string-ref string-set! string<=? string<?
    string=? string>=? string>? string? substring symbol->string symbol? tan transcript-off
    transcript-on truncate values vector vector->list vector-fill! vector-length vector-ref vector-
    set! vector? with-input-from-file with-output-to-file write write-char zero?""".split())
ID = r"(?i:[a-z0-9!$\%&*+,/:<=>?@^_~|-]+)"


def _command(lexer, m):
    word = m.group()
    lexer.token(Keyword if word in KEYWORDS else Name.Builtin if word in BUILTINS else Name.Function)
    lexer.pop()


class Scheme(RegexLexer):
    tag = "scheme"
    states = {
        "root": [
            (r";.*$", Comment.Single),
            (r"(?s)\s+", Text),
            (r"-?\d+\.\d+", Num.Float),
            (r"-?\d+", Num.Integer),
            (r"[+-]inf[.][f0]", Num),
            (r"#b[01]+", Num.Bin),
            (r"#o[0-7]+", Num.Oct),
            (r"#d[0-9]+", Num.Integer),
            (r"(?i)#x[0-9a-f]+", Num.Hex),
            (r"#[ei][\d.]+", Num.Other),
            (r'"(\\\\|\\"|[^"])*"', Str),
            (r"(?i)'" + ID, Str.Symbol),
            (r"(?i)#\\([()/'\"._!\$%& ?=+-]{1}|[a-z0-9]+)", Str.Char),
            (r"#t|#f", Name.Constant),
            (r"(?:'|#|`|,@|,|\.)", Operator),
            (r"(?s)(['#])(\s*)(\()", groups(Str.Symbol, Text, Punctuation)),
            (r"\(|\[", Punctuation, "command"),
            (r"\)|\]", Punctuation),
            (ID, Name.Variable),
        ],
        "command": [
            (ID, _command),
            (r"", lambda lexer, m: lexer.pop()),
        ],
    }
