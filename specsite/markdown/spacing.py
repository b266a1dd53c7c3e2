"""kramdown's whitespace inside spans and around blocks where cmark writes it otherwise: a code
span's line breaks (kept_code_newlines), a markdown="span" element's indents (kept_span_space),
the indent before a highlighted block's wrapper closes (rouge_indents), and the line breaks that
held an island's lines (unpadded_marks). The block layout itself is layout.py's."""
from __future__ import annotations

import re


def rouge_indents(body: str) -> str:
    """kramdown writes the indent of a highlighted code block before the close of its wrapper
    (`<div class="language-x highlighter-rouge">` + rouge's HTML + indent + `</div>`); a code
    block without highlighter has no wrapper (the mark just goes)."""
    return _INDENT_MARK.sub(lambda m: (" " * int(m.group(1)) + "</div>") if m.group(0)[:6] == "</div>" else "", body)


_INDENT_MARK = re.compile(r"<(?:/div><)?!--ss-ind-(\d+)-->")  # ((?:</div>)?<!--… led by its `<`)


def kept_span_space(inner: str, frag: str) -> str:
    """A markdown="span" element's HTML (`frag`, of `inner` stripped) with the whitespace kramdown
    keeps: the content's leading and trailing whitespace and each line's indent (its span text is
    the content as written). The indents only when the lines are the content's, one for one."""
    core = inner.strip()
    lead, trail = inner[:len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()):]
    if "\n" in frag:
        written, lines = core.split("\n"), frag.split("\n")
        if len(written) == len(lines):
            frag = "\n".join([lines[0]] + [w[:len(w) - len(w.lstrip(" \t"))] + line
                                             for w, line in zip(written[1:], lines[1:])])
    return lead + frag + trail


_BLANK_RUN = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)*")
_PARAGRAPH_BREAK = re.compile('</p>\n<p data-sourcepos="[^"]*">(\u2e2e?)[ \t]*')  # (tables.SPAN_MARK, then the indent cmark kept)


def joined_span_paragraphs(core: str, frag: str) -> str:
    """A markdown="span" element's HTML (`frag`, of `core`, its content stripped) whose content has
    blank lines: kramdown parses it as span text, where a blank line is text (kept as written), and
    cmark made paragraphs of it; each paragraph break becomes the blank lines it was."""
    blanks = iter(_BLANK_RUN.findall(core))  # (their blanks: kept_span_space puts each line's back)
    return _PARAGRAPH_BREAK.sub(lambda m: "\n" * next(blanks, "\n\n").count("\n") + m.group(1), frag)


_TICKS = re.compile(r"``*")  # (`+ as a literal first: sre skips to each backtick)
_LINE_START = re.compile(r"\n[ \t>]*")


def kept_code_newlines(body: str, text: str) -> str:
    """kramdown keeps a code span's line breaks (its text is the source's, codespan.rb); cmark
    writes each as a space. Each code span of `text` over more than one line gets them back where
    `body` has it as cmark wrote it (the next lines' indent as written, else without the
    container's indent and quote marks)."""
    import html as _html
    runs = [m.span() for m in _TICKS.finditer(text)]
    count = len(runs)
    at = i = 0
    while i < count:
        start, end = runs[i]
        width = end - start
        if width >= 3:
            lead = text[text.rfind("\n", 0, start) + 1:start]
            if len(lead) <= 3 and not lead.strip(" "):
                i += 1  # (a fence, up to 3 spaces in: no code span)
                continue
        if i + 1 < count and runs[i + 1][1] - runs[i + 1][0] == width:
            j = i + 1  # (the next run closes it: most code spans)
        else:
            j = next((k for k in range(i + 2, min(count, i + 40)) if runs[k][1] - runs[k][0] == width), None)
            if j is None:
                i += 1
                continue
        close = runs[j][0]
        i = j + 1
        if text.find("\n", end, close) < 0:
            continue  # (on one line: most code spans)
        content = text[end:close]
        if "\n\n" in content:
            continue
        if "\u2e2e" in content:  # (tables.SPAN_MARK: gone from the body by now)
            content = content.replace("\u2e2e", "")
        if width > 1:  # (`` x ``: one space each side is the delimiters')
            content = content[1:] if content[:1] == " " else content
            content = content[:-1] if content[-1:] == " " else content
        for written in (content, _LINE_START.sub("\n", content)):
            cmark = "<code>" + _html.escape(written.replace("\n", " "), quote=False).replace('"', "&quot;") + "</code>"
            found = body.find(cmark, at)
            if found >= 0:
                kept = "<code>" + _html.escape(written, quote=False).replace('"', "&quot;") + "</code>"
                body = body[:found] + kept + body[found + len(cmark):]
                at = found + len(kept)
                break
    return body


_PADDED_MARK = re.compile(r"(<!--specsite-island-(\d+)-->)(\n*)")


def unpadded_marks(raw: str, islands: list) -> str:
    """A raw HTML block's island marks without the line breaks that kept the island's lines
    (islands.extract_islands): inside raw HTML they would be written."""
    def mark(m):
        n = int(m.group(2))
        if n >= len(islands):
            return m.group(0)
        _, open_html, inner, _, close_html = islands[n]
        pad = open_html.count("\n") + inner.count("\n") + close_html.count("\n")
        return m.group(1) + m.group(3)[pad:]
    return _PADDED_MARK.sub(mark, raw)
