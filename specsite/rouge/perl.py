"""Rouge 3.30's Perl lexer (rouge/lexers/perl.rb). Its `((?<==~)|(?<=\\())\\s*/…/` rule starts
with lookbehinds, which never hold at the scan position: it is left out. `[^\\1]` is the
character \\x01 in both Ruby and Python."""
from .engine import RegexLexer, groups, mixin
from .tokens import Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text

KEYWORDS = """case continue do else elsif for foreach if last my next our
    redo reset then unless until while use print new BEGIN CHECK
    INIT END return""".split()
BUILTINS = """abs accept alarm atan2 bind binmode bless caller chdir chmod
    chomp chop chown chr chroot close closedir connect continue cos
    crypt dbmclose dbmopen defined delete die dump each endgrent
    endhostent endnetent endprotoent endpwent endservent eof eval
    exec exists exit exp fcntl fileno flock fork format formline getc
    getgrent getgrgid getgrnam gethostbyaddr gethostbyname gethostent
    getlogin getnetbyaddr getnetbyname getnetent getpeername
    getpgrp getppid getpriority getprotobyname getprotobynumber
    getprotoent getpwent getpwnam getpwuid getservbyname getservbyport
    getservent getsockname getsockopt glob gmtime goto grep hex
    import index int ioctl join keys kill last lc lcfirst length
    link listen local localtime log lstat map mkdir msgctl msgget
    msgrcv msgsnd my next no oct open opendir ord our pack package
    pipe pop pos printf prototype push quotemeta rand read readdir
    readline readlink readpipe recv redo ref rename require reverse
    rewinddir rindex rmdir scalar seek seekdir select semctl semget
    semop send setgrent sethostent setnetent setpgrp setpriority
    setprotoent setpwent setservent setsockopt shift shmctl shmget
    shmread shmwrite shutdown sin sleep socket socketpair sort splice
    split sprintf sqrt srand stat study substr symlink syscall sysopen
    sysread sysseek system syswrite tell telldir tie tied time times
    tr truncate uc ucfirst umask undef unlink unpack unshift untie
    utime values vec wait waitpid wantarray warn write""".split()
RE = Str.Regex


def _push(state):
    return lambda lexer, m: lexer.push(state)


def _nested_open(lexer, m):
    lexer.token(Str.Other)
    lexer.push()


def _bracket_string(open_, close):
    return [
        (r"\\[" + open_ + close + r"\\]", Str.Other),
        (r"\\", Str.Other),
        (open_, _nested_open),
        (close, Str.Other, "#pop"),
        (r"[^" + open_ + close + r"\\]+", Str.Other),
    ]


def _format(lexer, m):
    lexer.groups(Keyword, Text, Name, Text, Punctuation, Text)
    lexer.push("format")


