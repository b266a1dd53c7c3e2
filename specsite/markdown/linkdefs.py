"""kramdown's duplicate link definitions: the last one wins.

kramdown's parse_link_definition stores each definition under its normalised id (whitespace
runs made one space, downcased) and overwrites an earlier one ("Duplicate link ID … -
overwriting"); cmark keeps the first. A FHIR implementation guide's shared link list defines
`[profiles]` (the core spec) and `[Profiles]` (the guide's page): Jekyll links `[Profiles]`
to the later. So each earlier definition of a duplicated id is given the last one's target
and title, on its own line (line numbers stay as they are)."""
from __future__ import annotations

import re
from bisect import bisect_right

from ..rubycase import ruby_downcase
from .defcode import KRAMDOWN_DEF as _KRAMDOWN_DEF, code_after_definitions

# a one-line definition (kramdown's LINK_DEFINITION_START, its title on the same line or alone on
# the next); the label's closing `]:`, then the target and optional title as written, then the
# next line's title
# (in a quote, a list item's first line or its indented content too: kramdown reads those as well)
_DEF = re.compile(r"^((?:[ \t]*(?:> ?|[*+-][ \t]+|\d{1,9}[.)][ \t]+))*[ \t]*\[(?!\^)([^\]\n]+)\]:)"
                  r"([ \t]*\S.*)((?:\n[ \t]*([\"'])[^\n]*\5[ \t]*)(?=\n|\Z))?", re.M)


def _definitions(text: str, pattern=_DEF):
    """pattern.finditer(text) for _DEF (or KRAMDOWN_DEF), only the lines that can start a match
    tried: its `^` (re.M) made sre try the pattern at every character. A match starts a line whose
    label ends `]:` on it; each is tried with pattern.match from the line's start, from the last
    match's end on, as finditer tries."""
    end, at = 0, text.find("]:")
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        if start >= end:
            m = pattern.match(text, start)
            if m is not None:
                yield m
                end = m.end()
        at = text.find("\n", at)
        if at < 0:
            return
        at = text.find("]:", at + 1)


_ITEM = re.compile(r" *(?:[*+-]|\d{1,9}[.)])(?: +|$)")
_TITLED = re.compile(r"[ \t]([\"']).*\1[ \t]*$")  # a target with its title on its line
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ITEM_FENCE = re.compile(r"^[ \t]{4,}(`{3,}|~{3,})")  # (a list item's: definitions are read at any indentation)
# an HTML block of raw text (cmark's kind 1, kramdown's raw HTML): a definition there is text
_RAW_START = re.compile(r"^ {0,3}<(pre|script|style|textarea)(?=[\s>]|$)", re.I)


# a label alone on its line: cmark reads a definition whose target is on the next line,
# kramdown's LINK_DEFINITION_START wants the target on the label's line (else it is text)
# (at a line's start, in a quote or a list item's first line too)
_BARE = re.compile(r"^((?: {0,3}(?:> ?|[*+-][ \t]+|\d{1,9}[.)][ \t]+))* {0,3}\[(?!\^)[^\]\n]+\]):(?=[ \t]*$)", re.M)


def _bare_label(text: str) -> bool:
    """_BARE.search(text) is not None, tried only at the start of a line with a `]:` on it (as
    _definitions tries: a match's label ends on its first line)."""
    return next(_definitions(text, _BARE), None) is not None


