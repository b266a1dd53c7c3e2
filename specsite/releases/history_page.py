"""A history page: one heading per version (`## 2.0.4-live Released: 22-06-21 ##`, `### 1.3.3-beta`,
`## 2.15.0 (23/01/2025)`), each followed by bullets (one change each), by `[Page](page.html)` lines
with the bullets that changed that page, or by a paragraph and the list of pages it concerns;
sub-headings inside a version are per-area sections (→ `affects`)."""
from __future__ import annotations

import re

from .dates import FoundDate, find_date
from .imported import (HEADING, ITEM, LINK, ONLY_LINK, VERSION_HEAD, Change, ImportedRelease, Note,
                       outside_code, short, tickets_in, title_of)


def read_history(lines, notes) -> list:
    """The releases of a history page: the first version heading sets the level of the others;
    what is outside every version's section is left out and noted."""
    releases: list[ImportedRelease] = []
    level, body, current, skipped = None, [], None, []
    for number, line in outside_code(lines):
        heading = HEADING.match(line)
        version = heading and VERSION_HEAD.match(heading.group(2).strip())
        depth = len(heading.group(1)) if heading else None
        if version and (level is None or depth == level):
            if current is not None:
                _history_release(current, body, notes)
            level, body = depth, []
            current = ImportedRelease(version.group(1), number)
            current.date = _heading_date(version.group(2))
            releases.append(current)
        elif heading and current is not None and depth <= level:
            _history_release(current, body, notes)
            current, body = None, []
            skipped.append((number, line))
        elif current is None:
            if line.strip():
                skipped.append((number, line))
        else:
            body.append((number, line))
    if current is not None:
        _history_release(current, body, notes)
    if releases and skipped:
        first = skipped[0]
        notes.append(Note(first[0], f"{len(skipped)} line(s) outside any release were not imported, from "
                                    f"'{short(first[1])}'",
                          "They are not release notes of a version; keep them on a page of their own."))
    return releases


def _heading_date(rest: str) -> FoundDate | None:
    return find_date(rest) if rest.strip(" -–:()#") else None


def _history_release(release: ImportedRelease, body, notes):
    """Blocks of a release's section → its introduction and changes."""
    blocks = _blocks(body)
    area = None
    index = 0
    while index < len(blocks):
        kind, first, text = blocks[index]
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if kind == "heading":
            area = HEADING.match(text).group(2).strip()
        elif kind == "para" and (link := ONLY_LINK.match(text)) and following and following[0] == "list":
            change = Change(link.group(1).strip(), first)
            if link.group(2):  # "[Manage Subscription]()" names a page it does not link
                change.pages.append({"link": link.group(2), "text": link.group(1).strip(), "changes": []})
            change.description = following[2].split("\n")
            _finish(change, area)
            release.changes.append(change)
            index += 1
        elif kind == "para" and following and following[0] == "list" and _all_links(following[2]):
            change = Change(title_of(text), first)
            change.description = text.split("\n")
            for item_text, target in LINK.findall(following[2]):
                change.pages.append({"link": target, "text": item_text, "changes": []})
            _finish(change, area, pages_from_text=False)
            release.changes.append(change)
            index += 1
        elif kind == "list":
            for item_line, item in _items(first, text):
                change = Change(title_of(item), item_line)
                change.description = [_dedent(item)]
                _finish(change, area)
                release.changes.append(change)
        elif not release.changes:
            release.introduction.append(text)
        else:
            previous = release.changes[-1]
            previous.description += ["", text]
            notes.append(Note(first, f"'{short(text)}' follows the change '{short(previous.title)}' in "
                                     f"{release.version}; it was kept in that change's description",
                              "Split it into an entry of its own if it is a change of its own."))
        index += 1
    if not release.changes and release.introduction:  # a release told in a paragraph
        text = "\n\n".join(release.introduction)
        change = Change(title_of(text), release.line)
        change.description = text.split("\n")
        _finish(change, area)
        release.changes.append(change)
        release.introduction = []


def _blocks(body) -> list:
    """(kind, first line, text) of paragraphs, lists and headings; a list keeps its nested and
    indented lines, and blank lines between its items."""
    blocks: list = []
    kind, first, acc = None, None, []

    def flush():
        nonlocal kind, acc
        if acc:
            blocks.append((kind, first, "\n".join(acc).strip("\n")))
        kind, acc = None, []
    for number, line in body:
        if HEADING.match(line):
            flush()
            blocks.append(("heading", number, line))
        elif not line.strip():
            if kind == "list":
                acc.append(line)
            else:
                flush()
        elif ITEM.match(line):
            if kind != "list":
                flush()
                kind, first = "list", number
            acc.append(line)
        elif kind == "list" and (line.startswith((" ", "\t")) or acc[-1].strip()):
            acc.append(line)  # a continuation of the item (indented, or a lazy continuation line)
        else:
            if kind != "para":
                flush()
                kind, first = "para", number
            acc.append(line)
    flush()
    return blocks


def _items(first, text):
    """(line, text) of each top-level item of a list block, nested lines included."""
    items, base = [], None
    for offset, line in enumerate(text.split("\n")):
        match = ITEM.match(line)
        indent = len(match.group(1)) if match else None
        if match and (base is None or indent <= base):
            base = indent if base is None else base
            items.append([first + offset, [line]])
        elif items:
            items[-1][1].append(line)
    return [(n, "\n".join(ls).rstrip()) for n, ls in items]


def _dedent(item: str) -> str:
    """An item as a one-item list at the left margin: the description of a change, rendered as
    the bullet it was."""
    lines = item.split("\n")
    indent = len(ITEM.match(lines[0]).group(1))
    return "\n".join(line[indent:] if line[:indent].isspace() else line for line in lines).strip("\n")


def _all_links(text: str) -> bool:
    return all(ONLY_LINK.match(ITEM.match(line).group(2)) for line in text.split("\n")
               if line.strip() and ITEM.match(line))


def _finish(change: Change, area, pages_from_text=True):
    text = "\n".join(change.description)
    change.tickets = tickets_in(text)
    if area:
        change.affects = [area]
    if re.search(r"\bbreaking change\b", text, re.I):
        change.breaking = True
    if pages_from_text and not change.pages:
        for link_text, target in LINK.findall(text):
            if target and not re.match(r"^[a-z][a-z0-9+.-]*:|^#", target, re.I):
                change.pages.append({"link": target, "text": link_text, "changes": []})
