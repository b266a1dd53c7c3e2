"""The pages the plugins' generators add to `site.pages`, listed before any page renders (Jekyll
runs its generators before rendering: a `site.pages` loop in a page or layout meets them).

Each is the Page Jekyll holds while the site's own pages render: its name, path, url, dir, the
data the generator gives it, and its content as set by the generator (a redirect page's is
empty, redirects.json's the JSON, a feed's or the sitemap's the plugin's minified template, its
Liquid not yet run: those pages render after every page of the site)."""
from __future__ import annotations

from .common import template_source


class ListedPage(dict):
    """A generator's page as `site.pages` lists it (the file itself is made by plugins.generate)."""

    __slots__ = ()


def _page(url: str, name: str, content: str, data: dict) -> ListedPage:
    path = name.lstrip("/")
    return ListedPage({**data, "title": None, "url": url, "name": name, "path": path,
                       "dir": url if url.endswith("/") else url.rsplit("/", 1)[0] + "/", "content": content})


def listed_pages(site: dict, order, *, source_files: set[str]) -> list[ListedPage]:
    """The pages jekyll-redirect-from, jekyll-feed and jekyll-sitemap add, their generators run
    in `order` (plugins.generator_order)."""
    made: list[ListedPage] = []
    for name in order:
        if name == "jekyll-redirect-from":
            made += _redirects(site, source_files)
        elif name == "jekyll-feed":
            from .feed import MINIFY, pages
            for page in pages(site, source_files):
                made.append(_page(page["url"], page["name"], template_source("feed.xml", MINIFY),
                                  {k: v for k, v in page.items() if k not in ("url", "name")}))
        elif name == "jekyll-sitemap":
            from .sitemap import MINIFY, exists, static_files
            known = {**site, "pages": list(site.get("pages") or []) + made}
            if not exists(known, "/sitemap.xml"):
                made.append(_page("/sitemap.xml", "sitemap.xml", template_source("sitemap.xml", MINIFY),
                                  {"layout": None, "static_files": static_files(site),
                                   "xsl": exists(known, "/sitemap.xsl")}))
            if not exists(known, "/robots.txt"):
                made.append(_page("/robots.txt", "robots.txt", template_source("robots.txt"), {"layout": None}))
    return made


def _redirects(site: dict, source_files) -> list[ListedPage]:
    from .redirects import json_enabled, json_text, page_data, page_url, redirects
    found = redirects(site)
    made = [_page(page_url(r), "redirect.html", "", page_data(r))
            for r in found if not r.replaces_page]
    if json_enabled(site) and "redirects.json" not in source_files:
        made.append(_page("/redirects.json", "redirects.json", json_text(found), {}))
    return made


def add_listed(site: dict, order, *, source_files: set[str], liquid_data=None) -> None:
    """Append the generators' pages to `site.pages` (and the HTML ones to `site.html_pages`).
    `liquid_data(path, data)`: a page's data with the front matter defaults as Liquid shows them
    (SiteConfig.liquid_data: redirects.json's nil layout shows the default's)."""
    made = listed_pages(site, order, source_files=source_files)
    if liquid_data is not None:
        made = [ListedPage(liquid_data(p["path"], p)) for p in made]
    if made:
        if not any(c.get("label") == "pages" for c in site.get("collections") or ()):
            # (with a collection named `pages`, site.pages is its documents: SiteDrop#[])
            site["pages"] = list(site.get("pages") or []) + made
        site["html_pages"] = list(site.get("html_pages") or []) + [
            p for p in made if p["url"].endswith((".html", ".htm", "/"))]


def without_listed(site: dict) -> dict:
    """`site` as the generators found it before they ran (plugins.generate makes the files)."""
    if not any(isinstance(p, ListedPage) for p in site.get("pages") or ()):
        return site
    return {**site, "pages": [p for p in site["pages"] if not isinstance(p, ListedPage)],
            "html_pages": [p for p in site.get("html_pages") or () if not isinstance(p, ListedPage)]}
