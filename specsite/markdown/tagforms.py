"""An author's HTML tags as kramdown writes them back.

kramdown parses the raw HTML of a page (span tags in text, HTML blocks) into elements and its
converter writes each start tag anew (converter/html.rb, convert_html_element and
html_attributes): the name lower-cased, every attribute ` name="value"` (a valueless one
`name=""`, parser/html.rb's parse_html_attributes; a value escaped as escape_html(:attribute)
escapes it: `<`, `>`, `"` and a `&` that starts no entity), and an element without a body
(HTML_ELEMENTS_WITHOUT_BODY) closed ` />`. cmark passes tags through as written, and its own
tags are already written that way, so a tag already in that form is left alone. The text of a
script or style element is not looked into, nor {::nomarkdown} content (kramdown writes it as
is): a block's comes between VERBATIM marks, a span's is a Verbatim string.""" 
from __future__ import annotations

import re

# converter/html.rb's HTML_ELEMENTS_WITHOUT_BODY
VOID = frozenset("area base br col command embed hr img input keygen link meta param source track wbr".split())
# the elements whose content kramdown keeps as written (Jekyll 4.3.1: a <pre>'s, <code>'s or
# <textarea>'s tags are written anew too)
_RAW_CONTENT = ("script", "style")
_NAME = r"[A-Za-z][\w:.-]*"
# a start tag as kramdown's HTML_TAG_RE reads it (an unquoted value is a word; another is no tag to it)
_TAG = re.compile(rf"""<!--.*?-->|<({_NAME})((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|\w+))?)*)\s*(/?)>""", re.S)
_ATTR = re.compile(r"""\s+([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|(\w+)))?""")
_CANONICAL_ATTRS = re.compile(r'(?: [^\sA-Z"\'>/=]+="[^"<>]*")*')
_ENTITY = re.compile(r"&(?!(?:[A-Za-z][A-Za-z0-9]*|#\d+|#[xX][0-9A-Fa-f]+);)")


VERBATIM, VERBATIM_END = "<!--ss-verbatim-->", "<!--/ss-verbatim-->"


class Verbatim(str):
    """A lifted span (rawspans, kramdown_ext) that kramdown writes as is: {::nomarkdown} content."""

    __slots__ = ()


def without_verbatim_marks(html: str) -> str:
    return html.replace(VERBATIM, "").replace(VERBATIM_END, "")


def _attribute_value(value: str) -> str:
    return _ENTITY.sub("&amp;", value).replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _written(m: re.Match) -> str:
    name, attrs, slash = m.group(1), m.group(2), m.group(3)
    void = name.lower() in VOID
    if void:
        name = name.lower()  # (a known element: kramdown lower-cases its name)
    elif slash:
        return m.group(0)  # (`<span/>`: left as written)
    if _CANONICAL_ATTRS.fullmatch(attrs) and not _ENTITY.search(attrs) \
            and (m.group(0).endswith(" />") if void else m.group(0)[len(name) + 1:] == attrs + ">"):
        return m.group(0)
    values: dict = {}
    for a in _ATTR.finditer(attrs):
        value = a.group(2) if a.group(2) is not None else a.group(3) if a.group(3) is not None else a.group(4) or ""
        values[a.group(1).lower()] = value  # (a duplicate: the last one's value, in the first one's place)
    written = "".join(f' {key}="{_attribute_value(value)}"' for key, value in values.items())
    return f"<{name}{written}{' />' if void else '>'}"


def kramdown_tags(html: str) -> str:
    """`html` with the start tags that are not in kramdown's form written in it."""
    out: list = []
    at = 0
    for m in _TAG.finditer(html):
        if m.start() < at:
            continue
        if m.group(1) is None:
            if m.group(0) == VERBATIM:
                end = html.find(VERBATIM_END, m.end())
                end = len(html) if end < 0 else end
                out.append(html[at:m.start()])
                out.append(html[m.end():end])
                at = end + len(VERBATIM_END)
            continue
        out.append(html[at:m.start()])
        out.append(_written(m))
        at = m.end()
        lower = m.group(1).lower()
        if lower in _RAW_CONTENT and not m.group(3):
            end = html.lower().find(f"</{lower}", at)
            if end >= 0:
                out.append(html[at:end])
                at = end
    out.append(html[at:])
    return without_verbatim_marks("".join(out))
