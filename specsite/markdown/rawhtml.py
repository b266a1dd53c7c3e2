"""kramdown 2.4 reads an HTML block as a tree (Parser::Html#parse_raw_html) and writes the tree
back: a close tag that ends no open element is text (escaped, "Found invalidly used HTML closing
tag ... ignoring it"), and the elements still open at the end of the text are closed there, so
such a block runs to the end of the page. Where that changes the block's structure, the block is
written as kramdown writes it; a well-formed block stays as written (equal once normalised)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from ..lazy_re import LazyPattern
from .fences import fenced_lines

_NAME = r"[^\W\d][\w.-]*(?::[^\W\d][\w.-]*)?"  # REXML's UNAME_STR
TAG = LazyPattern(rf"<((?>{_NAME}))\s*((?>\s+{_NAME}(?:\s*=\s*(?:\w+|([\"']).*?\3))?)*)\s*(/)?>", re.S)
_CLOSE = LazyPattern(rf"</({_NAME})\s*>")
_COMMENT = LazyPattern(r"<!--.*?-->", re.S)
_PI = LazyPattern(r"<\?.*?\?>", re.S)
_RAW_START = LazyPattern(rf"<(?:{_NAME}|/|!--|\?)")
_ATTR = LazyPattern(rf"\s*({_NAME})(?:\s*=\s*(?:(\w+)|([\"'])(.*?)\3))?", re.S)
_REFERENCE = r"&(?:[\w:][\w.:-]*|#\d+|#x[0-9a-fA-F]+);"
_ESCAPE_TEXT = re.compile(rf"{_REFERENCE}|[<>&]")
_ESCAPE_ATTR = re.compile(rf"{_REFERENCE}|[<>&\"]")
_ESCAPES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;"}
_TRAILING = LazyPattern(r"[ \t]*\n")
_LEAD = LazyPattern(r" {0,3}")
# a real markdown= attribute in a tag (not `markdown="1"` written as text, in highlighted code)
MARKDOWN_ATTR = re.compile(r"<[A-Za-z][^<>]*\smarkdown=")

# kramdown's HTML_BLOCK_ELEMENTS (void hr left out)
# CommonMark's HTML block starts of kinds 1 and 6 (cmark reads these as HTML blocks, and they end its
# paragraph): what kramdown_ext leaves to cmark and lazyend need not lift
CMARK_BLOCK_TAGS = frozenset(
    "address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div dl "
    "dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend "
    "li link main menu menuitem nav noframes ol optgroup option p param pre script search section source style "
    "summary table tbody td textarea tfoot th thead title tr track ul".split())

BLOCK_HTML = re.compile(r"^ {0,3}<(address|applet|article|aside|blockquote|body|center|dd|details|dialog|div|dl|"
                        r"fieldset|figcaption|figure|footer|form|h[1-6]|header|hgroup|html|iframe|legend|listing|"
                        r"main|map|menu|nav|ol|optgroup|option|p|pre|section|summary|table|ul)"
                        r"(?=[\s>/])[^>]*>", re.M | re.I)
# any other element kramdown's parse_block_html reads as an HTML block at a line start (every tag but
# HTML_SPAN_ELEMENTS; <object>, <video>, custom names): read raw to its end tag, the next line a new
# block. Void and raw-text tags (left to cmark's own types 1 and 7) are left out. A name is REXML's
# UNAME_STR (`<my_tag>`, `<ns:tag>`: no HTML block to cmark, whose names are letters, digits and `-`).
OTHER_BLOCK_HTML = re.compile(
    r"^ {0,3}<(?!(?:a|abbr|acronym|b|big|bdo|br|button|cite|code|del|dfn|em|i|img|input|ins|kbd|label|mark|"
    r"q|rb|rbc|rp|rt|rtc|ruby|samp|select|small|span|strong|sub|sup|tt|u|var|area|base|col|command|embed|hr|"
    r"keygen|link|meta|param|source|track|wbr|script|style|textarea|math)[\s>/])([^\W\d][\w.-]*(?::[^\W\d][\w.-]*)?)"
    r"(?=[\s>/])[^>]*>", re.M | re.I)
# kramdown's HTML_ELEMENTS_WITHOUT_BODY: no content, no end tag to look for
VOID = frozenset("area base br col command embed hr img input keygen link meta param source track wbr".split())
# kramdown's HTML_SPAN_ELEMENTS: such a tag at the start of a line starts a paragraph, not an HTML block
SPAN_ELEMENTS = frozenset("a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark "
                          "option q rb rbc rp rt rtc ruby samp select small span strong sub sup tt u var".split())


# a line led by a span element's tag or an autolink: paragraph text to kramdown and, with text
# after it on the line, to cmark (no HTML block)
_TEXT_LED = LazyPattern(r" {0,3}<(?:/?(?:" + "|".join(sorted(SPAN_ELEMENTS)) + r")[\s>/]"
                        r"|[A-Za-z][\w.+-]*:[^\s<>]*>|[^\s<>@/]+@[^\s<>]+>)")


def text_led(line: str) -> bool:
    """Whether the line is led by a span element's tag or an autolink (_TEXT_LED, compiled when used)."""
    return _TEXT_LED.match(line) is not None


