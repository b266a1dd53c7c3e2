"""Release notes from per-ticket entries: model, pages, validation, import.

The build calls `load` (after discover), `pages` (after the pages are parsed, so that entries
can default their link text to the target page's title) and `validate` (once the site index
exists).
"""
from __future__ import annotations

from .model import load_releases
from .render import ReleaseRenderer, extend_sidebar, history as _history, index_page, tickets_page, visible


def load(config, diags):
    return load_releases(config.source, diags, unsafe=getattr(config, "unsafe", False))


def pages(config, releases, sources, parsed, liquid, markdown, diags):
    """Generated pages: one per visible release, the releases index and the tickets page."""
    shown = visible(config, releases)
    if not shown:
        return []
    titles = {p.source.url: str(p.source.meta.get("title") or "") for p in parsed}
    renderer = ReleaseRenderer(config, liquid, markdown, titles)
    result = []
    for release in shown:
        page = renderer.page(release)
        diags.extend(page.diagnostics)
        result.append(page)
        titles[page.source.url] = page.source.meta["title"]
    return result + [index_page(config, releases), tickets_page(config, releases, titles)]


def history(releases, config) -> dict:
    return _history(config, releases)


def validate(site, nav_titles: dict):
    """Release findings that need the site (kept apart from the `lint` module's name)."""
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
    return _lint(site, site.releases, titles=titles, names=names, headings=headings)


__all__ = ["load", "pages", "history", "validate", "extend_sidebar"]
