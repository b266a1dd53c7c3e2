"""The source side: kramdown syntax that cmark does not know is lifted out of the text before
cmark reads it (every line kept, so that data-sourcepos stays the page's line), and HTML blocks
as kramdown delimits them become islands rendered on their own."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .bullets import kramdown_bullets
from .widemarks import narrowed_items, wide_marks
from .emphasis import (NESTED_SAME, ODD_STAR, TRIPLE_OPEN_AT_END, in_raw_html, kramdown_stars,
                       kramdown_stars_at, kramdown_strong, kramdown_triple, kramdown_triple_underscores,
                       kramdown_stars_paragraph, odd_underscores, pairs_within_lines, triple_over_lines,
                       raw_html_lines, space_mark, stars_elsewhere)
from .fixups import parse_ial, with_attrs
from .itemials import item_paragraph_ial
from .fences import FENCE, FENCE_START, fenced_lines, item_text
from .islands import SPAN_TAG_LINE, extract_islands
from .deflists import extract_definition_lists
from .lists import LIST_START, lazy_code_lines, lazy_item_lines, lift_island, numbered_from_one
from .prescan import item_lazy_code, lazy_code, lazy_items_move, passes
from .kramdown_ext import RAW_LINE
from .lazyend import in_html_chunk, in_item_text, lazy_end_island, lazy_end_tag
from .tagforms import VERBATIM, VERBATIM_END
from .taglines import first_tag_line
from .rawhtml import BLOCK_HTML, CMARK_ONLY_TAG, OTHER_BLOCK_HTML, not_kramdown_tags, span_tag_start
from .stray import CLOSE_LINE, CLOSES_LINE, TAG_START, in_comment, stray_close
from .tables import GFM_DELIMITER, IAL_LINE as _IAL_LINE, SPAN_MARK, extract_pipe_tables, in_table
from .text import (CMARK_AUTOLINK, LETTER_DASH_UNDERSCORE, code_spans_as_written, kramdown_code_spans,
                   kramdown_odd_autolinks, letter_dash_underscores, outside_code_spans)

# kramdown's HEADER_ID: `{#id}` ending the text, the id an XML name (REXML::XMLTokens NAME_START_CHAR
# then NAME_CHARs: `a.b`, `:x`, `_y`, letters beyond ASCII)
_XML_NAME_START = (":A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D"
                   "\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\U00010000-\U000EFFFF")
_XML_NAME = f"[{_XML_NAME_START}][{_XML_NAME_START}\\-.0-9\u00B7\u0300-\u036F\u203F-\u2040]*"
_HEADER_ID = re.compile(rf"^(#{{1,6}}[ \t]+.*?)[ \t]\{{#({_XML_NAME})\}}[ \t]*$")
_SETEXT_ID = re.compile(rf"^(.*?)[ \t]\{{#({_XML_NAME})\}}[ \t]*$")
_SETEXT_LINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_INDENTED_ATX = re.compile(r"^( {1,3})(#{1,6}(?:[ \t]|$))")
_ITEM_CONTENT = re.compile(r"^( {0,3}(?:[-+*]|\d{1,9}\.|:)[ \t]+)\S")  # (`:`: a definition, read as an item)
_EMPTY_ATX = re.compile(r"^#{1,6}[ \t]*$")
# (the same under a quote's marks or an item's marker: kramdown's ATX header needs text)
_EMPTY_INNER_ATX = re.compile(r"^( {0,3}(?:>[ \t]?|[-*+][ \t]+)+)(#{1,6}[ \t]*)$")
_ATX_LINE = re.compile(r"#{1,6}(?:[ \t]|$)")  # (a heading: one line, the next starts a block)
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
    if "-->" in code_read and _COMMENT_TAIL.search(code_read):
        from .comments import comment_tails  # (rare: imported when a page needs it)
        comment_tails(lines, prep.islands, code_read)
    fence, raw_lines, ial_run, fence_end = None, None, None, -1
    ial_lines: set = set()  # (block IAL lines, blanked below: a definition list ends at one)
    paired: set = set()  # (the lines kramdown_stars rewrote: a tag it wrote first is no raw HTML)
    for i, line in enumerate(lines):
        if not line:
            continue  # (a blank line: no rule below, in a fence or not)
        fm = FENCE.match(line) if line[:1] in FENCE_START and ("``" in line or "~~" in line) else None
        if fence:
            if fm and fm.group(1)[0] == fence[0] and len(fm.group(1)) >= len(fence) and not line[fm.end():].strip():
                fence, fence_end = None, i
            continue
        if fm:
            fence = fm.group(1)
            continue
        if line[-2:] == "\\\\" and line[-3:-2] != "\\" and i + 1 < len(lines) and lines[i + 1].strip() \
                and "|" not in line and not line.lstrip().startswith("#") \
                and not (line.startswith(("    ", "\t")) and (i == 0 or not lines[i - 1].strip())):
            line = lines[i] = line[:-2] + "  "  # kramdown's line break `\\` at the end of a line: cmark's `  `
        if "*" in line and (ODD_STAR.search(line) or ("***" in line and line.strip(" *"))
                            or space_mark(line) or ("_" in line and NESTED_SAME.search(line))):
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
        if head not in _SPECIAL_HEAD and not head.isdigit() and "<" not in line and ("`" not in line or spans_ok) \
                and "**" not in line and "|" not in line and "{#" not in line:
            continue  # (no rule below applies to a blank or plain line: most lines)
        if head in "->*+" and head and line.rstrip(" \t")[-1:] == "#" and _EMPTY_INNER_ATX.match(line):
            lines[i] = _EMPTY_INNER_ATX.sub(r"\1\\\2", line)  # (a quote's or item's `#` alone: text)
            continue
        if head in _SPECIAL_HEAD and "<" not in line and "|" not in line and "{" not in line and "**" not in line \
                and ("`" not in line or spans_ok):  # (a heading, an item, a quote: no span rule rewrites it)
            tail = line.rstrip(" \t")[-1:]
            if (tail not in _RULE_OR_MARKER_TAILS or tail in _TEXT_TAILS) and (
                    head != "#" or (tail != "#" and line[:1] != " ")):
                continue  # (the test below that ends a line's rules, where nothing has changed the line)
        original, number = line, i + 1
        prev_blank = i == 0 or not lines[i - 1].strip(_RUBY_BLANK)  # (a line of U+3000 is text)
        code = line.startswith(("    ", "\t")) and (prev_blank or _code_goes_on(lines, i, code_read))
        # (indented code: no span rewriting)
        if "<" in line and ("<http" in line or "<mailto:" in line or "<ftp" in line or "@" in line
                            or (":" in line and CMARK_AUTOLINK.search(line))) \
                and not line.lstrip().startswith("<") and not code:  # (the autolinks of text.kramdown_odd_autolinks)
            line = lines[i] = kramdown_odd_autolinks(line)
        if "<?" in line and not code and not line.lstrip().startswith("<"):
            raw_lines = raw_html_lines(lines) if raw_lines is None else raw_lines
            if not in_raw_html(lines, i, raw_lines):  # kramdown's span HTML has no processing
                line = lines[i] = outside_code_spans(line, _escaped_pi)  # instruction: `<?x ?>` is text
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
        special = head in _SPECIAL_HEAD or head.isdigit()
        if head.isdigit() and not prev_blank and _LATER_NUMBER.match(line) and _in_plain_paragraph(lines, i):
            line = lines[i] = numbered_from_one(line)  # kramdown's paragraph ends at any LIST_START; cmark's at 1.
        # (each regex below is tried only where a line's first mark (`head`) or last character
        # (`tail`) lets it match: most lines are list items, headings and text with code spans)
        tail = line.rstrip(" \t")[-1:]
        if head != "<" and "|" not in line and "{" not in line and (not special or (
                (tail not in _RULE_OR_MARKER_TAILS or tail in _TEXT_TAILS and not head.isdigit())
                and (head != "#" or (tail != "#" and line[:1] != " "))
                and not (head.isdigit() and ")" in line))):
            continue  # (none of the rules below can apply: text lines with code spans, most special lines)
        if head == "<":
            if (prev_blank or lines[i - 1].startswith("<!--specsite-island-") or lines[i - 1].endswith("-->")
                    or lines[i - 1].lstrip(" ").startswith(RAW_LINE) or _one_line_block_before(lines, i, fence_end)
                    or _note_text_before(lines, i)) and SPAN_TAG_LINE.match(line):
                # (a comment block ends where its "-->" line does; an element's raw lines at its end tag;
                # a heading, a rule or a fence ends on its line: cmark's HTML block (kind 7) may follow;
                # a note's indented lines: kramdown's note goes on over it, cmark's ends)
                lines[i] = SPAN_MARK + line  # a span element alone on a line is a paragraph in kramdown
                continue
            lead_name = line[:12].lstrip(" ")[1:8].lower()
            if lead_name in _OPTION_HEADS and _OPTION_LINE.match(line) \
                    and (prev_blank or not in_html_chunk(lines, i)):
                raw_lines = raw_html_lines(lines) if raw_lines is None else raw_lines
                if i not in raw_lines and not in_comment(lines, i):
                    lines[i] = SPAN_MARK + line  # kramdown: a span element (raw content), paragraph text; cmark: a block
                    continue
            if lead_name[:1] in _VOID_BLOCK_HEADS and _VOID_BLOCK_LINE.match(line) and i + 1 < len(lines) \
                    and lines[i + 1].strip() and (prev_blank or lines[i - 1].startswith("<!--specsite-island-") or (
                        _PARAGRAPH_GOES_ON(lines[i - 1]) and not in_html_chunk(lines, i))
                        or fence_end == i - 1 or _ATX_LINE.match(lines[i - 1])
                        or (i > 1 and _SETEXT_LINE.match(lines[i - 1]) and lines[i - 2].strip())) \
                    and not in_comment(lines, i):
                # (after a fence's closing line or a heading, ATX or setext, kramdown starts a block: the element alone)
                raw_lines = raw_html_lines(lines) if raw_lines is None else raw_lines
                if i not in raw_lines and lazy_end_island(lines, i, prep.islands):
                    continue  # kramdown: the element alone, the next line a block of its own (cmark's block goes on)
            if not prev_blank and line.lstrip(" ")[1:2].isalpha() and lazy_end_tag(
                    lines, i, _PARAGRAPH_GOES_ON if line[:1] == " " else _lazy_goes_on(lines, i)) \
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
            if line[:5].lstrip(" ").startswith("</") and CLOSE_LINE.match(line) and _text_after(lines, i) \
                    and (prev_blank or _PARAGRAPH_GOES_ON(lines[i - 1])) and stray_close(lines[:i + 1], i):
                lines[i] = "\\" + line.strip()  # kramdown: a paragraph's text (the lines after it go on it)
                continue
            if line[:5].lstrip(" ").startswith("</") and CLOSES_LINE.match(line) and stray_close(lines, i):
                indent = len(line) - len(line.lstrip(" "))
                if not prev_blank and not _BLOCK_START.match(lines[i - 1]) and (not lines[i - 1].startswith(" ") or (
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
                    and _PARAGRAPH_GOES_ON(lines[i - 1]) and not in_comment(lines, i):  # (not the passes' own marks)
                raw_lines = raw_html_lines(lines) if raw_lines is None else raw_lines
                if not in_raw_html(lines, i - 1, raw_lines):
                    # kramdown's paragraph ends at a line led by a tag name (LAZY_END_HTML_START), not
                    # at `<!--`, `<!X` or `<?`: the line goes on the paragraph (a span comment there;
                    # `<?php ?>` and `<!DOCTYPE>` are no span HTML: text)
                    lines[i] = SPAN_MARK + line if line.lstrip(" ").startswith("<!--") else "\\" + line.lstrip(" ")
                    continue
            if line.startswith(("<?", "<!")) and _NO_HTML_BLOCK.match(line) \
                    and (prev_blank or _one_line_block_before(lines, i, fence_end)) \
                    and not in_comment(lines, i):
                # kramdown: no HTML block (its HTML blocks start with a tag or `<!--`)
                following = lines[i + 1] if i + 1 < len(lines) else ""
                if following.strip() and not TAG_START.match(following):
                    lines[i] = "\\" + line  # the first line of a paragraph that goes on
                else:  # a paragraph of its own (an HTML block after it ends it, as `<svg>` after `<?xml ?>`)
                    lift_island(lines, prep.islands, i, i, ("span", "<p>", "\\" + line.strip(), number, "</p>"))
                continue
        if head.isdigit() and ")" in line and line[:1] in _DIGIT_OR_SPACE and _PAREN_MARKER.match(line):
            lines[i] = line.replace(")", "\\)", 1)  # kramdown's ordered items are `1.` only
            continue
        if tail in _SETEXT_TAILS and i > 1 and not prev_blank and _SETEXT_LINE.match(line) \
                and _no_setext_after(lines, i - 1, fence_end):
            # kramdown's setext heading starts after a block boundary only (after_block_boundary?): after
            # a heading, a rule, a fence or an HTML block the two lines are a paragraph's
            lines[i] = SPAN_MARK + line.lstrip()  # (no backslash: `------` is kramdown's two em dashes)
            continue
        if tail in _BARE_TAILS and special and _BARE_MARKER.match(line) \
                and (prev_blank or lines[i - 1].startswith(("\\", "#"))):
            lines[i] = "\\" + line.lstrip()  # "-" with nothing after it is no list item in kramdown
            continue
        if not prev_blank and "|" in line and i + 1 < len(lines) and GFM_DELIMITER.match(lines[i + 1]) \
                and not line.startswith(("    ", "\t")) and not lines[i + 1].startswith(("    ", "\t")) \
                and not _BLOCK_START.match(lines[i - 1]) and not _table_run(lines, i - 1):
            # a table does not interrupt a paragraph in kramdown: its delimiter row is made text
            lines[i + 1] = SPAN_MARK + lines[i + 1]
            continue
        if not prev_blank and "|" in line and line[:1] == " " and i + 1 < len(lines) \
                and GFM_DELIMITER.match(lines[i + 1]) and _under_item_text(lines, i):
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
            if head == "#" and line[:1] == " " and _INDENTED_ATX.match(line) and not _at_item_content(lines, i):
                lines[i] = _INDENTED_ATX.sub(r"\1\\\2", line, count=1)
                continue
            if "{:" in line:
                if "toc" in line and toc and _toc(lines, i, prep):  # ({:toc})
                    continue
                if line.lstrip(" ").startswith(">") and _quoted_ial(lines, i, prep.ials):
                    continue
                ial = _IAL_LINE.match(line)
                if ial:
                    ial_lines.add(i)
                    first = ial_run is None or i > ial_run[0]
                    if first:
                        ial_run = _ial_run(lines, i, number)
                    lines[i] = ""
                    target = ial_run[1] - number + i + 1  # (the line of the block after it)
                    if ial_run[2] == "next" and target < len(lines) and lines[target][:4].lstrip(" ")[:1] == "<" \
                            and _html_block_tag(lines, target, parse_ial(ial.group(1))):
                        continue  # an HTML block next: the IAL goes on its tag (kramdown's new_block_el)
                    if first and i > 0 and not lines[i - 1].strip() and _raw_island_before(lines, i, prep.islands,
                                                                                 parse_ial(ial.group(1))):
                        continue  # right after a raw HTML block (an island): the IAL goes on its open tag
                    item = item_paragraph_ial(lines, i, line, _block_start) \
                        if line[:1] == " " and ial_run[2] == "prev" else None
                    if item is not None:  # (kept as a line of the item: a blank line there would change
                        # which of the list's items kramdown and cmark write with a <p>)
                        lift_island(lines, prep.islands, i, i, ("raw", "", "", number, ""), prefix=" " * item[1])
                        if item[0]:
                            continue  # the item's first paragraph is transparent in kramdown: no <p>, no IAL
                    prep.ials.append((ial_run[1], parse_ial(ial.group(1)), ial_run[2]))
                    if first and ial_run[2] == "next" and _between_lists(lines, i, ial_run[0]):
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
            if tail in _SETEXT_TAILS and line[:1] in _SETEXT_CHARS and i > 1 and _SETEXT_LINE.match(line) \
                    and lines[i - 1].strip(_RUBY_BLANK) and lines[i - 2].strip(_RUBY_BLANK) \
                    and (not _block_start(lines[i - 2]) or _item_text_above(lines, i)) \
                    and not _block_start(lines[i - 1]):
                lines[i] = SPAN_MARK + line  # kramdown's setext heading is one line: this is paragraph text
                continue
            if tail in _RULE_TAILS:  # (a lone bullet, a rule)
                lone = _LONE_BULLET.match(line) if tail != "_" and (line[:1] in _RULE_CHARS or line[:1] == "+") else None
                if lone and not _CMARK_RULE.match(line):
                    lines[i] = line = lone.group(1) + "\\" + lone.group(2)
                if line[:1] in _RULE_CHARS and i > 0 and tail != "+" and _CMARK_RULE.match(line) \
                        and _PARA_TEXT.match(lines[i - 1]) and not _SETEXT_LINE.match(line) and not _KRAMDOWN_ITEM.match(line) \
                        and not _CMARK_RULE.match(lines[i - 1]):  # (a rule above ends on its line)
                    lines[i] = SPAN_MARK + line  # kramdown's paragraph runs on over `***`: no LIST_START, no setext line
                    continue
        if "{#" in line and i + 1 < len(lines) and _SETEXT_LINE.match(lines[i + 1]) and line.strip() \
                and not (i > 0 and lines[i - 1].strip() and _no_setext_after(lines, i, fence_end)):
            sid = _SETEXT_ID.match(line)
            if sid:
                lines[i] = sid.group(1)
                prep.header_ids[number] = sid.group(2)
    bullets, lazy_items, definition_lists = passes(text)
    if bullets:
        kramdown_bullets(lines)
    if lazy_items and lazy_items_move(lines):
        lazy_item_lines(lines, prep.islands)
    if definition_lists:
        extract_definition_lists(lines, prep.islands, ial_lines, prep.ials)
    if tables and "|" in text:
        extract_pipe_tables(lines, prep.islands, closed_at)
    if "[^" in text:
        from .footnotes import definitions_in_paragraphs, kramdown_footnote_names, paragraphs_after_notes
        definitions_in_paragraphs(lines)
        kramdown_footnote_names(lines)
        paragraphs_after_notes(lines, prep.islands)
    prep.text = "\n".join(lines)
    return prep


_LINK_GOES_ON = re.compile(r"\]\([^)]*$")  # a line that ends inside a link's `](...`
# a line that carries a link's `(...)` on: its close, its title, or its destination then either
_DESTINATION_GOES_ON = re.compile(r"[)\"']|[^\s()]+(?:[ \t]+[\"'(].*)?\)")


def _table_run(lines: list, i: int) -> bool:
    """Line i is in a run of lines with a pipe that starts after a blank line (or the text's
    start): kramdown's table (its rows may begin with a separator line, `---|---`), no
    paragraph that a table would interrupt."""
    while i >= 0 and "|" in lines[i] and lines[i].strip():
        i -= 1
    return i < 0 or not lines[i].strip()


def span_marked(text: str) -> str:
    """The content of a markdown="span" element with SPAN_MARK at each line start, so that no
    line starts a block; but a line that goes on with a letter (no block starts so; the mark would
    split an HTML tag's attributes over lines: `<img src="x"` then `alt="y">`), or that carries on
    a link's destination or title from the line before (`[a](url` then `)` or `"title")`: kramdown
    reads the link) stays unmarked, as the mark would end the tag or the link there. (The first
    line and one after a blank line are marked: indented, they would be code.)"""
    if "\n" not in text:
        return SPAN_MARK + text if text.strip(" \t") else text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        head = line.lstrip(" \t")
        if not head:
            continue
        if i and lines[i - 1].strip() and (head[0].isalpha() or "](" in lines[i - 1] and _LINK_GOES_ON.search(
                lines[i - 1]) and _DESTINATION_GOES_ON.match(head)):  # (the line before first: `](` is rare)
            continue
        lines[i] = SPAN_MARK + line
    return "\n".join(lines)


# (and digits) the marks a line starts with (after up to 3 spaces) that a line rule looks for
_SPECIAL_HEAD = frozenset("<-+*#=_{>")
_SETEXT_CHARS = frozenset("=- ")
_RUBY_BLANK = " \t\r\f\v"  # (a line of U+3000 is text to kramdown: its BLANK_LINE is ASCII)
_RULE_CHARS = frozenset("-*_ ")
_BARE_TAILS = frozenset("-+*.)")  # the last characters (before blanks) of the lines these patterns match
_SETEXT_TAILS = frozenset("=-")
_RULE_TAILS = frozenset("-*+_")
_RULE_OR_MARKER_TAILS = _BARE_TAILS | _SETEXT_TAILS | _RULE_TAILS
_TEXT_TAILS = frozenset(".)")  # (of those, the ones only a bare `1.` / `1)` ends with among the rules: an item's text)
_CMARK_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_KRAMDOWN_ITEM = re.compile(r"^ {0,3}[-*+][ \t]")  # LIST_START_UL: ends a paragraph (GFM)
# a line of paragraph text (or a list item's first line of it), not indented code, not a block start
_PARA_TEXT = re.compile(r"^ {0,3}(?:>[ \t]?)*(?:(?:[-*+]|\d+\.)[ \t]+)?(?=\S)(?![#>|<{:=]|```|~~~|\[[^\]]*\]:|\*\[)[^|\n]*$")
# an item whose text is a lone bullet: kramdown's PATTERN_TAIL wants a space after it (text); cmark: an empty item
_LONE_BULLET = re.compile(r"^( {0,3}(?:[-*+][ \t]+)+)([-*+])[ \t]*$")
# a line led by an <option> tag: an HTML block (kind 6) to cmark, a span element to kramdown
_OPTION_LINE = re.compile(r" {0,3}</?option(?=[\s/>])", re.I)
_OPTION_HEADS = frozenset(("option ", "option>", "option/", "/option", "option\t"))
# a void element cmark starts an HTML block (kind 6) with, alone on its line
# kramdown's HTML_ELEMENTS_WITHOUT_BODY that are no span elements: cmark's HTML block (kind 6, or 7 for
# meta, embed, area, wbr, keygen, command) goes on over the next lines, kramdown's element ends at its tag
_VOID_BLOCK_LINE = re.compile(r" {0,3}<(?:hr|base|col|link|param|source|track|meta|embed|area|wbr|keygen|command)"
                              r"(?=[\s/>])[^<>]*>[ \t]*$", re.I)
_VOID_BLOCK_HEADS = frozenset("hblcpstmeawk")  # (their first letters)
_NO_HTML_BLOCK = re.compile(r"<(?:\?|![A-Za-z])")  # `<?xml ?>`, `<!DOCTYPE …>`
_DIGIT_OR_SPACE = frozenset("0123456789 ")
_PAREN_MARKER = re.compile(r"^ {0,3}\d+\)(?:[ \t]|$)")
_BARE_MARKER = re.compile(r"^ {0,3}(?:[-+*]|\d+[.)])[ \t]*$")
def _one_line_block_before(lines: list, i: int, fence_end: int) -> bool:
    """Whether line i - 1 ends a block on its own line: an ATX heading, a setext underline, a rule
    after a blank line, a fence's closing line. kramdown starts a new block at line i (a span
    element's tag alone there is a paragraph); cmark reads the tag as an HTML block (kind 7)."""
    prev = lines[i - 1]
    if fence_end == i - 1 or _ATX_LINE.match(prev):
        return True
    if prev[:4].lstrip(" ")[:1] not in _SETEXT_CHARS | _RULE_CHARS:
        return False
    if i > 1 and lines[i - 2].strip() and _SETEXT_LINE.match(prev):
        return True
    return (i < 2 or not lines[i - 2].strip()) and _CMARK_RULE.match(prev) is not None


