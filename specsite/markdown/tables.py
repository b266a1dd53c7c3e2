"""kramdown's tables (kramdown 2.4 table.rb), found in the lines before cmark runs and rendered
by the caller from (sections, alignment, width): kramdown, not GFM, decides what is a table."""
from __future__ import annotations

import re
from itertools import compress, count, repeat
from operator import contains

from .autolinks import KRAMDOWN_AUTOLINK
from .bullets import item_column
from .fences import fenced_lines
from .lists import SETEXT_LINE, lift_island
from .rawhtml import SPAN_ELEMENTS
from .spans import RUBY_BLANKS
from .text import LONE_TICK, outside_code_spans

_LONE_READ = "`" + "\x01" * (len(LONE_TICK) - 1)

SPAN_MARK = "\u2e2e"  # (punctuation: emphasis after it opens as at a line start) makes cmark read the line as paragraph text; removed from the HTML
IAL_LINE = re.compile(r"^ {0,3}\{:(?![:/])\s*((?:\\\}|[^}])*)\}[ \t]*$")  # (IAL_BLOCK: `{::x}`, `{:/x}` are none; `\}` is text)

GFM_DELIMITER = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_TABLE_LINE = re.compile(r"^(?: {0,3})(?=\S)(?:\||.*?[^\\]\|)")
_TABLE_SEP = re.compile(r"^ *[+|: \t-]*-[+|: \t-]*$")
# kramdown's block parsers before :table: a heading, a quote, a list; block HTML (a tag that is no
# span element, a close tag, a comment): a line led by a span element's tag or an autolink (no
# tag to parse_block_html) may start a table
_NOT_TABLE_START = re.compile(r"^ {0,3}(?:[#>]|<(?!(?:" + "|".join(sorted(SPAN_ELEMENTS)) + r")(?![\w-])"
                              r"|" + KRAMDOWN_AUTOLINK + r")"
                              r"|[-*+][ \t]|\d+[.)][ \t])", re.I)


def in_table(lines: list, i: int) -> bool:
    """Whether line i is a row after the first of a table that extract_pipe_tables will find:
    kramdown's table parser reads its rows itself, so a row led by a block tag (`<nobr>`) is no
    HTML block ending a paragraph there."""
    if not _TABLE_LINE.match(lines[i]) or lines[i][:1] in (" ", "\t"):
        return False
    start = i
    while start > 0 and "|" in lines[start - 1] and _TABLE_LINE.match(lines[start - 1]) \
            and lines[start - 1][:1] not in (" ", "\t"):
        start -= 1
    if start == i or (start and lines[start - 1].strip() and not IAL_LINE.match(lines[start - 1])) \
            or _NOT_TABLE_START.match(lines[start]) or len(_split_cells(lines[start].strip())) < 2:
        return False
    end = i + 1
    while end < len(lines) and "|" in lines[end] and len(_split_cells(lines[end].strip())) > 1:
        end += 1
    return end == len(lines) or not lines[end].strip() or bool(IAL_LINE.match(lines[end]))


