"""kramdown's block IAL inside a blockquote (`> {: .note }`), read before cmark (blocks.preprocess)."""
from __future__ import annotations

import re

from .fixups import parse_ial, with_attrs
from .rawhtml import BLOCK_HTML, SPAN_ELEMENTS

SPAN_MARK = "\u2e2e"  # tables.SPAN_MARK (cmark reads a line led by it as paragraph text; tables imports this module)

_QUOTED_IAL = re.compile(r"^((?: {0,3}>[ \t]?)+)\{:(?!:)\s*([^}]*)\}[ \t]*$")
_OPEN_TAG_LINE = re.compile(r"<[A-Za-z][^<>]*\smarkdown=[^<>]*>[ \t]*$")
_QUOTE_PREFIX = re.compile(r"^(?: {0,3}>[ \t]?)+")


def quoted_ial(lines: list, i: int, ials: list) -> bool:
    """A block IAL inside a blockquote (`> {: .note }` before the quote's next block, the callout
    of just-the-docs sites) is kramdown's as at the top level. The line stays an empty quote
    line; a lazy line after it (no `>`) is given the quote's markers so that it stays in the
    quote. After a block in the quote, it ends the block and is its IAL."""
    m = _QUOTED_IAL.match(lines[i])
    if not m:
        return False
    markers = m.group(1)
    depth = markers.count(">")
    before = lines[i - 1] if i else ""
    prev = _QUOTE_PREFIX.match(before)
    prev_blank = not before.strip() or (prev is not None and (prev.group(0).count(">") < depth
                                                              or not before[prev.end():].strip()))
    after = lines[i + 1] if i + 1 < len(lines) else ""
    if not prev_blank and prev is not None and prev.group(0).count(">") == depth:
        if _OPEN_TAG_LINE.match(before[prev.end():]):
            return False  # first in an HTML element's markdown: read with it (nested.nested_markdown)
        lines[i] = markers.rstrip()  # after a block in the quote: it ends that block and is its IAL
        ials.append((i + 1, parse_ial(m.group(2)), "prev-quoted"))
        return True
    if not prev_blank or not after.strip():
        return False
    lines[i] = markers.rstrip()
    quoted = _QUOTE_PREFIX.match(after)
    tag = BLOCK_HTML.match(after[quoted.end():]) if quoted is not None else None
    close = after.find(">", quoted.end()) if tag else -1
    if tag and close > 0 and after[close - 1] != "/":  # an HTML block next: the IAL goes on its tag
        lines[i + 1] = with_attrs(after[:close], parse_ial(m.group(2))) + after[close:]
        return True
    if quoted is None:  # a lazy line: it goes on the quote's paragraph
        lines[i + 1] = markers + after.lstrip()
    ials.append((i + 1, parse_ial(m.group(2)), "next"))
    return True


_UNDERLINE = re.compile(r" {0,3}(?:-+|=+)[ \t]*$")
_TEXT = re.compile(r" {0,3}(?![#>]|```|~~~|[-+*][ \t]|\d+\.[ \t])\S")
_ITEM_COL = re.compile(r"( {0,3}(?:[-+*]|\d+\.)[ \t]+)\S")


def _unquoted(line: str) -> str:
    quoted = _QUOTE_PREFIX.match(line)
    return line[quoted.end():] if quoted else line


# (a setext underline too: cmark's underline is never lazy, kramdown's quote text has it as its own)
_LAZY_BLOCK = re.compile(r" {0,3}(?:```|~~~|#|[-+*][ \t]|\d+\.[ \t]|-+[ \t]*$|=+[ \t]*$)")
_SPAN_ALONE = re.compile(r" {0,3}<(?:" + "|".join(sorted(SPAN_ELEMENTS)) + r")(?![\w:-])[^<>]*>[ \t]*$", re.I)
_LONE_TAG = re.compile(r" {0,3}</?[A-Za-z][^<>]*>[ \t]*$")  # (cmark's HTML block kind 7 starts so)
_NO_OPEN_PARAGRAPH = re.compile(r"[ \t]*$| {0,3}(?:#|```|~~~|([-*_])(?:[ \t]*\1){2,}[ \t]*$)")


def _not_lazy_to_cmark(lines: list, k: int) -> bool:
    """Line k (in a quote's run of lines) is one cmark does not take into the quote lazily: it
    starts a block (a heading, a fence, an item, a tag alone on its line), or no paragraph is open
    on the quoted line before it (an empty `>` line, a heading, a fence's mark, a rule)."""
    line = lines[k]
    if _QUOTE_PREFIX.match(line):
        return False
    if _LAZY_BLOCK.match(line) or _LONE_TAG.match(line):
        return True
    prev = _QUOTE_PREFIX.match(lines[k - 1])
    return prev is not None and _NO_OPEN_PARAGRAPH.match(lines[k - 1][prev.end():]) is not None
