"""The link check of a cached build: a page's findings are kept with the parse cache and reused
while the page (its source and parse result) and everything the check reads of the site (the
index of files, ids, titles and sources, and the baseurl) are unchanged. An edit that leaves the
site's index as it was re-checks only the edited page's links; one that changes it, all of them."""
from __future__ import annotations

import marshal

from ..check.internal import SiteIndex, check_links
from ..digests import blake2b


def page_findings(pages: list, index: SiteIndex, digest: bytes, cache, unique) -> list | None:
    """Findings of every page's links, in page order, as check_links(unique(all links)) gives
    them; None when the pages cannot be checked apart (two pages at one URL: their links are
    de-duplicated together). `digest`: index_digest(index)."""
    urls = [parsed.source.url for parsed in pages]
    if len(set(urls)) != len(urls) or any(link.page != parsed.source.url
                                           for parsed in pages for link in parsed.links):
        return None
    known = cache.link_findings(digest)
    findings, kept, checked = [], {}, []
    for parsed in pages:
        key = cache.render_key(b"links", parsed)
        entry = known.get(parsed.source.rel)
        if entry is not None and entry[0] == key:
            found = entry[1]
        else:
            found = tuple(check_links(list(unique(parsed.links)), index))
            checked.append(parsed.source.rel)
        kept[parsed.source.rel] = (key, found)
        findings.extend(found)
    cache.keep_link_findings(kept)
    cache.checked_now = tuple(checked)
    return findings


def layout_findings(links, index: SiteIndex, digest: bytes, cache, check) -> list:
    """`check(links, index)` (check_layout_links: the links layouts, includes and data files
    write into pages, each broken one found once), kept with the cache while those links and
    the site's index are the same: they are most of a site's links (a GP Connect sidebar on
    every page), and their hints load the fuzzy matcher (10-20 ms of an edit's build)."""
    # marshal version 2 writes every value out (no references: the same bytes for equal links
    # whichever strings are one object), five times faster than repr
    key = blake2b(marshal.dumps((digest, tuple(map(tuple, links))), 2), digest_size=16).digest()
    kept = cache.layout_findings(key)
    if kept is not None:
        return list(kept)
    found = check(links, index)
    cache.keep_layout_findings(key, tuple(found))
    return found


def index_digest(index: SiteIndex) -> bytes:
    """All a link's verdict can depend on besides the link (check.internal.check_link)."""
    text = repr((index.baseurl, sorted(index.files), sorted((url, sorted(ids)) for url, ids in index.ids.items()),
                 sorted(index.titles.items(), key=repr), sorted(index.sources.items())))
    return blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
