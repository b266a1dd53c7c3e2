"""The source side: kramdown syntax that cmark does not know is lifted out of the text before
cmark reads it (every line kept, so that data-sourcepos stays the page's line), and HTML blocks
as kramdown delimits them become islands rendered on their own."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .bullets import kramdown_bullets
from .emphasis import kramdown_strong, kramdown_triple
from .fixups import parse_ial
from .fences import FENCE, FENCE_START, fenced_lines
from .lists import extract_definition_lists, lazy_code_lines, lazy_item_lines, lift_island
from .prescan import item_lazy_code, lazy_code, lazy_moves, passes
from .rawhtml import BLOCK_HTML, CMARK_ONLY_TAG, MARKDOWN_ATTR, VOID, kramdown_block, not_kramdown_tags
from .scan import comment_spans, inside
from .stray import CLOSE_LINE, TAG_START, in_comment, stray_close
from .tables import GFM_DELIMITER, IAL_LINE as _IAL_LINE, SPAN_MARK, extract_pipe_tables
from .text import kramdown_code_spans, kramdown_odd_autolinks

_HEADER_ID = re.compile(r"^(#{1,6}[ \t]+.*?)[ \t]\{#([A-Za-z][\w:-]*)\}[ \t]*$")
_SETEXT_ID = re.compile(r"^(.*?)[ \t]\{#([A-Za-z][\w:-]*)\}[ \t]*$")
_SETEXT_LINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_INDENTED_ATX = re.compile(r"^( {1,3})(#{1,6}(?:[ \t]|$))")
_EMPTY_ATX = re.compile(r"^#{1,6}[ \t]*$")
_EXTENSION_LINE = re.compile(r"^ {0,3}\{::(\w+)[^}]*?/?\}[ \t]*$")
ISLAND_OPEN = re.compile(
    r"<([A-Za-z][A-Za-z0-9]*)(\s[^>]*?)?\smarkdown\s*=\s*([\"']?)(1|block|span)\3([^>]*)>", re.S)
# kramdown's HTML_SPAN_ELEMENTS: such a tag at the start of a line starts a paragraph, not an HTML block
_HTML_SPAN_ELEMENTS = frozenset("a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark "
                                "option q rb rbc rp rt rtc ruby samp select small span strong sub sup tt u var".split())
# kramdown's HTML_CONTENT_MODEL_SPAN: markdown="1" reads these as span text (td, li, summary are block)
SPAN_TAGS = frozenset("a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins label "
                      "legend optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th tt".split())


@dataclass
class _Prep:
    """A page's text ready for cmark, with what was taken out of it to put back after."""
    text: str
    header_ids: dict = field(default_factory=dict)  # line -> id
    ials: list = field(default_factory=list)  # (line, attrs dict, "prev"|"next")
    islands: list = field(default_factory=list)  # (mode, tag_open_html, inner, inner_line, close_html)


_LONE_TAG = re.compile(r"^ {0,3}<([A-Za-z][\w-]*)(?:\s[^>]*)?>[ \t]*$", re.M)


def auto_closed(text: str) -> str:
    """kramdown closes an HTML block element left open (warning "Found no end tag ... auto-closing
    it") at the end of the text; cmark leaves it open, and the browser then puts the rest of the
    layout inside it. The close tags of such elements, innermost first."""
    closes, fenced, comments = [], None, None
    for m in _LONE_TAG.finditer(text):
        tag = m.group(1).lower()
        if tag in VOID or _SPAN_TAG_LINE.match(m.group(0)) or \
                re.compile(rf"</{re.escape(tag)}\s*>", re.I).search(text, m.end()):
            continue
        if fenced is None:
            fenced = fenced_lines(text)
            comments = comment_spans(text)
            trees = _kramdown_trees(text, fenced, comments)
        if (fenced and text.count("\n", 0, m.start()) + 1 in fenced) or inside(comments, m.start()) or \
                any(start <= m.start() < end for start, end in trees):
            continue  # (kramdown_block closes what it leaves open itself)
        closes.append(f"</{tag}>")
    return "\n".join(reversed(closes))


