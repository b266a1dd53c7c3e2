"""Fenced code: where it is. kramdown reads nothing inside a fence (no HTML block, no table, no
IAL), so several passes before cmark ask which lines are fenced; this answers them all."""
from __future__ import annotations

import html
import re

from .margin import margin_line

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
FENCE_START = frozenset(" `~")
_SPAN_MARK = "\u2e2e"  # tables.SPAN_MARK (cmark reads a line led by it as paragraph text; removed from the HTML)  # the first character of any line FENCE matches


def has_fence(text: str) -> bool:
    """'```' in text or '~~~' in text: a regex finds a 3-character literal twice as fast as `in`
    (CPython's substring search is slow for short needles)."""
    return _BACKTICKS(text) is not None or _TILDES(text) is not None


_BACKTICKS = re.compile("```").search
_TILDES = re.compile("~~~").search


def fenced_lines(text: str, indented: bool = True) -> frozenset:
    """Line numbers inside fenced code (and, with `indented`, indented code after a blank line).
    Regexes find the fences and the runs of indented lines: no line is visited alone. Several
    passes ask it of the same text (a fifth of the calls on the six sites): up to 8 answers are
    kept, dropped together (a page's passes ask of its texts in turn)."""
    key = (text, indented)
    kept = _KEPT.get(key)
    if kept is None:
        kept = frozenset(_fenced_lines(text, indented))
        if len(_KEPT) >= 8:
            _KEPT.clear()  # (a page's passes ask of its texts in turn: the older ones are done)
        _KEPT[key] = kept
    return kept


_KEPT: dict = {}  # (text, indented) -> fenced_lines' answer


def _fenced_lines(text: str, indented: bool) -> set:
    lines: set = set()
    if has_fence(text):
        fence_scan(text, lines)
    if indented and ("\n    " in text or ("\t" in text and "\n\t" in text) or text.startswith(("    ", "\t"))):
        # an indented line is code when the line before it is blank, fenced or code, or it is the
        # text's first (a document's first block). A run of indented lines is visited, not each
        # line: it is code from its first line when the line before it is blank or fenced, else
        # from the line after its first blank one (then on to its end: each line's previous is
        # code). A run inside a fence adds lines already there.
        number, at = 1, 0
        if text.startswith(("    ", "\t")):  # (read after a newline: the line before it is blank)
            text, number = "\n" + text, 0
        for m in _INDENTED_RUN.finditer(text):
            start = m.start() + 1
            number += text.count("\n", at, start)
            at = start
            last = number + text.count("\n", start, m.end())
            if number - 1 in lines or not text[text.rfind("\n", 0, m.start()) + 1:m.start()].strip():
                lines.update(range(number, last + 1))
            else:
                blank = _BLANK_AT.match(text, start, m.end()) or _BLANK_IN_RUN.search(text, start, m.end())
                if blank is not None:
                    lines.update(range(number + text.count("\n", start, blank.end()), last + 1))
    return lines


def fence_scan(text: str, lines: set, start: tuple = (0, 1, 0)) -> tuple:
    """The fenced lines of `text` added to `lines`, the fences read in order from `start`: (where
    the next opening line is searched from, the line number `first` of offset `at`), (0, 1, 0) at
    the text's start. Returns (start, line) for a longer text (this text, a newline, more lines):
    a fence closed here, or a line that opens none, reads the same in it (each test looks at the
    lines before it and at the fence's own), so its scan can start at the last fence when that is
    open to the end (`line`: the fence's first line; the longer text may close it), else where
    this search stopped (`line` None)."""
    pos, first, at = start
    m = FENCE.match(text) if pos == 0 else None
    if m is None:
        m = FENCE_NL.search(text, pos)
    while m is not None:
        if not kramdown_opener(text, m) or lazy_code_fence(text, m):
            pos = m.end()
            m = FENCE_NL.search(text, pos)
            continue
        close = closing_fence(text, m)
        if close is not None and ":" in text and _in_definition(text, m) and "\n\n" in text[m.end():close.start()]:
            pos = m.end()
            m = FENCE_NL.search(text, pos)  # (text of a definition: unclosed_fence_as_text)
            continue
        opened = (m.start(), first, at)  # (FENCE_NL finds this fence again from its newline; FENCE at 0)
        first, at = first + text.count("\n", at, m.start(1)), m.start(1)
        last = first + text.count("\n", at, close.start(1) if close is not None else len(text))
        lines.update(range(first, last + 1))
        if close is None:  # open to the end
            return opened, first
        pos = close.end()
        m = FENCE_NL.search(text, pos)
    return (pos, first, at), None


