"""kramdown's table of contents: the first list followed by the IAL `{:toc}` is replaced by a list of
the document's headers (those with an id, of a level in `toc_levels` and without the class
`no_toc`), nested by level, each entry a link `<a href="#id" id="markdown-toc-id">`, the list
keeping the attributes an IAL before it gave (kramdown's generate_toc_tree: `attr.dup`); with
no entry, the list is left out."""
from __future__ import annotations

import re

from .fixups import with_attrs
from .quoted import _QUOTE_PREFIX
from .rawhtml import SPAN_ELEMENTS

SPAN_NAMES = "|".join(sorted(SPAN_ELEMENTS))

# an IAL naming the reference `toc` (kramdown: `{:toc}`, `{:toc .toc}`, `{: .c toc}`), its other
# attributes the list's
TOC_IAL = re.compile(r" {0,3}\{:(?:[^}\n]*\s)?\s*toc(?:\s[^}\n]*)?\}[ \t]*$")
TOC_MARK = re.compile(r'<!--specsite-toc-(ul|ol)((?: [\w:.-]+="[^"]*")*)-->')
_LIST_START = re.compile(r" {0,3}(?:[-*+]|(\d+)\.)[ \t]")
_HEADER = re.compile(r'<h([1-6]) data-sourcepos="[^"]*"([^>]*)>(.*?)</h\1>', re.S)
_ID = re.compile(r' id="([^"]*)"')
_CLASS = re.compile(r' class="([^"]*)"')
_LINK = re.compile(r"</?a\b[^>]*>")
_FOOTNOTE = re.compile(r"<sup\b[^>]*>.*?</sup>", re.S)


# a line that ends an HTML block (kramdown reads the element to its end tag, and the next line
# starts a block of its own): `<h2>Contents</h2>`, `</div>`, an island marker; not a span element's
_HTML_BLOCK_END = re.compile(r" {0,3}(?:<!--specsite-island-\d+-->|<(?!(?:%s)\b)([A-Za-z][\w:-]*)\b[^<>]*>.*</\1\s*>"
                            r"|</(?!(?:%s)\b)[A-Za-z][\w:-]*\s*>)[ \t]*$" % ((SPAN_NAMES,) * 2), re.I)


def _html_block_end(line: str) -> bool:
    """(At the margin only: indented, the line may be an item's content, the list going on.)"""
    return line[:1] == "<" and bool(_HTML_BLOCK_END.match(line))


def lift_toc(lines: list, i: int, ials: list, islands: list = ()) -> bool:
    """Line i is `{:toc}`: the list just above it becomes a TOC marker (lines kept), with the
    attributes of a block IAL on the line before the list (taken out of `ials`). False when no
    list is there (the IAL is then left to the other rules). After a blank line, `{:toc}` goes
    with the list right below it (a block IAL before its block). False too when a TOC came
    before: kramdown writes one, at the first list with the reference (convert_ul: !@toc_code),
    also when that is in a markdown="1" element above (an island of `islands`)."""
    if any("<!--specsite-toc-" in line or (line.startswith("<!--specsite-island-") and
                                            _island_toc(line, islands)) for line in lines[:i]):
        return False  # (a marker line may be indented in a list item or quoted)
    quoted = _QUOTE_PREFIX.match(lines[i])
    markers = quoted.group(0) if quoted else ""
    own = _own_attrs(lines[i][len(markers):])
    indent = _indent(lines[i], len(markers))  # (in a list item: its list's lines, not the item's own)
    start = i
    while start > 0 and lines[start - 1][len(markers):].strip() and lines[start - 1].startswith(markers) \
            and not (quoted and _deeper(lines[start - 1], markers)) and _indent(lines[start - 1], len(markers)) >= indent \
            and not _html_block_end(lines[start - 1][len(markers):]):
        start -= 1
    # kramdown's GFM paragraph ends at a list start (PARAGRAPH_END: LIST_START): the list begins at
    # the first item line of the run (text above it is a paragraph of its own)
    while start < i and not _LIST_START.match(lines[start], len(markers)):
        start += 1
    m = _LIST_START.match(lines[start], len(markers)) if start < i else None
    if quoted and not m:
        return False
    below = _LIST_START.match(lines[i + 1]) if start == i and i + 1 < len(lines) else None
    if below:
        end = i + 1
        while end < len(lines) and lines[end].strip():
            end += 1
        lines[i] = f"<!--specsite-toc-{'ol' if below.group(1) else 'ul'}{with_attrs('', own)}-->"
        for k in range(i + 1, end):
            lines[k] = ""
        return True
    if not m:
        return False
    attrs: dict = {}
    for ial in [ial for ial in ials if ial[0] == start and ial[2] == "next"]:  # (1-based: line start - 1)
        attrs.update(ial[1])
        ials.remove(ial)
    if own:  # (the IAL's own classes after those of an IAL before the list)
        classes = " ".join(filter(None, (attrs.get("class"), own.get("class"))))
        attrs.update(own)
        if classes:
            attrs["class"] = classes
    lead = lines[start][:len(markers) + _indent(lines[start], len(markers))]
    lines[start] = f"{lead}<!--specsite-toc-{'ol' if m.group(1) else 'ul'}{with_attrs('', attrs)}-->"
    for k in range(start + 1, i + 1):  # (in a list item the marker keeps the item's indent; quoted, the quote's)
        lines[k] = markers.rstrip()
    return True




