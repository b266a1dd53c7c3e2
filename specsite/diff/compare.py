"""Compare two built sites: pages matched and renamed, anchors paired, links the change breaks, findings."""
from __future__ import annotations

import difflib
import posixpath
import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..check.internal import check_link, check_links, resolve
from ..diagnostics import Diagnostic
from ..parse import Link
from . import MAX_DIFF_LINES
from .model import (
    AnchorAddition,
    AnchorRemoval,
    AnchorRename,
    BrokenLink,
    PageAnchors,
    PageTextDiff,
    PageRef,
    PageRename,
    PageRetitle,
    SiteDiff,
)
from .text import page_text, text_diff

# -- one side -----------------------------------------------------------------------------------------


@dataclass
class _Page:
    """A page of one revision, as compared."""
    url: str
    file: str
    title: str
    text: list
    anchors: list  # ids in page order, first occurrence only
    anchor_lines: dict  # id -> line
    headings: dict  # id -> heading text


def _snapshot(site) -> dict:
    pages = {}
    for parsed in site.pages:
        src = parsed.source
        ids, lines = [], {}
        for anchor in parsed.anchors:
            if anchor.id not in lines:
                ids.append(anchor.id)
                lines[anchor.id] = anchor.line
        headings = {h.id: h.text for h in parsed.headings if h.id}
        pages[src.url] = _Page(src.url, src.rel, str(src.meta.get("title") or ""), page_text(parsed.html),
                               ids, lines, headings)
    return pages


def _similar(a: str, b: str) -> float:
    return fuzz.ratio(a, b) / 100.0


# -- comparing ------------------------------------------------------------------------------------


def compare(base_site, head_site, *, base_label: str = "base", head_label: str = "head",
            max_diff_lines: int = MAX_DIFF_LINES) -> SiteDiff:
    """The differences between two built sites (`build.run(..., write=False)`)."""
    base, head = _snapshot(base_site), _snapshot(head_site)
    result = SiteDiff(base=_side(base_label, base_site, base), head=_side(head_label, head_site, head))
    pairs = _match_pages(base, head, result)  # base url -> head url
    for old_url, new_url in sorted(pairs.items(), key=lambda pair: pair[1]):
        old, new = base[old_url], head[new_url]
        if old_url == new_url and old.title != new.title:
            result.pages_retitled.append(PageRetitle(new_url, new.file, old.title, new.title))
        if old.text != new.text:
            diff, omitted, added, removed = text_diff(old.text, new.text, old_url, new_url, max_diff_lines)
            result.pages_changed.append(PageTextDiff(new_url, new.file, old_url, added, removed, diff, omitted))
    anchor_map = _compare_anchors(base, head, pairs, result)
    _broken_links(base_site, head_site, pairs, anchor_map, result)
    _findings(base_site, head_site, result)
    return result


def _side(label: str, site, pages: dict) -> dict:
    return {"label": label, "revision": None, "folder": str(site.config.source), "pages": len(pages)}


def _match_pages(base: dict, head: dict, result: SiteDiff) -> dict:
    pairs = {url: url for url in base if url in head}
    gone = [u for u in base if u not in head]
    new = [u for u in head if u not in base]
    # 1. the same source file with another permalink
    by_file = {head[u].file: u for u in new if not head[u].file.startswith("<generated>")}
    for old_url in list(gone):
        new_url = by_file.get(base[old_url].file)
        if new_url in new:
            pairs[old_url] = new_url
            gone.remove(old_url)
            new.remove(new_url)
            result.pages_renamed.append(PageRename(old_url, new_url, base[old_url].file, head[new_url].file,
                                                   head[new_url].title, "permalink changed"))
    # 2. the same title and similar text, or nearly the same text, at another url
    candidates = []
    for old_url in gone:
        old = base[old_url]
        old_text = "\n".join(old.text)
        for new_url in new:
            cand = head[new_url]
            cand_text = "\n".join(cand.text)
            same_title = bool(old.title) and old.title == cand.title
            if not same_title and min(len(old_text), len(cand_text)) < 40:
                continue  # two short pages alike by chance are not one page moved
            score = fuzz.ratio(old_text, cand_text, score_cutoff=50 if same_title else 90)
            if score or (same_title and not old_text and not cand_text):
                candidates.append((score + (100 if same_title else 0), old_url, new_url))
    for _, old_url, new_url in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if old_url in gone and new_url in new:
            pairs[old_url] = new_url
            gone.remove(old_url)
            new.remove(new_url)
            result.pages_renamed.append(PageRename(old_url, new_url, base[old_url].file, head[new_url].file,
                                                   head[new_url].title, "same content"))
    result.pages_removed = [PageRef(u, base[u].file, base[u].title) for u in sorted(gone)]
    result.pages_added = [PageRef(u, head[u].file, head[u].title) for u in sorted(new)]
    result.pages_renamed.sort(key=lambda r: r.old_url)
    return pairs


