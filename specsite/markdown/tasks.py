"""GFM task lists as kramdown-parser-gfm 1.1 writes them (parse_list): in each list, an item
whose first paragraph starts with `[ ]` or `[x]` and a space gets a disabled checkbox input;
from the first such item on, every item that starts with a paragraph gets the class
`task-list-item`, and the list the class `task-list`."""
from __future__ import annotations

import re

from .tables import SPAN_MARK

_TAG = re.compile(r"<(/?)(ul|ol|li)\b([^>]*)>")
_BOX_TEXT = re.compile(r"(\s*<p(?: data-sourcepos=\"[^\"]*\")?>)?\[([ xX])\][ \t\n]+")
_BLOCK_FIRST = re.compile(r"\s*<(?:ul|ol|pre|div|h[1-6]|blockquote|table|hr|dl)\b")
_ANY_BOX = re.compile(r"\[[ xX]\]")
_BOX = '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled"{} />'


_ESCAPED_BOX = re.compile(r"(?m)^([ \t>]*(?:[-*+]|\d+\.)[ \t]+)(?=\\\[[ xX]\][ \t])")


def escaped_boxes(text: str) -> str:
    """An item whose text starts with `\\[ ]` is no task: parse_list looks at the paragraph's raw
    text (`\\A\\s*\\[ \\]\\s+`), where the backslash still is. cmark writes `[ ]` for both, so a
    SPAN_MARK (removed after task_lists) goes before the backslash."""
    return _ESCAPED_BOX.sub(lambda m: m.group(1) + SPAN_MARK, text)


def task_lists(body: str) -> str:
    if not _ANY_BOX.search(body):  # no `[ ]` or `[x]` anywhere: no item is a task (the body as it is)
        return body
    out, pos, stack = [], 0, []  # stack: [index in out of the list's open tag, is a task list]
    for m in _TAG.finditer(body):
        if m.start() < pos:
            continue
        closing, tag = m.group(1), m.group(2)
        if tag != "li":
            out.append(body[pos:m.end()])
            pos = m.end()
            if not closing:
                stack.append([len(out) - 1, False])
            elif stack:
                index, tasked = stack.pop()
                if tasked:
                    out[index] = out[index][:out[index].rindex("<") + 3] + ' class="task-list"' \
                        + out[index][out[index].rindex("<") + 3:]
            continue
        if closing or not stack or _BLOCK_FIRST.match(body, m.end()):
            continue
        box = _BOX_TEXT.match(body, m.end())
        if box:
            stack[-1][1] = True
        if stack[-1][1]:
            out.append(body[pos:m.start()] + f'<li class="task-list-item"{m.group(3)}>')
            pos = m.end()
            if box:
                out.append((box.group(1) or "") + _BOX.format(' checked="checked"' if box.group(2) != " " else ""))
                pos = box.end()
    out.append(body[pos:])
    return "".join(out)