# a run of lines indented as code (each led by 4 spaces or a tab), from the newline before it
_INDENTED_RUN = re.compile(r"\n(?:    |\t)[^\n]*(?:\n(?:    |\t)[^\n]*)*")
_BLANK_AT = re.compile(r"[^\S\n]*\n")  # a run's first line blank (a line after it)
_BLANK_IN_RUN = re.compile(r"\n[^\S\n]*\n")  # a later line blank (the newline before it first)
FENCE_NL = re.compile(r"\n {0,3}(`{3,}|~{3,})")  # FENCE on a line after the first
FENCE_CLOSE = re.compile(r"\n {0,3}(`{3,}|~{3,})[^\S\n]*$", re.M)  # a line that closes a fence of its kind


def closing_fence(text: str, m, run: str = ""):
    """The line that closes the fence `m` (a FENCE/FENCE_NL match) opened: the next fence line
    of the same character, at least as long as its marks (or `run`) (None: open to the end)."""
    run = run or m.group(1)
    close = FENCE_CLOSE.search(text, m.end())
    while close is not None and (close.group(1)[0] != run[0] or len(close.group(1)) < len(run)):
        close = FENCE_CLOSE.search(text, close.end())
    return close


def closes_fence(m, line: str, opener: str, group: int = 1) -> bool:
    """Whether the fence line `line`, matched by a fence pattern as `m` (not None: the callers
    test it first, a line of a fence being asked in the hot loops; its run of marks in
    `group`), closes the fence the run `opener` opened: the same character, a run at least as long,
    nothing after it but spaces (kramdown's FENCED_CODEBLOCK_MATCH). Each pass that walks a page's
    lines asks it with its own pattern (a line at the margin, in an item, in a quote)."""
    run = m.group(group)
    return run[0] == opener[0] and len(run) >= len(opener) and not line[m.end():].strip()


def kramdown_opener(text: str, m) -> bool:
    """The fence line `m` opens a fence for kramdown (FENCED_CODEBLOCK_MATCH: at most one word
    after the marks, `\\S+?(?:\\?\\S*)?`) and for cmark (no backtick after backticks):
    ```` ```$ git init``` ```` is a code span, ```` ```js title ```` paragraph text."""
    end = text.find("\n", m.end(1))
    word = text[m.end(1):end if end >= 0 else len(text)].strip(" \t")
    return not word or (" " not in word and "\t" not in word and not (m.group(1)[0] == "`" and "`" in word))


def lazy_code_fence(text: str, m) -> bool:
    """The fence line `m` is a lazy line of indented code at the top level (its block starts with
    a line indented 4 columns after a blank line, below no list item's text nor a fence line):
    kramdown's CODEBLOCK_MATCH takes it into the code block (no fence)."""
    start = text.rfind("\n", 0, m.start(1)) + 1
    first = start
    while first > 0:  # (up the block's lines)
        above = text.rfind("\n", 0, first - 1) + 1
        line = text[above:first - 1]
        if not line.strip():
            break
        first = above
    if first == start or not text.startswith(("    ", "\t"), first):
        return False
    while first > 0:  # (up the code's lines, blank or indented, to the text above)
        above = text.rfind("\n", 0, first - 1) + 1
        line = text[above:first - 1]
        if line.strip() and not line.startswith(("    ", "\t")):
            break
        first = above
    else:
        return True  # (code from the text's start)
    while line.strip():  # (the paragraph above: no list item's, no fence)
        if _ITEM_FIRST_LINE.match(line) or line[:1].isspace() or FENCE.match(line):
            return False
        if above == 0:
            break
        end = above - 1
        above = text.rfind("\n", 0, end) + 1
        line = text[above:end]
    return True