class Perl(RegexLexer):
    tag = "perl"
    states = {
        "balanced_regex": [
            (r"(?s)/(\\[\\/]|[^/])*/[egimosx]*", RE, "#pop"),
            (r"(?s)!(\\[\\!]|[^!])*![egimosx]*", RE, "#pop"),
            (r"(?s)\\(\\\\|[^\\])*\\[egimosx]*", RE, "#pop"),
            (r"{(\\[\\}]|[^}])*}[egimosx]*", RE, "#pop"),
            (r"<(\\[\\>]|[^>])*>[egimosx]*", RE, "#pop"),
            (r"\[(\\[\\\]]|[^\]])*\][egimosx]*", RE, "#pop"),
            (r"\((\\[\\\)]|[^\)])*\)[egimosx]*", RE, "#pop"),
            (r"@(\\[\\@]|[^@])*@[egimosx]*", RE, "#pop"),
            (r"%(\\[\\%]|[^%])*%[egimosx]*", RE, "#pop"),
            (r"\$(\\[\\\$]|[^\$])*\$[egimosx]*", RE, "#pop"),
        ],
        "root": [
            (r"#.*", Comment.Single),
            (r"(?s)^=[a-zA-Z0-9]+\s+.*?\n=cut", Comment.Multiline),
            (r"(?:" + "|".join(KEYWORDS) + r")\b", Keyword),
            (r"(format)(\s+)([a-zA-Z0-9_]+)(\s*)(=)(\s*\n)", _format),
            (r"(?:eq|lt|gt|le|ge|ne|not|and|or|cmp)\b", Operator.Word),
            (r"(?:s|tr|y){(\\\\|\\}|[^}])*}\s*", RE, "balanced_regex"),
            (r"(?:s|tr|y)<(\\\\|\\>|[^>])*>\s*", RE, "balanced_regex"),
            (r"(?:s|tr|y)\[(\\\\|\\\]|[^\]])*\]\s*", RE, "balanced_regex"),
            (r"(?:s|tr|y)\((\\\\|\\\)|[^\)])*\)\s*", RE, "balanced_regex"),
            (r"(?s)(?:s|tr|y)\s*([^\w\s])((\\\\|\\\1)|[^\1])*?\1((\\\\|\\\1)|[^\1])*?\1[msixpodualngcr]*", RE),
            (r"(?s)(?:s|tr|y)\s+(\w)((\\\\|\\\1)|[^\1])*?\1((\\\\|\\\1)|[^\1])*?\1[msixpodualngcr]*", RE),
            (r"m?/(\\\\|\\/|[^/\n])*/[msixpodualngc]*", RE),
            (r"m(?=[/!\\{<\[\(@%\$])", RE, "balanced_regex"),
            (r"(?s)m\s*([^\w\s])((\\\\|\\\1)|[^\1])*?\1[msixpodualngc]*", RE),
            (r"(?s)m\s+(\w)((\\\\|\\\1)|[^\1])*?\1[msixpodualngc]*", RE),
            (r"\s+", Text),
            (r"(?i)(?=[a-z_]\w*(\s*#.*\n)*\s*=>)", _push("fat_comma")),
            (r"(?:" + "|".join(BUILTINS) + r")\b", Name.Builtin),
            (r"((__(DIE|WARN)__)|(DATA|STD(IN|OUT|ERR)))\b", Name.Builtin.Pseudo),
            (r"(?s)<<(['\"]?)([a-zA-Z_][a-zA-Z0-9_]*)\1;?\n.*?\n\2\n", Str),
            (r"(__(END|DATA)__)\b", Comment.Preproc, "end_part"),
            (r"\$\^[ADEFHILMOPSTWX]", Name.Variable.Global),
            (r"\$[\\\"'\[\]&`+*.,;=%~?@$!<>(^\|/_-](?!\w)", Name.Variable.Global),
            (r"(?i)[$@%&*][$@%&*#_]*(?=[a-z{\[;])", Name.Variable, "varname"),
            (r"[-+/*%=<>&^\|!\\~]=?", Operator),
            (r"0_?[0-7]+(_[0-7]+)*", Num.Oct),
            (r"0x[0-9A-Fa-f]+(_[0-9A-Fa-f]+)*", Num.Hex),
            (r"0b[01]+(_[01]+)*", Num.Bin),
            (r"(?i)(\d*(_\d*)*\.\d+(_\d*)*|\d+(_\d*)*\.\d+(_\d*)*)(e[+-]?\d+)?", Num.Float),
            (r"(?i)\d+(_\d*)*e[+-]?\d+(_\d*)*", Num.Float),
            (r"\d+(_\d+)*", Num.Integer),
            (r"'", Punctuation, "sq"),
            (r'"', Punctuation, "dq"),
            (r"`", Punctuation, "bq"),
            (r"<([^\s>]+)>", RE),
            (r"(q|qq|qw|qr|qx)\{", Str.Other, "cb_string"),
            (r"(q|qq|qw|qr|qx)\(", Str.Other, "rb_string"),
            (r"(q|qq|qw|qr|qx)\[", Str.Other, "sb_string"),
            (r"(q|qq|qw|qr|qx)<", Str.Other, "lt_string"),
            (r"(q|qq|qw|qr|qx)(\W)(.|\n)*?\2", Str.Other),
            (r"package\s+", Keyword, "modulename"),
            (r"sub\s+", Keyword, "funcname"),
            (r"\[\]|\*\*|::|<<|>>|>=|<=|<=>|={3}|!=|=~|!~|&&?|\|\||\.{1,3}", Operator),
            (r"[()\[\]:;,<>/?{}]", Punctuation),
            (r"(?=\w)", _push("name")),
        ],
        "format": [
            (r"\.\n", Str.Interpol, "#pop"),
            (r".*?\n", Str.Interpol),
        ],
        "fat_comma": [
            (r"#.*", Comment.Single),
            (r"\w+", Str),
            (r"\s+", Text),
            (r"=>", Operator, "#pop"),
        ],
        "name_common": [
            (r"\w+::", Name.Namespace),
            (r"[\w:]+", Name.Variable, "#pop"),
        ],
        "varname": [
            (r"\s+", Text),
            (r"[{\[]", Punctuation, "#pop"),  # (hash syntax)
            (r"[),]", Punctuation, "#pop"),  # (an argument specifier)
            (r"[;]", Punctuation, "#pop"),  # (postfix)
            mixin("name_common"),
        ],
        "name": [
            mixin("name_common"),
            (r"[A-Z_]+(?=[^a-zA-Z0-9_])", Name.Constant, "#pop"),
            (r"(?=\W)", lambda lexer, m: lexer.pop()),
        ],
        "modulename": [(r"(?i)[a-z_]\w*", Name.Namespace, "#pop")],
        "funcname": [
            (r"[a-zA-Z_]\w*[!?]?", Name.Function),
            (r"\s+", Text),
            (r"(\([$@%]*\))(\s*)", groups(Punctuation, Text)),
            (r".*?{", Punctuation, "#pop"),
            (r";", Punctuation, "#pop"),
        ],
        "sq": [
            (r"\\[\\']", Str.Escape),
            (r"[^\\']+", Str.Single),
            (r"'", Punctuation, "#pop"),
            (r"\\", Str.Single),
        ],
        "dq": [
            mixin("string_intp"),
            (r"\\[\\tnrabefluLUE\"$@]", Str.Escape),
            (r"\\0\d{2}", Str.Escape),
            (r"\\o\{\d+\}", Str.Escape),
            (r"\\x[0-9a-fA-F]{2}", Str.Escape),
            (r"\\x\{[0-9a-fA-F]+\}", Str.Escape),
            (r"\\c.", Str.Escape),
            (r"\\N\{[^\}]+\}", Str.Escape),
            (r'[^\\"]+?', Str.Double),
            (r'"', Punctuation, "#pop"),
            (r"\\", Str.Escape),
        ],
        "bq": [
            mixin("string_intp"),
            (r"\\[\\tnr`]", Str.Escape),
            (r"[^\\`]+?", Str.Backtick),
            (r"`", Punctuation, "#pop"),
        ],
        "cb_string": _bracket_string(r"\{", r"\}"),
        "rb_string": _bracket_string(r"\(", r"\)"),
        "sb_string": _bracket_string(r"\[", r"\]"),
        "lt_string": _bracket_string("<", ">"),
        "in_interp": [
            (r"}", Str.Interpol, "#pop"),
            (r"\s+", Text),
            (r"(?i)[a-z_]\w*", Str.Interpol),
        ],
        "string_intp": [
            (r"[$@][{]", Str.Interpol, "in_interp"),
            (r"(?i)[$@][a-z_]\w*", Str.Interpol),
        ],
        "end_part": [(r"(?s).+", Comment.Preproc, "#pop")],
    }