def quoted_toc(line: str) -> bool:
    """A `{:toc}` line in a blockquote (`> {:toc}`)."""
    m = _QUOTE_PREFIX.match(line)
    return m is not None and bool(TOC_IAL.match(line, m.end()))


def _indent(line: str, at: int) -> int:
    """The spaces from `at` on."""
    return len(line) - at - len(line[at:].lstrip(" "))


def _deeper(line: str, markers: str) -> bool:
    """A quoted line in a deeper quote than `markers`."""
    m = _QUOTE_PREFIX.match(line)
    return m is not None and m.group(0).count(">") != markers.count(">")


def _island_toc(line: str, islands) -> bool:
    """The island of this marker line is markdown with a `{:toc}` line."""
    m = _ISLAND.match(line)
    if not m or int(m.group(1)) >= len(islands):
        return False
    mode, _, inner, _, _ = islands[int(m.group(1))]
    return mode not in ("raw", "table", "dl", "span") and "toc" in inner and bool(_TOC_LINE.search(inner))


_ISLAND = re.compile(r"<!--specsite-island-(\d+)-->")
_TOC_LINE = re.compile("^" + TOC_IAL.pattern, re.M)


def _own_attrs(line: str) -> dict:
    """The attributes of a `{:toc ...}` line other than the `toc` reference."""
    inner = line.strip()[2:-1]
    if inner.strip() == "toc":
        return {}
    from .fixups import parse_ial
    return parse_ial(inner)


def insert_toc(body: str, levels: tuple = (1, 2, 3, 4, 5, 6), text: str = "", layout: bool = False) -> str:
    """Each TOC marker becomes the nested list of the body's headers of those levels (or of the
    levels the text's last `{::options toc_levels="2..3" /}` gives: kramdown's converter takes
    the options the parser met for the whole document); `layout`: in kramdown's layout (indented,
    marked for layout.py: kramdown writes it at indent 0 wherever the list stands)."""
    if "toc_levels" in text:
        levels = _options_levels(text, levels)
    entries = []
    for m in _HEADER.finditer(body):
        hid, cls = _ID.search(m.group(2)), _CLASS.search(m.group(2))
        if hid and int(m.group(1)) in levels and not (cls and "no_toc" in cls.group(1).split()):
            entries.append((int(m.group(1)), hid.group(1), _LINK.sub("", _FOOTNOTE.sub("", m.group(3)))))
    return TOC_MARK.sub(lambda m: _tree(entries, m.group(1), m.group(2), layout), body)


def _tree(entries: list, kind: str, attrs: str, layout: bool = False) -> str:
    if not entries:
        return ""
    own_id = _ID.search(attrs)
    toc_id = own_id.group(1) if own_id else "markdown-toc"
    attrs = attrs if own_id else f'{attrs} id="{toc_id}"'
    roots, stack = [], []  # a node: (level, id, inner HTML, children)
    for level, hid, inner in entries:
        node = (level, hid, inner, [])
        while stack and stack[-1][0] >= level:
            stack.pop()
        (stack[-1][3] if stack else roots).append(node)
        stack.append(node)

    def items(nodes):
        return "".join(f'<li><a href="#{hid}" id="{toc_id}-{hid}">{inner}</a>'
                       + (f"\n<{kind}>\n{items(children)}</{kind}>\n" if children else "") + "</li>\n"
                       for _, hid, inner, children in nodes)
    if layout:  # (kramdown's convert_li: the link, then the sub-list at the next indent, the indent, </li>)
        def items(nodes, pad=2):
            return "".join(f'{" " * pad}<li><a href="#{hid}" id="{toc_id}-{hid}">{inner}</a>'
                           + (f'{" " * (pad + 2)}<{kind}>\n{items(children, pad + 4)}{" " * (pad + 2)}</{kind}>\n'
                              + " " * pad if children else "") + "</li>\n"
                           for _, hid, inner, children in nodes)
        from .layout import TOC_LEAD
        return f'{TOC_LEAD}<{kind}{attrs}>\n{items(roots)}</{kind}>'
    return f'<{kind}{attrs}>\n{items(roots)}</{kind}>'


_OPTIONS_TOC = re.compile(r"^ {0,3}\{::options\b[^}\n]*?\btoc_levels\s*=\s*([\"'])(.*?)\1[^}\n]*/\}", re.M)


def _options_levels(text: str, levels: tuple) -> tuple:
    from ..errors import ConfigError
    from ..kramdown_options import toc_levels
    from .fences import fenced_lines
    fenced = None
    for m in _OPTIONS_TOC.finditer(text):
        fenced = fenced_lines(text) if fenced is None else fenced
        if text.count("\n", 0, m.start()) + 1 not in fenced:
            try:
                levels = toc_levels({"toc_levels": m.group(2)}, None)
            except ConfigError:  # (a value kramdown refuses: the levels stay)
                pass
    return levels
