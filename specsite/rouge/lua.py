"""Rouge 3.30's Lua lexer (rouge/lexers/lua.rb), builtins printed from Rouge (lua/keywords.rb, all
modules: Jekyll passes no options). Its float rule ends in a stray `'`, kept."""
from .engine import RegexLexer, groups
from .tokens import Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text

BUILTINS = frozenset("""
    _g _version assert collectgarbage dofile error getmetatable ipairs load loadfile next pairs pcall print 
    rawequal rawget rawlen rawset select setmetatable tonumber tostring type xpcall file:close file:flush 
    file:lines file:read file:seek file:setvbuf file:write lua_cpath lua_cpath_5_3 lua_init lua_init_5_3 lua_path 
    lua_path_5_3 luaopen_base luaopen_coroutine luaopen_debug luaopen_io luaopen_math luaopen_os luaopen_package 
    luaopen_string luaopen_table luaopen_utf8 lua_errerr lua_errfile lua_errgcmm lua_errmem lua_errrun 
    lua_errsyntax lua_hookcall lua_hookcount lua_hookline lua_hookret lua_hooktailcall lua_maskcall lua_maskcount 
    lua_maskline lua_maskret lua_maxinteger lua_mininteger lua_minstack lua_multret lua_noref lua_ok lua_opadd 
    lua_opband lua_opbnot lua_opbor lua_opbxor lua_opdiv lua_opeq lua_opidiv lua_ople lua_oplt lua_opmod 
    lua_opmul lua_oppow lua_opshl lua_opshr lua_opsub lua_opunm lua_refnil lua_registryindex lua_ridx_globals 
    lua_ridx_mainthread lua_tboolean lua_tfunction lua_tlightuserdata lua_tnil lua_tnone lua_tnumber lua_tstring 
    lua_ttable lua_tthread lua_tuserdata lua_use_apicheck lua_yield lual_buffersize require package.config 
    package.cpath package.loaded package.loadlib package.path package.preload package.searchers 
    package.searchpath coroutine.create coroutine.isyieldable coroutine.resume coroutine.running coroutine.status 
    coroutine.wrap coroutine.yield debug.debug debug.gethook debug.getinfo debug.getlocal debug.getmetatable 
    debug.getregistry debug.getupvalue debug.getuservalue debug.sethook debug.setlocal debug.setmetatable 
    debug.setupvalue debug.setuservalue debug.traceback debug.upvalueid debug.upvaluejoin io.close io.flush 
    io.input io.lines io.open io.output io.popen io.read io.stderr io.stdin io.stdout io.tmpfile io.type io.write 
    math.abs math.acos math.asin math.atan math.ceil math.cos math.deg math.exp math.floor math.fmod math.huge 
    math.log math.max math.maxinteger math.min math.mininteger math.modf math.pi math.rad math.random 
    math.randomseed math.sin math.sqrt math.tan math.tointeger math.type math.ult os.clock os.date os.difftime 
    os.execute os.exit os.getenv os.remove os.rename os.setlocale os.time os.tmpname string.byte string.char 
    string.dump string.find string.format string.gmatch string.gsub string.len string.lower string.match 
    string.pack string.packsize string.rep string.reverse string.sub string.unpack string.upper table.concat 
    table.insert table.move table.pack table.remove table.sort table.unpack utf8.char utf8.charpattern 
    utf8.codepoint utf8.codes utf8.len utf8.offset
""".split())
NAME = r"[A-Za-z_][A-Za-z0-9_]*"


def _name(lexer, m):
    name = m.group()
    if name == "gsub":
        lexer.token(Name.Builtin)
        lexer.push("gsub")
    elif name in BUILTINS:
        lexer.token(Name.Builtin)
    elif "." in name:
        a, b = name.split(".", 1)
        lexer.token(Name, a)
        lexer.token(Punctuation, ".")
        lexer.token(Name, b)
    else:
        lexer.token(Name)


def _function_name(lexer, m):
    lexer.groups(Name.Class, Punctuation, Name.Function)
    lexer.pop()


def _regex_close(lexer, m):
    lexer.token(Str.Regex)
    lexer.goto("regex_end")


class Lua(RegexLexer):
    tag = "lua"
    states = {
        "root": [
            (r"#!(.*?)$", Comment.Preproc),  # (a shebang)
            (r"", Text, "base"),
        ],
        "base": [
            (r"(?s)--\[(=*)\[.*?\]\1\]", Comment.Multiline),
            (r"--.*$", Comment.Single),
            (r"(?i)(\d*\.\d+|\d+\.\d*)(e[+-]?\d+)?'", Num.Float),
            (r"(?i)\d+e[+-]?\d+", Num.Float),
            (r"(?i)0x[0-9a-f]*", Num.Hex),
            (r"\d+", Num.Integer),
            (r"\n", Text),
            (r"[^\S\n]", Text),
            (r"(?s)\[(=*)\[.*?\]\1\]", Str),  # (multiline strings)
            (r"(==|~=|<=|>=|\.\.\.|\.\.|[=+\-*/%^<>#])", Operator),
            (r"[\[\]\{\}\(\)\.,:;]", Punctuation),
            (r"(and|or|not)\b", Operator.Word),
            (r"(break|do|else|elseif|end|for|if|in|repeat|return|then|until|while)\b", Keyword),
            (r"(local)\b", Keyword.Declaration),
            (r"(true|false|nil)\b", Keyword.Constant),
            (r"(function)\b", Keyword, "function_name"),
            (NAME + r"(\." + NAME + ")?", _name),
            (r"'", Str.Single, "escape_sqs"),
            (r'"', Str.Double, "escape_dqs"),
        ],
        "function_name": [
            (r"\s+", Text),
            (r"(?:(" + NAME + r")(\.))?(" + NAME + ")", _function_name),
            (r"\(", Punctuation, "#pop"),  # (an inline function)
        ],
        "gsub": [
            (r"\)", Punctuation, "#pop"),
            (r"[(,]", Punctuation),
            (r"\s+", Text),
            (r'"', Str.Regex, "regex"),
        ],
        "regex": [
            (r'"', _regex_close),
            (r"\[\^?", Str.Escape, "regex_group"),
            (r"\\.", Str.Escape),
            (r"[(][?][:=<!]", Str.Escape),
            (r"[{][\d,]+[}]", Str.Escape),
            (r"[()?]", Str.Escape),
            (r".", Str.Regex),
        ],
        "regex_end": [
            (r"[$]+", Str.Regex, "#pop"),
            (r"", lambda lexer, m: lexer.pop()),
        ],
        "regex_group": [
            (r"/", Str.Escape),
            (r"\]", Str.Escape, "#pop"),
            (r"(\\)(.)", groups(Str.Escape, Str.Regex)),
            (r".", Str.Regex),
        ],
        "escape_sqs": [
            (r"\\([abfnrtv\\\"']|\d{1,3})", Str.Escape),
            (r"'", Str.Single, "#pop"),
            (r"[^']+", Str.Single),
        ],
        "escape_dqs": [
            (r"\\([abfnrtv\\\"']|\d{1,3})", Str.Escape),
            (r'"', Str.Double, "#pop"),
            (r'[^"]+', Str.Double),
        ],
    }
