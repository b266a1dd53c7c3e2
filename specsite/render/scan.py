"""The links and ids of a written page, as markdown.scan._scan finds them, without the block lines
it also works out: a written page has no data-sourcepos left, so each of those look-ups scanned
back to the start of the page (on dose-syntax a fifth of the render stage)."""
from __future__ import annotations

import html

from ..markdown.scan import _LINK_TAG, ATTR, LINK_ATTRS, _hidden_spans, id_attributes, inside


def links_and_ids(body: str, memo: dict | None = None) -> tuple[list[tuple[str, str]], frozenset]:
    """([(href, tag)] in document order, {id}): the same links and ids as markdown.scan._scan.
    `memo` (the caller's, kept across pages) holds what each tag's markup gave: a layout writes
    the same sidebar and navigation tags on every page."""
    links: list[tuple[str, str]] = []
    ids: set = set()
    hidden = _hidden_spans(body)
    memo = {} if memo is None else memo
    for m in _LINK_TAG.finditer(body):
        if hidden and inside(hidden, m.start()):
            continue
        key = m.group(1, 2)
        found = memo.get(key)
        if found is None:
            found = memo[key] = _tag(key[0].lower(), key[1])
        links.extend(found[0])
        if found[1] is not None:
            ids.add(found[1])
    ids.update(value for _, value in id_attributes(body, hidden))
    return links, frozenset(ids)


def _tag(tag: str, markup: str) -> tuple[tuple, str | None]:
    """(the links, the `name` anchor) of one link tag's markup."""
    attrs = {k.lower(): html.unescape((a or b or c)) for k, a, b, c in ATTR.findall(markup)}
    links = []
    link_attr = LINK_ATTRS[tag]
    if link_attr in attrs:
        links.append((attrs[link_attr], tag))
    if tag == "img" and "srcset" in attrs:
        for candidate in attrs["srcset"].split(","):
            if candidate.strip():
                links.append((candidate.split()[0], tag))
    name = attrs.get("name") if tag == "a" and attrs.get("name") and attrs.get("name") != attrs.get("id") else None
    return tuple(links), name