# kramdown's LAZY_END_HTML_START/STOP (case as written): a paragraph goes on over a line led by a tag
# whose name is a span element's or script's up to a word boundary (<i-con>, <code-block>, </span-x>)
_LAZY_SPAN = LazyPattern(r" {0,3}</?(?:" + "|".join(sorted(SPAN_ELEMENTS | {"script"})) + r")\b", re.A)


def paragraph_goes_on(line: str) -> bool:
    """Whether kramdown's paragraph goes on over `line` when it is led by a tag: LAZY_END does not
    end it at a span element's name, or script's, followed by a word boundary; a span element's tag
    in any case (<SPAN>) ends it but is no HTML block, so its line joins the paragraph again."""
    return _LAZY_SPAN.match(line) is not None or _SPAN_LINE.match(line) is not None


def span_tag_start(names=SPAN_ELEMENTS) -> str:
    """The pattern of a line that starts with an open or close tag of one of `names` (of
    SPAN_ELEMENTS, the one list blocks and islands read)."""
    return r" {0,3}</?(?:" + "|".join(sorted(names)) + r")(?![\w-])"


_SPAN_LINE = LazyPattern(span_tag_start(), re.I)

# kramdown's HTML_CONTENT_MODEL_SPAN: markdown="1" reads these as span text (td, li, summary are block)
# kramdown's parser/html.rb HTML_CONTENT_MODEL_BLOCK (with _SPAN the names whose content markdown="1"
# parses; every other name's is raw: table, tbody, tr, ul, ol ... "need child elements that cannot be
# expressed using kramdown syntax")
CONTENT_MODEL_BLOCK = frozenset("address applet article aside blockquote body dd details div dl fieldset figure "
                                "figcaption footer form header hgroup iframe li main map menu nav noscript object "
                                "section summary td".split())
CONTENT_MODEL_SPAN = frozenset("a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins "
                               "label legend optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th "
                               "tt".split())
_RAW_TEXT = frozenset({"script", "style"})
# kramdown's HTML_ELEMENT: names it knows are read case-insensitively (span, block, void, content model)
KNOWN = VOID | frozenset((
    "a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark option q rb rbc rp rt "
    "rtc ruby samp select small span strong sub sup tt u var address article aside applet body blockquote caption "
    "col colgroup dd div dl dt fieldset figcaption footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe "
    "legend menu li main map nav ol optgroup p pre section summary table tbody td th thead tfoot tr ul details "
    "figure noscript object script style math textarea").split())


@dataclass
class _Element:
    """An element of a raw HTML block, while the block is rebuilt."""
    name: str
    attrs: dict
    closed: bool
    children: list = field(default_factory=list)  # str (text), ("raw", str) (as written), _Element


