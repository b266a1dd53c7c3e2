"""Content rules for release notes that need the whole site: placeholders, link text that names
another page, unknown capability areas, versions that disagree."""
from __future__ import annotations

import html
import re

from rapidfuzz import fuzz

from ..diagnostics import (
    ERROR,
    WARNING,
    Diagnostic,
    closest,
    command_name,
    did_you_mean,
    source_option,
)
from .model import Release, version_key

PLACEHOLDER = re.compile(r"\b(TODO|TBC|TBD|FIXME)\b|\bX{2,}(?=[\s/-]|\b)|\b\d{4}-XX-XX\b", re.IGNORECASE)
MD_LINK = re.compile(r"(?<!!)\[([^\]\n]+)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
VERSION_CLAIM = re.compile(r"\bversion\b[^.\n]*?\bto\s+v?(\d+\.\d+\.\d+)\b|\bto\s+v?(\d+\.\d+\.\d+)\b[^.\n]*\bversion\b",
                           re.IGNORECASE)
# "technically breaking", "is breaking", "a breaking change" — not "non-breaking", "no breaking changes",
# "not breaking", nor the verb ("without breaking existing consumers", "is breaking the build")
BREAKING = re.compile(r"(?<![\w-])(?<!\bnon-)(?<!\bnon )(?<!\bno )(?<!\bnot )breaking(?=\s+changes?\b)"
                      r"|\b(?:is|are|was|be|being)\s+(?:\w+ly\s+)?breaking\b"
                      r"(?!\s+(?!(?:changes?|against|for|to|with|in|on)\b)\w)",
                      re.IGNORECASE)


def lint(site, releases, *, titles: dict, names: dict, headings: dict) -> list[Diagnostic]:
    """`titles`: url -> title; `names`: url -> other names (nav titles, keywords);
    `headings`: url -> {id: heading text}."""
    config = site.config
    root = _FileLines(config.source)  # each file read once per lint, for placeholder columns
    findings: list[Diagnostic] = []
    areas = list(config.options.get("capabilities") or [])
    for release in releases:
        level = WARNING if release.draft else ERROR
        findings += _release_fields(release, level, root)
        for entry in release.entries:
            findings += _areas(entry, areas, level, release)
            findings += _placeholders(entry.rel, entry.body, entry.body_line, level, release, root)
            findings += _placeholders(entry.rel, entry.title, entry.line_of("title"), level, release, root)
            if not entry.body.strip():
                findings.append(Diagnostic(entry.rel, entry.body_line, None, "release-empty", level,
                                           "the description is empty", "Say what changed and why."))
            for change in entry.pages_changed:
                if change.text is not None:
                    findings += _link_text(entry.rel, change.text_line or change.line, None, change.text, change.link,
                                           titles, names, headings)
                for index, bullet in enumerate(change.changes):
                    line = change.change_lines[index] if index < len(change.change_lines) else change.line
                    findings += _placeholders(entry.rel, bullet, line, level, release, root)
            for line, col, text, target in _md_links(entry.body, entry.body_line):
                findings += _link_text(entry.rel, line, col, text, target, titles, names, headings)
            findings += _version_claims(entry, release)
            findings += _unmarked_breaking(entry)
        intro_line = (release.introduction_line or 1) + (1 if "\n" in release.introduction else 0)
        for line, col, text, target in _md_links(release.introduction, intro_line):
            findings += _link_text(release.rel, line, col, text, target, titles, names, headings)
    findings += _site_version(config, releases)
    return findings


def _release_fields(release: Release, level, root: _FileLines | None = None) -> list[Diagnostic]:
    out = []
    line = release.line_of("date")
    if release.date_text is not None and PLACEHOLDER.search(release.date_text):
        out.append(Diagnostic(release.rel, line, None, "release-placeholder", level,
                              f"the release date is a placeholder: '{release.date_text}'",
                              "Write the release date as YYYY-MM-DD."))
    elif release.date is None and release.date_text is None and not release.draft and not release.date_unknown:
        out.append(Diagnostic(release.rel, line or 1, None, "release-date", ERROR,
                              "a published release needs a date",
                              "Add: date: YYYY-MM-DD (or date: unknown for an old release whose day was never recorded)."))
    intro = release.introduction.strip()
    intro_line = release.line_of("introduction") or 1
    if not intro and "introduction" in release.meta:  # absent: an imported release that had none
        out.append(Diagnostic(release.rel, intro_line, None, "release-empty", level,
                              "the introduction is empty", "Summarise the release in a sentence or two."))
    else:
        first = intro_line + (1 if "\n" in release.introduction else 0)
        out += _placeholders(release.rel, release.introduction, first, level, release, root)
    if not release.entries:
        out.append(Diagnostic(release.rel, 1, None, "release-empty", level,
                              "the release has no change entries",
                              f"Add one: {command_name()} release add {release.version} --ticket N --title …"
                              f"{source_option(root.root)}"))
    return out


def _areas(entry, areas, level, release) -> list[Diagnostic]:
    if not areas:
        return []
    out = []
    for area in entry.affects:
        if PLACEHOLDER.fullmatch(area.strip()):  # a scaffold's `affects: [TODO]`
            out.append(Diagnostic(entry.rel, entry.line_of("affects"), None, "release-placeholder", level,
                                  f"placeholder '{area}' left in a {release.status} release",
                                  f"Name the capability areas it affects: {', '.join(areas)}."))
        elif area not in areas:
            out.append(Diagnostic(entry.rel, entry.line_of("affects"), None, "release-unknown-area", ERROR,
                                  f"unknown capability area '{area}'",
                                  did_you_mean(area, areas) or f"Known areas: {', '.join(areas)}."))
    return out


class _FileLines:
    """The lines of the source files, each read once per `lint` call."""

    def __init__(self, root):
        self.root = root
        self.known: dict = {}

    def __call__(self, rel) -> list:
        if rel not in self.known:
            try:
                self.known[rel] = (self.root / rel).read_text(encoding="utf-8").split("\n")
            except OSError:
                self.known[rel] = []
        return self.known[rel]


def _placeholders(rel, text, first_line, level, release, root: _FileLines | None = None) -> list[Diagnostic]:
    """Placeholders in `text`, which starts at `first_line` of `rel`; columns from the file itself
    (a YAML value does not start at column 1)."""
    out = []
    if not text:
        return out
    file_lines = root(rel) if root is not None else []
    for number, line in enumerate(text.split("\n")):
        at = (first_line or 1) + number
        source = file_lines[at - 1] if 0 < at <= len(file_lines) else None
        seen: dict = {}
        for m in PLACEHOLDER.finditer(line):
            col = m.start() + 1
            nth = seen[m.group(0)] = seen.get(m.group(0), -1) + 1
            if source is not None:
                at_col = -1
                for _ in range(nth + 1):  # the n-th occurrence in the text is the n-th in the file line
                    at_col = source.find(m.group(0), at_col + 1)
                col = at_col + 1 if at_col >= 0 else col
            out.append(Diagnostic(rel, at, col, "release-placeholder", level,
                                  f"placeholder '{m.group(0)}' left in a {release.status} release",
                                  "Replace it with the final text before publishing."))
    return out


def _md_links(text: str, first_line: int):
    for number, line in enumerate((text or "").split("\n")):
        for m in MD_LINK.finditer(line):
            yield (first_line or 1) + number, m.start() + 1, m.group(1), m.group(2)


def _norm(text: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", "", text)).lower()
    text = re.sub(r"[®©™*_`]", "", text)
    return re.sub(r"[^\w]+", " ", text).strip()


GENERIC_TEXT = frozenset({"here", "this", "link", "this link", "this page", "more", "read more", "click here",
                          "details", "see", "see here", "page", "the page", "documentation", "the documentation"})


def _link_text(rel, line, col, text, target, titles, names, headings) -> list[Diagnostic]:
    page, _, fragment = target.partition("#")
    if re.match(r"^[a-z]+:", page) or page not in titles:
        return []  # external, or a missing page (the link checker reports that)
    wanted = _norm(text)
    if wanted in GENERIC_TEXT:
        return []  # "see [here](x.html)" names no page at all, so it cannot name the wrong one
    candidates = [titles[page]] + list(names.get(page, ())) + list(headings.get(page, {}).values())
    if fragment and fragment in headings.get(page, {}):
        candidates.append(headings[page][fragment])
    if any(fuzz.token_set_ratio(wanted, _norm(c)) >= 85 for c in candidates if c):
        return []
    other = closest(wanted, {_norm(t): u for u, t in titles.items() if u != page}, cutoff=0.85)
    hint = f"Write its title: '{html.unescape(titles[page])}'."
    if other:
        url = next(u for u, t in titles.items() if _norm(t) == other)
        hint = f"'{text}' is the title of {url}: link there, or write '{html.unescape(titles[page])}'."
    return [Diagnostic(rel, line, col, "release-link-text", WARNING,
                       f"link text '{text}' names a different page than {page} "
                       f"('{html.unescape(titles[page])}')", hint, target)]


def _version_claims(entry, release) -> list[Diagnostic]:
    out = []
    for number, line in enumerate([entry.title] + entry.body.split("\n")):
        for m in VERSION_CLAIM.finditer(line):
            claimed = m.group(1) or m.group(2)
            if claimed != release.version:
                where = entry.line_of("title") if number == 0 else entry.body_line + number - 1
                out.append(Diagnostic(entry.rel, where, None, "release-version", WARNING,
                                      f"the change sets version {claimed}, but it is part of release "
                                      f"{release.version}", "Correct the version or move the entry."))
    return out


def _unmarked_breaking(entry) -> list[Diagnostic]:
    """A description that says the change breaks the previous specification, in an entry whose
    front matter does not say `breaking: true`: its release page would not mark it (the seed's
    601, "technically breaking against the previous specification")."""
    if entry.breaking:
        return []
    for number, line in enumerate(entry.body.split("\n")):
        m = BREAKING.search(line)
        if m:
            return [Diagnostic(entry.rel, entry.body_line + number, m.start() + 1, "release-breaking", WARNING,
                               f"the description calls the change breaking ('{m.group(0)}'), but the entry is "
                               "not marked breaking, so its release page does not say so",
                               "Add `breaking: true` to its front matter, or reword the description.")]
    return []


def _site_version(config, releases) -> list[Diagnostic]:
    published = [r for r in releases if not r.draft]
    if not published or config.version is None:
        return []
    newest = max(published, key=lambda r: version_key(r.version))
    if newest.version == config.version:
        return []
    line = config.key_lines.get("version")
    pending = next((r for r in releases if r.draft and r.version == config.version), None)
    if pending is not None:  # the site's release is written but not out yet (an imported draft, say)
        return [Diagnostic(config.config_file or "_config.yml", line, None, "release-version", ERROR,
                           f"the site declares version {config.version}, but release {config.version} is a "
                           f"draft (the newest published release is {newest.version})",
                           f"Publish it when it ships (status: published in {pending.rel}), or set version: "
                           f"{newest.version} in _config.yml until then.")]
    return [Diagnostic(config.config_file or "_config.yml", line, None, "release-version", ERROR,
                       f"the site declares version {config.version}, but the newest published release "
                       f"is {newest.version}",
                       f"Set version: {newest.version} in _config.yml, or mark release {newest.version} "
                       "as draft.")]