_NOTE_START = re.compile(r" {0,3}\[\^\w[\w-]*\]:")


# (an item marker and the blanks after it, text next: its length is the content column; named
# apart from _ITEM_TEXT below, whose later definition had replaced this one)
_ITEM_MARK_COL = re.compile(r"( {0,3}(?:[-+*]|\d+\.)[ \t]+)(?=[^\s|])")


def _under_item_text(lines: list, i: int) -> bool:
    """Whether line i (a table's first row) is right under a list item's first line of text, at
    the item's content column (less than 4 more): kramdown's table wants a block boundary before
    it, so in the item the rows go on the item's paragraph; cmark's GFM table interrupts it."""
    m = _ITEM_MARK_COL.match(lines[i - 1])
    if m is None:
        return False
    col, lead = len(m.group(1)), len(lines[i]) - len(lines[i].lstrip(" "))
    return col <= lead < col + 4


def _no_setext_after(lines: list, k: int, fence_end: int) -> bool:
    """Whether text line k (a setext underline after it) comes right after a block that ended on
    its line or an HTML block (an island): kramdown's setext heading wants a block boundary before
    it (after_block_boundary?), so the two lines are a paragraph's; cmark reads a heading."""
    return k > 0 and _PARA_TEXT.match(lines[k]) is not None and not _ATX_LINE.match(lines[k]) and (
        _one_line_block_before(lines, k, fence_end) or _ISLAND_LINE.match(lines[k - 1]) is not None)


