"""Rouge 3.30's Markdown lexer (rouge/lexers/markdown.rb). A fenced block's code is lexed by
the lexer its name finds (Lexer.find: the exact tag or alias); a name Rouge does not know is
Str::Backtick text; a known but unported lexer (or no name: Rouge guesses) raises Unported."""
from .engine import PlainText, RegexLexer, Unported, mixin
from .tokens import Generic, Name, Punctuation, Str, Text

EDOT = r"(?:\\.|[^\\\n])"


def _front_matter(lexer, m):
    from .yaml import YAML
    lexer.delegate(YAML)


def _sublexer(name: str):
    from . import lexer_class
    from ..rouge_lexers import ROUGE_NAMES
    if not name or ("?" in name and name.split("?", 1)[0] in ROUGE_NAMES):
        raise Unported(name)  # (no name: Rouge guesses; `lang?options`: options not ported)
    cls = lexer_class(name) if "?" not in name else None
    if cls is not None:
        return cls()
    if name in ROUGE_NAMES:
        raise Unported(name)
    return PlainText(token=Str.Backtick)


def _fence(lexer, m):
    sublexer = _sublexer(m.group(3).strip())
    sublexer.reset()
    lexer.token(Text, m.group(1))
    lexer.token(Punctuation, m.group(2))
    lexer.token(Name.Label, m.group(3))
    if m.group(5) is not None:
        lexer.delegate(sublexer, m.group(5))
    lexer.token(Text, m.group(6))
    if m.group(7):
        lexer.token(Punctuation, m.group(7))
    else:
        def close(lexer, mb):
            lexer.pop()
            lexer.token(Text, mb.group(1))
            lexer.token(Punctuation, mb.group(2))
        lexer.push_rules((r"^([ \t]*)(" + m.group(2) + ")", close),
                         (r"^.*\n", lambda lexer, mb: lexer.delegate(sublexer)))


def _reference(lexer, m):
    lexer.groups(Text, Punctuation, Str.Symbol, Punctuation, Text, Punctuation)
    lexer.push("title")
    lexer.push("url")


def _link_text(lexer, m):
    lexer.groups(Punctuation, Name.Variable, Punctuation)
    lexer.push("link")


def _html(lexer, m):
    lexer.delegate(lexer.html)


def _then_pop(*tokens):
    def callback(lexer, m):
        lexer.groups(*tokens)
        lexer.pop()
    return callback


def _inline_url(lexer, m):
    lexer.token(Punctuation)
    lexer.push("inline_title")
    lexer.push("inline_url")


def _pop(lexer, m):
    lexer.pop()


class Markdown(RegexLexer):
    tag = "markdown"

    def start(self):
        if not hasattr(self, "html"):
            from .html import HTML
            self.html = HTML()
        self.html.reset()

    states = {
        "root": [
            # (Ruby's \A holds at the scan position: front matter wherever root meets `---`)
            (r"(?s)(---\s*\n.*?\n?)^(---\s*$\n?)", _front_matter),
            (r"\\.", Str.Escape),
            (r"^[\S ]+\n(?:---*)\n", Generic.Heading),
            (r"^[\S ]+\n(?:===*)\n", Generic.Subheading),
            (r"^#(?=[^#]).*?$", Generic.Heading),
            (r"^##*.*?$", Generic.Subheading),
            (r"(?s)^([ \t]*)(`{3,}|~{3,})([^\n]*\n)((.*?)(\n\1)(\2))?", _fence),
            (r"\n\n((    |\t).*?\n|\n)+", Str.Backtick),
            (r"(`+)(?:" + EDOT + r"|\n)+?\1", Str.Backtick),
            (r"^(\s*[*]){3,}\s*$", Punctuation),
            (r"^(\s*[-]){3,}\s*$", Punctuation),
            (r"^\s*[*+-](?=\s)", Punctuation),
            (r"^\s*\d+\.", Punctuation),
            (r"^\s*>.*?$", Generic.Traceback),
            (r"^(\s*)(\[)(" + EDOT + r"+?)(\])(\s*)(:)", _reference),
            (r"(!?\[)(" + EDOT + r"*?|[^\]]*?)(\])(?=[\[(])", _link_text),
            (r"[*][*]" + EDOT + r"*?[*][*]", Generic.Strong),
            (r"__" + EDOT + r"*?__", Generic.Strong),
            (r"[*]" + EDOT + r"*?[*]", Generic.Emph),
            (r"_" + EDOT + r"*?_", Generic.Emph),
            (r"<.*?@.+[.].+>", Name.Variable),
            (r"<(https?|mailto|ftp)://" + EDOT + r"*?>", Name.Variable),
            (r"[^\\`\[*\n&<]+", Text),
            (r"&\S*;", _html),
            (r"<" + EDOT + r"*?>", _html),
            (r"[&<]", Text),
            (r"\[", Text),
            (r"\n", Text),
        ],
        "link": [
            (r"(\[)(" + EDOT + r"*?)(\])", _then_pop(Punctuation, Str.Symbol, Punctuation)),
            (r"[(]", _inline_url),
            (r"[ \t]+", Text),
            (r"", _pop),
        ],
        "url": [
            (r"[ \t]+", Text),
            (r"(<)(" + EDOT + r"*?)(>)", _then_pop(Name.Tag, Str.Other, Name.Tag)),
            (r"\S+", Str.Other, "#pop"),
        ],
        "title": [
            (r'"' + EDOT + r'*?"', Name.Namespace),
            (r"'" + EDOT + r"*?'", Name.Namespace),
            (r"[(]" + EDOT + r"*?[)]", Name.Namespace),
            (r"""\s*(?=["'()])""", Text),
            (r"", _pop),
        ],
        "inline_title": [
            (r"[)]", Punctuation, "#pop"),
            mixin("title"),
        ],
        "inline_url": [
            (r"[^<\s)]+", Str.Other, "#pop"),
            (r"(?s)\s+", Text),
            mixin("url"),
        ],
    }
