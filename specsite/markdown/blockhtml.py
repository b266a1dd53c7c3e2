"""kramdown's `parse_block_html` option (from `_config.yml`'s `kramdown:`, or `{::options
parse_block_html="true" /}` in the text from that line on): the content of an HTML block is
parsed as kramdown by its element's content model instead of kept raw (parser/kramdown/html.rb,
handle_kramdown_html_tag: `@options[:parse_block_html] ? HTML_CONTENT_MODEL[el.value] : :raw`).
That is what an explicit markdown="1" asks for, so each such element gets one and the
markdown="1" islands (blocks.py) render it. Elements of the raw model (script, pre, table, ul, ... and any
unknown name) stay raw, and so does everything inside them; a markdown attribute the author
wrote wins."""
from __future__ import annotations

import re

from ..lazy_re import LazyPattern

from .fences import fenced_lines
from .rawhtml import CONTENT_MODEL_BLOCK, CONTENT_MODEL_SPAN, SPAN_ELEMENTS, VOID
from .scan import comment_spans, inside

_PARSED = CONTENT_MODEL_BLOCK | CONTENT_MODEL_SPAN  # (kramdown's parser/html.rb: every other name is raw)
_OPEN = LazyPattern(r"^ {0,3}<([A-Za-z][\w:.-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*(/?)>",
                    re.M)
_MARKDOWN_ATTR = LazyPattern(r"\smarkdown\s*=")
_RAW_FIRST = LazyPattern(r"[ \t]*<([A-Za-z][\w-]*)(?:\s[^>]*)?>")
_MARKDOWN_ZERO = LazyPattern(r"\smarkdown\s*=\s*([\"']?)0\1(?=[\s/>]|$)")
_OPTIONS = LazyPattern(r"^ {0,3}\{::options\b([^}]*)/\}", re.M)
_PBH_VALUE = LazyPattern(r"\bparse_block_html\s*=\s*([\"'])(.*?)\1")


def in_comment_extension(text: str, at: int) -> bool:
    """Whether `at` is inside a {::comment} ... {:/comment} (or {:/}) extension block."""
    start = text.rfind("{::comment}", 0, at)
    return start >= 0 and max(text.rfind("{:/comment}", start, at), text.rfind("{:/}", start, at)) < 0


def mark_block_html(text: str, default: bool) -> str:
    """`text` with markdown="1" on each HTML block element kramdown parses under parse_block_html."""
    switches = [(m.start(), _switch(m.group(1))) for m in _OPTIONS.finditer(text)]
    switches = [(at, value) for at, value in switches if value is not None]
    fenced = comments = None
    if switches:  # (an option line in fenced code is code, as toc's reader has it; in a comment, no option)
        fenced, comments = fenced_lines(text), comment_spans(text)
        switches = [(at, value) for at, value in switches if text.count("\n", 0, at) + 1 not in fenced
                    and not (comments and inside(comments, at)) and not in_comment_extension(text, at)]
    pieces, pos, search = [], 0, 0
    while True:
        m = _OPEN.search(text, search)
        if m is None:
            break
        search = m.end()
        tag = m.group(1).lower()
        if tag in SPAN_ELEMENTS or tag in VOID or m.group(3):
            continue
        if comments is None:
            fenced = fenced_lines(text) if fenced is None else fenced
            comments = comment_spans(text)
        if (fenced and text.count("\n", 0, m.start()) + 1 in fenced) or (comments and inside(comments, m.start())):
            continue
        on = default
        for at, value in switches:
            if at < m.start():
                on = value
        explicit = _MARKDOWN_ATTR.search(m.group(2) or "")
        if explicit:
            zero = _MARKDOWN_ZERO.search(m.group(2))
            if zero:  # raw, and kramdown deletes the attribute
                pieces.append(text[pos:m.start(2) + zero.start()])
                pos = m.start(2) + zero.end()
                search = _after_close(text, tag, m.end())
            continue
        if not on or tag not in _PARSED:  # raw: nothing inside is block HTML of its own,
            search = _after_close(text, tag, m.end())  # but for an element marked markdown="block"
            if on:
                for inner_start, inner_end in _block_content_inside(text, m.end(), search):
                    pieces.append(text[pos:inner_start])
                    pieces.append(_mark_chain(mark_block_html(text[inner_start:inner_end], on)))
                    pos = inner_end
            continue
        pieces.append(text[pos:m.end(2)])
        pieces.append(' markdown="1"')
        pos = m.end(2)
        if tag in CONTENT_MODEL_SPAN:  # span text: a tag inside starts no HTML block
            search = _after_close(text, tag, m.end())
    if pieces:
        pieces.append(text[pos:])
        text = "".join(pieces)
    if "</" in text and _LINE_CHAIN.search(text):
        text = _chained_at_line_start(text, switches, default)
    return text