def _note_text_before(lines: list, i: int) -> bool:
    """Whether line i - 1 is an indented line of a footnote's definition: kramdown's note goes on
    over a line led by a span element's tag (codeblock.rb's lazy lines), cmark ends it there."""
    if not lines[i - 1].startswith(("    ", "\t")) or i < 2:
        return False
    k = i - 1
    while k > 0 and lines[k - 1].strip() and lines[k].startswith(("    ", "\t")):
        k -= 1
    return k < i - 1 and "[^" in lines[k][:6] and _NOTE_START.match(lines[k]) is not None


def _text_after(lines: list, i: int) -> bool:
    """Whether a text line (no tag first) follows line `i`: a close tag that closes nothing is a
    paragraph's text in kramdown, and that paragraph goes on over it."""
    return i + 1 < len(lines) and bool(lines[i + 1].strip()) and not TAG_START.match(lines[i + 1])


def _lazy_goes_on(lines: list, i: int):
    """The paragraph test for an unindented line `i`: a top-level paragraph's text line, or the
    text of a list item or quote that line i would continue lazily (kramdown's list lazy_re and
    blockquote LAZY_END end them at a tag that is no span element's: the element is then after
    the list or quote; the island's marker line ends cmark's there too)."""
    def goes_on(prev: str) -> bool:
        if _PARAGRAPH_GOES_ON(prev):
            return True
        if _ITEM_OR_QUOTE.match(prev):
            return True  # (the item's or quote's first line, or a nested item's: its text)
        k = i - 1  # (a line of an item's or quote's text: the chunk starts with an item or a quote)
        while k > 0 and lines[k - 1].strip():
            k -= 1
        return k < i - 1 and _ITEM_OR_QUOTE.match(lines[k]) is not None \
            and (not _BLOCK_START.match(prev.lstrip(" \t>")) or _ITEM_OR_QUOTE.match(prev.lstrip(" \t")) is not None)
    return goes_on


