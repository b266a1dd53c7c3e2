"""Render stage: every page in the site's own Jekyll layouts, or in specsite's Jinja2 theme; the
files plugins generate and the static files; the index of what the built site holds."""
from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter

from .. import plugins, releases as release_stage
from ..apart import MIN_INPUTS as APART_MIN_INPUTS
from ..jekyll import is_sass
from ..check.internal import SiteIndex
from ..config import SiteConfig, deep_merge
from ..diagnostics import Diagnostic, Diagnostics, WARNING
from ..discover import SourcePage, Sources
from ..jekyll import HTML_EXTS
from ..outputs import Copy, Page, Stream, Text
from ..parse import Anchor, ParsedPage
from ..render.jekyll_site import JekyllRenderer
from ..render.layouts import chain, layout_name, merged_data
from ..render.static_html import scan_html_text, scan_static
from .navigation import navigation, sidebar_for
from .renderers import THEME_DIR, Renderers, jekyll_layouts
from .site import Rendered

_ID = re.compile(r'\sid="([^"]+)"')


class _Made:
    """What rendering collects, frozen into a Rendered at the end."""

    def __init__(self, config: SiteConfig, pages: list):
        self.pages = list(pages)
        self.outputs: dict = {}
        self.index = SiteIndex(baseurl=config.baseurl, root=str(config.source))
        for parsed in self.pages:
            if not parsed.source.rel.startswith("<generated>"):
                self.index.sources.setdefault(parsed.source.rel, parsed.source.url)
        self.links: list = []
        self.layout_links: list = []
        self.layout_clashes: list = []
        self.nav_titles: dict = {}
        self.used: dict = {}  # page url -> the files its layouts' render read or reported at (RecordedPage)

    def add_extra_outputs(self, parsed: ParsedPage, static_urls: set):
        for url, content in parsed.outputs:  # a Sass page's source map (a static file of that name wins)
            if url not in static_urls:
                self.outputs[url] = Text(content)
                self.index.add_file(url)

    def done(self) -> Rendered:
        return Rendered(self.pages, self.outputs, self.index, tuple(self.links), tuple(self.layout_links),
                        tuple(self.layout_clashes), self.nav_titles, self.used)


def render(config: SiteConfig, sources: Sources, pages: list, releases: list, renderers: Renderers,
           diags: Diagnostics, session, team=None, apart=None) -> Rendered:
    """`apart`: a fresh process waiting for a job (apart.spawn), given the search index's when
    that is large enough to be made apart: it makes the documents while this process renders."""
    made = _Made(config, pages)
    if jekyll_layouts(config, sources):
        _render_jekyll(made, config, sources, releases, renderers, diags, session.cache, team)
    else:
        if renderers.liquid.counters is not None:
            _parse_counted(made, renderers, diags)
        _render_theme(made, config, sources, releases, renderers, diags, session, apart)
    return made.done()


