"""The stage order: config → discover → parse → render → check → write (`check` stops before write)."""
from __future__ import annotations

import dataclasses
import functools
import gc
import multiprocessing
import os
import re
import time
from pathlib import Path
from collections import Counter
from dataclasses import dataclass, field

from . import lean_imports

lean_imports.liquid()  # before anything imports python-liquid
from . import plugins, releases as release_stage, sass  # noqa: E402
from .check.internal import SiteIndex, carried_by, check_link, check_links, duplicate_ids
from .check.latent import unused_data_links
from .check.policy import Policy, apply_policy
from .config import SiteConfig
from .diagnostics import Diagnostic, Diagnostics, ERROR, WARNING, did_you_mean
from .discover import Sources, SourcePage, discover
from .highlight import Highlighter
from .liquid import LiquidRenderer
from .markdown import MarkdownRenderer
from .render.jekyll_site import JekyllRenderer
from .jekyll import HTML_EXTS
from .render.static_html import scan_html_text, scan_static
from .parse import Anchor, HeadingRecord, Link, ParsedPage, parse_error, parse_page
from .write import write_site

_ID = re.compile(r'\sid="([^"]+)"')
# specsite's own theme (jinja2) is imported only by a build that uses it: a Jekyll site never does.
THEME_DIR = Path(__file__).parent / "theme"


@dataclass
class Site:
    """Everything a build produced, for `write`, the checker, `serve` and `diff`."""

    config: SiteConfig
    sources: Sources
    pages: list = field(default_factory=list)  # ParsedPage, releases included
    outputs: dict = field(default_factory=dict)  # output path -> str | bytes | Path | callable
    links: list = field(default_factory=list)
    index: SiteIndex = field(default_factory=SiteIndex)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)  # build failures (block the write)
    findings: Diagnostics = field(default_factory=Diagnostics)  # checker findings (block only --strict)
    releases: list = field(default_factory=list)
    nav_titles: dict = field(default_factory=dict)
    layout_clashes: list = field(default_factory=list)
    layout_links: list = field(default_factory=list)  # links a layout, include or data file wrote
    written: int = 0
    seconds: float = 0.0

    @property
    def errors(self) -> int:
        return self.diagnostics.count(ERROR) + self.findings.count(ERROR)

    @property
    def warnings(self) -> int:
        return self.diagnostics.count(WARNING) + self.findings.count(WARNING)

    def blocked(self, strict: bool = False) -> bool:
        """Whether the write is refused: build errors always, findings only when strict."""
        if self.diagnostics.count(ERROR):
            return True
        return strict and bool(self.warnings or self.findings.count(ERROR))

    def all_diagnostics(self) -> list[Diagnostic]:
        return Diagnostics(self.diagnostics.items + self.findings.items).sorted()


def run(config: SiteConfig, *, write: bool = True, strict: bool = False, cache=None,
        render_pages: bool = True) -> Site:
    """`cache`: a ParseCache to reuse unchanged pages; `render_pages=False` leaves layouts to
    run on demand (the preview server renders a page when it is asked for)."""
    # The build allocates millions of small objects and frees few: the cyclic collector would
    # walk them all again and again (a tenth of a rebuild's time), so it waits until the end.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(config, write=write, strict=strict, cache=cache, render_pages=render_pages,
                    collecting=collecting)
    finally:
        if collecting:
            gc.enable()


def _run(config, *, write, strict, cache, render_pages, collecting=True) -> Site:
    started = time.perf_counter()
    diags = Diagnostics()
    sources = discover(config, diags)
    site = Site(config, sources, diagnostics=diags)
    highlighter = Highlighter()
    markdown = MarkdownRenderer(hard_wrap=config.hard_wrap, id_prefix=config.auto_id_prefix,
                                jekyll_markup=jekyll_layouts(config, sources),
                                auto_ids=config.auto_ids,
                                highlighter=highlighter)
    liquid = make_liquid(config, sources, markdown, highlighter)
    if cache is not None:
        cache.begin(config, sources)
    site.pages = parse_all(sources.pages, liquid, markdown, diags, cache)
    site.releases = release_stage.load(config, diags)
    if site.releases:  # no releases, no release pages or feeds (and their renderers stay unimported)
        site.pages += release_stage.pages(config, site.releases, sources, site.pages, liquid, markdown, diags)
    render(site, highlighter, liquid)
    check(site, getattr(cache, "link_memo", None))
    site.seconds = time.perf_counter() - started
    if collecting:
        gc.enable()  # rendering makes short-lived cycles (template contexts): collect them as we go
    if write and not site.blocked(strict):
        reuse, keys = _reusable(site, cache)
        # What the build made lives until the end: collections during the write (in forked
        # workers too, where walking it would also copy every page it sits on) leave it alone.
        frozen = collecting and not gc.get_freeze_count()
        if frozen:
            gc.freeze()
        try:
            site.written = write_site(config.out, site.outputs, config.source,
                                      commit=lambda: not site.blocked(strict), diagnostics=diags, reuse=reuse)
        finally:
            if frozen:
                gc.unfreeze()
        if cache is not None and site.written:
            cache.set_render_keys(config.out, keys)
    elif not write and render_pages:
        for content in site.outputs.values():  # layouts run in `check` too: same errors as build
            if callable(content):
                content()
    if cache is not None and not site.diagnostics.count(ERROR):
        cache.prune(p.rel for p in sources.pages)
        cache.save()
    site.seconds = time.perf_counter() - started
    return site