_ITEM_OR_QUOTE = re.compile(r" {0,3}(?:(?:[-+*]|\d{1,9}[.)])[ \t]+[^\s<]|>)")


def _PARAGRAPH_GOES_ON(prev: str) -> bool:
    """Whether the line before is a paragraph's own text line (not a block's, a rule or a
    setext underline, nor indented: an item's or code)."""
    return not (prev[:1] in (" ", "\t") or _BLOCK_START.match(prev) or _SETEXT_LINE.match(prev)
                or _CMARK_RULE.match(prev))


_BLOCK_START = re.compile(r"^ {0,3}(?:#|>|```|~~~|[-+*][ \t]|\d+[.)][ \t]|\||<)|^[ \t\r\f\v]*$")  # (blank: ASCII only)
RAW_FIRST_TAG = re.compile(r"<[A-Za-z][\w-]*")
# kramdown's HTML_SPAN_ELEMENTS: a line that starts with one of these is paragraph text, no HTML block
_SPAN_TAG_LINE = re.compile(span_tag_start(), re.I)
_LONE_TAG_LINE = re.compile(r"\s*<[^<>]*>\s*")  # (cmark's HTML block kind 7: a tag alone on its line)


def _span_led_text(line: str) -> bool:
    """A line led by a span element's tag, not alone on it: paragraph text to kramdown and cmark."""
    return line[:4].lstrip(" ")[:1] == "<" and "|" not in line and bool(_SPAN_TAG_LINE.match(line)) \
        and not _LONE_TAG_LINE.fullmatch(line)


