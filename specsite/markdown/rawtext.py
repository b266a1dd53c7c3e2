"""The text of an HTML block as kramdown writes it: its raw-HTML parser keeps each piece of text
between tags as a :text element, and the converter writes it with escape_html(:text)
(converter/html.rb): a `&` that starts no entity or character reference (REXML's REFERENCE_RE),
a `<` that starts no tag and every `>` are escaped; `"` is not. cmark passes an HTML block through
as written (its own text it escapes already), so the bare characters left in a rendered body are
the blocks'. A comment, a script's or style's text and {::nomarkdown} content are kept as is."""
from __future__ import annotations

import re

from .tagforms import ATTRIBUTES, RAW_TEXT_ELEMENT, VERBATIM, VERBATIM_END

_REFERENCE = r"&(?:[\w:][\-\w.:]*|#\d+|#x[0-9a-fA-F]+);"
# (a quick test: a bare `&`, a `<` that opens no tag, or a `>` after a blank or a character that
# ends no tag; a body without any is left alone. Each branch starts with its character, so sre
# scans for the three alone: a branch led by a class of most characters tried every position)
_MAYBE = re.compile(rf"&(?!(?:[\w:][\-\w.:]*|#\d+|#x[0-9a-fA-F]+);)|<(?![A-Za-z/!?])|>(?<=[^\w\"'/\-]>)")
_TAG = re.compile(rf"</?[A-Za-z][\w:.-]*{ATTRIBUTES}/?>")
_PIECE = re.compile(
    rf"<!--(?:ss-verbatim-->.*?{re.escape(VERBATIM_END)}|.*?-->)"
    rf"|{RAW_TEXT_ELEMENT}"
    rf"|{_TAG.pattern}"
    r"|<[!?][^>]*>"
    rf"|({_REFERENCE})|(&|<|>)", re.S)
_ESCAPED = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def _escape(m: re.Match) -> str:
    bare = m.group(3)
    return _ESCAPED[bare] if bare else m.group(0)


def escaped_block_text(body: str) -> str:
    """`body` with the bare `&`, `<` and `>` of its HTML blocks' text escaped, as kramdown writes them."""
    probe = body.replace(VERBATIM, "").replace(VERBATIM_END, "") if VERBATIM in body else body
    return _PIECE.sub(_escape, body) if _has_bare(probe) else body


def _has_bare(body: str) -> bool:
    """Whether `body` may hold a character to escape: False only when every hit of the quick test is
    a `>` that ends the tag opened at the `<` before it (`<div class="x" >`, most hits: the whole
    body's tokenising is then saved)."""
    for m in _MAYBE.finditer(body):
        if m.group() != ">":
            return True
        start = body.rfind("<", 0, m.start())
        if start < 0 or _TAG.fullmatch(body, start, m.end()) is None:
            return True
    return False