def _kramdown_trees(text: str, fenced, comments) -> list:
    """Where the HTML blocks that kramdown_block writes as kramdown's tree start and end."""
    trees, pos = [], 0
    for m in BLOCK_HTML.finditer(text):
        if m.start() < pos or (fenced and text.count("\n", 0, m.start()) + 1 in fenced) or inside(comments, m.start()):
            continue
        block = kramdown_block(text, m.start())
        if block is not None:
            if block.html is not None:
                trees.append((m.start(), block.end))
            pos = block.end
    return trees


def preprocess(text: str, tables: bool = True) -> _Prep:
    """Lift kramdown syntax that cmark does not know out of the text, keeping every line."""
    prep = _Prep(text)
    if "=" in text and CMARK_ONLY_TAG.search(text):
        text = not_kramdown_tags(text)
    text = _extract_islands(text, prep)
    lines = text.split("\n")
    code_read = text  # (the text as the lazy code passes leave it)
    if lazy_code(text):  # first: the lines it joins are code, not for the rules below
        lazy_code_lines(lines)
        code_read = "\n".join(lines)
    if item_lazy_code(code_read):
        from .itemcode import lazy_item_code_lines  # (rare: imported when a page needs it)
        lazy_item_code_lines(lines)
    fence = None
    for i, line in enumerate(lines):
        fm = FENCE.match(line) if line[:1] in FENCE_START else None
        if fence:
            if fm and fm.group(1)[0] == fence[0] and len(fm.group(1)) >= len(fence) and not line[fm.end():].strip():
                fence = None
            continue
        if fm:
            fence = fm.group(1)
            continue
        if line[-2:] == "\\\\" and line[-3:-2] != "\\" and i + 1 < len(lines) and lines[i + 1].strip() \
                and "|" not in line and not line.lstrip().startswith("#") \
                and not (line.startswith(("    ", "\t")) and (i == 0 or not lines[i - 1].strip())):
            line = lines[i] = line[:-2] + "  "  # kramdown's line break `\\` at the end of a line: cmark's `  `
        head = line.lstrip(" ")[:1]  # the rules that test how a line starts look at its first mark
        if head not in _SPECIAL_HEAD and not head.isdigit() and "<" not in line and "`" not in line \
                and "**" not in line and "|" not in line and "{#" not in line:
            continue  # (no rule below applies to a blank or plain line: most lines)
        number = i + 1
        prev_blank = i == 0 or not lines[i - 1].strip()
        code = line.startswith(("    ", "\t")) and prev_blank  # indented code: no span rewriting
        if "<" in line and ":" in line and not line.lstrip().startswith("<") and not code:
            line = lines[i] = kramdown_odd_autolinks(line)
        if "`" in line and not code:
            line = lines[i] = kramdown_code_spans(line)
            if "***" in line and not line.lstrip().startswith("<"):
                line = lines[i] = kramdown_triple(line)
        elif "**" in line and (line.count("**") > 2 or "***" in line) and not line.lstrip().startswith("<") and not code:
            line = lines[i] = kramdown_strong(line)
        special = line.lstrip(" ")[:1] in _SPECIAL_HEAD or line.lstrip(" ")[:1].isdigit()
        if special and (prev_blank or lines[i - 1].startswith("<!--specsite-island-") or lines[i - 1].endswith("-->")) \
                and _SPAN_TAG_LINE.match(line):  # (a comment block ends where its "-->" line does)
            lines[i] = SPAN_MARK + line  # a span element alone on a line is a paragraph in kramdown
            continue
        if special and line[:5].lstrip(" ").startswith("</") and CLOSE_LINE.match(line) and stray_close(lines, i):
            if not prev_blank and not _BLOCK_START.match(lines[i - 1]) and not lines[i - 1].startswith(" "):
                lines[i] = "\\" + line.strip()  # after paragraph text: kramdown's add_text puts it on that paragraph
                continue
            lift_island(lines, prep.islands, i, i, ("span", "<p>", "\\" + line.strip(), number, "</p>"))
            continue  # kramdown: a close tag that ends no open element is a paragraph of text
        if special and line.startswith(("<?", "<!")) and _NO_HTML_BLOCK.match(line) and prev_blank \
                and not in_comment(lines, i):
            # kramdown: no HTML block (its HTML blocks start with a tag or `<!--`)
            following = lines[i + 1] if i + 1 < len(lines) else ""
            if following.strip() and not TAG_START.match(following):
                lines[i] = "\\" + line  # the first line of a paragraph that goes on
            else:  # a paragraph of its own (an HTML block after it ends it, as `<svg>` after `<?xml ?>`)
                lift_island(lines, prep.islands, i, i, ("span", "<p>", "\\" + line.strip(), number, "</p>"))
            continue
        if special and line[:1] in _DIGIT_OR_SPACE and _PAREN_MARKER.match(line):
            lines[i] = line.replace(")", "\\)", 1)  # kramdown's ordered items are `1.` only
            continue
        if special and _BARE_MARKER.match(line) and (prev_blank or lines[i - 1].startswith(("\\", "#"))):
            lines[i] = "\\" + line.lstrip()  # "-" with nothing after it is no list item in kramdown
            continue
        if not prev_blank and "|" in line and i + 1 < len(lines) and GFM_DELIMITER.match(lines[i + 1]) \
                and not line.startswith(("    ", "\t")) and not lines[i + 1].startswith(("    ", "\t")) \
                and not _BLOCK_START.match(lines[i - 1]):
            # a table does not interrupt a paragraph in kramdown: its delimiter row is made text
            lines[i + 1] = SPAN_MARK + lines[i + 1]
            continue
        if line.startswith("#"):
            hid = _HEADER_ID.match(line)
            if hid:
                lines[i] = hid.group(1)
                prep.header_ids[number] = hid.group(2)
            elif _EMPTY_ATX.match(line):
                lines[i] = "\\" + line
            continue
        if special:  # (these rules want a line that starts with a mark: `#`, `{:`, `=`, `-`, …)
            if line[:1] == " " and _INDENTED_ATX.match(line):
                lines[i] = _INDENTED_ATX.sub(r"\1\\\2", line, count=1)
                continue
            if "{:" in line:
                if "toc" in line and _toc(lines, i, prep.ials):  # ({:toc})
                    continue
                if line.lstrip(" ").startswith(">") and _quoted_ial(lines, i, prep.ials):
                    continue
                ial = _IAL_LINE.match(line)
                if ial:
                    prev_blank = i == 0 or not lines[i - 1].strip()
                    next_line = lines[i + 1] if i + 1 < len(lines) else ""
                    where = "next" if prev_blank and next_line.strip() else "prev"
                    prep.ials.append((number, parse_ial(ial.group(1)), where))
                    lines[i] = ""
                    continue
                ext = _EXTENSION_LINE.match(line)
                if ext:
                    lines[i] = ""
                    if ext.group(1) in ("comment", "nomarkdown") and not line.rstrip().endswith("/}"):
                        end = next((j for j in range(i + 1, len(lines))
                                    if re.match(rf"^ {{0,3}}\{{:/(?:{ext.group(1)})?\}}[ \t]*$", lines[j])), None)
                        if end is not None:  # kramdown: a comment is written as an HTML comment, nomarkdown as is
                            inner = "\n".join(lines[i + 1:end])
                            raw = f"<!-- {inner} -->" if ext.group(1) == "comment" else inner
                            lift_island(lines, prep.islands, i, end + 1, ("raw", raw, "", number, ""))
                    continue
            if line[:1] in _SETEXT_CHARS and i > 1 and _SETEXT_LINE.match(line) and lines[i - 1].strip() and \
                    lines[i - 2].strip() and not _BLOCK_START.match(lines[i - 2]) \
                    and not _BLOCK_START.match(lines[i - 1]):
                lines[i] = SPAN_MARK + line  # kramdown's setext heading is one line: this is paragraph text
                continue
            lone = _LONE_BULLET.match(line) if line[:1] in _RULE_CHARS or line[:1] == "+" else None
            if lone and not _CMARK_RULE.match(line):
                lines[i] = line = lone.group(1) + "\\" + lone.group(2)
            if line[:1] in _RULE_CHARS and i > 0 and _PARA_TEXT.match(lines[i - 1]) and _CMARK_RULE.match(line) \
                    and not _SETEXT_LINE.match(line) and not _KRAMDOWN_ITEM.match(line):
                lines[i] = SPAN_MARK + line  # kramdown's paragraph runs on over `***`: no LIST_START, no setext line
                continue
        if "{#" in line and i + 1 < len(lines) and _SETEXT_LINE.match(lines[i + 1]) and line.strip():
            sid = _SETEXT_ID.match(line)
            if sid:
                lines[i] = sid.group(1)
                prep.header_ids[number] = sid.group(2)
    bullets, lazy_items, definition_lists = passes(text)
    if bullets:
        kramdown_bullets(lines)
    if lazy_items and lazy_moves("\n".join(lines)):
        lazy_item_lines(lines)
    if definition_lists:
        extract_definition_lists(lines, prep.islands)
    if tables and "|" in text:
        extract_pipe_tables(lines, prep.islands)
    prep.text = "\n".join(lines)
    return prep


