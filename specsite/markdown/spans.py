"""kramdown spans that cmark would read differently, lifted out before cmark runs and put back
after it: `$$math$$` and inline link URLs as written (spaces, quotes, backslashes)."""
from __future__ import annotations

import re

from .fences import fenced_lines

MATH = re.compile(r"(?<!\\)\$\$((?:(?!\n[ \t]*\n).)+?)\$\$", re.S)
_PARAGRAPH_END = re.compile(r"[ \t]*(?:\n[ \t]*\n|\n?\Z)")
MATH_MARK = re.compile(r"specsite-math-(\d+)")
MATH_BLOCK = re.compile(r'<p data-sourcepos="[^"]*">specsite-math-(\d+)</p>')
# kramdown's block math starts any block, a list item's first too: an item whose text is one `$$x$$`
# (before its nested list, if any)
MATH_ITEM = re.compile(r"(<li\b[^>]*>)specsite-math-(\d+)(?=</li>|\n<[ou]l[ >])")


def nth(items: list, m) -> str:
    """The lifted text a marker stands for (a marker-like text of the author's stays as it is)."""
    n = int(m.group(1))
    return items[n] if n < len(items) else m.group(0)


def lift_math(text: str, maths: list) -> str:
    """kramdown's math (`$$x$$`, written by its mathjax engine as `\\(x\\)`, or `\\[x\\]` when it
    is a paragraph of its own) is swapped for a marker cmark keeps; not in code."""
    fenced = None
    out, pos = [], 0
    for m in MATH.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if text.count("`", line_start, m.start()) % 2:
            continue
        if "\n" in m.group(1) and not _PARAGRAPH_END.match(text, m.end()):
            continue  # (its line breaks are kept after the marker: only where the paragraph ends)
        if fenced is None:
            fenced = fenced_lines(text)
        if (fenced and text.count("\n", 0, m.start()) + 1 in fenced):
            continue
        out.append(text[pos:m.start()])
        out.append(f"specsite-math-{len(maths)}" + "\n" * m.group(1).count("\n"))
        maths.append(m.group(1))
        pos = m.end()
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def kdmath_text(body: str, maths: list) -> str:
    """kramdown's math with no math engine (`math_engine: null`, for KaTeX or MathJax 3 in the
    browser): convert_math writes the TeX as it is, unescaped, in a `kdmath` div (`$$` lines
    around it) or span (`$x$`)."""
    def block(tex: str) -> str:
        return f'<div class="kdmath">$$\n{tex.strip()}\n$$</div>'
    body = MATH_BLOCK.sub(lambda m: block(nth(maths, m)), body)
    if "<li" in body:
        body = MATH_ITEM.sub(lambda m: f"{m.group(1)}\n{block(maths[int(m.group(2))])}\n"
                             if int(m.group(2)) < len(maths) else m.group(0), body)
    return MATH_MARK.sub(lambda m: f'<span class="kdmath">${nth(maths, m)}$</span>', body)


# an inline link's URL with a space, backslash or quote before its `)` (only its truth is read): the
# possessive run stops at the first of them (`[^)\n]*` ran to the `)` and backtracked over every URL)
ODD_URL = re.compile(r"\]\([^)\n \\\"']*+[ \\\"']")
URL_MARK = re.compile(r"specsite-url-(\d+)")


def kramdown_urls(text: str, urls: list) -> str:
    """kramdown takes an inline link's URL as written, up to the matching `)`: spaces, quotes and
    backslashes included (cmark stops at a space and reads `\\_` as `_`). Such URLs are swapped
    for a marker that cmark keeps, and put back as written after rendering."""
    fenced = None
    out, pos = [], 0
    for m in re.finditer(r"\]\(", text):
        start = m.end()
        if start < pos or text.startswith("<", start):
            continue
        depth, i = 1, start
        while i < len(text) and text[i] != "\n":
            ch = text[i]
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if not depth:
                    break
            elif ch in " \t" and text[i + 1:i + 2] in ("'", '"'):
                break  # a title follows: cmark reads it as kramdown does
            i += 1
        if i >= len(text) or text[i] != ")":
            continue
        url = text[start:i].strip()
        line_start = text.rfind("\n", 0, m.start()) + 1
        if not any(c in url for c in " \\\"'") or text.count("`", line_start, m.start()) % 2:
            continue
        if fenced is None:
            fenced = fenced_lines(text)
        if text.count("\n", 0, start) + 1 in fenced:
            continue
        out.append(text[pos:start])
        out.append(f"specsite-url-{len(urls)}")
        urls.append(url)
        pos = i
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)
