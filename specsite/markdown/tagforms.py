"""An author's HTML tags as kramdown writes them back.

kramdown parses the raw HTML of a page (span tags in text, HTML blocks) into elements and its
converter writes each start tag anew (converter/html.rb, convert_html_element and
html_attributes): the name lower-cased, every attribute ` name="value"` (a valueless one
`name=""`, parser/html.rb's parse_html_attributes; a value escaped as escape_html(:attribute)
escapes it: `<`, `>`, `"` and a `&` that starts no entity), and an element without a body
(HTML_ELEMENTS_WITHOUT_BODY) closed ` />`, another span element's `<x />` written `<x></x>`. cmark passes tags through as written, and its own
tags are already written that way, so a tag already in that form is left alone. The text of a
script or style element is not looked into, nor {::nomarkdown} content (kramdown writes it as
is): a block's comes between VERBATIM marks, a span's is a Verbatim string.""" 
from __future__ import annotations

import re

from .rawhtml import SPAN_ELEMENTS, VOID  # (VOID: converter/html.rb's HTML_ELEMENTS_WITHOUT_BODY)
from .scan import inside
# the elements whose content kramdown keeps as written (Jekyll 4.3.1: a <pre>'s, <code>'s or
# <textarea>'s tags are written anew too)
_RAW_CONTENT = ("script", "style")
# parser/html.rb's HTML_ELEMENT: the names kramdown knows, whose tags (start and end) it writes in
# lower case, attribute names too; another name (`<linearGradient>`) is written as it came
_KNOWN = frozenset("""a abbr acronym address applet area article aside b base bdo big blockquote body br button caption
    cite code col colgroup command dd del details dfn div dl dt em embed fieldset figcaption figure footer form h1 h2
    h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd keygen label legend li link main map mark math
    menu meta nav noscript object ol optgroup option p param pre q rb rbc rp rt rtc ruby samp script section select
    small source span strong style sub summary sup table tbody td textarea tfoot th thead tr track tt u ul var
    wbr""".split())
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


def _written(tag: str, name: str, attrs: str, slash: str) -> str:
    """The start tag `tag` (its name, attributes and `/`) as kramdown writes it."""
    found = _MEMO.get(tag)
    if found is not None:
        return found
    lower = name.lower()
    known = lower in _KNOWN
    if known:
        name = lower  # (kramdown lower-cases a known element's name)
    void = lower in VOID
    closed = void or slash  # (an HTML block's own `<div />` stays closed)
    if _CANONICAL_ATTRS.fullmatch(attrs) and not _ENTITY.search(attrs) and tag[1:len(name) + 1] == name \
            and (tag.endswith(" />") if closed else tag[len(name) + 1:] == attrs + ">"):
        written = tag  # (a tag already in kramdown's form)
    else:
        values: dict = {}
        for a in _ATTR.finditer(attrs):
            value = a.group(2) if a.group(2) is not None else a.group(3) if a.group(3) is not None else a.group(4) or ""
            key = a.group(1).lower() if known else a.group(1)  # (parse_html_attributes' in_html_tag)
            values[key] = value  # (a duplicate: the last one's value, in the first one's place)
        written = f"<{name}{''.join(f' {key}={chr(34)}{_attribute_value(value)}{chr(34)}' for key, value in values.items())}" \
            f"{' />' if closed else '>'}"
    if len(_MEMO) < 4096:
        _MEMO[tag] = written
    return written


_MEMO: dict = {}
# (case-sensitive patterns: several times faster than with (?i:); an upper-case name is a candidate anyway)
_VOID_NAME = "(?:" + "|".join(sorted(VOID)) + r")(?![\w:.-])"
_CANONICAL_ATTR = r' [^\sA-Z"\'>/=]+="[^"<>&]*"'
# a start tag that does not go on as kramdown writes one (void: ` />` after its attributes; other:
# `>`), or with a name in capitals
_UNWRITTEN_TAG = rf"{_VOID_NAME}(?:{_CANONICAL_ATTR})*+(?! />)|(?!{_VOID_NAME})[a-z][\w:.-]*+(?:{_CANONICAL_ATTR})*+(?!>)" \
    r"|[a-z]*+[A-Z]"
_ATTRS = r"""((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|\w+))?)*)\s*"""
# what may need writing anew, found and written without a Python call per tag: {::nomarkdown}
# content (its marks dropped) and comments (kept), script and style elements (their start tags;
# their text is kept), a start tag not in kramdown's form (kramdown's HTML_TAG_RE: an unquoted
# value is a word; `<img src=a.png>` is no tag to it)
# tags no branch of _LOOK takes, ruled out first (a page's tags are mostly cmark's and rouge's: the
# branches cost ~2,400 instructions a tag): an end tag with a name in lower case, and a start tag of a
# common element (not void, not script or style) with its attributes as kramdown writes them
_COMMON_TAG = r"""(?!/[a-z][a-z0-9]*+>|(?:span|td|p|tr|li|th|strong|h[1-6]|tbody|table|div|ul|ol|pre|code|thead|em|a|b|i)""" \
    r"""(?: [a-z-]++="[^"<>&]*")*+>)"""
_LOOK = re.compile(rf"""<{_COMMON_TAG}(?:!--(?:ss-verbatim-->(.*?){re.escape(VERBATIM_END)}|.*?-->)"""
                   rf"""|([Ss][Cc][Rr][Ii][Pp][Tt]|[Ss][Tt][Yy][Ll][Ee])(?![\w:.-]){_ATTRS}>(.*?</(?i:\2)\s*>)"""
                   rf"""|(?=(?:{_UNWRITTEN_TAG}))([A-Za-z][\w:.-]*+){_ATTRS}(/?)>"""
                   r"""|/(?=[a-z]*+[A-Z])([A-Za-z][\w:.-]*+)\s*>)""", re.S)  # (an end tag with a capital)
