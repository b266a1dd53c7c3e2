"""kramdown's definition lists (list.rb): found in the source (extract_definition_lists, in
blocks.preprocess) as "dl" islands, and written as kramdown writes them (definition_list_html,
for the renderer)."""
from __future__ import annotations

import re

from .fences import fenced_lines, has_fence, unclosed_fence_as_text
from .lists import DD, ITEM_LAZY_END, lift_island
from .scan import SOURCEPOS
from .stray import escape_block_tags, span_text_tags
from .tablehtml import unwrap_p
from .fixups import parse_ial
from .tables import IAL_LINE, SPAN_MARK

_RUBY_BLANK = " \t\n\r\f\v"  # (kramdown's BLANK_LINE: ASCII white space only)

_SPAN_HTML = ("a|abbr|acronym|b|big|bdo|br|button|cite|code|del|dfn|em|font|i|img|input|ins|kbd|label|mark|q|s|"
              "samp|select|small|span|strike|strong|sub|sup|tt|u|var")
_TERM_BLOCK = re.compile(r"^(?: {0,3}(?:([-*_])(?:[ \t]*\1){2,}[ \t]*$|=+[ \t]*$|#{1,6}[ \t]|[>|]|<(?!(?:%s)\b)|```|~~~|[-*+][ \t]|\d+\.[ \t]|\{:(?![:/])|:[ \t])|[ \t]*$| {4}|\t)"
                         % _SPAN_HTML)


def extract_definition_lists(lines: list, islands: list, ial_lines=frozenset(), ials=None, stops=frozenset()):
    """kramdown's definition lists (list.rb): the lines of the paragraph before a `: text` line
    are terms, each `:` item a definition read like a list item (indented and lazy lines).
    Adjacent lists separated by blank lines are one, but not across a block IAL line (`ial_lines`:
    the indexes of those preprocess blanked), which ends the list it follows; one at the margin
    (`stops`) ends the definition it follows, as list.rb's lazy lines stop there. Each list becomes a
    "dl" island: [("dt", text) | ("dd", content, paragraph_kept, first_line)]."""
    fenced = fenced_lines("\n".join(lines))
    i = 0
    while i < len(lines):
        start = _term_start(lines, i, fenced)
        if start is None:
            i += 1
            continue
        items, end = [], start
        while True:
            term_end = end
            while term_end < len(lines) and lines[term_end].strip() and not DD.match(lines[term_end]):
                term_end += 1
            first_as_para = False
            dd_at = term_end
            if dd_at < len(lines) and not DD.match(lines[dd_at]):
                first_as_para, dd_at = True, dd_at + 1
            if dd_at >= len(lines) or not DD.match(lines[dd_at]) or \
                    any(_term_block(lines[k], first_as_para) for k in range(end, term_end)):
                break
            # (a term keeps a no-break or ideographic space at its ends: Ruby strips ASCII only)
            items += [("dt", lines[k].strip(" \t\n\v\f\r\0")) for k in range(end, term_end)]
            end = _definitions(lines, dd_at, first_as_para, items, stops)
            after = end
            while after < len(lines) and not lines[after].strip():
                after += 1
            if after == end or after >= len(lines) or any(k in ial_lines for k in range(end, after)):
                break
            end = after  # a paragraph after blank lines: a further term when a `:` line follows it
        if not items:
            i += 1
            continue
        while end > start and not lines[end - 1].strip():
            end -= 1
        lift_island(lines, islands, start, end, ("dl", items, "", start + 1, ""))
        i = end
    if ials is not None and any(line[:1] in " :" and ":" in line for line in lines):  # (`:` a lazy one)
        _item_definition_lists(lines, islands, ial_lines, ials)
    if ials is not None and any(line[:1] == ">" for line in lines):
        _quote_definition_lists(lines, islands)


_ITEM_START = re.compile(r"^ {0,3}(?:[-*+]|\d+\.)[ \t]+(?=\S)")
_INDENTED_DD = re.compile(r"^( +):[ \t]")


