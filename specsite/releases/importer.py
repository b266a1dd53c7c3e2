"""`release import`: a hand-written release-notes page (the shape of GP Connect's) → entries.

The page is read line by line: `## Introduction`, `## <version> changes`, then one block per
change between `---` rules with `### Title`, `**Tickets**`, `**Affects:**`, `**Impacts:**`,
`**Description:**` and `**Pages changed:**`. Text is kept as written, defects included, so
that `release check` can point at them.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..frontmatter import split

FIELD = re.compile(r"^\*\*([A-Za-z ]+?):?\*\*:?(?:&nbsp;|\s)*(.*)$")
HEADING = re.compile(r"^(#{2,4})\s+(.*?)\s*#*\s*$")
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
COSMETIC = re.compile(r"\s*\*?\(cosmetic\)\*?\s*$", re.I)


class ImportError_(Exception):
    pass


@dataclass
class ImportedEntry:
    title: str
    cosmetic: bool = False
    tickets: list = field(default_factory=list)
    affects: list = field(default_factory=list)
    impacts: list = field(default_factory=list)
    description: list = field(default_factory=list)
    pages: list = field(default_factory=list)  # [{"link", "text", "changes"}]
    profiles: list = field(default_factory=list)


def parse_release_page(text: str):
    """(meta, introduction, entries) of a release-notes page."""
    parts = split(text.replace("\r\n", "\n"))
    meta = dict(parts.meta or {})
    section = None
    intro: list = []
    entries: list[ImportedEntry] = []
    current: ImportedEntry | None = None
    field_name = None
    for line in parts.body.split("\n"):
        heading = HEADING.match(line)
        if heading and len(heading.group(1)) == 2:
            section = "intro" if heading.group(2).lower().startswith("introduction") else "changes"
            current = None
            continue
        if section == "intro":
            intro.append(line)
            continue
        if section != "changes":
            continue
        if heading:
            title = heading.group(2)
            cosmetic = bool(COSMETIC.search(title))
            current = ImportedEntry(COSMETIC.sub("", title).strip(), cosmetic)
            entries.append(current)
            field_name = None
            continue
        if current is None or re.match(r"^\s*(---+|\*\*\*+)\s*$", line):
            continue
        m = FIELD.match(line.strip())
        if m and m.group(1).strip().lower() in ("tickets", "affects", "impacts", "description",
                                                "pages changed", "profiles changed"):
            field_name = m.group(1).strip().lower()
            _field(current, field_name, m.group(2))
            continue
        if field_name == "description":
            current.description.append(line)
        elif field_name == "pages changed":
            _page_line(current, line)
        elif field_name == "profiles changed" and line.strip().startswith(("-", "*")):
            current.profiles.append(line.strip()[1:].strip())
    return meta, "\n".join(intro).strip(), entries


def _field(entry, name, value):
    value = value.strip()
    if name == "tickets":
        entry.tickets = [int(n) for n in re.findall(r"#?(\d+)\]", value)] or \
            [int(n) for n in re.findall(r"\d+", value)]
    elif name == "affects":
        entry.affects = [v.strip() for v in value.split(",") if v.strip()]
    elif name == "impacts":
        entry.impacts = [v.strip() for v in value.split(",") if v.strip()]


def _page_line(entry, line):
    stripped = line.strip()
    if not stripped.startswith(("-", "*")):
        return
    nested = len(line) - len(line.lstrip()) >= 2
    content = stripped[1:].strip()
    link = LINK.search(content)
    if not nested and link:
        entry.pages.append({"link": link.group(2), "text": link.group(1), "changes": []})
    elif entry.pages:
        entry.pages[-1]["changes"].append(content)


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


def import_page(text: str, version: str, target: Path) -> list[Path]:
    """Write releases/<version>/ from a release-notes page; returns the files written."""
    meta, intro, entries = parse_release_page(text)
    if not entries:
        raise ImportError_("no changes found: expected '### Title' blocks under '## <version> changes'")
    if target.exists() and any(target.iterdir()):
        raise ImportError_(f"{target} already exists; import into a new version or remove it first")
    target.mkdir(parents=True, exist_ok=True)
    summary = str(meta.get("summary") or "")
    date = re.search(r"released on (.+)$", summary)
    release = {"version": version, "status": "draft"}
    if date:
        written = date.group(1).strip()
        try:  # a real date becomes ISO; a placeholder stays as written, for `release check`
            written = dt.datetime.strptime(written, "%d %b %Y").date()
        except ValueError:
            pass
        release["date"] = written
    release["introduction"] = intro + "\n" if "\n" in intro else intro
    written = []
    order = []
    for entry in entries:
        stem = f"{entry.tickets[0] if entry.tickets else 0}-{slug(entry.title)}"
        order.append(stem)
        front = {"title": entry.title, "tickets": entry.tickets, "affects": entry.affects}
        if entry.impacts:
            front["impacts"] = entry.impacts
        if entry.cosmetic:
            front["cosmetic"] = True
        if entry.pages:
            front["pages_changed"] = [{k: v for k, v in p.items() if v or k == "link"} for p in entry.pages]
        if entry.profiles:
            front["profiles_changed"] = entry.profiles
        body = "\n".join(entry.description).strip("\n") + "\n"
        path = target / f"{stem}.md"
        path.write_text(f"---\n{dump(front)}---\n\n{body}", encoding="utf-8")
        written.append(path)
    release["order"] = order
    yml = target / "release.yml"
    yml.write_text(dump(release), encoding="utf-8")
    return [yml] + written
