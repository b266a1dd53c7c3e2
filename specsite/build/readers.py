"""Which pages' Liquid reads other pages' bodies (a search.json, DocTheme's tag pages): reading
`page.content` of another page renders that page's Liquid again and converts its markdown,
lazily, in the process that asks, and the includes that reads count for the first page that
reads it (jekyll.drops). The parse stage parses such pages in one process, in page order, after
the others, as one process would. Told from the text of the page and of the includes it names
(a name made by Liquid is not followed): a guess that only decides who parses what, never what
comes out."""
from __future__ import annotations

import re
from pathlib import Path

from ..jekyll import drops_by_path
from ..liquid.source_map import has_liquid
from ..liquid_markup import TOKEN as LIQUID_TOKEN
from ..liquid_reads import liquid_of

# a list of the site's pages or documents (cache_keys.reads, which decides what a cached page depends
# on, is broader: any site.*), and a word that reads what is made of a body (not an include's
# parameter: {{ include.content }} in a callout)
_LISTS = r"pages|html_pages|posts|documents|collections|categories|tags"
_BODIES = re.compile(r"(?<!include\.)\b(?:content|excerpt|output)\b|\b(?:jsonify|inspect)\b")
_INCLUDE = re.compile(r"\{%-?\s*(include_relative|include)\s+([^\s%{}]+)")


def body_readers(pages, liquid) -> list[int]:
    """Indices of the pages whose Liquid (with the includes it names) reads other pages' bodies."""
    seen: dict = {}
    labels = "".join("|" + re.escape(label) for label in sorted(
        {page.collection for page in pages if page.collection and page.collection != "posts"}))
    lists = re.compile(rf"\bsite\s*(?:\.\s*(?:{_LISTS}{labels})\b|\[)|\bpaginator\b")
    found = []
    for i, page in enumerate(pages):
        if page.meta.get("render_with_liquid", True) is False:
            continue
        code = _code(page.body, liquid, liquid.source_root / page.rel, seen)
        if lists.search(code) and _BODIES.search(code):
            found.append(i)
    return found


def _code(text: str, liquid, path, seen: dict) -> str:
    """The Liquid of `text` and of the includes it names, each include once."""
    code = liquid_of(text)
    parts = [code]
    for kind, name in _INCLUDE.findall(code):
        found = liquid.find_include(name, path.parent if kind == "include_relative" else None)
        if found is None:
            continue
        if found not in seen:
            seen[found] = ""  # (an include that includes itself)
            try:
                included = found.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            seen[found] = _code(included, liquid, found, seen)
        parts.append(seen[found])
    return "\n".join(part for part in parts if part)


class Contents:
    """The `site` drops of this process: the readers parsed here find the converted content of
    a page another process parsed as its parse, instead of converting its body again. What
    jekyll.drops makes of a markdown body is markdownify(its Liquid rendered again, as its own
    parse renders it): its parse. With a parse cache, rendering a page's Liquid for its first
    reader counts the includes it reads for that reader, and the cache checks a page's includes
    (build --no-cache keeps none): a body with Liquid is given with the includes its parse read
    (`counted`: they count for each reader, as its Liquid rendered again would count them),
    unless it reads other pages' bodies itself (`readers`: what it reads of them is not what
    its own parse read), or is not given (`counted` False: it is rendered again for its reader)."""

    def __init__(self, liquid, with_liquid: bool, counted: bool = False, readers=frozenset()):
        self.with_liquid, self.counted, self.readers = with_liquid, counted, readers
        self.drops = drops_by_path(liquid.globals.get("site") or {})

    def give_parsed(self, page, result) -> None:
        drop = self.drops.get(page.rel)
        html = getattr(result, "html", None)
        if drop is None or html is None or not page.markdown:
            return
        if not self.with_liquid and (LIQUID_TOKEN.search(page.body) or (
                has_liquid(page.body) and page.meta.get("render_with_liquid", True) is not False)):
            if self.counted and page.rel not in self.readers:
                drop.set_content(html, frozenset(Path(path) for path in result.includes))
            return
        drop.set_content(html)
