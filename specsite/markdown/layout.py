"""kramdown's layout of the blocks it writes (converter/html.rb), whitespace and all: cmark puts
every block on lines of its own with no indentation and no blank line; kramdown indents a block
by 2 spaces for each block around it (`inner`, `indent += @indent`), writes a `:blank` element
("\\n") for each run of blank lines of the source, puts a tight item's text right after `<li>`
(and a newline after it when more blocks follow), and writes an HTML element with markdown
inside as `<div>\\n` + its blocks + indent + `</div>`. Liquid sees that text (`page.content |
size`, `strip_newlines`, `jsonify` in a search index), so it has to be kramdown's byte for byte.

`kramdown_layout` reads the rendered body while cmark's data-sourcepos is still on it (the source
lines of each block: where the blank lines are) and writes it again as kramdown would. What it
cannot read as blocks it leaves as cmark wrote it (the page is then as before)."""
from __future__ import annotations

import re

from .layout_lines import _POS, SourceLines
from .rawhtml import VOID, element_end
from .stray import ITEM_BLOCKS

MD_ISLAND = " data-ss-md"  # on the open tag of a markdown="1" element: `data-ss-md="close line"`
RAW_ISLAND = " data-ss-rb"  # on the first tag of a raw HTML island (kramdown's raw content model)
TOC_LEAD = "<!--ss-toc-->"  # before a {:toc} list (kramdown writes it at indent 0, wherever it stands)
CODE_INDENT = "<!--ss-ind-"  # after an indented code block: rouge's wrapper closes after the indent
_MARKS = re.compile(r' data-ss-(?:md="\d+"|rb)')
_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)([^>]*)>")  # (cmark escapes `>` in attributes)
# a block's open tag with cmark's data-sourcepos first (groups 3-5: first line, last line, last column)
_BLOCK_TAG = re.compile(r'<([A-Za-z][A-Za-z0-9-]*)((?: data-sourcepos="(\d+):\d+-(\d+):(\d+)")?[^>]*)>')
_RAW_TAG = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][A-Za-z0-9-]*)[^>]*?(/?)>", re.S)  # (raw content's tags)
_LEAVES = frozenset(("p", "h1", "h2", "h3", "h4", "h5", "h6"))
_LEAVES_HR = _LEAVES | {"hr"}
_CLOSE = {name: f"</{name}>" for name in _LEAVES}
_LISTS = frozenset(("ul", "ol", "blockquote"))
# where a tight item's text ends: its close tag, or a block after it (a raw HTML island that
# ended kramdown's paragraph, `Text` then `<div>` on the next line, keeps the item's indent; cmark's
# own HTML block of a block name, in a nested item, none)
_TEXT_END = re.compile(r"</li>|\n(?=<(?:" + ITEM_BLOCKS + r")[\s>]"
                       r"| *<[A-Za-z][A-Za-z0-9-]* data-sourcepos=\"[^\"]*\"[\s>/])")
_DD_TEXT_END = re.compile(r"</dd>|\n(?=<(?:" + ITEM_BLOCKS + r")[\s>]"
                          r"| *<[A-Za-z][A-Za-z0-9-]* data-sourcepos=\"[^\"]*\"[\s>/])")


# list items, each on a line of its own: the tag (no line break in it), its text to the first </li>
# on that line, not starting with a paragraph (item: a tight item's text on one line)
_TIGHT_ITEMS = re.compile(r"(?:<li(?![A-Za-z0-9-])[^>\n]*+>(?!<p[ >])(?:[^<\n]++|<(?!/li>))*+</li>(?:\n|\Z))+")
_ITEM_START = re.compile(r"[ ]*(?:[-*+]|\d+\.)[ \t]+")
_BACKLINK_P = '<p><a href="#fnref:'


class _Unread(Exception):
    """The body holds something this pass does not read as kramdown's blocks."""


def kramdown_layout(body: str, text: str) -> str:
    """`body` (cmark's HTML with data-sourcepos, of the source `text`) laid out as kramdown
    writes it; as it is (but for this module's marks) where it cannot be read."""
    try:
        out = _Layout(body, text).document()
    except _Unread:
        out = body
    if " data-ss-" in out:
        out = _MARKS.sub("", out)
    return out