def kramdown_definitions(text: str) -> str:
    """`text` with link definitions as kramdown reads them: a label with no target on its line
    is text (its colon written `&#58;`, which cmark prints as `:`), and a duplicated id's last
    definition wins (last_definitions_win)."""
    if _bare_label(text):
        skipped = _code_lines(text)
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        lines = text.split("\n")

        def bare(m: re.Match) -> str:
            n = bisect_right(starts, m.start()) - 1
            if n in skipped or not _starts_definition(lines, n, m.group(1)):
                return m.group(0)
            return m.group(1) + "&#58;"
        text = _BARE.sub(bare, text)
    if "][" in text:
        text = unfound_ids(text)
    if _SPACED.search(text):
        text = spaced_references(text)
    if "\\" in text:
        text = escaped_shortcut_references(text)
    if "\"" in text or "'" in text:
        text = quoted_titles(text)
    if "\n" in text and _PAREN_TITLE_NEXT.search(text):
        text = paren_title_lines(text)
    # an indented line after a definition is kramdown's code: read on the author's lines, before
    # last_definitions_win writes a title's line over with the definition
    if "\n    " in text or "\n\t" in text:
        text = code_after_definitions(text)
    return last_definitions_win(text)


# a definition's line, then a line that cmark would read as its title in parentheses
_PAREN_TITLE_NEXT = re.compile(r"\]:[^\n]*\n[ \t]*\([^\n]*\)[ \t]*(?=\n|\Z)")


def paren_title_lines(text: str) -> str:
    """A title in parentheses on the line after a definition is none to kramdown (a title is in
    quotes, LINK_DEFINITION_START): the line is a paragraph of its own. Its `(` is escaped so that
    cmark, which takes it as the title, reads text."""
    skipped = _code_lines(text)
    lines = text.split("\n")
    for n in range(1, len(lines)):
        line = lines[n]
        stripped = line.lstrip(" \t")
        if stripped[:1] == "(" and stripped.rstrip(" \t")[-1:] == ")" and "]:" in lines[n - 1] \
                and n not in skipped and n - 1 not in skipped:
            m = _DEF.match(lines[n - 1])
            if m is not None and not m.group(4) and m.group(3).strip()[:1] != "(":
                lines[n] = line[:len(line) - len(stripped)] + "\\" + stripped
    return "\n".join(lines)


_QUOTE_AFTER_SPACE = re.compile(r"[ \t]+[\"']")
_QUOTE_ENTITY = {'"': "&quot;", "'": "&#39;"}  # (cmark reads an entity in a title as its character)
_ESCAPE_OR_QUOTE = {q: re.compile(r"\\.|" + q) for q in _QUOTE_ENTITY}


def quote_entities(title: str, quote: str) -> str:
    """`title` with each `quote` that would end it for cmark (not one escaped by a backslash)
    written as an entity."""
    return _ESCAPE_OR_QUOTE[quote].sub(lambda m: _QUOTE_ENTITY[quote] if m.group(0) == quote else m.group(0), title)


def quoted_titles(text: str) -> str:
    """Definitions with a quote in their target or title as kramdown's parse_link_definition reads
    them: a title that holds its own quote (`"a "b" c"`) is a title (cmark: not a definition),
    its quotes written as entities for cmark; a target that still has a space before a quote
    after the title was tried (`/x ""`: a title is one character or more) makes the line text
    (cmark: a definition), its `[` escaped."""
    if "]:" not in text:
        return text
    found = list(_definitions(text + "\n", _KRAMDOWN_DEF))
    if not any(m.group(5) is not None and m.group(4) in m.group(5)
               or m.group(3) is not None and _QUOTE_AFTER_SPACE.search(m.group(3)) for m in found):
        return text
    skipped = _code_skipped(text)
    lines = text.split("\n")
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    defined: set[int] = set()  # the lines of definitions kramdown takes (a paragraph may follow them)
    out, pos = [], 0
    for m in found:
        n = bisect_right(starts, m.start()) - 1
        before = lines[n - 1].lstrip(" \t") if n else ""
        if n in skipped or before.strip() and n - 1 not in defined and not _BLOCK_END.match(before):
            continue  # (code, or a paragraph's next line: text to kramdown)
        target, title = m.group(3), m.group(5)
        if target is not None and _QUOTE_AFTER_SPACE.search(target):
            start = end = m.start() + m.group(0).index("[")
            new = "\\"
        else:
            defined.update(range(n, n + m.group(0).count("\n")))
            if title is None or m.group(4) not in title:
                continue
            start, end = m.span(5)
            new = quote_entities(title, m.group(4))
        out.append(text[pos:start])
        out.append(new)
        pos = end
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


