"""Liquid 5.4's escape_once (StandardFilters): `<`, `>`, `"`, `'` and each `&` that does not
start a named or decimal entity are escaped (ESCAPE_ONCE_REGEX); python-liquid's unescapes the
whole text first, so `&#8617;` became the character and `&#xfe0e;` (hex: Ruby escapes its `&`)
was kept."""
from __future__ import annotations

from ..lazy_re import LazyPattern

_ESCAPE_ONCE = LazyPattern(r"""["><']|&(?!(?:[a-zA-Z]+|#\d+);)""")
_HTML_ESCAPE = {"&": "&amp;", ">": "&gt;", "<": "&lt;", '"': "&quot;", "'": "&#39;"}


_CGI_ESCAPE = LazyPattern(r"[&<>\"']")


def cgi_escape_html(text: str) -> str:
    """Ruby's CGI.escapeHTML, which Liquid's `escape` (alias `h`) calls: `'` is `&#39;`."""
    return _CGI_ESCAPE.sub(lambda m: _HTML_ESCAPE[m.group(0)], text)


def escape_once(value):
    """`value` as Ruby's `{{ value | escape_once }}` writes it (Liquid 5.4: `input.to_s.gsub(...)`,
    so nil is "")."""
    if value is None:
        return ""
    from .rubystr import to_s  # (input.to_s: true, a list's inspect, a time's Ruby form)
    return _ESCAPE_ONCE.sub(lambda m: _HTML_ESCAPE[m.group(0)[0]], to_s(value))
