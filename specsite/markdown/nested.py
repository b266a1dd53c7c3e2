"""Markdown inside the HTML elements of a rendered body (`markdown="1"`/`"span"` that an HTML block
kept as written): converted in place by the page's renderer, as kramdown reads it."""
from __future__ import annotations

import html
import re

from .blockhtml import matching_close
from .islands import ISLAND_OPEN
from .rawhtml import CONTENT_MODEL_SPAN
from .scan import SOURCEPOS, comment_spans, inside
from .tablehtml import unwrap_p


_HEADING_OPEN = re.compile(r"<h[1-6] ")


def _without_sourcepos(frag: str) -> str:
    """The fragment's tags without their lines, but for its headings', which the page's heading
    pass reads (their ids, the table of contents)."""
    if "<h" not in frag:
        return SOURCEPOS.sub("", frag)
    return SOURCEPOS.sub(lambda m: m.group(0) if _HEADING_OPEN.match(frag, frag.rfind("<", 0, m.start())) else "", frag)


def _around(inner: str, core: str, frag: str) -> str:
    """`frag` (the rendered `core`) with the whitespace that stood around `core` in `inner`."""
    lead = len(inner) - len(inner.lstrip())
    return inner[:lead] + frag + inner[lead + len(core):]


_TEXT_OPEN = re.compile(r'<(?:p|h[1-6]) data-sourcepos="')


def _in_paragraph(body: str, at: int) -> bool:
    """Whether `at` is inside a paragraph, heading or table cell cmark wrote (its text read as markdown there:
    a span element's markdown="1" content is the paragraph's own text to kramdown, parsed once)."""
    closed = max(body.rfind("</p>", 0, at), body.rfind("</h", 0, at))
    if _TEXT_OPEN.search(body, max(closed, 0), at) is not None:
        return True
    table = body.rfind("<table", 0, at)  # (a cell of a table specsite wrote: its text is cmark's too)
    return table >= 0 and body.startswith("<table data-sourcepos=", table) and body.find("</table>", table, at) < 0


def _in_verbatim(body: str, at: int) -> bool:
    """Whether `at` is between tagforms' VERBATIM marks (a {::nomarkdown} block's text)."""
    return body.rfind("<!--ss-verbatim-->", 0, at) > body.rfind("<!--/ss-verbatim-->", 0, at)


def nested_markdown(renderer, body: str) -> str:
    """`<td><div markdown="span">**x**</div></td>` inside an HTML block: kramdown reads the
    element's content as markdown wherever the element stands, and drops the attribute. Inside an
    HTML comment it is comment text (kramdown's :xml_comment is written as read), left as it is."""
    out, pos, comments = [], 0, None
    for m in ISLAND_OPEN.finditer(body):
        if m.start() < pos:
            continue
        if comments is None:
            comments = comment_spans(body)
        if comments and inside(comments, m.start()):
            continue
        if "<!--ss-verbatim-->" in body and _in_verbatim(body, m.start()):
            continue  # ({::nomarkdown} text: as written, its markdown attribute too)
        tag = m.group(1)
        if m.group(4) != "0" and tag.lower() in CONTENT_MODEL_SPAN and _in_paragraph(body, m.start()):
            out.append(body[pos:m.start()])  # (cmark read its content in the paragraph, once, as kramdown
            out.append(f"<{tag}{((m.group(2) or '') + m.group(5)).rstrip()}>")  # does: the attribute goes)
            pos = m.end()
            continue
        close_start, close_end = matching_close(body, tag, m.end())
        if close_start < 0:
            continue
        mode = m.group(4)
        inner = html.unescape(body[m.end():close_start]) if "&" in body[m.end():close_start] and \
            "<" not in body[m.end():close_start] else body[m.end():close_start]
        if mode not in ("1", "block", "span"):  # ("0", another value or none: raw, the attribute dropped)
            frag = body[m.end():close_start]
        elif mode == "span" or (mode == "1" and tag.lower() in CONTENT_MODEL_SPAN):
            core = inner.strip()  # (kramdown's span text keeps the blanks around it: add_text)
            frag, _ = renderer._fragment(core, 0, False, span=True)
            frag = _around(inner, core, unwrap_p(frag)) if core else unwrap_p(frag)
        else:
            frag, sub_ials = renderer._fragment(inner, 0, True)
            frag = renderer._apply_ials(frag, sub_ials)
        attrs = ((m.group(2) or "") + m.group(5)).rstrip()
        out.append(body[pos:m.start()])
        out.append(f"<{tag}{attrs}>{_without_sourcepos(frag)}{body[close_start:close_end]}")
        pos = close_end
    if not out:
        return body
    out.append(body[pos:])
    return "".join(out)

