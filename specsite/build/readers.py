"""Which pages' Liquid reads other pages' bodies (a search.json, DocTheme's tag pages): reading
`page.content` of another page converts that page's markdown once more, lazily, in the process
that asks. The parse stage gives all such pages to one process, so that each body is converted
in one process only. Told from the text of the page and of the includes it names (a name made
by Liquid is not followed): a guess that only decides who parses what, never what comes out."""
from __future__ import annotations

import re

from ..liquid_markup import TOKEN as LIQUID_TOKEN
from ..liquid_reads import liquid_of

# a list of the site's pages or documents (cache._reads, which decides what a cached page depends
# on, is broader: any site.*), and a word that reads what is made of a body (not an include's
# parameter: {{ include.content }} in a callout)
_LISTS = r"pages|html_pages|posts|documents|collections|categories|tags"
_BODIES = re.compile(r"(?<!include\.)\b(?:content|excerpt|output)\b|\b(?:jsonify|inspect)\b")
_INCLUDE = re.compile(r"\{%-?\s*(include_relative|include)\s+([^\s%{}]+)")


def body_readers(pages, liquid) -> dict:
    """{index: what it reads} of the pages whose Liquid (with the includes it names) reads other
    pages' bodies; what it reads: "pages", "posts" and/or "documents" (see _scope)."""
    seen: dict = {}
    found = {}
    labels = {page.collection for page in pages if page.collection and page.collection != "posts"}
    names = "".join("|" + re.escape(label) for label in sorted(labels))
    lists = re.compile(rf"\bsite\s*(?:\.\s*(?:{_LISTS}{names})\b|\[)|\bpaginator\b")
    for i, page in enumerate(pages):
        if page.meta.get("render_with_liquid", True) is False:
            continue
        code = _code(page.body, liquid, liquid.source_root / page.rel, seen)
        if lists.search(code) and _BODIES.search(code):
            found[i] = _scope(code, labels)
    return found


def _scope(code: str, labels) -> frozenset:
    """Which `site` lists the Liquid reads: site.pages / html_pages; site.posts (and what is made
    of them: categories, tags, the paginator); site.documents, collections or a collection."""
    scope = set()
    if re.search(r"site\.(?:pages|html_pages)\b", code):
        scope.add("pages")
    if re.search(r"site\.(?:posts|categories|tags)\b|paginator", code):
        scope.add("posts")
    names = "|".join(re.escape(label) for label in sorted(labels))
    if re.search(r"site\.(?:documents|collections" + (f"|{names}" if names else "") + r")\b", code):
        scope.update(("posts", "documents"))
    return frozenset(scope or ("pages", "posts", "documents"))  # (site.<something else>: any)


def _code(text: str, liquid, path, seen: dict) -> str:
    """The Liquid of `text` and of the includes it names, each include once."""
    code = liquid_of(text)
    parts = [code]
    for kind, name in _INCLUDE.findall(code):
        found = liquid.find_include(name, path.parent if kind == "include_relative" else None)
        if found is None or found in seen:
            continue
        seen[found] = ""  # (an include that includes itself)
        try:
            included = found.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        seen[found] = _code(included, liquid, found, seen)
    parts.extend(seen.get(liquid.find_include(name, path.parent if kind == "include_relative" else None), "")
                 for kind, name in _INCLUDE.findall(code))
    return "\n".join(part for part in parts if part)


class Contents:
    """The converted contents of the pages that the readers ({index: scope}, body_readers) may
    read, made ahead of them, by whichever process is free (one build; the drops are this
    process's). Only those a reader can see converted: of a list it reads, and rendered before
    it (jekyll.render_order: a page rendered later shows its raw text)."""

    def __init__(self, liquid, markdown, pages, readers: dict):
        self.markdown = markdown
        self.drops: dict = {}
        site = liquid.globals.get("site") or {}
        for key in ("pages", "documents"):
            for drop in site.get(key) or ():
                self.drops.setdefault(drop.get("path"), drop)
        self.scope = frozenset().union(*readers.values())
        self.rank = getattr(liquid.render_order, "rank", None)
        ranks = [self.rank.get(pages[i].rel) for i in readers] if self.rank is not None else [None]
        self.last = None if None in ranks else max(ranks)  # None: every page may be read converted

    def made_by_parse(self, page) -> bool:
        """Whether the page's parse is its content: every page but a Sass one (jekyll.drops renders
        the body's Liquid, then converts it, as Jekyll has rendered documents before pages: what
        the parse makes)."""
        return not page.rel.endswith((".scss", ".sass"))

    def to_make(self, page) -> bool:
        """A markdown page whose converted content a reader may read, and not its parse."""
        kind = "pages" if page.collection is None else "posts" if page.collection == "posts" else "documents"
        rank = self.rank.get(page.rel) if self.last is not None else None
        return (page.markdown and kind in self.scope and page.rel in self.drops
                and (rank is None or rank < self.last) and not self.made_by_parse(page))

    def make(self, page) -> str:
        """The body converted without its Liquid (jekyll.drops' reading while a page's own Liquid runs);
        not needed while made_by_parse holds for every markdown page."""
        return self.markdown.render_inline(LIQUID_TOKEN.sub(lambda m: m.group(1) or "", page.body))

    def give(self, page, html) -> None:
        drop = self.drops.get(page.rel)
        if drop is not None and html is not None:
            drop.set_content(html)

    def give_parsed(self, page, result) -> None:
        if self.made_by_parse(page):
            self.give(page, getattr(result, "html", None))