def _render_jekyll(made: _Made, config, sources, releases, renderers: Renderers, diags, cache, team=None):
    """Every page through its own layouts, as Jekyll writes it; ids and links recorded from
    the written page (layouts and includes add links the page body does not have). With a
    cache, a page whose render read nothing that changed is reused (render_cache.py)."""
    if cache is not None:  # (imported by a build with the parse cache only: --no-cache records nothing)
        from .render_cache import RecordingRenderer, render_cached
    renderer = (RecordingRenderer if cache is not None else JekyllRenderer)(config, sources, renderers.liquid, diags,
                                                                           renderers.layouts)
    if releases:  # the pages a release changed get its "Changed in" box, before their layouts
        from ..releases.render import with_history
        made.pages[:] = with_history(made.pages, release_stage.history(releases, config))
    renderer.prepare(made.pages)
    if releases:  # the release pages join the site's own sidebar
        renderer.site["data"] = release_stage.jekyll_sidebar_data(sources.data, config, releases)
    static_urls = {static.url for static in sources.statics}
    if renderers.liquid.counters is not None:
        pages = _render_counted(made, renderer, renderers, diags)
    else:
        pages = render_cached(renderer, made.pages, cache) if cache is not None else renderer.render_all(made.pages, team)
    for i, (parsed, rendered) in enumerate(zip(made.pages, pages)):
        page = parsed.source
        made.outputs[page.url] = Text(rendered.html, getattr(rendered, "digest", None))  # (a cached or stored render's)
        made.used[page.url] = getattr(rendered, "files", ()) + tuple(d.path for d in getattr(rendered, "raw", ()))
        if page.url.endswith(HTML_EXTS):
            made.index.add_page(page.url, rendered.ids, page.meta.get("title"))
        else:
            made.index.add_file(page.url)
        if parsed.links or rendered.layout_links:
            if "<base" in rendered.html and external_base(rendered.html):
                made.pages[i] = dataclasses.replace(parsed, links=())  # (nothing of this site's to check)
                continue
        made.layout_links.extend(rendered.layout_links)
        made.add_extra_outputs(parsed, static_urls)
    _add_generated(made, sources, renderer)
    _add_statics(made, config, sources)


def _render_counted(made: _Made, renderer: JekyllRenderer, renderers: Renderers, diags: Diagnostics) -> list:
    """A site whose Liquid uses increment/decrement (jekyll.counters): Jekyll renders each
    document and page, body then layouts, in its render order with one counter map, so each
    page's body is rendered again here, in that order and in this process, just before its
    layouts (the parse stage's render, in any order, on two cores or from the cache, counted
    with the same map: its numbers are dropped, its findings were reported; what only this
    render finds is reported now: `{% increment layout %}` on a page with one). No page is reused
    from the render cache: every number may depend on every page rendered before it."""
    liquid = renderers.liquid
    order, rank = _counted_order(made, liquid)
    rendered: list = [None] * len(made.pages)
    left = _Payload()
    try:
        for i in order:
            parsed = made.pages[i]
            own = parsed.source.rel in rank  # (a page or document of the site's own: a release page is no Jekyll page)
            layouts = chain(renderer.layouts, None if is_sass(parsed.source.rel) else layout_name(parsed.source.meta))
            if own:
                liquid.payload = left.for_body(layouts)
                parsed = made.pages[i] = _parsed_again(parsed, renderers, diags)
                renderer.drop(parsed).set_content(parsed.html)
            rendered[i] = renderer.render(parsed)
            renderer.drop(parsed).set_output(rendered[i].html)
            if own and parsed.source.meta.get("layout") != "none" and not is_sass(parsed.source.rel):
                # (place_in_layout?: place_in_layouts sets `layout` to nil, then merges each layout's)
                left = _Payload(renderer.last_layout_content if layouts else left.content,
                                merged_data(layouts) if layouts else None)
    finally:
        liquid.payload = None
    return rendered


def _parse_counted(made: _Made, renderers: Renderers, diags: Diagnostics) -> None:
    """A site in specsite's theme whose Liquid uses increment/decrement: Jekyll (no layouts) still
    counts from page to page in its render order, so the bodies are rendered again in that order
    with one counter map, as _render_counted does."""
    order, rank = _counted_order(made, renderers.liquid)
    for i in order:
        if made.pages[i].source.rel in rank:
            made.pages[i] = _parsed_again(made.pages[i], renderers, diags)


def _counted_order(made: _Made, liquid) -> tuple:
    """(the pages' indexes in Jekyll's render order, each site page's rank in it), the counters
    cleared: both renders in order (_render_counted, _parse_counted) start so, the pages that are
    not the site's own (release pages) last."""
    liquid.counters.clear()
    rank = liquid.render_order.rank if liquid.render_order is not None else {}
    return sorted(range(len(made.pages)), key=lambda i: rank.get(made.pages[i].source.rel, len(rank))), rank