def unclosed_fence_as_text(text: str, item_limit=None) -> str:
    """The fence lines kramdown reads as text written as text for cmark: at the top level
    (top_level_fences_as_text) and in list items (item_word_fences); in quotes, see
    quoted.quoted_fences_as_text. `item_limit`: itemend.item_limit, to bound fences opened in items."""
    text = top_level_fences_as_text(text, item_limit)
    if _DEEP_WORDS.search(text):
        text = item_word_fences(text)
    return text


# a fence line indented 4 columns or more with more than a word after its marks (a list item's
# line, it may be: kramdown_opener's no-fence there too)
# ("\n"-led, possessive: the regex engine jumps from line to line; the text's first line is no item's)
_DEEP_WORDS = re.compile(r"\n(?: {4,}|\t)[ \t]*+(`{3,}|~{3,})[ \t]*+[^\s`]++[ \t]++[^\s`][^`\n]*+(?=\n|\Z)")


def item_word_fences(text: str) -> str:
    """A list item's fence line with more than a word after its marks is no fence for kramdown
    (FENCED_CODEBLOCK_MATCH) but paragraph text of the item, and a run of backticks starts a
    code span up to the next such run in the paragraph (```` ```toml config-example ```` to the
    closing ```` ``` ````, over the lines); cmark reads a fence (an info string may have
    spaces). Both runs get SPAN_MARK before them, so that cmark reads the line as text and the
    span (so does a tilde line after `~~~x y` in the paragraph), but where the line of the
    second opens a fence that a later line closes (kramdown's paragraph ends there). Only below
    a list item's line (top-level indented code is code)."""
    fenced = None
    marks = []
    line, at = 1, 0
    # (the last line at the margin before each match, found going forward: a walk up the indented
    # lines of a long listing for each match took a millisecond)
    margin = 0 if text[:1].strip() and not text.startswith(("    ", "\t")) else -1
    searched, judged, in_item = 0, None, False
    for m in _DEEP_WORDS.finditer(text):
        for found in _MARGIN_LINE.finditer(text, searched, m.start()):
            margin = found.start() + 1
        searched = m.start()
        if margin != judged:
            judged, in_item = margin, margin >= 0 and _item_paragraph(text, margin)
        if not in_item:
            continue
        if fenced is None:
            fenced = fenced_lines(text, False)
        line, at = line + text.count("\n", at, m.start(1)), m.start(1)
        if line in fenced:
            continue
        marks.append(m.start(1))
        run = m.group(1)
        stop = _BLANK_LINE.search(text, m.end())
        stop = stop.start() if stop is not None else len(text)
        if run[0] == "`":  # (the run that ends the code span, at a line's start: a fence line to cmark)
            q = text.find(run, m.end(), stop)
            if q < 0 or text[text.rfind("\n", 0, q) + 1:q].strip():
                continue
        else:  # (the next tilde line of the paragraph)
            t = _TILDE_LINE.search(text, m.end(), stop)
            if t is None:
                continue
            q = t.start(1)
        # a fence to kramdown too when at most a word follows and a later line closes it (the
        # paragraph ends there): as it is
        line_end = text.find("\n", q)
        line_end = len(text) if line_end < 0 else line_end
        own = _RUN.match(text, q).group(0)
        word = text[q + len(own):line_end].strip()
        item_end = _ITEM_END.search(text, line_end)  # (a line at the margin after a blank line)
        if " " in word or "\t" in word or "`" in word or not re.compile(
                rf"^[ \t]*{own}{own[0]}*[ \t]*$", re.M).search(text, line_end,
                                                             item_end.start() if item_end else len(text)):
            marks.append(q)
    for at in sorted(set(marks), reverse=True):
        text = text[:at] + _SPAN_MARK + text[at:]
    return text


_BLANK_LINE = re.compile(r"\n[ \t]*(?:\n|$)")
_MARGIN_LINE = re.compile(r"\n(?!    |\t) {0,3}\S")  # (a line _in_item's walk up stops at)
_TILDE_LINE = re.compile(r"^[ \t]*(~{3,})", re.M)
_RUN = re.compile(r"`+|~+")
_ITEM_END = re.compile(r"\n[ \t]*\n(?=\S)")


