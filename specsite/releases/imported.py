"""What `release import` reads from a page: releases, changes and notes, and the text helpers that
both page shapes (a release page, a history page) share."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import FoundDate

HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
FIELD = re.compile(r"^\*\*([A-Za-z ]+?):?\*\*:?(?:&nbsp;|\s)*(.*)$")
FIELDS = ("tickets", "affects", "impacts", "description", "pages changed", "profiles changed")
LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
ONLY_LINK = re.compile(r"^\s*(?:\*\*)?\[([^\]]+)\]\(\s*([^)\s]*)\s*\)(?:\*\*)?\s*:?\s*$")
# a version heading: "2.0.4-live Released: 22-06-21", "v1.2", "GP Connect 1.0.0-rc.1 (Released: 17 July 2017)"
VERSION_HEAD = re.compile(r"^(?:[A-Za-z][\w&-]*\s+){0,3}?v?(\d+(?:\.\d+){1,3}(?:-[0-9A-Za-z][0-9A-Za-z.]*)?)\b(.*)$",
                          re.I)
ITEM = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$")
COSMETIC = re.compile(r"\s*\*?\(cosmetic\)\*?\s*$", re.I)
RULE = re.compile(r"^\s*(---+|\*\*\*+|___+)\s*$")
TICKET_TEXT = re.compile(r"(?<![\w&/#.])#(\d+)\b|\btickets?\s+#?(\d+)\b|/issues/(\d+)\b", re.I)


@dataclass(frozen=True)
class Note:
    """Something the import could not map, at a line of the imported file."""
    line: int | None
    message: str
    hint: str | None = None


@dataclass
class Change:
    """One change as it is read (mutable: a page gives its fields line by line)."""
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
    """One release of the page; `published` unless the page gives no real date for it."""
    version: str
    line: int
    date: FoundDate | None = None
    date_line: int | None = None  # where the date is written, when not on the release's own heading line
    introduction: list = field(default_factory=list)
    changes: list = field(default_factory=list)
    published: bool = True


@dataclass
class ImportedPage:
    """What `read_page` found: the releases, the notes for the import summary, and the shape."""
    releases: list
    notes: list
    shape: str  # "release page" | "history page"


def tickets_in(text: str) -> list:
    numbers = []
    for m in TICKET_TEXT.finditer(text):
        number = int(next(g for g in m.groups() if g))
        if number not in numbers:
            numbers.append(number)
    if not numbers and re.fullmatch(r"[\d\s,#]+", text.strip() or "x"):
        numbers = [int(n) for n in re.findall(r"\d+", text)]
    return numbers


def title_of(text: str, limit: int = 90) -> str:
    """A change's title from its text: the first sentence, links as their text, at most `limit` chars."""
    plain = LINK.sub(lambda m: m.group(1), text.split("\n")[0])
    plain = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", plain)
    plain = re.sub(r"\{%.*?%\}", "", plain)
    plain = re.sub(r"\s*\((?:#\d+[,;\s]*)+\)", "", plain).strip()  # "(#590)": the tickets field says it
    sentence = re.split(r"(?<=[a-z0-9)\]])\.\s+(?=[A-Z])", plain, maxsplit=1)[0].rstrip(" .:")
    if len(sentence) > limit:
        sentence = sentence[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    return sentence or "Change"


def short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def outside_code(lines):
    """The lines, with a line inside a fenced code block indented so that it is no heading."""
    fence = None
    for number, line in lines:
        marker = re.match(r"^\s*(```+|~~~+)", line)
        inside = fence is not None
        if marker:
            fence = None if fence and marker.group(1)[0] == fence else (fence or marker.group(1)[0])
        yield number, ("    " + line if inside and HEADING.match(line) else line)
