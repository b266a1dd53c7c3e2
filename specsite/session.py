"""What a run of builds remembers between its stages and between rebuilds.

`build` and `check` make a fresh Session per run; the preview server keeps one across rebuilds
(`Session.preview()`), so an edit re-reads, re-parses and re-checks only what it touched. Nothing
of this lives in module globals: two sessions share nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .frontmatter import FrontMatterMemo


@dataclass(eq=False)
class Session:
    """`cache`: a ParseCache (in memory for serve, on disk for build) or None (--no-cache).
    `remember_by_stat`: a file whose size, modification time and configuration are unchanged is
    taken as read last time — only for the preview, whose rebuilds follow the watcher's events (a
    one-shot build reads every file: coarse timestamps could hide a same-size edit in a tick).
    `link_memo`: link verdicts kept between rebuilds (check.internal.LinkMemo), or None."""

    cache: object = None
    remember_by_stat: bool = False
    link_memo: object = None
    files: dict = field(default_factory=dict)  # rel -> (stat key, what it is, diagnostics): discover
    # front matter by file digest (for the disk cache); the texts themselves only in the preview,
    # which reads the same files again (a build would keep every page's text twice)
    front_matter: FrontMatterMemo = field(default_factory=lambda: FrontMatterMemo(texts=False))
    jinja: dict = field(default_factory=dict)  # (template folders, root) -> Jinja2 environment: theme
    search_documents: dict | None = None  # url -> (inputs, document): searchindex (the preview's only)
    now: object = None  # site.time of its builds (diff builds both sides at one instant), else the clock's

    MAX_FILES = 50000  # a memo of more files than any site has: something is walking a huge tree

    @classmethod
    def preview(cls) -> Session:
        """The session of `serve`: an in-memory parse cache, files remembered by stat, link verdicts."""
        from .cache import ParseCache
        from .check.internal import LinkMemo
        return cls(cache=ParseCache(), remember_by_stat=True, link_memo=LinkMemo(), search_documents={},
                   front_matter=FrontMatterMemo())

    def begin(self):
        """Before a build: front matter the disk cache knows (unchanged files are not parsed again),
        and the digests of the texts split, for the cache's digests of pages."""
        if self.cache is not None:
            self.front_matter.known.update(self.cache.splits)
            self.cache.splits = {}
            self.cache.bodies = self.front_matter.bodies  # the digests of the texts of the pages' bodies
