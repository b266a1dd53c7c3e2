"""kramdown's rouge highlighter options from `syntax_highlighter_opts` that change its markup:
`line_numbers` (Rouge::Formatters::HTMLTable's table, a gutter of line numbers from `start_line`
and the code: one number per line, and one more when the code does not end with a newline;
jekyll-theme-chirpy's starter _config.yml has it) with its table/gutter/code classes, `css_class`
(a block's <pre class>), `wrap` (HTMLPygments' wrapper) and `default_lang` (code that names no
language). Jekyll's own `{% highlight %}` tag is not affected."""
from __future__ import annotations

import html
import re

_BLOCK = re.compile(r'(<div class="language-[^"]*highlighter-rouge[^"]*"[^>]*><div class="highlight">'
                    r'<pre class="highlight"><code>)(.*?)(</code></pre>)', re.S)


_PRE_CLASS = re.compile(r'(<div class="language-[^"]*highlighter-rouge[^"]*"[^>]*><div class="highlight">'
                        r'<pre class=")highlight("><code>)')


_WRAPPED = re.compile(r'(<div class="language-[^"]*highlighter-rouge[^"]*"[^>]*>)<div class="highlight">'
                      r'<pre class="[^"]*"><code>(.*?)</code></pre></div>', re.S)


_SPAN = re.compile(r'(<code(?: [\w:-]+="[^"]*")*? class="[^"]*highlighter-rouge"[^>]*>)(.*?)(</code>)', re.S)


_LAST_TEXT = re.compile(r"(?:</span>)+$")


_CLASSES = ("rouge-table", "rouge-gutter", "rouge-code")


def _table(code: str, start_line: int, classes: tuple = _CLASSES) -> str:
    """Rouge::Formatters::HTMLTable's markup for highlighted `code` (a newline added when it has
    none); `classes`: its table_class, gutter_class and code_class options."""
    lines = code.count("\n")
    if not _LAST_TEXT.sub("", code).endswith("\n"):  # (the last token's text: its newline may sit in a span)
        lines, code = lines + 1, code + "\n"
    numbers = "\n".join(str(n) for n in range(start_line, start_line + lines)) + "\n"
    table, gutter, cell = classes
    return (f'<table class="{table}"><tbody><tr><td class="{gutter} gl"><pre class="lineno">{numbers}'
            f'</pre></td><td class="{cell}"><pre>{code}</pre></td></tr></tbody></table>')


def line_number_tables(body: str, start_line: int = 1, classes: tuple = _CLASSES) -> str:
    """Every kramdown code block of `body` as rouge's line-number table."""
    if "highlighter-rouge" not in body:
        return body

    return _BLOCK.sub(lambda m: m.group(1) + _table(m.group(2), start_line, classes) + m.group(3), body)


def span_tables(body: str, classes: tuple = _CLASSES) -> str:
    """Every code span of `body` as rouge's line-number table (span options: start_line 1)."""
    if "highlighter-rouge" not in body:
        return body
    return _SPAN.sub(lambda m: m.group(1) + _table(m.group(2), 1, classes) + m.group(3), body)


_BARE_CODE = re.compile(r'(<pre(?: [\w:-]+="[^"]*")*>)?<code(?: class="((?![^"]*\blanguage-)[^"]*)")?>')


BARE_LANGUAGE = "specsite-bare"  # (a name no Rouge lexer has)


def without_bare_class(body: str) -> str:
    return body.replace(f' class="language-{BARE_LANGUAGE}"', "")


def default_language(body: str, langs: tuple, known) -> str:
    """syntax_highlighter_opts' `default_lang` (`langs`: for blocks, for spans): kramdown highlights
    a code block or span that names no language in it and names it in the class
    (add_syntax_highlighter_to_class_attr with hl_opts[:default_lang]); before the highlighting
    passes, which then take the class as written. A name Rouge has no lexer for (`known`: its
    names, case-sensitive) leaves kramdown's rouge highlighter without a lexer: the code is written
    bare, with no class (BARE_LANGUAGE: as_rouge writes it as any unknown language, then
    without_bare_class drops the class)."""
    block, span = (lang if not lang or lang.split("?")[0] in known else BARE_LANGUAGE for lang in langs)

    def classed(m):
        lang = block if m.group(1) else span
        if not lang or m.group(2) is not None and (m.group(1) or lang == BARE_LANGUAGE):
            return m.group(0)  # (a span's own classes follow its language: `code`{:.note})
        own = f" {m.group(2)}" if m.group(2) else ""
        return f'{m.group(1) or ""}<code class="language-{html.escape(lang, quote=True)}{own}">'
    return _BARE_CODE.sub(classed, body) if block or span else body


def after_rouge(body: str, extras) -> str:
    """The kramdown options of `extras` (a KramdownExtras) that apply after as_rouge: the
    footnote list's start (as_rouge drops other lists' start), line numbers and a block's css_class."""
    if extras.footnote_nr != 1:
        from .footnote_options import footnote_list_start
        body = footnote_list_start(body, extras.footnote_nr)
    if extras.block_line_numbers:
        body = line_number_tables(body, extras.block_start_line, extras.block_table)
    if extras.span_line_numbers:
        body = span_tables(body, extras.span_table)
    if extras.block_css_class != "highlight":  # (after the tables: _BLOCK looks for rouge's default)
        body = _PRE_CLASS.sub(lambda m: m.group(1) + extras.block_css_class + m.group(2), body)
    if not extras.block_wrap:  # (no HTMLPygments: kramdown's div holds the spans, or the table)
        body = _WRAPPED.sub(r"\1\2", body)
    return body
