"""A page body's Liquid output kept for the pages that read its content (search.json's and the
tag pages' `page.content` of every page): Jekyll renders a page once; here its own render (in
the parse stage) and each read of its content by another page's Liquid (`render_nested`) ran
its Liquid again — on events-management the search page rendered every page's body a second time.

Kept only what cannot differ between the two: a body whose Liquid, and that of every include it
rendered, reads no other page, no clock and no random draw (liquid_reads.reads_only_its_page),
and that rendered without a finding; then its output is a function of the same text, page,
site configuration, data and include files. At most _LIMIT characters are kept in a build."""
from __future__ import annotations

from ..liquid_reads import EXPOSING, reads_only_its_page

_LIMIT = 8_000_000  # (the corpus keeps 0.5 M at most: events-management)


class KeptBodies:
    """(page path, body, line offset) -> (its Liquid output, the includes it read), for the
    bodies that qualify. Whether one qualifies (a scan of its Liquid and of each include's) is
    asked when another page first reads it, not when it is kept: most bodies are never read
    again (events-management's search.json reads them all; ontowiki-docs' tag pages a few)."""

    def __init__(self, site: dict):
        # a collection's documents are `site.<label>`: every list of the site is taken for one
        self.exposing = EXPOSING | {key for key, value in site.items() if isinstance(value, (list, tuple))}
        self._kept: dict = {}  # key -> [output, includes, qualifies (None: not asked yet)]
        self._size = 0
        self._includes: dict = {}  # include path -> its source, then whether its Liquid reads only its page

    def include(self, path, source: str) -> None:
        """An include as first read (its Liquid scanned when a body that read it is asked for)."""
        self._includes[path] = source

    def keep(self, key: tuple, output: str, includes) -> None:
        """`key`'s output, kept for a later reader if its body and every include it read
        qualify (`includes`: paths)."""
        if self._size + len(output) > _LIMIT or key in self._kept:
            return
        self._kept[key] = [output, frozenset(includes), None]
        self._size += len(output)

    def get(self, key: tuple):
        """(output, includes) kept for `key`, or None."""
        entry = self._kept.get(key)
        if entry is None:
            return None
        if entry[2] is None:
            entry[2] = all(self._include_qualifies(path) for path in entry[1]) and \
                reads_only_its_page(key[1], self.exposing)
        return (entry[0], entry[1]) if entry[2] else None

    def _include_qualifies(self, path) -> bool:
        found = self._includes.get(path, False)
        if found.__class__ is str:
            found = self._includes[path] = reads_only_its_page(found, self.exposing)
        return found
