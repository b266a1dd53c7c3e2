"""kramdown's last test of a table (table.rb, after its rows are read): the table's lines are
parsed with the code span and span HTML parsers only, and a line whose pipes are all inside a
code span or a span HTML element (`a <sup>[1](x)|[2](y)</sup>`) is no table line: the whole
run is then a paragraph. The row splitting before it splits inside such an element all the
same (only `<code>` elements are kept whole), so this is a test of its own."""
from __future__ import annotations

import re

from .rawhtml import KNOWN, VOID, element_end
from .rawspans import _BLOCK_ELEMENTS

_NAME = r"[^\W\d][\w.-]*(?::[^\W\d][\w.-]*)?"  # REXML's UNAME_STR (rawhtml's patterns, compiled when used)
_TAG = re.compile(rf"<((?>{_NAME}))\s*((?>\s+{_NAME}(?:\s*=\s*(?:\w+|([\"']).*?\3))?)*)\s*(/)?>", re.S)
_CLOSE = re.compile(rf"</({_NAME})\s*>")
_COMMENT = re.compile(r"<!--.*?-->", re.S)

_PIPE_CHECK = re.compile(r"\||.*?[^\\\n]\|")  # TABLE_PIPE_CHECK, matched at a text's start
_SPECIAL = re.compile(r"[`<]")
_BACKTICKS = re.compile(r"`+")


def _children(text: str) -> list:
    """(kind, value) of each child of kramdown's root: "text" (adjacent runs merged), "code" (a
    code span's content) or "html" (a span element's name, or a comment's text)."""
    out: list = []

    def add_text(s: str) -> None:
        if out and out[-1][0] == "text":
            out[-1] = ("text", out[-1][1] + s)
        else:
            out.append(("text", s))
    pos = 0
    while True:
        m = _SPECIAL.search(text, pos)
        if m is None:
            add_text(text[pos:])
            return out
        add_text(text[pos:m.start()])
        at = m.start()
        if text[at] == "`":  # parse_codespan: a run up to the next run as written
            run = _BACKTICKS.match(text, at).group(0)
            after = at + len(run)
            if len(run) == 1 and (at == 0 or text[at - 1].isspace()) and text[after:after + 1].isspace():
                add_text(run)
                pos = after
                continue
            end = text.find(run, after)
            if end < 0:
                add_text(run)
                pos = after
                continue
            out.append(("code", text[after:end]))
            pos = end + len(run)
            continue
        comment = _COMMENT.match(text, at)
        if comment is not None:
            out.append(("html", comment.group(0)[4:-3]))
            pos = comment.end()
            continue
        close = _CLOSE.match(text, at)
        if close is not None:  # an invalidly used closing tag: text
            add_text(close.group(0))
            pos = close.end()
            continue
        tag = _TAG.match(text, at)
        if tag is None or tag.group(1).lower() in _BLOCK_ELEMENTS:
            add_text(tag.group(0) if tag is not None else "<")
            pos = tag.end() if tag is not None else at + 1
            continue
        name = tag.group(1)
        out.append(("html", name))
        pos = tag.end()
        if tag.group(4) or name.lower() in VOID:
            continue
        end = element_end(text, pos, name, any_case=name.lower() in KNOWN)  # (a known element's end tag in any case)
        if end is None:  # no end tag: the element takes the rest
            return out
        pos = end


def pipe_on_every_line(rows: list) -> bool:
    """kramdown's pipe_on_line test over the table's lines `rows` (as written)."""
    pipe_on_line = False
    for kind, value in _children("\n".join(rows)):
        lines = value.split("\n")
        while lines and not lines[-1]:  # (Ruby's split drops trailing empty strings)
            lines.pop()
        if kind == "code":
            if len(lines) > 2 or (len(lines) == 2 and not pipe_on_line):
                break
            if len(lines) == 2:
                pipe_on_line = False
        else:
            if len(lines) > 1 and not pipe_on_line and not _PIPE_CHECK.match(lines[0]):
                break
            last = bool(lines) and _PIPE_CHECK.match(lines[-1]) is not None
            pipe_on_line = (False if len(lines) > 1 else pipe_on_line) or last
    return pipe_on_line
