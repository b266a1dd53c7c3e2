"""One entry per broken line for people: the findings a layout or include line gives on pages in
many folders, which every tool report keeps one by one.

A relative link in `_includes/head.html:36` resolves from each page's folder, so it is a
different missing path (and a finding of its own) in every folder:

    _includes/head.html:36:81 broken-link 'docs.x/feed.xml'          (on 57 pages: index.html, …)
    _includes/head.html:36:81 broken-link 'news/docs.x/feed.xml'     (on news/index.html)

The text report shows them as one entry: the finding on the most pages, then how many more
pages the same line breaks and the first few of them.

Findings that would read the same at one place — a loop's line that writes a link to
`payload.html#SD-001`, `#SD-002`, … of one missing page — are one entry too, naming how many
links the place writes and the first few targets.
"""
from __future__ import annotations

import dataclasses

from ..diagnostics import Diagnostic
from .carried import carried_by, first_few, uncarried_message


def grouped(findings: list[Diagnostic]) -> list[Diagnostic]:
    """`findings` with those of one place, rule and written target merged into the one on the
    most pages; findings that no layout line carries (`carried_by` empty), or alone at their
    place, stay as they are."""
    groups: dict = {}
    for i, d in enumerate(findings):
        key = (d.path, d.line, d.column, d.rule, d.severity, d.target) if d.carried_by else i
        groups.setdefault(key, []).append(d)
    merged = [_merged(members) if len(members) > 1 else members[0] for members in groups.values()]
    return _same_text(merged)


def _same_text(findings: list[Diagnostic]) -> list[Diagnostic]:
    """Findings identical to the reader (place, rule, message, fix) but for their written target,
    merged into the first, which names how many links and the first few targets."""
    places: dict = {}
    for d in findings:
        places.setdefault((d.path, d.line, d.column, d.rule, d.severity, d.message, d.fix()), []).append(d)
    out = []
    for members in places.values():
        first = members[0]
        if len(members) > 1:
            targets = list(dict.fromkeys(d.target or "" for d in members))
            listed = first_few([f"'{t}'" for t in targets])
            first = dataclasses.replace(first, message=f"{first.message} ({len(members)} links written here: {listed})"
                                        if len(targets) > 1 else f"{first.message} (written here {len(members)} times)")
        out.append(first)
    return out


def _merged(members: list[Diagnostic]) -> Diagnostic:
    members = sorted(members, key=lambda d: -len(d.carried_by))  # (stable: ties keep the report's order)
    first, others = members[0], members[1:]
    names = list(dict.fromkeys(page for d in others for page in d.carried_by if page not in first.carried_by))
    listed = first_few(names)
    pages = "1 more page" if len(names) == 1 else f"{len(names)} more pages"
    message = (f"{uncarried_message(first)} ({carried_by(first.carried_by)}; "
               f"resolved from the folders of {pages} it is broken too: {listed})")
    return dataclasses.replace(first, message=message,
                               carried_by=first.carried_by + tuple(names))
