"""Rouge 3.30's XML lexer (rouge/lexers/xml.rb); \\p{L} is [^\\W\\d_], \\p{Word} \\w (Unicode)."""
from .engine import RegexLexer
from .tokens import Comment, Name, Str, Text

_START = r"(?:[^\W\d]|:)"


class XML(RegexLexer):
    tag = "xml"
    states = {
        "root": [
            (r"[^<&]+", Text),
            (r"&\S*?;", Name.Entity),
            (r"<!\[CDATA\[.*?\]\]>", Comment.Preproc),
            (r"<!--", Comment, "comment"),
            (r"<\?.*?\?>", Comment.Preproc),
            (r"<![^>]*>", Comment.Preproc),
            (r"(?u)(?s)<\s*" + _START + r"[\w\u200b-\u200f\u2060-\u2064\ufeff:.\u00b7-]*", Name.Tag, "tag"),
            (r"(?u)(?s)<\s*/\s*" + _START + r"[\w\u200b-\u200f\u2060-\u2064\ufeff:.\u00b7-]*\s*>", Name.Tag),
        ],
        "comment": [
            (r"(?s)[^-]+", Comment),
            (r"-->", Comment, "#pop"),
            (r"-", Comment),
        ],
        "tag": [
            (r"(?s)\s+", Text),
            (r"(?u)(?s)" + _START + r"[\w\u200b-\u200f\u2060-\u2064\ufeff:.\u00b7-]*\s*=", Name.Attribute, "attr"),
            (r"/?\s*>", Name.Tag, "#pop"),
        ],
        "attr": [
            (r"(?s)\s+", Text),
            (r"""(?s)".*?"|'.*?'|[^\s>]+""", Str, "#pop"),
        ],
    }
