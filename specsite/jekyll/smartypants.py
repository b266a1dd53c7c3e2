"""Jekyll's `smartify` filter: its SmartyPants converter, a kramdown parser that reads only HTML
tags, entities, typographic symbols and smart quotes (Kramdown::Parser::SmartyPants), written
by kramdown's HTML converter with Jekyll's `entity_output: as_char`. So a bare `&`, `<` or `>`
is escaped, `&quot;` and other entities become characters (not &amp; &lt; &gt;), `--`, `---`,
`...`, `<<` and `>>` become – — … « », and each straight quote is curled by kramdown's
SQ_RULES (markdown.text.kramdown_quotes, which the markdown renderer uses too)."""
from __future__ import annotations

import html
import html.entities
import re

from ..lazy_re import LazyPattern
from ..markdown.tagforms import _KNOWN

# at each place, kramdown's typographic symbol (TYPOGRAPHIC_SYMS, tried before span_html: `<<x>>`
# is «x»), or a tag span_html reads, or a comment; the rest is text
# kramdown's tags (parser/html.rb HTML_TAG_RE, HTML_TAG_CLOSE_RE: REXML's UNAME_STR names, an
# attribute's value a word or quoted): `<Foo: bar>` and `#<Date: …>` are text
_UNAME = r"(?:[^\W\d][-\w.]*:)?[^\W\d][-\w.]*"
_TOKEN = LazyPattern(r"(---|--|\.\.\.|\\<<|\\>>|<< | >>|<<|>>)"
                     rf"|<(?:{_UNAME}\s*(?:\s+{_UNAME}(?:\s*=\s*(?:\w+|\"[^\"]*\"|'[^']*'))?)*\s*/?|/{_UNAME}\s*|!--.*?--)>",
                     re.S)
_SYMBOLS = {"---": "\u2014", "--": "\u2013", "...": "\u2026", "\\<<": "&lt;&lt;", "\\>>": "&gt;&gt;",
            "<< ": "\u00ab\u00a0", " >>": "\u00a0\u00bb", "<<": "\u00ab", ">>": "\u00bb"}
