"""Rouge 3.30's Vue lexer (rouge/lexers/vue.rb): HTML whose <template>, <style> and <script>
blocks are lexed in the language their `lang` names (a fresh lexer for each piece, as Rouge's
delegate of a class does); `{{ … }}` goes to one JavaScript lexer."""
from .engine import PlainText, mixin
from .html import HTML
from .tokens import Error, Keyword, Name, Str, Text


def _lookup_lang(lang):
    lang = lang.lower().replace('"', "").replace("'", "")
    if lang == "html":
        return HTML
    if lang == "css":
        from .css import CSS
        return CSS
    if lang == "javascript":
        from .javascript import Javascript
        return Javascript
    if lang == "scss":
        from .scss import Scss
        return Scss
    if lang == "coffee":
        from .coffeescript import Coffeescript
        return Coffeescript
    if lang == "sass":
        from .scss import Sass
        return Sass
    return PlainText


def _block(lang_name, state):
    def callback(lexer, m):
        lexer.groups(Name.Tag, Text, Keyword)
        lexer.lang = _lookup_lang(lang_name)
        lexer.push(state)
        lexer.push("lang_tag")
    return callback


def _block_end(lexer, m):
    lexer.groups(Name.Tag, Keyword, Name.Tag)
    lexer.pop()


def _lang(lexer, m):
    lexer.groups(Name.Attribute, Text, Str)
    lexer.lang = _lookup_lang(m.group(3))


def _interpolation(lexer, m):
    lexer.token(Str.Interpol)
    lexer.push("template_interpol")
    lexer.js.reset()


def _js_push(lexer, m):
    lexer.delegate(lexer.js)
    lexer.push()


def _js_pop(lexer, m):
    lexer.delegate(lexer.js)
    lexer.pop()


def _embed(lexer, m):
    lexer.delegate(lexer.lang)


class Vue(HTML):
    tag = "vue"

    def start(self):
        super().start()
        if not hasattr(self, "js"):
            from .javascript import Javascript
            self.js = Javascript()  # (made once, in Vue#initialize)
        self.js.reset()

    states = {
        **HTML.states,
        "root": [
            (r"(<)(\s*)(template)", _block("html", "template")),
            (r"(<)(\s*)(style)", _block("css", "style")),
            (r"(<)(\s*)(script)", _block("javascript", "script")),
            *HTML.states["root"],
        ],
        "tag": [(r"(?s)[a-zA-Z0-9_:#\[\]()*.-]+\s*=\s*", Name.Attribute, "attr"), *HTML.states["tag"]],
        "style": [
            (r"(<\s*/\s*)(style)(\s*>)", _block_end),
            mixin("style_content"),
            mixin("embed"),
        ],
        "script": [
            (r"(<\s*/\s*)(script)(\s*>)", _block_end),
            mixin("script_content"),
            mixin("embed"),
        ],
        "lang_tag": [
            (r"""(lang\s*=)(\s*)("(?:\\.|[^\\])*?"|'(\\.|[^\\])*?'|[^\s>]+)""", _lang),
            mixin("tag"),
        ],
        "template": [
            (r"(<\s*/\s*)(template)(\s*>)", _block_end),
            (r"{{", _interpolation),
            mixin("embed"),
        ],
        "template_interpol": [
            (r"}}", Str.Interpol, "#pop"),
            (r"}", Error),
            mixin("template_interpol_inner"),
        ],
        "template_interpol_inner": [
            (r"{", _js_push),
            (r"}", _js_pop),
            (r"[^{}]+", lambda lexer, m: lexer.delegate(lexer.js)),
        ],
        "embed": [
            (r"[^{<]+", _embed),
            (r"[<{][^<{]*", _embed),
        ],
    }
