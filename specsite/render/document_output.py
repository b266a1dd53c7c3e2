"""A document's `output` as another page's Liquid reads it: Jekyll 4.3 renders every collection
document, layouts included (Site#render: render_docs before render_pages), and keeps
Document#output, so a page that prints `post.output` (or a post whole: Document#to_s) gets the
document in its layouts. Made when first read, in the process that reads it, as the page's own
render would make it (jekyll.drops.Drop._placed: only for documents Jekyll has rendered by then)."""
from __future__ import annotations

from .. import plugins
from .layouts import chain, layout_name
from .placing import SiteLayouts, after_layouts, placed


def placer(config, liquid, layouts: SiteLayouts):
    """place(page, drop) -> (output, the layouts and includes it read), for BodyLiquid.place,
    in the layouts the build's renderer places the pages in; what they report is reported by
    the documents' own renders, not here."""
    enabled = plugins.enabled(config.site)

    def place(page, drop):
        content = drop["content"]
        used: set = set()
        page_path = config.source / page.rel

        def render(layout, variables):
            output, includes = liquid.render_layout_nested(layout, page_path=page_path, variables=variables)
            used.add(config.source / layout.rel)
            used.update(includes)
            return output
        output = placed(chain(layouts.layouts, layout_name(page.meta)), content, drop, render)
        return after_layouts(output, drop, page.meta, enabled, liquid.globals.get("site") or {}), frozenset(used)
    return place
