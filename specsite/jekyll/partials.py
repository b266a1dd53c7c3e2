"""Jekyll's LiquidRenderer keeps each parsed template for the whole build under its source-relative
path (LiquidRenderer::File#parse: `cache[filename] ||= Liquid::Template.parse(content)`). A page's
own render parses its body under its path, and `{% include_relative %}` of that page's file parses
the whole file (front matter and all) under the same path: whichever comes first in Site#render's
order (documents, then pages by name) is what both render. A page included by a page rendered
before it is rendered whole, its front matter as text; one rendered first is included without it."""
from __future__ import annotations

import posixpath
import re

_INCLUDE_RELATIVE = re.compile(r"\{%-?\s*include_relative\s+([^\s%{}]+)")


def _liquid(page) -> bool:
    """Convertible#render_with_liquid?: not turned off, and a Liquid construct in the body."""
    return page.meta.get("render_with_liquid", True) is not False and ("{%" in page.body or "{{" in page.body)


def shared_parses(ranked: list) -> tuple[dict, dict]:
    """For the pages and documents in render order: ({rel: body} of those whose own body is parsed
    before any include_relative of them, which then includes the body; {rel: includer rels} of
    those an earlier page's include_relative parsed whole, which then render the whole file)."""
    rank = {page.rel: i for i, page in enumerate(ranked)}
    includers: dict = {}
    for i, page in enumerate(ranked):
        if "include_relative" not in page.body or not _liquid(page):
            continue
        folder = posixpath.dirname(page.rel)
        for name in _INCLUDE_RELATIVE.findall(page.body):
            target = posixpath.normpath(posixpath.join(folder, name))
            if target in rank and target != page.rel:
                includers.setdefault(target, []).append(i)
    body_first, whole_first = {}, {}
    for target, ranks in includers.items():
        page = ranked[rank[target]]
        if not _liquid(page):
            continue  # (its render parses nothing: every include_relative reads the whole file)
        if rank[target] < min(ranks):
            body_first[target] = page.body
        else:
            whole_first[target] = tuple(sorted({ranked[k].rel for k in ranks}))
    return body_first, whole_first


def attach(order, listed: list) -> None:
    """Set the RenderOrder's body_first and whole_first for the site's pages and documents."""
    by_rel = {page.rel: page for page in listed}
    order.body_first, order.whole_first = shared_parses([by_rel[rel] for rel in order.rank if rel in by_rel])
