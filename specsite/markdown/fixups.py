"""Passes over cmark's HTML that make it kramdown's: attribute lists, heading ids from `{#id}`,
URLs as written, rouge's markup."""
from __future__ import annotations

import html
import re

from ..lazy_re import LazyPattern

# kramdown's attribute list (parser/kramdown/extensions.rb parse_attribute_list): tokens between
# white space, each a quoted key="value" pair, an ALD reference (a bare name: left to the ALD
# pass), or ids and classes run together (`#id.a.b`). Ruby's \w and \s are ASCII: an id starts
# with an ASCII letter and holds ASCII word characters, `:` and `-` (`#9bad`, `#ü` are no ids); a
# class is anything but white space, `.` and `#`; an unquoted value (`data-x=1`) is no pair.
_ALD_NAME = r"[A-Za-z0-9_][A-Za-z0-9_-]*"
_ID_OR_CLASS = r"#([A-Za-z][A-Za-z0-9_:-]*)|\.([^ \t\n\r\f\v.#]+)"
_IAL_TOKEN = LazyPattern(rf"""(?:\A|[ \t\n\r\f\v])(?:({_ALD_NAME})=("|')((?:\\\}}|\\\2|[^}}\x02])*?)\2"""
                         rf"|({_ALD_NAME})|((?:{_ID_OR_CLASS})+))(?=[ \t\n\r\f\v]|\Z)")
_ID_OR_CLASS_TOKEN = LazyPattern(_ID_OR_CLASS)


def parse_ial(text: str) -> dict:
    attrs: dict = {}
    for m in _IAL_TOKEN.finditer(text):
        key, sep, value, _ref, ids_and_classes = m.group(1, 2, 3, 4, 5)
        if ids_and_classes:
            for part in _ID_OR_CLASS_TOKEN.finditer(ids_and_classes):
                if part.group(2):
                    attrs["class"] = (attrs.get("class", "") + " " + part.group(2)).lstrip()
                else:
                    attrs["id"] = part.group(1)
        elif key:
            attrs[key] = re.sub(r"\\(\}|" + re.escape(sep) + ")", r"\1", value)
    return attrs


_PLAIN_BLOCK = LazyPattern(r"<pre><code>(.*?)</code></pre>", re.S)
_CELL_ALIGN = LazyPattern(r'<(t[hd])((?: data-sourcepos="[^"]*")?) align="(left|center|right)"')
# cmark's own list number (written before its data-sourcepos): kramdown numbers every list from 1, writing
# `start` only from an IAL (`{:start="3"}`), which is applied after this is dropped
_CMARK_OL_START = LazyPattern(r'<ol start="\d+"(?= data-sourcepos=)')
# (the look-behinds come after the literal `<code`: a pattern that starts with a literal is
# searched for it, one that starts with a look-behind is tried at every character, 10x slower)
_CODESPAN = LazyPattern(r"<code>(?<!<pre class=\"highlight\"><code>)")
_PLAIN_IAL_BLOCK = LazyPattern(r'<pre(?! class="highlight">)((?: [\w:-]+="[^"]*")+)><code>(.*?)</code></pre>', re.S)
_CODESPAN_OR_BLOCK = LazyPattern(r"<pre\b[^>]*><code>|<code>")
_IAL_CODESPAN = LazyPattern(r'<code(?<!<pre><code)(?<!<pre class="highlight"><code)((?: [\w:-]+="[^"]*")+)>')


def _plain_span(m) -> str:
    return m.group(0) if m.group(0).startswith("<pre") else '<code class="language-plaintext highlighter-rouge">'


def _rouge_code_attrs(m) -> str:
    attrs = m.group(1)
    found = re.search(r' class="([^"]*)"', attrs)
    if found and "language-" in found.group(1):
        return m.group(0)
    classes = f"language-plaintext {found.group(1)} highlighter-rouge" if found else \
        "language-plaintext highlighter-rouge"
    attrs = attrs.replace(found.group(0), "") if found else attrs
    return f'<code{attrs} class="{" ".join(classes.split())}">'


