"""Rouge's token table (rouge/token.rb): each token is its short name, the class the HTML writer
gives it, with its sub-tokens as attributes (`Str.Double` is "s2"); Text is "" (written bare)."""


class _Token(str):
    def __new__(cls, short: str, **children):
        tok = super().__new__(cls, short)
        tok.__dict__.update(children)
        return tok


T = _Token
Text = T("", Whitespace=T("w"))
Escape, Error, Other = T("esc"), T("err"), T("x")
Keyword = T("k", Constant=T("kc"), Declaration=T("kd"), Namespace=T("kn"), Pseudo=T("kp"),
            Reserved=T("kr"), Type=T("kt"), Variable=T("kv"))
Name = T("n", Attribute=T("na"), Builtin=T("nb", Pseudo=T("bp")), Class=T("nc"), Constant=T("no"),
         Decorator=T("nd"), Entity=T("ni"), Exception=T("ne"), Function=T("nf", Magic=T("fm")),
         Property=T("py"), Label=T("nl"), Namespace=T("nn"), Other=T("nx"), Tag=T("nt"),
         Variable=T("nv", Class=T("vc"), Global=T("vg"), Instance=T("vi"), Magic=T("vm")))
Str = T("s", Affix=T("sa"), Backtick=T("sb"), Char=T("sc"), Delimiter=T("dl"), Doc=T("sd"),
        Double=T("s2"), Escape=T("se"), Heredoc=T("sh"), Interpol=T("si"), Other=T("sx"),
        Regex=T("sr"), Single=T("s1"), Symbol=T("ss"))
Num = T("m", Bin=T("mb"), Float=T("mf"), Hex=T("mh"), Integer=T("mi", Long=T("il")), Oct=T("mo"),
        Other=T("mx"))
Literal = T("l", Date=T("ld"), String=Str, Number=Num)
Operator = T("o", Word=T("ow"))
Punctuation = T("p", Indicator=T("pi"))
Comment = T("c", Hashbang=T("ch"), Doc=T("cd"), Multiline=T("cm"), Preproc=T("cp"), PreprocFile=T("cpf"),
            Single=T("c1"), Special=T("cs"))
Generic = T("g", Deleted=T("gd"), Emph=T("ge"), Error=T("gr"), Heading=T("gh"), Inserted=T("gi"),
            Output=T("go"), Prompt=T("gp"), Strong=T("gs"), Subheading=T("gu"), Traceback=T("gt"),
            Lineno=T("gl"))