LINE_START = re.compile(r"^(?=[ \t]*\S)", re.M)
# (and digits) the marks a line starts with (after up to 3 spaces) that a line rule looks for
_SPECIAL_HEAD = frozenset("<-+*#=_{>")
_SETEXT_CHARS = frozenset("=- ")
_RULE_CHARS = frozenset("-*_ ")
_CMARK_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_KRAMDOWN_ITEM = re.compile(r"^ {0,3}[-*+][ \t]")  # LIST_START_UL: ends a paragraph (GFM)
# a line of paragraph text (or a list item's first line of it), not indented code, not a block start
_PARA_TEXT = re.compile(r"^ {0,3}(?:>[ \t]?)*(?:(?:[-*+]|\d+\.)[ \t]+)?(?=\S)(?![#>|<`~{:=]|\[[^\]]*\]:|\*\[)[^|\n]*$")
# an item whose text is a lone bullet: kramdown's PATTERN_TAIL wants a space after it (text); cmark: an empty item
_LONE_BULLET = re.compile(r"^( {0,3}(?:[-*+][ \t]+)+)([-*+])[ \t]*$")
_NO_HTML_BLOCK = re.compile(r"<(?:\?|![A-Za-z])")  # `<?xml ?>`, `<!DOCTYPE …>`
_DIGIT_OR_SPACE = frozenset("0123456789 ")
_PAREN_MARKER = re.compile(r"^ {0,3}\d+\)(?:[ \t]|$)")
_SPAN_TAG_LINE = re.compile(r"^ {0,3}</?(?:a|abbr|acronym|b|big|bdo|br|button|cite|del|dfn|em|font|i|img|input|ins|"
                            r"kbd|label|mark|q|s|samp|select|small|span|strike|strong|sub|sup|tt|u|var)\b[^>]*>\s*$",
                            re.I)