def _rouge_plain_block(m) -> str:
    if "language-" in m.group(1):
        return m.group(0)
    outer = _rouge_code_attrs(m).replace("<code", "<div", 1)
    return f'{outer}<div class="highlight"><pre class="highlight"><code>{m.group(2)}</code></pre></div></div>'


def as_rouge(body: str, extras=None) -> str:
    """kramdown with rouge (Jekyll's default) marks code without a language as plaintext: blocks
    get rouge's wrapper, code spans its classes; and there is no keyboard tabindex. `extras` (a
    KramdownExtras) may turn the highlighter off for blocks or spans: they stay as written."""
    body = body.replace('<div class="highlight" tabindex="0">', '<div class="highlight">')
    blocks = extras is None or not extras.plain_blocks
    if blocks and "<pre><code>" in body:
        body = _PLAIN_BLOCK.sub(lambda m: '<div class="language-plaintext highlighter-rouge"><div class="highlight">'
                                f'<pre class="highlight"><code>{m.group(1)}</code></pre></div></div>', body)
    if blocks and "<pre " in body:  # a plain block with an IAL: its attributes go on rouge's outer div
        body = _PLAIN_IAL_BLOCK.sub(_rouge_plain_block, body)
    spans = extras is None or not extras.plain_spans
    if spans and "<code>" in body:
        if blocks:
            body = _CODESPAN.sub('<code class="language-plaintext highlighter-rouge">', body)
        else:  # (blocks stay as kramdown wrote them: a block's <pre ...><code> is no code span)
            body = _CODESPAN_OR_BLOCK.sub(_plain_span, body)
    if spans and "<code " in body:  # a code span with a span IAL: kramdown's add_syntax_highlighter_to_class_attr
        body = _IAL_CODESPAN.sub(_rouge_code_attrs, body)
    if ' align="' in body:  # kramdown aligns table cells with a style
        body = _CELL_ALIGN.sub(r'<\1\2 style="text-align: \3"', body)
    return body


def without_list_numbers(out: str) -> str:
    """cmark's HTML without the `start` of its ordered lists (kramdown's list.rb ignores the
    first item's number), dropped before block IALs go on, so that an IAL's `start` stays."""
    return _CMARK_OL_START.sub("<ol", out) if "<ol start=" in out else out


_ENCODED_URL = LazyPattern(r'(\s(?:href|src)=")([^"]*%[0-9A-F]{2}[^"]*)"')
_PERCENT_RUN = LazyPattern(r"(?:%[0-9A-F]{2})+")


def as_written_urls(body: str, source: str) -> str:
    """cmark percent-encodes URLs ('[x]' → '%5Bx%5D', 'é' → '%C3%A9'); kramdown writes them as
    the author did. A URL goes back to its written form when that form is in the source."""
    def restore(m):
        url = m.group(2)
        decoded = _PERCENT_RUN.sub(_decoded, url)
        if decoded == url or html.unescape(decoded) not in source:
            return m.group(0)
        return f'{m.group(1)}{decoded}"'
    return _ENCODED_URL.sub(restore, body)


# a link's or image's title as written: inline `](url "t")` / `'t'`, or a reference definition's
_SOURCE_TITLE = LazyPattern(r"""\]\(\s*<?[^\s)>]*>?\s+(["'])((?:(?!\1\s*\)).)*?\\.*?)\1\s*\)"""
                            r"""|^ {0,3}\[[^\]\n]+\]:[ \t]*<?\S+?>?[ \t]+(["'])(.*?\\.*?)\3[ \t]*$"""
                            r"""|^ {0,3}\[[^\]\n]+\]:[ \t]*<?\S+?>?[ \t]*\n[ \t]*(["'])(.*?\\.*?)\5[ \t]*$""", re.M)
_TITLE_ATTR = LazyPattern(r'(<(?:a|img)\b[^>]*? title=")([^"]*)"')
_BACKSLASHED = LazyPattern(r"\\([!-/:-@\[-`{-~])")


