"""A page's output as Jekyll 4.3 makes it: its content through its layout chain
(Renderer#place_in_layouts), then what the plugins change in the output (a redirect page,
@mentions). One piece for the page's own render (jekyll_site.JekyllRenderer) and for a
document's output read by another page's Liquid (placer), with the layouts both read: the
site's, read once per build (read_layouts).

A document's `output` as another page's Liquid reads it: Jekyll 4.3 renders every collection
document, layouts included (Site#render: render_docs before render_pages), and keeps
Document#output, so a page that prints `post.output` (or a post whole: Document#to_s) gets the
document in its layouts. Made when first read, in the process that reads it, as the page's own
render would make it (jekyll.drops.Drop._placed: only for documents Jekyll has rendered by then).
"""
from __future__ import annotations

from collections.abc import Callable

from .. import plugins
from ..diagnostics import Diagnostics
from .layouts import Layout, chain, layout_name, load_layouts, merged_data


class SiteLayouts:
    """A Jekyll site's layouts by name, a gem theme's behind the site's own (Jekyll's
    LayoutReader: site first), and what reading them reported (the render stage reports it).
    Slotted, not a dataclass (write.Manifest says why)."""

    __slots__ = ("layouts", "diagnostics")

    def __init__(self, layouts: dict, diagnostics: tuple):
        self.layouts, self.diagnostics = layouts, diagnostics


def read_layouts(config, sources) -> SiteLayouts:
    found = Diagnostics()
    layouts = {**load_layouts(sources.theme_layouts_dir, config.source, found),
               **load_layouts(sources.layouts_dir, config.source, found)}
    return SiteLayouts(layouts, tuple(found.items))


def placed(layouts: list[Layout], content: str, page, render: Callable[[Layout, dict], str]) -> str:
    """`content` through `layouts` (innermost first): each layout's variables are the page, the
    output so far as `content`, and the merged front matter of the layouts applied so far as
    `layout`; `render(layout, variables)` gives that layout's output."""
    output = content
    for applied, layout in enumerate(layouts):
        output = render(layout, {"page": page, "content": output, "layout": merged_data(layouts[:applied + 1]),
                                 "paginator": None})
    return output


def after_layouts(output: str, drop, meta, enabled, site, failed: Callable | None = None) -> str:
    """What the `enabled` plugins make of a page's output: jekyll-redirect-from's page for a
    `redirect_to`, jekyll-mentions' links; `failed(error)` hears of a mentions configuration
    that does not work (the output stays as it was)."""
    if "jekyll-redirect-from" in enabled and meta.get("redirect_to"):
        output = plugins.redirect_to(drop, site) or output
    if "jekyll-mentions" in enabled:
        try:
            output = plugins.mentionify(output, drop, site)
        except plugins.MentionsConfigError as err:
            if failed is not None:
                failed(err)
    return output


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
