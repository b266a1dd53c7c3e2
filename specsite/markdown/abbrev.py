"""kramdown's abbreviations: `*[HTML]: Hyper Text Markup Language` defines an abbreviation for
the whole document (the line writes nothing), and every occurrence of it as a word in text —
not in code, nor in raw HTML blocks — becomes `<abbr title="…">HTML</abbr>`."""
from __future__ import annotations

import html
import re

from .fences import fenced_lines

_DEFINITION = re.compile(r"^ {0,3}\*\[([^\]\n]+)\]:[ \t]*(.*)$", re.M)
# (and the renderer's markers of a raw span or math, elements to kramdown: the text after one
# starts anew, its word boundary at its start)
_TAG_OR_SKIPPED = re.compile(r"<(code|pre|script|style|abbr)\b.*?</\1>|<!--.*?-->|<[^>]*>"
                             r"|specsite-(?:rawspan|math)-\d+", re.S | re.I)


def lift_abbreviations(text: str):
    """(text with each definition line emptied, {abbreviation: title}); not in fenced code."""
    found, fenced = {}, None

    def take(m):
        nonlocal fenced
        if fenced is None:
            fenced = fenced_lines(text)
        if (fenced and text.count("\n", 0, m.start()) + 1 in fenced):
            return m.group(0)
        if m.start() and _in_paragraph(text, m.start()):
            return m.group(0)
        found[m.group(1)] = m.group(2).strip()
        return ""
    return _DEFINITION.sub(take, text), found


# a line after which a block may start: blank, a heading, a rule or setext underline, a fence's
# mark, an IAL, a definition (list and quote marks before it read through)
_BLOCK_ENDS = re.compile(r"[ \t]*(?:(?:>[ \t]?)*(?:[-*+][ \t]+|\d+\.[ \t]+)?)(?:$|#|\*\[|\{:|```|~~~|\[[^\]]+\]:"
                         r"|(?:[-*_=][ \t]*){3,}$)")


def _in_paragraph(text: str, start: int) -> bool:
    """kramdown's abbreviation definition is a block: under a paragraph's (or an item's) text line
    it is more of that text, no definition."""
    prev = text[text.rfind("\n", 0, start - 1) + 1:start - 1]
    return _BLOCK_ENDS.match(prev) is None


def abbreviate(out: str, abbrevs: dict) -> str:
    """Wrap the abbreviations in the text between tags (longest first, on word boundaries)."""
    names = sorted(abbrevs, key=len, reverse=True)
    # (kramdown's word boundaries are Ruby's \W and \w, ASCII: `日本HTML語` and `éHTML` hold HTML)
    word = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.ASCII)

    def wrap(m):
        title = abbrevs[m.group(1)]
        return f'<abbr title="{html.escape(title)}">{m.group(1)}</abbr>' if title else f"<abbr>{m.group(1)}</abbr>"
    pieces, pos = [], 0
    for t in _TAG_OR_SKIPPED.finditer(out):
        pieces.append(word.sub(wrap, out[pos:t.start()]))
        pieces.append(t.group(0))
        pos = t.end()
    pieces.append(word.sub(wrap, out[pos:]))
    return "".join(pieces)


_SCOPE = re.compile(r'(<(p|h[1-6]|li|dt|dd|th|td) data-sourcepos="[^"]*"[^>]*>)(.*?)(</\2>)', re.S)


def abbreviate_blocks(out: str, abbrevs: dict) -> str:
    """Abbreviations in the text of the blocks cmark wrote (they carry data-sourcepos): the raw
    HTML blocks cmark passed through are left as written, as kramdown leaves raw HTML."""
    return _SCOPE.sub(lambda m: m.group(1) + abbreviate(m.group(3), abbrevs) + m.group(4), out)
