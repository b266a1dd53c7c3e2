"""The text of an HTML block as kramdown writes it: its raw-HTML parser keeps each piece of text
between tags as a :text element, and the converter writes it with escape_html(:text)
(converter/html.rb): a `&` that starts no entity or character reference (REXML's REFERENCE_RE),
a `<` that starts no tag and every `>` are escaped; `"` is not. cmark passes an HTML block through
as written (its own text it escapes already), so the bare characters left in a rendered body are
the blocks'. A comment, a script's or style's text and {::nomarkdown} content are kept as is."""
from __future__ import annotations

import re

from .tagforms import VERBATIM, VERBATIM_END

_REFERENCE = r"&(?:[\w:][\-\w.:]*|#\d+|#x[0-9a-fA-F]+);"
# (a quick test: a bare `&`, a `<` that opens no tag, or a `>` after a blank or a character that
# ends no tag; a body without any is left alone)
_MAYBE = re.compile(rf"&(?!(?:[\w:][\-\w.:]*|#\d+|#x[0-9a-fA-F]+);)|<(?![A-Za-z/!?])|[^\w\"'/\-]>")
_PIECE = re.compile(
    rf"<!--(?:ss-verbatim-->.*?{re.escape(VERBATIM_END)}|.*?-->)"
    r"|<((?i:script|style))(?![\w:.-])[^>]*>.*?</(?i:\1)\s*>"
    r"""|</?[A-Za-z][\w:.-]*(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*/?>"""
    r"|<[!?][^>]*>"
    rf"|({_REFERENCE})|(&|<|>)", re.S)
_ESCAPED = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def _escape(m: re.Match) -> str:
    bare = m.group(3)
    return _ESCAPED[bare] if bare else m.group(0)


def escaped_block_text(body: str) -> str:
    """`body` with the bare `&`, `<` and `>` of its HTML blocks' text escaped, as kramdown writes them."""
    if VERBATIM in body and not _MAYBE.search(body.replace(VERBATIM, "").replace(VERBATIM_END, "")):
        return body
    return _PIECE.sub(_escape, body) if _MAYBE.search(body) else body
