"""`release import`: hand-written release notes, in the shapes real teams write them, → releases.

Two shapes are read. A *release page* (GP Connect's): `## Introduction`, `## <version> changes`,
optional per-area `##` sections, and one `### Title` block per change with `**Tickets:**`,
`**Affects:**`, `**Description:**`, `**Pages changed:**` lines. A *history page*: one heading
per version (`## 2.0.4-live Released: 22-06-21 ##`, `### 1.3.3-beta`, `## 2.15.0 (23/01/2025)`),
each followed by bullets (one change each), by `[Page](page.html)` lines with the bullets that
changed that page, or by a paragraph and the pages it concerns. Text is kept as written; what
has no field of its own stays in the entry's description and is listed as a note.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..diagnostics import closest
from ..frontmatter import split
from .dates import FoundDate, find_date, numeric_order

HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
FIELD = re.compile(r"^\*\*([A-Za-z ]+?):?\*\*:?(?:&nbsp;|\s)*(.*)$")
FIELDS = ("tickets", "affects", "impacts", "description", "pages changed", "profiles changed")
LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
ONLY_LINK = re.compile(r"^\s*(?:\*\*)?\[([^\]]+)\]\(\s*([^)\s]*)\s*\)(?:\*\*)?\s*:?\s*$")
VERSION_HEAD = re.compile(r"^(?:v(?:ersion)?\s*)?(\d+(?:\.\d+){1,3}(?:-[0-9A-Za-z][0-9A-Za-z.]*)?)\b(.*)$", re.I)
ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$")
COSMETIC = re.compile(r"\s*\*?\(cosmetic\)\*?\s*$", re.I)
RULE = re.compile(r"^\s*(---+|\*\*\*+|___+)\s*$")
TICKET_TEXT = re.compile(r"(?<![\w&/#.])#(\d+)\b|\btickets?\s+#?(\d+)\b|/issues/(\d+)\b", re.I)


class ImportError_(Exception):
    """The page cannot be imported at all (the message says why and what to do)."""


@dataclass(frozen=True)
class Note:
    """Something the import could not map, at a line of the imported file."""
    line: int | None
    message: str
    hint: str | None = None


@dataclass
class Change:
    title: str
    line: int
    cosmetic: bool = False
    breaking: bool = False
    tickets: list = field(default_factory=list)
    affects: list = field(default_factory=list)
    impacts: list = field(default_factory=list)
    description: list = field(default_factory=list)
    pages: list = field(default_factory=list)  # [{"link", "text", "changes"}]
    profiles: list = field(default_factory=list)


@dataclass
class ImportedRelease:
    version: str
    line: int
    date: FoundDate | None = None
    introduction: list = field(default_factory=list)
    changes: list = field(default_factory=list)
    published: bool = True


@dataclass
class ImportedPage:
    releases: list
    notes: list
    shape: str  # "release page" | "history page"


def read_page(text: str, *, version: str | None = None, date_order: str | None = None,
              areas=()) -> ImportedPage:
    """Every release on a release-notes page. `version`: the version of a release page that does not
    say it; `areas`: the site's capability areas (section names are matched to them)."""
    parts = split(text.replace("\r\n", "\n"))
    meta = dict(parts.meta or {})
    lines = [(parts.body_line + i, line) for i, line in enumerate(parts.body.split("\n"))]
    notes: list[Note] = []
    if any((m := FIELD.match(line.strip())) and m.group(1).strip().lower() in ("tickets", "description")
           for _, line in lines):
        release = _release_page(meta, lines, version, notes)
        releases, shape = [release], "release page"
    else:
        releases, shape = _history_page(lines, notes), "history page"
    if not releases:
        raise ImportError_("no releases found: expected '### Title' blocks with **Tickets:** lines under "
                           "'## <version> changes', or one heading per version ('## 1.2.3 (12 Mar 2019)')")
    _dates(releases, date_order, notes)
    _areas(releases, list(areas), notes)
    return ImportedPage(releases, notes, shape)


# -- a release page ---------------------------------------------------------------------------------