_BARE_MARKER = re.compile(r"^ {0,3}(?:[-+*]|\d+[.)])[ \t]*$")
_BLOCK_START = re.compile(r"^ {0,3}(?:#|>|```|~~~|[-+*][ \t]|\d+[.)][ \t]|\||<)|^\s*$")
RAW_FIRST_TAG = re.compile(r"<[A-Za-z][\w-]*")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_CLOSE_TAGS = re.compile(r"(?:\s*</[A-Za-z][\w-]*\s*>)+\s*")


def _toc(lines: list, i: int, ials: list) -> bool:
    """toc.lift_toc for a `{:toc}` line (toc, quoted: imported when a page has such a line)."""
    from .toc import TOC_IAL, lift_toc
    return bool(TOC_IAL.match(lines[i])) and lift_toc(lines, i, ials)


def _quoted_ial(lines: list, i: int, ials: list) -> bool:
    from .quoted import quoted_ial
    return quoted_ial(lines, i, ials)


def _extract_raw_blocks(text: str, prep: _Prep) -> str:
    """kramdown reads an HTML block up to its matching close tag, blank lines and all, and leaves
    it as written, and the line after it starts a new block; CommonMark ends it at the first
    blank line (reading the rest as markdown, indented lines as code, or the lines after it as
    HTML). Such blocks become raw islands."""
    if "<" not in text:
        return text
    fenced = None
    pieces, pos, read_to = [], 0, 0
    for m in BLOCK_HTML.finditer(text):
        if fenced is None:
            fenced = fenced_lines(text)
            comments = comment_spans(text)
        if m.start() < pos or (fenced and text.count("\n", 0, m.start()) + 1 in fenced) or \
                (comments and inside(comments, m.start())):
            continue
        if m.start() >= read_to:  # (not inside a block kramdown reads as a whole)
            block = kramdown_block(text, m.start())
            if block is not None and block.html is not None:
                # a stray close tag or an element left open: kramdown's tree, as kramdown writes it
                _raw_island(text, prep, pieces, pos, m.start(), block.end, block.html)
                pos = block.end
                continue
            read_to = block.end if block is not None else read_to
        close_start, close_end = matching_close(text, m.group(1), m.end())
        auto_close = ""
        if close_start < 0 and text[m.start()] == "<" and not m.group(0).endswith("/>"):
            # kramdown reads an element left open raw to the end of the text and closes it there
            # (a lone open tag is closed by auto_closed)
            close_start = close_end = len(text)
            auto_close = "" if _LONE_TAG.match(text, m.start()) else f"</{m.group(1)}>"
        if close_start < 0 or MARKDOWN_ATTR.search(text, m.start(), close_end):
            continue
        line_end = text.find("\n", close_end)
        line_end = len(text) if line_end < 0 else line_end
        next_end = text.find("\n", line_end + 1)
        if not _BLANK_LINE.search(text, m.end(), close_start) and not text[close_end:line_end].strip() and \
                not text[line_end + 1:len(text) if next_end < 0 else next_end].strip():
            continue  # no blank line inside, none needed after: cmark ends it where kramdown does
        if text[close_end:line_end].strip() and not _CLOSE_TAGS.fullmatch(text, close_end, line_end):
            continue  # text after the close tag on its line: leave it to cmark
        # (`</body></html>`: the close tags after it start a block of their own, a paragraph of
        # text when they close nothing)
        _raw_island(text, prep, pieces, pos, m.start(), close_end, text[m.start():close_end] + auto_close)
        pos = close_end
    if not pieces:
        return text
    pieces.append(text[pos:])
    return "".join(pieces)


