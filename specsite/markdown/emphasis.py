"""kramdown's strong emphasis does not nest (parse_emphasis: a `**` inside a strong element is
text), and it closes at the first `**` after a non-space character. CommonMark pairs
`**a **b** c**` as strong inside strong; kramdown writes `<strong>a **b</strong> c**`. The `**`
that kramdown reads as text is escaped before cmark reads the line. Here: which lines kramdown pairs
otherwise than cmark (the pairing itself is pairing.py's)."""
from __future__ import annotations

import re

from .bullets import item_column
from .pairing import ITEM as _ITEM, kramdown_stars
from .rawhtml import text_led
from .text import outside_code_spans

_RUN = re.compile(r"\*\*")
_SPAN_SYNTAX = re.compile(r"[`\[\]<\\]")  # code, links, HTML, escapes between: left to cmark
# `***x***`: kramdown's parse_emphasis takes the `**` first (strong around em), cmark the reverse.
# Written `**_x_**` for cmark, which cannot open inside a word (`a***b***c` is left as it is)
_TRIPLE = re.compile(r"(?<![*\\\w])\*\*\*(?=[^\s*_`])([^*_`\n]*?[^\s*_`\\])\*\*\*(?![*\w])")


def kramdown_triple(line: str) -> str:
    """`***x***` as kramdown nests it (`<strong><em>`), outside code spans."""
    return outside_code_spans(line, lambda part: _TRIPLE.sub(r"**_\1_**", part))


# `___x___` likewise: EMPHASIS_START takes `__` first (strong), the em inside closes at the first `_`
_TRIPLE_UNDERSCORE = re.compile(r"(?<![_\\\w])___(?=[^\s*_`])([^*_`\n]*?[^\s*_`\\])___(?![_\w])")


def kramdown_triple_underscores(lines: list) -> None:
    """Each `___x___` of a text line (no code, no HTML line) as kramdown nests it, `__*x*__`
    (cmark-gfm writes `<em><strong>`); asked where the text has a `___`."""
    from .fences import fenced_lines, item_text
    fenced = fenced_lines("\n".join(lines))
    for i, line in enumerate(lines):
        if "___" in line and not line.lstrip().startswith("<") and (i + 1 not in fenced or item_text(lines, i)):
            lines[i] = outside_code_spans(line, lambda part: _TRIPLE_UNDERSCORE.sub(r"__*\1*__", part))


# a `***` that opens text running to the line's end, with no mark that could close it there
TRIPLE_OPEN_AT_END = re.compile(r"(?<![*\\\w])\*\*\*(?=[^\s*_`])[^*_`\n]*$")
_TRIPLE_CLOSE_LINE = re.compile(r"^[^*_`\n]*?[^\s*_`\\]\*\*\*(?![*\w])")


def triple_over_lines(lines: list, i: int) -> str:
    """Line i with its `***` written `**_` when a later line of its paragraph closes it (`***`
    right after its text, no emphasis mark between: a license's `***As far as the law allows,`
    ... `legal claim.***`); that line's `***` becomes `_**` (kramdown_triple over the lines)."""
    line = lines[i]
    for k in range(i + 1, len(lines)):
        later = lines[k]
        if not later.strip() or later.lstrip(" ")[:1] in "#>-+<|" or "`" in later:
            break
        close = _TRIPLE_CLOSE_LINE.match(later)
        if close is not None:
            lines[k] = later[:close.end() - 3] + "_**" + later[close.end():]
            at = TRIPLE_OPEN_AT_END.search(line).start()
            return line[:at] + "**_" + line[at + 3:]
        if "*" in later or "_" in later:
            break
    return line


def kramdown_strong(line: str) -> str:
    """The line with each `**` that kramdown reads as text inside a strong element escaped."""
    marker = _ITEM.match(line)
    if marker:
        return line[:marker.end()] + kramdown_strong(line[marker.end():])
    if "***" in line:
        return kramdown_triple(line)
    if line.count("*") != 2 * line.count("**"):
        return line  # single `*` (emphasis) mixed in: left to cmark
    runs = [m.start() for m in _RUN.finditer(line)]
    escape, open_at, k = [], None, 0
    while k < len(runs):
        at = runs[k]
        before = line[at - 1] if at else " "
        if open_at is None:
            if line[at + 2:at + 3].strip():  # followed by text: an opener, if a closer comes
                open_at = at
        elif not before.isspace() and at > open_at + 2:
            if escape and _SPAN_SYNTAX.search(line, open_at, at):
                return line
            open_at = None  # the closer
        else:
            escape.append(at)  # a `**` inside the strong: text
        k += 1
    if open_at is not None:  # the last opener never closed: its `**` inside are text as in cmark
        escape = [at for at in escape if at < open_at]
    if not escape:
        return line
    out, pos = [], 0
    for at in escape:
        out.append(line[pos:at] + "\\*\\*")
        pos = at + 2
    return "".join(out) + line[pos:]