def _compare_anchors(base: dict, head: dict, pairs: dict, result: SiteDiff) -> dict:
    """Anchor renames, removals and additions per page (the anchors of an added page come with
    it); returns {(base url, old id): (head url, new id)}."""
    where: dict = {}  # head ids that are new on their page -> pages
    for old_url, new_url in pairs.items():
        for anchor_id in set(head[new_url].anchors) - set(base[old_url].anchors):
            where.setdefault(anchor_id, []).append(new_url)
    for url in (p.url for p in result.pages_added):
        for anchor_id in head[url].anchors:
            where.setdefault(anchor_id, []).append(url)
    mapping, additions = {}, {}
    for old_url, new_url in sorted(pairs.items()):
        old, new = base[old_url], head[new_url]
        old_ids, new_ids = set(old.anchors), set(new.anchors)
        removed = [a for a in old.anchors if a not in new_ids]
        added = [a for a in new.anchors if a not in old_ids]
        if not removed and not added:
            continue
        entry = PageAnchors(new_url, new.file, old_url)
        paired = _pair_anchors(old, new, removed, added)
        for old_id in removed:
            if old_id in paired:
                new_id, score = paired[old_id]
                entry.renamed.append(AnchorRename(old_id, new_id, old.headings.get(old_id, ""),
                                                  new.headings.get(new_id, ""), new.anchor_lines.get(new_id),
                                                  round(score, 2)))
                mapping[(old_url, old_id)] = (new_url, new_id)
            else:
                others = [u for u in where.get(old_id, []) if u != new_url]
                moved = f"{others[0]}#{old_id}" if len(others) == 1 else None
                entry.removed.append(AnchorRemoval(old_id, old.headings.get(old_id, ""), old.anchor_lines.get(old_id),
                                                   moved))
                if moved:
                    mapping[(old_url, old_id)] = (others[0], old_id)
        renamed_to = {new_id for new_id, _ in paired.values()}
        for new_id in added:
            if new_id not in renamed_to:
                addition = AnchorAddition(new_id, new.headings.get(new_id, ""), new.anchor_lines.get(new_id), None)
                entry.added.append(addition)
                additions[(new_url, new_id)] = addition
        result.anchors.append(entry)
    for (old_url, old_id), (new_url, new_id) in mapping.items():  # an id that moved here from another page
        addition = additions.get((new_url, new_id))
        if addition is not None and new_url != pairs.get(old_url):
            addition.moved_from = f"{old_url}#{old_id}"
    return mapping


