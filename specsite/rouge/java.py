"""Rouge 3.30's Java lexer (rouge/lexers/java.rb). Ruby's POSIX classes are Unicode: [[:alpha:]]
is [^\\W\\d_] here, [[:word:]] \\w, [[:upper:]] A-Z and Latin-1's capitals."""
from .engine import RegexLexer
from .tokens import Comment, Keyword, Name, Num, Operator, Str, Text

KEYWORDS = """assert break case catch continue default do else finally for
    if goto instanceof new return switch this throw try while""".split()
DECLARATIONS = """abstract const enum extends final implements native private protected
    public static strictfp super synchronized throws transient volatile""".split()
TYPES = "boolean byte char double float int long short var void".split()
ID = r"[^\W\d]\w*"
UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
DIGIT = r"(?:[0-9]_+[0-9]|[0-9])"


def _method(lexer, m):
    lexer.delegate(Java, m.group(1))
    lexer.token(Name.Function, m.group(2))
    lexer.token(Text, m.group(3))
    lexer.token(Operator, m.group(4))


class Java(RegexLexer):
    tag = "java"
    states = {
        "root": [
            (r"[^\S\n]+", Text),
            (r"//.*?$", Comment.Single),
            (r"(?s)/\*.*?\*/", Comment.Multiline),
            (r"(?:" + "|".join(KEYWORDS) + r")\b", Keyword),
            (r"(\s*(?:[a-zA-Z_][a-zA-Z0-9_.\[\]<>]*\s+)+?)([a-zA-Z_][a-zA-Z0-9_]*)(\s*)(\()", _method),
            (r"(?u)@" + ID, Name.Decorator),
            (r"(?:" + "|".join(DECLARATIONS) + r")\b", Keyword.Declaration),
            (r"(?:" + "|".join(TYPES) + r")\b", Keyword.Type),
            (r"(?:true|false|null)\b", Keyword.Constant),
            (r"(?:class|interface)\b", Keyword.Declaration, "class"),
            (r"(?:import|package)\b", Keyword.Namespace, "import"),
            (r'"(\\\\|\\"|[^"])*"', Str),
            (r"'(?:\\.|[^\\]|\\u[0-9a-f]{4})'", Str.Char),
            (r"(?u)(\.)(" + ID + ")", lambda lexer, m: lexer.groups(Operator, Name.Attribute)),
            (r"(?u)" + ID + ":", Name.Label),
            (r"(?u)[" + UPPER + r"][" + UPPER + r"\d_]*\b", Name.Constant),
            (r"(?u)[" + UPPER + r"][^\W_]*\b", Name.Class),
            (r"(?u)\$?" + ID, Name),
            (r"[~^*!%&\[\](){}<>\|+=:;,./?-]", Operator),
            (DIGIT + r"+\." + DIGIT + r"+([eE]" + DIGIT + r"+)?[fd]?", Num.Float),
            (r"0[bB](?:[01]_+[01]|[01])+", Num.Bin),
            (r"0[xX](?:[0-9a-fA-F]_+[0-9a-fA-F]|[0-9a-fA-F])+", Num.Hex),
            (r"0(?:[0-7]_+[0-7]|[0-7])+", Num.Oct),
            (DIGIT + r"+L?", Num.Integer),
            (r"\n", Text),
        ],
        "class": [
            (r"(?s)\s+", Text),
            (r"(?u)" + ID, Name.Class, "#pop"),
        ],
        "import": [
            (r"(?s)\s+", Text),
            (r"(?i)[a-z0-9_.]+\*?", Name.Namespace, "#pop"),
        ],
    }