def _release_page(meta, lines, version, notes) -> ImportedRelease:
    found = version or _version_of(meta, lines)
    if not found:
        raise ImportError_("the page does not say which version it describes: pass --version, e.g. --version 1.2.3")
    release = ImportedRelease(found, lines[0][0] if lines else 1)
    section, area, current, field_name = None, None, None, None
    for number, line in _outside_code(lines):
        heading = HEADING.match(line)
        if heading and not _is_change_heading(lines, number):
            text = heading.group(2)
            if text.lower().startswith("introduction"):
                section, current = "intro", None
            elif section is None or VERSION_HEAD.match(text):
                section, current = "changes", None
            else:
                area, current = text.strip(), None  # a per-area section of the changes
            continue
        if heading:
            title = heading.group(2)
            current = Change(COSMETIC.sub("", title).strip(), number, cosmetic=bool(COSMETIC.search(title)))
            current.affects = [area] if area else []
            release.changes.append(current)
            field_name = None
            continue
        if section == "intro":
            release.introduction.append(line)
        elif current is None:
            if line.strip() and not RULE.match(line):
                notes.append(Note(number, f"text outside any change was not imported: '{_short(line)}'",
                                  "Move it into the introduction or an entry."))
        elif not RULE.match(line):
            field_name = _field_line(current, line, number, field_name, notes)
    written = re.search(r"released on (.+)$", str(meta.get("summary") or ""))
    if written:  # "GP Connect API 1.2.7 released on 5th May 2020"; a placeholder date stays as written
        release.date = find_date(written.group(1)) or FoundDate(None, written.group(1).strip(), problem="placeholder")
    release.published = bool(release.date and release.date.date)
    return release


def _is_change_heading(lines, number) -> bool:
    """A heading is a change when a **Tickets:**/**Description:** line follows before the next heading."""
    after = False
    for n, line in lines:
        if n == number:
            after = True
            continue
        if after:
            if HEADING.match(line):
                return False
            m = FIELD.match(line.strip())
            if m and m.group(1).strip().lower() in FIELDS:
                return True
    return False


def _field_line(change: Change, line, number, field_name, notes):
    m = FIELD.match(line.strip())
    if m and m.group(1).strip().lower() in FIELDS:
        name, value = m.group(1).strip().lower(), m.group(2).strip()
        if name == "tickets":
            change.tickets = _tickets(value)
        elif name in ("affects", "impacts"):
            setattr(change, name, [v.strip() for v in value.split(",") if v.strip()])
        elif value:
            change.description.append(value)
        return name
    if m and line.strip():
        notes.append(Note(number, f"'**{m.group(1)}:**' is no entry field; it was kept in the description",
                          "Move it to a field of the entry, or leave it in the description."))
        change.description.append(line)
        return "description"
    if field_name == "description":
        change.description.append(line)
    elif field_name == "pages changed" and line.strip():
        _page_line(change, line, number, notes)
    elif field_name == "profiles changed" and line.strip():
        item = ITEM.match(line)
        if item and not item.group(1):
            change.profiles.append(item.group(2).strip())
        elif item and change.profiles:  # a nested bullet stays one, under its profile
            change.profiles[-1] += "\n  - " + item.group(2).strip()
        else:
            notes.append(Note(number, f"'{_short(line)}' under Profiles changed was kept in the description",
                              "Write it as a '- ' bullet of Profiles changed."))
            change.description.append(line.strip())
    return field_name


def _page_line(change, line, number, notes):
    item = ITEM.match(line)
    if not item:
        notes.append(Note(number, f"'{_short(line)}' under Pages changed was kept in the description",
                          "Write it as a '- [Page](page.html)' bullet."))
        change.description.append(line.strip())
        return
    links = LINK.findall(item.group(2)) if not item.group(1) else []
    if links:  # one bullet may name several pages: each gets the changes that follow
        start = len(change.pages)
        for text, target in links:
            change.pages.append({"link": target, "text": text, "changes": [], "group": start})
    elif change.pages:
        group = change.pages[-1]["group"]
        for page in change.pages[group:]:
            page["changes"].append(item.group(2).strip())
    else:
        notes.append(Note(number, f"'{_short(line)}' names no page; it was kept in the description",
                          "Write it as '- [Page](page.html)'."))
        change.description.append(line.strip())


def _version_of(meta, lines) -> str | None:
    for _, line in lines:
        heading = HEADING.match(line)
        if heading and (m := VERSION_HEAD.match(heading.group(2))) and "change" in m.group(2).lower():
            return m.group(1)
    for key in ("title", "summary"):
        m = re.search(r"\b(\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?)\b", str(meta.get(key) or ""))
        if m:
            return m.group(1)
    m = re.search(r"_(\d+)_(\d+)_(\d+)\.html$", str(meta.get("permalink") or ""))
    return ".".join(m.groups()) if m else None


# -- a history page -------------------------------------------------------------------------------


