"""kramdown's link definition is one line (LINK_DEFINITION_START, OPT_SPACE: up to three spaces),
its title alone on the next line at most; a line indented by four after it starts the next block,
indented code (codeblock.rb needs no blank line before it). cmark reads the line as more of the
definitions' paragraph: a definition of its own (`    [4]: x`) or text. The definition before
such a line is moved to the end of the text (its line left blank, line numbers kept): cmark then
sees code after a blank line, and the definition still applies to the whole document."""
from __future__ import annotations

import re

# kramdown's LINK_DEFINITION_START (OPT_SPACE, then as in link.rb; `[^` starts a footnote first):
# the title is the shortest run that ends with its opening quote at the line's end, so it may hold
# that quote (here, not in linkdefs, which imports this module: no import cycle)
KRAMDOWN_DEF = re.compile(r"^ {0,3}\[(?!\^)([^\n\]]+)\]:[ \t]*(?:<(.*?)>|([^\n]*?\S[^\n]*?))"
                          r"(?:(?:[ \t]*?\n|[ \t]+?)[ \t]*?([\"'])(.+?)\4)?[ \t]*?\n", re.M)

_TITLE = re.compile(r"[ \t]*([\"']).+\1[ \t]*$")
_OUTER = re.compile(r" {0,3}(?:[-*+]|\d+\.)[ \t]| {0,3}>")  # (a list's or quote's line: not the top level)
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


def code_after_definitions(text: str) -> str:
    if "\n    " not in text and "\n\t" not in text:
        return text
    lines = text.split("\n")
    moved, fence = [], None
    for i, line in enumerate(lines[:-1]):
        fm = _FENCE.match(line)
        if fm and (fence is None or (fm.group(1)[0] == fence[0] and len(fm.group(1)) >= len(fence))):
            fence = None if fence else fm.group(1)
            continue
        below = lines[i + 1]
        if fence or not below.startswith(("    ", "\t")) or not below.strip() or "]:" not in line:
            continue
        m = KRAMDOWN_DEF.match(line + "\n")
        if m is None or m.end() != len(line) + 1 or (m.group(4) is None and _TITLE.match(below)):
            continue
        if _top_level(lines, i):
            moved.append(line)
            lines[i] = ""
    if not moved:
        return text
    return "\n".join(lines) + "\n\n" + "\n".join(moved) + "\n"


def _top_level(lines: list, i: int) -> bool:
    """The definition at line i is in a run of definitions at the top level (not a list item's or
    a quote's, not a paragraph's text): each line above it to a blank line is one, and the first
    other line above is no list's or quote's."""
    k = i - 1
    while k >= 0 and lines[k].strip():
        if not KRAMDOWN_DEF.match(lines[k] + "\n"):
            return False
        k -= 1
    indented = any(lines[n][:1] == " " for n in range(k + 1, i + 1))
    if not indented:
        return True
    while k >= 0 and (not lines[k].strip() or KRAMDOWN_DEF.match(lines[k] + "\n") or _TITLE.match(lines[k])):
        k -= 1  # (definitions above, a title on its own line among them)
    return k < 0 or not (lines[k][:1].isspace() or _OUTER.match(lines[k]))