def in_definition(lines: list, i: int) -> bool:
    """Whether line i (an indented block IAL) is indented to the content column of a definition
    above it in its run of lines (`: text` then `  {: .x}`): kramdown reads it as the definition's
    content (dl.rb, as list.rb an item's); less indented, it ends the definition (LAZY_END)."""
    indent = len(lines[i]) - len(lines[i].lstrip(" "))
    for k in range(i - 1, -1, -1):
        if not lines[k].strip():
            return False
        dd = DD.match(lines[k])
        if dd:
            return indent >= len((dd.group(1) + dd.group(2)).expandtabs(4))
    return False


def _item_definition_lists(lines: list, islands: list, ial_lines, ials: list) -> None:
    """Definition lists inside a list item (kramdown parses an item's content as blocks): the
    item's text from its first line on, dedented by its content indent (lazy lines under it, at
    any indent, as they are), read as above, so that the first line is a term too; each island's
    marker goes back indented (on the marker's line: after the marker), so that cmark keeps it in
    the item, and a block IAL right after a list (`{: .x}` in the item) goes on it (`ials`: the
    page's, preprocess's)."""
    i = 0
    while i < len(lines):
        m = _ITEM_START.match(lines[i])
        if m is None:
            i += 1
            continue
        indent = m.end()
        end = i + 1
        while end < len(lines) and (not lines[end].strip() or lines[end].startswith(" " * indent)
                                    or (lines[end - 1].strip() and not _ITEM_START.match(lines[end]))):
            end += 1  # (its indented lines, and a lazy line right under a line of it)
        while end > i + 1 and not lines[end - 1].strip():
            end -= 1
        body = [lines[i][indent:]] + [line[indent:] if line.startswith(" " * indent) else line.lstrip(" ")
                                      for line in lines[i + 1:end]]
        if any(DD.match(line) for line in body[1:]):
            first = len(islands)
            extract_definition_lists(body, islands, frozenset(k - i for k in ial_lines if i < k < end))
            for n in _move_lists(islands, first, i):  # (the column: the term's first line, as written)
                kind, items, _, line, close = islands[n]
                term = lines[line - 1]
                column = indent if line == i + 1 else len(term) - len(term.lstrip(" "))
                islands[n] = (kind, items, str(column + 1), line, close)
            last_lifted = -2  # (the index of the last line a list took)
            for k, line in enumerate(body):
                if line.startswith("<!--specsite-island-"):
                    lines[i + k] = (lines[i][:indent] if k == 0 else " " * indent) + line
                    last_lifted = k
                    continue
                if not line and lines[i + k].strip():
                    lines[i + k] = ""  # (a line of the list)
                    last_lifted = k
                    continue
                ial = IAL_LINE.match(line) if k == last_lifted + 1 else None
                if ial:  # (right after the list's last line: its IAL)
                    ials.append((i + 1 + k, parse_ial(ial.group(1)), "prev"))
                    lines[i + k] = ""
        i = end


def _move_lists(islands: list, first: int, offset: int) -> list:
    """Moves the definition lists among islands[first:] down `offset` lines (read from an item's or
    a quote's body: line numbers of the page, not of the body); their indexes."""
    moved = []
    for n in range(first, len(islands)):
        kind, items, column, line, close = islands[n]
        if kind == "dl":
            for item in items:
                if item[0] == "dd":
                    item[3] += offset
            islands[n] = (kind, items, column, line + offset, close)
            moved.append(n)
    return moved


_QUOTED = re.compile(r"> ?")  # (a top-level quote's marker: nested quotes are left alone)


