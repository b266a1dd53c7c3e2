"""kramdown's paragraph ends at a line led by a tag that is no span element (paragraph.rb's
LAZY_END_HTML_START) and reads the element there as an HTML block; cmark's paragraph goes on over
such a line (an HTML block 7 cannot interrupt one). blocks.preprocess lifts the element into a raw
island, whose marker line ends cmark's paragraph where kramdown's ends."""
from __future__ import annotations

import re

from .blockhtml import matching_close
from .listmarks import LIST_MARK, content_col, lift_island
from .rawhtml import CMARK_BLOCK_TAGS, SPAN_ELEMENTS, VOID, kramdown_block, paragraph_goes_on, span_tag_start
from .stray import CLOSE_LINE, in_comment
from .text import _CODE_SPAN

# the names of a line-start tag that cmark's paragraph goes on over (its HTML block 7) but kramdown's
# ends at (LAZY_END_HTML_START: any name but its span elements and script): `<svg>`, `<use>`, `<wbr>`
_LAZY_END_TAG = re.compile(r" {0,3}<([A-Za-z][\w:-]*)")
_TAG_NAME = r"[^\W\d][\w.-]*(?::[^\W\d][\w.-]*)?"  # (kramdown's HTML_TAG_RE, as rawhtml.TAG reads it)
_KRAMDOWN_TAG = re.compile(rf"<((?>{_TAG_NAME}))\s*((?>\s+{_TAG_NAME}(?:\s*=\s*(?:\w+|([\"']).*?\3))?)*)\s*(/)?>", re.S)
_BLOCK_START = re.compile(r"^ {0,3}(?:[#>|<]|[-+*][ \t]|\d+\.[ \t]|```|~~~|\{:)")


def lazy_end_tag(lines: list, i: int, goes_on) -> bool:
    """Whether line `i` starts with a tag kramdown's paragraph ends at and cmark's does not, after
    a paragraph's text line (`goes_on(line)`: its own, or one led by a span element)."""
    m = _LAZY_END_TAG.match(lines[i])
    name = m.group(1).lower() if m else ""
    prev = lines[i - 1]
    return bool(m) and name not in CMARK_BLOCK_TAGS and name != "ss-raw-code" and not paragraph_goes_on(lines[i]) \
        and (goes_on(prev) or bool(_SPAN_TAG_START.match(prev)) or paragraph_goes_on(prev)) and not in_comment(lines, i)


# the span elements, and the renderer's stand-in for an author's own <code> tag (renderer: ss-raw-code)
_SPANS = SPAN_ELEMENTS | {"ss-raw-code"}
_SPAN_TAG_START = re.compile(span_tag_start(_SPANS), re.I)  # (a line led by a span element: paragraph text)


def in_html_chunk(lines: list, i: int) -> bool:
    """Whether line `i` goes on a chunk of lines (no blank line between) led by a tag that is no
    span element: an HTML block to both cmark and kramdown."""
    k = i
    while k > 0 and lines[k - 1].strip() and not lines[k - 1].lstrip(" ").startswith("<!--specsite-island-"):
        k -= 1  # (an island's marker line is an HTML comment to cmark: the lines after it are a new chunk)
    first = lines[k].lstrip(" ")
    return first.startswith("<") and not _SPAN_TAG_START.match(first)


def lazy_end_island(lines: list, i: int, islands: list, prefix: str = "") -> bool:
    """kramdown ends a paragraph at a line led by a tag that is no span element, and reads the
    element there as an HTML block (raw content up to its end tag; a void one alone); cmark goes on
    with the paragraph. Such an element (the rest of its last line blank) becomes a raw island,
    whose marker line ends cmark's paragraph too; one never closed takes the rest of the text."""
    m = _LAZY_END_TAG.match(lines[i])
    name = m.group(1).lower()
    text = "\n".join(lines[i:])
    tag = _KRAMDOWN_TAG.match(text, m.start(1) - 1)
    if tag is None:
        return False  # (not kramdown's HTML_TAG_RE: text)
    if tag.group(4) or name in VOID:
        end, html = tag.end(), f"<{tag.group(1)}{(' ' + tag.group(2).strip()) if tag.group(2).strip() else ''} />"
    else:
        end = matching_close(text, tag.group(1), tag.end())[1]
        html = text[m.start(1) - 1:end]
    if prefix and (end < 0 or any(line.strip() and not line.startswith(prefix)
                                   for line in text[:end].split("\n")[1:])):
        return False  # (in a list item: only an element closed in the item's lines is read so here)
    if end < 0:  # no end tag: the raw content runs to the end of the text, closed there (html.rb's
        block = kramdown_block(text, m.start(1) - 1)  # "no end tag"), written as kramdown writes it
        if block is None or block.html is None:
            return False
        end, html = len(text), block.html.rstrip("\n")
    line_end = text.find("\n", end)
    rest = text[end:len(text) if line_end < 0 else line_end].strip()
    after = i + text.count("\n", 0, end) + 1
    if rest:  # the text after it on its line starts a paragraph, which goes on over the text lines below
        if rest.startswith("<"):
            return False  # (another tag: left as cmark reads it)
        k = after
        while k < len(lines) and lines[k].strip() and not _BLOCK_START.match(lines[k]):
            k += 1
        more = [line[len(prefix):] if line.startswith(prefix) else line for line in lines[after:k]]
        lift_island(lines, islands, i, k, ("span", html + "<p>", "\n".join([rest] + more), after, "</p>"), prefix)
        after = k
    else:  # (`prefix`: a list item's content column, so that the marker stays in the item)
        lift_island(lines, islands, i, after, ("raw", html, "", i + 1, ""), prefix)
    k = i - 1
    while k > 0 and lines[k - 1].strip():
        k -= 1
    left_open = open_at_end("\n".join(lines[k:i]))
    if left_open:  # kramdown's converter closes them at the paragraph's end: their end tags after it are text
        lines[i - 1] = lines[i - 1].rstrip(" \t") + "".join(f"</{name}>" for name in reversed(left_open))
        while after < len(lines) and CLOSE_LINE.match(lines[after]) \
                and CLOSE_LINE.match(lines[after]).group(1).lower() in left_open:
            lines[after] = "\\" + lines[after].strip()
            after += 1
    return True


_ANY_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)(?:\s[^<>]*?)?(/?)>")


def open_at_end(text: str) -> list:
    """The elements a paragraph's text leaves open, outermost first."""
    stack: list = []
    if "<" not in text:
        return stack
    if "`" in text:  # (a tag in a code span is text)
        text = _CODE_SPAN.sub("", text)
    for m in _ANY_TAG.finditer(text):
        name = m.group(2).lower()
        if m.group(3) or name in VOID:
            continue
        if not m.group(1):
            stack.append(name)
        elif name in stack:
            del stack[len(stack) - 1 - stack[::-1].index(name):]
    return stack


def in_item_text(lines: list, i: int) -> bool:
    """Whether the lines above line `i` (no blank line between) are a list item's text: its marker
    line, then lines at its content column, which is line i's indent."""
    lead = len(lines[i]) - len(lines[i].lstrip(" "))
    k = i - 1
    while k > 0 and lines[k].strip() and len(lines[k]) - len(lines[k].lstrip(" ")) == lead \
            and not _BLOCK_START.match(lines[k].lstrip(" ")):
        k -= 1
    m = LIST_MARK.match(lines[k]) if lines[k].strip() else None
    return m is not None and content_col(m) == lead and lines[k][m.end():m.end() + 1] not in ("<", "")