_LATER_NUMBER = re.compile(r" {0,3}(?!1\.)\d+\.[ \t]+\S")
_LIST_OR_QUOTE = re.compile(r" {0,3}(?:[-*+]|\d+[.)]|>)(?:[ \t]|$)")


def _in_plain_paragraph(lines: list, i: int) -> bool:
    """Line i follows lines of a top-level paragraph: text up from a blank line (or the start),
    no list item, quote, heading, HTML block, table row or indented code among them (a line led
    by a span element's tag with more after it is paragraph text to both: `<br><br>`)."""
    k = i - 1
    while k >= 0 and lines[k].strip():
        if lines[k].startswith("<!--specsite-island-") and _ISLAND_LINE.match(lines[k]):
            break  # (a block of kramdown's lifted out: the paragraph starts after it)
        if not (_PARA_TEXT.match(lines[k]) or _span_led_text(lines[k])) or _LIST_OR_QUOTE.match(lines[k]):
            return False
        k -= 1
    return not lines[k + 1].startswith(("    ", "\t"))


_ITEM_TEXT = re.compile(r" {0,3}(?:[-*+]|\d+\.)([ \t]+)\S")


def _item_text_above(lines: list, i: int) -> bool:
    """The setext line `i` and the line above it are in the text of the item two lines up (both
    indented to its text): a paragraph of two lines in the item, which kramdown's one-line setext
    heading is not."""
    m = _ITEM_TEXT.match(lines[i - 2])
    if m is None or "\t" in m.group(1):
        return False
    col = m.end() - 1
    return all(len(lines[k]) - len(lines[k].lstrip(" ")) >= col for k in (i - 1, i))


