"""HTML files copied as they are (no front matter) are published too: their ids and links are
recorded, at their own file:line, like a rendered page's."""
from __future__ import annotations

import html as html_lib
from dataclasses import dataclass
from pathlib import Path

from ..jekyll import HTML_EXTS
from ..parse import Link
from .scan import links_and_ids

MAX_BYTES = 5_000_000  # a multi-megabyte "HTML" file is an export, not a page: its size is no reason to hang


@dataclass(frozen=True)
class StaticPage:
    """The ids and links of an HTML file copied without rendering."""
    ids: frozenset
    links: tuple


def scan_static(path: Path, rel: str, url: str) -> StaticPage | None:
    """The ids and links of a copied HTML file; None when it is not one or cannot be read."""
    if not url.endswith(HTML_EXTS):
        return None
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        text = path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return None
    return scan_html_text(text, rel, url)


def scan_html_text(text: str, rel: str, url: str) -> StaticPage | None:
    """The ids and links of an HTML page written as it is (None for other files)."""
    if not url.endswith(HTML_EXTS):
        return None
    raw_links, ids = links_and_ids(text)
    links = []
    cursor = 0
    for href, tag in raw_links:
        offset = _find(text, href, cursor)
        if offset is None:
            line, col = None, None
        else:
            cursor = offset
            line = text.count("\n", 0, offset) + 1
            col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        links.append(Link(href, rel, line, col, tag, url))
    return StaticPage(ids, tuple(links))


def _find(text: str, href: str, start: int) -> int | None:
    for needle in (href, html_lib.escape(href, quote=True), html_lib.escape(href, quote=False)):
        if not needle:
            continue
        found = text.find(needle, start)
        if found >= 0:
            return found
    return None