def _item_paragraph(text: str, start: int) -> bool:
    """The paragraph whose line at the margin starts at `start` (the lines up from it to a blank
    line) has a list item's line: an indented line below it is the item's. (Regexes over the
    paragraph: a long one of HTML lines was walked line by line.)"""
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    para = 0
    for blank in _BLANK_LINE.finditer(text, 0, start):
        para = blank.end()
    return _ITEM_NL.search("\n" + text[para:end] + "\n") is not None


_ITEM_NL = re.compile(r"\n {0,3}(?:[-*+]|\d+[.)])[ \t\n]")  # (an item's marker line after a line break)


_BLOCK_TAG = re.compile(r" {0,3}<")  # (kramdown's HTML_BLOCK_START: OPT_SPACE, then a tag)


def top_level_fences_as_text(text: str, item_limit=None) -> str:
    """kramdown's GFM fence needs its closing line (FENCED_CODEBLOCK_MATCH): one never closed is
    text, its opening line a paragraph's (cmark runs it to the end of the page as code), and so
    is a fence line with more than a word after its marks. The opening run is written escaped,
    so that cmark reads it as text too (not where cmark sees no fence either: a backtick after
    backticks)."""
    m = FENCE.match(text) or FENCE_NL.search(text)
    while m is not None:
        run = m.group(1)
        if lazy_code_fence(text, m):  # (lists.lazy_code_lines joins it to the code)
            m = FENCE_NL.search(text, m.end())
            continue
        if item_limit is not None and text[m.start(1) - 1] == " " and _closes_item_fence(text, m):
            m = FENCE_NL.search(text, m.end())  # (it closes a list item's fence: it opens nothing)
            continue
        opener = kramdown_opener(text, m)
        close = closing_fence(text, m) if opener else None
        in_item = close is not None and item_limit is not None and _closed_after_item(text, m, close, item_limit)
        if in_item:
            close = None  # (kramdown reads a list item's text first: the fence closes in it or is text)
        if close is not None and ":" in text and _in_definition(text, m) and "\n\n" in text[m.end():close.start()]:
            m = FENCE_NL.search(text, m.end())  # (deflists: a definition's fence closes in it or is text)
            continue
        if close is None and len(run) > 3:
            shorter = _shorter_run(text, m)
            if shorter is not None:
                text, end = shorter
                m = FENCE_NL.search(text, end)
                continue
        if close is None:
            block = text.rfind("\n\n", 0, m.start(1))
            block = 0 if block < 0 else block + 2
            if _BLOCK_TAG.match(text, block) or text.rfind("<!--", 0, m.start(1)) > text.rfind(
                    "-->", 0, m.start(1)):  # (an HTML block, up to 3 spaces in, or a comment: as is;
                # indented code: lazy_code_fence)
                return text
            end = text.find("\n", m.end(1))
            if not opener and run[0] == "`" and "`" in text[m.end(1):end if end >= 0 else len(text)]:
                m = FENCE_NL.search(text, m.end())  # (cmark reads no fence there either)
                continue
            if not opener and run[0] == "`":
                spanned = _code_span_lines(text, m)
                if spanned is not None:
                    text = spanned
                    m = FENCE_NL.search(text, m.end() + 1)
                    continue
            # (after it, the page's other fence lines are read as well: a later ```` ```ruby {linenos} ````
            # is kramdown's text too, ```` ``` ```` … ```` ``` ```` a fence)
            text = text[:m.start(1)] + "".join("\\" + ch for ch in run) + text[m.end(1):]
            m = FENCE_NL.search(text, m.end() + len(run))
            continue
        m = FENCE_NL.search(text, close.end())
    return text


_ANY_FENCE = re.compile(r"[ \t]*((?:[-*+]|\d{1,9}[.)])[ \t]+)?(`{3,}|~{3,})")  # (led by an item's marker: group 1)


def _closed_after_item(text: str, m, close, item_limit) -> bool:
    """Whether the fence `m` opens in a list item whose text ends before its closing line `close`."""
    line_start = text.rfind("\n", 0, m.start(1)) + 1
    indent = m.start(1) - line_start
    if not indent or not re.search(rf"\n {{0,{indent - 1}}}[^ \n]", text[m.end(1):close.start()]):
        return False  # (at the margin, or no line less indented before the closing one: the item goes on)
    return close.start() >= item_limit(text, line_start, m.start(1))


