"""Latent problems of a Jekyll site: broken URLs in navigation data that no written page shows.

A site rendered through its own layouts publishes a sidebar or topnav entry only where a layout
writes it; an entry that no page carries breaks nothing today, so it is its own warning,
`unused-data-link`, not a broken link — it turns into one the day a page shows that sidebar.
(In specsite's theme every sidebar entry is written into pages, and is checked as a link.)
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from .. import rules
from ..diagnostics import Diagnostic
from ..parse import Link
from .internal import SiteIndex, check_link


_URL_KEY = re.compile(r"""^[ \t]*(?:-[ \t]+)?(?:url|href|link|external_url)[ \t]*:[ \t]*(["']?)([^"'#\s][^"'\n]*?)\1[ \t]*$""",
                      re.M)


def _overridden(text: str, m) -> bool:
    """Whether the key matched by `m` is given again later in the same mapping (Psych, like
    PyYAML, keeps the last value: `url: /a.html` then `url: /b.html` is an entry for b.html only)."""
    line = m.group(0).lstrip("\n")
    key = line.lstrip(" \t-")
    column = len(line) - len(key)
    name = key.split(":", 1)[0].rstrip()
    for later in text[m.end():].split("\n")[1:]:
        body = later.lstrip(" ")
        if not body or body.startswith("#"):
            continue
        indent = len(later) - len(body)
        if indent < column or (indent == column and body.startswith("-")):
            return False  # (the mapping ended: an outer key, or the next item of the list)
        if indent == column and body.split(":", 1)[0].rstrip() == name:
            return True
    return False


def navigation_links(source: Path, data_files: dict) -> list[Link]:
    """`url:` (`href:`, `link:`) values of the sidebar and topnav data files, at their lines,
    read from the root of the site as the theme's navigation reads them."""
    links = []
    for name, rel in sorted(data_files.items()):
        if not (name.startswith("sidebars/") or name == "topnav"):
            continue
        try:
            text = (source / rel).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # reported where the data is loaded
        for m in _URL_KEY.finditer(text):
            if _overridden(text, m):
                continue  # (a key given twice in one mapping: YAML keeps the last value, Jekyll never sees this one)
            line = text.count("\n", 0, m.start(2)) + 1
            column = m.start(2) - (text.rfind("\n", 0, m.start(2)) + 1) + 1
            links.append(Link(m.group(2).strip(), rel, line, column, "a", ""))
    return links


def unused_data_links(source: Path, data_files: dict, layout_links, index: SiteIndex) -> list[Diagnostic]:
    """`data_files`: data name -> file; `layout_links`: the links written pages carry."""
    carried = {(link.path, link.line) for link in layout_links}
    findings = []
    for link in navigation_links(source, data_files):
        if (link.path, link.line) in carried:
            continue  # a page shows it: checked there, as that page's link
        finding = check_link(link, index)
        if finding is None:
            continue
        findings.append(dataclasses.replace(
            finding, rule="unused-data-link", severity=rules.severity("unused-data-link"),
            message=f"{finding.message} (no published page shows this entry, so nothing breaks yet)",
            hint=(finding.hint + " " if finding.hint and finding.hint.startswith("Did you") else "") + rules.RULES["unused-data-link"].fix))
    return findings
