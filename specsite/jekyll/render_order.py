"""The order Jekyll renders in (Site#render: every collection's documents, posts first, then
site.pages by name), which Liquid can see: a page or document not rendered yet still has its raw
`content` (the file's text after the front matter, Liquid and markdown as written), one rendered
before has its converted content. DocTheme's tag pages print `page.content | truncatewords`
for the pages of a tag that have no summary: raw markdown for those that sort after the tag
page's own name. One per build; the page being rendered is set before its Liquid runs."""
from __future__ import annotations

ORDER_KEY = "__render_order__"  # (in liquid_globals' dict only until make_liquid takes it out)


class RenderOrder:
    __slots__ = ("rank", "current", "in_body", "siblings", "body_first", "whole_first")

    def __init__(self, rels: list):
        self.rank = {rel: i for i, rel in enumerate(rels)}
        # jekyll.partials.shared_parses: a page an include_relative reads as its body (rendered
        # first), or one rendered whole (an earlier page included it first) with those pages
        self.body_first: dict = {}
        self.whole_first: dict = {}
        self.siblings: dict = {}  # a document's rel: its (previous, next) drops, for its body's `page`
        self.current = None  # the rel of the page or document being rendered (None: all rendered)
        self.in_body = False  # its body's Liquid is running (not a layout's)

    def rendered(self, rel: str) -> bool:
        """`rel` has its converted content for the page being rendered now: its own in its
        layouts, not while its body's Liquid runs (Jekyll converts the content afterwards)."""
        if self.current is None:
            return True
        if rel == self.current:
            return not self.in_body
        mine, theirs = self.rank.get(self.current), self.rank.get(rel)
        return mine is None or theirs is None or theirs < mine