# end tags at a line start with a block element's start tag right after them (`</div><div class="b">`)
_LINE_CHAIN = LazyPattern(r"^ {0,3}(?:</[A-Za-z][\w:.-]*\s*>[ \t]*)+<([A-Za-z][\w:.-]*)(?=[\s>])", re.M)


def _chained_at_line_start(text: str, switches: list, default: bool) -> str:
    """A block element whose start tag follows end tags at a line start: kramdown's parse_blocks
    goes on right after an end tag (its StringScanner anchors `^` at the scan position), so the
    element starts a block there, parsed under parse_block_html as one at a line start is."""
    fenced = comments = None
    pieces, pos = [], 0
    for m in _LINE_CHAIN.finditer(text):
        name = m.group(1).lower()
        if name not in _PARSED or name in CONTENT_MODEL_SPAN:
            continue
        on = default
        for at, value in switches:
            if at < m.start():
                on = value
        rest = text[m.end():text.find(">", m.end()) + 1]
        if not on or _MARKDOWN_ATTR.search(rest):
            continue
        if fenced is None:
            fenced, comments = fenced_lines(text), comment_spans(text)
        if (fenced and text.count("\n", 0, m.start()) + 1 in fenced) or (comments and inside(comments, m.start())):
            continue
        pieces.append(text[pos:m.end()])
        pieces.append(' markdown="1"')
        pos = m.end()
    if not pieces:
        return text
    pieces.append(text[pos:])
    return "".join(pieces)


_EXPLICIT_BLOCK = LazyPattern(r"<([A-Za-z][\w:.-]*)(?:\s[^>]*?)?\smarkdown\s*=\s*([\"']?)block\2[^>]*>")
_CHAINED = LazyPattern(r"(</[A-Za-z][\w:.-]*\s*>)([ \t]*)<([A-Za-z][\w:.-]*)(?=[\s>])")


def _block_content_inside(text: str, start: int, end: int):
    """(start, end) of the content of each element marked markdown="block" inside the raw
    element text[start:end] (not nested in another): kramdown's parse_raw_html honours the
    attribute wherever the tag stands, and parses that content as blocks."""
    pos = start
    while True:
        m = _EXPLICIT_BLOCK.search(text, pos, end)
        if m is None:
            return
        close_start, close_end = matching_close(text, m.group(1), m.end())
        if close_start < 0 or close_end > end:
            return
        yield m.end(), close_start
        pos = close_end


def _mark_chain(text: str) -> str:
    """A block element right after another's end tag on its line (`</td><td>`) starts a block of
    its own in kramdown's parse_blocks, as one at a line start does: it is marked too."""
    def mark(m):
        name = m.group(3).lower()
        if m.group(1)[2:-1].strip().lower() in SPAN_ELEMENTS or name not in _PARSED or name in CONTENT_MODEL_SPAN:
            return m.group(0)
        rest = text[m.end():text.find(">", m.end()) + 1]
        return m.group(0) if _MARKDOWN_ATTR.search(rest) else m.group(0) + ' markdown="1"'
    return _CHAINED.sub(mark, text) if "</" in text else text