def _closes_item_fence(text: str, m) -> bool:
    """Whether the fence line `m` (indented) closes a fence opened above it in the same item (one
    indented four or more, which the top-level scan does not see: `    ```bash` … `   ````): the
    fence lines from the item's margin line down pair up, opener (on the item's marker line, or
    indented four or more) then closer."""
    run = m.group(1)
    line_start = text.rfind("\n", 0, m.start(1)) + 1
    opened = None
    for line in text[margin_line(text, line_start):line_start].split("\n"):
        f = _ANY_FENCE.match(line)
        if f is None:
            continue
        if opened is None:  # (an opener the top-level scan does not see: on an item's marker line, or deep)
            opened = f.group(2) if f.group(1) or f.start(2) >= 4 else None
        elif not f.group(1) and closes_fence(f, line, opened, 2):
            opened = None
    return opened is not None and run[0] == opened[0] and len(run) >= len(opened)


def _code_span_lines(text: str, m):
    """kramdown reads the line of `m` (backticks and more than a word: no fence) as paragraph
    text, and parse_codespan takes its run to the next run as long in the paragraph (```` ```toml
    config-example ```` ... ```` ``` ````: a code span over the lines). When that run is in the
    paragraph (no blank line before it, not a fence of its own), the text with both lines marked
    so that cmark reads them as text and the span; else None (the run is text: escaped)."""
    run = m.group(1)
    stop = _BLANK.search(text, m.end(1))
    stop = stop.start() if stop is not None else len(text)
    q = text.find(run, m.end(1), stop)
    if q < 0:
        return None
    between = FENCE_NL.search(text, m.end(1), q)
    while between is not None:  # a fence before it ends the paragraph
        if kramdown_opener(text, between) and closing_fence(text, between) is not None:
            return None
        between = FENCE_NL.search(text, between.end(), q)
    line = text.rfind("\n", 0, q) + 1
    fence = _FENCE_AT.match(text, line) if q - line <= 3 else None
    if fence is not None and fence.start(1) == q:  # a fence line closes the span, if no fence opens there
        if kramdown_opener(text, fence) and closing_fence(text, fence) is not None:
            return None
        text = text[:q] + _SPAN_MARK + text[q:]
    return text[:m.start(1)] + _SPAN_MARK + text[m.start(1):]


# where kramdown's GFM paragraph ends (PARAGRAPH_END_GFM but a fence line, which goes on it when
# it opens no fence): a blank line, a list item, a heading, a quote, a definition, an IAL, a tag
_BLANK = re.compile(r"\n(?:[ \t]*(?:\n|$)| {0,3}(?:[-+*][ \t]|\d+\.[ \t]|#|>|:[ \t]|\{:|</?[A-Za-z]))")
_FENCE_AT = re.compile(r" {0,3}(`{3,}|~{3,})")  # FENCE at a given line start
_DD_LINE = re.compile(r"(?m)^ {0,3}:[ \t]")


def _in_definition(text: str, m) -> bool:
    """The fence line `m` continues a definition (`: text` earlier in its block, no blank line
    between): kramdown reads the definition's lines as a document of their own."""
    start = text.rfind("\n\n", 0, m.start(1))
    return _DD_LINE.search(text, 0 if start < 0 else start + 2, m.start(1)) is not None


def _shorter_run(text: str, m):
    """kramdown's FENCED_CODEBLOCK_MATCH backtracks: a run of 4+ marks that no line closes opens
    a fence of fewer marks when a line closes that, the marks left over starting its language
    (```` ````py ```` closed by ```` ``` ````: language-`py). cmark takes no such info string
    after backticks, nor that closing line: both lines are written with the other mark, long
    enough for the content. (text, offset after the closing line), or None."""
    run = m.group(1)
    end = text.find("\n", m.end(1))
    end = len(text) if end < 0 else end
    rest = text[m.end(1):end].rstrip(" \t")
    if rest and (rest[0] in " \t" or " " in rest or "\t" in rest):
        return None  # (the leftover marks and the word must be one language word)
    for n in range(len(run) - 1, 2, -1):
        close = closing_fence(text, m, run[:n])
        if close is not None:
            break
    else:
        return None
    other = "~" if run[0] == "`" else "`"
    body = text[end:close.start(1)]
    width = max([3] + [len(r) + 1 for r in re.findall(r"(?m)^ *(%s+)" % re.escape(other), body)])
    marks = other * width
    text = (text[:m.start(1)] + marks + run[n:] + text[m.end(1):close.start(1)] + marks + text[close.end(1):])
    return text, close.end() + 2 * width - n - len(close.group(1))


