"""kramdown's span HTML starts only at a tag name, `?`, `!--` or `/` (parser/kramdown/html.rb
HTML_SPAN_START): in paragraph text a declaration (`<!DOCTYPE html>`, a post printed whole into a
page) or `<![CDATA[` is text, written `&lt;!DOCTYPE html&gt;`; cmark keeps it as raw HTML. Such a
`<` is escaped before cmark. A line that starts with `<` is left to the block rules (blocks.py),
and so is a paragraph whose first line does (an HTML block), code (fenced, indented, in backticks)
and comments; text that comes after an HTML block's last line (kramdown ends the block there, a
paragraph of its own here too) is seen in cmark's output, in its <p>."""
from __future__ import annotations

import re

from .fences import fenced_lines
from .rawspans import code_spans

_DECLARATION = re.compile(r"<!(?:[A-Za-z]|\[CDATA\[)")


def escape_declarations(text: str) -> str:
    """`text` with a backslash before each `<` that starts a declaration in paragraph text."""
    if "<!" not in text or not _DECLARATION.search(text):
        return text
    lines = text.split("\n")
    code = fenced_lines(text)
    chunk_html = False  # the paragraph (a run of non-blank lines) started with a tag
    for i, line in enumerate(lines):
        if not line.strip():
            chunk_html = False
            continue
        first = i == 0 or not lines[i - 1].strip()
        stripped = line.lstrip(" ")
        if first:
            chunk_html = stripped.startswith("<") or line.startswith(("    ", "\t"))
        if chunk_html or i + 1 in code or stripped.startswith("<") or "<!" not in line:
            continue
        lines[i] = _escape_line(line)
    return "\n".join(lines)


_IN_PARAGRAPH = re.compile(r"(<p\b[^>]*>)(.*?)(</p>)", re.S)
_WRITTEN = re.compile(r"<!--.*?-->|<!((?:[A-Za-z]|\[CDATA\[)[^>]*)>", re.S)  # (a comment stays)


def declarations_in_paragraphs(body: str) -> str:
    """cmark's HTML with each declaration inside a paragraph written as text, as kramdown writes it."""
    if not _DECLARATION.search(body):
        return body
    def text(m):
        return m.group(0) if m.group(1) is None else f"&lt;!{m.group(1)}&gt;"
    return _IN_PARAGRAPH.sub(lambda m: m.group(1) + _WRITTEN.sub(text, m.group(2)) + m.group(3), body)


def _escape_line(line: str) -> str:
    spans = code_spans(line)
    comment_from = line.find("<!--")
    out, pos = [], 0
    for m in _DECLARATION.finditer(line):
        at = m.start()
        if any(a <= at < b for a, b in spans) or (0 <= comment_from < at) or line[at - 1:at] == "\\":
            continue
        out.append(line[pos:at] + "\\")
        pos = at
    return "".join(out) + line[pos:] if out else line