# a top-level quote line followed by a line that is neither blank nor quoted (one regex, C)
LAZY_QUOTE_MARK = re.compile(r"(?m)^>.*\n(?![ \t]*(?:\n|$)| {0,3}>)")
# what ends kramdown's blockquote (BLOCKQUOTE_MATCH's look-ahead): a blank line, an end-of-block
# mark, a line led by a tag of no span element (LAZY_END_HTML_START/STOP); an IAL line too
_QUOTE_END = None


def _quote_end():
    global _QUOTE_END
    if _QUOTE_END is None:
        from .rawhtml import SPAN_ELEMENTS
        names = "|".join(sorted(SPAN_ELEMENTS | {"script"}, key=lambda n: (-len(n), n)))
        _QUOTE_END = re.compile(rf"[ \t]*$|\^[ \t]*$| {{0,3}}(?:\{{:|</?(?!(?:{names})\b)[A-Za-z])", re.I)
    return _QUOTE_END


# a list item's line (list.rb's LIST_START, at any indentation: of the list or of one nested in it)
_ANY_ITEM = re.compile(r"[ \t]*(?:[-+*]|\d+\.)[ \t]")
_LIST_START = re.compile(r" {0,3}(?:[-*+]|\d+\.)[ \t]")  # (lists.LIST_START)


def _lazy_in_item(lines: list, i: int) -> bool:
    """Line `i` (a `>` line) comes right under a list item's lines, no blank line between: kramdown's
    list takes it lazily into the item, whose text is a document of its own, so the quote ends
    with the item, at the next item's line (`- a` `>note` `- b`: b is the list's next item)."""
    k = i - 1
    while k >= 0 and lines[k].strip():
        if _LIST_START.match(lines[k]):
            return True
        k -= 1
    return False


def lazy_quote_lines(text: str) -> str:
    """kramdown's blockquote takes every line after its `>` lines up to a blank line (or a block
    tag): a heading, a list, a fence written right under a quote is in it; cmark takes only
    paragraph text lazily. Those lines get the quote's `> `; a fence that does not close before
    the quote ends is paragraph text there (kramdown reads the quote as a document of its own):
    its marks are escaped. Top-level quotes (a `>` in the first column) only."""
    from .fences import closing_fence, fenced_lines
    lines = text.split("\n")
    fenced = fenced_lines(text, False)
    end_re = _quote_end()
    i, changed = 0, False
    while i < len(lines):
        if not lines[i].startswith(">") or i + 1 in fenced:
            i += 1
            continue
        j = i + 1
        in_item = _lazy_in_item(lines, i)
        while j < len(lines) and not end_re.match(lines[j]) and not (in_item and _ANY_ITEM.match(lines[j])):
            j += 1  # the quote's lines: i .. j-1
        # (from the first line that cmark would not take lazily: a fence, a heading, a list item;
        # the text lines before it are the quote's paragraph in both, and the line rules see them)
        start = next((k for k in range(i + 1, j) if _not_lazy_to_cmark(lines, k)), j)
        lazy = [k for k in range(start, j) if not _QUOTE_PREFIX.match(lines[k])]
        if lazy:
            inner = "\n".join(lines[k][_QUOTE_PREFIX.match(lines[k]).end():] if _QUOTE_PREFIX.match(lines[k])
                              else lines[k] for k in range(i, j)) + "\n"
            moved_fence = any(FENCE_START_RE.match(lines[k]) for k in lazy)
            for k in lazy:
                prev = _QUOTE_PREFIX.match(lines[k - 1])
                mark = SPAN_MARK if prev is not None and _SPAN_ALONE.match(lines[k]) \
                    and _NO_OPEN_PARAGRAPH.match(lines[k - 1][prev.end():]) else ""
                indent = ""
                if _UNDERLINE.match(lines[k]):  # kramdown's setext heading is one line of text
                    above = _unquoted(lines[k - 1])
                    item = _ITEM_COL.match(above)
                    if item:  # (under an item's first line: the item's heading, at its content column)
                        indent = " " * len(item.group(1))
                    elif _TEXT.match(above) and k - 2 >= i and (_TEXT.match(_unquoted(lines[k - 2]))
                                                               or _ITEM_COL.match(_unquoted(lines[k - 2]))):
                        mark = SPAN_MARK  # (under two lines: text of their paragraph)
                lines[k] = "> " + indent + mark + lines[k]  # (a span element's tag alone: a paragraph in kramdown)
            changed = True
            for m in _fence_lines(inner):
                if closing_fence(inner, m) is None:
                    k = i + inner.count("\n", 0, m.start(1))
                    at = lines[k].index(m.group(1)[0], _QUOTE_PREFIX.match(lines[k]).end())
                    lines[k] = lines[k][:at] + "".join("\\" + c for c in m.group(1)) + lines[k][at + len(m.group(1)):]
                    break
            if moved_fence:  # (a fence line moved in the quote: the top-level fences after it pair anew)
                fenced = fenced_lines("\n".join(lines), False)
        i = j
    return "\n".join(lines) if changed else text