def extract_pipe_tables(lines: list, islands: list, closed_at: int | None = None, ial_lines=frozenset()):
    """kramdown reads tables itself (table.rb), and differently from GFM: a table starts after
    a blank line, its `|---|` line is optional (rows before it are the header), every row gets
    as many cells as the widest, and it must end at a blank line, else it is a paragraph
    (`closed_at`: in an HTML element's markdown, the line its end tag stands on, right after
    the last line: no blank line there).
    Unindented runs are decided here; indented ones (in list items) are left to cmark."""
    piped = list(compress(count(), map(contains, lines, repeat("|"))))  # (only lines with a pipe matter; in C)
    if any(lines[k][:4].lstrip(" ")[:1] == ">" for k in piped):
        _quoted_tables(lines, islands, piped)
    # (only those are asked about: indented code matters when one of them is indented)
    fenced = fenced_lines("\n".join(lines), any(lines[k].startswith(("    ", "\t")) for k in piped))
    i, comments, fences, item_comments = 0, None, None, None
    pending: list = []  # (one-row tables with footnotes whose carrier has no room yet)
    for k in piped:
        if k < i:
            continue
        i = k
        line = lines[i]
        if line[:1] == " " and i and not lines[i - 1].strip():  # (maybe a list item's later block)
            fences = fenced_lines("\n".join(lines), False) if fences is None else fences
            item_comments = _block_comments(lines, True) if item_comments is None else item_comments
            if i + 1 not in fences and not any(first < i <= last for first, last in item_comments):
                end = _item_block_table(lines, i, islands)  # (a comment at the item's column is the item's block)
                if end is not None:
                    i = end
                    continue
        if i + 1 in fenced:  # (indented after a blank line: code, unless a list item's text)
            if not line.startswith("    ") or item_column(lines, i) is None:
                continue
            fences = fenced_lines("\n".join(lines), False) if fences is None else fences
            if i + 1 in fences:
                continue
            item = _LIST_ITEM.match(line)  # (a nested item's marker up to 3 in from its item's column:
            if item and len(line) - len(line.lstrip(" ")) < item_column(lines, i) + 4:  # no code there)
                i = _item_table(lines, i, item, islands)
                continue
            i = _indented_item_table(lines, i, islands, fences)
            continue
        item = _LIST_ITEM.match(line)
        if item and (not line.startswith(("    ", "\t")) or (i and lines[i - 1].strip())):  # (the marker's indent)
            i = _item_table(lines, i, item, islands)
            continue
        if line[:1] in (" ", "\t", ""):  # (1-3 spaces: kramdown's OPT_SPACE, where no list item goes on)
            lead = len(line) - len(line.lstrip(" "))
            if line[lead:lead + 1] in ("\t", ""):
                continue
            if not 0 < lead < 4 or not _outside_items(lines, i):
                i = _indented_item_table(lines, i, islands, fenced)  # (not indented code: 1-3 spaces)
                continue
        if not _TABLE_LINE.match(line) or _NOT_TABLE_START.match(line):
            continue
        if comments is None:
            comments = _block_comments(lines)
        if comments and any(first < i <= last for first, last in comments):
            continue  # (in a comment kramdown keeps whole: no table)
        cells = _split_cells(line.strip())
        if len(cells) < 2:
            continue
        splits = [cells]  # (each row's cells, split once)
        end = i + 1
        while end < len(lines) and end + 1 not in fenced and "|" in lines[end]:
            cells = _split_cells(lines[end].strip())
            if len(cells) < 2:
                break
            splits.append(cells)
            end += 1
        rows = lines[i:end]
        table = None
        # (an IAL line before it, blanked by preprocess, that went on the block above ends with
        # kramdown's eob :ial: no block boundary, the rows are paragraph text)
        if (i == 0 or (not lines[i - 1].strip(RUBY_BLANKS) and not (
                i - 1 in ial_lines and i > 1 and lines[i - 2].strip(RUBY_BLANKS))) or IAL_LINE.match(lines[i - 1])) and \
                (end == len(lines) or not lines[end].strip(RUBY_BLANKS) or IAL_LINE.match(lines[end])) \
                and end != closed_at:  # (a line of no-break or ideographic spaces is no blank line to kramdown)
            table = _kramdown_table(rows, splits)
        if table is None:  # a paragraph in kramdown: no GFM table either
            for j in range(i, end):
                if GFM_DELIMITER.match(lines[j]):
                    lines[j] = SPAN_MARK + lines[j]
            i = end
            continue
        # (a carrier needs a blank line after it, so that it stays a paragraph of its own; a
        # one-row table's takes the blank line after it, and may lead a paragraph of text below,
        # whose first line starts no block: tablehtml.cell_footnotes_in takes it out of there)
        room = end - i >= 3 or end == len(lines) or not lines[end].strip() and (
            end - i == 2 or end + 1 == len(lines) or not lines[end + 1].strip() or (
                _TEXT_LINE.match(lines[end + 1]) and (end + 2 >= len(lines) or not SETEXT_LINE.match(lines[end + 2]))))
        carrier = _cell_footnotes(table, len(islands)) if room and "[^" in "".join(rows) else None
        if not room and "[^" in "".join(rows):  # (the line after the blank one may end the carrier: below)
            pending.append((table, len(islands), i, end))
        lift_island(lines, islands, i, end, ("table", table, "", i + 1, ""))
        if carrier:
            lines[i + 1] = carrier
        i = end
    for table, n, i, end in pending:  # (a one-row table's: after the tables below are islands)
        if _ENDS_CARRIER.match(lines[end + 1]):
            carrier = _cell_footnotes(table, n)
            if carrier:
                lines[i + 1] = carrier


# a line that ends the paragraph above it in cmark-gfm (a one-row table's carrier takes the blank line
# between them): a footnote definition, an ATX heading, a fence, an island (a table below: a comment)
_ENDS_CARRIER = re.compile(r" {0,3}(?:\[\^[^\]\n]+\]:|#{1,6}(?:[ \t]|$)|```|~~~|<!--specsite-island-\d+-->)")


