"""Footnotes in kramdown's markup (cmark-gfm writes its own): the reference
`<sup id="fnref:X" role="doc-noteref"><a href="#fn:X" class="footnote" rel="footnote">`, the
list `<div class="footnotes" role="doc-endnotes">` with `<li id="fn:X" role="doc-endnote">` and
back links `<a href="#fnref:X" class="reversefootnote" role="doc-backlink">&#8617;</a>`; the
n-th further reference to a note is `fnref:X:n` (cmark: `fnref:X-(n+1)`)."""
from __future__ import annotations

import re

from .quoted import SPAN_MARK
from .rawhtml import SPAN_ELEMENTS

_REF = re.compile(r'<sup class="footnote-ref"><a href="#fn:([^"]*)" id="fnref:([^"]*)" data-footnote-ref>(.*?)</a></sup>')
_BACK = re.compile(r'<a href="#fnref:([^"]*)" class="footnote-backref"[^>]*>↩(?:<sup class="footnote-ref">(\d+)</sup>)?</a>')
_SECTION = re.compile(r'<section class="footnotes" data-footnotes>(.*?)</section>', re.S)
_ITEM = re.compile(r'<li id="fn:([^"]*)">')
_BACK_SPACE = re.compile(r' <a(?= href="#fnref:[^"]*" class="footnote-backref")')


def _ref_id(ref: str, names: set) -> str:
    base, _, n = ref.rpartition("-")
    if ref in names or base not in names or not n.isdigit():
        return ref
    return f"{base}:{int(n) - 1}"


def kramdown_footnotes(body: str) -> str:
    if 'data-footnote' not in body:
        return body
    names = set(_ITEM.findall(body))
    body = _REF.sub(lambda m: f'<sup id="fnref:{_ref_id(m.group(2), names)}" '
                    f'role="doc-noteref"><a href="#fn:{m.group(1)}" class="footnote" rel="footnote">{m.group(3)}</a></sup>',
                    body)

    def section(m):
        inner = _ITEM.sub(r'<li id="fn:\1" role="doc-endnote">', m.group(1))
        inner = _BACK_SPACE.sub("\u00a0<a", inner)  # kramdown puts a no-break space before each back link
        inner = _BACK.sub(lambda b: f'<a href="#fnref:{_ref_id(b.group(1), names)}" class="reversefootnote" role="doc-backlink">'
                          f'&#8617;{f"<sup>{b.group(2)}</sup>" if b.group(2) else ""}</a>', inner)
        if "doc-endnote\">\n<a" in inner or "doc-endnote\"><a" in inner:
            inner = _EMPTY_NOTE.sub(r"\1<p>\2</p>", inner)
        return f'<div class="footnotes" role="doc-endnotes">{inner}</div>'
    return _SECTION.sub(section, body)


# a note with no content (`[^x]:` alone): kramdown puts its back link in a paragraph of its own
# (convert_footnote: the last child is no paragraph, so a new one takes the link)
_BACKLINK = r'<a href="#fnref:[^"]*" class="reversefootnote"[^>]*>[^<]*(?:<sup>\d+</sup>)?</a>'
_EMPTY_NOTE = re.compile(rf'(<li id="fn:[^"]*" role="doc-endnote">\s*)({_BACKLINK}(?:[\s\u00a0]*{_BACKLINK})*)(?=\s*</li>)')


_CMARK_REF = re.compile(r'<sup class="footnote-ref"><a href="#fn-([^"]*)" id="fnref-([^"]*)" data-footnote-ref>(.*?)</a></sup>')
_CMARK_ITEM = re.compile(r'<li id="fn-([^"]*)">')


def kramdown_refs(refs: str, body: str) -> str:
    """cmark-gfm's references in `refs` in kramdown's markup, their note names those of `body`'s
    (cmark's) footnote section: for references that leave the run they were numbered in (an
    HTML element's markdown, tablehtml.island_footnotes_in) before the run's own are rewritten."""
    if "footnote-ref" not in refs:
        return refs
    names = set(_CMARK_ITEM.findall(body))
    return _CMARK_REF.sub(lambda m: f'<sup id="fnref:{_ref_id(m.group(2), names)}" role="doc-noteref">'
                          f'<a href="#fn:{m.group(1)}" class="footnote" rel="footnote">{m.group(3)}</a></sup>', refs)


_ANY_REF = re.compile(r"(?<!\\)\[\^([^\]\n]*)\]")
_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*\Z")  # ALD_ID_NAME: Ruby's \w is ASCII
_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\n]+)\]:")
# a line after which kramdown starts a new block: a footnote's first line (its text is that line
# and the indented ones after it) or a link definition's; a paragraph would read on
_ENDS_BLOCK = re.compile(r" {0,3}\[[^\]\n]+\]:")


def kramdown_footnote_names(lines: list) -> None:
    """kramdown's footnote name is ALD_ID_NAME (`\\w[\\w-]*`): `[^note\\_1]` or `[^a b]` is text to
    it (no link starts with `[^`), and a `[^note\\_1]: ...` line after a blank line is a link
    definition, which writes nothing; cmark-gfm takes any label as a footnote's."""
    from .fences import fenced_lines
    from .text import outside_code_spans

    def refs(text: str) -> str:
        return _ANY_REF.sub(_kramdown_ref, text)
    fenced = fenced_lines("\n".join(lines))
    for i, line in enumerate(lines):
        if "[^" not in line or i + 1 in fenced:
            continue
        d = _DEFINITION.match(line)
        if d and not _NAME.match(d.group(1)) and _after_block(lines, i):
            lines[i] = ""
        elif any(not _NAME.match(m.group(1)) or line[m.end():m.end() + 1] in ("(", "[")
                 for m in _ANY_REF.finditer(line)):
            lines[i] = outside_code_spans(line, refs)


