"""jekyll-redirect-from 0.16: a redirect page for each `redirect_from:` path, the redirect that
replaces a page with `redirect_to:`, and redirects.json mapping each old URL to its target."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .. import jekyll
from .common import absolute_url, render


@dataclass(frozen=True)
class Redirect:
    """A redirect page jekyll-redirect-from writes."""
    source: str  # the page or document that asked for it (its path), for diagnostics
    from_url: str  # the URL that redirects (a generated page's permalink, or the page's own URL)
    to: str  # where it goes: an absolute URL
    replaces_page: bool = False  # `redirect_to:`: the page itself becomes the redirect


def targets(value) -> list:
    """Redirectable#redirect_from: a list without nils, or the one value."""
    if isinstance(value, list):
        return [v for v in value if v is not None]
    return [] if value is None else [value]


def target(value):
    """Redirectable#redirect_to: the first non-nil entry of a list, or the value."""
    if isinstance(value, list):
        return next((v for v in value if v is not None), None)
    return value


def replaced_data(config, page) -> dict | None:
    """What Generator#generate_redirect_to merges into the data of a page, or written document,
    with a `redirect_to` (its RedirectPage's: DEFAULT_DATA and set_paths(url, redirect_to)), its
    content then being the redirect page's output, "", before anything renders; None for others."""
    to = target(page.liquid_meta.get("redirect_to"))
    if to is None or not (page.collection in (None, "posts") or
                          (config.collections.get(page.collection) or {}).get("output")):
        return None
    url = leading_slash(page.page_url)
    return {"sitemap": False, "layout": "redirect", "permalink": url,
            "redirect": {"from": url, "to": resolve_to(config.site, to)}}


def leading_slash(path) -> str:
    text = str(path)
    return text if text.startswith("/") else "/" + text


def resolve_to(site: dict, to) -> str:
    text = str(to)
    return text if re.match(r"^https?://", text) else absolute_url(site, text)


def redirectable(site: dict) -> list:
    """Site#docs_to_write, then site.pages. Site#documents walks the collections as _config.yml
    lists them after posts (add_default_collections merges {"posts" => {}} first), each as read,
    posts oldest first; `site.collections` is sorted by label and is not that order."""
    written = {c.get("label") for c in site.get("collections") or [] if c.get("output")}
    docs = [d for d in site.get("documents") or [] if d.get("collection") in written]
    return docs + list(site.get("pages") or [])


def redirects(site: dict) -> list[Redirect]:
    """Every redirect, in the order jekyll-redirect-from adds them to redirects.json."""
    found = []
    for doc in redirectable(site):
        for path in targets(doc.get("redirect_from")):
            found.append(Redirect(str(jekyll.drop_source(doc)), leading_slash(path), resolve_to(site, doc.get("url"))))
        to = target(doc.get("redirect_to"))
        if to is not None:
            found.append(Redirect(str(jekyll.drop_source(doc)), leading_slash(doc.get("url")), resolve_to(site, to), True))
    return found


def page_url(redirect: Redirect) -> str:
    """The generated page's URL: its permalink, as Jekyll's URL class cleans it."""
    return jekyll.sanitize_url(redirect.from_url)


def html(site: dict, redirect: Redirect) -> str:
    """jekyll-redirect-from's redirect.html layout (a site's own _layouts/redirect.html wins)."""
    page = {"url": page_url(redirect), "permalink": redirect.from_url, "layout": "redirect",
            "sitemap": False, "redirect": {"from": redirect.from_url, "to": redirect.to}}
    return render(site, "redirect.html", None, page=page, content="")


def page_data(redirect: Redirect) -> dict:
    """The front matter jekyll-redirect-from gives a redirect page, for a site's own layout."""
    return {"permalink": redirect.from_url, "layout": "redirect", "sitemap": False,
            "redirect": {"from": redirect.from_url, "to": redirect.to}}


def json_text(found: list[Redirect]) -> str:
    """redirects.json: Ruby's Hash#to_json (a later redirect from the same URL wins, in place)."""
    mapping: dict = {}
    for redirect in found:
        mapping[redirect.from_url] = redirect.to
    return json.dumps(mapping, ensure_ascii=False, separators=(",", ":"))


def json_enabled(site: dict) -> bool:
    config = site.get("redirect_from")
    return not (isinstance(config, dict) and config.get("json") is False)
