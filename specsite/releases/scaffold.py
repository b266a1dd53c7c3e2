"""Writing release files: imported releases, and the checks `release new`/`add` make before they write.

Scaffolds are validated as they are written (capability areas, tickets already claimed, pages and
anchors that exist), so that a mistake is refused with a did-you-mean at once rather than found by
a later `release check`; placeholders they write (`TODO`) are warnings of a draft, never errors.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..diagnostics import Diagnostics, closest, did_you_mean
from .model import ENTRY_NAME, VERSION, load_releases


class ScaffoldError(Exception):
    """Refused: the message says what is wrong, the hint how to fix it."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message, self.hint = message, hint


def slug(title: str, words: int = 6) -> str:
    parts = re.findall(r"[a-z0-9]+", title.lower())
    return "-".join(parts[:words]) or "change"


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _list(dumper, value):
    flow = all(isinstance(v, (int, float)) or (isinstance(v, str) and "\n" not in v) for v in value) \
        and len(str(value)) < 60
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(list, _list)


def dump(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)


# -- import ---------------------------------------------------------------------------------------


def write_import(page, releases_root: Path, status: str | None = None) -> list[Path]:
    """Write releases/<version>/ for every release of an ImportedPage; nothing when one of the
    folders already has files (an import never overwrites)."""
    for release in page.releases:
        if not VERSION.match(release.version):
            raise ScaffoldError(f"'{release.version}' is not a version number like 1.2.3",
                                "Pass --version with the release's version.")
        folder = releases_root / release.version
        if folder.exists() and any(folder.iterdir()):
            raise ScaffoldError(f"{folder} already exists",
                                "Import into a new version, or remove the folder first.")
    written = []
    for release in page.releases:
        written += _write_release(release, releases_root / release.version, status)
    return written


def _write_release(release, folder: Path, status) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    data = {"version": release.version, "status": status or ("published" if release.published else "draft")}
    if release.date is not None:
        data["date"] = release.date.date if release.date.date else release.date.text
    elif release.published:
        data["date"] = "unknown"
    intro = "\n".join(release.introduction).strip()
    if intro or not release.changes:
        data["introduction"] = intro + "\n" if "\n" in intro else intro
    files, order, taken = [], [], set()
    for change in release.changes:
        base = f"{change.tickets[0]}-{slug(change.title)}" if change.tickets else slug(change.title)
        if not change.tickets and ENTRY_NAME.match(base + ".md"):
            base = "change-" + base  # "2-0-release.md" would read as ticket 2
        stem, n = base, 2
        while stem in taken:
            stem, n = f"{base}-{n}", n + 1
        taken.add(stem)
        order.append(stem)
        path = folder / f"{stem}.md"
        path.write_text(_entry_text(change), encoding="utf-8")
        files.append(path)
    data["order"] = order
    yml = folder / "release.yml"
    yml.write_text(dump(data), encoding="utf-8")
    return [yml] + files


def _entry_text(change) -> str:
    front = {"title": change.title, "tickets": change.tickets if change.tickets else "none"}
    if change.affects:
        front["affects"] = change.affects
    if change.impacts:
        front["impacts"] = change.impacts
    if change.cosmetic:
        front["cosmetic"] = True
    if change.breaking:
        front["breaking"] = True
    if change.pages:
        front["pages_changed"] = [{k: v for k, v in p.items() if k != "group" and (v or k == "link")}
                                  for p in change.pages]
    if change.profiles:
        front["profiles_changed"] = change.profiles
    body = "\n".join(change.description).strip("\n") + "\n"
    return f"---\n{dump(front)}---\n\n{body}"


# -- new and add ----------------------------------------------------------------------------------


def check_areas(areas, known) -> None:
    for area in areas:
        if known and area not in known:
            raise ScaffoldError(f"unknown capability area '{area}'",
                                did_you_mean(area, known) or f"Known areas: {', '.join(known)}.")


def check_tickets(source: Path, tickets) -> None:
    """A ticket another entry already claims is refused, naming that entry."""
    claimed = {}
    for release in load_releases(source, Diagnostics(), areas_required=False):
        for entry in release.entries:
            for ticket in entry.tickets:
                claimed.setdefault(ticket, entry.rel)
    for ticket in tickets:
        if ticket in claimed:
            raise ScaffoldError(f"ticket {ticket} is already claimed by {claimed[ticket]}",
                                "One change, one entry: edit that entry, or correct the number.")


def check_pages(site, links) -> None:
    """Every `--page page.html#anchor` names a page of the site and an id on it."""
    index = site.index
    pages = sorted(url for url in index.ids)
    for link in links:
        page, _, anchor = link.partition("#")
        if page not in index.files:
            raise ScaffoldError(f"--page {link}: the site has no page '{page}'",
                                did_you_mean(page, pages) or "Name an existing page, e.g. index.html.")
        ids = index.ids.get(page, set())
        if anchor and anchor not in ids:
            near = closest(anchor, sorted(ids))
            raise ScaffoldError(f"--page {link}: {page} has no anchor '#{anchor}'",
                                f"Did you mean '{page}#{near}'?" if near else f"Link the page without an anchor: {page}.")
