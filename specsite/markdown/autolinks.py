"""kramdown's autolinks where cmark reads them otherwise (parser/kramdown/autolink.rb): a
`<scheme:...>` with a space or `<` inside, a scheme kramdown does not know, an email address one of
them takes and the other does not. Each such line is rewritten before cmark reads it."""
from __future__ import annotations

import re
from types import MappingProxyType

from .rawhtml import is_kramdown_tag
from .text import outside_code_spans

# kramdown 2's autolink without a space in it, after its `<`: a URL of the schemes AUTOLINK_START
# knows, or an email address (`[[:alnum:]_.-]+@[[:alnum:]_.-]+`). A span (pairing._TOKEN), and no
# tag to parse_block_html (a table row may start with one: tables._NOT_TABLE_START)
KRAMDOWN_AUTOLINK = r"(?:(?:https?|ftps?|mailto):[^\s<>]+|[-.\w]+@[-.\w]+)>"

# kramdown's AUTOLINK reads `<scheme:…>` up to the first `>` (`.+?`), `<` and spaces included;
# cmark's autolink allows neither, so such a link is written out as inline HTML for it
_ODD_AUTOLINK = re.compile(r"(?<!\\)<((?:mailto|https?|ftps?):[^>\n]*?[< ][^>\n]*)>")
_ATTR_ESCAPE = MappingProxyType({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def kramdown_odd_autolinks(line: str) -> str:
    """The line with each autolink cmark would not take (a `<` or a space inside, an email address
    kramdown takes) as an <a>, and each email autolink kramdown would not take as text."""
    def link(m):
        url = m.group(1)
        href = "".join(_ATTR_ESCAPE.get(c, c) for c in url)
        text = "".join(_ATTR_ESCAPE[c] if c in "&<>" else "\\" + c if c in "\\`*_[]!\"'" else c for c in url)
        return f'<a href="{href}">{text}</a>'
    if "<" in line and ("<http" in line or "<mailto:" in line or "<ftp" in line):
        line = outside_code_spans(line, lambda part: _ODD_AUTOLINK.sub(link, part))
    if "@" in line:
        line = outside_code_spans(line, lambda part: _EMAIL_CANDIDATE.sub(_email_autolink, part))
    if ":" in line and CMARK_AUTOLINK.search(line):
        line = outside_code_spans(line, lambda part: CMARK_AUTOLINK.sub(_other_scheme, part))
    return line


# cmark's autolink with a scheme kramdown's AUTOLINK_START lacks (mailto, http(s), ftp(s) only):
# `<URL:http://x>` is kramdown's text (no tag either), so its `<` is escaped for cmark
# (led by its `<`, the look-behind for a backslash after it: sre skips to each `<`)
CMARK_AUTOLINK = re.compile(r"<(?<!\\<)(?!(?:mailto|https?|ftps?):)[A-Za-z][A-Za-z0-9.+-]{1,31}:[^\s<>]*>")


def _other_scheme(m) -> str:
    """(a tag to kramdown: `<ab:cd>` is its raw element, left alone)"""
    return m.group(0) if is_kramdown_tag(m.group(0)) else "\\" + m.group(0)


# kramdown 2's email autolink is `<[[:alnum:]_.-]+@[[:alnum:]_.-]+>` (no `+`, `%`, ... before the @,
# `_` and non-ASCII allowed, no dot needed after it); cmark's differs both ways, so each `<x@y>`
# one of them would read differently is written out: as an <a>, or with its `<` escaped (text)
_EMAIL_CANDIDATE = re.compile(r"(?<!\\)<([^\s<>@\\]+@[^\s<>@\\]+)>")
_KRAMDOWN_EMAIL = re.compile(r"[\w.-]+@[\w.-]+")
_CMARK_EMAIL = re.compile(r"[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
                          r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*")


def _email_autolink(m) -> str:
    address = m.group(1)
    kramdown, cmark = _KRAMDOWN_EMAIL.fullmatch(address), _CMARK_EMAIL.fullmatch(address)
    if kramdown and not cmark:
        text = address.replace("_", "\\_")  # (word characters, `.` and `-`: only `_` is markdown)
        return f'<a href="mailto:{address}">{text}</a>'
    if cmark and not kramdown:
        return "\\" + m.group(0)
    return m.group(0)
