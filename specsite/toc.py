"""The page's table of contents as HTML, written in Python: exactly what the theme's
partials/toc.html renders (tests/test_toc_html.py compares the two on random TOCs), in a
fraction of the time (Jinja's loop with previtem/nextitem was a third of a page's render).
Used only with specsite's own templates; a site's templates/ may override the partial."""
from __future__ import annotations

from markupsafe import escape

_HEAD = ('\n<nav class="toc" aria-labelledby="toc-title">\n<details open>\n'
         '<summary><h2 id="toc-title">Contents</h2></summary>\n<ul>')
_TAIL = "\n</ul>\n</details>\n</nav>"


def escaped(value) -> str:
    """markupsafe's escape of a value as text: a plain string without `& < > ' "` (most ids and
    headings) is itself, without the call and the Markup escape makes (a fifth of a theme page's
    render went to escape, called ~50 times a page)."""
    if type(value) is str and not ("&" in value or "<" in value or ">" in value or "'" in value or '"' in value):
        return value
    return escape(value)


def toc_html(toc: list) -> str:
    """toc: [{level, id, text}], flat; level-3 entries nest under the preceding level-2 entry."""
    if not toc:
        return ""
    out = [_HEAD]
    last = len(toc) - 1
    subs = [item["level"] > 2 for item in toc]
    for i, item in enumerate(toc):
        sub = subs[i]
        next_sub = i < last and subs[i + 1]
        if sub and not (i and subs[i - 1]):
            out.append("\n<li>\n<ul>" if i == 0 else "\n<ul>")
        out.append(f'\n<li><a href="#{escaped(item["id"])}">{escaped(item["text"])}</a>')
        if sub or not next_sub:
            out.append("</li>")
        if sub and not next_sub:
            out.append("\n</ul>\n</li>")
    out.append(_TAIL)
    return "".join(out)