class _Layout(SourceLines):
    # -- blocks -----------------------------------------------------------------------------
    def document(self) -> str:
        body = self.body
        at = body.rfind('<div class="footnotes" role="doc-endnotes">')
        notes = ""
        if at >= 0:  # (first: the lines of the footnotes' definitions hold no blank element of the page)
            notes, end = self.footnotes(at)
            if body[end:].strip():
                raise _Unread
            body = self.body = body[:at]
            self.cursor = 0
        out, pos, first, last = self.blocks(0, 0, None)
        lead = self.runs(0, first[0] if first else self._first_written())
        trail = self.gap(last, (len(self.blank) + 1, 0)) if last else 0
        return "\n" * lead + out + "\n" * trail + notes

    def blocks(self, pos: int, indent: int, close):
        """The blocks from `pos` up to `close` (a close tag at a line start; None: the end):
        (their HTML, the position of `close`, the first block's lines, the last's). A paragraph,
        heading or rule with its lines is read here (most blocks: no call of `block`)."""
        body = self.body
        size = len(body)
        blank = self.blank
        count = len(blank)
        open_ends = self.open_ends
        block_tag = _BLOCK_TAG.match
        pad = " " * indent
        parts = []
        append = parts.append
        prev = first = None
        started = toc_last = False  # (toc_last: the last block is a {:toc} list)
        while True:
            while body.startswith("\n", pos):
                pos += 1
            if pos >= size:
                if close is not None:
                    raise _Unread
                break
            if close is not None and body.startswith(close, pos):
                break
            if body[pos] == " ":  # (an indented markdown="1" element's marker keeps its indent: the tag
                lead = len(body[pos:pos + 4]) - len(body[pos:pos + 4].lstrip(" "))  # is the block)
                t = block_tag(body, pos + lead) if lead <= 3 and body.startswith("<", pos + lead) else None
                if t is not None and MD_ISLAND in t.group(2):
                    pos += lead
            m = block_tag(body, pos) if body[pos] == "<" else None
            toc_last = False
            if m is not None and m.group(3) is not None and m.group(1) in _LEAVES_HR and RAW_ISLAND not in m.group(2) \
                    and MD_ISLAND not in m.group(2):
                # (cmark's own paragraph, heading or rule, its data-sourcepos first: the `block` path, inline)
                name, _, first_line, last_line, end_column = m.groups()
                line, last = int(first_line), int(last_line)
                if end_column == "0" and last > line:
                    last -= 1
                while last > line and last <= count and blank[last - 1]:
                    last -= 1
                lines = (line, last)
                if name == "hr":
                    end = m.end()
                    html = pad + m.group(0) + "\n"
                else:
                    end = body.find(_CLOSE[name], m.end())
                    if end < 0:
                        raise _Unread
                    end += len(name) + 3
                    html = body[pos:end]
                    if last > line and "\n" in html:
                        html = self.line_ends(html, line)
                    html = pad + html + "\n"
                pos = end + 1 if body.startswith("\n", end) else end
                if last > self.cursor:
                    self.cursor = last
                if started:
                    if prev is not None and prev[1] not in open_ends:
                        gap = self.runs(prev[1], line)
                    else:
                        gap = self.gap(prev, lines)
                    if gap:
                        append("\n" * gap)
                else:
                    first = lines
                    started = True
                append(html)
                prev = lines
                continue
            toc = body.startswith(TOC_LEAD, pos)
            html, pos, lines = self.block(pos, indent, m)
            if toc:
                toc_last = True
            if lines is not None and lines[1] > self.cursor:
                self.cursor = lines[1]
            if started and not (lines is None and html.startswith(_BACKLINK_P, indent)):
                gap = self.gap(prev, lines)  # (a footnote's own backlink paragraph: none)
                if gap:
                    append("\n" * gap)
            elif not started:
                first = lines
            append(html)
            started = True
            prev = lines
        self.toc_last = toc_last
        return "".join(parts), pos, first, prev

    def block(self, pos: int, indent: int, m):
        """One block at `pos` (`m`: its _BLOCK_TAG match, None: no tag there): (its HTML at
        `indent`, the position after it, its lines)."""
        body = self.body
        pad = " " * indent
        if body.startswith(TOC_LEAD, pos):
            html, stop, _ = self.raw(pos + len(TOC_LEAD), 0)
            return html, stop, self._toc_lines()
        if m is None:
            return self.raw(pos, indent)
        name, attrs = m.group(1).lower(), m.group(2)
        if m.group(3) is None and " data-sourcepos=" not in attrs and name not in _LEAVES:
            return self.raw(pos, indent)
        if RAW_ISLAND in attrs:
            return self.raw(pos, indent)
        lines = self._lines(int(m.group(3)), int(m.group(4)), m.group(5)) if m.group(3) is not None \
            else self.lines_of(attrs)
        if MD_ISLAND in attrs:
            return self.island(m, indent, lines)
        if name in _LEAVES:
            end = body.find(f"</{name}>", m.end())
            if end < 0:
                raise _Unread
            end += len(name) + 3
            html = body[pos:end]
            if lines is not None and lines[1] > lines[0] and "\n" in html:
                html = self.line_ends(html, lines[0])
            return pad + html + "\n", self.after(end), lines
        if name == "hr":
            return pad + m.group(0) + "\n", self.after(m.end()), lines
        if name == "pre":
            end = body.find("</pre>", m.end())
            if end < 0:
                raise _Unread
            end += 6
            mark = f"{CODE_INDENT}{indent}-->" if indent else ""
            return pad + body[pos:end] + mark + "\n", self.after(end), lines
        if name in _LISTS or name == "dl":
            if not body.startswith("\n", m.end()):
                raise _Unread
            inner, at, _, _ = self.items(m.end(), indent + 2, name) if name != "blockquote" else \
                self.blocks_in(m.end(), indent + 2, f"</{name}>", lines)
            end = at + len(name) + 3
            return f"{pad}{m.group(0)}\n{inner}{pad}</{name}>\n", self.after(end), lines
        if name == "table":
            return self.table(m, indent, lines)
        return self.raw(pos, indent)

    def blocks_in(self, pos: int, indent: int, close: str, lines):
        """A container's blocks, with the blank lines before its first and after its last."""
        inner, at, first, last = self.blocks(pos, indent, close)
        if lines is not None and first is not None:
            inner = "\n" * self.runs(lines[0] - 1, first[0]) + inner
        return inner, at, first, last

    def items(self, pos: int, indent: int, kind: str):
        """The items of a list (or the terms and definitions of a dl)."""
        body = self.body
        close = f"</{kind}>"
        parts = []
        item_name = "dd" if kind == "dl" else "li"
        pad = " " * indent
        while True:
            while body.startswith("\n", pos):
                pos += 1
            if body.startswith(close, pos):
                return "".join(parts), pos, None, None
            run = _TIGHT_ITEMS.match(body, pos) if kind != "dl" else None
            if run is not None:  # (items with their text on their line, one after another: `item` for each, at once)
                pos = run.end()
                parts.append(pad + run.group(0).rstrip("\n").replace("\n", "\n" + pad) + "\n")
                continue
            m = _TAG.match(body, pos)
            if not m:
                raise _Unread
            name = m.group(1).lower()
            if kind == "dl" and name == "dt":
                end = body.find("</dt>", m.end())
                if end < 0:
                    raise _Unread
                parts.append(" " * indent + body[pos:end + 5] + "\n")
                pos = self.after(end + 5)
                continue
            if name != item_name:
                raise _Unread
            self.depth += 1  # (an _Unread ends the whole layout: no need to count it back then)
            html, pos = self.item(m, indent, name)
            self.depth -= 1
            parts.append(html)

    def item(self, m, indent: int, name: str):
        """convert_li: a tight item's text right after the tag (a newline after it when blocks
        follow), else a newline and its blocks; the indent before the close tag when what is
        inside ends a line."""
        body = self.body
        pad = " " * indent
        close = f"</{name}>"
        pos = m.end()
        out = pad + m.group(0)
        end = body.find(close, pos)
        if end >= 0 and body.find("\n", pos, end) < 0 and not (
                body.startswith("<p", pos) and body[pos + 2:pos + 3] in (" ", ">")):
            # (a tight item's text on one line, or none: most items; what the search below finds then)
            end += len(close)
            return out + body[pos:end] + "\n", end + 1 if body.startswith("\n", end) else end
        lines = self.lines_of(m.group(2))
        if body.startswith("\n", pos) or (body.startswith("<p", pos) and body[pos + 2:pos + 3] in (" ", ">")):
            # (blocks: kramdown's first child is no transparent paragraph)
            inner, at, first, _ = self.blocks(pos, indent + 2, close)
            if lines is not None and first is not None and first[0] > lines[0]:
                inner = "\n" * self.runs(lines[0], first[0]) + inner
            return f"{out}\n{inner}{pad}{close}\n", self.after(at + len(close))
        end = (_TEXT_END if name == "li" else _DD_TEXT_END).search(body, pos)
        if end is None:
            raise _Unread
        text = body[pos:end.start()]
        if lines is not None and "\n" in text.rstrip("\n"):
            marker = _ITEM_START.match(self.lines[lines[0] - 1]) if lines[0] <= len(self.lines) else None
            text = self.line_ends(text, lines[0], len(marker.group(0)) if marker else 0)
        if end.group(0) == close:  # (kramdown's paragraph text is stripped at its end)
            return out + text.rstrip("\n") + close + "\n", self.after(end.end())
        # (the text, a line break after it, the blank lines of the source up to the first block)
        inner, at, first, _ = self.blocks(end.end(), indent + 2, close)
        lead = self.gap((lines[0], lines[0]) if lines is not None else None, first) if first is not None else 0
        return f"{out}{text}\n{chr(10) * lead}{inner}{pad}{close}\n", self.after(at + len(close))

    def island(self, m, indent: int, lines):
        """A markdown="1" element: its open tag, a newline, its blocks (the last line break
        chomped, one written), the indent and its close tag."""
        open_tag, inner, close, end, where = self._island(m, indent, lines)
        pad = " " * indent
        if not inner:
            return f"{pad}{open_tag}{close}\n", self.line_end(end), where
        return f"{pad}{open_tag}\n{inner}{pad}{close}\n", self.line_end(end), where

    def nested_islands(self, start: int, end: int) -> str:
        """Raw content (`start` to `end`) with each markdown="1" element in it written as
        kramdown's convert_html_element writes one inside raw content: its open tag as written
        (no indent, no line break after it: the raw text around it has its own), its blocks
        indented 2 more than the element, whose indent is 2 for each element around it."""
        body = self.body
        out, at, depth = [], start, 0
        for t in _RAW_TAG.finditer(body, start, end):
            if t.start() < at or t.group(0).startswith("<!--"):
                continue
            if t.group(1):
                depth = max(depth - 1, 0)
            elif MD_ISLAND in t.group(0):
                m = _BLOCK_TAG.match(body, t.start())
                open_tag, inner, close, at_end, _ = self._island(m, 2 * depth, self.lines_of(m.group(2)))
                pad = " " * (2 * depth)
                out += [body[at:t.start()], f"{open_tag}\n{inner}{pad}{close}" if inner else open_tag + close]
                at = at_end
            elif not t.group(3) and t.group(2).lower() not in VOID:
                depth += 1
        return "".join(out) + body[at:end]

    def _island(self, m, indent: int, lines):
        body = self.body
        name = m.group(1)
        close_line = int(re.search(r' data-ss-md="(\d+)"', m.group(2)).group(1))
        inner, at, first, last = self.blocks(m.end(), indent + 2, f"</{name}")
        end = body.find(">", at) + 1
        if first is not None and lines is not None:
            inner = "\n" * self.runs(lines[1], first[0]) + inner
        if self.toc_last:  # (kramdown: the toc's HTML, which ends in a line break, takes the place of
            inner += "\n"  # a code written with none, and the element writes its content chomped plus one)
        elif last is not None:  # (gap: a void element or script last writes one blank element more)
            inner += "\n" * self.gap(last, (close_line, close_line))
        where = (lines[0], close_line) if lines else None
        return m.group(0), inner, body[at:end], end, where

    def table(self, m, indent: int, lines):
        """A kramdown table (tablehtml writes a tag a line): table, thead/tbody/tfoot and tr
        indent what they hold; a cell is a line."""
        body = self.body
        close = body.find("</table>", m.end())
        if close < 0:
            raise _Unread
        out = [" " * indent + m.group(0) + "\n"]
        depth = indent + 2
        for line in body[self.line_end(m.end()):close].split("\n"):
            if not line:
                continue
            if line[:2] == "</":
                depth -= 2
                out.append(" " * depth + line + "\n")
            elif line[:3] in ("<th", "<td") and line[3:4] in (" ", ">"):
                out.append(" " * depth + line + "\n")
            elif line[:3] in ("<tr", "<tb", "<tf", "<th"):
                out.append(" " * depth + line + "\n")
                depth += 2
            else:
                raise _Unread
        if depth != indent + 2:
            raise _Unread
        out.append(" " * indent + "</table>\n")
        return "".join(out), self.after(close + 8), lines

    def footnotes(self, pos: int):
        """kramdown's footnote_content: the div at 0, its ol at 2, each item at 4 (convert(li, 4));
        the lines of each definition write nothing in the page's flow (an :eob)."""
        body = self.body
        div = _TAG.match(body, pos)
        ol = _TAG.match(body, self.line_end(div.end()))
        if not ol or ol.group(1) != "ol":
            raise _Unread
        items, at, _, _ = self.items(ol.end(), 4, "ol")
        for note in body[ol.end():at].split('<li id="fn:')[1:]:  # (a definition: its first line to its last)
            spans = [(int(m.group(1)), int(m.group(2))) for m in _POS.finditer(note)]
            if spans:
                first, last = min(spans)[0], max(end for _, end in spans)
                blank = self.blank
                for i in range(max(first - 1, 0), min(last, len(blank))):
                    blank[i] = False
                self.quiet.extra.update(range(first - 1, last))  # (kramdown's :eob for a definition)
        end = body.find("</div>", at)
        if end < 0 or body[at:end].strip() != "</ol>":
            raise _Unread
        return f"{div.group(0)}\n  {ol.group(0)}\n{items}  </ol>\n</div>\n", self.line_end(end + 6)

    def raw(self, pos: int, indent: int):
        """An HTML block kramdown keeps as written (raw content): up to its element's close tag
        (its line), else its line; the indent before it."""
        body = self.body
        if body.startswith(" ", pos):  # (kramdown's HTML block: up to 3 spaces before it are no part of it)
            lead = len(body[pos:pos + 4]) - len(body[pos:pos + 4].lstrip(" "))
            if lead <= 3 and body.startswith("<", pos + lead):
                pos += lead
        m = _TAG.match(body, pos)
        end = -1
        if body.startswith("<!--", pos):
            end = body.find("-->", pos)
            end = end + 3 if end >= 0 else -1
        elif m and m.group(1).lower() not in VOID and not m.group(2).endswith("/"):
            end = element_end(body, m.end(), m.group(1).lower(), any_case=True)
            end = -1 if end is None else end
        at = end if end >= 0 else (m.end() if m else pos)
        if body.startswith("<p>\u2e2e", at):  # (lazyend's span island: the paragraph after it is its own)
            close = body.find("</p>", at)
            at = close + 4 if close >= 0 else at
        stop = self.line_end(at if at > pos else pos)
        while body.startswith("specsite-rawcont", stop):  # (a raw span's further lines)
            stop = self.line_end(stop)
        chunk = body[pos:stop].rstrip("\n")
        if chunk[-1:] in (" ", "\t") and chunk.rstrip(" \t")[-1:] == ">":
            chunk = chunk.rstrip(" \t")  # (kramdown: the blanks after an HTML block's close tag are no part of it)
        lines = self.lines_of(m.group(2)) if m and " data-sourcepos=" in m.group(2) else self.find(chunk)
        if lines is not None and m and (m.group(1).lower() in ("script", "style") or (
                (m.group(1).lower() in VOID or m.group(2).endswith("/")) and m.end() - pos == len(chunk))):
            # (kramdown leaves the line break after </script> to a blank element, and the one after a
            # void or self-closed element alone on its line, `<hr>`: no body, no TRAILING_WHITESPACE)
            self.open_ends.add(lines[1])
        if "><p>\u2e2e" in chunk:  # (the element that ended a paragraph, then the paragraph the rest of
            # its line starts, lazyend's span island: two blocks, a line each)
            chunk = chunk.replace("><p>\u2e2e", ">\n" + " " * indent + "<p>\u2e2e", 1)
        if MD_ISLAND in chunk:  # (a markdown="1" element in raw content: its blocks laid out too)
            chunk = self.nested_islands(pos, pos + len(chunk))
        return " " * indent + chunk + "\n", stop, lines