INDENTED_FENCE = re.compile(r"(?m)^ +(?:`{3}|~{3})")  # a fence opener after spaces (or an item's marker)
# one scan: the list items and blockquotes that contain each code block, and the blocks
_SCAN = re.compile(r'<(/?)(li|blockquote)\b(?: data-sourcepos="(\d+):(\d+)-)?|'
                   r'<pre data-sourcepos="(\d+):(\d+)-(\d+):\d+"[^>]*><code[^>]*>(.*?)</code></pre>', re.S)
_ITEM_START = re.compile(r"[ \t]*(?:[-+*]|\d{1,9}[.)])([ \t]+|$)")


def kept_fence_indent(out: str, source: str) -> str:
    """kramdown's GFM fence keeps its content lines as written in their container (the fenced
    block's regex takes them whole); cmark takes off as many spaces as the opening fence has
    (`  ```` at the top level, a fence indented further than its list item's text). Each such
    block's code is written again from the source lines, with only the container's indentation
    taken off (not inside a blockquote, whose prefix varies by line)."""
    lines = source.split("\n")
    parts, pos, stack = [], 0, []
    for m in _SCAN.finditer(out):
        if m.group(2):
            if not m.group(1):
                stack.append((m.group(2), m.group(3), m.group(4)))
            elif stack and stack[-1][0] == m.group(2):
                stack.pop()
            continue
        first, col, last = int(m.group(5)), int(m.group(6)), int(m.group(7))
        opener = lines[first - 1] if first <= len(lines) else ""
        if col < 2 or opener[col - 1:col + 2] not in ("```", "~~~"):
            continue
        width = _container_width(stack, lines)
        if width is None or col - 1 <= width or col - 1 - width > 3:
            continue  # (4 columns in: indented code whose first line is a fence line, as written)
        body = []
        for line in lines[first:last - 1]:
            if line[:width].strip():  # (a lazy line: as cmark read it)
                break
            body.append(line[width:])
        else:
            parts.append(out[pos:m.start(8)] + (html.escape("\n".join(body) + "\n", quote=False) if body else ""))
            pos = m.end(8)
    if not parts:
        return out
    parts.append(out[pos:])
    return "".join(parts)


def _container_width(stack: list, lines: list) -> int | None:
    """Columns of the innermost list item's indentation (0 at the top level); None inside a
    blockquote."""
    if not stack:
        return 0
    if any(kind == "blockquote" for kind, _, _ in stack) or stack[-1][1] is None:
        return None
    line, col = int(stack[-1][1]), int(stack[-1][2])
    text = lines[line - 1] if line <= len(lines) else ""
    m = _ITEM_START.match(text, col - 1)
    if m is None:
        return None
    gap = m.group(1)
    return m.end() if gap and len(gap) <= 4 and "\t" not in gap else m.start(1) + 1


_ITEM_FIRST_LINE = re.compile(r"[ \t]*(?:[-*+]|\d+\.)[ \t]+")  # (a list item's first line, as kramdown's LIST_START: `1.`, a blank after)


def item_text(lines: list, i: int) -> bool:
    """Whether indented line i (no fence line) is a list item's: the indented or blank lines above
    it lead up to an item's first line (fenced_lines reads indented lines as code everywhere)."""
    if lines[i].lstrip()[:3] in ("```", "~~~"):
        return False
    k = i - 1
    while k >= 0 and (not lines[k].strip() or lines[k][:1] in " \t"):
        k -= 1
    return k >= 0 and _ITEM_FIRST_LINE.match(lines[k]) is not None
