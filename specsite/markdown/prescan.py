"""Which of kramdown's whole-page passes a text needs, decided before any runs (`preprocess`).

Each test is a pattern that every text needing the pass matches; most pages need none of the
passes, so the tests are on every page's path and must be cheap. They search "\\n" + the text
for patterns that start with a literal "\\n" where kramdown's start at a line (`^` with re.M):
the regex engine then jumps from line to line instead of trying every character, 2-15x faster,
with the same matches. Where a line is read to its end, the run is possessive (no backtracking
over a line that does not match)."""
from __future__ import annotations

import re
from types import MappingProxyType

from .fences import FENCE_NL, closing_fence, has_fence
from .rawhtml import SPAN_ELEMENTS

# a tag that ends a lazy line (lists.ITEM_LAZY_END): any but a span element's
_ENDING_TAG = r"</?(?!(?:" + "|".join(sorted(SPAN_ELEMENTS)) + r")(?![\w:-]))[A-Za-z]"


# an item line (each pattern below but the fence's and the rule's starts with one)
_ITEM = re.compile(r"\n[ \t]*(?:[-*+]|\d+\.)[ \t]")
# an indented code line (not blank) with an unindented text line right after it (lists.lazy_code_lines)
# (the lazy line: led by any character but ASCII white space, a line of U+3000 too: Ruby's \S)
_LAZY_CODE = re.compile(r"\n(?:\t| {4})[^\S\n]*+\S[^\n]*+\n {0,3}(?![ \t\r\f\v]|\{:(?![:/])|" + _ENDING_TAG
                        + r")[^ \t\n\r\f\v]", re.I)
# a line indented 6 spaces or more (code in an item) with a less indented one right after it
_ITEM_LAZY_CODE = re.compile(r"\n( {6,}+)[^\S\n]*+\S[^\n]*+\n(?!\1) *[^ \t\n]")
# a bullet at any depth (bullets.kramdown_bullets: more than one kind of bullet)
_ANY_BULLET = re.compile(r"\n[ \t]*([-*+])[ \t]+\S")
# a `- - -` / `* * *` line right after a text line: maybe an item of a list (bullets._rule_item)
_RULE_AFTER_TEXT = re.compile(r"\n[ \t]*\S.*+\n {0,3}([-*])[ \t]+\1[ \t]*\1")
# a line after an item line that cmark would not read as the item's paragraph continuing (lists.lazy_item_lines)
_LAZY_CANDIDATE = re.compile(r"\n {0,3}(?:[-*+]|\d+\.)[ \t]+\S.*+\n(?:[ \t]*\S.*+\n)*?"
                             r"[ \t]*(?:#|```|~~~|>|[-*+][ \t]|\d+\.[ \t]|<[!?a-zA-Z/])")
# the same after a blank line: an indented line (an item's later paragraph) and such a line less indented
_LAZY_AFTER_BLANK = re.compile(r"\n[^\S\n]*\n[ \t]+\S.*+\n(?:[ \t]+\S.*+\n)*? {0,3}(?:#|```|~~~|>|<[!?a-zA-Z/])")
_TOP_BULLET = re.compile(r"\n {0,3}([-*+])[ \t]")
# a fence indented into a list item with an unindented line inside (or right after) it
_LAZY_FENCE = re.compile(r"\n {2,}(?:`{3,}|~{3,})[^\n]*\n(?:[ \t]*\S[^\n]*\n)*?\S")
# (right under an item's line, or under lines after it: a no-break space is text there)
_LAZY_SETEXT = re.compile(r"\n[ \t]*(?:[-*+]|\d+\.)[ \t]+\S.*+\n(?:[ \t]*[^ \t\n].*+\n)*? {0,3}(?:=+|-+)[ \t]*$", re.M)
# the lines the patterns above end with: a rule of spaced marks, a setext underline, a `:` line
_RULE_LINE = re.compile(r"\n {0,3}([-*])[ \t]+\1[ \t]*\1")
_SETEXT_UNDERLINE = re.compile(r"\n {0,3}(?:=+|-+)[ \t]*$", re.M)
_DD_LINE = re.compile(r"\n {0,7}:[ \t]")  # (up to 7: in a list item too)
_QUOTED_DD_LINE = re.compile(r"\n> ? {0,7}:[ \t]")  # (in a quote: deflists._quote_definition_lists)
# either of the two above's lines (most pages have neither: one scan of the page, not two)
_RULE_OR_DD_LINE = re.compile(r"\n(?: {0,3}([-*])[ \t]+\1[ \t]*\1| {0,7}:[ \t])")
# _ANY_BULLET and _TOP_BULLET with the bullets other than the one found first
_OTHER_BULLETS = MappingProxyType({(pattern.pattern, mark): re.compile(pattern.pattern.replace("[-*+]", "[" + "".join(
    "\\" + b for b in "-*+" if b != mark) + "]")) for pattern in (_ANY_BULLET, _TOP_BULLET) for mark in "-*+"})
# a `: definition` line after a text line (and at most one blank line): deflists.extract_definition_lists
_DL_CANDIDATE = re.compile(r"\n[ \t]*\S.*+\n(?:[ \t]*\n)?((?:> ?)? {0,7}):[ \t]")


# a line lists.lazy_code_lines would join to the indented code line before it: not blank, not
# indented, no HTML tag or IAL (its _LAZY_END); a wider net than _LAZY_CODE's
_JOINED = re.compile(r"\n(?:\t| {4})[^\n]*?\S[^\n]*+\n(?!\t| {4}| {0,3}(?:" + _ENDING_TAG + r"|\{:(?![:/])))"
                     r"[ \t\r\f\v]*+[^ \t\n\r\f\v]", re.I)


