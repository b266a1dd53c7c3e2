"""kramdown's raw span HTML (parser/kramdown/html.rb parse_span_html): a tag in paragraph text
whose content model is raw — `code kbd samp var option textarea math` and every name that is
no HTML element (`<username>`, `List<T>`, `<MODULE_NAME>`) — holds its content as text: no
emphasis, links, code spans or typography (`<code>--flag</code>` keeps its `--`), only nested
tags read as (raw) elements. Without its end tag it takes the rest of the paragraph, and the
converter closes it (`</username>` before `</p>`). cmark reads on, so such a span is swapped
for a marker before cmark and written back after, as kramdown's converter writes it.

Left to the other rules: a tag that starts a line (kramdown's block HTML), headings, table
rows and code (fenced, indented, inside backticks); a span ends where its paragraph or list
item text ends, or before a line that starts with a tag."""
from __future__ import annotations

import html
import re

from ..lazy_re import LazyPattern
from .fences import fenced_lines
from .quoted import SPAN_MARK
from .rawhtml import VOID

RAW_MARK = LazyPattern(r"specsite-rawspan-(\d+)((?:\nspecsite-rawcont)*)")
_CONT = "specsite-rawcont"

_NAME = r"[A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?"
_TAG = LazyPattern(rf"<({_NAME})((?:\s+{_NAME}(?:\s*=\s*(?:\w+|(\"|').*?\3))?)*)\s*(/)?>", re.S)
_ATTR = LazyPattern(rf"\s*({_NAME})(?:\s*=\s*(?:(\w+)|(\"|')(.*?)\3))?", re.S)
_OPEN_NAME = LazyPattern(rf"<({_NAME})")  # (an open tag's name, as _TAG reads it)
_CLOSE = LazyPattern(rf"</({_NAME})\s*>")
_COMMENT = LazyPattern(r"<!--.*?-->", re.S)
_BACKTICKS = LazyPattern(r"(?<!\\)`+")
_SPAN_START = LazyPattern(rf"<(?:{_NAME}|!--|/)")
_ENTITY = LazyPattern(r"&(?:[\w:][\-\w.:]*|#\d+|#x[0-9a-fA-F]+);")
_AUTOLINK = LazyPattern(r"<(?:(?:mailto|https?|ftps?):[^>\n]+?|[-.\w]+@[-.\w]+)>")  # (kramdown 2's)

_RAW_KNOWN = frozenset(("script", "style", "math", "option", "textarea", "pre", "code", "kbd", "samp", "var"))
_ELEMENTS = _RAW_KNOWN | set(
    "a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins label "
    "legend optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th tt br img input "
    "mark u address article aside applet body blockquote col colgroup dd details div dl fieldset "
    "figure figcaption footer form header hgroup hr html head iframe menu li main map nav noscript "
    "object ol section summary table tbody td thead tfoot tr ul area base command embed keygen link "
    "meta param source track wbr".split())
_BLOCK_ELEMENTS = frozenset(
    "address article aside applet body blockquote caption col colgroup dd div dl dt fieldset figcaption "
    "footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe legend menu li main map nav ol "
    "optgroup p pre section summary table tbody td th thead tfoot tr ul".split())

# where kramdown's GFM paragraph ends (PARAGRAPH_END_GFM: a blank line, an IAL, `^`, a list item,
# a header, a `: definition`, a quote, a fence, block HTML), and table rows and rules (cmark's)
_SPAN_ELEMENT = ("a|abbr|acronym|b|big|bdo|br|button|cite|code|del|dfn|em|i|img|input|ins|kbd|label|mark|option|q|rb|"
                 "rbc|rp|rt|rtc|ruby|samp|select|small|span|strong|sub|sup|tt|u|var|script")
_UNIT_END = LazyPattern(r"^(?:\s*$|\^\s*$| {0,3}(?:[-+*][ \t]|\d+\.[ \t]|#|>|```|~~~|:[ \t]|\{:"
                       rf"|</?(?!(?:{_SPAN_ELEMENT})\b)[A-Za-z])|.*\|| {{0,3}}(?:[-=*_] *){{3,}}$)")
