"""What a template's Liquid can read, told from its text: the caches (cache.py, build/render_cache.py)
decide from it what a page depends on. A small module of its own: `build --no-cache` imports the
render stage, never the cache."""
from __future__ import annotations

import re

LIQUID = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)  # a tag or an output (render/origins masks them)
# the clock, or a random draw: what such Liquid makes is never reused (a feed's lastBuildDate is
# the time of the build, as in Jekyll)
_VOLATILE = re.compile(r"\bsite\s*\.\s*time\b|[\"']now[\"']|[\"']today[\"']|\|\s*(?:sample|shuffle)\b")
_TIME = re.compile(r"\bsite\s*\.\s*time\b")
_DATED = re.compile(r"\bsite\s*\.\s*time\s*\|\s*date\s*:\s*(\"[^\"]*\"|'[^']*')\s*(?=[|}%-])")


def liquid_of(text: str) -> str:
    """The Liquid of a template (its tags and outputs), without the text around them."""
    return "\n".join(LIQUID.findall(text)) if "{" in text else ""


def clock_in(liquid: str) -> bool:
    """Whether Liquid (a template's liquid_of, found once for every question asked of it) reads
    the time of the build, or draws at random."""
    return bool(_VOLATILE.search(liquid))


def clock_formats(text: str):
    """The date formats through which its Liquid reads the build time (`site.time | date: "%Y"`,
    a footer's year): what it makes changes only when the time so printed changes. () when it
    reads no clock; None when it reads it otherwise (whole, or "now") or draws at random."""
    liquid = liquid_of(text)
    if not _VOLATILE.search(liquid):
        return ()
    dated = _DATED.findall(liquid)
    if len(dated) != len(_TIME.findall(liquid)) or _VOLATILE.search(_DATED.sub("", liquid)):
        return None
    return tuple(sorted({quoted[1:-1] for quoted in dated}))


# `site.<one of these>` exposes other pages (or files), as does `site.<label>` of a collection.
EXPOSING = frozenset(("pages", "posts", "documents", "collections", "categories", "tags", "html_pages",
                      "static_files", "related_posts"))
# `site` not followed by `.name` (site["pages"], `assign s = site`, `site | jsonify`), other
# pages reached from the page, and the tags that resolve other files' URLs
OTHER_PAGES = re.compile(r"\bsite\b(?!\s*\.\s*\w)|\bpage\s*\.\s*(?:previous|next)\b|\bpaginator\b"
                          r"|\{%-?\s*(?:link|post_url)\b")
# `page` not followed by `.name` (`assign p = page`, page["next"], `page | jsonify`, `include x
# p=page`): a document's previous and next are reachable; told in Liquid without its strings
# (`layout == "page"` reads nothing); not `include.page` nor an include's parameter `page="x"`
_PAGE_WHOLE = re.compile(r"(?<![\w.-])page(?![\w-])(?!\s*\.\s*\w)(?!\s*=(?!=))")
_STRINGS = re.compile(r"\"[^\"]*\"|'[^']*'")


def reads_other_pages(liquid: str) -> bool:
    """Its Liquid (liquid_of) reaches other pages other than through `site.<key>`: `site` or
    `page` not followed by `.name`, page.previous/next, paginator, link or post_url."""
    if OTHER_PAGES.search(liquid):
        return True
    return "page" in liquid and bool(_PAGE_WHOLE.search(_STRINGS.sub('""', liquid)))


# an output's expression ({{ x }}, {{- x | f -}}, {% echo x %}), a loop's variable, an assignment,
# and the filters that pick one item of a list
_OUTPUT = re.compile(r"\{\{-?(.*?)-?\}\}|\{%-?\s*echo\b(.*?)-?%\}", re.S)
_LOOP = re.compile(r"\{%-?\s*for\s+([\w-]+)\s+in\b")
_ASSIGN = re.compile(r"\{%-?\s*assign\s+([\w-]+)\s*=(.*?)-?%\}", re.S)
_ITEM_FILTER = re.compile(r"\|\s*(?:first|last)\b")
# an expression that may hold a page or document rather than one of its values: an index
# (`tag[1]`), a neighbour or a list's end (`page.previous`, `site.posts.last`); `p.title` is a
# value (front matter holds no document)
_WHOLE = re.compile(r".*(?:\]|\.\s*(?:previous|next|first|last))\s*$", re.S)


def _may_be_whole(expression: str, names: set) -> bool:
    head = expression.split("|", 1)[0].strip()
    return head in names or bool(_WHOLE.match(head)) or bool(_ITEM_FILTER.search(expression))


def prints_page_whole(liquid: str) -> bool:
    """Its Liquid (liquid_of) may print a page or document whole (`{{ post }}` in a loop:
    Document#to_s is its output or content), which then depends on that page's body. A bare
    name counts when this Liquid loops over it or assigns it such a value (a name set
    elsewhere, `{{ feedback_text }}`, is taken for a value). Handing one to an include
    (`{% include card.html post=post %}`) counts too: the include may print `include.post`
    or its excerpt, and its own text cannot tell a page from `include.content`'s text."""
    liquid = _STRINGS.sub('""', liquid)
    names = set(_LOOP.findall(liquid))
    assigns = _ASSIGN.findall(liquid)
    for _ in range(2):  # (an assignment from an earlier one)
        names.update(name for name, expression in assigns if _may_be_whole(expression, names))
    if any(_may_be_whole(output or echoed, names) for output, echoed in _OUTPUT.findall(liquid)):
        return True
    return "include" in liquid and any(_may_be_whole(value, names) for markup in _INCLUDE.findall(liquid)
                                       for value in _PARAMETER.findall(markup))


# Jekyll's include tag and its parameters (IncludeTag::VALID_SYNTAX: a value is a string or a
# variable path, no filters)
_INCLUDE = re.compile(r"\{%-?\s*include(?:_relative|_cached)?\s(.*?)-?%\}", re.S)
_PARAMETER = re.compile(r"[\w-]+\s*=\s*([\w.-]+)")


# a Liquid name may hold '-' (Ruby Liquid's and python-liquid's identifiers): `site.case-studies`
SITE_KEY = re.compile(r"\bsite\s*\.\s*(\w[\w-]*)")


def site_keys(liquid: str) -> set:
    """The keys its Liquid reads as `site.<key>`; a trailing '-' is also read without it (in
    `{{site.pages-}}` the '-' is whitespace control)."""
    return {name for key in SITE_KEY.findall(liquid) for name in (key, key.rstrip("-"))}


def sees_other_pages(liquid: str, exposing) -> bool:
    """Its Liquid (liquid_of) reads another page: a `site.<key>` of `exposing`, or what
    reads_other_pages spots."""
    return reads_other_pages(liquid) or any(key in exposing for key in site_keys(liquid))


def reads_only_its_page(text: str, exposing) -> bool:
    """Its Liquid reads no other page (sees_other_pages), no clock and no random draw: what it
    makes depends on its page, the site's configuration and data, and the includes it reads."""
    liquid = liquid_of(text)
    if not liquid:
        return True
    return not _VOLATILE.search(liquid) and not sees_other_pages(liquid, exposing)
