"""Rouge 3.30's PowerShell lexer (rouge/lexers/powershell.rb)."""
from .engine import RegexLexer, groups, mixin
from .tokens import Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text

ATTRIBUTES = frozenset("""ConfirmImpact DefaultParameterSetName HelpURI PositionalBinding
    SupportsPaging SupportsShouldProcess""".split())
AUTO_VARS = "|".join(r"""\$\$ \$\? \$\^ \$_
    \$args \$ConsoleFileName \$Error \$Event \$EventArgs \$EventSubscriber
    \$ExecutionContext \$false \$foreach \$HOME \$Host \$input \$IsCoreCLR
    \$IsLinux \$IsMacOS \$IsWindows \$LastExitCode \$Matches \$MyInvocation
    \$NestedPromptLevel \$null \$PID \$PROFILE \$PSBoundParameters \$PSCmdlet
    \$PSCommandPath \$PSCulture \$PSDebugContext \$PSHOME \$PSItem
    \$PSScriptRoot \$PSSenderInfo \$PSUICulture \$PSVersionTable \$PWD
    \$REPORTERRORSHOWEXCEPTIONCLASS \$REPORTERRORSHOWINNEREXCEPTION
    \$REPORTERRORSHOWSOURCE \$REPORTERRORSHOWSTACKTRACE
    \$SENDER \$ShellId \$StackTrace \$switch \$this \$true""".split())
KEYWORDS = "|".join("""assembly exit process base filter public begin finally return break for
    sequence catch foreach static class from switch command function throw
    configuration hidden trap continue if try data in type define
    inlinescript until do interface using dynamicparam module var else
    namespace while elseif parallel workflow end param enum private""".split())
OPERATORS = "|".join(r"""-split -isplit -csplit -join -is -isnot -as -eq -ieq -ceq -ne -ine -cne
    -gt -igt -cgt -ge -ige -cge -lt -ilt -clt -le -ile -cle -like -ilike
    -clike -notlike -inotlike -cnotlike -match -imatch -cmatch -notmatch
    -inotmatch -cnotmatch -contains -icontains -ccontains -notcontains
    -inotcontains -cnotcontains -replace -ireplace -creplace -shl -shr -band
    -bor -bxor -and -or -xor -not \+= -= \*= \/= %=""".split())
MULTILINE_KEYWORDS = "|".join("""synopsis description parameter example inputs outputs notes link
    component role functionality forwardhelptargetname forwardhelpcategory
    remotehelprunspace externalhelp""".split())


def _push_after(state, *tokens):
    def callback(lexer, m):
        lexer.groups(*tokens)
        lexer.push(state)
    return callback


def _attribute(lexer, m):
    lexer.token(Name.Builtin.Pseudo if m.group() in ATTRIBUTES else Name)


def _member(lexer, m):
    lexer.groups(Operator, Name.Function, Punctuation, Text.Whitespace)
    if m.group(3) is not None:
        lexer.push("parameters")