_PI = re.compile(r"<\?(?<!\\<\?)")  # (one a backslash escapes already is text to cmark too)


def _escaped_pi(text: str) -> str:
    return _PI.sub("&lt;?", text)


def _code_goes_on(lines: list, i: int, text: str) -> bool:
    """Whether indented line i (not after a blank line) is a line of indented code (its run began
    after one: the page's first line, a blank line), not a list item's text; `text`: the lines
    as the lazy code passes left them (line numbers as `lines`)."""
    return i + 1 in fenced_lines(text) and not item_text(lines, i)


def _block_start(line: str) -> bool:
    return bool(_BLOCK_START.match(line)) and not (line.lstrip(" ")[:1] == "<" and _SPAN_TAG_LINE.match(line))



def _ial_run(lines: list, i: int, number: int) -> tuple:
    """(last index, anchor line, where) of the block IAL lines that start at line i: kramdown
    merges IALs on consecutive lines into one (parse_block_extensions: the same @block_ial, or the
    same block's ial), for the block before the first (anchored on it) or, after a blank line and
    before a block, the block after the last."""
    j = i
    while j + 1 < len(lines) and "{:" in lines[j + 1] and _IAL_LINE.match(lines[j + 1]) and not _is_toc(lines[j + 1]):
        j += 1
    prev_blank = i == 0 or not lines[i - 1].strip()
    next_line = lines[j + 1] if j + 1 < len(lines) else ""
    if prev_blank and next_line.strip():
        return j, number + j - i, "next"
    if prev_blank and i > 0:  # (blank lines after it join the blank before it: the next block still takes it)
        if not any(line.strip() for line in lines[:i]):
            return j, number, "none"  # (only blank lines before it: kramdown drops it, as at the start)
        k = j + 1
        while k < len(lines) and not lines[k].strip():
            k += 1
        while k < len(lines) and _LONE_COMMENT.match(lines[k]):
            k += 1  # (a comment is no block element: the block right after it takes it, a blank line drops it)
        if k < len(lines) and lines[k].strip():
            return j, number + k - 1 - i, "next"
        return j, number, "none"
    return j, number, "prev"


