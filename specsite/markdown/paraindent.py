"""kramdown keeps the leading blanks of a paragraph's continuation lines (PARAGRAPH_MATCH takes
each line whole; only the paragraph's first line is stripped); cmark drops them. Invisible in HTML,
they show through `content | strip_newlines` or `jsonify`. Put back from the source, when cmark's
paragraph has one output line per source line (a code span that runs over lines joins them: left
as cmark wrote it). In a list item or blockquote kramdown reads each line without its container's
indentation only: a blockquote's `^ {0,3}> ?`, a list item's content column (a lazy line, short of
it, is taken whole); a tight item's text is its paragraph."""
from __future__ import annotations

import re

_TOKEN = re.compile(r'<(/?)(li|blockquote)\b([^>]*)>|<p data-sourcepos="(\d+):\d+-(\d+):\d+">(.*?)</p>', re.S)
_LEAD = re.compile(r"[ \t]+")
# a tight item over lines (its text follows on the tag's line) or a paragraph over lines
_TEXT_BLOCK = re.compile(r'<li data-sourcepos="(\d+):\d+-(?!\1:)[^>]*>(?!\n)|<p data-sourcepos="(\d+):\d+-(?!\2:)(\d+):')
_POS = re.compile(r' data-sourcepos="(\d+):(\d+)-(\d+):(\d+)"')
_QUOTE = re.compile(r" {0,3}> ?")
_QUOTES = re.compile(r"(?: {0,3}> ?)+")
_TEXT_COLUMN = re.compile(r"[ \t]*((?:[-+*]|\d+\.)[ \t]+)?")
_MARKER = re.compile(r"( *)([-+*]|\d+\.)( {1,4})(?=\S)")
# where a tight item's text ends: its first block child (cmark gives each one a data-sourcepos)
_BLOCK_START = re.compile(r'</li>|\n<[a-z][a-z0-9]* data-sourcepos="(\d+):')
# a row that starts an HTML block (kramdown ends a paragraph there; cmark gives it no position)
_BLOCK_ROW = re.compile(r"<(?:/?(?:div|p|table|pre|ul|ol|li|dl|d[td]|blockquote|h[1-6]|hr|section|details|"
                        r"summary|figure|script|style|iframe|form|nav|header|footer|article|aside)\b|!--)")
# a text line at the left margin (no list marker, quote, heading, table, tag, code) and a line led
# by blanks under it: what a document's own paragraph with such a line needs (list items' lines
# start with their marker or with blanks themselves). Searched in "\n" + the text, as prescan's
# patterns: the engine jumps from line to line.
_CANDIDATE = re.compile(r"\n(?![\s>#|<]|```|~~~|[-*+][ \t]|\d+[.)][ \t])[^\n]++\n[ \t]++\S")


def candidate(out: str, source: str) -> bool:
    """Worth a closer look: cmark wrote a list item or blockquote (their paragraphs may keep blanks
    too), or the source has a document's own paragraph line led by blanks."""
    return "<li data-sourcepos" in out or "<blockquote data-sourcepos" in out \
        or _CANDIDATE.search("\n" + source) is not None


def _strip(line: str, stack: list):
    """The line as kramdown reads it inside the containers of `stack` (outermost first): a list
    item widens the tabs that lead a line to four blanks each, then takes its indentation off."""
    for kind in stack:
        if kind is None:  # (a blockquote)
            m = _QUOTE.match(line)
            if m:
                line = line[m.end():]
            continue
        if line[:1] == "\t":
            tabs = len(line) - len(line.lstrip("\t"))
            line = "    " * tabs + line[tabs:]
        if line.startswith(" " * kind):
            line = line[kind:]
    return line


def _item_column(line: str, stack: list):
    """A list item's content column as kramdown counts it (the marker line read inside the outer
    containers), or None for what is not read here (a tab, an empty first line, `1)`)."""
    m = _MARKER.match(_strip(line, stack))
    return m.end() if m else None


def _indented(rows: list, lines: list, first: int, stack: list):
    """The paragraph's rows (lines first.. of the source) with each continuation row led by the
    blanks kramdown keeps, or None when nothing changes."""
    changed = False
    for i in range(1, len(rows)):
        lead = _LEAD.match(_strip(lines[first - 1 + i], stack))
        if lead:
            rows[i] = lead.group(0) + rows[i]
            changed = True
    return rows if changed else None