def _quote_definition_lists(lines: list, islands: list) -> None:
    """Definition lists inside a top-level blockquote (kramdown parses a quote's text, its `>`
    lines and the lazy lines under them up to a blank line, as a document): the quote's lines
    without their markers read as above; each island's marker goes back quoted, and the lines the
    list took become empty quote lines, so that cmark keeps one quote around the list."""
    i = 0
    while i < len(lines):
        if not lines[i].startswith(">") or lines[i].startswith(">>") or lines[i].startswith("> >"):
            i += 1
            continue
        end = i + 1
        while end < len(lines) and lines[end].strip():
            end += 1
        body = [lines[k][_QUOTED.match(lines[k]).end():] if lines[k].startswith(">") else lines[k]
                for k in range(i, end)]
        if any(DD.match(line) for line in body):
            first = len(islands)
            extract_definition_lists(body, islands)
            _move_lists(islands, first, i)
            for k, line in enumerate(body):
                lines[i + k] = "> " + line if line else ">"
        i = end

_ATX = re.compile(r"^ {0,3}#{1,6}[ \t]")


_COMMENT_LINE = re.compile(r"^ {0,3}<!--(?:(?!-->).)*-->[ \t]*$")

_UNDERLINE_OR_RULE = re.compile(r" {0,3}(?:=+|-+|([-*_])(?:[ \t]*\1){2,})[ \t]*$")


def _ends_on_its_line(lines: list, k: int) -> bool:
    """Whether line k is a rule (after a blank line) or a setext heading's underline (under one
    line of text after a blank line): a block that ends there."""
    if not _UNDERLINE_OR_RULE.match(lines[k]):
        return False
    if k == 0 or not lines[k - 1].strip():
        return True
    return not _UNDERLINE_OR_RULE.match(lines[k - 1]) and (k == 1 or not lines[k - 2].strip())

def _term_start(lines: list, i: int, fenced: set):
    """`i` when a term paragraph starts there: after a blank line, at the start, after an ATX
    heading, a setext heading's underline, a rule, a code block or a block's one-line HTML comment
    (blocks that end on their line: the next line opens a new paragraph, which list.rb takes as
    terms; html.rb ends a comment block at its line's end)."""
    if (i and lines[i - 1].strip() and not _ATX.match(lines[i - 1])
            and not (_COMMENT_LINE.match(lines[i - 1]) and (i == 1 or not lines[i - 2].strip()))
            and not (i in fenced and i + 1 not in fenced) and not _ends_on_its_line(lines, i - 1)) \
            or i + 1 in fenced \
            or (_TERM_BLOCK.match(lines[i]) and not _PIPE_LED.match(lines[i])):
        return None
    if lines[i][:1] == " " and _in_item_after_blank(lines, i):
        return None  # (an item's content after a blank line: the item's own list, _item_definition_lists)
    k = i
    while k < len(lines) and lines[k].strip() and not DD.match(lines[k]):
        k += 1
    if k < len(lines) and DD.match(lines[k]):
        return i
    if k + 1 < len(lines) and not lines[k].strip() and DD.match(lines[k + 1]) and not _PIPE_LED.match(lines[i]):
        return i
    return None


_PIPE_LED = re.compile(r" {0,3}\|")


def _term_block(line: str, blank_before_dd: bool) -> bool:
    """Whether a line of a term run starts a block, so that the run is no paragraph of terms. A line
    led by `|` does not when the `:` line follows the run directly: kramdown's table ends only at a
    block boundary, and a `:` line is none (the rows are the paragraph's lines, terms)."""
    return bool(_TERM_BLOCK.match(line)) and (blank_before_dd or not _PIPE_LED.match(line))


def _in_item_after_blank(lines: list, i: int) -> bool:
    """Whether indented line i (after a blank line) is in the list item above it: the nearest item
    line up (40 lines at most), with only blank or indented lines between, whose content column
    line i reaches."""
    for k in range(i - 1, max(i - 40, -1), -1):
        m = _ITEM_START.match(lines[k])
        if m:
            return len(lines[i]) - len(lines[i].lstrip(" ")) >= m.end()
        if lines[k].strip() and lines[k][:1] != " ":
            return False
    return False


