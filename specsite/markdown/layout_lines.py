"""The source lines kramdown's layout is read from: which lines are blank or write nothing, the
blank elements between two blocks, the whitespace kept at a paragraph's line ends, and where a
block written as it stands (an HTML block, a {:toc} list) was in the source. layout.py's reader
of the rendered blocks stands on it."""
from __future__ import annotations

import re

_POS = re.compile(r' data-sourcepos="(\d+):\d+-(\d+):(\d+)"')
_TOC_IAL = re.compile(r"[ \t>]*\{:[^}]*\btoc\b")  # (a {:toc} IAL line, quoted or not)
# (a `^` line is kramdown_ext's EOB comment by now: one inside a fence stays `^`)
_QUIET = re.compile(r"[ >]*(?:\{:.*\}|\*?\[[^\]]+\]:.*|\^|<!--specsite-eob-->)[ \t]*$")
_QUIET_ANY = re.compile(r"\{:|\]:|\n\^|<!--specsite-eob")  # (or a text that starts with ^)
_QUIET_HEAD = frozenset(" >{[*^<")


class _QuietLines:
    """The lines (0-based) that write nothing: IALs, link and abbreviation definitions, `^`,
    footnote definitions (kramdown's :eob elements), read when asked. Whether the text has any
    such mark is also read when first asked (few pages ask: a line between two blocks that is
    not blank; the search cost a fifth of the layout pass when made for every page)."""

    __slots__ = ("lines", "text", "marks", "extra")

    def __init__(self, lines: list, text: str):
        self.lines, self.text, self.marks, self.extra = lines, text, None, set()

    def __contains__(self, i: int) -> bool:
        if i in self.extra:
            return True
        if self.marks is None:
            self.marks = _QUIET_ANY.search(self.text) is not None or self.text[:1] == "^"
        line = self.lines[i] if self.marks else ""
        return line[:1] in _QUIET_HEAD and _QUIET.match(line) is not None