def as_written_titles(body: str, source: str) -> str:
    """kramdown keeps a link title as written, backslashes and all (`"A \\"q\\" t"` is the title
    `A \\&quot;q\\&quot; t`); cmark reads `\\"` as an escaped quote. A title goes back to its
    written form when that form is in the source (inline, or in a definition, on its line or
    alone on the next)."""
    written = {}
    for m in _SOURCE_TITLE.finditer(source):
        raw = m.group(2) if m.group(2) is not None else m.group(4) if m.group(4) is not None else m.group(6)
        written.setdefault(html.unescape(_BACKSLASHED.sub(r"\1", raw)), raw)  # (cmark's: escapes, entities read)
    if not written:
        return body

    def restore(m):
        raw = written.get(html.unescape(m.group(2)))
        if raw is None:
            return m.group(0)
        return f'{m.group(1)}{_ATTR_ESCAPE.sub(lambda c: _ATTR_ENTITY[c.group(0)], raw)}"'
    return _TITLE_ATTR.sub(restore, body)


# kramdown's escape_html(:attribute): < > " and an & that starts no entity (an entity stays)
_ATTR_ESCAPE = LazyPattern(r'[<>"]|&(?!(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);)')
_ATTR_ENTITY = {"<": "&lt;", ">": "&gt;", '"': "&quot;", "&": "&amp;"}


def _decoded(m) -> str:
    try:
        text = bytes.fromhex(m.group(0).replace("%", "")).decode("utf-8")
    except ValueError:
        return m.group(0)
    if any(c == "%" or ord(c) < 32 for c in text):
        return m.group(0)
    return html.escape(text, quote=False).replace('"', "&quot;")  # kramdown: `a<b` is href="a&lt;b"


# (the element's content up to its first close tag, possessively: a shorter one ends at no close tag)
_SPAN_IAL = LazyPattern(r"(<(a|em|strong|del|code)\b[^>]*)(>(?:[^<]++|<(?!/\2>))*+</\2>)\{:([^}\n]*)\}"
                       r"|(<img\b[^>]*?)(\s*/?>)\{:([^}\n]*)\}", re.S)
# smart typography ran first: its quotes, dashes and ellipsis back as written (`.md-button--primary`)
_STRAIGHT_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "--", "—": "---", "…": "..."})


def span_ials(body: str) -> str:
    """kramdown's span IALs: `[text](url){:target="_blank"}` puts the attributes on the link, and
    `**x**{:.c}` on the strong (em, del and code spans alike: as_rouge adds rouge's classes to
    a code span's own); `{:.a}{:.b}` add up."""
    def attach(m):
        ial = html.unescape(m.group(4) if m.group(1) is not None else m.group(7)).translate(_STRAIGHT_QUOTES)
        if m.group(1) is not None:
            return with_attrs(m.group(1), parse_ial(ial)) + m.group(3)
        return with_attrs(m.group(5), parse_ial(ial)) + m.group(6)
    if ">{:" not in body:  # (every match ends a tag there: `</a>{:`, `<img …>{:`)
        return body
    for _ in range(4):
        body, count = _SPAN_IAL.subn(attach, body)
        if not count:
            break
    return body


def with_attrs(open_tag: str, attrs: dict) -> str:
    """`open_tag` (without its '>') with kramdown IAL attributes merged in; classes add up."""
    for key, value in attrs.items():
        value = html.escape(str(value))
        existing = re.search(rf' {re.escape(key)}="([^"]*)"', open_tag)
        if existing and key == "class":
            merged = f"{existing.group(1)} {value}".strip()
            open_tag = open_tag[:existing.start()] + f' class="{merged}"' + open_tag[existing.end():]
        elif existing:
            open_tag = open_tag[:existing.start()] + f' {key}="{value}"' + open_tag[existing.end():]
        else:
            open_tag += f' {key}="{value}"'
    return open_tag


def set_header_ids(out: str, header_ids: dict) -> str:
    def add(m):
        line = int(m.group(2))
        if line in header_ids:
            return f'{m.group(0)[:-1]} id="{html.escape(header_ids[line])}">'
        return m.group(0)
    return re.sub(r'<h([1-6]) data-sourcepos="(\d+):\d+-\d+:\d+">', add, out)