def _outside_items(lines: list, i: int) -> bool:
    """Line `i` (indented 1-3 spaces, after a blank line) is no list item's: the block at the
    margin above it (the first line at the margin that starts a block, its paragraph's lines
    walked over) is no item, or one whose text is indented further (kramdown's list ends)."""
    for k in range(i - 1, -1, -1):
        line = lines[k]
        if line[:1] in (" ", "\t", ""):
            continue
        item = _LIST_ITEM.match(line)
        if item:
            return "\t" not in item.group(1) and len(lines[i]) - len(lines[i].lstrip(" ")) < len(item.group(1))
        if k == 0 or not lines[k - 1].strip():
            return True
    return True


def _block_comments(lines: list, indented: bool = False) -> list:
    """(first, last) line of each comment kramdown reads as a block (parse_block_html scans
    HTML_COMMENT_RE at the line's start: `<!--` at the margin, where a block starts), to the line
    of its first `-->`: kept whole, blank lines and all, so no table starts inside it. `indented`:
    at any indent too (a list item's content is a document of its own, its margin the item's)."""
    found, k = [], 0
    while k < len(lines):
        line = lines[k].lstrip(" ") if indented else lines[k]
        if line.startswith("<!--") and (k == 0 or not lines[k - 1].strip() or lines[k - 1].startswith("#")) \
                and "-->" not in line[4:]:
            end = k + 1
            while end < len(lines) and "-->" not in lines[end]:
                end += 1
            found.append((k, end))
            k = end
        k += 1
    return found


def _quoted_tables(lines: list, islands: list, piped: list) -> None:
    """kramdown parses a blockquote's content as a document of its own, tables as at the top
    level (a `|` run after a blank line or the quote's start, ending at one or at the quote's end,
    with a body): each run of lines quoted to one depth is read so, its markers kept on every
    line (a table's lines become its island's line and empty quote lines)."""
    from .quoted import _QUOTE_PREFIX  # (a page with a quoted `|` line: not at start-up)
    fenced = fenced_lines("\n".join(lines), False)  # (`>>> f(a | b)` in fenced code is code)

    def depth_of(line: str) -> int:
        m = _QUOTE_PREFIX.match(line)
        return m.group(0).count(">") if m else 0
    done = -1
    for k in piped:
        if k <= done or k + 1 in fenced:
            continue
        m = _QUOTE_PREFIX.match(lines[k])
        if m is None:
            continue
        depth = m.group(0).count(">")
        start = k
        while start > 0 and depth_of(lines[start - 1]) == depth:
            start -= 1
        end = k + 1
        while end < len(lines) and depth_of(lines[end]) == depth:
            end += 1
        done = end - 1
        prefixes = [_QUOTE_PREFIX.match(lines[j]).group(0) for j in range(start, end)]
        inner = [lines[j][len(p):] for j, p in zip(range(start, end), prefixes)]
        before = list(inner)
        extract_pipe_tables(inner, islands)
        for j, (was, now) in enumerate(zip(before, inner)):
            if now != was:
                marks = prefixes[j] if prefixes[j].endswith((" ", "\t")) else prefixes[j] + " "
                lines[start + j] = marks + now if now else prefixes[j].rstrip()


_LIST_ITEM = re.compile(r"^([ \t]*(?:[-*+]|\d+\.)[ \t]+)(?=\S)")
FOOTNOTE_REF = _FOOTNOTE_REF = re.compile(r"\[\^(\w[\w-]*)\]")  # kramdown's FOOTNOTE_MARKER_START (ALD_ID_NAME)
FN_CARRIER, FN_CELL = "\ue041", "\ue042"
_TEXT_LINE = re.compile(r"[^\s#>*+\-\d<:{`~=\[|!$][^|\n]*$")  # (a line that starts no block and is no table row)
FN_END = "\ue043"  # ends an HTML element's carrier (islands.py): several may share a paragraph


def _cell_footnotes(table, n: int):
    """kramdown reads a footnote reference in a table cell as in any text; cmark-gfm numbers
    notes over one run, and the cells are another: each `[^x]` of the cells becomes FN_CELL, and
    the references, in order, go into a carrier paragraph at the table's place in the page's own
    run (`FN_CARRIER n FN_CARRIER [^x] FN_CARRIER ...`), whose rendered references go back into
    the cells (tablehtml.cell_footnotes_in). None when no cell has one."""
    refs = []

    def one(m):  # (after SPAN_MARK, punctuation as the reference's `[` is: `_x_[^1]` closes its emphasis)
        refs.append(m.group(0))
        return SPAN_MARK + FN_CELL
    for _, rows in table[0]:
        for row in rows:
            for k, cell in enumerate(row):
                if "[^" in cell:
                    row[k] = outside_code_spans(cell, lambda text: _FOOTNOTE_REF.sub(one, text))
    if not refs:
        return None
    return FN_CARRIER + str(n) + FN_CARRIER + FN_CARRIER.join(refs) + FN_CARRIER