def _html_block_tag(lines: list, k: int, attrs: dict) -> bool:
    """Put `attrs` on the open tag of the HTML block at line k (a tag kramdown reads as block HTML,
    whole on its line); False when line k starts none."""
    line = lines[k]
    if not (BLOCK_HTML.match(line) or OTHER_BLOCK_HTML.match(line)):
        return False
    close = line.find(">")
    if close < 0 or line[close - 1] == "/":
        return False
    lines[k] = with_attrs(line[:close], attrs) + line[close:]
    return True


def _raw_island_before(lines: list, i: int, islands: list, attrs: dict) -> bool:
    """Whether line i follows a raw island's marker and its line padding (no blank line between:
    kramdown's IAL for that HTML element), putting `attrs` on the island's open tag."""
    k = i - 1
    while k >= 0 and not lines[k].strip():
        k -= 1
    m = _INDENTED_ISLAND_LINE.match(lines[k]) if k >= 0 else None  # (an indented element's marker is
    if m is None:  # indented as it: `  <summary>` in a markdown="block" element)
        return False
    n = int(m.group(1))
    island = islands[n]
    if island[0] != "raw" or island[1].count("\n") != i - 1 - k or not island[1].startswith("<"):
        return False
    end = island[1].find(">")
    if end < 0 or island[1][end - 1] == "/" or not (BLOCK_HTML.match(island[1]) or OTHER_BLOCK_HTML.match(island[1])):
        return False
    islands[n] = (island[0], with_attrs(island[1][:end], attrs) + island[1][end:]) + tuple(island[2:])
    return True