# (the same, where the tag's line is paragraph text, no table row: a later line with a `|` is
# paragraph text to kramdown too, a table needing a blank line before it; `List<String>` then
# `a | b` lines: the element runs on over them to the paragraph's end)
_UNIT_END_TEXT = LazyPattern(r"^(?:\s*$|\^\s*$| {0,3}(?:[-+*][ \t]|\d+\.[ \t]|#|>|```|~~~|:[ \t]|\{:"
                            rf"|</?(?!(?:{_SPAN_ELEMENT})\b)[A-Za-z])| {{0,3}}(?:[-=*_] *){{3,}}$)")
_QUOTE = LazyPattern(r" {0,3}(?:> ?)+")
# a line that starts with a raw span element goes on a paragraph (kramdown's LAZY_END_HTML_START
# leaves out the span elements and script), where cmark would end it at <script>
_LAZY_SPAN = LazyPattern(r" {0,3}<(?:script|code|kbd|samp|var|option)\b", re.I)
_DEFINITION_HEAD = LazyPattern(r" {0,3}\[[^\]\n]+\]:[ \t]*(?=<)")  # (LINK_DEFINITION_START, its `<url>` next)
_SKIP_LINE = LazyPattern(r"^(?: {0,3}(?:#|<|\||\{:)|.*\|)")
# a line led by a span element's tag is paragraph text too (a tag of no span element leads
# kramdown's block HTML): its later <code>, <kbd>, <samp>, <var> are read as raw content
# (`<b>Tip:</b> use <code>--x</code>` keeps its `--`); other names there are left to the other rules
_SPAN_LED = LazyPattern(rf" {{0,3}}<(?:{_SPAN_ELEMENT})(?![\w:-])", re.I)
_KNOWN_RAW_SPANS = frozenset(("code", "kbd", "samp", "var"))


def _raw_tag(name: str) -> bool:
    """A tag whose content kramdown's parse_span_html reads raw; not a block element's, which it
    adds as text first ("Found block HTML tag 'pre' in span-level text"): `<pre>` too."""
    lower = name.lower()
    known = lower in _ELEMENTS
    return (lower in _RAW_KNOWN or not known) and lower not in VOID and lower not in _BLOCK_ELEMENTS


def lift_raw_spans(text: str, spans: list, guillemets: bool = True) -> str:
    """Swap each raw span in paragraph text for a marker (kept line for line); `spans` gets the
    HTML kramdown writes for it. `guillemets` false (gfm_quirks' no_auto_typographic): `<<x>`
    is `<` and a tag."""
    if "<" not in text:
        return text
    if not any(_raw_tag(name) for name in set(_OPEN_NAME.findall(text))):
        return text  # (the names of all tags, read at once: no raw-content element at all)
    lines = text.split("\n")
    if not any(_any_raw_tag(line) for line in lines if "<" in line):
        return text  # (most pages: no raw-content tag at all, nothing to read line by line)
    code = fenced_lines(text)
    if code and "\n    " in text:  # (a run of indented lines led by a list item's text is that item's
        code = _item_runs_out(code, lines)  # paragraph, not code: fenced_lines does not know the items)
    i = 0
    while i < len(lines):
        if not lines[i].strip() or i + 1 in code:
            i += 1
            continue
        j = i  # a chunk of text lines: code spans are matched across its lines
        while j < len(lines) and lines[j].strip() and j + 1 not in code:
            j += 1
        _lift_chunk(lines, i, j, spans, guillemets)
        i = j
    return "\n".join(lines)


def _item_runs_out(code: frozenset, lines: list) -> frozenset:
    """`code` without each run of indented lines (to its first blank line) whose first line is a
    list item's text (bullets.item_column: up to three past the item's column) and that holds a
    tag lift_raw_spans takes: kramdown reads that run as the item's blocks, their tags as tags. Fenced lines stay."""
    from .bullets import item_column
    fences = None
    drop: set = set()
    for n in sorted(code):
        if (n - 1 in code and lines[n - 2].strip()) or n in drop or not lines[n - 1][:4] == "    ":
            continue  # (a run's first line only: after a blank line, or the first of the code)
        end = n
        while end + 1 in code and lines[end].strip():
            end += 1  # (1-based n..end: the run up to a blank line)
        if not any("<" in lines[k - 1] and _any_raw_tag(lines[k - 1]) for k in range(n, end + 1)) \
                or item_column(lines, n - 1) is None:
            continue  # (no tag lift_raw_spans would take there: nothing to ask)
        if fences is None:
            fences = _fenced_at_any_indent(lines)
        drop.update(k for k in range(n, end + 1) if k not in fences)
    return code - drop if drop else code


