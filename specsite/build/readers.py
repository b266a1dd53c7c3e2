"""Which pages' Liquid reads other pages' bodies (a search.json, DocTheme's tag pages): reading
`page.content` of another page converts that page's markdown once more, lazily, in the process
that asks. The parse stage gives all such pages to one process, so that each body is converted
in one process only. Told from the text of the page and of the includes it names (a name made
by Liquid is not followed): a guess that only decides who parses what, never what comes out."""
from __future__ import annotations

import re

from ..liquid.source_map import has_liquid
from ..liquid_markup import TOKEN as LIQUID_TOKEN
from ..liquid_reads import liquid_of

# as cache._reads (not imported: `build --no-cache` never loads the cache): a loop over the site's
# pages or documents, and a word that reads what is made of a body
_SITE_PAGES = re.compile(r"site\.[a-z_]|paginator")
_BODIES = re.compile(r"\b(?:content|excerpt|output|jsonify|inspect)\b")
_INCLUDE = re.compile(r"\{%-?\s*(include_relative|include)\s+([^\s%{}]+)")


def body_readers(pages, liquid) -> list[int]:
    """Indices of the pages whose Liquid (or an include it names) reads other pages' bodies."""
    seen: dict = {}
    return [i for i, page in enumerate(pages)
            if page.meta.get("render_with_liquid", True) is not False
            and _reads(page.body, liquid, liquid.source_root / page.rel, seen)]


def _reads(text: str, liquid, path, seen: dict) -> bool:
    code = liquid_of(text)
    if not code:
        return False
    if _SITE_PAGES.search(code) and _BODIES.search(code):
        return True
    for kind, name in _INCLUDE.findall(code):
        found = liquid.find_include(name, path.parent if kind == "include_relative" else None)
        if found is None:
            continue
        if found not in seen:
            seen[found] = False  # (an include that includes itself)
            try:
                included = found.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            seen[found] = _reads(included, liquid, found, seen)
        if seen[found]:
            return True
    return False


class Contents:
    """The converted contents of the pages that `site` shows Liquid, made ahead of the pages
    that read them, by whichever process is free (one build; the drops are this process's)."""

    def __init__(self, liquid, markdown):
        self.markdown = markdown
        self.drops: dict = {}
        site = liquid.globals.get("site") or {}
        for key in ("pages", "documents"):
            for drop in site.get(key) or ():
                self.drops.setdefault(drop.get("path"), drop)

    def made_by_parse(self, page) -> bool:
        """Whether the page's parse is its content: a markdown body without Liquid (jekyll.drops
        converts the body without its Liquid; the parse converts the body Liquid made)."""
        return page.markdown and not LIQUID_TOKEN.search(page.body) and (
            not has_liquid(page.body) or page.meta.get("render_with_liquid", True) is False)

    def to_make(self, page) -> bool:
        """A markdown page another page's Liquid may read whose content is not its parse."""
        return page.markdown and page.rel in self.drops and not self.made_by_parse(page)

    def make(self, page) -> str:
        """What jekyll.drops makes of the body (markdownify without its Liquid)."""
        return self.markdown.render_inline(LIQUID_TOKEN.sub(lambda m: m.group(1) or "", page.body))

    def give(self, page, html) -> None:
        drop = self.drops.get(page.rel)
        if drop is not None and html is not None:
            drop.set_content(html)

    def give_parsed(self, page, result) -> None:
        if self.made_by_parse(page):
            self.give(page, getattr(result, "html", None))
