"""Release notes as data: `releases/<version>/release.yml` plus one `<ticket>-<slug>.md` per change.

Loading validates the shape of every file (types, unknown keys, ticket numbers, dates) and
reports each problem at its file:line; a bad file is skipped, the rest still load.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostics, command_name, did_you_mean
from ..frontmatter import LineDict, YamlError, item_line, load_yaml, split
from ..paths import source_rel
from ..safety import OUTSIDE_HINT, refusal

RELEASE_KEYS = {"version": str, "date": (dt.date, str), "status": str, "introduction": str,
                "order": list, "title": str, "summary": str}
ENTRY_KEYS = {"title": str, "tickets": list, "affects": list, "impacts": list, "cosmetic": bool,
              "breaking": bool, "pages_changed": list, "profiles_changed": list}
PAGE_CHANGE_KEYS = {"link": str, "text": str, "changes": list}
STATUSES = ("draft", "published")
ENTRY_NAME = re.compile(r"^(\d+)-([a-z0-9][a-z0-9-]*)\.md$")
UNTICKETED_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*\.md$")  # an entry with `tickets: none`
NO_TICKET = "none"
VERSION = re.compile(r"^\d+(\.\d+)*([-.][0-9A-Za-z.]+)?$")


@dataclass(frozen=True)
class PageChange:
    """What an entry changed on one page, with the line that says so."""
    link: str
    text: str | None
    changes: tuple
    line: int | None  # line of `link:` in the entry file
    text_line: int | None = None
    change_lines: tuple = ()  # line of each bullet of `changes`


@dataclass(frozen=True)
class ReleaseEntry:
    """One release-notes entry file: its tickets, the pages it affects and how."""
    rel: str  # entry file, relative to the source folder
    title: str
    tickets: tuple
    affects: tuple
    impacts: tuple
    cosmetic: bool
    breaking: bool
    pages_changed: tuple
    profiles_changed: tuple
    body: str
    body_line: int
    meta: dict

    @property
    def anchor(self) -> str:
        return f"ticket-{self.tickets[0]}" if self.tickets else "change-" + Path(self.rel).stem

    def line_of(self, key: str) -> int | None:
        return getattr(self.meta, "key_lines", {}).get(key)


@dataclass(frozen=True)
class Release:
    """A release folder: release.yml and its entries."""
    version: str
    rel: str  # release.yml, relative to the source folder
    date: dt.date | None
    date_text: str | None  # the date as written when it is not a date
    status: str
    introduction: str
    introduction_line: int | None
    entries: tuple
    meta: dict = field(default_factory=dict)

    @property
    def draft(self) -> bool:
        return self.status != "published"

    @property
    def parts(self) -> tuple:
        """(major, minor, patch, suffix): `suffix` is what follows the three numbers ("rc_1" of
        1.0.0-rc.1, "4" of 1.2.3.4), so that 1.0.0 and 1.0.0-rc.1 get pages of their own."""
        core, suffix = _split_version(self.version)
        numbers = (core + [0, 0, 0])[:3]
        rest = [str(n) for n in core[3:]] + ([suffix] if suffix else [])
        return (*numbers, re.sub(r"[^0-9a-z]+", "_", "_".join(rest).lower()).strip("_"))

    @property
    def date_unknown(self) -> bool:
        """`date: unknown`: released, on a day nobody recorded (an imported old release)."""
        return self.date is None and str(self.meta.get("date") or "").strip().lower() == "unknown"

    def line_of(self, key: str) -> int | None:
        return getattr(self.meta, "key_lines", {}).get(key)


def _split_version(version: str) -> tuple[list, str]:
    """([numbers], suffix) of "2.7.2-Beta": ([2, 7, 2], "Beta")."""
    match = re.match(r"^(\d+(?:\.\d+)*)(.*)$", version)
    if not match:
        return [], version
    return [int(x) for x in match.group(1).split(".")], match.group(2).lstrip("-.")


def version_key(version: str):
    """Sort key: numbers first, then a pre-release before its release (1.0.0-rc.1 < 1.0.0)."""
    core, suffix = _split_version(version)
    labels = [(0, int(p), "") if p.isdigit() else (-1, 0, p.lower()) for p in re.split(r"[.-]", suffix) if p]
    return (core + [0] * (4 - len(core)), 0 if suffix else 1, labels)


def load_releases(source: Path, diags: Diagnostics, *, areas_required: bool = True,
                  unsafe: bool = False) -> list[Release]:
    """Every release under releases/; `areas_required`: an entry must name its capability areas
    (a site that configures `specsite.capabilities`)."""
    root = source / "releases"
    if not root.is_dir() or not _readable(source, root, diags, unsafe):
        return []
    releases = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if not _readable(source, folder, diags, unsafe) or not _is_release_folder(folder):
            continue  # a site's own content that happens to live under releases/
        release = load_release(source, folder, diags, areas_required, unsafe=unsafe)
        if release is not None:
            releases.append(release)
    releases.sort(key=lambda r: version_key(r.version), reverse=True)
    _duplicate_tickets(releases, diags)
    return releases


def _is_release_folder(folder: Path) -> bool:
    """A folder of release entries: it has a release.yml, or entry files (<ticket>-<slug>.md) with
    front matter naming tickets."""
    if (folder / "release.yml").is_file():
        return True
    for path in folder.glob("*.md"):
        if ENTRY_NAME.match(path.name) and refusal(path, folder, unsafe=True) is None:
            head = path.read_text(encoding="utf-8", errors="replace")[:2000]
            if head.startswith("---") and re.search(r"^tickets\s*:", head, re.M):
                return True
    return False


def _readable(source: Path, path: Path, diags: Diagnostics, unsafe: bool) -> bool:
    """Not a symlink leading outside the source (unless --unsafe), not a FIFO or device."""
    why = refusal(path, source, unsafe)
    if why is not None:
        outside = "outside" in why
        diags.warning(source_rel(path, source), None, "unsafe-path" if outside else "special-file", f"this {why}",
                      hint=OUTSIDE_HINT if outside else "Remove it from the release folder.")
    return why is None


def _entry_files(source: Path, folder: Path, diags: Diagnostics, unsafe: bool) -> list[Path]:
    return [p for p in sorted(folder.glob("*.md")) if _readable(source, p, diags, unsafe)]


def load_release(source: Path, folder: Path, diags: Diagnostics, areas_required: bool = True, *,
                 unsafe: bool = False) -> Release | None:
    yml = folder / "release.yml"
    rel = source_rel(yml, source)
    if not _readable(source, yml, diags, unsafe):
        return None
    if not yml.is_file():
        diags.error(source_rel(folder, source), None, "release-missing-file",
                    f"release folder '{folder.name}' has no release.yml",
                    hint=f"Create it with: {command_name()} release new {folder.name}")
        return None
    try:
        meta = load_yaml(yml.read_text(encoding="utf-8")) or LineDict()
    except UnicodeDecodeError:
        diags.error(rel, None, "encoding", "release.yml is not UTF-8 text", hint="Save it as UTF-8.")
        return None
    except YamlError as err:
        diags.error(rel, err.line, "release-yaml", err.message, column=err.column)
        for path in _entry_files(source, folder, diags, unsafe):  # the entries are still validated
            load_entry(source, path, diags, areas_required)
        return None
    if not isinstance(meta, dict):
        diags.error(rel, 1, "release-schema", "release.yml must be a mapping (version:, status:, …)")
        return None
    _check_keys(meta, RELEASE_KEYS, rel, diags)
    version = str(meta.get("version") or folder.name)
    if meta.get("version") is None:
        diags.error(rel, 1, "release-schema", "release.yml has no 'version'",
                    hint=f"Add: version: {folder.name}")
    elif str(meta["version"]) != folder.name:
        diags.error(rel, meta.key_lines.get("version"), "release-version",
                    f"version '{meta['version']}' does not match its folder 'releases/{folder.name}'",
                    hint="Rename the folder or correct the version.")
    if not VERSION.match(version):
        diags.error(rel, meta.key_lines.get("version"), "release-version",
                    f"'{version}' is not a version number like 1.2.3")
    status = str(meta.get("status") or "draft")
    if status not in STATUSES:
        diags.error(rel, meta.key_lines.get("status"), "release-schema",
                    f"status must be 'draft' or 'published', not '{status}'",
                    hint=did_you_mean(status, STATUSES))
        status = "draft"
    date, date_text = _date(meta.get("date"))
    if date_text is not None and not _looks_like_placeholder(date_text):
        diags.error(rel, meta.key_lines.get("date"), "release-date",
                    f"date '{date_text}' is not a date", hint="Write it as YYYY-MM-DD, e.g. 2019-03-12.")
    entries = [e for e in (load_entry(source, path, diags, areas_required)
                           for path in _entry_files(source, folder, diags, unsafe)) if e]
    entries = _ordered(entries, meta.get("order"), rel, meta, diags)
    intro = meta.get("introduction")
    return Release(version, rel, date, date_text, status, "" if intro is None else str(intro),
                   meta.key_lines.get("introduction"), tuple(entries), meta)


def _looks_like_placeholder(text: str) -> bool:
    return bool(re.search(r"\bX{2,}\b|TBC|TBD|TODO", text, re.I))


def _date(value):
    if value is None:
        return None, None
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    text = str(value).strip()
    if text.lower() == "unknown":
        return None, None
    # ISO dates only: "12/03/2019" means two different days in two countries
    try:
        return dt.datetime.strptime(text, "%Y-%m-%d").date(), None
    except ValueError:
        return None, text


def _ordered(entries, order, rel, meta, diags):
    """Entries in `order:` (file stems or ticket numbers), then the rest by file name. Linear in
    the entries: membership is by identity, not by comparing whole entries."""
    if not order or not isinstance(order, list):
        return sorted(entries, key=lambda e: (e.tickets[0] if e.tickets else 0, e.rel))
    by_key = {}
    for entry in entries:
        by_key[Path(entry.rel).stem] = entry
        for ticket in entry.tickets:
            by_key.setdefault(str(ticket), entry)
    result, placed = [], set()
    for index, item in enumerate(order):
        entry = by_key.get(str(item)) if isinstance(item, (str, int)) else None
        if entry is None:
            shown = str(item) if isinstance(item, (str, int, float)) else type(item).__name__
            diags.error(rel, item_line(order, index, meta.key_lines.get("order")), "release-order",
                        f"'order' names '{shown[:80]}', which is no entry of this release",
                        hint=did_you_mean(shown[:80], [Path(e.rel).stem for e in entries]))
        elif id(entry) not in placed:
            placed.add(id(entry))
            result.append(entry)
    result += [e for e in sorted(entries, key=lambda e: e.rel) if id(e) not in placed]
    return result


def load_entry(source: Path, path: Path, diags: Diagnostics, areas_required: bool = True) -> ReleaseEntry | None:
    rel = source_rel(path, source)
    name = ENTRY_NAME.match(path.name)
    try:
        parts = split(path.read_text(encoding="utf-8").replace("\r\n", "\n"))
    except UnicodeDecodeError:
        diags.error(rel, None, "encoding", "the entry is not UTF-8 text", hint="Save it as UTF-8.")
        return None
    except YamlError as err:
        diags.error(rel, err.line, "release-yaml", err.message, column=err.column)
        return None
    if parts.meta is None:
        diags.error(rel, 1, "release-schema", "an entry starts with front matter (title:, tickets:, affects:)",
                    hint="Did you forget the '---' lines around it?")
        return None
    meta = parts.meta
    unticketed = str(meta.get("tickets")).strip().lower() == NO_TICKET
    if not name and not (unticketed and UNTICKETED_NAME.match(path.name)):
        diags.error(rel, None, "release-filename",
                    f"'{path.name}' is not named <ticket>-<slug>.md",
                    hint="Name it after its first ticket, e.g. 601-amend-cancelled-appointment.md"
                    + (" (a change without a ticket: amend-cancelled-appointment.md)." if unticketed else "."))
    _check_keys(meta, ENTRY_KEYS, rel, diags)
    lines = meta.key_lines
    title = meta.get("title")
    if not title:
        diags.error(rel, meta.line, "release-schema", "entry has no 'title'")
    tickets = () if unticketed else _tickets(meta.get("tickets"), rel, lines.get("tickets") or meta.line, diags)
    if name and tickets and int(name.group(1)) not in tickets:
        diags.error(rel, lines.get("tickets"), "release-filename",
                    f"file name says ticket {name.group(1)} but tickets are {list(tickets)}")
    affects = _str_list(meta.get("affects"), "affects", rel, lines, diags, required=areas_required, line=meta.line)
    impacts = _str_list(meta.get("impacts"), "impacts", rel, lines, diags)
    changes = _page_changes(meta.get("pages_changed"), rel, lines, diags)
    profiles = _str_list(meta.get("profiles_changed"), "profiles_changed", rel, lines, diags)
    return ReleaseEntry(rel, str(title or Path(rel).stem), tickets, affects, impacts,
                        meta.get("cosmetic") is True, meta.get("breaking") is True, changes, profiles,
                        parts.body, parts.body_line, meta)


def _check_keys(meta, schema, rel, diags):
    for key, value in meta.items():
        line = meta.key_lines.get(key)
        if key not in schema:
            diags.error(rel, line, "release-unknown-key", f"unknown key '{key}'",
                        hint=did_you_mean(str(key), schema) or f"Known keys: {', '.join(schema)}.")
        elif value is not None and not isinstance(value, schema[key]) and \
                not (key == "tickets" and str(value).strip().lower() == NO_TICKET):
            types = schema[key] if isinstance(schema[key], tuple) else (schema[key],)
            names = " or ".join({"str": "text", "list": "list", "bool": "true/false",
                                 "date": "date"}.get(t.__name__, t.__name__) for t in types)
            diags.error(rel, line, "release-schema", f"'{key}' must be {names}, not {_kind(value)}")


def _kind(value) -> str:
    return {"str": "text", "list": "a list", "bool": "true/false", "int": "a number",
            "dict": "a mapping", "LineDict": "a mapping", "LineList": "a list",
            "float": "a number"}.get(type(value).__name__, type(value).__name__)


def _tickets(value, rel, line, diags) -> tuple:
    if value is None:
        diags.error(rel, line, "release-schema", "entry has no 'tickets'",
                    hint="Add: tickets: [601] (or tickets: none for a change without a ticket).")
        return ()
    if not isinstance(value, list):
        value = [value]
    if not value:
        diags.error(rel, line, "release-schema", "'tickets' is empty",
                    hint="Add the ticket numbers, e.g. [601] (or write tickets: none for a change without a ticket).")
    tickets = []
    for index, item in enumerate(value):
        text = str(item).lstrip("#")
        if isinstance(item, bool) or not text.isdigit():
            diags.error(rel, item_line(value, index, line), "release-ticket",
                        f"ticket '{item}' is not a number", hint="Write the issue number, e.g. 601.")
        else:
            tickets.append(int(text))
    return tuple(tickets)


def _str_list(value, key, rel, lines, diags, required=False, line=None) -> tuple:
    if value is None:
        if required:
            diags.error(rel, line, "release-schema", f"entry has no '{key}'",
                        hint=f"Add: {key}: [Core]")
        return ()
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    if not isinstance(value, list):
        return ()
    if required and not value:
        diags.error(rel, lines.get(key) or line, "release-schema", f"'{key}' is empty",
                    hint=f"Name at least one, e.g. {key}: [Core]")
    return tuple(str(v) for v in value if v is not None)


def _page_changes(value, rel, lines, diags) -> tuple:
    if value is None:
        return ()
    if not isinstance(value, list):
        return ()
    changes = []
    for item in value:
        if isinstance(item, str):
            changes.append(PageChange(item, None, (), getattr(value, "line", None)))
            continue
        if not isinstance(item, dict) or not item.get("link"):
            diags.error(rel, getattr(item, "line", lines.get("pages_changed")), "release-schema",
                        "each pages_changed item needs 'link: page.html#anchor'")
            continue
        _check_keys(item, PAGE_CHANGE_KEYS, rel, diags)
        bullets = item.get("changes") or []
        bullets = [bullets] if isinstance(bullets, str) else bullets if isinstance(bullets, list) else []
        bullet_lines = tuple(item_line(bullets, i, item.key_lines.get("changes")) for i in range(len(bullets)))
        changes.append(PageChange(str(item["link"]), None if item.get("text") is None else str(item["text"]),
                                  tuple(str(b) for b in bullets), item.key_lines.get("link"),
                                  item.key_lines.get("text"), bullet_lines))
    return tuple(changes)


def _duplicate_tickets(releases, diags):
    """A ticket claimed twice is reported at the second claim; published releases claim first, so
    that a draft that repeats a published ticket is the one reported (and a draft never blocks)."""
    claimed: dict = {}
    for release in sorted(releases, key=lambda r: r.draft):
        for entry in release.entries:
            for ticket in entry.tickets:
                if ticket in claimed and claimed[ticket] != entry.rel:
                    diags.error(entry.rel, entry.line_of("tickets"), "release-duplicate-ticket",
                                f"ticket {ticket} is also claimed by {claimed[ticket]}",
                                hint="One change, one entry: merge them or correct the number.")
                else:
                    claimed[ticket] = entry.rel