# a link's `[` or `![` not after a backslash or a `]`: `(?<![\\\]])(!?\[)` with the look-behind after
# the first character (the same matches and group), so that the search skips to each `!` and `[`
# (each branch led by its literal) instead of trying the whole pattern at every character
_LINK_OPEN = r"(!(?<![\\\]]!)\[|\[(?<![\\\]]\[))"


# kramdown's parse_link reads a reference's id after the link text past any whitespace, a line
# break too (LINK_INLINE_ID_RE `\s*?\[([^\]]+)?\]`): `[text] [id]` and `[text] []` are references,
# which cmark reads only written together; with no such definition the whole is text, though
# `[text]` alone has one
# (the text: an escaped bracket is text, a bracket pair nests once, and it may be empty)
_SPACED = re.compile(_LINK_OPEN + r"(?!\^)((?:[^\[\]\n\\]|\\.|\[(?:[^\[\]\n\\]|\\.)*\])*)\]"
                     r"([ \t]*\n?[ \t]*)(?<=[ \t\n])\[([^\[\]\n]*)\]")
_SPAN = re.compile(r"(`+).*?(?<!`)\1(?!`)", re.S)
_INNER = re.compile(r"(?<!\\)((?:\\\\)*[\[\]])")
# where a paragraph ends for code spans: a blank line, a list item, a quote or a heading
_SPAN_STOP = re.compile(r"\n(?=[ \t]*(?:\n|$|(?:[-*+]|\d{1,9}[.)])[ \t]|>|#))")


def _code_spans(text: str) -> list:
    """(start, end) of each code span, within its block (a span's backticks pair in one
    paragraph: an unclosed backtick in a list item does not run into the next item)."""
    spans, start = [], 0
    for stop in [m.start() for m in _SPAN_STOP.finditer(text)] + [len(text)]:
        if "`" in text[start:stop]:
            spans += [m.span() for m in _SPAN.finditer(text, start, stop)]
        start = stop
    return spans


def spaced_references(text: str) -> str:
    """`text` with each spaced reference as cmark reads kramdown's: written together when its
    id is defined (a line break between goes before the link, or after it), else its first
    bracket escaped."""
    ids = {_norm(m.group(2)) for m in _definitions(text)}
    if not ids:
        return text
    skipped = _code_skipped(text)
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    spans = _code_spans(text) if "`" in text else []

    def ref(m: re.Match) -> str:
        n = bisect_right(starts, m.start()) - 1
        if n in skipped or any(a <= at < b for a, b in spans for at in (m.start(), m.end() - 1)) \
                or _definition_line(text, starts[n]):  # (a bracket in a code span is text)
            return m.group(0)
        if m.group(2) in (" ", "x", "X") and _ITEM.fullmatch(text[starts[n]:m.start()].lstrip(" \t>")):
            return m.group(0)  # (a task list item's box, kramdown-parser-gfm's before any link)
        own = _norm(_ESCAPED.sub(r"\1", m.group(2)))  # (the text as its own id: escapes out)
        if (_norm(m.group(4)) if m.group(4) else own) not in ids:
            return "\\" + m.group(0) if own in ids else m.group(0)
        # (kramdown parses no link inside a link's text: a bracket pair there is text)
        inner = _INNER.sub(r"\\\1", m.group(2)) if "[" in m.group(2) else m.group(2)
        joined = f"{m.group(1)}{inner}][{m.group(4)}]"
        if "\n" not in m.group(3):
            return joined
        before = text[starts[n]:m.start()]
        if before.strip(" \t>"):  # (the break before the link: the lines stay as many)
            return "\n" + joined
        end = text.find("\n", m.end())
        if text[m.end():len(text) if end < 0 else end].strip():
            return joined + "\n"
        return joined  # (both alone on their lines: one line fewer)
    # (kramdown goes on after a failed link's first bracket: in `[a] [b] [id]`, `[b] [id]` is one)
    out, pos = [], 0
    while (m := _SPACED.search(text, pos)) is not None:
        written = ref(m)
        if written.endswith(m.group(0)):  # (no link: as written, or its first bracket escaped)
            out.append(text[pos:m.start()] + written[:-len(m.group(0))] + text[m.start():m.start(4) - 1])
            pos = m.start(4) - 1
        else:
            out.append(text[pos:m.start()] + written)
            pos = m.end()
    return "".join(out) + text[pos:]


