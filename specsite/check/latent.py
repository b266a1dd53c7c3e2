"""Latent problems of a Jekyll site: broken URLs in navigation data that no written page shows.

A site rendered through its own layouts publishes a sidebar or topnav entry only where a layout
writes it; an entry that no page carries breaks nothing today, so it is its own warning,
`unused-data-link`, not a broken link — it turns into one the day a page shows that sidebar.
(In specsite's theme every sidebar entry is written into pages, and is checked as a link.)
"""
from __future__ import annotations

import dataclasses

from .. import rules
from ..diagnostics import Diagnostic
from .internal import SiteIndex, check_link


def unused_data_links(data: dict, data_files: dict, layout_links, index: SiteIndex) -> list[Diagnostic]:
    """`data`: site.data; `data_files`: data name -> file; `layout_links`: what pages carry."""
    from ..theme import build_sidebar, build_topnav
    links = []
    sidebars = data.get("sidebars") if isinstance(data.get("sidebars"), dict) else {}
    for name, value in sidebars.items():
        links += build_sidebar(name, value, data_files.get(f"sidebars/{name}", f"_data/sidebars/{name}.yml"))[1]
    if "topnav" in data:
        links += build_topnav(data.get("topnav"), data_files.get("topnav", "_data/topnav.yml"))[1]
    carried = {(link.path, link.line) for link in layout_links}
    written = {(link.path, link.target) for link in layout_links}
    findings = []
    for link in links:
        if (link.path, link.line) in carried or (link.path, link.target) in written:
            continue  # a page shows it: checked there, as the page's broken link
        finding = check_link(link, index)
        if finding is None or finding.rule == "duplicate-id":
            continue
        findings.append(dataclasses.replace(
            finding, rule="unused-data-link", severity=rules.severity("unused-data-link"),
            message=f"{finding.message} (no published page shows this entry, so nothing breaks yet)",
            hint=(finding.hint + " " if finding.hint else "") + rules.RULES["unused-data-link"].fix))
    return findings