def _fenced_at_any_indent(lines: list) -> set:
    """1-based numbers of the lines inside fences opened at any indent (a list item's fence is
    indented past fenced_lines' three spaces): their text stays code."""
    inside, opener = set(), None
    for n, line in enumerate(lines, 1):
        mark = line.lstrip(" ")[:3]
        if opener is None:
            if mark in ("```", "~~~"):
                opener = mark
        elif mark == opener:
            opener = None
        else:
            inside.add(n)
    return inside


_BLOCK_OPEN = LazyPattern(r" {0,3}<([A-Za-z][\w:.-]*)")
_PARSED = LazyPattern(r"\smarkdown\s*=\s*[\"']?(?!0[\"'\s>])")


def _html_block_end(lines: list, i: int, j: int) -> int:
    """The line after the HTML block that starts chunk line i (kramdown's parse_block_html: a tag
    of no span element at the margin; its raw content runs to the element's end tag, a tag's
    attributes over several lines included), or i when the line starts none."""
    m = _BLOCK_OPEN.match(lines[i])
    if m is None or (_SPAN_LED.match(lines[i]) is not None and m.group(1).lower() != "script") \
            or _PARSED.search(lines[i]):  # (a markdown="1|block|span" element's content is parsed: its own
        return i  # rules; <script> leads block HTML, HTML_SPAN_ELEMENTS has no script: only lazy lines go on at it)
    name = re.escape(m.group(1))
    opens, closes = re.compile(rf"<{name}(?![\w:.-])", re.I), re.compile(rf"</{name}\s*>", re.I)
    depth = 0
    for k in range(i, j):
        depth += len(opens.findall(lines[k])) - len(closes.findall(lines[k]))
        if depth <= 0:
            return k + 1
    return j


def _lift_chunk(lines: list, i: int, j: int, spans: list, guillemets: bool) -> None:
    k = _html_block_end(lines, i, j) if lines[i].lstrip(" ")[:1] == "<" else i
    while k < j:
        line = lines[k]
        lazy = k > i and _LAZY_SPAN.match(line) is not None and _in_paragraph(lines, i, k)
        span_led = not lazy and line[:4].lstrip(" ")[:1] == "<" and _SPAN_LED.match(line) is not None
        if "<" not in line or (_SKIP_LINE.match(line) and not lazy and not span_led) or not _any_raw_tag(line):
            if "<" in line and "|" in line and not lazy and line.lstrip(" ")[:1] not in "#<{" \
                    and _any_raw_tag(line):
                lines[k] = _lift_row(line, spans, guillemets)
            k += 1
            continue
        before = sum(len(x) + 1 for x in lines[i:k])
        chunk_code = code_spans("\n".join(lines[i:j])) if "`" in "".join(lines[i:j]) else []
        code = [(a - before, b - before) for a, b in chunk_code if b > before]
        start = _first_raw_tag(line, code, lazy, _KNOWN_RAW_SPANS if span_led else None, guillemets)
        if start is None:
            k += 1
            continue
        quote = _QUOTE.match(line)  # in a blockquote the paragraph goes on over its `>` lines
        prefixes = []
        col = _item_col(lines, i, k)
        end = k + 1  # the unit: this line and the paragraph (or item) lines after it
        while end < j:
            inner = lines[end]
            if quote:
                more = _QUOTE.match(inner)
                if not more:
                    break
                prefixes.append(more.group(0))
                inner = inner[more.end():]
            if (_UNIT_END.match(inner) if "|" in line else _UNIT_END_TEXT.match(inner)) or (col and _ITEM_MARK.match(inner) and
                                          len(inner) - len(inner.lstrip(" ")) < col + 4):
                break
            end += 1
        rest = [x[len(p):] for x, p in zip(lines[k + 1:end], prefixes)] if quote else lines[k + 1:end]
        unit = "\n".join([line[start:]] + rest)
        written, used = _element(unit, 0)
        tail = unit[used:]
        spans.append(written)
        used_lines = unit[:used].count("\n")
        marker = f"specsite-rawspan-{len(spans) - 1}" + f"\n{_CONT}" * used_lines
        if tail[:1] == "_":  # (kramdown's `_` after an element's `>` may open an emphasis; after
            marker += SPAN_MARK  # the marker's digit cmark's cannot: a punctuation mark between)
        new = (line[:start] + marker + tail).split("\n")
        if quote:  # (the `>` of each line stays, for cmark's blockquote)
            new = new[:1] + [p + x for p, x in zip(prefixes, new[1:])]
        lines[k:end] = new
        k += used_lines  # the tail (on the span's last line) may hold another raw tag


