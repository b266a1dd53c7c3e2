"""Render a Jekyll site as Jekyll 4.3 does: each page's converted content through its own
`_layouts/` chain in Liquid, recording every id and link of the written page for the checker."""
from __future__ import annotations

import dataclasses
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .. import plugins, sass
from ..diagnostics import Diagnostic, Diagnostics
from ..jekyll import page_drop
from ..markdown import _scan
from ..parse import Link, ParsedPage
from .layouts import Layout, chain, layout_name, load_layouts, merged_data, missing_layout
from .origins import Origins, read_texts

@dataclass(frozen=True)
class RenderedPage:
    """A page as written: the whole document, its ids, and the links its layouts added."""

    url: str
    html: str
    ids: frozenset
    layout_links: tuple  # Link, at the layout, include or data-file line that wrote it
    diagnostics: tuple = ()  # what a forked worker reported while rendering it


class JekyllRenderer:
    """Places pages in the site's own layouts. One per build: layouts are parsed once."""

    def __init__(self, config, sources, liquid, diags: Diagnostics):
        self.config, self.sources, self.liquid, self.diags = config, sources, liquid, diags
        # a gem theme's layouts stand behind the site's own (Jekyll's LayoutReader: site first)
        self.layouts = {**load_layouts(sources.theme_layouts_dir, config.source, diags),
                        **load_layouts(sources.layouts_dir, config.source, diags)}
        site = liquid.globals.get("site") or {}
        self.drops = {}
        for key in ("pages", "documents"):
            for drop in site.get(key) or ():
                self.drops.setdefault(drop.get("path"), drop)
        self._origins: Origins | None = None
        self._seen: set = set()
        self.plugins = plugins.enabled(config.site)
        self.site = site

    def prepare(self, pages: list[ParsedPage]):
        """`page.content` is the converted content for every page (what layouts and
        `site.pages` loops read), set before any layout runs."""
        for parsed in pages:
            drop = self.drop(parsed)
            drop["content"] = parsed.html

    def drop(self, parsed: ParsedPage):
        drop = self.drops.get(parsed.source.rel)
        if drop is None:
            drop = self.drops[parsed.source.rel] = page_drop(parsed.source)
        return drop

    def render(self, parsed: ParsedPage) -> RenderedPage:
        page = parsed.source
        name = None if sass.is_sass(page.rel) else layout_name(page.meta)  # Page#asset_file?: no layout
        layouts = chain(self.layouts, name)
        if name is not None and not layouts:
            self._report([missing_layout(page, name, self.layouts)])
        output, files, written = parsed.html, [], []
        drop = self.drop(parsed)
        for applied, layout in enumerate(layouts):
            variables = {"page": drop, "content": output, "layout": merged_data(layouts[:applied + 1]),
                         "paginator": None}
            result = self.liquid.render_layout(layout, page_path=self.config.source / page.rel,
                                               variables=variables)
            self._report(result.diagnostics)
            output = result.text
            written.extend(result.outputs)
            files.append(layout.rel)
            files.extend(_rel(p, self.config.source) for p in result.includes)
        if "jekyll-redirect-from" in self.plugins and page.meta.get("redirect_to"):
            output = plugins.redirect_to(drop, self.site) or output
        if "jekyll-mentions" in self.plugins:
            output = self._mentions(output, drop, page)
        drop["output"] = output
        if not layouts and output is parsed.html:
            return RenderedPage(page.url, output, frozenset(a.id for a in parsed.anchors), ())
        _, raw_links, ids = _scan(output)
        own = Counter(link.target for link in parsed.links)
        links = []
        files_key = tuple(dict.fromkeys(files))
        for raw in raw_links:
            if own[raw.href] > 0:
                own[raw.href] -= 1
                continue
            origin = self.origins().locate(raw.href, files_key, written)
            path, line, col = (origin.path, origin.line, origin.column) if origin else (layouts[0].rel, None, None)
            links.append(Link(raw.href, path, line, col, raw.tag, page.url))
        return RenderedPage(page.url, output, frozenset(i for i, _ in ids), tuple(links))

    def _mentions(self, output: str, drop, page) -> str:
        try:
            return plugins.mentionify(output, drop, self.site)
        except plugins.MentionsConfigError as err:
            self._report([Diagnostic(self.config.config_file or "_config.yml", None, None, "config", "error",
                                     str(err), getattr(err, "hint", None))])
            return output

    def generated(self, sources) -> list:
        """What the enabled plugins add (sitemap, feeds, redirect pages), after every page has
        its content and output, as Jekyll's generators see them."""
        if not self.plugins:
            return []
        files = {s.rel for s in sources.statics} | {p.rel for p in sources.pages}
        return plugins.generate(self.site, self.plugins, source_files=files)

    def render_all(self, pages: list[ParsedPage]) -> list[RenderedPage]:
        """Every page, on every core when there are enough of them: forked workers share the
        parsed pages and templates, and send back the written pages and what they reported."""
        if len(pages) < PARALLEL_MIN_PAGES or not _parallel_ok():
            rendered = [self.render(parsed) for parsed in pages]
        else:
            rendered = self._render_forked(pages)
        for parsed, page in zip(pages, rendered):
            self.drop(parsed)["output"] = page.html
        return rendered

    def _render_forked(self, pages):
        global _WORK
        _WORK = (self, pages)
        self.origins()  # built once, before the fork, not once per worker
        jobs = min(os.cpu_count() or 1, int(os.environ.get("SPECSITE_JOBS") or 8))
        import multiprocessing  # issue 14: here, so that a small site never loads it (6 ms)
        try:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                results = pool.map(_render_in_worker, range(len(pages)), chunksize=max(1, len(pages) // (jobs * 4)))
        except OSError:
            return [self.render(parsed) for parsed in pages]
        finally:
            _WORK = ()
        for rendered in results:
            self._report(rendered.diagnostics)
        return results

    def origins(self) -> Origins:
        if self._origins is None:
            root = self.config.source
            templates = read_texts(root, [root / layout.rel for layout in self.layouts.values()])
            for folder in self.sources.include_dirs:
                templates.update(read_texts(root, (p for p in Path(folder).rglob("*") if p.is_file())))
            data_dir = root / str(self.config.site.get("data_dir") or "_data")
            data = read_texts(root, (p for p in data_dir.rglob("*") if p.is_file() and p.suffix.lower()
                                     in (".yml", ".yaml", ".json", ".csv", ".tsv"))) if data_dir.is_dir() else {}
            self._origins = Origins(templates, data, self.config.baseurl)
        return self._origins

    def _report(self, diagnostics):
        """A layout's problem is reported once, not once per page that uses the layout."""
        for diagnostic in diagnostics:
            key = (diagnostic.path, diagnostic.line, diagnostic.column, diagnostic.rule, diagnostic.message)
            if key not in self._seen:
                self._seen.add(key)
                self.diags.extend([diagnostic])


PARALLEL_MIN_PAGES = 40  # below this, starting workers costs more than the second core saves
_WORK: tuple = ()  # (renderer, pages), inherited by forked workers


def _parallel_ok() -> bool:
    import multiprocessing  # issue 14: only a site of PARALLEL_MIN_PAGES pages asks
    return (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods() and \
        os.environ.get("SPECSITE_JOBS") != "1"


def _render_in_worker(index: int) -> RenderedPage:
    renderer, pages = _WORK
    before = len(renderer.diags.items)
    rendered = renderer.render(pages[index])
    found = tuple(renderer.diags.items[before:])
    return dataclasses.replace(rendered, diagnostics=found) if found else rendered


def _rel(path, root: Path) -> str:
    path = Path(path)
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


__all__ = ["JekyllRenderer", "RenderedPage", "Layout"]