def _raw_island(text: str, prep: _Prep, pieces: list, pos: int, start: int, end: int, html: str) -> None:
    """text[start:end] becomes a marker line (and as many line breaks) for the raw island `html`."""
    index = len(prep.islands)
    prep.islands.append(("raw", html, "", text.count("\n", 0, start) + 1, ""))
    pieces.append(text[pos:start])
    pieces.append(f"<!--specsite-island-{index}-->" + "\n" * text.count("\n", start, end))


def _extract_islands(text: str, prep: _Prep) -> str:
    """Replace each `<tag markdown="…">…</tag>` HTML block by a marker comment line; then each
    other HTML block that runs over blank lines (kramdown's reading) by a raw one."""
    return _extract_raw_blocks(_extract_markdown_islands(text, prep), prep)


def _extract_markdown_islands(text: str, prep: _Prep) -> str:
    if "markdown" not in text:
        return text
    pieces = []
    pos = 0
    for_search = 0
    fenced = comments = None
    while True:
        m = ISLAND_OPEN.search(text, for_search)
        if not m:
            break
        line_start = text.rfind("\n", 0, m.start()) + 1
        if text[line_start:m.start()].strip():
            for_search = m.end()  # not at the start of a line: an inline tag, left alone
            continue
        if fenced is None:  # kramdown reads neither a fenced code block nor a comment as markdown
            fenced = fenced_lines(text, indented=False)
            comments = comment_spans(text)
        if (fenced and text.count("\n", 0, m.start()) + 1 in fenced) or (comments and inside(comments, m.start())):
            for_search = m.end()
            continue
        tag = m.group(1)
        if tag.lower() in _HTML_SPAN_ELEMENTS:  # kramdown: no block HTML, a paragraph (its span is parsed there)
            for_search = m.end()
            continue
        mode = m.group(4)
        if mode == "1":
            mode = "span" if tag.lower() in SPAN_TAGS else "block"
        if mode == "block":  # kramdown's parse_blocks: only an end tag that starts a line ends it
            close_start, close_end = _block_close(text, tag, m.end())
        else:
            close_start, close_end = matching_close(text, tag, m.end())
        if close_start < 0:
            for_search = m.end()
            continue
        attrs = (m.group(2) or "") + m.group(5)
        open_html = f"<{tag}{attrs.rstrip()}>"
        close_html = text[close_start:close_end] or f"</{tag}>"  # (none: kramdown closes it at the end)
        inner = text[m.end():close_start]
        inner_line = text.count("\n", 0, m.end()) + 1
        # the marker keeps the line count; anything after the close tag stays on its line
        line_end = text.find("\n", close_end)
        line_end = len(text) if line_end < 0 else line_end
        region = text[line_start:close_end]
        rest = text[close_end:line_end]
        index = len(prep.islands)
        prep.islands.append((mode, open_html, inner, inner_line, close_html))
        indent = text[line_start:m.start()]
        pieces.append(text[pos:line_start])
        pieces.append(f"{indent}<!--specsite-island-{index}-->" + "\n" * region.count("\n")
                      + (("\n" + rest) if rest.strip() else ""))
        pos = line_end
        for_search = line_end
    pieces.append(text[pos:])
    return "".join(pieces)