_ENTITY = LazyPattern(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_TEXT_ESCAPE = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_TRAILING_WHITESPACE = LazyPattern(r"[ \t]*\n")
_KRAMDOWN_NAMES = frozenset(html.entities.name2codepoint) | {"apos", "vellip"}
_KEPT = frozenset("&<>")  # kramdown's ESCAPE_MAP but `"`: an entity for one of these stays as written


def smartify(text: str, quotes: tuple | None = None) -> str:
    """`text` as Jekyll's smartify writes it (one line or many; no paragraphs). `quotes`: the
    site's kramdown smart_quotes when not the default (the converter takes the site's kramdown
    options: Converters::SmartyPants)."""
    from ..markdown.text import hide_curly, kramdown_quotes, show_curly
    from ..markdown.typosyms import hide_symbols, show_symbols
    text = hide_symbols(hide_curly(text))  # (the author's own: characters, no quotes nor symbols)
    out, pos, open_tags = [], 0, []
    m = _TOKEN.search(text)
    while m is not None:
        out.append(_text(text[pos:m.start()]))
        out.append(_SYMBOLS[m.group(1)] if m.group(1) else _tag(m.group(0), open_tags))
        pos = m.end()
        if m.group(0).startswith("<!--") and not open_tags and (m.start() == 0 or text[m.start() - 1] == "\n"):
            # (a comment that starts a line is block HTML: parse_block_html takes the white space
            # to the line's end after it, and the converter writes the comment on a line of its own)
            out.append("\n")
            end = _TRAILING_WHITESPACE.match(text, pos)
            pos = end.end() if end else pos
        raw = _RAW_START.match(m.group(0)) if not m.group(1) else None
        if raw is not None and not m.group(0).endswith("/>"):  # its content as written, to its end tag
            end = re.compile(rf"</{re.escape(raw.group(1))}\s*>", re.I).search(text, pos)
            stop = end.end() if end is not None else len(text)
            out.append(text[pos:stop].replace("&", _AMP))
            if open_tags and open_tags[-1] == raw.group(1) and end is not None:
                open_tags.pop()
            pos = stop
        m = _TOKEN.search(text, pos)
    out.append(_text(text[pos:]))
    if open_tags:  # kramdown closes them at the end of the text, which ends with a line break
        out.append("\n" if not text.endswith("\n") else "")
        out.extend(f"</{name}>" for name in reversed(open_tags))
    quoted = kramdown_quotes("".join(out))
    if quotes:  # (before show_curly: the author's own curly quotes stay)
        quoted = quoted.translate(str.maketrans(dict(zip("\u2018\u2019\u201c\u201d", quotes))))
    body = show_curly(show_symbols(quoted))
    return _ENTITY.sub(_entity, body).replace(_AMP, "&").rstrip("\n")


# kramdown's HTML_CONTENT_MODEL_RAW elements but pre (a block element): span HTML whose content
# is written as it is (no quotes, symbols nor entities)
_RAW_START = LazyPattern(r"<(script|style|math|option|textarea|code|kbd|samp|var)(?=[\s/>])", re.I)
_AMP = "\ue000"  # (an `&` of raw content while entities are written)


_NAME = LazyPattern(rf"<(/?)({_UNAME})")
_ATTRIBUTE = LazyPattern(rf"\s*({_UNAME})(?:\s*=\s*(?:(\w+)|\"([^\"]*)\"|'([^']*)'))?")
# kramdown's HTML_ELEMENTS_WITHOUT_BODY: written `<br />`
_VOID = frozenset("area base br col command embed hr img input keygen link meta param source track wbr".split())
# kramdown's HTML_BLOCK_ELEMENTS: a start tag of one in span text is text (parse_span_html)
_BLOCK = frozenset("""address article aside applet body blockquote caption col colgroup dd div dl dt fieldset
    figcaption footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe legend menu li main map nav ol
    optgroup p pre section summary table tbody td th thead tfoot tr ul""".split())
_ATTR_ESCAPE = LazyPattern(r"&(?![A-Za-z_][\w.-]*;|#\d+;|#x[0-9a-fA-F]+;)|[<>\"]")


def _tag(tag: str, open_tags: list) -> str:
    """A tag as kramdown's span_html reads and its converter writes it (parse_span_html): a known
    element's name (and its attributes' names) in lower case, each attribute `name="value"`; an end
    tag closes the innermost element only (case-insensitively for a known one), else it is text,
    as is a block element's start tag. `open_tags` (names, outermost first) kept up to date."""
    m = _NAME.match(tag)
    if m is None:  # (a comment)
        return tag
    name = m.group(2)
    known = name.lower() in _KNOWN
    if known:
        name = name.lower()
    if m.group(1):
        if open_tags and (open_tags[-1] == name or known and open_tags[-1].lower() == name):
            return f"</{open_tags.pop()}>"
        return _text(tag)
    if name in _BLOCK:
        return _text(tag)
    attrs: dict = {}
    for attr in _ATTRIBUTE.finditer(tag, m.end(), len(tag) - (2 if tag.endswith("/>") else 1)):
        value = next((v for v in attr.group(2, 3, 4) if v is not None), "")
        attrs[attr.group(1).lower() if known else attr.group(1)] = " ".join(value.split("\n")) if "\n" in value else value
    written = "<" + name + "".join(f' {k}="{_ATTR_ESCAPE.sub(_escaped, v)}"' for k, v in attrs.items())
    if name in _VOID:
        return written + " />"
    if tag.endswith("/>"):
        return written + f"></{name}>"
    open_tags.append(name)
    return written + ">"


def _escaped(m) -> str:
    return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}[m.group(0)]


def _text(part: str) -> str:
    """A text run: straight quotes marked for kramdown_quotes (as opening ones), the characters
    kramdown's converter escapes escaped (an entity kept as it is, for _entity)."""
    if not part:
        return part
    part = part.replace('"', "\u201c").replace("'", "\u2018")
    out, pos = [], 0
    for m in _ENTITY.finditer(part):
        out.append("".join(_TEXT_ESCAPE.get(c, c) for c in part[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append("".join(_TEXT_ESCAPE.get(c, c) for c in part[pos:]))
    return "".join(out)


def _entity(m) -> str:
    """kramdown's entity_to_str with entity_output as_char: the character, but the entity as
    written for &, < and > (and a name HTML does not know)."""
    written = m.group(0)
    if written[1] != "#" and written[1:-1] not in _KRAMDOWN_NAMES:  # (kramdown's entity table: HTML 4's
        return "&amp;" + written[1:]  # names, apos and vellip; `&AMP;` `&Copy;` are text)
    char = html.unescape(written)
    if char == written or char in _KEPT or len(char) != 1:
        return written
    return char
