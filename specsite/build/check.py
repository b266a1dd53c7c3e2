"""Check stage: internal links and ids on recorded data only (no HTML is parsed again), release
content, then the site's `severity:`/`ignore:` over every finding and build warning."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from operator import itemgetter

from .. import releases as release_stage
from ..check.carried import carried
from ..check.internal import SiteIndex, check_first_links, check_link, check_links, duplicate_ids
from ..check.latent import unused_data_links
from ..check.policy import Policy, apply_policy
from ..diagnostics import Diagnostic, Diagnostics, ERROR, WARNING
from .check_cache import index_digest, layout_findings, page_findings
from .renderers import jekyll_layouts
from .site import Site


@dataclass(frozen=True)
class Checked:
    """The link check's findings and the build's own diagnostics, policy applied."""
    findings: Diagnostics  # the checker's findings, the site's policy applied
    diagnostics: list  # the build's own diagnostics, the site's policy applied


def check(site: Site, memo=None, cache=None) -> Checked:
    """Internal links of pages, release entries and navigation data, on recorded data only;
    then the site's `severity:`/`ignore:` over every finding and build warning, in one place.
    `memo`: a check.internal.LinkMemo kept across preview rebuilds, or None; `cache`: the build's
    ParseCache, which keeps each page's findings (check_cache.py), or None."""
    config = site.config
    findings = Diagnostics()
    links = list(site.links)
    duplicates = list(site.layout_clashes)
    for parsed in site.pages:
        links.extend(parsed.links)
        if not parsed.source.rel.startswith("<generated>"):
            duplicates.extend(duplicate_ids(parsed.source.url, parsed.source.rel, parsed.anchors))
    findings.extend(duplicates)
    if memo is not None:
        groups = [(p.source.rel + "|" + p.source.url, p.links) for p in site.pages]
        groups.append(("<navigation>", tuple(_unique(site.links))))
        findings.extend(check_links(groups, site.index, memo=memo))
    digest = index_digest(site.index) if cache is not None else None  # (the kept findings' key)
    if memo is None:
        kept = page_findings(site.pages, site.index, digest, cache, _unique) if cache is not None and not site.links \
            else None
        findings.extend(kept if kept is not None else check_first_links(links, site.index, _KEY))
    findings.extend(layout_findings(site.layout_links, site.index, digest, cache, check_layout_links)
                    if cache is not None else check_layout_links(site.layout_links, site.index))
    if jekyll_layouts(config, site.sources):
        findings.extend(unused_data_links(config.source, site.sources.data_files, site.layout_links, site.index))
    if site.releases:
        # release findings relax the draft pages' link findings in place: they see this run's
        findings.extend(release_stage.validate(dataclasses.replace(site, findings=findings), site.nav_titles))
    policy = Policy.from_options(config.options)
    findings.items[:] = _front_matter_first(site, _drafts_stay_warnings(
        site, apply_policy(_reported_at_tag(site, _included_by(site, findings.items)), policy)))
    return Checked(findings, _drafts_stay_warnings(site, apply_policy(site.diagnostics.items, policy)))


def _reported_at_tag(site: Site, items: list) -> list:
    """A link the renderer already reported at its tag (`{% link missing.md %}`, which stops
    Jekyll's build) is not reported again by the checker at the same place."""
    at_tag = {(d.path, d.line, d.column) for d in site.diagnostics.items if d.rule == "broken-link"}
    if not at_tag:
        return items
    return [f for f in items if f.rule != "broken-link" or (f.path, f.line, f.column) not in at_tag]


def _included_by(site: Site, items: list) -> list:
    """A page's own link that an include it calls writes (`{% include nav.html %}` in the body of
    blog/index.html) is reported at the include's line: the finding names the page, as a layout
    line's does (Slim's blog said `_includes/nav.html:7: file 'contribute' does not exist` and not
    on which page); so is a post's link that a blog page prints, with the post's own page when it
    has the same finding (the two are one finding at one place)."""
    paths = {f.path for f in items if not f.carried_by}
    if not paths:
        return items
    pages: dict = {}
    others: set = set()  # the places some other page's link is written at (its own page is named too)
    for parsed in site.pages:
        rel = parsed.source.rel
        for link in parsed.links:
            if link.path in paths:
                key = (link.path, link.line, link.column, link.target)
                pages.setdefault(key, []).append(link.page)
                if link.path != rel:
                    others.add(key)
    if not others:
        return items
    return [carried(f, pages[(f.path, f.line, f.column, f.target)])
            if not f.carried_by and (f.path, f.line, f.column, f.target) in others else f for f in items]


def _front_matter_first(site: Site, items: list) -> list:
    """A layout line's finding carried only by pages whose front matter has a problem points to
    that problem: a page built without its front matter sits at its default URL, where the
    layout's relative links resolve from another folder (digital-referrals: one such page broke
    55 sidebar and head links; the fix is its front matter's line)."""
    problems: dict = {}
    for d in site.diagnostics.items:
        if d.rule == "front-matter":
            problems.setdefault(d.path, d)
    if not problems or not any(f.carried_by for f in items):
        return items
    at = {p.source.url: problems[p.source.rel] for p in site.pages if p.source.rel in problems}
    out = []
    for finding in items:
        causes = [at.get(url) for url in finding.carried_by]
        if causes and all(causes):
            where = ", ".join(dict.fromkeys(cause.location() for cause in causes))
            note = (f"It is broken only on {finding.carried_by[0]}, whose front matter has a problem ({where}): "
                    "fix that first." if len(causes) == 1 else
                    f"It is broken only on pages whose front matter has a problem ({where}): fix those first.")
            finding = dataclasses.replace(finding, hint=f"{note} {finding.hint}" if finding.hint else note)
        out.append(finding)
    return out


def _drafts_stay_warnings(site: Site, items: list) -> list:
    """A `severity: error` setting does not make a draft release block a publish."""
    if not site.releases or not any(d.severity == ERROR for d in items):
        return items
    relaxed = [dataclasses.replace(d, severity=WARNING) if d.severity == ERROR and d.hint
               and "is a draft (an error with --drafts" in d.hint else d for d in items]
    return release_stage.relax_drafts(site.config, site.releases, relaxed)


def check_layout_links(links, index: SiteIndex) -> list[Diagnostic]:
    """A broken link that a layout, include or data file writes into many pages is one finding
    at the line that writes it, naming how many pages carry it and the first of them."""
    groups: dict = {}
    fine: set = set()  # (a layout writes the same links on every page)
    for link in links:
        finding = check_link(link, index, fine)
        if finding is not None:
            key = (finding.path, finding.line, finding.column, finding.rule, finding.message, finding.target)
            groups.setdefault(key, (finding, []))[1].append(link.page)
    # (a page's own line is no layout's: a static HTML file scanned as a page carries only itself)
    return [finding if pages == [finding.path] else carried(finding, pages) for finding, pages in groups.values()]


def _unique(links):
    """Sidebar links are recorded once per data file, not once per page that shows them."""
    seen = set()
    key = _KEY
    for link in links:
        k = key(link)
        if k not in seen:
            seen.add(k)
            yield link


_KEY = itemgetter(0, 1, 2, 3, 5)  # a Link's target, path, line, column and page (one call, not five look-ups)