def _block_close(text: str, tag: str, start: int):
    """Where a block-content element ends in kramdown: at an end tag that starts a line (one on a
    text line is that paragraph's text); a nested element of the same name that starts a line
    ends where its own end tag is; with none, at the end of the text (kramdown auto-closes it)."""
    close = re.compile(rf" {{0,3}}</{tag}\s*>", re.I)
    opening = re.compile(rf" {{0,3}}<{tag}(?=[\s>/])", re.I)
    pos = text.find("\n", start)
    while pos >= 0:
        line_start = pos + 1
        found = close.match(text, line_start)
        if found:
            return found.start() + len(found.group(0)) - len(found.group(0).lstrip(" ")), found.end()
        nested = opening.match(text, line_start)
        if nested:
            _, end = matching_close(text, tag, text.index(">", nested.end()) + 1)
            if end < 0:
                break
            pos = text.find("\n", end)
            continue
        pos = text.find("\n", line_start)
    return len(text), len(text)


def matching_close(text: str, tag: str, start: int):
    pattern = re.compile(rf"<(/?){tag}(?=[\s>/])[^>]*>", re.I)
    depth = 1
    for m in pattern.finditer(text, start):
        if m.group(0).endswith("/>"):
            continue
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return m.start(), m.end()
    return -1, -1