# a `*` run CommonMark cannot use as kramdown does: between a letter and punctuation (`Bear*, Wang*`:
# not left-flanking, so cmark writes the stars), or between two punctuation marks (`dir/**/*_spec`:
# both-flanking, and cmark's rule of 3 leaves `**` + `*` unpaired). kramdown's parse_emphasis only
# asks that an opener is not followed by a space and a closer not preceded by one. (`_` is
# punctuation to cmark.) Led by the star run (its first star: the character before it, tested by a
# look-behind, is no star): the search skips to each `*` instead of trying both alternatives at
# every character of the line (15x faster over the corpora's lines with a `*`). Only its truth is read.
# A mark next to a space that is Unicode's but not Ruby's `\s` (no-break, ideographic, em space):
# cmark's flanking rules read it as white space, kramdown's parse_emphasis as text.
SPACE_MARK = re.compile("[*_][\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
                        "|[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000][*_]")


def space_mark(line: str) -> bool:
    """SPACE_MARK.search(line) is not None. Those spaces are beyond ASCII, and an ASCII line says
    so without a scan (str.isascii); the pattern, led by no literal, is tried at every character."""
    return not line.isascii() and SPACE_MARK.search(line) is not None
ODD_STAR = re.compile(r"\*(?:(?<=[^\W_]\*)\**(?:[^\w\s*]|_)|(?<=(?:[^\w\s*]|_)\*)\**(?:[^\W_]|[^\w\s*]|_))")
# a `*` that opens an emphasis with a `**` after it (`*a **b* c`): kramdown's strong inside it is
# text when no `**` closes it, and its `*` closes the em; cmark pairs the second `*` of the run
STAR_THEN_STRONG = re.compile(r"\*(?<![*\\]\*)(?![\s*])[^*\n]*?\*\*")
# `_n_th ... _n_`: an `_` inside a word is text to both, but kramdown then pairs the first opener
# with the first closer after it (the `_` between them text), cmark the last opener with it
# an emphasis inside an emphasis of the same kind written with the other mark (`*a _b_ c*`, `**a __b__
# c**`): kramdown's parse_emphasis takes no element inside one of its own type (the inner marks are
# text), cmark nests them. Each branch led by its mark, the look-behind after it (sre skips to it).
NESTED_SAME = re.compile(
    r"\*(?<![*\\]\*)(?![*\s])[^*\n]*?_(?<![\w_]_)(?![_\s])[^_*\n]*?(?<!\s)_(?![\w_])[^*\n]*?(?<!\s)\*(?!\*)"
    r"|_(?<![\w_\\]_)(?![_\s])[^_\n]*?\*(?<!\*\*)(?![*\s])[^*_\n]*?(?<![\s*])\*(?!\*)[^_\n]*?(?<!\s)_(?![\w_])"
    r"|\*\*(?<![*\\]\*\*)(?![*\s])[^*\n]*?__(?![_\s])[^_*\n]*?(?<!\s)__[^*\n]*?(?<!\s)\*\*"
    r"|__(?<![\w_\\]__)(?![_\s])[^_\n]*?\*\*(?![*\s])[^*_\n]*?(?<!\s)\*\*[^_\n]*?(?<!\s)__(?![\w_])")
# ... and with the same mark, the inner opener after a space or a link's `[` (`*a [b *c*](u) d*`, `*a *b* c`):
# each run up to the next star taken whole (the next star is the only place the pattern goes on)
NESTED_STARS = re.compile(
    r"\*(?<![*\\]\*)(?![*\s])[^*\n]*+(?<=[\s\[>(])\*(?![*\s])[^*\n]*+(?<![\s*\\])\*(?!\*)"
    r"|\*\*(?<![*\\]\*\*)(?![*\s])[^*\n]*+(?<=[\s\[>(])\*\*(?![*\s])[^*\n]*+(?<![\s*\\])\*\*")