# an explicit reference `[text][id]`, written together (the text as _SPACED reads it)
_EXPLICIT = re.compile(_LINK_OPEN + r"(?!\^)((?:[^\[\]\n\\]|\\.|\[(?:[^\[\]\n\\]|\\.)*\])*)\]\[([^\[\]\n]+)\]")
_RUBY_SPACES = re.compile(r"[ \t\n\v\f\r]+")


def _kramdown_id(label: str) -> str:
    """kramdown's normalize_link_id: runs of ASCII white space made one space, downcased, and
    nothing stripped (`[ Ref One ]` is " ref one ", no match for `[ref one]:`)."""
    return ruby_downcase(_RUBY_SPACES.sub(" ", label))


def unfound_ids(text: str) -> str:
    """`text` with each explicit reference whose id kramdown does not find but cmark does (cmark
    strips a label and folds Unicode spaces: `[a][ Ref One ]` for `[ref one]:`) made text, both
    its brackets escaped (kramdown writes it as it is)."""
    labels = [m.group(2) for m in _definitions(text)]
    if not labels:
        return text
    kramdown_ids, cmark_ids = {_kramdown_id(label) for label in labels}, {_norm(label) for label in labels}
    where: list = []  # (code lines, line starts, code spans), read at the first reference that needs them

    def ref(m: re.Match) -> str:
        ident = m.group(3)
        if _kramdown_id(ident) in kramdown_ids or _norm(ident) not in cmark_ids:
            return m.group(0)
        if not where:
            where.extend((_code_skipped(text), [0] + [m.end() for m in re.finditer("\n", text)],
                          _code_spans(text) if "`" in text else []))
        skipped, starts, spans = where
        n = bisect_right(starts, m.start()) - 1
        if n in skipped or any(a <= m.start() < b for a, b in spans) or _definition_line(text, starts[n]):
            return m.group(0)
        return m.group(1)[:-1] + "\\[" + m.group(2) + "]\\[" + ident + "]"
    return _EXPLICIT.sub(ref, text)


# kramdown 2's parse_link looks a shortcut `[text]` or collapsed `[text][]` reference up by its
# text with the backslash escapes taken out (ESCAPED_CHARS), a definition `[id]:` and an explicit
# `[text][id]` by the id as written: `[\#x]` finds `[#x]:`, never `[\#x]:`; cmark compares both as
# written (an explicit reference's id not found: its `[id]` is read again as a shortcut). So such
# a reference names its kramdown definition explicitly, or is made text
_ESCAPED_SHORTCUT = re.compile(r"(!(?<!\\!)\[|\[(?<!\\\[))(?!\^)([^\[\]\n]*\\[-\\.*_+`(){}#!:|\"'$=<>][^\[\]\n]*)\](\[\])?(?![\[(:])")
_ESCAPED = re.compile(r"\\([-\\.*_+`()\[\]{}#!:|\"'$=<>])")