# the test before kramdown_tags, on a page's text (most pages have no such tag; the text is shorter)
needs_writing = re.compile(f"<(?:{_UNWRITTEN_TAG}|/[a-z]*+[A-Z])").search


def _sub(m: re.Match, raw=None) -> str:
    name = m.group(5)
    if name is not None:
        lower = name.lower()
        if m.group(7) and lower not in VOID and lower not in _RAW_CONTENT and (lower in SPAN_ELEMENTS or _in_text(m)) \
                and not (raw is not None and raw(m.start())):
            return _written(m.group(0)[:-2].rstrip() + ">", name, m.group(6), "") + f"</{name}>"
        return _written(m.group(0), name, m.group(6), m.group(7))
    if m.group(8) is not None:
        return f"</{m.group(8).lower()}>" if m.group(8).lower() in _KNOWN else m.group(0)
    if m.group(2) is not None:  # (a script's or style's text, as written)
        tag = m.group(0)[:m.start(4) - m.start()]
        return _written(tag, m.group(2), m.group(3), "") + m.group(4)
    return m.group(1) if m.group(1) is not None else m.group(0)


def _in_text(m: re.Match) -> bool:
    """Whether the tag follows text (or a tag) on its line: a span element to kramdown, whose
    `<x />` it writes `<x></x>` (as it writes a span element's, kramdown's HTML_SPAN_ELEMENTS,
    anywhere; an HTML block's own `<div />` stays)."""
    html, start = m.string, m.start()
    return bool(html[html.rfind("\n", 0, start) + 1:start].strip())


def kramdown_tags(html: str) -> str:
    """`html` with the start tags that are not in kramdown's form written in it."""
    if "/>" not in html:
        return _LOOK.sub(_sub, html)
    spans: list = []

    def raw(at: int) -> bool:
        if not spans:
            spans.extend(_raw_blocks(html) or [(-1, -1)])
        return inside(spans, at)
    return _LOOK.sub(lambda m: _sub(m, raw), html)


# a tag's attributes, and a script's or style's element whose text is no markup (rawtext.py's too)
ATTRIBUTES = r"""(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*"""
RAW_TEXT_ELEMENT = r"<((?i:script|style))(?![\w:.-])[^>]*>.*?</(?i:\1)\s*>"
# a tag, a comment or a script/style element, for the walk over a body's elements
_TAG_WALK = re.compile(rf"<!--.*?-->|{RAW_TEXT_ELEMENT}|<(/?)([A-Za-z][\w:.-]*){ATTRIBUTES}(/?)>", re.S)
# the top-level elements cmark writes for markdown (their text is kramdown's span text); those that
# hold blocks are written as kramdown writes them, their first child on the next line 2 spaces in
# (`<table>\n  <thead>`): an author's own `<table>\n<tr>` is an HTML block
_MARKDOWN_BLOCKS = frozenset("p h1 h2 h3 h4 h5 h6 li pre hr".split())
_MARKDOWN_NESTING = {"ul": ("\n  <li",), "ol": ("\n  <li",), "blockquote": ("\n  <",), "dl": ("\n  <dt", "\n  <dd"),
                     "table": ("\n  <thead>\n    <tr>\n      <t", "\n  <tbody>\n    <tr>\n      <t", "\n  <colgroup")}


def _raw_blocks(html: str) -> list:
    """(start, end) of each top-level element of a rendered body that is an HTML block, not a block
    cmark wrote (a paragraph, heading, list, quote, table): kramdown parses an HTML block's
    content as raw HTML, where every element is a block element (parse_raw_html), so a `<x/>` in it
    is written `<x />` (convert_html_element: is_closed), not as a span element's `<x></x>`. A
    closed tag alone at the top level is such a block too."""
    spans, stack, start, top = [], [], 0, None  # (top is set with the first element pushed)
    for m in _TAG_WALK.finditer(html):
        name = m.group(3)
        if name is None:
            continue
        lower = name.lower()
        if m.group(2):  # (an end tag closes its element and any left open in it)
            if lower in stack:
                del stack[len(stack) - 1 - stack[::-1].index(lower):]
                if not stack and top not in _MARKDOWN_BLOCKS:
                    spans.append((start, m.end()))
        elif m.group(4) or lower in VOID:
            if not stack and m.group(4):
                spans.append((m.start(), m.end()))
        else:
            if not stack:
                start, top = m.start(), lower
                if lower in _MARKDOWN_NESTING and html.startswith(_MARKDOWN_NESTING[lower], m.end()):
                    top = "p"  # (cmark's, laid out by kramdown's rules)
            stack.append(lower)
    if stack and top not in _MARKDOWN_BLOCKS:
        spans.append((start, len(html)))
    return spans


_BLANK_ID = re.compile(r' id="[ \t\n\r\f\v]*"(?=[\s/>])')


def without_blank_ids(html: str) -> str:
    """`html` with each blank id attribute of a tag left out: html_attributes writes no id whose
    value strips to nothing (an IAL's `{: id=""}`, which keeps a heading's auto id off, or the
    author's `<div id="">`); one in a comment stays."""
    def drop(m: re.Match) -> str:
        lt = html.rfind("<", 0, m.start())
        return m.group(0) if lt < 0 or html.startswith("<!--", lt) or html.rfind(">", 0, m.start()) > lt else ""
    return _BLANK_ID.sub(drop, html)