def _definitions(lines: list, i: int, first_as_para: bool, items: list, stops=frozenset()) -> int:
    """Read the `:` items from line `i` into `items`; the index after the last one's lines (or
    before a block IAL line at the margin, `stops`, which preprocess blanked)."""
    last_blank, current = False, None
    while i < len(lines):
        line = lines[i]
        if i in stops:
            break
        dd = DD.match(line)
        if dd:
            indent = len(dd.group(1)) + len(dd.group(2).expandtabs(4))
            current = [line[dd.end():]]
            items.append(["dd", current, first_as_para, i + 1])
            first_as_para = last_blank = False
        elif not line.strip(_RUBY_BLANK):  # (a line of no-break or ideographic spaces is text: BLANK_LINE is ASCII)
            if current is not None:
                current.append("")
            first_as_para = last_blank = True
        elif line.startswith(" " * indent) or (not last_blank and not ITEM_LAZY_END.match(line)):
            current.append(line[indent:] if line.startswith(" " * indent) else line)
            first_as_para = last_blank = False
        else:
            break
        i += 1
    for item in items:
        if item[0] == "dd" and isinstance(item[1], list):
            item[1] = "\n".join(item[1]).rstrip("\n")
    while i > 0 and not lines[i - 1].strip():
        i -= 1
    return i


_FIRST_P_LINES = re.compile(r'<p data-sourcepos="(\d+):\d+-(\d+):\d+"')


def definition_list_html(renderer, items: list, first: int, line_base: int, basic: bool, column: int = 1,
                         refs: str = ""):
    """kramdown's <dl>: terms read as spans, definitions as blocks whose first paragraph has no
    <p> unless a blank line came before the `:`. (html, IALs for the page: none, as a definition's
    blocks take theirs here);
    `column`: where its first term starts (in a list item: an IAL there is the list's); `refs`:
    the page's link definitions (kramdown resolves a reference in a term or definition against
    the whole document)."""
    last = line_base + items[-1][3] + items[-1][1].count("\n")
    out, ials = [f'<dl data-sourcepos="{first + line_base}:{column}-{last}:1">\n'], []
    for item in items:
        if item[0] == "dt":
            frag = unwrap_p(renderer.cmark(SPAN_MARK + item[1] + (refs if "[" in item[1] else "")))
            if "<" in item[1] and renderer.jekyll_markup:  # (a term is span text, as a heading)
                frag = span_text_tags(escape_block_tags(frag))
            if renderer.abbrevs:  # (a term takes the page's abbreviations too)
                from .abbrev import abbreviate
                frag = abbreviate(frag, renderer.abbrevs)
            out.append(f"<dt>{SOURCEPOS.sub('', frag)}</dt>\n")
            continue
        _, content, keep_p, line = item
        if renderer.jekyll_markup and has_fence(content):  # (a definition is a document of its own:
            content = unclosed_fence_as_text(content)  # a fence in it closes in it or is text)
        frag, sub_ials = renderer._fragment(content, line_base + line - 1, basic, refs=refs if "[" in content else "")
        frag = frag.strip()
        if not keep_p and frag.startswith("<p"):
            span = _FIRST_P_LINES.match(frag)  # (an IAL of that paragraph goes with it: kramdown's is
            if span:  # on the transparent paragraph, which writes no tag)
                first_line, last_line = int(span.group(1)), int(span.group(2))
                sub_ials = [ial for ial in sub_ials if not (ial[2] == "prev" and first_line <= ial[0] - 1 <= last_line)]
            frag = re.sub(r"\A<p[^>]*>(.*?)</p>", r"\1", frag, count=1, flags=re.S)
        if sub_ials:  # (the definition's own blocks take them: kramdown reads them in its content)
            frag = renderer._apply_ials(frag, sub_ials)
        out.append(f"<dd>{frag}</dd>\n")
    out.append("</dl>")
    return "".join(out), ials