def _switch(args: str):
    m = _PBH_VALUE.search(args)
    return None if m is None else m.group(2).strip().lower() not in ("false", "nil", "")


def _after_close(text: str, tag: str, start: int) -> int:
    """Where the element opened before `start` ends (its matching close tag; none: the end)."""
    end = matching_close(text, tag, start)[1]
    return len(text) if end < 0 else end


def matching_close(text: str, tag: str, start: int):
    depth = 1
    for m in re.compile(rf"<(/?){re.escape(tag)}(?=[\s>/])[^>]*>", re.I).finditer(text, start):
        if m.group(0).endswith("/>"):
            continue
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return m.start(), m.end()
    return -1, -1


_NESTED_BLOCK = LazyPattern(r" {0,3}<([A-Za-z][A-Za-z0-9]*)(?:\s[^>]*?)?\smarkdown\s*=\s*([\"']?)(1|block)\2[^>]*>", re.S)


def block_close(text: str, tag: str, start: int, col: int = 0):
    """(start, end) of the close tag of a block-content element (markdown="1" or "block") opened
    before `start`, as kramdown's parse_blocks finds it: an end tag that starts a line (one on a
    text line is that paragraph's text); a nested element of the same name that starts a line
    ends where its own end tag is, and so does a nested block-content element of another name,
    whose content runs to the end of the text when its end tag is never at a line start; with
    none, the end of the text (kramdown auto-closes it). `col`: the list item's column the
    element is in (kramdown reads the item's lines without it)."""
    close = re.compile(rf" {{0,{col + 3}}}</{tag}\s*>", re.I)
    opening = re.compile(rf" {{0,{col + 3}}}<{tag}(?=[\s>/])", re.I)
    end_tag = re.compile(rf"[ \t]*</{tag}\s*>", re.I)
    chain = re.compile(rf"[ \t]*<{tag}(?=[\s>/])", re.I)
    empty = end_tag.match(text, start)
    if empty:  # `<div class="x"></div>`: parse_blocks starts after the open tag and meets the end tag
        return empty.end() - len(empty.group(0).lstrip(" \t")), empty.end()
    raw = _RAW_FIRST.match(text, start)
    while raw and raw.group(1).lower() not in SPAN_ELEMENTS and raw.group(1).lower() != tag.lower():
        # `<figure class="highlight"><pre>…</pre></figure>` (Jekyll's highlight tag): a raw element
        # right after the start tag is read whole, and so is each one right after it (`<tr
        # markdown="block"><td>…</td><td>…</td></tr>`); the end tag after them ends this element
        _, raw_end = matching_close(text, raw.group(1), raw.end())
        if raw_end < 0:
            break
        after = end_tag.match(text, raw_end)
        if after:
            return after.end() - len(after.group(0).lstrip(" \t")), after.end()
        raw = _RAW_FIRST.match(text, raw_end)
    pos = text.find("\n", start)
    while pos >= 0:
        line_start = pos + 1
        found = close.match(text, line_start)
        if found:
            return found.start() + len(found.group(0)) - len(found.group(0).lstrip(" ")), found.end()
        nested = opening.match(text, line_start)
        if nested:
            _, end = matching_close(text, tag, text.index(">", nested.end()) + 1)
            while end >= 0 and (chained := chain.match(text, end)):  # (`</div><div class="b">`: parse_blocks
                _, end = matching_close(text, tag, text.index(">", chained.end()) + 1)  # goes on there)
            if end < 0:
                break
            after = end_tag.match(text, end)  # (`</div></div>`: this element's end tag right after)
            if after:
                return after.end() - len(after.group(0).lstrip(" \t")), after.end()
            pos = text.find("\n", end)
            continue
        inner = _NESTED_BLOCK.match(text, line_start)
        if inner and (inner.group(3) == "block" or inner.group(1).lower() not in CONTENT_MODEL_SPAN):
            _, end = block_close(text, inner.group(1), inner.end())
            if end >= len(text):
                break
            pos = text.find("\n", end)
            continue
        pos = text.find("\n", line_start)
    return len(text), len(text)