def _reusable(site: Site, cache):
    """Pages whose rendered file from the previous build can be kept as it is: same body, same
    front matter and nothing site-wide (templates, navigation, page list, releases) changed.
    Returns ({output path: previous file}, {output path: render key})."""
    if cache is None:
        return {}, {}
    from .cache import render_keys
    keys = render_keys(site, THEME_DIR)
    out = site.config.out
    previous = cache.render_keys(out)
    reuse = {url: out / url for url, key in keys.items()
             if previous.get(url) == key and (out / url).is_file()}
    return reuse, keys


def make_liquid(config: SiteConfig, sources: Sources, markdown, highlighter) -> LiquidRenderer:
    from . import jekyll  # site.*, jekyll.*, and the targets of {% link %} / {% post_url %}
    globals_ = jekyll.liquid_globals(config, sources, markdownify=markdown.render_inline)
    include_dirs = list(sources.include_dirs) + [THEME_DIR / "includes"]
    return LiquidRenderer(include_dirs, globals_, source_root=config.source,
                          highlight=highlighter.block, highlight_code=highlighter.code,
                          markdownify=markdown.render_inline,
                          baseurl=config.baseurl, url=str(config.site.get("url") or ""),
                          files=jekyll.link_targets(sources), posts=jekyll.post_targets(sources),
                          plugin_names=plugins.enabled(config.site),
                          ruby_tags=plugins.ruby_plugin_tags(config.source,
                                                             str(config.site.get("plugins_dir") or "_plugins")))


PARALLEL_MIN_PAGES = 150  # below this, starting workers costs more than it saves
_WORK: tuple = ()  # (pages, liquid, markdown), inherited by forked workers


def parse_all(pages, liquid, markdown, diags: Diagnostics, cache=None) -> list[ParsedPage]:
    """Parse every page not in the cache; many pages use every core (forked workers share the
    renderers)."""
    results: list = [cache.get(page) for page in pages] if cache is not None else [None] * len(pages)
    todo = [i for i, result in enumerate(results) if result is None]
    todo_pages = [pages[i] for i in todo]
    fresh = _parse_parallel(todo_pages, liquid, markdown) if _parallel_ok(len(todo_pages)) else None
    if fresh is None:
        fresh = [_parse_one(page, liquid, markdown) for page in todo_pages]
        if cache is not None:
            fresh = [_to_wire(r) if isinstance(r, ParsedPage) else r for r in fresh]
    for i, result in zip(todo, fresh):
        results[i] = result
        if cache is not None and isinstance(result, tuple):
            cache.put(pages[i], result)
    parsed = []
    for page, result in zip(pages, results):
        if isinstance(result, Diagnostic):
            diags.extend([result])
            continue
        if isinstance(result, tuple):  # from a worker or the disk cache, in plain tuples
            result = _from_wire(page, result)
            if cache is not None:
                cache.objects[page.rel] = result
        elif result.source is not page:
            result = dataclasses.replace(result, source=page)
        diags.extend(result.diagnostics)
        parsed.append(result)
    return parsed


def _parse_one(page, liquid, markdown):
    try:
        return parse_page(page, liquid, markdown)
    except Exception as err:  # noqa: BLE001 - one bad page must not hide the others' errors
        return parse_error(page, err)


def _parallel_ok(count: int) -> bool:
    return count >= PARALLEL_MIN_PAGES and (os.cpu_count() or 1) > 1 and \
        "fork" in multiprocessing.get_all_start_methods() and os.environ.get("SPECSITE_JOBS") != "1"