def escaped_shortcut_references(text: str) -> str:
    """`text` with each shortcut or collapsed reference whose text has a backslash escape as
    kramdown resolves it (outside code)."""
    if not _ESCAPED_SHORTCUT.search(text):
        return text
    from .text import outside_code_spans
    ids: dict[str, str] = {}
    for m in _definitions(text):
        ids.setdefault(_norm(m.group(2)), m.group(2))
    skipped = _code_skipped(text)

    def ref(m: re.Match) -> str:
        if m.start() and m.string[m.start() - 1] == "]" and _norm(m.group(2)) in ids:
            return m.group(0)  # (the id of an explicit `[text][id]` both find as written)
        label = ids.get(_norm(_ESCAPED.sub(r"\1", m.group(2))))
        if label is None:
            return m.group(1)[:-1] + "\\" + m.group(0)[len(m.group(1)) - 1:]  # (no definition: text)
        return f"{m.group(1)}{m.group(2)}][{label}]"
    lines = text.split("\n")
    for n, line in enumerate(lines):
        if "\\" in line and n not in skipped and not _DEF.match(line):
            lines[n] = outside_code_spans(line, lambda part: _ESCAPED_SHORTCUT.sub(ref, part))
    return "\n".join(lines)


def _starts_definition(lines: list, n: int, head: str) -> bool:
    """Whether cmark reads a definition from bare label line n: one that starts a paragraph (at
    the text's start, after a blank line, a block's end, a definition, or as a list item's first
    line; not a paragraph's next line: a code span's or a math block's, an HTML block's) and has
    its target on the next line."""
    if n + 1 >= len(lines) or not lines[n + 1].strip(" \t>"):
        return False
    if n == 0 or _ITEM.match(head.lstrip(" \t>")):
        return True
    before = lines[n - 1].lstrip(" \t>")
    return not before.strip() or _BLOCK_END.match(before) is not None or _SETEXT_EQ.match(before) is not None \
        or _DEF.match(lines[n - 1]) is not None or n > 1 and _titled_definition(lines[n - 2] + "\n" + lines[n - 1])


def _titled_definition(two_lines: str) -> bool:
    """Whether the two lines are a definition whose title is alone on the second."""
    m = _DEF.match(two_lines)
    return m is not None and m.group(4) is not None and m.end() == len(two_lines)


_SETEXT_EQ = re.compile(r"=+[ \t]*$")


def _norm(label: str) -> str:
    return " ".join(label.split()).lower()


def _value(m: re.Match) -> str:
    """The definition's target and title on one line (a title alone on the next line joined)."""
    if m.group(4) and not _TITLED.search(m.group(3)):
        return m.group(3) + " " + m.group(4).strip()
    return m.group(3)


def _definition_line(text: str, start: int) -> bool:
    """The line at `start` is a link definition kramdown takes."""
    m = _DEF.match(text, start)
    return m is not None and not _refused(m.group(3))


def _refused(value: str) -> bool:
    """parse_link_definition refuses a target (the line less a title at its end) that has a
    space before a quote: the line is text, no definition."""
    value = value.lstrip(" \t")
    titled = _TITLED.search(value)
    return _QUOTE_AFTER_SPACE.search(value, 0, titled.start() if titled else len(value)) is not None


def last_definitions_win(text: str) -> str:
    """`text` with each earlier definition of a duplicated link id given the last one's value."""
    defs = list(_definitions(text))
    if len(defs) < 2:
        return text
    labels = [_norm(d.group(2)) for d in defs]
    if len(set(labels)) == len(labels):
        return text
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    skipped = _code_skipped(text) | _in_paragraphs(text, starts)
    last: dict[str, str] = {}
    for m in defs:
        if bisect_right(starts, m.start()) - 1 not in skipped and not _refused(m.group(3)):
            last[_norm(m.group(2))] = _value(m)

    def sub(m: re.Match) -> str:
        if bisect_right(starts, m.start()) - 1 in skipped or _refused(m.group(3)):
            return m.group(0)
        line = m.group(1) + last[_norm(m.group(2))]
        if m.group(4) and not _TITLED.search(m.group(3)):  # (its title line: the same definition again)
            return line + "\n" + " " * (len(m.group(4)) - len(m.group(4).lstrip("\n \t")) - 1) + line.lstrip()
        return line
    out, pos = [], 0  # (_DEF.sub(sub, text): the same matches)
    for m in defs:
        out += (text[pos:m.start()], sub(m))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def _in_paragraphs(text: str, starts: list) -> set[int]:
    """The 0-based numbers of definition-like lines that continue a paragraph (the line before
    is text, in the same quote): text for kramdown (PARAGRAPH_END has no definition) and cmark."""
    lines = text.split("\n")
    defs: set[int] = set()
    for m in _definitions(text):
        n = bisect_right(starts, m.start()) - 1
        defs.update((n, n + 1) if m.group(4) else (n,))
    inside: set[int] = set()
    for m in _definitions(text):
        n = bisect_right(starts, m.start()) - 1
        if n == 0 or n - 1 in defs or _ITEM.match(m.group(1).lstrip(" \t>")):
            continue
        before = lines[n - 1].lstrip(" \t>")
        if before.strip() and not _BLOCK_END.match(before):
            inside.add(n)
    return inside


