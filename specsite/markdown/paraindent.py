"""kramdown keeps the leading blanks of a paragraph's continuation lines (PARAGRAPH_MATCH takes
each line whole; only the paragraph's first line is stripped); cmark drops them. Invisible in HTML,
they show through `content | strip_newlines` or `jsonify`. Put back for the paragraphs of the
document itself (not in a list item or blockquote, whose lines kramdown reads without their
container's indentation), when cmark's paragraph has one output line per source line (a code span
that runs over lines joins them: left as cmark wrote it)."""
from __future__ import annotations

import re

_TOKEN = re.compile(r'<(/?)(li|blockquote)\b[^>]*>|<p data-sourcepos="(\d+):\d+-(\d+):\d+">(.*?)</p>', re.S)
_LEAD = re.compile(r"[ \t]+")
_MULTI_LINE = re.compile(r'<p data-sourcepos="(\d+):\d+-(\d+):')
# a text line at the left margin (no list marker, quote, heading, table, tag, code) and a line led
# by blanks under it: what a document's own paragraph with such a line needs (list items' lines
# start with their marker or with blanks themselves). Searched in "\n" + the text, as prescan's
# patterns: the engine jumps from line to line.
_CANDIDATE = re.compile(r"\n(?![\s>#|<]|```|~~~|[-*+][ \t]|\d+[.)][ \t])[^\n]++\n[ \t]++\S")


def candidate(source: str) -> bool:
    return _CANDIDATE.search("\n" + source) is not None


def kept_line_indents(out: str, source: str) -> str:
    """cmark's HTML (with data-sourcepos) with each top-level paragraph's continuation lines led
    by the blanks their source lines have."""
    lines = None
    for m in _MULTI_LINE.finditer(out):  # (first: is there a paragraph line led by blanks at all?)
        first, last = int(m.group(1)), int(m.group(2))
        if last > first:
            lines = source.split("\n") if lines is None else lines
            if any(lines[k][:1] in " \t" for k in range(first, min(last, len(lines)))):
                break
    else:
        return out
    depth = 0
    parts, pos = [], 0
    for m in _TOKEN.finditer(out):
        if m.group(2):
            depth += -1 if m.group(1) else 1
            continue
        first, last = int(m.group(3)), int(m.group(4))
        if depth or last == first:
            continue
        if lines is None:
            lines = source.split("\n")
        inner = m.group(5)
        rows = inner.split("\n")
        if len(rows) != last - first + 1 or last > len(lines):
            continue
        leads = [_LEAD.match(lines[k - 1]) for k in range(first + 1, last + 1)]
        if not any(leads):
            continue
        rows[1:] = [(lead.group(0) if lead else "") + row for lead, row in zip(leads, rows[1:])]
        parts.append(out[pos:m.start(5)] + "\n".join(rows))
        pos = m.end(5)
    if not parts:
        return out
    parts.append(out[pos:])
    return "".join(parts)