_ISLAND_LINE = re.compile(r"^<!--specsite-island-(\d+)-->$")
_INDENTED_ISLAND_LINE = re.compile(r"^ {0,3}<!--specsite-island-(\d+)-->$")
_LONE_COMMENT = re.compile(r"^ {0,3}<!--(?:(?!-->).)*-->[ \t]*$")




def _between_lists(lines: list, i: int, j: int) -> bool:
    """Whether block IAL lines i..j (after a blank line) stand between a list and a list item: in
    kramdown the IAL line ends the list and the next list is another one (cmark would read on:
    an empty raw island, an HTML block, ends it)."""
    if j + 1 >= len(lines) or not LIST_START.match(lines[j + 1]):
        return False
    k = i - 1
    while k >= 0 and not lines[k].strip():
        k -= 1
    return k >= 0 and (LIST_START.match(lines[k]) is not None or lines[k][:1] in (" ", "\t"))


def _is_toc(line: str) -> bool:
    if "toc" not in line:
        return False
    from .toc import TOC_IAL
    return bool(TOC_IAL.match(line))


def _toc(lines: list, i: int, prep: _Prep) -> bool:
    """toc.lift_toc for a `{:toc}` line (toc, quoted: imported when a page has such a line)."""
    from .toc import TOC_IAL, lift_toc, quoted_toc
    return bool(TOC_IAL.match(lines[i]) or quoted_toc(lines[i])) and lift_toc(lines, i, prep.ials, prep.islands)


def _quoted_ial(lines: list, i: int, ials: list) -> bool:
    from .quoted import quoted_ial
    return quoted_ial(lines, i, ials)


def _at_item_content(lines, i):
    """Whether the indented `## …` line i sits at the content column of the list item (or the
    definition) above it (`- item` then `  ## head`): kramdown's item text is unindented by that
    column, so the line is the item's heading there, not text."""
    indent = len(lines[i]) - len(lines[i].lstrip(" "))
    for j in range(i - 1, -1, -1):
        above = lines[j]
        if not above.strip():
            continue
        if len(above) - len(above.lstrip(" ")) < indent:
            item = _ITEM_CONTENT.match(above)
            return bool(item) and len(item.group(1)) == indent and "\t" not in item.group(1)
    return False