def _lift_row(line: str, spans: list, guillemets: bool) -> str:
    """A table row's (or a line with a `|`'s) raw spans that close in their cell: kramdown reads
    each cell's text as spans (`| <code>a --b</code> |` keeps its `--`). One that takes a `|` or
    does not close there is left to cmark."""
    pos = 0
    while True:
        code = code_spans(line) if "`" in line else []
        start = _first_raw_tag(line[pos:], [(a - pos, b - pos) for a, b in code if b > pos], True,
                               guillemets=guillemets)
        if start is None:
            return line
        start += pos
        written, used = _element(line, start)
        source = line[start:used]
        if "|" in source or _CLOSE.search(source) is None or not source.rstrip().endswith(">"):
            pos = start + 1
            continue
        spans.append(written)
        marker = f"specsite-rawspan-{len(spans) - 1}" + (SPAN_MARK if line[used:used + 1] == "_" else "")
        line = line[:start] + marker + line[used:]
        pos = start + len(marker)


_ITEM_MARK = LazyPattern(r" *(?:[-+*]|\d+\.)[ \t]+(?=\S)")


def _item_col(lines: list, i: int, k: int) -> int:
    """The content column of the list item whose text line k is (0: none): a list marker line
    less indented than it plus four is an item of its own in kramdown (the item's lines are
    read less its indentation), wherever it is."""
    for x in reversed(lines[i:k + 1]):
        m = _ITEM_MARK.match(x)
        if m:
            return m.end()
    return 0


def _any_raw_tag(line: str) -> bool:
    """Whether a raw-content tag is in the line at all (before the code spans of the paragraph,
    which cost a read of all its lines, are looked for)."""
    return any(_raw_tag(m.group(1)) and not m.group(4) for m in _TAG.finditer(line))


def _in_paragraph(lines: list, i: int, k: int) -> bool:
    """Whether line k goes on a paragraph: the chunk's lines before it are text (no heading, HTML
    block, table row, IAL or indented code), or are after a line that opens a markdown="1"
    element alone (kramdown parses its content: a paragraph starts on the next line)."""
    for at in range(k - 1, i - 1, -1):
        if _SKIP_LINE.match(lines[at]):
            return at < k - 1 and _MARKDOWN_OPEN_LINE.match(lines[at]) is not None \
                and not lines[at + 1].startswith(("    ", "\t"))
    return not lines[i].startswith(("    ", "\t"))


# a line that is only the open tag of an element whose content kramdown parses (markdown="1")
_MARKDOWN_OPEN_LINE = LazyPattern(r" {0,3}<[A-Za-z][\w-]*\s[^<>]*\bmarkdown\s*=\s*([\"']?)(?:1|block|span)\1[^<>]*>[ \t]*$")


