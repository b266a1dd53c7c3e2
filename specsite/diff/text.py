"""A page's readable text, one block element a line, and the unified diff of two pages."""
from __future__ import annotations

import difflib
import html as html_lib
import re

# -- page text --------------------------------------------------------------------------------------

_DROP = re.compile(r"<(script|style|template)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_PRE = re.compile(r"<pre\b[^>]*>(.*?)</pre\s*>", re.S | re.I)
_HEADING = re.compile(r"<h([1-6])\b[^>]*>", re.I)
_ITEM = re.compile(r"<(?:li|dd)\b[^>]*>", re.I)
_CELL = re.compile(r"<t[dh]\b[^>]*>", re.I)
_BLOCK = re.compile(r"</?(?:p|div|h[1-6]|li|ul|ol|dl|dt|dd|table|thead|tbody|tfoot|tr|caption|blockquote|"
                    r"section|article|aside|header|footer|nav|main|figure|figcaption|details|summary|hr|br|"
                    r"form|fieldset|address)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_PLACEHOLDER = re.compile("\x00(\\d+)\x00")


def page_text(body_html: str) -> list[str]:
    """A page body as readable text: one block element per line, whitespace collapsed.

    Headings keep their level as `## `, list items start with `- `, table cells are joined
    with ` | `, code blocks keep their own lines (indented by four spaces).
    """
    code_blocks: list[list[str]] = []

    def keep_code(m):
        text = html_lib.unescape(_TAG.sub("", m.group(1)))
        code_blocks.append(["    " + line.rstrip() for line in text.strip("\n").split("\n")])
        return f"<p>\x00{len(code_blocks) - 1}\x00</p>"

    text = _DROP.sub("", body_html)
    text = _PRE.sub(keep_code, text)
    text = _SPACE.sub(" ", text)  # outside <pre>, line breaks in HTML are spaces
    text = _HEADING.sub(lambda m: "\n" + "#" * int(m.group(1)) + " ", text)
    text = _ITEM.sub("\n\x01", text)  # "- ", once the item's first block is known
    text = _CELL.sub(" | ", text)
    text = _BLOCK.sub("\n", text)
    text = html_lib.unescape(_TAG.sub("", text))
    lines: list[str] = []
    bullet = False
    for raw in text.split("\n"):
        bullet = bullet or "\x01" in raw
        raw = raw.replace("\x01", "")
        marker = _PLACEHOLDER.fullmatch(raw.strip())
        if marker:
            lines.extend(code_blocks[int(marker.group(1))])
            bullet = False
            continue
        line = _SPACE.sub(" ", raw).strip()
        if line.startswith("| "):
            line = line[2:]
        if line and line != "|":
            lines.append(f"- {line}" if bullet else line)
            bullet = False
    return lines


def text_diff(old_lines, new_lines, old_url: str, new_url: str, limit: int):
    """(diff lines, lines left out, added, removed): a unified diff cut after `limit` lines."""
    lines = list(difflib.unified_diff(old_lines, new_lines, f"a/{old_url}", f"b/{new_url}", n=2, lineterm=""))
    body = _shortened(lines[2:])
    added = sum(1 for line in body if line.startswith("+"))
    removed = sum(1 for line in body if line.startswith("-"))
    kept = lines[:2] + body[:max(limit, 0)]
    return kept, len(body) - len(kept) + 2, added, removed


WIDE = 240  # a diff line longer than this (a one-line search.json, minified JS) is cut to its change


def _shortened(body: list[str]) -> list[str]:
    """Each line over WIDE characters cut to a window around where it differs from its partner (the
    removed and added lines of a change, paired in order), with '…' where text is left out: a
    one-line JSON page that gained an entry shows that entry, not a screenful of what both share."""
    out = list(body)
    i = 0
    while i < len(out):
        j = i
        while j < len(out) and out[j].startswith("-"):
            j += 1
        k = j
        while k < len(out) and out[k].startswith("+"):
            k += 1
        pairs = list(zip(range(i, j), range(j, k)))
        for a, b in pairs:
            start = _common_prefix(out[a][1:], out[b][1:])
            out[a], out[b] = _window(out[a], start), _window(out[b], start)
        for n in range(i, max(k, i + 1)):
            if len(out[n]) > WIDE + 2 and n not in {x for pair in pairs for x in pair}:
                out[n] = _window(out[n], 0)
        i = max(k, i + 1)
    return out


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _window(line: str, at: int) -> str:
    """`line` (its first character the diff's mark) cut to WIDE characters from a little before `at`."""
    text = line[1:]
    if len(text) <= WIDE:
        return line
    start = max(0, min(at - 40, len(text) - WIDE))
    cut = text[start:start + WIDE]
    return line[0] + ("…" if start else "") + cut + ("…" if start + WIDE < len(text) else "")
