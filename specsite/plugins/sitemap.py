"""jekyll-sitemap 1.4: sitemap.xml and robots.txt, from its own templates
(jekyll-sitemap/lib/jekyll/jekyll-sitemap.rb)."""
from __future__ import annotations

from .common import render

# `(?<=>\n|})\s+` in Ruby; Python's look-behind needs one width per alternative.
MINIFY = r"(?:(?<=>\n)|(?<=\}))\s+"
INCLUDED_EXTENSIONS = (".htm", ".html", ".xhtml", ".pdf")


def exists(site: dict, url: str) -> bool:
    """JekyllSitemap#file_exists?: a page or static file of the site already has this URL (a
    static file's drop shows no url to Liquid: drops.StaticFileDrop keeps it as an attribute)."""
    for item in site.get("pages") or []:
        if str(item.get("url")) == url:
            return True
    return any(getattr(item, "url", None) == url for item in site.get("static_files") or [])


def site_for_sitemap(site: dict, hidden_urls=frozenset()) -> dict:
    """The `site` the template sees: collections sorted by label (SiteDrop#collections), and the
    pages that jekyll-redirect-from turned into redirects (`sitemap: false`) marked so."""
    view = dict(site)
    view["collections"] = sorted(site.get("collections") or [], key=lambda c: str(c.get("label")))
    if hidden_urls:
        hide = (lambda d: {**d, "sitemap": False} if d.get("url") in hidden_urls else d)
        view["collections"] = [{**c, "docs": [hide(d) for d in c.get("docs") or []]}
                               for c in view["collections"]]
        view["html_pages"] = [hide(p) for p in site.get("html_pages") or []]
    return view


def static_files(site: dict) -> list:
    """The static files the sitemap lists (its page's `static_files`)."""
    return [f for f in site.get("static_files") or [] if str(f.get("extname")) in INCLUDED_EXTENSIONS]


def sitemap(site: dict, hidden_urls=frozenset()) -> str:
    page = {"url": "/sitemap.xml", "name": "sitemap.xml", "layout": None, "static_files": static_files(site),
            "xsl": exists(site, "/sitemap.xsl")}
    return render(site_for_sitemap(site, hidden_urls), "sitemap.xml", MINIFY, page=page)


def robots(site: dict) -> str:
    return render(site, "robots.txt", None, page={"url": "/robots.txt", "name": "robots.txt"})