def _kramdown_ref(m: re.Match) -> str:
    """A `[^x]` as kramdown's footnote marker reads it: text when x is no ALD_ID_NAME; a marker
    before a `(` or `[` too (FOOTNOTE_MARKER_START is tried before a link's start at the same
    `[`), which cmark would read as a link's text: SPAN_MARK between (written as nothing)."""
    if not _NAME.match(m.group(1)):
        return "\\" + m.group(0)
    after = m.string[m.end():m.end() + 1]
    return m.group(0) + SPAN_MARK if after in ("(", "[") else m.group(0)


def _after_block(lines: list, i: int) -> bool:
    """Line i starts a block to kramdown: it is the first, or the lines above it up to a blank one
    are definitions (a paragraph's line would read on: no definition ends a paragraph)."""
    while i > 0 and lines[i - 1].strip():
        if not _ENDS_BLOCK.match(lines[i - 1]):
            return False
        i -= 1
    return True


# the lines after which a `[^x]:` line starts a block in kramdown: a heading, a definition (link,
# footnote, abbreviation), a table row, a tag, an IAL, a fence, a rule or setext underline
# (U+E041: a table's footnote carrier, tables.FN_CARRIER, a paragraph of its own in the page's run)
_ONE_LINE_BLOCK = re.compile(r" {0,3}(?:[#|<\ue041]|\{:|\*?\[[^\]\n]*\]:|```|~~~|([-*_=])(?:[ \t]*\1)*[ \t]*$)")


def definitions_in_paragraphs(lines: list) -> None:
    """kramdown's footnote definition does not end a paragraph (PARAGRAPH_END has no
    FOOTNOTE_DEFINITION_START): under a text line, of a paragraph, an item, a quote or a note's
    indented lines (its lazy lines), `[^x]: ...` is that paragraph's text, `[^x]` a reference where
    note x is defined elsewhere. cmark-gfm's definition interrupts the paragraph: its colon is
    escaped, so that cmark reads the line on as kramdown does."""
    from .fences import fenced_lines
    fenced = None
    for i in range(1, len(lines)):
        line, prev = lines[i], lines[i - 1]
        if "[^" not in line[:6] or not prev.strip() or _ONE_LINE_BLOCK.match(prev) or not _NOTE_LINE.match(line):
            continue
        if prev.startswith(("    ", "\t")) and not _note_lines_above(lines, i - 1):
            continue  # (indented code's lazy lines are code: lazy_code_lines' work)
        fenced = fenced_lines("\n".join(lines)) if fenced is None else fenced
        if i + 1 not in fenced and i not in fenced:
            end = line.index("]:")
            lines[i] = line[:end + 1] + "\\" + line[end + 1:]


def _note_lines_above(lines: list, k: int) -> bool:
    """Whether indented line k is one of a note's lines (those up to its `[^x]:` line, no blank)."""
    while k > 0 and lines[k].startswith(("    ", "\t")) and lines[k - 1].strip():
        k -= 1
    return _NOTE_LINE.match(lines[k]) is not None


# a footnote definition's first line (kramdown's ALD_ID_NAME), and the lines that start a block
# of their own after it: a tag that is no span element's, an island's marker, a definition
_NOTE_LINE = re.compile(r" {0,3}\[\^\w[\w-]*\]:")
_STARTS_BLOCK = re.compile(r" {0,3}(?:[#>|`~]|[-+*][ \t]|\d+\.[ \t]|\{:|\[[^\]\n]*\]:|<!--|</?(?!(?:"
                           + "|".join(sorted(SPAN_ELEMENTS)) + r")(?![\w:-]))[A-Za-z])", re.I)


_RUBY_BLANK = " \t\r\f\v"  # (kramdown's BLANK_LINE: a line of U+3000 is text)


def paragraphs_after_notes(lines: list, islands: list) -> None:
    """kramdown's footnote definition is its first line and the indented lines after it
    (FOOTNOTE_DEFINITION_START: `.*?\n` then CODEBLOCK_MATCH); an unindented text line right
    after the first line starts a paragraph of the page. cmark-gfm reads that line as the note's
    (a lazy line): the paragraph, up to a blank line or a block's start, becomes a span island."""
    from .lists import lift_island
    from .fences import fenced_lines
    fenced = None
    i = 1
    while i < len(lines):
        line = lines[i]
        if not line.strip(_RUBY_BLANK) or line.startswith(("    ", "\t")) or "[^" not in lines[i - 1][:6] \
                or not _NOTE_LINE.match(lines[i - 1]) or _STARTS_BLOCK.match(line):
            i += 1
            continue
        if fenced is None:
            fenced = fenced_lines("\n".join(lines))
        if i in fenced or i + 1 in fenced:
            i += 1
            continue
        end = i + 1
        while end < len(lines) and lines[end].strip(_RUBY_BLANK) and not _STARTS_BLOCK.match(lines[end]):
            end += 1
        text = "\n".join(lines[k].lstrip(" \t") for k in range(i, end))
        lift_island(lines, islands, i, end, ("span", "<p>", text, i + 1, "</p>"))
        i = end