class Powershell(RegexLexer):
    tag = "powershell"
    states = {
        "variable": [
            (AUTO_VARS, Name.Builtin.Pseudo),
            (r"(\$)(?:(\w+)(:))?(\w+|\{(?:[^`]|`.)+?\})",
             groups(Name.Variable, Name.Namespace, Punctuation, Name.Variable)),
            (r"\$\w+", Name.Variable),
            (r"\$\{(?:[^`]|`.)+?\}", Name.Variable),
        ],
        "multiline": [
            (r"(?i)\.(?:" + MULTILINE_KEYWORDS + ")", Comment.Special),
            (r"#>", Comment.Multiline, "#pop"),
            (r"(?s)[^#.]+?", Comment.Multiline),
            (r"[#.]+", Comment.Multiline),
        ],
        "interpol": [
            (r"\)", Str.Interpol, "#pop"),
            mixin("root"),
        ],
        "dq": [
            (r'(?:\$#?)?"', Str.Double, "#pop"),
            (r"\$\(", Str.Interpol, "interpol"),
            (r"`$", Str.Escape),  # (a line continuation)
            (r"`.", Str.Escape),
            (r'[^"`$]+', Str.Double),
            mixin("variable"),
        ],
        "sq": [
            (r"'", Str.Single, "#pop"),
            (r"[^']+", Str.Single),
        ],
        "heredoc": [
            (r'(?:\$#?)?"@', Str.Heredoc, "#pop"),
            (r"\$\(", Str.Interpol, "interpol"),
            (r"`$", Str.Escape),  # (a line continuation)
            (r"`.", Str.Escape),
            (r'(?s)[^"`$]+?', Str.Heredoc),
            (r'"+', Str.Heredoc),
            mixin("variable"),
        ],
        "class": [
            (r"\{", Punctuation, "#pop"),
            (r"\s+", Text.Whitespace),
            (r"\w+", Name.Class),
            (r"[:,]", Punctuation),
        ],
        "expr": [
            mixin("comments"),
            (r'"', Str.Double, "dq"),
            (r"'", Str.Single, "sq"),
            (r'@"', Str.Heredoc, "heredoc"),
            (r"(?s)@'.*?'@", Str.Heredoc),
            (r"\d*\.\d+", Num.Float),
            (r"\d+", Num.Integer),
            (r"@\{", Punctuation, "hasht"),
            (r"@\(", Punctuation, "array"),
            (r"{", Punctuation, "brace"),
            (r"\[", Punctuation, "bracket"),
        ],
        "hasht": [
            (r"\}", Punctuation, "#pop"),
            (r"=", Operator),
            (r"[,;]", Punctuation),
            mixin("expr"),
            (r"\w+", Name.Other),
            mixin("variable"),
        ],
        "array": [
            (r"\s+", Text.Whitespace),
            (r"\)", Punctuation, "#pop"),
            (r"[,;]", Punctuation),
            mixin("expr"),
            mixin("variable"),
        ],
        "brace": [
            (r"[}]", Punctuation, "#pop"),
            mixin("root"),
        ],
        "bracket": [
            (r"\]", Punctuation, "#pop"),
            (r"[A-Za-z]\w+\.", Name),
            (r"([A-Za-z]\w+)", _attribute),
            mixin("root"),
        ],
        "parameters": [
            (r"(?s)`.", Str.Escape),
            (r"\s*?\n", Text.Whitespace, "#pop"),
            (r"[;(){}\]]", Punctuation, "#pop"),
            (r"[|=]", Operator, "#pop"),
            (r"[/\\~\w][-.:/\\~\w]*", Name.Other),
            (r"\w[-\w]+", Name.Other),
            mixin("root"),
        ],
        "comments": [
            (r"\s+", Text.Whitespace),
            (r"#.*", Comment),
            (r"<#", Comment.Multiline, "multiline"),
        ],
        "root": [
            mixin("comments"),
            (r"#requires\s-version \d(?:\.\d+)?", Comment.Preproc),
            (r"\.\.(?=\.?\d)", Operator),
            (r"(?i)(?:" + OPERATORS + r")\b", Operator),
            (r"(?i)(class)(\s+)(\w+)", _push_after("class", Keyword.Reserved, Text.Whitespace, Name.Class)),
            (r"(?i)(function)(\s+)(?:(\w+)(:))?(\w[-\w]+)",
             groups(Keyword.Reserved, Text.Whitespace, Name.Namespace, Punctuation, Name.Function)),
            (r"(?i)(?:" + KEYWORDS + r")\b(?![-.])", Keyword.Reserved),
            (r"-{1,2}\w+", Name.Tag),
            (r"(\.)?([-\w]+)(\[)", _push_after("bracket", Operator, Name, Punctuation)),
            (r"(?i)([/\\~a-z][-.:/\\~\w]*)(\n)?", _push_after("parameters", Name, Text.Whitespace)),
            (r"(\.)([-\w]+)(?:(\()|(\n))?", _member),
            (r"\?", Name.Function, "parameters"),
            mixin("expr"),
            mixin("variable"),
            (r"[-+*/%=!.&|]", Operator),
            (r"[{}(),:;]", Punctuation),
        ],
    }
