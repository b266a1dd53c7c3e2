"""The cheap tests that decide which of preprocess's passes run (markdown/prescan.py) and the
regex fence finder (markdown/fences.py) must never skip work: checked on seeded random lines
against the passes and a line-by-line reference."""
from __future__ import annotations

import random
import re

import pytest

from specsite.markdown.fences import fenced_lines
from specsite.markdown.itemcode import lazy_item_code_lines
from specsite.markdown.lazycode import lazy_code_lines
from specsite.markdown.lists import lazy_item_lines
from specsite.markdown.prescan import item_lazy_code, lazy_code, lazy_items_move

_INDENTS = ["", "", "", " ", "  ", "   ", "    ", "      ", "        ", "\t", "  \t", "      \t"]
_LINES = ["- a", "* b", "+ c", "1. one", "10. ten", "-\tt", "- - -", "* * *", "---", "===", "# h", "#", "> q",
          "```", "~~~", "````", "text", "", "", "<div>", "{: .x}", "- ", "1.", "- # h", "1. > q", "\x0cff", "code"]


def _documents(seed: int, count: int):
    rnd = random.Random(seed)
    for _ in range(count):
        yield [rnd.choice(_INDENTS) + rnd.choice(_LINES) for _ in range(rnd.randint(2, 12))]


@pytest.mark.parametrize("apply, prescan, seed, count, least", [
    (lazy_item_code_lines, item_lazy_code, 2, 6000, 5),
    (lazy_item_lines, lambda text: lazy_items_move(text.split("\n")), 3, 20000, 1000),
], ids=["item_code_pass", "lazy_items_pass"])
def test_a_pass_runs_wherever_it_would_change_a_line(apply, prescan, seed, count, least):
    changed = 0
    for lines in _documents(seed, count):
        work = list(lines)
        apply(work)
        if work != lines:
            changed += 1
            assert prescan("\n".join(lines)), lines
    assert changed > least  # (the documents do exercise it)


def test_lazy_items_move_leaves_out_plain_lists():
    """Items in a row with one bullet, ended by a blank line and a paragraph: nothing to move."""
    assert not lazy_items_move(["- [a](a.html) - text.", "- b", "", "Text.", "1. x", "2. y", "", "## H"])
    assert lazy_items_move(["- a", "lazy text"]) and lazy_items_move(["- a", "* b"])
    assert lazy_items_move(["1. a", "", "   more of it"])


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


_ITEM = re.compile(r" {0,3}(?:[-*+]|\d+[.)])(?:[ \t]|$)")


def _lazy_code_reference(rows: list, n: int) -> bool:
    """Line n (a fence line) is a lazy line of top-level indented code (fences.lazy_code_fence)."""
    k = n
    while k > 0 and rows[k - 1].strip():  # (up to its block's first line)
        k -= 1
    if k == n or not rows[k].startswith(("    ", "\t")):
        return False
    while k > 0 and (not rows[k - 1].strip() or rows[k - 1].startswith(("    ", "\t"))):
        k -= 1
    k -= 1
    while k >= 0 and rows[k].strip():  # (the paragraph above: no item, no fence, nothing indented)
        if _ITEM.match(rows[k]) or rows[k][:1].isspace() or _FENCE.match(rows[k]):
            return False
        k -= 1
    return True


def _fenced_reference(text: str, indented: bool = True) -> set:
    lines, fence, inside = set(), None, True  # (the first line: as after a blank line)
    rows = text.split("\n")
    for number, line in enumerate(rows, 1):
        fm = _FENCE.match(line)
        if fence:
            lines.add(number)
            if fm and fm.group(1)[0] == fence[0] and len(fm.group(1)) >= len(fence) and not line[fm.end():].strip():
                fence = None
        elif fm and not _lazy_code_reference(rows, number - 1):
            fence = fm.group(1)
            lines.add(number)
        elif indented and line.startswith(("    ", "\t")) and inside:
            lines.add(number)
        inside = not line.strip() or number in lines
    return lines


def test_fenced_lines_are_the_line_by_line_reading():
    extra = ["``` x", "```  ", "```~~~", "x ```", " `", "~~~~~~ \x0b", "````\r", "\u3000```"]
    rnd = random.Random(3)
    for lines in _documents(3, 3000):
        lines = [rnd.choice(extra) if rnd.random() < 0.2 else line for line in lines]
        text = "\n".join(lines)
        for indented in (True, False):
            assert fenced_lines(text, indented) == _fenced_reference(text, indented), text


def test_table_rows_split_as_the_cell_reading_splits_them():
    """tables._split_cells's str.split path (single backticks with no `|` between a pair) gives
    what the code-span-aware reading (_CELL) gives."""
    from specsite.markdown.tables import _CELL, _split_cells

    def reading(row):
        cells, pos = [], 0
        while True:
            stop = _CELL.match(row, pos).end()
            cells.append(row[pos:stop])
            if stop >= len(row):
                return cells
            pos = stop + 1
    rnd = random.Random(5)
    for _ in range(20000):
        row = "".join(rnd.choice(["`", "|", "a", " ", "``", "\\", "x y"]) for _ in range(rnd.randint(0, 12)))
        assert _split_cells(row) == reading(row), row


def test_lazy_code_skips_only_fenced_code_lines():
    """prescan.lazy_code's look at fences leaves out no text where the pass would change a line
    and its first test (_LAZY_CODE, a narrower net than the pass: kept as it was) says yes."""
    from specsite.markdown.prescan import _LAZY_CODE
    rnd = random.Random(4)
    lines_ = _LINES + ["```json", "    code", "\tcode", "  ```", "<b>", "{x}"]
    changed = 0
    for _ in range(20000):
        lines = [rnd.choice(_INDENTS) + rnd.choice(lines_) for _ in range(rnd.randint(2, 12))]
        text = "\n".join(lines)
        work = list(lines)
        lazy_code_lines(work)
        if work != lines and _LAZY_CODE.search("\n" + text):
            changed += 1
            assert lazy_code(text), lines
    assert changed > 1000


def test_a_lazy_fence_of_tags_under_an_item_in_a_blockquote_is_converted():
    """lazy_item_lines lifts a lazy fence's tags into islands only where its caller keeps them; a
    blockquote's moved lines (quoted.py, islands=()) leave them — this crashed on `append`."""
    from specsite.markdown import MarkdownRenderer
    text = "1. Add:\n```xml\n<dependency>\n  <id>x</id>\n</dependency>\n```\n2. Build it.\n"
    quoted = "".join("> " + line + "\n" for line in text.splitlines())
    html = MarkdownRenderer(jekyll_markup=True).render(quoted).html
    assert html.startswith("<blockquote>") and "Build it." in html
    work = text.split("\n")
    lazy_item_lines(work)  # (no islands given: the tags stay lines)
    assert "<dependency>" in "\n".join(work)