_INNER_UNDERSCORE = re.compile(r"[^\W_]_[^\W_]")
# an `_` at a word's edge: not between a letter and an `_` ... (`(?<![^\W_])_(?!_)|(?<!_)_(?![^\W_])`),
# spelt from the `_` on (the search jumps to each `_`: 60x faster over lines of snake_case words)
_EDGE_UNDERSCORE = re.compile(r"_(?:(?<![^\W_]_)(?!_)|(?<!__)(?![^\W_]))")
_INNER_AT = re.compile(r"_(?<=[^\W_]_)(?=[^\W_])")  # an `_` inside a word, found from the `_`
_ONE_LETTER = re.compile(r"_[^\W_]_")  # (a one-letter word between two: `a_b_c` keeps its last `_`)


def odd_underscores(line: str) -> bool:
    """Whether the line has an `_` inside a word and two more at a word's edge, where kramdown's
    pairing of `_` may differ from cmark's (math and code are left alone). The edges are those
    left once each inner `_` goes with the letters around it (_INNER_UNDERSCORE.sub): with no
    one-letter word between two `_`, every inner `_` goes, so fewer than two others settle it
    (most lines with `_`: identifiers, file names) without that rewrite."""
    if "_" not in line:
        return False
    count = line.count("_")
    if count < 3 or "$$" in line:
        return False
    inner = len(_INNER_AT.findall(line))
    if not inner or (count - inner < 2 and _ONE_LETTER.search(line) is None):
        return False
    return len(_EDGE_UNDERSCORE.findall(_INNER_UNDERSCORE.sub("", line))) >= 2


def kramdown_cell_emphasis(cell: str) -> str:
    """A table cell's text (one line of spans) with its emphasis paired as kramdown pairs it where
    cmark would pair otherwise (blocks.preprocess's tests for a text line; cells skip preprocess)."""
    if ("*" in cell and (ODD_STAR.search(cell) or NESTED_SAME.search(cell) or STAR_THEN_STRONG.search(cell)
                         or NESTED_STARS.search(cell))) \
            or ("_" in cell and (odd_underscores(cell) or NESTED_SAME.search(cell))):
        return kramdown_stars(cell)
    return cell


def kramdown_stars_at(lines: list, i: int) -> str:
    """kramdown_stars for line i, read as kramdown reads it in a list item: a line indented four
    spaces or more but less than four past its item's text column is paragraph text of the item
    (`    ***Filing***` under `*  **URL Params**`), paired after that column."""
    line = lines[i]
    if line.startswith("    "):
        column = item_column(lines, i)
        if column is not None:
            return line[:column] + kramdown_stars(line[column:])
    return kramdown_stars(line)


_RAW_MARK = re.compile(r"<!--|-->|<(/?)(script|pre|style|textarea)\b", re.I)


def raw_html_lines(lines: list) -> frozenset:
    """The indexes of the lines inside an HTML comment or a <script>/<pre>/<style>/<textarea>
    opened on an earlier line (one pass over the page)."""
    inside, comment, open_tag = set(), False, None
    for i, line in enumerate(lines):
        if comment or open_tag:
            inside.add(i)
        if "<" not in line and "-->" not in line:
            continue
        for m in _RAW_MARK.finditer(line):
            token = m.group(0)
            if comment:
                comment = token != "-->"
            elif token == "<!--":
                comment = open_tag is None
            elif m.group(2) and open_tag is None and not m.group(1):
                open_tag = m.group(2).lower()
            elif m.group(2) and m.group(1) and m.group(2).lower() == open_tag:
                open_tag = None
    return frozenset(inside)


def stars_elsewhere(lines: list, i: int, mark: str = "*") -> bool:
    """Whether another line of line i's paragraph has a `mark` (an emphasis kramdown may pair
    across the lines: left to cmark, as before). A list item's marker starts a new paragraph."""
    k = i - 1
    while k >= 0 and lines[k].strip() and not _ITEM.match(lines[k + 1]):
        if mark in lines[k]:
            return True
        k -= 1
    k = i + 1
    while k < len(lines) and lines[k].strip() and not _ITEM.match(lines[k]):
        if mark in lines[k]:
            return True
        k += 1
    return False


def in_raw_html(lines: list, i: int, raw: frozenset, paired=()) -> bool:
    """Whether line i is HTML cmark keeps raw: its chunk of lines starts with a tag (not one
    kramdown_stars wrote: `paired`, the lines it rewrote), or it sits inside a comment or a raw
    element (`raw`: raw_html_lines of the page)."""
    if i in raw:
        return True
    k = i
    while k > 0 and lines[k - 1].strip():
        k -= 1
    return lines[k].lstrip().startswith("<") and k not in paired and not text_led(lines[k])