def _tight_text(out: str, pos: int, first: int, last: int, lines: list, stack: list):
    """The span of a tight item's text at `pos` and its indented rows, or None."""
    end = _BLOCK_START.search(out, pos)
    if end is None:
        return None
    text = out[pos:end.start()]
    rows = text.split("\n")
    if len(rows) < 2 or not rows[0] or any(_BLOCK_ROW.match(row) for row in rows):
        return None
    after = first + len(rows)  # the source line after the paragraph: blank, the next block's, or past the item
    if after - 1 > min(last, len(lines)) or any(not lines[k - 1].strip(" \t>") for k in range(first, after)):
        return None
    if after <= last and after <= len(lines) and lines[after - 1].strip(" \t>") \
            and not (end.group(1) and int(end.group(1)) == after):
        return None
    indented = _indented(rows, lines, first, stack)
    return (pos, end.start(), "\n".join(indented)) if indented else None


def _unquoted(line: str) -> str:
    m = _QUOTES.match(line)
    return line[m.end():] if m else line


def _may_keep(lines: list, first: int, last: int, column: int) -> bool:
    """Whether a line after `first` (1-based) up to `last` may keep blanks: one led by a tab, or
    by more or fewer blanks (but some) than `column`, the text's (a continuation line as deep as
    its item's text loses them all)."""
    for k in range(first, last):
        lead = _LEAD.match(_unquoted(lines[k]))
        if lead and (len(lead.group(0)) != column or "\t" in lead.group(0)):
            return True
    return False


def unpadded(source: str, original: str) -> str:
    """`source` (the text cmark reads) with the lines that preprocessing indented to their list
    item's content column (lists.lazy_item_lines: a lazy `<b>` line kept in the item for cmark)
    led again by their own blanks, which kramdown keeps (` <b>x</b>` in a loose item's paragraph);
    but a list marker line, which kramdown's list.rb itself pads once an item holds a list."""
    if source == original:
        return source
    rows, own = source.split("\n"), original.split("\n")
    if len(rows) != len(own):
        return source
    changed = False
    for k, (row, line) in enumerate(zip(rows, own)):
        if row != line and row.lstrip(" ") == line.lstrip(" ") and len(row) > len(line) \
                and not _MARKER.match(line.lstrip(" ")):
            rows[k] = line
            changed = True
    return "\n".join(rows) if changed else source


def kept_line_indents(out: str, source: str) -> str:
    """cmark's HTML (with data-sourcepos) with each paragraph's continuation lines led by the
    blanks kramdown keeps from their source lines."""
    lines, column = None, 0  # (first: may a paragraph line keep blanks at all?)
    for m in _TEXT_BLOCK.finditer(out):
        lines = source.split("\n") if lines is None else lines
        if m.group(1):  # a tight item: its text is its first rows, up to its first block
            first = int(m.group(1))
            if first > len(lines):
                continue
            marker = _MARKER.match(_unquoted(lines[first - 1]))
            if marker is None:  # (an item not read here: see _item_column)
                continue
            column = marker.end()
            end = _BLOCK_START.search(out, m.end())
            rows = out.count("\n", m.end(), end.start() if end else len(out))
            if rows and _may_keep(lines, first, min(first + rows, len(lines)), column):
                break
            continue
        first, last = int(m.group(2)), int(m.group(3))
        if last > len(lines):
            continue
        # (its item's text column, as far as it can tell, or the margin: a document's own paragraph
        # that starts with blanks keeps all those of the lines below)
        lead = _TEXT_COLUMN.match(_unquoted(lines[first - 1])).end()
        if lead and lead != column or _may_keep(lines, first, last, column if lead else 0):
            break
    else:
        return out
    stack = []  # None for a blockquote, an item's content column, False for an item not read here
    parts, pos = [], 0
    for m in _TOKEN.finditer(out):
        if m.group(2):
            if m.group(1):
                if stack:
                    stack.pop()
                continue
            at = _POS.match(m.group(3))
            if m.group(2) == "blockquote" or at is None:
                stack.append(None if m.group(2) == "blockquote" else False)
                continue
            first, last = int(at.group(1)), int(at.group(3)) - (at.group(4) == "0")
            column = _item_column(lines[first - 1], stack) if first <= len(lines) and False not in stack else None
            stack.append(column if column is not None else False)
            if column is not None and m.end() < len(out) and out[m.end()] != "\n":
                found = _tight_text(out, m.end(), first, last, lines, stack)
                if found:
                    parts.append(out[pos:found[0]] + found[2])
                    pos = found[1]
            continue
        first, last = int(m.group(4)), int(m.group(5))
        if last == first or False in stack:
            continue
        rows = m.group(6).split("\n")
        if len(rows) != last - first + 1 or last > len(lines):
            continue
        indented = _indented(rows, lines, first, stack)
        if indented:
            parts.append(out[pos:m.start(6)] + "\n".join(indented))
            pos = m.end(6)
    if not parts:
        return out
    parts.append(out[pos:])
    return "".join(parts)