def _item_block_table(lines: list, i: int, islands: list):
    """A later block of a list item (after a blank line, at the item's content column, up to 3
    more) whose lines all have a `|`, up to a blank line, the next item or the end: kramdown
    reads the item's content as a document, so it is a table there (cmark: a paragraph). The
    index after it; None when line `i` is no such block's first."""
    lead = len(lines[i]) - len(lines[i].lstrip(" "))
    col = _item_column(lines, i, lead)
    if col is None or not col <= lead < col + 4 or lines[i][lead:lead + 1] == "\t" \
            or _NOT_TABLE_START.match(lines[i][col:]) or not _TABLE_LINE.match(lines[i][col:]):
        return None
    end, rows = i, []
    while end < len(lines) and "|" in lines[end] and len(lines[end]) - len(lines[end].lstrip(" ")) >= col \
            and not _LIST_ITEM.match(lines[end]) and len(_split_cells(lines[end].strip())) > 1:
        rows.append(lines[end].strip())
        end += 1
    if not rows or (end < len(lines) and lines[end].strip() and not _LIST_ITEM.match(lines[end])):
        return None
    table = _kramdown_table(rows)
    if table is None:
        return None
    lift_island(lines, islands, i, end, ("table", table, "", i + 1, ""), prefix=" " * col)
    return end


def _item_column(lines: list, i: int, lead: int):
    """The content column of the list item whose block line `i` (indented `lead`) is: the first
    line above, blank lines and lines indented as far skipped, is that item's first; else None."""
    for k in range(i - 1, -1, -1):
        line = lines[k]
        if not line.strip() or len(line) - len(line.lstrip(" ")) >= lead:
            continue
        item = _LIST_ITEM.match(line)
        return len(item.group(1)) if item and "\t" not in item.group(1) else None
    return None


def _item_table(lines: list, i: int, item, islands: list) -> int:
    """kramdown parses a list item's content as blocks, tables first: an item whose text is a
    run of lines with `|` ending the item (or at a blank line) is a table in that item."""
    rows = [lines[i][item.end():]]
    end = i + 1
    while end < len(lines) and "|" in lines[end] and not _LIST_ITEM.match(lines[end]) \
            and len(_split_cells(lines[end].strip())) > 1:
        rows.append(lines[end].strip())
        end += 1
    if end < len(lines) and lines[end].strip() and not _LIST_ITEM.match(lines[end]):
        return i + 1
    if len(_split_cells(rows[0].strip())) < 2:
        return i + 1
    table = _kramdown_table(rows)
    if table is None:  # a paragraph in kramdown (no body): no GFM table either
        for j in range(i + 1, end):
            if GFM_DELIMITER.match(lines[j]):
                lead = len(lines[j]) - len(lines[j].lstrip())
                lines[j] = lines[j][:lead] + SPAN_MARK + lines[j][lead:]
        return i + 1
    lift_island(lines, islands, i, end, ("table", table, "", i + 1, ""), prefix=item.group(1))
    return end


def _indented_item_table(lines: list, i: int, islands: list, fenced) -> int:
    """A run of `|` lines in a list item's text after a blank line (indented from its item's
    column up to three spaces more): kramdown strips the item's column and reads a table there,
    with or without a `|---|` line (`  `GET` | `POST`` under `* **Method:**`), where it ends at a
    blank line; cmark, with no delimiter row, read a paragraph. The index after what was read
    (`fenced`: line numbers in code fences, whose lines are no rows)."""
    column = item_column(lines, i)
    if column is None or (i and lines[i - 1].strip() and not IAL_LINE.match(lines[i - 1])):
        return i + 1
    if any(first < i <= last for first, last in _block_comments(lines, True)):
        return i + 1  # (in a comment at the item's column, kept whole: no table)
    text = lines[i][column:]
    if not _TABLE_LINE.match(text) or _NOT_TABLE_START.match(text):
        return i + 1
    rows, end = [], i
    while end < len(lines) and end + 1 not in fenced and "|" in lines[end] and not lines[end][:column].strip():
        if len(_split_cells(lines[end].strip())) < 2:
            break
        rows.append(lines[end][column:])
        end += 1
    if not rows or (end < len(lines) and lines[end].strip() and not IAL_LINE.match(lines[end])):
        return i + 1  # (a paragraph in kramdown: left to cmark, as before)
    table = _kramdown_table(rows)
    if table is None:
        return end
    lead = len(lines[i]) - len(lines[i].lstrip(" "))
    lift_island(lines, islands, i, end, ("table", table, "", i + 1, ""), prefix=" " * lead)
    return end


