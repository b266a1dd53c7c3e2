"""kramdown spans that cmark would read differently, lifted out before cmark runs and put back
after it: `$$math$$` and inline link URLs as written (spaces, quotes, backslashes)."""
from __future__ import annotations

import re

from .fences import fenced_lines
from .quoted import SPAN_MARK
from .rawhtml import SPAN_ELEMENTS

MATH = re.compile(r"(?<!\\)\$\$((?:(?!\n[ \t]*\n).)+?)\$\$", re.S)
_PARAGRAPH_END = re.compile(r"[ \t]*(?:\n[ \t]*\n|\n?\Z)")
MATH_CONT = "specsite-mathcont"
MATH_MARK = re.compile(r"specsite-math-(\d+)(?:\nspecsite-mathcont)*")
MATH_BLOCK = re.compile(r'<p data-sourcepos="[^"]*">specsite-math-(\d+)</p>')
# kramdown's block math starts any block, a list item's first too: an item whose text is one `$$x$$`
# (before its nested list, if any)
MATH_ITEM = re.compile(r"(<li\b[^>]*>)specsite-math-(\d+)(?=\n?</li>|\n<[ou]l[ >])")  # (`\n</li>`: a loose list's first item, its <p> gone)


def in_code_span(text: str, line_start: int, pos: int) -> bool:
    """Whether `pos` is inside a code span of its line: an odd count of backticks before it; where
    a backslash stands before a backtick, the line is scanned as kramdown's span parser reads it,
    left to right: outside code `\\`` is an escaped backtick, inside it the backslash is text
    (`` `C:\\` `` ends there)."""
    if "\\`" not in text[line_start:pos]:
        return text.count("`", line_start, pos) % 2 == 1
    i = line_start
    while True:
        m = _TICK_OR_ESCAPE.search(text, i, pos)
        if m is None:
            return False
        if m.group(1) is not None:  # (an escape: two characters, or a lone backslash)
            i = m.end()
            continue
        run, after = m.group(2), m.end()
        if len(run) == 1 and m.start() > line_start and text[m.start() - 1] in " \t" and text[after:after + 1] in " \t":
            i = after  # (parse_codespan: a lone backtick between spaces is text)
            continue
        close = text.find(run, after)
        end = text.find("\n\n", after)
        if close < 0 or (0 <= end < close):
            i = after
            continue
        if close + len(run) > pos:
            return True
        i = close + len(run)


_TICK_OR_ESCAPE = re.compile(r"(\\[\\.*_+`<>()\[\]{}#!:|\"'$=-]|\\)|(`+)")


def nth(items: list, m) -> str:
    """The lifted text a marker stands for (a marker-like text of the author's stays as it is)."""
    n = int(m.group(1))
    return items[n] if n < len(items) else m.group(0)


def lift_math(text: str, maths: list) -> str:
    """kramdown's math (`$$x$$`, written by its mathjax engine as `\\(x\\)`, or `\\[x\\]` when it
    is a paragraph of its own) is swapped for a marker cmark keeps; not in code."""
    fenced = None
    out, pos = [], 0
    m = MATH.search(text)
    while m is not None:
        line_start = text.rfind("\n", 0, m.start()) + 1
        if in_code_span(text, line_start, m.start()):  # (opened in a code span: its `$$` may close
            m = MATH.search(text, m.start() + 2)  # the span, and open one after the code)
            continue
        breaks = m.group(1).count("\n")
        # (its line breaks are kept after the marker: blank lines where the paragraph ends, in
        # a paragraph lines that hold MATH_CONT, which the marker's replacement takes too)
        cont = "\n" if not breaks or _PARAGRAPH_END.match(text, m.end()) else "\n" + MATH_CONT
        if fenced is None:
            fenced = fenced_lines(text)
        if (fenced and text.count("\n", 0, m.start()) + 1 in fenced and not _item_text(text, line_start)) \
                or _in_html_block(text, line_start):
            m = MATH.search(text, m.end())
            continue
        out.append(text[pos:m.start()])
        # (an `_` next to it: kramdown's emphasis sees no word character there, cmark's would
        # see the marker's letters; a punctuation mark between, written as nothing)
        lead = SPAN_MARK if text[m.start() - 1:m.start()] == "_" else ""
        # (and a digit next to it would read as the marker's number: `$$0 vers $$1`)
        after = text[m.end():m.end() + 1]
        trail = SPAN_MARK if after == "_" or after.isdigit() else ""
        out.append(f"{lead}specsite-math-{len(maths)}" + cont * breaks + trail)
        maths.append(m.group(1))
        pos = m.end()
        m = MATH.search(text, pos)
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


