"""Rouge 3.30's C# lexer (rouge/lexers/csharp.rb)."""
from .engine import RegexLexer, mixin
from .tokens import Comment, Keyword, Name, Num, Punctuation, Str, Text

ID = r"@?[_a-zA-Z]\w*"
KEYWORDS = """abstract as base break case catch checked const continue
    default delegate do else enum event explicit extern false
    finally fixed for foreach goto if implicit in interface
    internal is lock new null operator out override params private
    protected public readonly ref return sealed sizeof stackalloc
    static switch this throw true try typeof unchecked unsafe
    virtual void volatile while
    add alias async await get global partial remove set value where
    yield nameof
    ascending by descending equals from group in into join let on
    orderby select""".split()
KEYWORDS_TYPE = """bool byte char decimal double dynamic float int long object
    sbyte short string uint ulong ushort var""".split()
CPP_KEYWORDS = "if endif else elif define undef line error warning region endregion pragma".split()


class CSharp(RegexLexer):
    tag = "csharp"
    states = {
        "whitespace": [
            (r"(?s)\s+", Text),
            (r"//.*?$", Comment.Single),
            (r"(?s)/[*].*?[*]/", Comment.Multiline),
        ],
        "nest": [
            (r"\{", Punctuation, "nest"),
            (r"\}", Punctuation, "#pop"),
            mixin("root"),
        ],
        "splice_string": [
            (r"\\.", Str),
            (r"\{", Punctuation, "nest"),
            (r'"|\n', Str, "#pop"),
            (r".", Str),
        ],
        "splice_literal": [
            (r'""', Str),
            (r"\{", Punctuation, "nest"),
            (r'"', Str, "#pop"),
            (r".", Str),
        ],
        "root": [
            mixin("whitespace"),
            (r'[$]\s*"', Str, "splice_string"),
            (r'[$]@\s*"', Str, "splice_literal"),
            (r"(<\[)\s*(" + ID + ":)?", Keyword),
            (r"\]>", Keyword),
            (r"[~!%^&*()+=|\[\]{}:;,.<>/?-]", Punctuation),
            (r'(?s)@"(""|[^"])*"', Str),
            (r'"(\\.|.)*?["\n]', Str),
            (r"'(\\.|.)'", Str.Char),
            (r"(?i)0x[0-9a-f]+[lu]?", Num),
            (r"(?i)[0-9]([.][0-9]*)?(e[+-][0-9]+)?[fldu]?", Num),
            (r"\b(?:class|struct|interface)\b", Keyword, "class"),
            (r"\b(?:namespace|using)\b", Keyword, "namespace"),
            (r"^#[ \t]*(" + "|".join(CPP_KEYWORDS) + r")\b.*?\n", Comment.Preproc),
            (r"\b(" + "|".join(KEYWORDS) + r")\b", Keyword),
            (r"\b(" + "|".join(KEYWORDS_TYPE) + r")\b", Keyword.Type),
            (ID + r"(?=\s*[(])", Name.Function),
            (ID, Name),
        ],
        "class": [mixin("whitespace"), (ID, Name.Class, "#pop")],
        "namespace": [
            mixin("whitespace"),
            (r"(?=[(])", Text, "#pop"),
            (r"(" + ID + r"|[.])+", Name.Namespace, "#pop"),
        ],
    }
