"""The source side: kramdown syntax that cmark does not know is lifted out of the text before
cmark reads it (every line kept, so that data-sourcepos stays the page's line), and HTML blocks
as kramdown delimits them become islands rendered on their own."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .bullets import kramdown_bullets
from .widemarks import narrowed_items, wide_marks
from .emphasis import (NESTED_SAME, ODD_STAR, STAR_THEN_STRONG, TRIPLE_OPEN_AT_END, in_raw_html, NESTED_STARS,
                       kramdown_stars_at, kramdown_strong, kramdown_triple, kramdown_triple_underscores,
                       odd_underscores, triple_over_lines, raw_html_lines, space_mark, stars_elsewhere)
from .pairing import kramdown_stars, kramdown_stars_paragraph, pairs_within_lines
from .fixups import parse_ial
from .itemials import item_paragraph_ial
from .itemfences import item_fence_end, unclosed_item_fence
from .fences import FENCE, FENCE_START, closes_fence, fenced_lines
from .islands import SPAN_TAG_LINE, extract_islands
from .deflists import extract_definition_lists, in_definition
from .lazycode import lazy_code_lines
from .lists import DD, LIST_MARK, content_col, lazy_item_lines, lift_island, nested_number_under_text, numbered_from_one
from .prescan import item_lazy_code, lazy_code, lazy_items_move, passes
from .quoted import QUOTED_ITEM, quoted_lazy_items
from .kramdown_ext import RAW_LINE, options_before_ials
from .lazyend import in_html_chunk, in_item_text, lazy_end_island, lazy_end_tag
from .tagforms import VERBATIM, VERBATIM_END
from .taglines import first_tag_line
from .rawhtml import CMARK_ONLY_TAG, not_kramdown_tags
from .stray import CLOSE_LINE, CLOSES_LINE, TAG_START, in_comment, stray_close
from .tables import GFM_DELIMITER, IAL_LINE as _IAL_LINE, SPAN_MARK, extract_pipe_tables, in_table
from .linekinds import (ATX_LINE, BARE_MARKER, BARE_TAILS, BLOCK_START, CMARK_RULE, DIGIT_OR_SPACE,
                        KRAMDOWN_ITEM, LATER_NUMBER, LONE_BULLET, NO_HTML_BLOCK, OPTION_HEADS, OPTION_LINE,
                        PARAGRAPH_GOES_ON, PARA_TEXT, PAREN_MARKER, RUBY_BLANK, RULE_CHARS,
                        RULE_OR_MARKER_TAILS, RULE_TAILS, SETEXT_CHARS, SETEXT_LINE, SETEXT_TAILS,
                        SPECIAL_HEAD, TEXT_TAILS, VOID_BLOCK_HEADS, VOID_BLOCK_LINE, at_item_content,
                        between_lists, block_start, code_goes_on, escaped_pi, html_block_tag, ial_run_at,
                        in_plain_paragraph, item_text_above, lazy_goes_on, no_setext_after, note_text_before,
                        ends_list, one_line_block_before, quoted_ial_at, raw_island_before, span_led_text, table_run,
                        text_after, toc_at, under_item_text)
from .autolinks import CMARK_AUTOLINK, kramdown_odd_autolinks
from .text import (LETTER_DASH_UNDERSCORE, code_spans_as_written, kramdown_code_spans, letter_dash_underscores,
                   outside_code_spans)

# kramdown's HEADER_ID: `{#id}` ending the text, the id an XML name (REXML::XMLTokens NAME_START_CHAR
# then NAME_CHARs: `a.b`, `:x`, `_y`, letters beyond ASCII)
_XML_NAME_START = (":A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
                   "\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF")
_XML_NAME = f"[{_XML_NAME_START}][{_XML_NAME_START}\\-.0-9\u00B7\u0300-\u036F\u203F-\u2040]*"
_HEADER_ID = re.compile(rf"^(#{{1,6}}[ \t]+.*?)[ \t]\{{#({_XML_NAME})\}}[ \t]*$")
_SETEXT_ID = re.compile(rf"^(.*?)[ \t]\{{#({_XML_NAME})\}}[ \t]*$")
_INDENTED_ATX = re.compile(r"^( {1,3})(#{1,6}(?:[ \t]|$))")
_EMPTY_ATX = re.compile(r"^#{1,6}[ \t]*$")
# (the same under a quote's marks or an item's marker: kramdown's ATX header needs text)
_EMPTY_INNER_ATX = re.compile(r"^( {0,3}(?:>[ \t]?|[-*+][ \t]+)+)(#{1,6}[ \t]*)$")
_COMMENT_TAIL = re.compile(r"-->[ \t]*[^\s<]")  # (text after a comment's end: comments.comment_tails)
_EXTENSIONS = frozenset(("comment", "nomarkdown", "options"))  # (parser/kramdown/extensions.rb)
_EXTENSION_LINE = re.compile(r"^ {0,3}\{::(\w+)(?:\s[^}]*?)?/?\}[ \t]*$")  # (EXTENSION_START: a space after the name)


@dataclass
class _Prep:
    """A page's text ready for cmark, with what was taken out of it to put back after."""
    text: str
    header_ids: dict = field(default_factory=dict)  # line -> id
    ials: list = field(default_factory=list)  # (line, attrs dict, "prev"|"next")
    islands: list = field(default_factory=list)  # (mode, tag_open_html, inner, inner_line, close_html)


