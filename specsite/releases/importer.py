"""`release import`: hand-written release notes, in the shapes real teams write them, → releases.

Two shapes are read. A *release page* (GP Connect's): `## Introduction`, `## <version> changes`,
optional per-area `##` sections, and one `### Title` block per change with `**Tickets:**`,
`**Affects:**`, `**Description:**`, `**Pages changed:**` lines. A *history page*: one heading
per version (`## 2.0.4-live Released: 22-06-21 ##`, `### 1.3.3-beta`, `## 2.15.0 (23/01/2025)`),
each followed by bullets (one change each), by `[Page](page.html)` lines with the bullets that
changed that page, or by a paragraph and the pages it concerns (read by `history_page`). Text is
kept as written; what has no field of its own stays in the entry's description and is listed as
a note.
"""
from __future__ import annotations

import re

from ..diagnostics import closest
from ..frontmatter import YamlError, split
from .dates import FoundDate, find_date, numeric_order
from .history_page import read_history
from .imported import (FIELD, FIELDS, HEADING, ITEM, LINK, RULE, COSMETIC, VERSION_HEAD, Change, ImportedPage,
                       ImportedRelease, Note, outside_code, short, tickets_in)

class UnimportablePage(Exception):
    """The page cannot be imported at all (the message says why and what to do), at `line` if known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def read_page(text: str, *, version: str | None = None, date_order: str | None = None,
              areas=()) -> ImportedPage:
    """Every release on a release-notes page. `version`: the version of a release page that does not
    say it; `areas`: the site's capability areas (section names are matched to them)."""
    try:
        parts = split(text.replace("\r\n", "\n"))
    except YamlError as err:
        raise UnimportablePage(f"the front matter cannot be read: {err.message}", err.line) from None
    meta = dict(parts.meta or {})
    lines = [(parts.body_line + i, line) for i, line in enumerate(parts.body.split("\n"))]
    notes: list[Note] = []
    if any((m := FIELD.match(line.strip())) and m.group(1).strip().lower() in ("tickets", "description")
           for _, line in lines):
        release = _release_page(meta, lines, version, notes)
        release.date_line = getattr(parts.meta, "key_lines", {}).get("summary")  # "… released on <date>"
        releases, shape = [release], "release page"
    else:
        releases, shape = read_history(lines, notes), "history page"
    if not releases:
        raise UnimportablePage("no releases found: expected '### Title' blocks with **Tickets:** lines under "
                           "'## <version> changes', or one heading per version ('## 1.2.3 (12 Mar 2019)')")
    seen: dict = {}
    for release in releases:
        if release.version in seen:
            raise UnimportablePage(f"version {release.version} has two sections (lines {seen[release.version]} and "
                               f"{release.line}); merge them, then import again", release.line)
        seen[release.version] = release.line
    _dates(releases, date_order, notes)
    _areas(releases, list(areas), notes)
    return ImportedPage(releases, notes, shape)


# -- a release page ---------------------------------------------------------------------------------


def _release_page(meta, lines, version, notes) -> ImportedRelease:
    found = version or _version_of(meta, lines)
    if not found:
        raise UnimportablePage("the page does not say which version it describes: pass --version, e.g. --version 1.2.3")
    release = ImportedRelease(found, lines[0][0] if lines else 1)
    section, area, current, field_name = None, None, None, None
    for number, line in outside_code(lines):
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
                notes.append(Note(number, f"text outside any change was not imported: '{short(line)}'",
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
            change.tickets = tickets_in(value)
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
            notes.append(Note(number, f"'{short(line)}' under Profiles changed was kept in the description",
                              "Write it as a '- ' bullet of Profiles changed."))
            change.description.append(line.strip())
    return field_name


def _page_line(change, line, number, notes):
    item = ITEM.match(line)
    if not item:
        notes.append(Note(number, f"'{short(line)}' under Pages changed was kept in the description",
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
        notes.append(Note(number, f"'{short(line)}' names no page; it was kept in the description",
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


def _dates(releases, date_order, notes):
    """Release dates become ISO dates, in one numeric order for the page (see `dates`)."""
    order, proof = (date_order, None) if date_order else numeric_order(r.date.text for r in releases if r.date)
    for release in releases:
        found = release.date
        if found and found.problem == "placeholder":
            notes.append(Note(release.date_line or release.line,
                              f"{release.version}: the release date '{found.text}' is no date yet, so the "
                              "release was imported as a draft",
                              "Write the date in release.yml (YYYY-MM-DD) and set status: published when it ships."))
        if not found or found.problem == "placeholder":
            continue
        redone = find_date(found.text, order or "dmy")
        release.date = redone
        if redone.problem:
            notes.append(Note(release.date_line or release.line,
                              f"{release.version}: '{found.text}' is not a date ({redone.problem})",
                              "Correct the date in release.yml (YYYY-MM-DD), or import with another --date-order."))
        elif redone.ambiguous and not order:
            notes.append(Note(release.date_line or release.line,
                              f"{release.version}: '{found.text}' was read day first as "
                              f"{redone.date.isoformat()}; nothing on the page says which comes first",
                              "Pass --date-order mdy if the month comes first."))
    undated = [r.version for r in releases if r.date is None and r.published]
    if undated:  # at the first of them (its heading)
        first = next(r.line for r in releases if r.date is None and r.published)
        notes.append(Note(first, f"{len(undated)} release(s) have no date on the page ({', '.join(undated[:4])}"
                                f"{', …' if len(undated) > 4 else ''}); they were written with date: unknown",
                          "Write the day in release.yml (YYYY-MM-DD) where you know it."))
    if proof and not date_order:  # at the release whose date proves it
        where = next((r.date_line or r.line for r in releases if r.date and proof in r.date.text), None)
        notes.append(Note(where, f"numeric dates were read {'day' if order == 'dmy' else 'month'} first, "
                                f"as '{proof}' can only be read that way",
                          "Pass --date-order to read them otherwise."))


def _areas(releases, areas, notes):
    """Section names become the site's capability areas where they match one closely."""
    if not areas:
        return
    missing = [c for r in releases for c in r.changes if not c.affects]
    if missing:
        notes.append(Note(missing[0].line, f"{len(missing)} change(s) name no capability area, from "
                                           f"'{short(missing[0].title)}'",
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