@dataclass(frozen=True)
class KramdownBlock:
    """kramdown's writing of the HTML block at a position (None: well-formed, as written), and
    where in the text the block ends."""
    html: str | None
    end: int


def _escape(text: str, pattern) -> str:
    return pattern.sub(lambda m: _ESCAPES.get(m.group(0), m.group(0)), text)


def _start(m) -> _Element:
    name = m.group(1)
    known = name.lower() in KNOWN
    if known:
        name = name.lower()
    attrs = {}
    for a in _ATTR.finditer(m.group(2)):
        key = a.group(1).lower() if known else a.group(1)
        attrs[key] = a.group(2) or a.group(4) or ""
    return _Element(name, attrs, bool(m.group(4)) or name in VOID)


def _parse(text: str, pos: int, root: _Element):
    """parse_raw_html from pos inside root: (end, clean) — clean when every close tag closed an
    open element and root was closed before the end of the text."""
    stack, clean = [root], True
    while stack:
        m = _RAW_START.search(text, pos)
        top = stack[-1]
        if m is None:
            top.children.append(text[pos:])
            return len(text), False
        if m.start() > pos:
            top.children.append(text[pos:m.start()])
        pos = m.start()
        hit = _COMMENT.match(text, pos) or _PI.match(text, pos)
        if hit:
            top.children.append(("raw", hit.group(0)))
            pos = hit.end()
            continue
        hit = TAG.match(text, pos)
        if hit:
            child = _start(hit)
            top.children.append(child)
            pos = hit.end()
            if child.name in _RAW_TEXT:  # its text up to its close tag, as written
                close = re.compile(rf"</{child.name}\s*>", re.I).search(text, pos)
                end = close.start() if close else len(text)
                child.children.append(("raw", text[pos:end]))
                child.closed = False
                pos = close.end() if close else len(text)
                clean = clean and close is not None
            elif not child.closed:
                stack.append(child)
            continue
        hit = _CLOSE.match(text, pos)
        if hit:
            pos = hit.end()
            name = hit.group(1)
            if top.name == (name.lower() if top.name in KNOWN else name):
                stack.pop()
            else:
                top.children.append(hit.group(0))
                clean = False
            continue
        top.children.append("<")
        pos += 1
    return pos, clean


def _read(text: str, pos: int, root: _Element):
    """_parse's (end, clean) without the tree: only the names of the open elements (most blocks
    are clean, and then nothing is written)."""
    stack, clean = [root.name], True
    while stack:
        m = _RAW_START.search(text, pos)
        if m is None:
            return len(text), False
        pos = m.start()
        hit = _COMMENT.match(text, pos) or _PI.match(text, pos)
        if hit:
            pos = hit.end()
            continue
        hit = TAG.match(text, pos)
        if hit:
            name = hit.group(1)
            if name.lower() in KNOWN:
                name = name.lower()
            pos = hit.end()
            if clean and hit.group(2) and _bare_attribute(hit.group(2)):
                clean = False  # (kramdown writes `checked` as checked="")
            if name in _RAW_TEXT:
                close = re.compile(rf"</{name}\s*>", re.I).search(text, pos)
                pos = close.end() if close else len(text)
                clean = clean and close is not None
            elif not (hit.group(4) or name in VOID):
                stack.append(name)
            continue
        hit = _CLOSE.match(text, pos)
        if hit:
            pos = hit.end()
            name = hit.group(1)
            if stack[-1] == (name.lower() if stack[-1] in KNOWN else name):
                stack.pop()
            else:
                clean = False
            continue
        clean = False  # (a `<` that starts no tag is kramdown's text, written &lt;: `<https://x>`, `</ br>`)
        pos += 1
    return pos, clean


def _bare_attribute(attrs: str) -> bool:
    """An attribute without a value (`<input checked>`): kramdown writes it with an empty one."""
    return any(a.group(2) is None and a.group(3) is None for a in _ATTR.finditer(attrs))