def lazy_code(text: str) -> bool:
    """lists.lazy_code_lines has work to do (it runs first: its lines are not for the other passes).
    Where every code line _LAZY_CODE finds is in fenced code (JSON in a fence), the pass, which
    skips fences, joins nothing unless some code line outside them has a line to join (_JOINED)."""
    if not ("\n    " in text or ("\t" in text and "\n\t" in text) or text.startswith(("    ", "\t"))):
        return False
    nl = "\n" + text
    m = _LAZY_CODE.search(nl)
    if m is None:
        return False
    if not has_fence(text):
        return True
    spans = _fence_spans(nl)
    if not any(start <= m.start() < end for start, end in spans):
        return True
    pos = 0  # each stretch between fences, with the fence's first line (the one a code line before it joins)
    for start, end in spans:
        first_end = nl.find("\n", start + 1)
        if _JOINED.search(nl[pos:first_end if first_end >= 0 else len(nl)]):
            return True
        pos = end
    return _JOINED.search(nl, pos) is not None


def _fence_spans(nl: str) -> list:
    """(start, end) of each fenced block of "\n" + text, read from the top as lazy_code_lines
    reads them (an opening line up to the next closing line of its kind, or the end)."""
    spans = []
    m = FENCE_NL.search(nl)
    while m is not None:
        close = closing_fence(nl, m)
        if close is None:
            spans.append((m.start(), len(nl)))
            break
        spans.append((m.start(), close.end()))
        m = FENCE_NL.search(nl, close.end())
    return spans



def item_lazy_code(text: str) -> bool:
    """itemcode.lazy_item_code_lines may have work to do (after lazy_code_lines): a line less
    indented than the code line before it, in a run of lines indented 6 or more (or blank) that
    starts after a blank line (a code block in an item: its content column + 4 is 6 or more; the
    pass counts spaces only, a tab ends a line's indentation)."""
    nl = "\n" + text
    if _ITEM.search(nl) is None:
        return False
    floor = 0  # (below it the lines were read back already, with no blank line before a breaker)
    for m in _ITEM_LAZY_CODE.finditer(nl):
        end = m.start()
        while end > floor:  # back over the run before the code line
            start = nl.rfind("\n", 0, end)
            line = nl[start + 1:end]
            if not line.strip():
                return True
            if not line.startswith("      "):
                break
            end = start
        floor = m.start()
    return False


def passes(text: str) -> tuple:
    """Which of the passes after the line rules `text` needs (`text` as the line rules read it):
    (bullets.kramdown_bullets, lists.lazy_item_lines, deflists.extract_definition_lists)."""
    nl = "\n" + text
    items = _ITEM.search(nl) is not None
    fences = has_fence(text)
    # (each long pattern is tried only where a cheap one finds the line it ends with)
    rare_lines = _RULE_OR_DD_LINE.search(nl) is not None  # (neither a rule's nor a `:` line: both tests below fail)
    bullets = (items and _two_kinds(nl, _ANY_BULLET)) or (
        rare_lines and _RULE_LINE.search(nl) is not None and _RULE_AFTER_TEXT.search(nl) is not None)
    lazy_items = (items and (_LAZY_CANDIDATE.search(nl) is not None or _two_kinds(nl, _TOP_BULLET)
                             or _setext_after_item(nl) or _LAZY_AFTER_BLANK.search(nl) is not None)) \
        or (fences and ("  ```" in text or "  ~~~" in text) and _LAZY_FENCE.search(nl) is not None)
    return bullets, lazy_items, ":" in text and ((rare_lines and _DD_LINE.search(nl) is not None) or (
        ">" in nl and "\n>" in nl and _QUOTED_DD_LINE.search(nl) is not None)) and _DL_CANDIDATE.search(nl) is not None


# an item line followed by a line that lists.lazy_item_lines may change: a line right after it
# that is not blank and not an item of the same kind (the same bullet) at the margin, or after
# blank lines an indented line or an item with another bullet (group 1: the bullet of a `-*+` item)
# (the look-ahead at the line's first character fails a text line at once, before the indent's
# repeat and the marker's alternation are tried: a seventh fewer instructions over a page)
_ITEM_GOES_ON = re.compile(
    r"\n(?=[ \d*+-]) {0,3}(?:([-*+])|\d+\.)[ \t]+\S[^\n]*+\n"
    r"(?:(?![ \t]*(?:\n|\Z))(?(1)(?!\1[ \t]+\S)|(?!\d+\.[ \t]+\S))"  # (a no-break space is no blank)
    r"|(?:[ \t]*\n)+(?:[ \t][^\S\n]*\S|(?(1)(?!\1)[-*+][ \t]+\S|(?!))))")


def lazy_items_move(lines: list) -> bool:
    """lists.lazy_item_lines may change `lines` (the lines as the passes before it leave them):
    `passes` says yes to any two items in a row; here every list whose items follow each other
    at the margin with one bullet, and end at a blank line and an unindented line, is left out
    (where the pass changes nothing: tested on random texts against the pass itself)."""
    return _ITEM_GOES_ON.search("\n" + "\n".join(lines)) is not None


def _two_kinds(nl: str, bullet) -> bool:
    """Two kinds of bullet among `bullet`'s matches (its group 1: `-`, `*` or `+`)."""
    m = bullet.search(nl)
    return m is not None and _OTHER_BULLETS[bullet.pattern, m.group(1)].search(nl, m.end()) is not None


def _setext_after_item(nl: str) -> bool:
    return _SETEXT_UNDERLINE.search(nl) is not None and _LAZY_SETEXT.search(nl) is not None