def _fence_lines(inner: str):
    """The fence openers of a quote's text, each after the one before has closed."""
    from .fences import FENCE_NL, closing_fence, kramdown_opener
    m = re.match(r" {0,3}(`{3,}|~{3,})", inner) or FENCE_NL.search(inner)
    while m is not None:
        if kramdown_opener(inner, m):
            yield m
            close = closing_fence(inner, m)
            if close is None:
                return
            m = FENCE_NL.search(inner, close.end())
        else:
            m = FENCE_NL.search(inner, m.end())


# a fence line in a quote ("\n"-led: the regex engine jumps from line to line; the first line: _AT)
_QUOTED_FENCE_NL = re.compile(r"\n {0,3}>[ \t]?(?: {0,3}>[ \t]?)* {0,3}(?:`{3}|~{3})")
_QUOTED_FENCE_AT = re.compile(r" {0,3}>[ \t]?(?: {0,3}>[ \t]?)* {0,3}(?:`{3}|~{3})")


def quoted_fence(text: str) -> bool:
    """A fence line in a quote, somewhere in `text`."""
    return _QUOTED_FENCE_NL.search(text) is not None or _QUOTED_FENCE_AT.match(text) is not None
_QUOTE_MARK = re.compile(r" {0,3}> ?")
FENCE_START_RE = re.compile(r" {0,3}(?:`{3}|~{3})")  # BLOCKQUOTE_START: what kramdown takes off each line of a quote


def quoted_fences_as_text(text: str) -> str:
    """kramdown reads a blockquote's text (its lines to a blank line, each less `> `) as a
    document of its own: a fence there that does not close before the quote ends is paragraph
    text (FENCED_CODEBLOCK_MATCH fails), and the fence lines after it are read anew; cmark runs
    such a fence to the quote's end. Its marks are escaped, so that cmark reads text too. Nested
    quotes are read in turn."""
    from .fences import FENCE_NL, closing_fence, fenced_lines, kramdown_opener
    lines = text.split("\n")
    fenced = fenced_lines(text, False)
    end_re = _quote_end()
    i, changed = 0, False
    while i < len(lines):
        if not _QUOTE_MARK.match(lines[i]) or i + 1 in fenced:
            i += 1
            continue
        j = i + 1
        while j < len(lines) and not end_re.match(lines[j]):
            j += 1  # the quote's lines: i .. j-1
        marks = [_QUOTE_MARK.match(lines[k]) for k in range(i, j)]
        inner_lines = [lines[k][m.end():] if m else lines[k] for k, m in zip(range(i, j), marks)]
        inner = "\n".join(inner_lines) + "\n"
        if "```" in inner or "~~~" in inner:
            if ">" in inner and quoted_fence(inner):
                inner = quoted_fences_as_text(inner)
            m = re.match(r" {0,3}(`{3,}|~{3,})", inner) or FENCE_NL.search(inner)
            while m is not None:
                if not kramdown_opener(inner, m):
                    m = FENCE_NL.search(inner, m.end())
                    continue
                close = closing_fence(inner, m)
                if close is not None:
                    m = FENCE_NL.search(inner, close.end())
                    continue
                run = m.group(1)
                inner = inner[:m.start(1)] + "".join("\\" + c for c in run) + inner[m.end(1):]
                m = FENCE_NL.search(inner, m.end() + len(run))
            new = inner[:-1].split("\n")
            for k, (m, was, now) in enumerate(zip(marks, inner_lines, new)):
                if now != was:
                    lines[i + k] = (m.group(0) if m else "") + now
                    changed = True
        i = j
    return "\n".join(lines) if changed else text


# a top-level quote's line holding a list item (LIST_START after the quote's one marker)
QUOTED_ITEM = re.compile(r"^> ?(?: {0,3})(?:[-*+]|\d+\.)[ \t]", re.M)
_ONE_MARKER = re.compile(r"> ?")


def quoted_lazy_items(lines: list) -> None:
    """kramdown reads a quote's text as a document, so a list in a top-level quote takes its lazy
    lines (a heading, a fence right under an item) as a top-level list does: lists.lazy_item_lines
    on the quote's lines without their marker (one level), each line it indents quoted again."""
    from .lists import lazy_item_lines
    from .prescan import lazy_items_move
    i = 0
    while i < len(lines):
        if not lines[i].startswith(">"):
            i += 1
            continue
        end = i
        while end < len(lines) and lines[end].startswith(">"):
            end += 1
        body = [line[_ONE_MARKER.match(line).end():] for line in lines[i:end]]
        if any(QUOTED_ITEM.match(line) for line in lines[i:end]) and lazy_items_move(body):
            moved = list(body)
            lazy_item_lines(moved)
            for k, (was, now) in enumerate(zip(body, moved)):
                if was != now:
                    lines[i + k] = "> " + now
        i = end