def _write(el: _Element) -> str:
    attrs = "".join(f' {k}="{_escape(v, _ESCAPE_ATTR)}"' for k, v in el.attrs.items()
                    if not (k == "id" and not v.strip()))
    inner = "".join(_write(c) if isinstance(c, _Element) else c[1] if isinstance(c, tuple)
                    else _escape(c, _ESCAPE_TEXT) for c in el.children)
    if el.closed or (not inner and el.name in VOID):
        return f"<{el.name}{attrs} />"
    return f"<{el.name}{attrs}>{inner}</{el.name}>"


def is_kramdown_tag(text: str) -> bool:
    """Whether `text` is one start tag as kramdown's HTML_TAG_RE reads it."""
    return TAG.fullmatch(text) is not None


def kramdown_block(text: str, start: int) -> KramdownBlock | None:
    """The HTML block whose start tag is at `start` (a line start), as kramdown writes it when its
    tree differs from what it says as written (a stray close tag, or an element left open); None
    when kramdown does not read it as an HTML element."""
    lead = _LEAD.match(text, start).end()
    m = TAG.match(text, lead)
    if m is None:
        return None
    root = _start(m)
    if root.closed or root.name in _RAW_TEXT or "markdown" in root.attrs:
        return None
    end, clean = _read(text, m.end(), root)
    if clean or MARKDOWN_ATTR.search(text, start, end):  # (markdown="1" inside: left to the islands)
        return KramdownBlock(None, end)
    end, clean = _parse(text, m.end(), root)  # (the tree, to write)
    trailing = _TRAILING.match(text, end)
    return KramdownBlock(_write(root) + "\n", trailing.end() if trailing else end)


# a line-start tag with an unquoted attribute value that is not all word characters: cmark's HTML,
# kramdown's text (HTML_ATTRIBUTE_RE takes an unquoted value as \p{Word}+, so HTML_TAG_RE fails)
CMARK_ONLY_TAG = re.compile(r"^ {0,3}<[A-Za-z][\w:-]*(?:\s+[\w:.-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*"
                             r"\s*/?>", re.M)
# an attribute's value (a quoted one skipped whole: `src="x?file=0.rb"` is kramdown's HTML too)
_VALUE = LazyPattern(r"=\s*(?:\"[^\"]*\"|'[^']*'|([^\s\"'=<>`]+))")
_ODD = LazyPattern(r"[^\w]")


def not_kramdown_tags(text: str) -> str:
    """Such a tag's `<` written as `&lt;`, so that cmark reads the line as text as kramdown does."""
    fenced = None
    lines = text.split("\n")
    for i, line in enumerate(lines):
        m = CMARK_ONLY_TAG.match(line) if "<" in line[:4] and "=" in line else None
        if m and any(v.group(1) and _ODD.search(v.group(1).removesuffix("/")) for v in _VALUE.finditer(m.group(0))):
            if fenced is None:
                fenced = fenced_lines(text)
            if i + 1 in fenced:
                continue
            at = line.index("<")
            lines[i] = line[:at] + "&lt;" + line[at + 1:]
    return "\n".join(lines)


@lru_cache(maxsize=64)
def _tags_named(name: str, flags: int):
    return re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])[^>]*>", flags)


def element_end(text: str, pos: int, name: str, any_case: bool) -> int | None:
    """Where the element `name`, opened before `pos`, ends: after its end tag, the elements of the
    same name inside it counted (a self-closed `<x/>` opens none), or None without one. `any_case`:
    the tags in any case, as kramdown matches a known element's; else as `name` is written."""
    depth = 1
    for m in _tags_named(name, re.I if any_case else 0).finditer(text, pos):
        if m.group(1):
            depth -= 1
            if not depth:
                return m.end()
        elif not m.group(0).endswith("/>"):
            depth += 1
    return None
