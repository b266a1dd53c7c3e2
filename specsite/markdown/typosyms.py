"""kramdown's `typographic_symbols` option (converter/html.rb convert_typographic_sym): the text
written for a typographic symbol kramdown made (`---` mdash, `--` ndash, `...` hellip, `<<`
laquo, `>>` raquo, `<< ` laquo_space, ` >>` raquo_space), escaped as text; the author's own
— – … « » stay. Their own characters are hidden while cmark runs (as hide_curly hides curly
quotes); after it, the symbols cmark and spantext.py made are markers until the heading ids
(kramdown takes them from the converted text: the characters, not the option's text) and the
table of contents are done, then become the option's text."""
from __future__ import annotations

from .rawspans import escape_text
from .text import AUTHOR_SYMBOLS, replace_each

# gfm_quirks' no_auto_typographic (kramdown-parser-gfm deletes the typographic_syms span parser):
# each symbol as its source text (typographic_symbol.rb's TYPOGRAPHIC_SYMS), ids made from it too
AS_WRITTEN = {"mdash": "---", "ndash": "--", "hellip": "...", "laquo": "<<", "raquo": ">>",
              "laquo_space": "<< ", "raquo_space": " >>"}
SYMBOLS = {"mdash": "\u2014", "ndash": "\u2013", "hellip": "\u2026", "laquo": "\u00ab", "raquo": "\u00bb",
           "laquo_space": "\u00ab\u00a0", "raquo_space": "\u00a0\u00bb"}
_AUTHOR = AUTHOR_SYMBOLS
_HIDDEN = "\ue021\ue022\ue023\ue024\ue025"  # the author's own symbols while cmark runs
# the symbols kramdown made, until the ids are done (the two-character ones first)
_MARKS = {"laquo_space": "\ue036", "raquo_space": "\ue037", "mdash": "\ue031", "ndash": "\ue032",
          "hellip": "\ue033", "laquo": "\ue034", "raquo": "\ue035"}


def hide_symbols(text: str) -> str:
    return replace_each(text, _AUTHOR, _HIDDEN)


def mark_symbols(body: str) -> str:
    """The symbols in `body` are kramdown's: markers; the hidden ones are the author's again."""
    return show_symbols(replace_each(body, [SYMBOLS[name] for name in _MARKS], _MARKS.values()))


def show_symbols(body: str) -> str:
    """The author's own symbols back (without the typographic_symbols option)."""
    return replace_each(body, _HIDDEN, _AUTHOR)


def unmark(text: str) -> str:
    """Markers back to kramdown's default characters (a heading's plain text)."""
    return replace_each(text, _MARKS.values(), [SYMBOLS[name] for name in _MARKS])


def put_symbols(body: str, mapping: dict) -> str:
    """Each marker as the option's text for its symbol (escaped as text), or kramdown's character."""
    for name, mark in _MARKS.items():
        if mark in body:
            value = mapping.get(name)
            body = body.replace(mark, SYMBOLS[name] if value is None else escape_text(value))
    return body


def symbols_text(body: str, headings: list, mapping: tuple):
    """The body with the option's text for kramdown's symbols; the headings' plain text with its characters."""
    body = put_symbols(body, dict(mapping))
    if any(mark in h.text for h in headings for mark in _MARKS.values()):
        headings = [h._replace(text=unmark(h.text)) for h in headings]
    return body, headings