class SourceLines:
    """The source's lines as kramdown's layout reads them, and the rendered body being read."""

    def __init__(self, body: str, text: str):
        self.body = body
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()  # (the text's last line break ends a line; no blank line after it)
        self.lines = lines
        # whether line i (0-based) is blank, quote marks aside (a footnote definition's lines are
        # not: footnotes): one list, read at C speed (a method per line read cost more than it saved)
        self.blank = [not line.strip(" \t>") for line in lines]
        self.cursor = 0  # (0-based: the line after the last block whose lines are known)
        self.open_ends: set = set()  # last lines of script/style elements
        self.depth = 0  # the items being read (one inside another)
        self.toc_last = False  # (blocks: whether the last block it read is a {:toc} list)
        self.quiet = _QuietLines(lines, text)

    # -- source lines ---------------------------------------------------------------------
    def runs(self, after: int, before: int) -> int:
        """The blank elements strictly between 1-based lines `after` and `before`: runs of blank
        lines, lines that write nothing (kramdown's :eob elements go, the blanks around them
        merge: update_tree) taken into the run they stand in."""
        blank = self.blank
        start = after if after > 0 else 0
        stop = before - 1 if before - 1 < len(blank) else len(blank)
        if stop - start <= 1:  # (one line between two blocks, or none: most gaps)
            return 1 if stop > start and blank[start] else 0
        quiet, count, seen = self.quiet, 0, False
        for i in range(start, stop):
            if blank[i]:
                if not seen:
                    count += 1
                seen = True
            elif i not in quiet:
                seen = False
        return count

    def gap(self, prev, nxt) -> int:
        """Blank elements between two blocks of (first, last) lines; None: not known (the runs
        between the known side and the first line that writes something: the unknown block's)."""
        if prev is not None and prev[1] in self.open_ends:
            after = prev[1] < len(self.blank) and self.blank[prev[1]]
            return (0 if after else 1) + self._gap(prev, nxt)
        return self._gap(prev, nxt)

    def _gap(self, prev, nxt) -> int:
        if prev is not None and nxt is not None:
            return self.runs(prev[1], nxt[0])
        blank, quiet = self.blank, self.quiet
        if prev is not None:
            at = prev[1]  # (0-based: the line after prev)
            while at < len(blank) and (blank[at] or at in quiet):
                at += 1
            return self.runs(prev[1], at + 1)
        if nxt is not None:
            at = min(nxt[0] - 2, len(blank) - 1)  # (an island's text moved to a line of its own: one line more)
            while at >= 0 and (blank[at] or at in quiet):
                at -= 1
            return self.runs(at + 1, nxt[0])
        return 1

    def line_ends(self, html: str, first: int, column: int = 0) -> str:
        """A paragraph's HTML with the whitespace kramdown keeps at its lines' ends (cmark drops
        it): a line's trailing blanks, but for the two of a hard break (`  ` before `<br />`);
        `column`: a tight item's text, whose lines also keep their indent past the item's content
        column (0: no item, or no column known). Only where its lines are the source's from line
        `first`, one for one."""
        out = html.split("\n")
        source = self.lines[first - 1:first - 1 + len(out)]
        if len(source) != len(out):
            return html
        changed = False
        if column:
            # past the item's content column: what is beyond it; a lazy line (short of it) of a
            # top-level item stays as it is (in a nested list kramdown pads such lines: left alone)
            nested = self.depth > 1
            for k in range(1, len(out)):
                line = source[k]
                if line[:1] != " " or out[k][:1] in (" ", "\t"):
                    continue
                lead = line[:len(line) - len(line.lstrip(" \t"))]
                if len(lead) >= column and not lead[:column].strip(" "):
                    lead = lead[column:]
                elif nested:
                    continue
                if lead:
                    out[k] = lead + out[k]
                    changed = True
        for k in range(len(out) - 1):
            line = source[k]
            if line[-1:] not in (" ", "\t"):
                continue
            tail = line[len(line.rstrip(" \t")):]
            if out[k].endswith("<br />"):
                if len(tail) > 2 and tail.endswith("  "):
                    out[k] = out[k][:-6] + tail[:-2] + "<br />"
                    changed = True
            elif not out[k].endswith(tail):
                out[k] += tail
                changed = True
        return "\n".join(out) if changed else html

    def lines_of(self, attrs: str):
        m = _POS.search(attrs)
        if not m:
            return None
        return self._lines(int(m.group(1)), int(m.group(2)), m.group(3))

    def _lines(self, first: int, last: int, end_column: str):
        """(first, last) source lines of a block: an end at column 0 is the line before, and
        the blank lines it ends with are not its own."""
        if end_column == "0" and last > first:
            last -= 1
        blank = self.blank
        while last > first and last <= len(blank) and blank[last - 1]:
            last -= 1
        return first, last

    def _toc_lines(self):
        """The (first, last) lines of the `* TOC` list a {:toc} list replaces: its list line and
        its `{:toc}` line, the first after the last block read (None: not found)."""
        lines = self.lines
        for i in range(self.cursor, min(len(lines), self.cursor + 400)):
            if _TOC_IAL.match(lines[i]):
                return i, i + 1
        return None

    def _first_written(self) -> int:
        """The 1-based line of the first source line that writes something (not blank, no
        `{::options}` or definition): where a first block whose lines are not known (a {:toc}
        list) starts; the blank elements before it are the document's lead."""
        blank, quiet, at = self.blank, self.quiet, 0
        while at < len(blank) and (blank[at] or at in quiet):
            at += 1
        return at + 1

    def find(self, chunk: str):
        """The source lines of a block written as it stands in the source (an HTML block), looked
        for after the last block whose lines are known; None: not found."""
        head = chunk.split("\n", 1)[0].strip()
        if not head or head.startswith("specsite-"):
            return None
        lines = self.lines
        for i in range(self.cursor, min(len(lines), self.cursor + 400)):
            if lines[i].strip() == head:
                return i + 1, i + 1 + chunk.count("\n")
        return None

    def after(self, pos: int) -> int:
        """`pos`, or the position after a line break there."""
        return pos + 1 if self.body.startswith("\n", pos) else pos

    def line_end(self, pos: int) -> int:
        """The position after the line break that ends the line of `pos` (the end of the body)."""
        end = self.body.find("\n", pos)
        return len(self.body) if end < 0 else end + 1