def _pair_anchors(old: _Page, new: _Page, removed: list, added: list) -> dict:
    """removed id -> (added id, similarity): by heading text (or id) similarity, then by position.

    Position: the anchor sequences are aligned (difflib); a block of N anchors replaced by N
    others pairs them in order, however different their text (a heading reworded in place).
    """
    if not added:
        return {}
    in_place = set()
    matcher = difflib.SequenceMatcher(None, old.anchors, new.anchors, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "replace" and i2 - i1 == j2 - j1:
            in_place.update(zip(old.anchors[i1:i2], new.anchors[j1:j2]))
    candidates = []
    for r in removed:
        r_text = old.headings.get(r, r)
        r_pos = old.anchors.index(r) / max(len(old.anchors), 1)
        for a in added:
            sim = max(_similar(r_text, new.headings.get(a, a)), _similar(r, a))
            same_place = (r, a) in in_place
            if sim < 0.5 and not same_place:
                continue
            if (r in old.headings) != (a in new.headings) and sim < 0.8:
                continue  # a heading is rarely replaced by a plain anchor, or the other way round
            pos = 1 - abs(r_pos - new.anchors.index(a) / max(len(new.anchors), 1))
            score = 0.7 * sim + 0.2 * same_place + 0.1 * pos
            candidates.append((score, sim, r, a))
    paired, used = {}, set()
    for _score, sim, r, a in sorted(candidates, key=lambda c: (-c[0], c[2], c[3])):
        if r not in paired and a not in used:
            paired[r] = (a, sim)
            used.add(a)
    return paired


def _head_links(site):
    """Every link of the site once (sidebar links are recorded once per data file, as in the build);
    a link a Jekyll layout, include or data file writes into many pages, once, from its first page."""
    seen, links = set(), []
    for link in list(site.links) + [link for p in site.pages for link in p.links]:
        key = (link.target, link.path, link.line, link.column, link.page)
        if key not in seen:
            seen.add(key)
            links.append(link)
    for link in getattr(site, "layout_links", ()):
        key = (link.target, link.path, link.line, link.column)
        if key not in seen:
            seen.add(key)
            links.append(link)
    return links


def _broken_links(base_site, head_site, pairs: dict, anchor_map: dict, result: SiteDiff):
    head_to_base = {new: old for old, new in pairs.items()}
    options = head_site.config.options
    for link in _head_links(head_site):
        found = check_links([link], head_site.index, severity=options.get("severity"),
                            ignore=options.get("ignore") or ())
        if not found:
            continue
        base_page = head_to_base.get(link.page, link.page)
        if check_link(_with_page(link, base_page), base_site.index) is not None:
            continue  # already broken (or odd) before the change: an old finding, not a break
        finding = found[0]
        suggestion = _suggest(link, base_page, base_site, head_site, pairs, anchor_map)
        result.broken_links.append(BrokenLink(link.path, link.line, link.column, link.target, link.page,
                                              finding.rule, finding.message, suggestion))
    result.broken_links.sort(key=lambda b: (b.file, b.line or 0, b.column or 0, b.target))


def _with_page(link: Link, page: str) -> Link:
    return link if link.page == page else Link(link.target, link.path, link.line, link.column, link.tag, page)


def _existing(path: str, files) -> str | None:
    """The output file a resolved path means, as check_link finds it."""
    for candidate in (path, path + "/index.html", path + ".html"):
        if candidate in files:
            return candidate
    return None


def _suggest(link: Link, base_page: str, base_site, head_site, pairs: dict, anchor_map: dict) -> str | None:
    """A target for `link` that works in HEAD and goes where the link went in BASE."""
    target = link.target.strip()
    path, fragment = resolve(target, base_page, base_site.index.baseurl)
    if path is None:
        return None
    old_path = _existing(path or base_page, base_site.index.files)
    if old_path is None:
        return None
    new_path = pairs.get(old_path, old_path if old_path in head_site.index.files else None)
    if new_path is None:
        return None
    if fragment and (old_path, fragment) in anchor_map:
        new_path, fragment = anchor_map[(old_path, fragment)]
    suffix = f"#{fragment}" if fragment else ""
    if new_path == link.page and target.startswith("#"):
        suggestion = suffix
    elif target.startswith("/"):
        baseurl = head_site.index.baseurl
        suggestion = (baseurl if baseurl and target.startswith(baseurl + "/") else "") + "/" + new_path + suffix
    else:
        start = posixpath.dirname(link.page) or "."
        suggestion = posixpath.relpath(new_path, start) + suffix
    if suggestion == target or check_link(Link(suggestion, link.path, link.line, link.column, link.tag, link.page),
                                          head_site.index) is not None:
        return None
    return suggestion


_LINE_NUMBER = re.compile(r"\bline \d+")


def _finding_key(d: Diagnostic) -> tuple:
    return d.rule, d.path, d.target or "", _LINE_NUMBER.sub("line N", d.message)


def finding_dict(d: Diagnostic) -> dict:
    return {"file": d.path, "line": d.line, "column": d.column, "rule": d.rule, "severity": d.severity,
            "message": d.message, "target": d.target, "hint": d.fix()}


def _findings(base_site, head_site, result: SiteDiff):
    base_items, head_items = base_site.all_diagnostics(), head_site.all_diagnostics()
    base_count = Counter(_finding_key(d) for d in base_items)
    head_count = Counter(_finding_key(d) for d in head_items)
    broken = {(b.file, b.line, b.column, b.target) for b in result.broken_links}
    new_left, fixed_left = head_count - base_count, base_count - head_count
    for d in head_items:
        key = _finding_key(d)
        if new_left[key] > 0:
            new_left[key] -= 1
            if (d.path, d.line, d.column, d.target) not in broken:
                result.new_findings.append(finding_dict(d))
    for d in base_items:
        key = _finding_key(d)
        if fixed_left[key] > 0:
            fixed_left[key] -= 1
            result.fixed_findings.append(finding_dict(d))