# a line that leads kramdown's block HTML: a tag at the margin, of no span element (nor a parsed one;
# an autolink's `<http:` is no tag)
_BLOCK_TAG_LINE = re.compile(r" {0,3}<(?!(?:" + "|".join(sorted(SPAN_ELEMENTS)) + r")[\s/>])[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$)(?![^\n>]*\smarkdown\s*=)", re.I | re.M)


def _in_html_block(text: str, line_start: int) -> bool:
    """Whether the line at `line_start` is in block HTML that starts at or above it in its run of
    lines (after a blank line): kramdown's raw HTML block, whose `$$` is text. A tag line ends a
    paragraph above it (LAZY_END_HTML_START), in a list item too (its indent read from the item's
    text column); cmark's HTML block starts there as well and runs to the blank line."""
    start = line_start
    while start > 0:
        before = text.rfind("\n", 0, start - 1) + 1
        if not text[before:start - 1].strip():
            break
        start = before
    item = _ITEM_START.match(text, start)
    column = item.end() - start if item else 0
    at = start
    while at <= line_start:
        lead = _SPACES.match(text, at).end() - at
        if text[at + lead:at + lead + 1] == "<" and (lead <= 3 or column <= lead <= column + 3) \
                and _BLOCK_TAG_LINE.match(text, at + lead - min(lead, 3)) is not None:
            return True
        at = text.find("\n", at, line_start + 1) + 1
        if not at:
            break
    return False


_ITEM_START = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+")
_SPACES = re.compile(r" *")


def _item_text(text: str, line_start: int) -> bool:
    """Whether the indented line at `line_start`, which fenced_lines counts as code, is a list item's
    text (indented up to three past the item's column, after a blank line: bullets.item_column),
    not inside a fence."""
    if text[line_start:line_start + 4] != "    ":
        return False
    from .bullets import item_column  # (rare: a `$$` in an indented line)
    number = text.count("\n", 0, line_start) + 1
    lines = text.split("\n")
    return item_column(lines, number - 1) is not None and number not in fenced_lines(text, indented=False)


def math_as_written(html_text: str, maths: list) -> str:
    """A raw HTML block's text (an island kramdown writes as it is) with its math markers put back
    as the `$$` they stand for."""
    out, pos = [], 0
    for m in _MARK_AT.finditer(html_text):
        n = int(m.group(1))
        if m.start() < pos or n >= len(maths):
            continue
        end = m.end()
        for _ in range(maths[n].count("\n")):  # (the marker's line breaks: lift_math's cont lines)
            end += 1 + (len(MATH_CONT) if html_text.startswith(MATH_CONT, end + 1) else 0)
        out.append(html_text[pos:m.start()] + f"$${maths[n]}$$")
        pos = end
    return "".join(out) + html_text[pos:] if out else html_text


_MARK_AT = re.compile(r"specsite-math-(\d+)")


RUBY_BLANKS = "\0\t\n\v\f\r "  # what Ruby's String#strip takes off (parse_inline_math strips the TeX)


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
    return MATH_MARK.sub(lambda m: f'<span class="kdmath">${nth(maths, m).strip(RUBY_BLANKS)}$</span>', body)


# an inline link's URL with a space, backslash or quote before its `)` (only its truth is read): the
# possessive run stops at the first of them (`[^)\n]*` ran to the `)` and backtracked over every URL)
ODD_URL = re.compile(r"\]\([^)\n \\\"']*+[ \\\"']")
# where a definition's label starts: a line's start, or a list item's first line or a quote's (kramdown
# reads an item's or a quote's text as a document of its own)
_DEF_LEAD = r"^(?:[ \t]*(?:>[ \t]?|[*+-][ \t]+|\d{1,9}[.)][ \t]+))* {0,3}\["
# a target `<…>` that ends the line (or a title does): kramdown's bracketed URL, as cmark's. One that
# text follows (`[comment]: <> For loop …`) is LINK_DEFINITION_START's bare target, `<>` and all
_NOT_BRACKETED = r"""(?!<[^>\n]*>[ \t]*(?:"[^\n]*"|'[^\n]*')?[ \t]*$)"""
ODD_DEF_URL = re.compile(_DEF_LEAD + r"[^\]\n]+\]:[ \t]*[^\s<]*\\", re.M)
# an inline link's start, or a definition's URL (kramdown's LINK_DEFINITION_START) with a backslash
_URL_START = re.compile(r"\]\(|" + _DEF_LEAD + r"(?!\^)[^\]\n]+\]:[ \t]*(?:([^\s<]*\\\S*)(?=[ \t]*$|[ \t]+[\"'])"
                        r"|" + _NOT_BRACKETED + r"([^\s\"'][^\n]*?[ \t][^\n]*?\S)(?=[ \t]+([\"'])[^\n]*\3[ \t]*$|[ \t]*$))", re.M)
