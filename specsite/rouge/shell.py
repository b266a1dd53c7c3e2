"""Rouge 3.30's shell lexer (rouge/lexers/shell.rb): shell, bash, zsh, ksh, sh."""
from .engine import RegexLexer, groups, mixin
from .tokens import Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text

KEYWORDS = "if|fi|else|while|do|done|for|then|return|function|select|continue|until|esac|elif|in"
BUILTINS = "|".join("""
    alias bg bind break builtin caller cd command compgen
    complete declare dirs disown enable eval exec exit
    export false fc fg getopts hash help history jobs let
    local logout mapfile popd pushd pwd read readonly set
    shift shopt source suspend test time times trap true type
    typeset ulimit umask unalias unset wait

    cat tac nl od base32 base64 fmt pr fold head tail split csplit
    wc sum cksum b2sum md5sum sha1sum sha224sum sha256sum sha384sum
    sha512sum sort shuf uniq comm ptx tsort cut paste join tr expand
    unexpand ls dir vdir dircolors cp dd install mv rm shred link ln
    mkdir mkfifo mknod readlink rmdir unlink chown chgrp chmod touch
    df du stat sync truncate echo printf yes expr tee basename dirname
    pathchk mktemp realpath pwd stty printenv tty id logname whoami
    groups users who date arch nproc uname hostname hostid uptime chcon
    runcon chroot env nice nohup stdbuf timeout kill sleep factor numfmt
    seq tar grep sudo awk sed gzip gunzip""".split())


def _heredoc(lexer, m):
    lexer.groups(Operator, Text, Str.Heredoc, Str.Heredoc, Name.Constant, Str.Heredoc)
    lexer.heredocstr = m.group(5)
    lexer.push("heredoc")


def _heredoc_end(lexer, m):
    if m.group(1) == getattr(lexer, "heredocstr", None):
        lexer.token(Name.Constant)
        lexer.pop(2)
    else:
        lexer.token(Str.Heredoc)


class Shell(RegexLexer):
    tag = "shell"
    states = {
        "basic": [
            (r"#.*$", Comment),
            (r"\b(" + KEYWORDS + r")\s*\b", Keyword),
            (r"\bcase\b", Keyword, "case"),
            (r"\b(" + BUILTINS + r")\s*\b(?!(\.|-))", Name.Builtin),
            (r"[.](?=\s)", Name.Builtin),
            (r"(\w+)(=)", groups(Name.Variable, Operator)),
            (r"[\[\]{}()!=>]", Operator),
            (r"&&|\|\|", Operator),
            (r"<<<", Operator),
            (r"""(<<-?)(\s*)(['"]?)(\\?)(\w+)(\3)""", _heredoc),
        ],
        "heredoc": [
            (r"\n", Str.Heredoc, "heredoc_nl"),
            (r"[^$\n\\]+", Str.Heredoc),
            mixin("interp"),
            (r"[$]", Str.Heredoc),
        ],
        "heredoc_nl": [
            (r"\s*(\w+)\s*\n", _heredoc_end),
            (r"", lambda lexer, m: lexer.pop()),
        ],
        "double_quotes": [
            (r'(?:\$#?)?"', Str.Double, "#pop"),
            mixin("interp"),
            (r'[^"`\\$]+', Str.Double),
        ],
        "ansi_string": [
            (r"\\.", Str.Escape),
            (r"[^\\']+", Str.Single),
            mixin("single_quotes"),
        ],
        "single_quotes": [
            (r"'", Str.Single, "#pop"),
            (r"[^']+", Str.Single),
        ],
        "data": [
            (r"\s+", Text),
            (r"\\.", Str.Escape),
            (r'\$?"', Str.Double, "double_quotes"),
            (r"\$'", Str.Single, "ansi_string"),
            (r"'", Str.Single, "single_quotes"),
            (r"\*", Keyword),
            (r";", Punctuation),
            (r"--?[\w-]+", Name.Tag),
            (r"""[^=\*\s{}()$"'`;\\<]+""", Text),
            (r"\d+(?= |\n?\Z)", Num),
            (r"<", Text),
            mixin("interp"),
        ],
        "curly": [
            (r"\}", Keyword, "#pop"),
            (r":-", Keyword),
            (r"[a-zA-Z0-9_]+", Name.Variable),
            (r"""[^}:"`'$]+""", Punctuation),
            mixin("root"),
        ],
        "paren_interp": [
            (r"\)", Str.Interpol, "#pop"),
            (r"\(", Operator, "paren_inner"),
            mixin("root"),
        ],
        "paren_inner": [
            (r"\(", Operator, "#push"),
            (r"\)", Operator, "#pop"),
            mixin("root"),
        ],
        "math": [
            (r"\)\)", Keyword, "#pop"),
            (r"[-+*/%^|&!]|\*\*|\|\|", Operator),
            (r"\d+(#\w+)?", Num),
            mixin("root"),
        ],
        "case": [
            (r"\besac\b", Keyword, "#pop"),
            (r"\|", Punctuation),
            (r"\)", Punctuation, "case_stanza"),
            mixin("root"),
        ],
        "case_stanza": [
            (r";;", Punctuation, "#pop"),
            mixin("root"),
        ],
        "backticks": [
            (r"`", Str.Backtick, "#pop"),
            mixin("root"),
        ],
        "interp": [
            (r"\\$", Str.Escape),  # (a line continuation)
            (r"\\.", Str.Escape),
            (r"\$\(\(", Keyword, "math"),
            (r"\$\(", Str.Interpol, "paren_interp"),
            (r"\$\{#?", Keyword, "curly"),
            (r"`", Str.Backtick, "backticks"),
            (r"\$#?(\w+|.)", Name.Variable),
            (r"\$[*@]", Name.Variable),
        ],
        "root": [
            mixin("basic"),
            mixin("data"),
        ],
    }
