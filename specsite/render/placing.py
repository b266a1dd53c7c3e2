"""A page's output as Jekyll 4.3 makes it: its content through its layout chain
(Renderer#place_in_layouts), then what the plugins change in the output (a redirect page,
@mentions). One piece for the page's own render (jekyll_site.JekyllRenderer) and for a
document's output read by another page's Liquid (document_output.placer), with the layouts both
read: the site's, read once per build (read_layouts)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .. import plugins
from ..diagnostics import Diagnostics
from .layouts import Layout, load_layouts, merged_data


@dataclass(frozen=True)
class SiteLayouts:
    """A Jekyll site's layouts by name, a gem theme's behind the site's own (Jekyll's
    LayoutReader: site first), and what reading them reported (the render stage reports it)."""

    layouts: dict
    diagnostics: tuple


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
