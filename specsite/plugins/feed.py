"""jekyll-feed 0.17: the Atom feeds the configuration asks for (posts, other collections, their
categories, tags) from its own template, and the `{% feed_meta %}` link tag."""
from __future__ import annotations

import os
import re

from liquid import Node, Tag

from .. import jekyll
from ..lists import wrap_list
from .common import absolute_url, first_present, render, tag_markup

MINIFY = r"(?:(?<=>)|(?<=\}))\s+"


def config(site: dict) -> dict:
    value = site.get("feed")
    return value if isinstance(value, dict) else {}


def collections(site: dict) -> dict:
    """{label: {"categories": [...], "path": ...}} as Generator#collections normalises them."""
    conf = config(site)
    raw = conf.get("collections")
    if isinstance(raw, list):
        found = {str(c): {} for c in raw}
    elif isinstance(raw, dict):
        found = {str(k): dict(v) if isinstance(v, dict) else {} for k, v in raw.items()}
    else:
        found = {}
    posts = found.setdefault("posts", {})
    posts["path"] = first_present(posts.get("path"), conf.get("path"))
    posts["categories"] = first_present(posts.get("categories"), conf.get("categories"))
    for meta in found.values():
        meta["categories"] = list(dict.fromkeys(wrap_list(meta.get("categories"))))
    return found


def feed_path(feeds: dict, collection: str = "posts", category=None) -> str:
    prefix = "/feed" if collection == "posts" else f"/feed/{collection}"
    if category is not None:
        return f"{prefix}/{category}.xml"
    return str(feeds.get(collection, {}).get("path") or f"{prefix}.xml")


def pages(site: dict, source_files) -> list[dict]:
    """The feed pages jekyll-feed adds: (`url` and the data its template reads), in its order."""
    conf = config(site)
    if conf.get("disable_in_development") and (os.environ.get("JEKYLL_ENV") or "development") == "development":
        return []
    xsl = _exists(source_files, "feed.xslt.xml")
    made = []
    feeds = collections(site)
    for name, meta in feeds.items():
        for category in meta["categories"] + [None]:
            path = feed_path(feeds, name, category)
            if not _exists(source_files, path):
                made.append(_page(path, xsl, collection=name, category=category))
    tags = site.get("tags") or {}
    if conf.get("tags") and tags:
        tags_conf = conf["tags"] if isinstance(conf["tags"], dict) else {}
        except_ = wrap_list(first_present(tags_conf.get("except"), []))
        only = wrap_list(first_present(tags_conf.get("only"), list(tags)))  # Ruby: [] is true
        base = str(tags_conf.get("path") or "/feed/by_tag/")
        for tag in [t for t in only if t not in except_]:
            if re.search(r"[^a-zA-Z0-9_]", str(tag)):
                continue
            path = f"{base}{tag}.xml"
            if not _exists(source_files, path):
                made.append(_page(path, xsl, tags=tag))
    return made


def _exists(source_files, path: str) -> bool:
    """Generator#file_exists?: a file of that name in the source folder."""
    return str(path).lstrip("/") in source_files


def _page(path: str, xsl: bool, collection="posts", category=None, tags=None) -> dict:
    url = jekyll.sanitize_url(path)
    return {"url": url, "name": path, "layout": None, "sitemap": False, "xsl": xsl,
            "collection": collection, "category": category, "tags": tags}


def xml(site: dict, page: dict) -> str:
    return render(site, "feed.xml", MINIFY, page=page)


# -- {% feed_meta %} ----------------------------------------------------------------------------

def _attr(value) -> str:
    """Ruby's String#encode(xml: :attr): quoted, with & < > " escaped."""
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return f'"{text}"'


def meta_tag(site: dict) -> str:
    conf = config(site)
    path = conf.get("path") or "feed.xml"
    title = first_present(site.get("title"), site.get("name"))
    attributes = {"type": "application/atom+xml", "rel": "alternate", "href": absolute_url(site, path)}
    if title is not None:
        attributes["title"] = title
    return "<link " + " ".join(f"{k}={_attr(v)}" for k, v in attributes.items()) + " />"


class FeedMetaNode(Node):
    __slots__ = ()

    def render_to_output(self, context, buffer) -> int:
        site = context.resolve("site")
        buffer.write(meta_tag(site if isinstance(site, dict) else {}))
        return True


class FeedMetaTag(Tag):
    name = "feed_meta"
    block = False

    def parse(self, stream):
        token, _ = tag_markup(stream)  # its markup is ignored, as the Ruby tag ignores it
        return FeedMetaNode(token)