_ITEM_TEXT = re.compile(r" {0,3}(?:[-+*]|\d{1,9}\.)[ \t]+\S")  # an item's first line, with text
_MARK_END = re.compile(r"([.)*+])(?=[ \t]*$)")
_ITEM_FENCE_HEAD = frozenset(" -*+0123456789")  # (an item line's first character: item_fence_end)



def _item_ial(lines: list, i: int):
    """An IAL line indented four or more but within three of its list item's text column: kramdown
    reads the item's lines without the column, so it is a block IAL there (IAL_BLOCK_START)."""
    from .bullets import item_column  # (rare: imported when a page needs it)
    lead = len(lines[i]) - len(lines[i].lstrip(" "))
    for k in (i - 1, i + 1):  # (next to an IAL line of another indent, left to the rules of a run:
        if 0 <= k < len(lines) and "{:" in lines[k] and len(lines[k]) - len(lines[k].lstrip(" ")) != lead \
                and _IAL_LINE.match(lines[k].lstrip(" ")):  # a definition's and its list's IALs)
            return None
    col = item_column(lines, i)
    return None if col is None else _IAL_LINE.match(lines[i][col:])


def _pipe_row(line: str) -> bool:
    return line.lstrip(" ")[:1] == "|" and not line.startswith("    ")

def _under_item_paragraph(lines: list, k: int) -> bool:
    """Whether line k is the text of a list item's first paragraph: the item's marker line, or
    a line of text under it with none but text lines between (looked for 40 lines up at most)."""
    for j in range(k, max(k - 40, -1), -1):
        line = lines[j]
        if _ITEM_TEXT.match(line):
            return True
        head = line.lstrip(" ")[:1]
        if not head or head in "#<>|`~" or line.startswith("\t"):
            return False
    return False