def _parse_parallel(pages, liquid, markdown):
    global _WORK
    _WORK = (pages, liquid, markdown)
    jobs = min(os.cpu_count() or 1, int(os.environ.get("SPECSITE_JOBS") or 8))
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            return pool.map(_parse_in_worker, range(len(pages)), chunksize=max(1, len(pages) // (jobs * 8)))
    except OSError:
        return None
    finally:
        _WORK = ()


def _parse_in_worker(index: int):
    pages, liquid, markdown = _WORK
    result = _parse_one(pages[index], liquid, markdown)
    return _to_wire(result) if isinstance(result, ParsedPage) else result


def _to_wire(p: ParsedPage) -> tuple:
    return (p.html, [(h.level, h.id, h.text, h.line) for h in p.headings],
            [(a.id, a.line) for a in p.anchors],
            [(k.target, k.path, k.line, k.column, k.tag, k.page) for k in p.links],
            p.diagnostics, p.includes, p.outputs)


def _from_wire(page: SourcePage, wire: tuple) -> ParsedPage:
    html, headings, anchors, links, diagnostics, includes, *outputs = wire
    return ParsedPage(page, html, tuple(HeadingRecord(*h) for h in headings), tuple(Anchor(*a) for a in anchors),
                      tuple(Link(*k) for k in links), diagnostics, includes, tuple(outputs[0]) if outputs else ())


def jekyll_layouts(config: SiteConfig, sources: Sources) -> bool:
    """A Jekyll site (it has `_layouts/`) renders in its own layouts, unless it ships specsite
    templates or asks for our theme (`--theme specsite`)."""
    if config.theme == "specsite" or sources.layouts_dir is None:
        return False
    return not any((Path(d) / "layouts").is_dir() for d in sources.template_dirs)


def render(site: Site, highlighter: Highlighter, liquid: LiquidRenderer | None = None):
    if liquid is not None and jekyll_layouts(site.config, site.sources):
        return render_jekyll(site, liquid)
    from .theme import Theme, search_index, tags_page_body
    config, sources, diags = site.config, site.sources, site.diagnostics
    theme_site = {"title": config.title, "description": config.site.get("description") or "",
                  "version": config.version, "footer": config.options.get("footer"), "data": sources.data,
                  "config": config,  # the theme reads site_title, topnav_title, logo, favicon
                  "home": "index.html" if any(p.source.url == "index.html" for p in site.pages) else None}
    theme = Theme(sources.template_dirs, site=theme_site, diags=diags, source_root=config.source,
                  unsafe=config.unsafe)
    sidebars, nav = navigation(site)
    layouts_dir = sources.layouts_dir
    has_jekyll_layout = (lambda name: any(layouts_dir.glob(f"{name}.*"))) if layouts_dir else (lambda name: False)
    history = release_stage.history(site.releases, config)
    if any(p.source.meta.get("tags") for p in site.pages) and not any(p.source.url == "tags.html" for p in site.pages):
        site.pages.append(_generated_page("tags.html", "Tags", tags_page_body(site.pages)))
    theme_ids: dict = {}
    static_urls = {static.url for static in sources.statics}
    for parsed in site.pages:
        page = parsed.source
        layout = "" if sass.is_sass(page.rel) else theme.layout_name(page, has_jekyll_layout)  # Page#asset_file?
        if layout is None:
            continue
        if not page.url.endswith((".html", ".htm", ".xhtml")):
            layout = ""  # feed.xml, search.json, robots.txt with front matter: never in an HTML layout
        sidebar = _sidebar_for(page, sidebars, sources, diags)
        extra = {"history": history.get(page.url, [])}
        # Pages are rendered while they are written (memory stays flat); one per kind of page
        # now, for the ids that the layout itself adds (#top, #content, #toc-title, …).
        job = functools.partial(theme.render_page, parsed, layout, sidebar=sidebar, nav=nav, extra=extra)
        kind = (layout, _shows_toc(parsed), bool(page.meta.get("tags")), bool(extra["history"]),
                sidebar is not None)
        if kind not in theme_ids:
            # ids the layout adds: those that occur more often in the page than in its body
            theme_ids[kind] = set(Counter(_ID.findall(job())) - Counter(_ID.findall(parsed.html)))
        site.outputs[page.url] = job
        for url, content in parsed.outputs:  # a Sass page's source map (a static file of that name wins)
            if url not in static_urls:
                site.outputs[url] = content
                site.index.add_file(url)
        own = {a.id for a in parsed.anchors}
        site.index.add_page(page.url, own | theme_ids[kind], page.meta.get("title"))
        for anchor in parsed.anchors:
            if anchor.id in theme_ids[kind] and not page.rel.startswith("<generated>"):
                site.layout_clashes.append(Diagnostic(
                    page.rel, anchor.line, None, "duplicate-id", WARNING,
                    f"id '{anchor.id}' is also used by the page layout on {page.url}; links go to the layout's",
                    "Rename the heading or give it another id with {#…}.", "#" + anchor.id))
    if plugins.enabled(config.site) and liquid is not None:
        renderer = JekyllRenderer(config, sources, liquid, diags)
        renderer.prepare(site.pages)
        add_generated(site, renderer)
    add_statics(site)
    for asset in sorted((THEME_DIR / "assets").rglob("*")):
        if asset.is_file():
            url = "assets/" + asset.relative_to(THEME_DIR / "assets").as_posix()
            site.outputs.setdefault(url, asset)
            site.index.add_file(url)
    for url, text in (("assets/css/pygments.css", highlighter.css()),
                      ("assets/search-index.js", search_index(site.pages))):
        site.outputs.setdefault(url, text)
        site.index.add_file(url)


def render_jekyll(site: Site, liquid: LiquidRenderer):
    """Every page through its own layouts, as Jekyll writes it; ids and links recorded from
    the written page (layouts and includes add links the page body does not have)."""
    renderer = JekyllRenderer(site.config, site.sources, liquid, site.diagnostics)
    renderer.prepare(site.pages)
    if site.releases:  # the release pages join the site's own sidebar
        renderer.site["data"] = release_stage.jekyll_sidebar_data(site.sources.data, site.config, site.releases)
    static_urls = {static.url for static in site.sources.statics}
    for parsed, rendered in zip(site.pages, renderer.render_all(site.pages)):
        page = parsed.source
        site.outputs[page.url] = rendered.html
        if page.url.endswith(HTML_EXTS):
            site.index.add_page(page.url, rendered.ids, page.meta.get("title"))
        else:
            site.index.add_file(page.url)
        site.layout_links.extend(rendered.layout_links)
        for url, content in parsed.outputs:  # a Sass page's source map (a static file of that name wins)
            if url not in static_urls:
                site.outputs[url] = content
                site.index.add_file(url)
    add_generated(site, renderer)
    add_statics(site)


def add_generated(site: Site, renderer: JekyllRenderer):
    """Files the site's plugins generate (sitemap, feeds, redirect pages), checked like pages."""
    for made in renderer.generated(site.sources):
        if made.output in site.outputs:
            continue
        site.outputs[made.output] = made.text
        scanned = scan_html_text(made.text, f"<{made.plugin}>", made.output)
        if scanned is None:
            site.index.add_file(made.output)
        else:
            site.index.add_page(made.output, scanned.ids)
            site.layout_links.extend(scanned.links)


def add_statics(site: Site):
    """Files copied as they are; HTML ones among them are published pages, checked as such."""
    for static in site.sources.statics:
        path = site.config.source / static.rel
        site.outputs.setdefault(static.url, path)
        scanned = scan_static(path, static.rel, static.url)
        if scanned is None:
            site.index.add_file(static.url)
        else:
            site.index.add_page(static.url, scanned.ids)
            site.layout_links.extend(scanned.links)


def _shows_toc(parsed: ParsedPage) -> bool:
    return parsed.source.meta.get("toc", True) is not False and any(
        h.id and h.level in (2, 3) for h in parsed.headings)


def navigation(site: Site):
    from .theme import auto_sidebars, build_sidebar, build_topnav, template_links
    sources = site.sources
    data = sources.data
    sidebars = {}
    declared = data.get("sidebars") if isinstance(data.get("sidebars"), dict) else {}
    for name, value in declared.items():
        sidebar, links = build_sidebar(name, value, sources.data_files.get(f"sidebars/{name}", "_data"))
        sidebars[name] = sidebar
        site.links += links
    if not declared:
        sidebars = auto_sidebars(sources.pages)
    release_stage.extend_sidebar(sidebars, site.config, site.releases)
    site.nav_titles = _nav_titles(list(sidebars.values()))
    nav, links = build_topnav(data.get("topnav"), sources.data_files.get("topnav", "_data/topnav.yml"))
    site.links += links
    site.links += template_links(sources.template_dirs, site.config.source)
    return sidebars, nav


def _nav_titles(sidebars) -> dict:
    """page -> the titles navigation gives it (a reader knows a page by these names too)."""
    names: dict = {}

    def walk(nodes):
        for node in nodes:
            if node.page:
                names.setdefault(node.page, []).append(node.title)
            walk(node.children)
    for sidebar in sidebars:
        walk(sidebar.nodes)
    return names


def _sidebar_for(page: SourcePage, sidebars: dict, sources: Sources, diags: Diagnostics):
    name = page.meta.get("sidebar")
    if not name:
        return None
    sidebar = sidebars.get(str(name))
    if sidebar is None and "sidebars" in sources.data:
        line = getattr(page.meta, "key_lines", {}).get("sidebar")
        diags.warning(page.rel, line, "unknown-sidebar", f"unknown sidebar '{name}' (no _data/sidebars/{name}.yml); "
                      "the page is shown without a sidebar",
                      hint=did_you_mean(str(name), sidebars) or f"Known sidebars: {', '.join(sorted(sidebars))}.")
    return sidebar


def _generated_page(url: str, title: str, body: str, meta: dict | None = None) -> ParsedPage:
    values = {"title": title, "layout": "page", "toc": False, **(meta or {})}
    source = SourcePage(f"<generated>/{url}", values, "", 1, url, False)
    anchors = tuple(Anchor(i, None) for i in _ID.findall(" " + body))
    return ParsedPage(source, body, (), anchors, (), (), ())


def check(site: Site, memo=None):
    """Internal links of pages, release entries and navigation data, on recorded data only;
    then the site's `severity:`/`ignore:` over every finding and build warning, in one place."""
    config = site.config
    site.index.baseurl = config.baseurl
    for parsed in site.pages:
        if not parsed.source.rel.startswith("<generated>"):
            site.index.sources.setdefault(parsed.source.rel, parsed.source.url)
    links = list(site.links)
    duplicates = list(site.layout_clashes)
    for parsed in site.pages:
        links.extend(parsed.links)
        if not parsed.source.rel.startswith("<generated>"):
            duplicates.extend(duplicate_ids(parsed.source.url, parsed.source.rel, parsed.anchors))
    site.findings.extend(duplicates)
    if memo is not None:
        groups = [(p.source.rel + "|" + p.source.url, p.links) for p in site.pages]
        groups.append(("<navigation>", tuple(_unique(site.links))))
        site.findings.extend(check_links(groups, site.index, memo=memo))
    else:
        site.findings.extend(check_links(_unique(links), site.index))
    site.findings.extend(check_layout_links(site.layout_links, site.index))
    if jekyll_layouts(config, site.sources):
        site.findings.extend(unused_data_links(config.source, site.sources.data_files, site.layout_links,
                                               site.index))
    if site.releases:
        site.findings.extend(release_stage.validate(site, site.nav_titles))
    policy = Policy.from_options(config.options)
    site.findings.items[:] = _drafts_stay_warnings(site, apply_policy(site.findings.items, policy))
    site.diagnostics.items[:] = _drafts_stay_warnings(site, apply_policy(site.diagnostics.items, policy))


def _drafts_stay_warnings(site: Site, items: list) -> list:
    """A `severity: error` setting does not make a draft release block a publish."""
    if not site.releases or not any(d.severity == ERROR for d in items):
        return items
    relaxed = [dataclasses.replace(d, severity=WARNING) if d.severity == ERROR and d.hint
               and "is a draft (an error with --drafts" in d.hint else d for d in items]
    return release_stage.relax_drafts(site.config, site.releases, relaxed)


def check_layout_links(links, index: SiteIndex) -> list[Diagnostic]:
    """A broken link that a layout, include or data file writes into many pages is one finding
    at the line that writes it, naming how many pages carry it and the first of them."""
    groups: dict = {}
    for link in links:
        finding = check_link(link, index)
        if finding is not None:
            key = (finding.path, finding.line, finding.column, finding.rule, finding.message, finding.target)
            groups.setdefault(key, (finding, []))[1].append(link.page)
    merged = []
    for finding, pages in groups.values():
        merged.append(dataclasses.replace(finding, message=f"{finding.message} ({carried_by(pages)})"))
    return merged


def _unique(links):
    """Sidebar links are recorded once per data file, not once per page that shows them."""
    seen = set()
    for link in links:
        key = (link.target, link.path, link.line, link.column, link.page)
        if key not in seen:
            seen.add(key)
            yield link
