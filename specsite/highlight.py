"""Fenced code highlighting with Pygments, shaped like Jekyll's rouge output, cached by content."""
from __future__ import annotations

import functools
import html
from types import MappingProxyType

# Pygments is imported by the methods that use it (issue 14): a build without a highlighted
# code block never loads it, and lean_imports keeps its plugin look-up from loading importlib.metadata.

ALIASES = MappingProxyType({"jsonc": "json", "shell": "bash", "sh": "bash", "console": "shell-session",
           "yml": "yaml", "text": "text", "plaintext": "text", "http": "http", "xml": "xml"})


def _pygments() -> None:
    from .lean_imports import pygments
    pygments()


@functools.lru_cache(maxsize=1)
def _builtin_aliases() -> frozenset:
    _pygments()
    from pygments.lexers._mapping import LEXERS
    return frozenset(alias for entry in LEXERS.values() for alias in entry[2])


def _rouge_quotes(text: str) -> str:
    """Quotes in code as rouge (and Pygments >= 2.21) write them: as themselves.

    Pygments up to 2.20 escapes them as `&quot;`/`&#39;`; the formatter writes no attributes
    inside tokens (nowrap), so these entities can only come from quotes in the code."""
    return text.replace("&quot;", '"').replace("&#39;", "'")


def _highlight(code: str, lexer, formatter, plain_space: bool = False) -> str:
    """The tokens as Rouge::Formatters::HTML writes them: consecutive tokens of one type as one
    (Rouge::Lexer#lex consolidates them), each `<span class="x">…</span>` with its newlines in it
    (a Text token bare), `&`, `<` and `>` escaped (quotes: _rouge_quotes). Pygments' own
    formatter closes and reopens a span at every line end. `plain_space`: rouge's lexer of the
    language writes no Text::Whitespace (xml, ruby, bash, http, most others): Pygments' Whitespace
    token is text there, and the line end Pygments' error recovery yields (a Whitespace "\\n")
    is part of rouge's Error token (rouge's recovery takes any character)."""
    try:
        from pygments.formatters.html import _escape_html_table
    except ImportError:  # pragma: no cover - a Pygments without it
        _escape_html_table = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"}
    from pygments.token import Error as error, Text as text_type, Whitespace as whitespace
    openers = formatter.span_element_openers
    own = _ROUGE_CLASSES[lexer.name]
    out: list = []
    last, values = None, []

    def write(ttype, text: str) -> None:
        cspan = openers.get(ttype) if own is None else own.get((ttype, text)) or own.get(ttype) or openers.get(ttype)
        if cspan is None:
            css_class = formatter._get_css_classes(ttype)
            cspan = openers[ttype] = f'<span class="{css_class}">' if css_class else ""
        text = text.translate(_escape_html_table)
        if cspan and text[-1] == "\n" and cspan != _WHITESPACE and ttype is not error:  # (Pygments' comment token takes its
            core = text.rstrip("\n")  # line's newline; rouge's ends before it)
            out.extend((cspan, core, "</span>", text[len(core):]) if core else (text,))
        else:
            out.extend((cspan, text, "</span>") if cspan else (text,))

    for ttype, value in lexer.get_tokens(code):
        if not value:
            continue
        if plain_space and ttype in whitespace:  # (rouge's lexer writes it as Text; the line end of
            ttype = error if last is error and value == "\n" else text_type  # an error: the error's)
        if ttype is last:
            values.append(value)
            continue
        if last is not None:
            write(last, "".join(values))
        last, values = ttype, [value]
    if last is not None:
        write(last, "".join(values))
    return "".join(out)


_WHITESPACE = '<span class="w">'
# the languages (tags and aliases) whose rouge 3.30 lexer writes Text::Whitespace (made from
# rouge-3.30.0/lib/rouge/lexers/*.rb: the files that name Whitespace); rouge's other lexers write
# whitespace as Text, where Pygments' write a Whitespace token (`<span class="w">`)
ROUGE_WHITESPACE = frozenset("""
    applescript bpf brightscript bs brs clean clojure clj cljs console terminal shell_session shell-session
    coq csvs cypher docker dockerfile elm fluent ftl fortran graphql hocon hylang hy idlang isabelle isa
    janet jdn jsl json lasso lassoscript liquid magik mason mathematica wl matlab m minizinc moonscript
    moon nim nimrod opentype_feature_file fea opentype opentypefeature plist powershell posh
    microsoftshell msshell q kdb+ r s robot_framework robot robot-framework slim sparql sqf stata
    syzlang syzprog turtle wollok xojo realbasic xpath xquery yang""".split())


def _json_classes() -> dict:
    from pygments.token import Name
    return {Name.Tag: '<span class="nl">'}  # (rouge's JSON lexer: a key is Name::Label)