def preprocess(text: str, tables: bool = True, toc: bool = True, closed_at: int | None = None) -> _Prep:
    """Lift kramdown syntax that cmark does not know out of the text, keeping every line;
    `toc`: a `{:toc}` list may become the TOC (none came before it in the document)."""
    prep = _Prep(text)
    if "<" in text and "=" in text and first_tag_line(CMARK_ONLY_TAG.match, text):  # ("<": one memchr)
        text = not_kramdown_tags(text)
    text = extract_islands(text, prep.islands)
    lines = text.split("\n")
    if wide_marks(text):  # `-     text`: kramdown's item text at its column (before the code passes)
        narrowed_items(lines)
        text = "\n".join(lines)
    code_read = text  # (the text as the lazy code passes leave it)
    if lazy_code(text):  # first: the lines it joins are code, not for the rules below
        lazy_code_lines(lines)
        code_read = "\n".join(lines)
    if item_lazy_code(code_read):
        from .itemcode import lazy_item_code_lines  # (rare: imported when a page needs it)
        lazy_item_code_lines(lines)
        code_read = "\n".join(lines)
    # every code span as cmark reads it already (most pages): a line's backticks alone call for no rule
    spans_ok = "`" not in code_read or code_spans_as_written(code_read)
    if "___" in code_read:
        kramdown_triple_underscores(lines)
    if ">" in code_read and "-->" in code_read and _COMMENT_TAIL.search(code_read):
        from .comments import comment_tails  # (rare: imported when a page needs it)
        comment_tails(lines, prep.islands, code_read)
    if "{::options" in code_read:  # (an options line between a block and its IALs: moved below them)
        options_before_ials(lines, fenced_lines(code_read))
    fence, raw_lines, ial_run, fence_end = None, None, None, -1
    ial_lines: set = set()  # (block IAL lines, blanked below: a definition list ends at one)
    margin_ials: set = set()  # (those at the margin: a definition's lazy lines stop there)
    paired: set = set()  # (the lines kramdown_stars rewrote: a tag it wrote first is no raw HTML)
    for i, line in enumerate(lines):
        if not line:
            continue  # (a blank line: no rule below, in a fence or not)
        fm = FENCE.match(line) if line[:1] in FENCE_START and ("``" in line or "~~" in line) else None
        if fence:
            if fm and closes_fence(fm, line, fence):  # (the call only on a fence line: every line of a fence is asked)
                fence, fence_end = None, i
            continue
        if i <= fence_end:
            continue  # (the lines of a fence opened on an item's line: item_fence_end)
        if fm:
            fence = fm.group(1)
            continue
        if line[:1] in _ITEM_FENCE_HEAD and ("``" in line or "~~" in line) and (end := item_fence_end(lines, i)) != -1:
            if end > i:
                fence_end = end
            else:  # (never closed in the item: the item's text)
                unclosed_item_fence(lines, i)
            continue
        if line[-2:] == "\\\\" and line[-3:-2] != "\\" and i + 1 < len(lines) and lines[i + 1].strip() \
                and "|" not in line and not line.lstrip().startswith("#") \
                and not (line.startswith(("    ", "\t")) and (i == 0 or not lines[i - 1].strip())):
            line = lines[i] = line[:-2] + "  "  # kramdown's line break `\\` at the end of a line: cmark's `  `
        if "*" in line and (ODD_STAR.search(line) or ("***" in line and line.strip(" *"))
                            or space_mark(line) or ("_" in line and NESTED_SAME.search(line))
                            or ("**" in line and STAR_THEN_STRONG.search(line)) or NESTED_STARS.search(line)):
            # (`Bear*, Wang*`: kramdown pairs, cmark cannot; `***a:***b`: kramdown's strong around em)
            raw_lines = raw_html_lines(lines) if raw_lines is None else raw_lines  # (once a page)
            if in_raw_html(lines, i, raw_lines, paired):
                pass
            elif not stars_elsewhere(lines, i) or pairs_within_lines(lines, i):
                line = lines[i] = kramdown_stars_at(lines, i)
                paired.add(i)
            else:
                rewritten = kramdown_stars_paragraph(lines, i)  # (an emphasis kramdown runs over a line's end)
                if rewritten is not None:
                    line = lines[i]
                    paired.update(rewritten)
        elif "_" in line and (odd_underscores(line) or space_mark(line)):
            # (`_n_th ... _n_`: kramdown's `_` pairs, not cmark's; a mark by a no-break space)
            raw_lines = raw_html_lines(lines) if raw_lines is None else raw_lines
            if not in_raw_html(lines, i, raw_lines, paired) and not stars_elsewhere(lines, i, "_") \
                    and not stars_elsewhere(lines, i):
                line = lines[i] = kramdown_stars(line)
                paired.add(i)
        if "-_" in line and LETTER_DASH_UNDERSCORE.search(line) \
                and not (line.startswith(("    ", "\t")) and (i == 0 or not lines[i - 1].strip())):
            line = lines[i] = letter_dash_underscores(line)
        head = line.lstrip(" ")[:1]  # the rules that test how a line starts look at its first mark
        if head not in SPECIAL_HEAD and not head.isdigit() and "<" not in line and ("`" not in line or spans_ok) \
                and "**" not in line and "|" not in line and "{#" not in line:
            continue  # (no rule below applies to a blank or plain line: most lines)
        if head in "->*+" and head and line.rstrip(" \t")[-1:] == "#" and _EMPTY_INNER_ATX.match(line):
            lines[i] = _EMPTY_INNER_ATX.sub(r"\1\\\2", line)  # (a quote's or item's `#` alone: text)
            continue
        if head in SPECIAL_HEAD and "<" not in line and "|" not in line and "{" not in line and "**" not in line \
                and ("`" not in line or spans_ok):  # (a heading, an item, a quote: no span rule rewrites it)
            tail = line.rstrip(" \t")[-1:]
            if (tail not in RULE_OR_MARKER_TAILS or tail in TEXT_TAILS) and (
                    head != "#" or (tail != "#" and line[:1] != " ")):
                continue  # (the test below that ends a line's rules, where nothing has changed the line)
        original, number = line, i + 1
        prev_blank = i == 0 or not lines[i - 1].strip(RUBY_BLANK)  # (a line of U+3000 is text)
        code = line.startswith(("    ", "\t")) and (prev_blank or code_goes_on(lines, i, code_read))
        # (indented code: no span rewriting)
        if "<" in line and ("<http" in line or "<mailto:" in line or "<ftp" in line or "@" in line
                            or (":" in line and CMARK_AUTOLINK.search(line))) \
                and not line.lstrip().startswith("<") and not code:  # (the autolinks of autolinks.kramdown_odd_autolinks)
            line = lines[i] = kramdown_odd_autolinks(line)
        if "<?" in line and not code and not line.lstrip().startswith("<"):
            raw_lines = raw_html_lines(lines) if raw_lines is None else raw_lines
            if not in_raw_html(lines, i, raw_lines):  # kramdown's span HTML has no processing
                line = lines[i] = outside_code_spans(line, escaped_pi)  # instruction: `<?x ?>` is text
        if "`" in line and not code:
            if not spans_ok or line is not original:  # (as written: the line as it is)
                line = lines[i] = kramdown_code_spans(line)
            if "***" in line and not line.lstrip().startswith("<"):
                line = lines[i] = kramdown_triple(line)
        elif "**" in line and (line.count("**") > 2 or "***" in line) and not line.lstrip().startswith("<") and not code:
            line = lines[i] = kramdown_strong(line)
            if "***" in line and TRIPLE_OPEN_AT_END.search(line):  # (closed on a later line of the paragraph)
                line = lines[i] = triple_over_lines(lines, i)
        if line is not original:
            head = line.lstrip(" ")[:1]
        special = head in SPECIAL_HEAD or head.isdigit()
        if head.isdigit() and not prev_blank and (LATER_NUMBER.match(line) and in_plain_paragraph(lines, i) or (
                line[:4] == "    " and nested_number_under_text(lines, i))):  # (deeper: an item's own paragraph)
            line = lines[i] = numbered_from_one(line)  # kramdown's paragraph ends at any LIST_START; cmark's at 1.
        # (each regex below is tried only where a line's first mark (`head`) or last character
        # (`tail`) lets it match: most lines are list items, headings and text with code spans)
        tail = line.rstrip(" \t")[-1:]
        if head != "<" and "|" not in line and "{" not in line and (not special or (
                (tail not in RULE_OR_MARKER_TAILS or tail in TEXT_TAILS and not head.isdigit())
                and (head != "#" or (tail != "#" and line[:1] != " "))
                and not (head.isdigit() and ")" in line))):
            continue  # (none of the rules below can apply: text lines with code spans, most special lines)
        if head == "<":
            if line[:1] == " " and line.lstrip(" ").startswith("<!--") and _comment_leaves_item(lines, i):
                lines[i] = line[:len(line) - len(line.lstrip(" "))] + "\\" + line.lstrip(" ")
                continue  # (kramdown reads the item's text alone: a comment not closed in it is text)
            if (prev_blank or lines[i - 1].startswith("<!--specsite-island-") or lines[i - 1].endswith("-->")
                    or lines[i - 1].lstrip(" ").startswith(RAW_LINE) or one_line_block_before(lines, i, fence_end)
                    or note_text_before(lines, i)) and SPAN_TAG_LINE.match(line):
                # (a comment block ends where its "-->" line does; an element's raw lines at its end tag;
                # a heading, a rule or a fence ends on its line: cmark's HTML block (kind 7) may follow;
                # a note's indented lines: kramdown's note goes on over it, cmark's ends)
                lines[i] = SPAN_MARK + line  # a span element alone on a line is a paragraph in kramdown
                continue
            lead_name = line[:12].lstrip(" ")[1:8].lower()
            if lead_name in OPTION_HEADS and OPTION_LINE.match(line) \
                    and (prev_blank or not in_html_chunk(lines, i)):
                raw_lines = raw_html_lines(lines) if raw_lines is None else raw_lines
                if i not in raw_lines and not in_comment(lines, i):
                    lines[i] = SPAN_MARK + line  # kramdown: a span element (raw content), paragraph text; cmark: a block
                    continue
            if lead_name[:1] in VOID_BLOCK_HEADS and VOID_BLOCK_LINE.match(line) and i + 1 < len(lines) \
                    and lines[i + 1].strip() and (prev_blank or lines[i - 1].startswith("<!--specsite-island-") or (
                        (PARAGRAPH_GOES_ON(lines[i - 1]) or span_led_text(lines[i - 1])) and not in_html_chunk(lines, i))
                        or fence_end == i - 1 or ATX_LINE.match(lines[i - 1])
                        or (i > 1 and SETEXT_LINE.match(lines[i - 1]) and lines[i - 2].strip())) \
                    and not in_comment(lines, i):
                # (after a fence's closing line or a heading, ATX or setext, kramdown starts a block: the element alone)
                raw_lines = raw_html_lines(lines) if raw_lines is None else raw_lines
                if i not in raw_lines and lazy_end_island(lines, i, prep.islands):
                    continue  # kramdown: the element alone, the next line a block of its own (cmark's block goes on)
            if not prev_blank and line.lstrip(" ")[1:2].isalpha() and lazy_end_tag(
                    lines, i, PARAGRAPH_GOES_ON if line[:1] == " " else lazy_goes_on(lines, i)) \
                    and not ("|" in line and in_table(lines, i)):
                raw_lines = raw_html_lines(lines) if raw_lines is None else raw_lines
                if i - 1 not in raw_lines and not in_html_chunk(lines, i) and lazy_end_island(lines, i, prep.islands):
                    continue
            elif not prev_blank and line[:1] == " " and line.lstrip(" ")[1:2].isalpha() and line.lstrip(" ")[:1] == "<" \
                    and in_item_text(lines, i) and lazy_end_tag(lines, i, lambda prev: True):
                # (a list item's text line above, at the item's content column: kramdown reads the
                # item's content as a document, whose paragraph ends there too)
                raw_lines = raw_html_lines(lines) if raw_lines is None else raw_lines
                if i - 1 not in raw_lines and lazy_end_island(lines, i, prep.islands, line[:len(line) - len(line.lstrip(" "))]):
                    continue
            if line[:5].lstrip(" ").startswith("</") and CLOSE_LINE.match(line) and text_after(lines, i) \
                    and (prev_blank or PARAGRAPH_GOES_ON(lines[i - 1])) and stray_close(lines[:i + 1], i):
                lines[i] = "\\" + line.strip()  # kramdown: a paragraph's text (the lines after it go on it)
                continue
            if not prev_blank and line.startswith("    ") and line.lstrip(" ").startswith("</") \
                    and CLOSES_LINE.match(line.lstrip(" ")) and _text_line(lines, i - 1) and stray_close(lines, i):
                # (indented four or more after paragraph text: no lazy end to kramdown, the paragraph's
                # text; cmark's paragraph goes on with it too, as raw HTML: made text)
                lines[i] = line[:len(line) - len(line.lstrip(" "))] + "\\" + line.strip()
                continue
            if line[:5].lstrip(" ").startswith("</") and CLOSES_LINE.match(line) and stray_close(lines, i):
                indent = len(line) - len(line.lstrip(" "))
                item = LIST_MARK.match(lines[i - 1]) if i and not prev_blank else None
                if item and content_col(item) <= indent < content_col(item) + 4 and lines[i - 1][item.end():].strip():
                    # (an item's text line above: kramdown reads the item's text as a document, where
                    # the close tag goes on its paragraph)
                    lines[i] = line[:indent] + "\\" + line.strip()
                    continue
                if not prev_blank and not BLOCK_START.match(lines[i - 1]) and (not lines[i - 1].startswith(" ") or (
                        not lines[i - 1].startswith("    ") and len(lines[i - 1]) - len(lines[i - 1].lstrip(" ")) <= indent)):
                    # after paragraph text (indented as much: an item's `  text`): kramdown's add_text puts
                    # it on that paragraph; its indent kept, so that cmark's paragraph is the same one
                    lines[i] = line[:indent] + "\\" + line.strip()
                    continue
                lift_island(lines, prep.islands, i, i, ("span", "<p>", "\\" + line.strip(), number, "</p>"),
                            line[:indent])  # (its indent kept: in a list item, the item's paragraph)
                continue  # kramdown: a close tag that ends no open element is a paragraph of text
            if not prev_blank and line.lstrip(" ")[:2] in ("<!", "<?") and line[:4].strip() \
                    and not line.lstrip(" ").startswith("<!--specsite-") \
                    and PARAGRAPH_GOES_ON(lines[i - 1]) and not in_comment(lines, i):  # (not the passes' own marks)
                raw_lines = raw_html_lines(lines) if raw_lines is None else raw_lines
                if not in_raw_html(lines, i - 1, raw_lines):
                    # kramdown's paragraph ends at a line led by a tag name (LAZY_END_HTML_START), not
                    # at `<!--`, `<!X` or `<?`: the line goes on the paragraph (a span comment there;
                    # `<?php ?>` and `<!DOCTYPE>` are no span HTML: text)
                    lines[i] = SPAN_MARK + line if line.lstrip(" ").startswith("<!--") else "\\" + line.lstrip(" ")
                    continue
            if line.startswith(("<?", "<!")) and NO_HTML_BLOCK.match(line) \
                    and (prev_blank or one_line_block_before(lines, i, fence_end)) \
                    and not in_comment(lines, i):
                # kramdown: no HTML block (its HTML blocks start with a tag or `<!--`)
                following = lines[i + 1] if i + 1 < len(lines) else ""
                if following.strip() and not TAG_START.match(following):
                    lines[i] = "\\" + line  # the first line of a paragraph that goes on
                else:  # a paragraph of its own (an HTML block after it ends it, as `<svg>` after `<?xml ?>`)
                    lift_island(lines, prep.islands, i, i, ("span", "<p>", "\\" + line.strip(), number, "</p>"))
                continue
        if head.isdigit() and ")" in line and line[:1] in DIGIT_OR_SPACE and PAREN_MARKER.match(line):
            lines[i] = line.replace(")", "\\)", 1)  # kramdown's ordered items are `1.` only
            continue
        if tail in SETEXT_TAILS and i > 1 and not prev_blank and SETEXT_LINE.match(line) \
                and no_setext_after(lines, i - 1, fence_end):
            # kramdown's setext heading starts after a block boundary only (after_block_boundary?): after
            # a heading, a rule, a fence or an HTML block the two lines are a paragraph's
            lines[i] = SPAN_MARK + line.lstrip()  # (no backslash: `------` is kramdown's two em dashes)
            continue
        if tail in BARE_TAILS and special and BARE_MARKER.match(line) \
                and (prev_blank or lines[i - 1].startswith(("\\", "#"))):
            bare = line.lstrip()  # "-" with nothing after it is no list item in kramdown (`\1.` would be
            lines[i] = _MARK_END.sub(r"\\\1", bare, count=1) if bare[:1].isdigit() else "\\" + bare  # text `\1.`)
            continue
        if special and not prev_blank and tail and tail in ".)*+" and BARE_MARKER.match(line) \
                and _under_item_paragraph(lines, i - 1):
            # under an item's paragraph: kramdown's lazy line of that item (`1. a` then `2.`: "a 2.";
            # its LIST_START wants text after the marker), cmark's empty sibling item
            # (`-` is left alone: the item's setext underline to both)
            lines[i] = _MARK_END.sub(r"\\\1", line, count=1)
            continue
        if not prev_blank and "|" in line and i + 1 < len(lines) and GFM_DELIMITER.match(lines[i + 1]) \
                and not line.startswith(("    ", "\t")) and not lines[i + 1].startswith(("    ", "\t")) \
                and not BLOCK_START.match(lines[i - 1]) and not table_run(lines, i - 1):
            # a table does not interrupt a paragraph in kramdown: its delimiter row is made text
            lines[i + 1] = SPAN_MARK + lines[i + 1]
            continue
        if not prev_blank and "|" in line and line[:1] == " " and i + 1 < len(lines) \
                and GFM_DELIMITER.match(lines[i + 1]) and under_item_text(lines, i):
            # (so in a list item: right under the item's text, the rows go on its paragraph)
            lead = len(lines[i + 1]) - len(lines[i + 1].lstrip(" "))
            lines[i + 1] = lines[i + 1][:lead] + SPAN_MARK + lines[i + 1][lead:]
            continue
        if line.startswith("#"):
            hid = _HEADER_ID.match(line) if "{#" in line else None
            if hid:
                lines[i] = hid.group(1)
                prep.header_ids[number] = hid.group(2)
            elif tail == "#" and _EMPTY_ATX.match(line):
                lines[i] = "\\" + line
            continue
        if special:  # (these rules want a line that starts with a mark: `#`, `{:`, `=`, `-`, …)
            if head == "#" and line[:1] == " " and _INDENTED_ATX.match(line) and not at_item_content(lines, i):
                lines[i] = _INDENTED_ATX.sub(r"\1\\\2", line, count=1)
                continue
            if "{:" in line:
                if "toc" in line and toc and toc_at(lines, i, prep):  # ({:toc})
                    continue
                if line.lstrip(" ").startswith(">") and quoted_ial_at(lines, i, prep.ials):
                    continue
                ial = _IAL_LINE.match(line)
                if ial is not None and line[:1] == " " and in_definition(lines, i):
                    continue  # (the definition's: its content, read with it)
                if ial is None and line[:4] == "    ":  # (in a list item's later block: up to 3 past its
                    ial = _item_ial(lines, i)  # text column, as its other blocks)
                if ial:
                    ial_lines.add(i)
                    if line[:1] == "{":
                        margin_ials.add(i)
                    first = ial_run is None or i > ial_run[0]
                    if first:
                        ial_run = ial_run_at(lines, i, number)
                    lines[i] = ""
                    if ial_run[2] == "prev" and i + 2 < len(lines) and lines[i + 1].strip() \
                            and SETEXT_LINE.match(lines[i + 2]):  # (it ends with eob :ial, no block boundary:
                        lines[i + 2] = SPAN_MARK + lines[i + 2]  # the setext heading below is paragraph text)
                    target = ial_run[1] - number + i + 1  # (the line of the block after it)
                    if ial_run[2] == "next" and target < len(lines) and lines[target][:4].lstrip(" ")[:1] == "<" \
                            and html_block_tag(lines, target, parse_ial(ial.group(1))):
                        continue  # an HTML block next: the IAL goes on its tag (kramdown's new_block_el)
                    if first and i > 0 and not lines[i - 1].strip() and raw_island_before(lines, i, prep.islands,
                                                                                 parse_ial(ial.group(1))):
                        continue  # right after a raw HTML block (an island): the IAL goes on its open tag
                    item = item_paragraph_ial(lines, i, line, block_start) \
                        if line[:1] == " " and ial_run[2] == "prev" else None
                    if item is not None:  # (kept as a line of the item: a blank line there would change
                        # which of the list's items kramdown and cmark write with a <p>)
                        lift_island(lines, prep.islands, i, i, ("raw", "", "", number, ""), prefix=" " * item[1])
                        if item[0]:
                            continue  # the item's first paragraph is transparent in kramdown: no <p>, no IAL
                    prep.ials.append((ial_run[1], parse_ial(ial.group(1)), ial_run[2]))
                    if first and ial_run[2] == "next" and between_lists(lines, i, ial_run[0]):
                        lift_island(lines, prep.islands, i, i, ("raw", "", "", number, ""))
                    elif first and ial_run[2] == "prev" and line[:1] == "{" and ends_list(lines, i, ial_run[0]):
                        # (list.rb's lazy lines stop at an IAL: the list ends there and takes it, and
                        # a list after it is another one; cmark would go on with the list)
                        lift_island(lines, prep.islands, i, i, ("raw", "", "", number, ""))
                    continue
                ext = _EXTENSION_LINE.match(line)
                if ext and ext.group(1) in _EXTENSIONS and not in_comment(lines, i):
                    # (in an HTML comment: comment text, kramdown reads none; another name is no
                    # extension: kramdown warns and keeps the tag as text, a paragraph's)
                    lines[i] = ""
                    if ext.group(1) in ("comment", "nomarkdown") and not line.rstrip().endswith("/}"):
                        end = next((j for j in range(i + 1, len(lines))
                                    if re.match(rf"^ {{0,3}}\{{:/(?:{ext.group(1)})?\}}[ \t]*$", lines[j])), None)
                        if end is not None:  # kramdown: a comment is written as an HTML comment, nomarkdown as is
                            inner = "\n".join(lines[i + 1:end])
                            raw = f"<!-- {inner} -->" if ext.group(1) == "comment" else VERBATIM + inner + VERBATIM_END
                            lift_island(lines, prep.islands, i, end + 1, ("raw", raw, "", number, ""))
                    continue
            if tail in SETEXT_TAILS and line[:1] in SETEXT_CHARS and i > 1 and SETEXT_LINE.match(line) \
                    and lines[i - 1].strip(RUBY_BLANK) and lines[i - 2].strip(RUBY_BLANK) \
                    and (not block_start(lines[i - 2]) or item_text_above(lines, i) or _pipe_row(lines[i - 2])) \
                    and (not block_start(lines[i - 1]) or _pipe_row(lines[i - 1])) \
                    and not SETEXT_LINE.match(lines[i - 1]) \
                    and not DD.match(lines[i - 1]):  # (under an underline: a rule after the heading; under a
                # `: definition`, whose content starts there, it makes that line a heading)
                # kramdown's setext heading is one line: this is paragraph text (under a table's rows
                # too: with no block boundary after them they are no table, text of a paragraph)
                lines[i] = SPAN_MARK + line
                continue
            if tail in RULE_TAILS:  # (a lone bullet, a rule)
                lone = LONE_BULLET.match(line) if tail != "_" and (line[:1] in RULE_CHARS or line[:1] == "+") else None
                if lone and not CMARK_RULE.match(line):
                    lines[i] = line = lone.group(1) + "\\" + lone.group(2)
                if line[:1] in RULE_CHARS and i > 0 and tail != "+" and CMARK_RULE.match(line) \
                        and PARA_TEXT.match(lines[i - 1]) and not SETEXT_LINE.match(line) and not KRAMDOWN_ITEM.match(line) \
                        and not CMARK_RULE.match(lines[i - 1]):  # (a rule above ends on its line)
                    lines[i] = SPAN_MARK + line  # kramdown's paragraph runs on over `***`: no LIST_START, no setext line
                    continue
        if "{#" in line and i + 1 < len(lines) and SETEXT_LINE.match(lines[i + 1]) and line.strip() \
                and not (i > 0 and lines[i - 1].strip() and no_setext_after(lines, i, fence_end)):
            sid = _SETEXT_ID.match(line)
            if sid:
                lines[i] = sid.group(1)
                prep.header_ids[number] = sid.group(2)
    bullets, lazy_items, definition_lists = passes(text)
    if bullets:
        kramdown_bullets(lines)
    if lazy_items and lazy_items_move(lines):
        lazy_item_lines(lines, prep.islands)
    if ">" in text and (text[:1] == ">" or "\n>" in text) and QUOTED_ITEM.search(text):  # (a top-level quote first: memchr)
        quoted_lazy_items(lines)
    if definition_lists:
        extract_definition_lists(lines, prep.islands, ial_lines, prep.ials, stops=margin_ials)
    if tables and "|" in text:
        extract_pipe_tables(lines, prep.islands, closed_at, ial_lines)
    if "^" in text and "[^" in text:
        from .footnotes import definitions_in_paragraphs, kramdown_footnote_names, paragraphs_after_notes
        definitions_in_paragraphs(lines)
        kramdown_footnote_names(lines)
        paragraphs_after_notes(lines, prep.islands)
    prep.text = "\n".join(lines)
    return prep


def _text_line(lines: list, k: int) -> bool:
    """Whether line `k` is a paragraph's text line, at the margin or in a list item (not code)."""
    prev = lines[k]
    lead = len(prev) - len(prev.lstrip(" "))
    if not PARAGRAPH_GOES_ON(prev[lead:]) or prev[lead:lead + 1] == "\t":
        return False
    if lead < 4:
        return True
    from .bullets import item_column
    return item_column(lines, k) is not None


def _comment_leaves_item(lines: list, i: int) -> bool:
    """Whether the `<!--` that line `i` (indented) starts is closed only after the list item it is in."""
    from .itemend import item_limit
    text = "\n".join(lines)
    line_start = sum(len(line) + 1 for line in lines[:i])
    at = line_start + len(lines[i]) - len(lines[i].lstrip(" "))
    limit = item_limit(text, line_start, at)
    return limit < len(text) and text.find("-->", at + 4, limit) < 0 and text.find("-->", limit) >= 0