def _parsed_again(parsed, renderers: Renderers, diags: Diagnostics):
    """The page parsed again (its Liquid rendered now, in order); what only this render finds is
    reported, what the first found was."""
    from ..parse import parse_page
    again = parse_page(parsed.source, renderers.liquid, renderers.markdown)
    found = set(parsed.diagnostics)
    diags.extend([d for d in again.diagnostics if d not in found])
    return dataclasses.replace(again, diagnostics=parsed.diagnostics)


@dataclasses.dataclass(frozen=True)
class _Payload:
    """What a render leaves in Jekyll's payload for the next (Renderer#place_in_layouts): the
    `content` its last layout was given (none: the one before it left), and `layout`, its
    layouts' data merged (nil without a layout)."""
    content: str | None = None
    layout: dict | None = None

    def for_body(self, layouts: list) -> dict:
        """A body's `content` and `layout` (assign_layout_data!: its first layout's data merged
        under the `layout` left here; a page without a layout sees what is left as it is)."""
        layout = deep_merge(layouts[0].data, self.layout or {}) if layouts else self.layout
        return {"content": self.content, "layout": layout}


# the document's first <base> with an href (HTML: the one that counts), its value
_BASE_HREF = re.compile(r"""<base\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def external_base(html: str) -> bool:
    """The page's <base href> is an absolute URL (`<base href="{{ site.url }}{{ site.baseurl }}/">`):
    every relative link and #anchor on the page resolves on that host, as a browser reads it
    (and check_built.py, which made the corpus' truth): none is a link into the built files."""
    m = _BASE_HREF.search(html)
    if m is None:
        return False
    href = (m.group(1) if m.group(1) is not None else m.group(2) if m.group(2) is not None else m.group(3)).strip()
    return bool(_ABSOLUTE_URL.match(href))


_ABSOLUTE_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*:)?//", re.I)


def _render_theme(made: _Made, config, sources, releases, renderers: Renderers, diags, session, apart=None):
    from ..theme import Theme, search_index, tags_page_body
    theme_site = {"title": config.title, "description": config.site.get("description") or "",
                  "version": config.version, "footer": config.options.get("footer"), "data": sources.data,
                  "config": config,  # the theme reads site_title, topnav_title, logo, favicon
                  "home": "index.html" if any(p.source.url == "index.html" for p in made.pages) else None}
    if any(p.source.meta.get("tags") for p in made.pages) and not any(p.source.url == "tags.html" for p in made.pages):
        made.pages.append(_generated_page("tags.html", "Tags", tags_page_body(made.pages)))
    # the search index is made while it is written (in pieces, by a write worker or apart.py's process,
    # which may begin now, before the theme and the navigation are made: the pages it lists are all there)
    index = Stream(*search_index(made.pages, session.search_documents))
    if apart is not None and index.apart is not None and len(index.apart.inputs) >= APART_MIN_INPUTS:
        apart.begin(index.apart)
    theme = Theme(sources.template_dirs, site=theme_site, diags=diags, source_root=config.source,
                  unsafe=config.unsafe, environments=session.jinja, reload=session.remember_by_stat)
    nav = navigation(config, sources, releases)
    made.links += nav.links
    made.nav_titles = nav.titles
    layouts_dir = sources.layouts_dir
    has_jekyll_layout = (lambda name: any(layouts_dir.glob(f"{name}.*"))) if layouts_dir else (lambda name: False)
    history = release_stage.history(releases, config)
    theme_ids: dict = {}
    static_urls = {static.url for static in sources.statics}
    for parsed in made.pages:
        page = parsed.source
        layout = "" if is_sass(page.rel) else theme.layout_name(page, has_jekyll_layout)  # Page#asset_file?
        if layout is None:
            continue
        if not page.url.endswith((".html", ".htm", ".xhtml")):
            layout = ""  # feed.xml, search.json, robots.txt with front matter: never in an HTML layout
        sidebar = sidebar_for(page, nav.sidebars, sources, diags)
        extra = {"history": history.get(page.url, [])}
        # Pages are rendered while they are written (memory stays flat); one per kind of page
        # now, for the ids that the layout itself adds (#top, #content, #toc-title, …).
        job = functools.partial(theme.render_page, parsed, layout, sidebar=sidebar, nav=nav.topnav, extra=extra)
        kind = (layout, _shows_toc(parsed), bool(page.meta.get("tags")), bool(extra["history"]),
                sidebar is not None)
        if kind not in theme_ids:
            # ids the layout adds: those that occur more often in the page than in its body
            theme_ids[kind] = set(Counter(_ID.findall(job())) - Counter(_ID.findall(parsed.html)))
        made.outputs[page.url] = Page(job, functools.partial(theme.page_data, *job.args, **job.keywords))
        made.add_extra_outputs(parsed, static_urls)
        own = {a.id for a in parsed.anchors}
        made.index.add_page(page.url, own | theme_ids[kind], page.meta.get("title"))
        for anchor in parsed.anchors:
            if anchor.id in theme_ids[kind] and not page.rel.startswith("<generated>"):
                made.layout_clashes.append(Diagnostic(
                    page.rel, anchor.line, None, "duplicate-id", WARNING,
                    f"id '{anchor.id}' is also used by the page layout on {page.url}; links go to the layout's",
                    "Rename the heading or give it another id with {#…}.", "#" + anchor.id))
    if plugins.enabled(config.site):
        renderer = JekyllRenderer(config, sources, renderers.liquid, diags)
        renderer.prepare(made.pages)
        _add_generated(made, sources, renderer)
    _add_statics(made, config, sources)
    for asset in sorted((THEME_DIR / "assets").rglob("*")):
        if asset.is_file():
            url = "assets/" + asset.relative_to(THEME_DIR / "assets").as_posix()
            made.outputs.setdefault(url, Copy(asset))
            made.index.add_file(url)
    for url, content in (("assets/css/pygments.css", Text(renderers.highlighter.css())),
                         ("assets/search-index.js", index)):
        made.outputs.setdefault(url, content)
        made.index.add_file(url)


def _add_generated(made: _Made, sources: Sources, renderer: JekyllRenderer):
    """Files the site's plugins generate (sitemap, feeds, redirect pages), checked like pages."""
    for generated in renderer.generated(sources):
        if generated.output in made.outputs:
            continue
        made.outputs[generated.output] = Text(generated.text)
        scanned = scan_html_text(generated.text, f"<{generated.plugin}>", generated.output)
        if scanned is None:
            made.index.add_file(generated.output)
        else:
            made.index.add_page(generated.output, scanned.ids)
            made.layout_links.extend(scanned.links)


def _add_statics(made: _Made, config: SiteConfig, sources: Sources):
    """Files copied as they are; HTML ones among them are published pages, checked as such."""
    for static in sources.statics:
        path = static.path or config.source / static.rel
        made.outputs.setdefault(static.url, Copy(path))
        scanned = scan_static(path, static.rel, static.url)
        if scanned is None:
            made.index.add_file(static.url)
        else:
            made.index.add_page(static.url, scanned.ids)
            made.layout_links.extend(scanned.links)


def _shows_toc(parsed: ParsedPage) -> bool:
    return parsed.source.meta.get("toc", True) is not False and any(
        h.id and h.level in (2, 3) for h in parsed.headings)


def _generated_page(url: str, title: str, body: str, meta: dict | None = None) -> ParsedPage:
    values = {"title": title, "layout": "page", "toc": False, **(meta or {})}
    source = SourcePage(f"<generated>/{url}", values, "", 1, url, False)
    anchors = tuple(Anchor(i, None) for i in _ID.findall(" " + body))
    return ParsedPage(source, body, (), anchors, (), (), ())