_TABLE_ALIGN = re.compile(r"[ \t]?(:?)-+(:?)[ \t]?")
_TABLE_FOOT = re.compile(r"^[+|: \t=]*?=[+|: \t=]*?[ \t]*$")


# a `<` that is no void element's tag (those have no content that could hold a pipe)
_BODY_TAG = re.compile(r"<(?!(?:br|hr|img|input|wbr|area|col|embed|link|meta|param|source|track)[\s/>])", re.I)


def _kramdown_table(rows: list, splits=None):
    """(sections, alignment) as kramdown's parse_table builds them, or None when it finds no
    body; a section is ("thead"|"tbody"|"tfoot", rows of cell texts). `splits`: each row's
    stripped text split into cells, when the caller has it."""
    leading = rows[0].lstrip().startswith("|")
    sections, current, align, footer = [], [], None, False
    for k, row in enumerate(rows):
        if "-" in row and _TABLE_SEP.match(row):  # (each pattern needs its mark: most rows have neither)
            if not current:
                continue
            if align is None and not footer:
                sections.append(("thead", current))
                align = [("center" if a and b else "left" if a else "right" if b else "")
                         for a, b in _TABLE_ALIGN.findall(row)]
            elif not footer:
                sections.append(("tbody", current))
            current = []
        elif "=" in row and _TABLE_FOOT.match(row):
            if current:
                sections.append(("tbody", current))
            current, footer = [], True
        else:
            current.append(_table_cells(row, leading, splits[k] if splits else None))
    if current:
        sections.append(("tfoot" if footer else "tbody", current))
    if not any(kind == "tbody" for kind, _ in sections):
        return None
    if any("<" in row for row in rows) and _BODY_TAG.search("\n".join(rows)):  # (a pipe inside a span
        from .tablepipes import pipe_on_every_line  # element is none: tablepipes; a <br> holds none)
        if not pipe_on_every_line(rows):
            return None
    width = max(len(r) for _, section in sections for r in section)
    align = (align or [])[:width]
    return sections, align + [""] * (width - len(align)), width


def _split_cells(row: str) -> list:
    """The row split at `|`s that are neither escaped nor inside a code span (a run of backticks
    up to the next run of as many, or the run alone when none follows; a lone backtick between
    blanks, or at the row's start before a blank, opens none: parse_codespan reads its pre_match)
    nor inside a `<code>`
    element (table.rb splits the row at `<code.*?>.*?</code>` first)."""
    if "\\" not in row and "code" not in row and (
            "`" not in row or "``" not in row and "|" not in "`".join(row.split("`")[1:-1:2])):
        return row.split("|")  # (single backticks pair in order: no `|` inside a pair, none in a span)
    cells, pos, end = [], 0, len(row)
    read = row.replace(LONE_TICK, _LONE_READ) if LONE_TICK in row else row  # (a backtick again, same length:
    while True:  # it closes a span opened before it, and opens none)
        stop = _CELL.match(read, pos).end()  # (at a `|` or the end)
        cells.append(row[pos:stop])
        if stop >= end:
            return cells
        pos = stop + 1


# a cell's text: <code> elements (written <ss-raw-code> while cmark runs: renderer), text, \x (`\``:
# a backtick to kramdown's codespan parser, the only one reading the row), a lone backtick with a
# blank (or the row's start) before it and a blank after it (parse_codespan: text; written
# LONE_TICK by text.kramdown_code_spans already), code spans
_CELL = re.compile(r"(?:<(ss-raw-)?code.*?>.*?</(?(1)ss-raw-)code>|[^|`\\<]+|<|\\[^`]?"
                   r"|(?<![^ \t\n\r\f\v])`(?=[ \t\n\r\f\v])|(`+)(?:.*?\2)?)*")


def _table_cells(row: str, leading_pipe: bool, cells=None) -> list:
    cells = _split_cells(row.strip()) if cells is None else cells
    if leading_pipe and cells and not cells[0].strip(RUBY_BLANKS):
        cells = cells[1:]
    if cells and not cells[-1].strip(RUBY_BLANKS):
        cells = cells[:-1]
    return [c.strip(RUBY_BLANKS) for c in cells]  # (Ruby's strip: a no-break space stays. `\|` stays: a span escape outside code spans, kept inside them, as in kramdown)