def _first_raw_tag(line: str, code: list, lazy: bool = False, only=None, guillemets: bool = True):
    """Where the first raw-content tag of a line starts (not the line's first thing unless the line
    goes on a paragraph, not in a code span, not an autolink), or None."""
    lead = len(line) - len(line.lstrip(" \t"))
    autolinks = [a.span() for a in _AUTOLINK.finditer(line)] if ":" in line or "@" in line else []
    for m in _TAG.finditer(line):
        if (m.start() == lead and not lazy) or any(a <= m.start() < b for a, b in autolinks):
            continue
        if line[m.start() - 1:m.start()] == "\\" or any(a <= m.start() < b for a, b in code):
            continue
        head = _DEFINITION_HEAD.match(line) if "]:" in line else None
        if line[m.start() - 2:m.start()] == "](" or (head is not None and head.end() == m.start()):
            continue  # a link's destination in angle brackets (link.rb `\(<(.*?)>`, a definition's `]: <url>`)
        run = m.start() - len(line[:m.start()].rstrip("<"))
        if run % 2 and guillemets:  # `<<` before it is kramdown's guillemet: this `<` is taken
            continue
        if _raw_tag(m.group(1)) and not m.group(4) and (only is None or m.group(1).lower() in only):
            return m.start()
    return None


def code_spans(line: str) -> list:
    """(start, end) of the code spans of a line: a run of backticks (not escaped) up to the next
    run as long (a run with none is text). declarations.py reads them too."""
    spans = []
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(line)]
    i = 0
    while i < len(runs):
        start, end = runs[i]
        match = next((j for j in range(i + 1, len(runs)) if runs[j][1] - runs[j][0] == end - start), None)
        if match is None:
            i += 1
            continue
        spans.append((start, runs[match][1]))
        i = match + 1
    return spans


def _element(src: str, pos: int):
    """The raw element whose open tag is at `pos`, as kramdown writes it, and where it ends in src
    (its end tag, or the end of src when it has none)."""
    m = _TAG.match(src, pos)
    name = m.group(1)
    known = name.lower() in _ELEMENTS
    if known:
        name = name.lower()
    attrs = "".join(f' {a}="{html.escape(v or w or "", quote=True)}"'
                    for a, w, _, v in _ATTR.findall(m.group(2)))
    stop = re.compile(rf"</{re.escape(name)}\s*>", re.I if known else 0)
    inner, pos = [], m.end()
    while pos < len(src):
        nxt = _SPAN_START.search(src, pos)
        if nxt is None:
            inner.append(escape_text(src[pos:]))
            pos = len(src)
            break
        inner.append(escape_text(src[pos:nxt.start()]))
        pos = nxt.start()
        close = stop.match(src, pos)
        if close:
            return f"<{name}{attrs}>{''.join(inner)}</{name}>", close.end()
        comment = _COMMENT.match(src, pos)
        other = _CLOSE.match(src, pos)
        tag = _TAG.match(src, pos)
        if comment:
            inner.append(comment.group(0))
            pos = comment.end()
        elif other:  # an end tag of another element: text (kramdown warns)
            inner.append(escape_text(other.group(0)))
            pos = other.end()
        elif tag and tag.group(1).lower() not in _BLOCK_ELEMENTS:
            if tag.group(4) or tag.group(1).lower() in VOID:
                inner.append(_empty(tag))
                pos = tag.end()
            else:
                written, pos = _element(src, pos)
                inner.append(written)
        elif tag:
            inner.append(escape_text(tag.group(0)))
            pos = tag.end()
        else:
            inner.append(escape_text("<"))
            pos += 1
    return f"<{name}{attrs}>{''.join(inner)}</{name}>", pos


def _empty(tag) -> str:
    name = tag.group(1).lower() if tag.group(1).lower() in _ELEMENTS else tag.group(1)
    attrs = "".join(f' {a}="{html.escape(v or w or "", quote=True)}"' for a, w, _, v in _ATTR.findall(tag.group(2)))
    return f"<{name}{attrs} />" if name in VOID else f"<{name}{attrs}></{name}>"


def escape_text(text: str) -> str:
    """kramdown's escape_html(text, :text): < > & escaped, entity references kept."""
    out, pos = [], 0
    for m in _ENTITY.finditer(text):
        out.append(html.escape(text[pos:m.start()], quote=False))
        out.append(m.group(0))
        pos = m.end()
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


def put_back(body: str, spans: list) -> str:
    """Each marker (and its continuation lines) as the span's HTML."""
    return RAW_MARK.sub(lambda m: spans[int(m.group(1))] if int(m.group(1)) < len(spans) else m.group(0), body)