def _http_classes() -> dict:
    """rouge's HTTP lexer: the `HTTP` of a request or status line is Keyword, a header's colon
    Punctuation and its value Literal::String (Pygments: Keyword.Reserved, Operator, Literal);
    the `/` of `HTTP/1.1` is an Operator in both. A (type, text) key is asked before the type."""
    from pygments.token import Keyword, Literal, Operator
    return {Keyword.Reserved: '<span class="k">', (Operator, ":"): '<span class="p">', Literal: '<span class="s">'}


class _RougeClasses(dict):
    """Per Pygments lexer name, the token classes rouge's lexer of the language writes otherwise."""

    def __missing__(self, name):
        if name in ("XML", "HTML"):  # (rouge's xml and html lexers: a comment is Comment, not Comment::Multiline)
            from pygments.token import Comment
            value = {Comment.Multiline: '<span class="c">'}
        else:
            value = _json_classes() if name == "JSON" else _http_classes() if name == "HTTP" else None
        self[name] = value
        return value


_ROUGE_CLASSES = _RougeClasses()


class Highlighter:
    """Highlights code blocks; identical blocks (common across spec pages) are done once."""

    def __init__(self, style: str = "default"):
        self.style = style
        self._formatter = None  # an HtmlFormatter(nowrap=True), made with the first block
        self._lexers: dict = {}
        self._cache: dict = {}

    def _lexer(self, lang: str):
        if lang not in self._lexers:
            name = ALIASES.get(lang, lang)
            _pygments()
            from pygments.lexers import get_lexer_by_name
            from pygments.util import ClassNotFound
            try:  # only Pygments' own lexers: an unknown name would scan every installed package (1 s)
                self._lexers[lang] = get_lexer_by_name(name, stripnl=False, ensurenl=False) \
                    if name in _builtin_aliases() else None
            except ClassNotFound:
                self._lexers[lang] = None
        return self._lexers[lang]

    def code(self, code: str, lang: str) -> str:
        key = (lang, code)
        cached = self._cache.get(key)
        if cached is None and lang.split("?", 1)[0].lower() in ("escape", "esc"):
            cached = self._cache[key] = self._escape(code, lang)
        if cached is None and "?" not in lang:
            from . import rouge
            cached = rouge.highlight(code, lang.lower())
            if cached is not None:
                self._cache[key] = cached
        if cached is None:
            lexer = self._lexer(lang.lower())
            if lexer and self._formatter is None:
                from pygments.formatters.html import HtmlFormatter
                self._formatter = HtmlFormatter(nowrap=True)
            plain_space = lang.split("?", 1)[0].lower() not in ROUGE_WHITESPACE
            cached = (_rouge_quotes(_highlight(code, lexer, self._formatter, plain_space)) if lexer
                      else html.escape(code, quote=False))
            self._cache[key] = cached
        return cached

    def remembered(self) -> dict:
        """The memo of highlighted blocks, (lang, code) -> HTML: a parse cache keeps it between builds."""
        return self._cache

    def _escape(self, code: str, lang: str) -> str:
        """Rouge's `escape` lexer (`escape?lang=cpp&start=<!&end=!>`): the text between the start and
        end marks is an Escape token, the rest is lexed in `lang` (plain text by default). Jekyll
        never enables Formatter.enable_escape!, so each Escape token is written as an Error token:
        `<span class="err">` with its text escaped, and the marks themselves are dropped."""
        from urllib.parse import parse_qsl
        options = dict(parse_qsl(lang.partition("?")[2], keep_blank_values=True))
        start, end, inner = options.get("start") or "<!", options.get("end") or "!>", options.get("lang") or "plaintext"
        out, pos = [], 0
        while True:
            at = code.find(start, pos)
            if at < 0:
                out.append(self.code(code[pos:], inner) if pos < len(code) else "")
                return "".join(out)
            if at > pos:
                out.append(self.code(code[pos:at], inner))
            stop = code.find(end, at + len(start))
            escaped = code[at + len(start):] if stop < 0 else code[at + len(start):stop]
            out.append(f'<span class="err">{html.escape(escaped, quote=False)}</span>')
            if stop < 0:
                return "".join(out)
            pos = stop + len(end)

    def block(self, code: str, lang: str) -> str:
        inner = self.code(code, lang)
        safe_lang = html.escape(lang.split("?", 1)[0])  # kramdown: `lexer?opts` is the class `language-lexer`
        # tabindex: a code block that scrolls sideways must be reachable by keyboard (WCAG 2.1.1)
        return (f'<div class="language-{safe_lang} highlighter-rouge"><div class="highlight" tabindex="0">'
                f'<pre class="highlight"><code>{inner}</code></pre></div></div>')

    def css(self) -> str:
        # Pygments marks tokens its lexer could not place with a red box; in spec examples
        # (templated URLs like /Appointment/[id]) that is noise, not an error.
        _pygments()
        from pygments.formatters.html import HtmlFormatter
        return HtmlFormatter(style=self.style).get_style_defs(".highlight") + "\n.highlight .err { border: 0; }\n"
