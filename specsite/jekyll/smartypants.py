"""Jekyll's `smartify` filter: its SmartyPants converter, a kramdown parser that reads only HTML
tags, entities, typographic symbols and smart quotes (Kramdown::Parser::SmartyPants), written
by kramdown's HTML converter with Jekyll's `entity_output: as_char`. So a bare `&`, `<` or `>`
is escaped, `&quot;` and other entities become characters (not &amp; &lt; &gt;), `--`, `---`,
`...`, `<<` and `>>` become – — … « », and each straight quote is curled by kramdown's
SQ_RULES (markdown.text.kramdown_quotes, which the markdown renderer uses too)."""
from __future__ import annotations

import html
import re

from ..lazy_re import LazyPattern

# at each place, kramdown's typographic symbol (TYPOGRAPHIC_SYMS, tried before span_html: `<<x>>`
# is «x»), or a tag span_html reads, or a comment; the rest is text
_TOKEN = LazyPattern(r"(---|--|\.\.\.|\\<<|\\>>|<< | >>|<<|>>)"
                     r"|<(?:[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?|/[A-Za-z][\w:.-]*\s*|!--.*?--)>", re.S)
_SYMBOLS = {"---": "\u2014", "--": "\u2013", "...": "\u2026", "\\<<": "&lt;&lt;", "\\>>": "&gt;&gt;",
            "<< ": "\u00ab\u00a0", " >>": "\u00a0\u00bb", "<<": "\u00ab", ">>": "\u00bb"}
_ENTITY = LazyPattern(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_TEXT_ESCAPE = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_KEPT = frozenset("&<>")  # kramdown's ESCAPE_MAP but `"`: an entity for one of these stays as written


def smartify(text: str) -> str:
    """`text` as Jekyll's smartify writes it (one line or many; no paragraphs)."""
    from ..markdown.text import hide_curly, kramdown_quotes, show_curly
    from ..markdown.typosyms import hide_symbols, show_symbols
    text = hide_symbols(hide_curly(text))  # (the author's own: characters, no quotes nor symbols)
    out, pos, open_tags = [], 0, []
    m = _TOKEN.search(text)
    while m is not None:
        out.append(_text(text[pos:m.start()]))
        out.append(_SYMBOLS[m.group(1)] if m.group(1) else _tag(m.group(0), open_tags))
        pos = m.end()
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
    body = show_curly(show_symbols(kramdown_quotes("".join(out))))
    return _ENTITY.sub(_entity, body).replace(_AMP, "&").rstrip("\n")


# kramdown's HTML_CONTENT_MODEL_RAW elements but pre (a block element): span HTML whose content
# is written as it is (no quotes, symbols nor entities)
_RAW_START = LazyPattern(r"<(script|style|math|option|textarea|code|kbd|samp|var)(?=[\s/>])", re.I)
_AMP = "\ue000"  # (an `&` of raw content while entities are written)


_NAME = LazyPattern(r"<(/?)([A-Za-z][\w:.-]*)")
# kramdown's HTML_ELEMENTS_WITHOUT_BODY: written `<br />`
_VOID = frozenset("area base br col command embed hr img input keygen link meta param source track wbr".split())


def _tag(tag: str, open_tags: list) -> str:
    """A tag as kramdown writes it; `open_tags` (names, outermost first) kept up to date."""
    m = _NAME.match(tag)
    if m is None:  # (a comment)
        return tag
    name = m.group(2)
    if m.group(1):
        if name in open_tags:
            del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name):]
        return tag
    if name.lower() in _VOID:
        return tag if tag.endswith("/>") else tag[:-1].rstrip() + " />"
    if not tag.endswith("/>"):
        open_tags.append(name)
    return tag


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
    char = html.unescape(written)
    if char == written or char in _KEPT or len(char) != 1:
        return written
    return char