def _history_page(lines, notes) -> list:
    releases: list[ImportedRelease] = []
    level, body, current, skipped = None, [], None, []
    for number, line in _outside_code(lines):
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
                                    f"'{_short(first[1])}'",
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
            change = Change(_title(text), first)
            change.description = text.split("\n")
            for item_text, target in LINK.findall(following[2]):
                change.pages.append({"link": target, "text": item_text, "changes": []})
            _finish(change, area, pages_from_text=False)
            release.changes.append(change)
            index += 1
        elif kind == "list":
            for item_line, item in _items(first, text):
                change = Change(_title(item), item_line)
                change.description = [_dedent(item)]
                _finish(change, area)
                release.changes.append(change)
        elif not release.changes:
            release.introduction.append(text)
        else:
            previous = release.changes[-1]
            previous.description += ["", text]
            notes.append(Note(first, f"'{_short(text)}' follows the change '{_short(previous.title)}' in "
                                     f"{release.version}; it was kept in that change's description",
                              "Split it into an entry of its own if it is a change of its own."))
        index += 1
    if not release.changes and release.introduction:  # a release told in a paragraph
        text = "\n\n".join(release.introduction)
        change = Change(_title(text), release.line)
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
    change.tickets = _tickets(text)
    if area:
        change.affects = [area]
    if re.search(r"\bbreaking change\b", text, re.I):
        change.breaking = True
    if pages_from_text and not change.pages:
        for link_text, target in LINK.findall(text):
            if target and not re.match(r"^[a-z][a-z0-9+.-]*:|^#", target, re.I):
                change.pages.append({"link": target, "text": link_text, "changes": []})


# -- shared ---------------------------------------------------------------------------------------


def _tickets(text: str) -> list:
    numbers = []
    for m in TICKET_TEXT.finditer(text):
        number = int(next(g for g in m.groups() if g))
        if number not in numbers:
            numbers.append(number)
    if not numbers and re.fullmatch(r"[\d\s,#]+", text.strip() or "x"):
        numbers = [int(n) for n in re.findall(r"\d+", text)]
    return numbers


def _title(text: str, limit: int = 90) -> str:
    """A change's title from its text: the first sentence, links as their text, at most `limit` chars."""
    plain = LINK.sub(lambda m: m.group(1), text.split("\n")[0])
    plain = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", plain)
    plain = re.sub(r"\{%.*?%\}", "", plain)
    plain = re.sub(r"\s*\((?:#\d+[,;\s]*)+\)", "", plain).strip()  # "(#590)": the tickets field says it
    sentence = re.split(r"(?<=[a-z0-9)\]])\.\s+(?=[A-Z])", plain, maxsplit=1)[0].rstrip(" .:")
    if len(sentence) > limit:
        sentence = sentence[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    return sentence or "Change"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _outside_code(lines):
    """The lines, with a line inside a fenced code block indented so that it is no heading."""
    fence = None
    for number, line in lines:
        marker = re.match(r"^\s*(```+|~~~+)", line)
        inside = fence is not None
        if marker:
            fence = None if fence and marker.group(1)[0] == fence else (fence or marker.group(1)[0])
        yield number, ("    " + line if inside and HEADING.match(line) else line)


def _dates(releases, date_order, notes):
    """Release dates become ISO dates, in one numeric order for the page (see `dates`)."""
    order, proof = (date_order, None) if date_order else numeric_order(r.date.text for r in releases if r.date)
    for release in releases:
        found = release.date
        if not found or found.problem == "placeholder":
            continue
        redone = find_date(found.text, order or "dmy")
        release.date = redone
        if redone.problem:
            notes.append(Note(release.line, f"{release.version}: '{found.text}' is not a date ({redone.problem})",
                              "Correct the date in release.yml (YYYY-MM-DD), or import with another --date-order."))
        elif redone.ambiguous and not order:
            notes.append(Note(release.line, f"{release.version}: '{found.text}' was read day first as "
                                            f"{redone.date.isoformat()}; nothing on the page says which comes first",
                              "Pass --date-order mdy if the month comes first."))
    undated = [r.version for r in releases if r.date is None and r.published]
    if undated:
        notes.append(Note(None, f"{len(undated)} release(s) have no date on the page ({', '.join(undated[:4])}"
                                f"{', …' if len(undated) > 4 else ''}); they were written with date: unknown",
                          "Write the day in release.yml (YYYY-MM-DD) where you know it."))
    if proof and not date_order:
        notes.append(Note(None, f"numeric dates were read {'day' if order == 'dmy' else 'month'} first, "
                                f"as '{proof}' can only be read that way",
                          "Pass --date-order to read them otherwise."))


def _areas(releases, areas, notes):
    """Section names become the site's capability areas where they match one closely."""
    if not areas:
        return
    missing = [c for r in releases for c in r.changes if not c.affects]
    if missing:
        notes.append(Note(missing[0].line, f"{len(missing)} change(s) name no capability area, from "
                                           f"'{_short(missing[0].title)}'",
                          f"Add affects: to them ({', '.join(areas)})."))
    for release in releases:
        for change in release.changes:
            mapped = []
            for area in change.affects:
                match = area if area in areas else closest(area, areas, cutoff=0.8)
                if match is None:
                    notes.append(Note(change.line, f"'{area}' is not a capability area of the site; kept as written",
                                      f"Known areas: {', '.join(areas)}."))
                mapped.append(match or area)
            change.affects = mapped
