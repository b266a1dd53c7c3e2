"""A document's `output` as another page's Liquid reads it: Jekyll 4.3 renders every collection
document, layouts included (Site#render: render_docs before render_pages), and keeps
Document#output, so a page that prints `post.output` (or a post whole: Document#to_s) gets the
document in its layouts. Made when first read, in the process that reads it, as the page's own
render would make it (jekyll.drops.Drop._placed: only for documents Jekyll has rendered by then)."""
from __future__ import annotations

from .. import plugins
from ..diagnostics import Diagnostics
from .layouts import chain, layout_name, load_layouts, merged_data


def placer(config, sources, liquid):
    """place(page, drop) -> (output, the layouts and includes it read), for BodyLiquid.place.
    The layouts are read when a document's output is first asked for (few sites ask); what
    they report is reported by the documents' own renders, not here."""
    layouts: dict = {}
    read: list = []
    enabled = plugins.enabled(config.site)

    def place(page, drop):
        if not read:  # (a gem theme's layouts stand behind the site's own, as in JekyllRenderer)
            read.append(True)
            layouts.update(load_layouts(sources.theme_layouts_dir, config.source, Diagnostics()))
            layouts.update(load_layouts(sources.layouts_dir, config.source, Diagnostics()))
        output = drop["content"]
        used: set = set()
        applied = chain(layouts, layout_name(page.meta))
        page_path = config.source / page.rel
        for count, layout in enumerate(applied):
            variables = {"page": drop, "content": output, "layout": merged_data(applied[:count + 1]),
                         "paginator": None}
            output, includes = liquid.render_layout_nested(layout, page_path=page_path, variables=variables)
            used.add(config.source / layout.rel)
            used |= includes
        site = liquid.globals.get("site") or {}
        if "jekyll-redirect-from" in enabled and page.meta.get("redirect_to"):
            output = plugins.redirect_to(drop, site) or output
        if "jekyll-mentions" in enabled:
            try:
                output = plugins.mentionify(output, drop, site)
            except plugins.MentionsConfigError:
                pass  # (the document's own render reports it)
        return output, frozenset(used)
    return place