# a definition whose target has a space in it (LINK_DEFINITION_START: the rest of the line, or up
# to a title at its end), which cmark reads as no definition
SPACED_DEF_URL = re.compile(_DEF_LEAD + r"(?!\^)[^\]\n]+\]:[ \t]*" + _NOT_BRACKETED + r"[^\s\"'][^\n]*?[ \t]+[^\s\"']",
                            re.M)
_TITLE = re.compile(r"[ \t]+([\"']).+?\1[ \t]*\)")
URL_MARK = re.compile(r"specsite-url-(\d+)")


def kramdown_urls(text: str, urls: list) -> str:
    """kramdown takes an inline link's URL as written, up to the matching `)` or a title (or
    inside `<...>`): spaces, quotes and backslashes included (cmark stops at a space and reads
    `\\_` as `_`), and a definition's too (parse_link_definition). Such URLs are swapped for a
    marker that cmark keeps, and put back as written after rendering. A title is read as
    kramdown's LINK_INLINE_TITLE_RE does (titled)."""
    fenced = None
    out, pos = [], 0
    for m in _URL_START.finditer(text):
        start = m.end()
        if start < pos:
            continue
        title = None
        if m.group(1):  # a definition `[id]: url` with a backslash in the url
            url, start, end = m.group(1), m.start(1), m.end(1)
        elif m.group(2):  # a definition whose url has a space: kramdown's unless it holds ` "` or ` '`
            url, start, end = m.group(2), m.start(2), m.end(2)
            if re.search(r"[ \t]+[\"']", url):
                continue
        elif text.startswith("<", start):  # `](<url>)`
            end = text.find(">", start)
            if end < 0 or "\n" in text[start:end] or not (
                    text.startswith(")", end + 1) or _TITLE.match(text, end + 1)):
                continue
            if not text.startswith(")", end + 1):
                title = titled(text, end + 1)
            url, end = text[start + 1:end], end + 1
        else:
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
                    break  # a title follows (kramdown's LINK_INLINE_TITLE_RE): the URL ends here
                i += 1
            if i >= len(text) or text[i] == "\n":
                continue
            if text[i] != ")":  # (a title follows)
                title = titled(text, i)
            url, end = text[start:i].strip(), i
        line_start = text.rfind("\n", 0, m.start()) + 1
        odd_url = any(c in url for c in " \\\"'")
        if not (odd_url or title) or text.count("`", line_start, m.start()) % 2:
            continue
        if fenced is None:
            fenced = fenced_lines(text)
        if text.count("\n", 0, start) + 1 in fenced:
            continue
        if odd_url:
            out.append(text[pos:start])
            out.append(f"specsite-url-{len(urls)}")
            urls.append(url)
            pos = end
        if title:
            at, new = title
            out.append(text[pos:at[0]])
            out.append(new)
            pos = at[1]
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


# kramdown's LINK_INLINE_TITLE_RE (`\s*?(["'])(.+?)\1\s*?\)`, /m): the shortest run ending in its
# opening quote then `)`, in the paragraph's text (kramdown parses spans a block at a time)
_KRAMDOWN_TITLE = re.compile(r"\s*?([\"'])(.+?)\1\s*?\)", re.S)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def titled(text: str, i: int):
    """The edit that makes cmark read the title after an inline link's URL (at `i`) as kramdown
    does, ((start, end), new text), or "" when cmark reads it alike. A title holding its own
    quote gets entities for it; where kramdown reads no title the link is text, so its `(` is
    escaped (cmark could read a link, e.g. with the empty title `""`)."""
    blank = _BLANK_LINE.search(text, i)
    m = _KRAMDOWN_TITLE.match(text, i, blank.start() if blank else len(text))
    if m is None:
        at = text.rfind("](", 0, i) + 1
        return (at, at), "\\"
    quote, title = m.group(1), m.group(2)
    if quote not in title:
        return ""
    from .linkdefs import quote_entities
    return m.span(2), quote_entities(title, quote)


