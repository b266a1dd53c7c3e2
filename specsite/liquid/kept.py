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
    bodies that qualify; `include` notes, as each include is first read, whether it qualifies."""

    def __init__(self, site: dict):
        # a collection's documents are `site.<label>`: every list of the site is taken for one
        self.exposing = EXPOSING | {key for key, value in site.items() if isinstance(value, (list, tuple))}
        self._kept: dict = {}
        self._size = 0
        self._includes: dict = {}  # include path -> its Liquid reads only its page

    def include(self, path, source: str) -> None:
        self._includes[path] = reads_only_its_page(source, self.exposing)

    def keep(self, key: tuple, output: str, includes) -> None:
        """`key`'s output, if its body and every include it read qualify (`includes`: paths)."""
        if self._size + len(output) > _LIMIT or key in self._kept:
            return
        if not all(self._includes.get(path, False) for path in includes) or \
                not reads_only_its_page(key[1], self.exposing):
            return
        self._kept[key] = (output, frozenset(includes))
        self._size += len(output)

    def get(self, key: tuple):
        """(output, includes) kept for `key`, or None."""
        return self._kept.get(key)