_BLOCK_END = re.compile(r"#|(`{3,}|~{3,})|([-*_])(?:[ \t]*\2){2,}[ \t]*$")  # a heading, a fence, a rule


_QUOTED = re.compile(r"(?: {0,3}> ?)*")  # the quote marks a line's text is in (kramdown: `> ?` each)


def _code_skipped(text: str) -> frozenset:
    """The 0-based numbers of the lines in code or raw HTML blocks, indented code included (where a
    definition is text). Several passes ask it of the same text in turn: the last answers are kept."""
    kept = _SKIPPED.get(text)
    if kept is None:
        kept = frozenset(_code_lines(text) | _indented_code_lines(text))
        if len(_SKIPPED) >= 4:
            _SKIPPED.clear()
        _SKIPPED[text] = kept
    return kept


_SKIPPED: dict = {}  # text -> _code_skipped's answer


def _indented_code_lines(text: str) -> set[int]:
    """The 0-based numbers of the lines indented 4 or more past where they could start a
    definition: the margin, or a list item's content column (an item's content stays in its list
    up to a line at the margin after a blank line)."""
    code: set[int] = set()
    column, blank = None, False
    for n, line in enumerate(text.split("\n")):
        line = line[_QUOTED.match(line).end():]  # (in a quote: indented past its `> `)
        stripped = line.lstrip(" \t")
        if not stripped:
            blank = True
            continue
        width = len(line[:len(line) - len(stripped)].expandtabs(4))  # (a tab to the next multiple of 4)
        line = " " * width + stripped
        item = _ITEM.match(line)
        if item and width < (3 if column is None else column + 4) + 1:
            column = item.end()
        elif width == 0 and blank:
            column = None
        elif width > (3 if column is None else column + 3):
            code.add(n)
        blank = False
    return code


def _code_lines(text: str) -> set[int]:
    """The 0-based numbers of the lines inside fenced code blocks and raw HTML blocks (<pre>,
    <script>, <style>, <textarea>: a definition there is text)."""
    inside: set[int] = set()
    fence = raw = ""
    for n, line in enumerate(text.split("\n")):
        if ">" in line:  # (in a quote: a fence or raw block after its `> `)
            line = line[_QUOTED.match(line).end():]
        if raw:
            inside.add(n)
            if f"</{raw}" in line.lower():
                raw = ""
            continue
        m = _FENCE.match(line) or _ITEM_FENCE.match(line)
        if fence:
            inside.add(n)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) and not line.strip(" `~"):
                fence = ""
        elif m:
            fence = m.group(1)
            inside.add(n)
        else:
            r = _RAW_START.match(line)
            if r:
                inside.add(n)
                if f"</{r.group(1).lower()}" not in line.lower():
                    raw = r.group(1).lower()
    return inside


def definitions_read(text: str, prep) -> str:
    """The text whose definition lines are the document's: as written, or where preprocess made a
    `[^x]:` line text (footnotes.definitions_in_paragraphs), the text as it left it, islands too."""
    if "]\\:" not in text and "]:" in text:
        read = "\n".join([prep.text] + [island[2] for island in prep.islands])
        if "]\\:" in read:
            return read
    return text
