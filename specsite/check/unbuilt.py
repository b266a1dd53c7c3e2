"""Posts that exist in the source but are not built (a draft, a future date, `published: false`):
a plain link to the page one would make says why it is missing and how to build it, in the words
the `{% link %}` tag uses for the same file (liquid/unwritten.py), not "create the page"."""
from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path

from ..liquid.unwritten import unwritten_source

_POST_NAME = re.compile(r"(\d{4})-(\d{2})-(\d{2})-(.+)\.[^.]+$")
_DRAFT_NAME = re.compile(r"(.+)\.[^.]+$")
_SKIPPED = {".git", "node_modules", "vendor", "_site", ".specsite-cache", ".jekyll-cache", ".bundle"}
_DATE = re.compile(r"(?:^|/)(\d{4})/(\d{2})/(\d{2})(?:/|$)")


def unbuilt_posts(root: str, built: dict) -> dict:
    """{slug: [(source-relative path, (year, month, day) or None)]} of the files in the source's
    `_posts` and `_drafts` folders that no built page comes from (`built`: SiteIndex.sources)."""
    found: dict = {}
    if not root:
        return found
    for top, folders, names in os.walk(root):
        folders[:] = [f for f in folders if f not in _SKIPPED]
        rel_top = os.path.relpath(top, root).replace(os.sep, "/")
        parts = rel_top.split("/")
        kind = "_posts" if "_posts" in parts else "_drafts" if "_drafts" in parts else None
        if kind is None:
            continue
        for name in names:
            rel = name if rel_top == "." else f"{rel_top}/{name}"
            if rel in built:
                continue
            m = _POST_NAME.match(name) if kind == "_posts" else _DRAFT_NAME.match(name)
            if m is not None:
                slug, date = (m.group(4), m.groups()[:3]) if kind == "_posts" else (m.group(1), None)
                found.setdefault(slug.lower(), []).append((rel, date))
    return found


def unbuilt_source(path: str, root: str, posts: dict):
    """(source, why, hint) when the missing `path` (`2099/01/01/future.html`, `blog/future/`)
    names a post or draft that exists but is not built; None otherwise."""
    name = path.rstrip("/")
    base = posixpath.basename(name)
    if base in ("index.html", "index.htm"):
        base = posixpath.basename(posixpath.dirname(name))
    slug = base.rsplit(".", 1)[0] if base.endswith((".html", ".htm")) else base
    dated = _DATE.search(name)
    for rel, date in posts.get(slug.lower(), ()):
        if dated is not None and date is not None and dated.groups() != tuple(date):
            continue
        unwritten = unwritten_source(Path(root), rel)
        if unwritten is not None:
            return (rel, *unwritten)
    return None
