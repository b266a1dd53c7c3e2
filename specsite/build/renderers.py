"""The renderers a build shares between its stages: highlighting, markdown, Liquid."""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .. import plugins
from ..config import SiteConfig
from ..discover import Sources
from ..discover.filter import renders_as_jekyll
from ..highlight import Highlighter
from ..kramdown_options import DEFAULT_QUOTES
from ..jekyll.render_order import ORDER_KEY
from ..liquid import LiquidRenderer
from ..markdown import MarkdownRenderer

if TYPE_CHECKING:
    from ..render.placing import SiteLayouts

# specsite's own theme (jinja2) is imported only by a build that uses it: a Jekyll site never does.
THEME_DIR = Path(__file__).parent.parent / "theme"


@dataclass(frozen=True)
class Renderers:
    """The renderers one build shares across its pages."""
    highlighter: Highlighter
    markdown: MarkdownRenderer
    liquid: LiquidRenderer
    layouts: SiteLayouts | None = None  # a Jekyll site's layouts, read once for the build


def make_renderers(config: SiteConfig, sources: Sources) -> Renderers:
    highlighter = Highlighter()
    jekyll_site = jekyll_layouts(config, sources)
    markdown = MarkdownRenderer(hard_wrap=config.hard_wrap, id_prefix=config.auto_id_prefix,
                                jekyll_markup=jekyll_site,
                                auto_ids=config.auto_ids, toc_levels=config.toc_levels,
                                smart_quotes=config.smart_quotes, extras=config.kramdown_extras,
                                highlighter=highlighter)
    layouts = None
    if jekyll_site:
        from ..render.placing import read_layouts
        layouts = read_layouts(config, sources)
    liquid = make_liquid(config, sources, markdown, highlighter, layouts)
    from ..jekyll.counters import reads_payload, uses_counters
    if uses_counters(sources, layouts) or jekyll_site and reads_payload(sources):
        # (build.render renders the pages again in Jekyll's order with them, and with the
        # `content` and `layout` each render leaves to the next; in specsite's theme too)
        liquid.counters = {}
    return Renderers(highlighter, markdown, liquid, layouts)


def make_liquid(config: SiteConfig, sources: Sources, markdown, highlighter, layouts=None) -> LiquidRenderer:
    """`layouts`: a Jekyll site's (render.placing.SiteLayouts), where a document's output is
    placed when another page reads it."""
    from .. import jekyll  # site.*, jekyll.*, and the targets of {% link %} / {% post_url %}
    body_liquid = jekyll.BodyLiquid()
    redirected = None
    if "jekyll-redirect-from" in plugins.enabled(config.site):  # (a redirect_to page's data and content)
        from ..plugins.redirects import replaced_data
        redirected = partial(replaced_data, config)
    globals_ = jekyll.liquid_globals(config, sources, markdownify=markdown.render_inline, body_liquid=body_liquid,
                                     redirected=redirected)
    render_order = globals_.pop(ORDER_KEY)
    plugins.add_listed(globals_["site"], config, sources)  # (generators' pages, before any page renders)
    # specsite's own includes (note.html, tip.html …) only where its theme renders the site: in
    # a site's own layouts, `{% include note.html %}` without _includes/note.html stops Jekyll
    include_dirs = list(sources.include_dirs) + ([] if jekyll_layouts(config, sources) else [THEME_DIR / "includes"])
    plugins_dir = str(config.site.get("plugins_dir") or "_plugins")
    liquid = LiquidRenderer(include_dirs, globals_, source_root=config.source,
                          highlight=highlighter.block, highlight_code=highlighter.code,
                          markdownify=markdown.render_inline,
                          baseurl=config.baseurl, url=str(config.site.get("url") or ""),
                          files=jekyll.link_targets(sources, _listed(globals_["site"])), posts=jekyll.post_targets(sources),
                          plugin_names=plugins.enabled(config.site), render_order=render_order,
                          ruby_tags=plugins.ruby_plugin_tags(config.source, plugins_dir),
                          unseen_tags=plugins.unseen_tags(config.site, config.source, plugins_dir),
                          refused_plugins=plugins.safe_refused(config.site))
    if config.smart_quotes != DEFAULT_QUOTES:  # (smartify's SmartyPants converter reads the site's kramdown options)
        from ..jekyll.strings import smartify
        liquid.env.filters["smartify"] = partial(smartify, quotes=config.smart_quotes)
    from .. import sass_filters  # (sassify/scssify: the site's Sass converter, compiled on use)
    sass_filters.register(liquid.env, lambda: liquid.globals.get("site"), config.source)
    body_liquid.render = _nested_renderer(liquid)
    body_liquid.count = liquid.count_includes
    if layouts is not None:
        from ..render.placing import placer
        body_liquid.place = placer(config, liquid, layouts)
    return liquid


def _listed(site: dict) -> list:
    """The generators' pages add_listed put in `site.pages` (what `{% link feed.xml %}` finds)."""
    from ..plugins.listed import ListedPage
    return [p for p in site.get("pages") or () if isinstance(p, ListedPage)]


def _nested_renderer(liquid: LiquidRenderer):
    """A document's body Liquid as another page reads it (jekyll.BodyLiquid)."""
    from ..parse import page_vars

    def render(page, text: str, excerpt: bool = False):
        if page.meta.get("render_with_liquid", True) is False:
            return text, ()
        # (previous and next as in its own render: Jekyll renders a document once)
        values = page_vars(page, liquid.render_order, liquid=liquid)
        own = not (excerpt and page.collection)
        if not own:  # (a one-paragraph body is its own excerpt: its own render's output is not the excerpt's)
            values = excerpt_vars(values, text)
        return liquid.render_nested(text, path=liquid.source_root / page.rel, page=values,
                                    line_offset=page.body_line, own=own)
    return render


def excerpt_vars(values: dict, text: str) -> dict:
    """`page` while a document's excerpt renders (Excerpt#to_liquid, an ExcerptDrop): the
    document's, but its path, relative_path and id name the excerpt (`File.join(relative_path,
    "#excerpt")`, `"#{id}#excerpt"`), its content is the excerpt's and it has no excerpt."""
    values = dict(values)
    values["path"] = values["relative_path"] = values["relative_path"] + "/#excerpt"
    values["id"] = f"{values['id']}#excerpt"
    values["content"] = text
    values["excerpt"] = None
    return values


def jekyll_layouts(config: SiteConfig, sources: Sources) -> bool:
    """Whether the site is written as Jekyll writes it, through its layouts or bare, not in our
    theme: discover.filter.renders_as_jekyll, the reader's answer too."""
    return renders_as_jekyll(config, sources.layouts_dir, sources.theme_layouts_dir, sources.template_dirs)