# an inline image (or one referenced by an id) whose alt text cmark would write otherwise than kramdown: kramdown's alt is the
# text as written, its backslash escapes taken out (parse_link: extract_string ... gsub(ESCAPED_CHARS));
# cmark's is the plain text of the parsed spans, smart quotes, dashes and emphasis applied
_ODD_ALT = re.compile(r"!\[([^\[\]\n<]*?['\"*_`\\&.-][^\[\]\n<]*?)\](?:\((?=[^)\n]*\))|\[(?=[^\]\n]+\]))")
ALT_MARK = re.compile(r'alt="specsite-alt-(\d+)"')
_KRAMDOWN_ESCAPED = re.compile(r"\\([\\.*_+`<>()\[\]{}#!:|\"'$=-])")


ALT_LEFT = re.compile(r"specsite-alt-(\d+)")  # a marker no image took (raw HTML: the text as written)


def lift_alts(text: str, alts: list, written: list) -> str:
    """Each such alt text swapped for a marker; `alts` gets kramdown's attribute value, `written`
    the text as written (for a marker that cmark wrote as text: in an HTML block, kramdown's raw)."""
    fenced = None

    def one(m):
        nonlocal fenced
        line_start = text.rfind("\n", 0, m.start()) + 1
        if in_code_span(text, line_start, m.start()):
            return m.group(0)
        if fenced is None:
            fenced = fenced_lines(text)
        if text.count("\n", 0, m.start()) + 1 in fenced:
            return m.group(0)
        alt = _KRAMDOWN_ESCAPED.sub(r"\1", m.group(1))
        alts.append(alt.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;"))
        written.append(m.group(1))
        return f"![specsite-alt-{len(alts) - 1}]" + m.group(0)[-1]  # (an inline one, or a reference by id)
    return _ODD_ALT.sub(one, text)


_BACKSLASH_BREAK = re.compile(r"(?<!\\)((?:\\\\)*\\)\n")


def literal_backslash_breaks(inner: str) -> str:
    """The markdown of an HTML element (`markdown="1"`, parse_block_html) with a SPAN_MARK after
    each line-final backslash (no cmark break, no kramdown `\\\\`; dropped from the HTML):
    kramdown-parser-gfm turns `\\` + line end into a line break in its
    update_elements, which leaves an :html_element and everything in it alone, so there the
    backslash stays text (cmark would break the line). Code (fenced, indented, spans) is left."""
    fenced = None
    out, pos = [], 0
    for m in _BACKSLASH_BREAK.finditer(inner):
        line_start = inner.rfind("\n", 0, m.start()) + 1
        if fenced is None:
            fenced = fenced_lines(inner)
        if inner.count("\n", 0, m.start()) + 1 in fenced or in_code_span(inner, line_start, m.end(1) - 1):
            continue
        out.append(inner[pos:m.end(1)])
        out.append(SPAN_MARK)
        pos = m.end(1)
    if not out:
        return inner
    out.append(inner[pos:])
    return "".join(out)


_ANGLE_URL = re.compile(r"\]\(<[^<>\n]*>")  # (an inline link's `<url>`: no tag)


def backslash_breaks_in_spans(text: str) -> str:
    """A line-final backslash inside a span element's tags in a paragraph (`<span markdown="1">`,
    `<a>`, ...) stays text, as in an HTML block's markdown: kramdown-parser-gfm's update_elements
    leaves an :html_element's children alone (literal_backslash_breaks' SPAN_MARK after it)."""
    from .lazyend import open_at_end  # (rare: imported when a page needs it)
    from .rawhtml import SPAN_ELEMENTS
    fenced = None
    out, pos = [], 0
    for m in _BACKSLASH_BREAK.finditer(text):
        blank = text.rfind("\n\n", 0, m.start())
        para = text[blank + 2 if blank >= 0 else 0:m.start()]
        if "<" not in para:
            continue
        open_names = open_at_end(_ANGLE_URL.sub("](", para) if "](<" in para else para)
        if not open_names or open_names[-1] not in SPAN_ELEMENTS or (
                para.lstrip(" ")[:1] == "<" and not para.lstrip(" ")[1:2].isspace()
                and para.lstrip(" <").split(None, 1)[0].split(">")[0].lower() not in SPAN_ELEMENTS):
            continue  # (no span open there, or the paragraph is an HTML block's raw lines)
        if fenced is None:
            fenced = fenced_lines(text)
        line_start = text.rfind("\n", 0, m.start()) + 1
        if text.count("\n", 0, m.start()) + 1 in fenced or in_code_span(text, line_start, m.end(1) - 1):
            continue
        out.append(text[pos:m.end(1)])
        out.append(SPAN_MARK)
        pos = m.end(1)
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)
