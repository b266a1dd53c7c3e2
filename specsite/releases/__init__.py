"""Release notes from per-ticket entries: model, pages, feeds, validation, import.

The build calls `load` (after discover), `pages` (after the pages are parsed, so that entries
can default their link text to the target page's title) and `validate` (once the site index
exists). Problems in a draft release are warnings unless the draft is part of the build
(`config.drafts is True`: `build --drafts`, `release check`): a draft in progress never blocks a
publish, and `check` (which renders drafts as "listed") still shows them.
"""
from __future__ import annotations

import dataclasses
import re

from ..diagnostics import ERROR, WARNING, Diagnostics

# Rendering is imported when a build needs it: `release` and `check` start without the renderers.
_LAZY = {"ReleaseRenderer", "index_page", "tickets_page", "visible"}


def __getattr__(name):
    if name in _LAZY:
        from . import render
        return getattr(render, name)
    if name == "feed_pages":
        from .feeds import feed_pages
        return feed_pages
    raise AttributeError(name)


def load(config, diags, sources):
    """The releases of releases/, when discover left that folder to release notes: a Jekyll site's
    own releases/ (no release.yml) is its pages, and never release notes as well."""
    if sources.releases_dir is None:  # no release notes: the model (and its modules) stays unimported
        return []
    from .model import load_releases
    own = Diagnostics()
    releases = load_releases(config.source, own, areas_required=bool(config.options.get("capabilities")),
                             unsafe=getattr(config, "unsafe", False))
    diags.extend(relax_drafts(config, releases, own.items))
    return releases


def pages(config, releases, sources, parsed, liquid, markdown, diags):
    """Generated pages: one per visible release, the releases index, the tickets page, and the
    machine-readable releases.json and releases.xml (published releases only)."""
    from .feeds import feed_pages
    from .render import ReleaseRenderer, index_page, tickets_page, visible
    shown = visible(config, releases)
    feeds = feed_pages(config, releases, markdown)
    if not shown:
        return _claim(feeds, parsed, diags)
    titles = {p.source.url: str(p.source.meta.get("title") or "") for p in parsed}
    renderer = ReleaseRenderer(config, liquid, markdown, titles)
    diags.extend(relax_drafts(config, releases, _same_address(config, shown)))
    result = []
    for release in shown:
        page = renderer.page(release)
        diags.extend(relax_drafts(config, releases, page.diagnostics))
        result.append(page)
        titles[page.source.url] = page.source.meta["title"]
    return _claim(result + [index_page(config, releases), tickets_page(config, releases, titles)] + feeds,
                  parsed, diags)


def _same_address(config, shown) -> list:
    """Two releases whose pages would have one address (a permalink without {version}, say)."""
    from ..diagnostics import Diagnostic
    from .model import version_key
    from .render import release_url
    taken, found = {}, []
    for release in sorted(shown, key=lambda r: version_key(r.version)):
        url = release_url(config, release)
        if url in taken:
            found.append(Diagnostic(release.rel, release.line_of("version"), None, "release-permalink", ERROR,
                                    f"releases {taken[url]} and {release.version} would both be written to {url}",
                                    "Put {version} in specsite.release_notes.permalink in _config.yml."))
        taken.setdefault(url, release.version)
    return found


def _claim(generated, parsed, diags) -> list:
    """A page of the site at an address a generated page takes (the hand-written release notes
    that `release import` turned into entries, typically) is reported; the generated page wins."""
    own = {p.source.url: p.source for p in parsed}
    for page in generated:
        source = own.get(page.source.url)
        if source is not None:
            what = page.source.meta.get("title") or page.source.url
            diags.warning(source.rel, getattr(source.meta, "key_lines", {}).get("permalink"), "release-permalink",
                          f"the generated page '{what}' has this page's address, {page.source.url}, and replaces it",
                          hint="Remove this page if its releases are entries now, or give one of them another "
                               "address (permalink:, or specsite.release_notes in _config.yml).")
    return generated


def history(releases, config) -> dict:
    if not releases:  # a site without releases never loads the renderer
        return {}
    from .render import history as _history
    return _history(config, releases)


def extend_sidebar(sidebars: dict, config, releases) -> None:
    """Add a 'Release notes' folder to the configured sidebar (nothing to add without releases)."""
    if releases:
        from .render import extend_sidebar as _extend
        _extend(sidebars, config, releases)


def jekyll_sidebar_data(data: dict, config, releases) -> dict:
    """`site.data` with a 'Release notes' folder in the configured sidebar (see render)."""
    if not releases:
        return data
    from .render import jekyll_sidebar_data as _with_releases
    return _with_releases(data, config, releases)


def validate(site, nav_titles: dict):
    """Release findings that need the site (kept apart from the `lint` module's name). The link
    checker has already reported the draft pages' links by now: those findings are relaxed here too,
    in place, so that a broken link in a draft entry does not fail `check` either."""
    from .lint import lint as _lint
    titles = {p.source.url: str(p.source.meta.get("title") or "") for p in site.pages}
    names = {}
    for p in site.pages:
        keywords = p.source.meta.get("keywords")
        extra = list(nav_titles.get(p.source.url, ()))
        if isinstance(keywords, str):
            extra += [k.strip() for k in keywords.split(",")]
        names[p.source.url] = extra
    headings = {p.source.url: {h.id: h.text for h in p.headings if h.id} for p in site.pages}
    findings = _lint(site, site.releases, titles=titles, names=names, headings=headings)
    site.findings.items[:] = relax_drafts(site.config, site.releases, site.findings.items)
    return relax_drafts(site.config, site.releases, findings)


def draft_folders(config, releases) -> set:
    """`releases/<version>/` of every draft release, also of one whose release.yml did not load
    (status defaults to draft, so unless it says `status: published` it is one)."""
    root = config.source / "releases"
    # a misspelt status is no draft: the author meant something else, so its errors stay errors
    loaded = {r.rel.rsplit("/", 1)[0] + "/": str(r.meta.get("status") or "draft") == "draft" for r in releases}
    folders = {folder for folder, draft in loaded.items() if draft}
    if root.is_dir():
        for yml in root.glob("*/release.yml"):
            folder = f"releases/{yml.parent.name}/"
            if folder not in loaded:
                text = yml.read_text(encoding="utf-8", errors="replace")
                if not re.search(r"^status\s*:.*\bpublished\b", text, re.M):
                    folders.add(folder)
    return folders


def relax_drafts(config, releases, diagnostics) -> list:
    """Errors in a draft release become warnings, unless drafts are part of this build."""
    diagnostics = list(diagnostics)
    if config.drafts is True or not any(d.severity == ERROR for d in diagnostics):
        return diagnostics
    drafts = draft_folders(config, releases)
    result = []
    for d in diagnostics:
        folder = next((f for f in drafts if d.path.startswith(f)), None)
        if d.severity == ERROR and folder:
            version = folder.split("/")[1]
            hint = (d.hint + " " if d.hint else "") + \
                f"It is a warning while {version} is a draft (an error with --drafts or 'release check {version}')."
            d = dataclasses.replace(d, severity=WARNING, hint=hint)
        result.append(d)
    return result


__all__ = ["load", "pages", "history", "validate", "extend_sidebar", "jekyll_sidebar_data", "relax_drafts"]
