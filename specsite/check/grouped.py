"""One entry per broken line for people: the findings a layout or include line gives on pages in
many folders, which every tool report keeps one by one.

A relative link in `_includes/head.html:36` resolves from each page's folder, so it is a
different missing path (and a finding of its own) in every folder:

    _includes/head.html:36:81 broken-link 'docs.x/feed.xml'          (on 57 pages: index.html, …)
    _includes/head.html:36:81 broken-link 'news/docs.x/feed.xml'     (on news/index.html)

The text report shows them as one entry: the finding on the most pages, then how many more
pages the same line breaks and the first few of them.
"""
from __future__ import annotations

import dataclasses
import re

from ..diagnostics import Diagnostic

# the `carried_by` suffix that the checker gives a finding of a layout, include or data line
_CARRIED = re.compile(r" \(on (?:(\d+) pages: )?(.+?)\)$")
SHOWN = 3


def grouped(findings: list[Diagnostic]) -> list[Diagnostic]:
    """`findings` with those of one place, rule and written target merged into the one on the
    most pages; findings without a `(on …)` page list, or alone at their place, stay as they are."""
    groups: dict = {}
    for d in findings:
        key = (d.path, d.line, d.column, d.rule, d.severity, d.target) if _CARRIED.search(d.message) else id(d)
        groups.setdefault(key, []).append(d)
    return [_merged(members) if len(members) > 1 else members[0] for members in groups.values()]


def _merged(members: list[Diagnostic]) -> Diagnostic:
    carried = [(d, _pages(d)) for d in members]
    carried.sort(key=lambda item: -item[1][0])  # (stable: ties keep the report's order)
    (first, _), others = carried[0], carried[1:]
    more = sum(count for _, (count, _) in others)
    names = [name for _, (_, shown) in others for name in shown]
    listed = ", ".join(names[:SHOWN]) + (", …" if more > SHOWN else "")
    pages = "1 more page" if more == 1 else f"{more} more pages"
    base = first.message[:-1]  # (without its closing ')')
    message = f"{base}; resolved from the folders of {pages} it is broken too: {listed})"
    return dataclasses.replace(first, message=message)


def _pages(d: Diagnostic) -> tuple[int, list[str]]:
    """(how many pages, the names shown) of a finding's `(on …)` suffix."""
    m = _CARRIED.search(d.message)
    names = [n for n in m.group(2).split(", ") if n != "…"]
    return (int(m.group(1)) if m.group(1) else 1), names
