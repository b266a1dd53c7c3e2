"""Render a Jekyll site as Jekyll 4.3 does: each page's converted content through its own
`_layouts/` chain in Liquid, recording every id and link of the written page for the checker."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from .. import plugins
from ..diagnostics import Diagnostic, Diagnostics
from ..jekyll import drops_by_path, is_sass, page_drop
from ..jekyll.drop_hash import page_hash
from ..parse import Link, ParsedPage
from ..paths import source_rel
from ..shares import jobs_for, map_shared
from .layouts import Layout, chain, layout_name, missing_layout
from .origins import Origins
from .origins_data import nested_text
from .origins_files import read_texts, rglob_files, suffix, template_files
from .origins_written import Written
from .placing import SiteLayouts, after_layouts, placed, read_layouts
from .scan import links_and_ids

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

    def __init__(self, config, sources, liquid, diags: Diagnostics, layouts: SiteLayouts | None = None):
        """`layouts`: the site's, as the build read them (build.renderers), else read here."""
        self.config, self.sources, self.liquid, self.diags = config, sources, liquid, diags
        layouts = layouts if layouts is not None else read_layouts(config, sources)
        diags.extend(layouts.diagnostics)
        self.layouts = layouts.layouts
        site = liquid.globals.get("site") or {}
        self.drops = drops_by_path(site)
        self._origins: Origins | None = None
        self._seen: set = set()
        self._rels: dict = {}
        self._tags: dict = {}  # a link tag's markup -> its links and anchor (links_and_ids)
        self.plugins = plugins.enabled(config.site)
        self.site = site
        self.last_layout_content = None  # the `content` the last layout rendered was given (Jekyll's
        # payload keeps it for the next page: build.render)

    def prepare(self, pages: list[ParsedPage]):
        """`page.content` is the converted content for every page (what layouts and
        `site.pages` loops read), set before any layout runs."""
        for parsed in pages:
            drop = self.drop(parsed)
            drop.set_content(parsed.html)  # (with a RenderOrder, pages rendered later still read it raw)

    def drop(self, parsed: ParsedPage):
        drop = self.drops.get(parsed.source.rel)
        if drop is None:
            drop = self.drops[parsed.source.rel] = page_drop(parsed.source)
        return drop

    def render(self, parsed: ParsedPage) -> RenderedPage:
        page = parsed.source
        name = None if is_sass(page.rel) else layout_name(page.meta)  # Page#asset_file?: no layout
        layouts = chain(self.layouts, name)
        if name is not None and not layouts:
            self._report([missing_layout(page, name, self.layouts)])
        output, files, written = parsed.html, [], []
        drop = self.drop(parsed)
        page_path = self.config.source / page.rel if layouts else None
        # Jekyll gives a page's layouts the Hash Page#to_liquid made before it rendered: its raw
        # content (a document's layouts read its DocumentDrop: converted content)
        seen = drop if page.collection or not layouts else page_hash(drop, page.body)

        def render(layout, variables):
            self.last_layout_content = variables["content"]
            result = self.liquid.render_layout(layout, page_path=page_path, variables=variables)
            self._report(result.diagnostics)
            files.append(layout.rel)
            files.extend(self._rel(p) for p in result.includes)
            if result.failed:  # (Jekyll stops the build there): the page goes on without that layout —
                return variables["content"]  # not the layout's text as written, `{{ content }}` and all
            written.extend(result.outputs)
            return result.text
        output = after_layouts(placed(layouts, output, seen, render), drop, page.meta, self.plugins, self.site,
                               self._mentions_failed)
        drop.set_output(output)
        if not layouts and output is parsed.html:
            return RenderedPage(page.url, output, frozenset(a.id for a in parsed.anchors), ())
        raw_links, ids = links_and_ids(output, self._tags)
        own: dict = {}  # the page's own links (its body's), by target: found in the body, not the layouts
        for link in parsed.links:
            target = link.target.strip(" \t")  # (`[x]( url )`: recorded with the author's spaces, written without)
            own[target] = own.get(target, 0) + 1
        links = []
        files_key = tuple(dict.fromkeys(files))
        origins = self.origins()
        written = Written(written, origins.parts)
        url = page.url
        before: dict = {}  # a target -> how many layout links to it came before
        for href, tag in raw_links:
            count = own.get(href)
            if count:
                own[href] = count - 1
                continue
            nth = before[href] = before.get(href, -1) + 1
            origin = origins.locate(href, files_key, written, nth)
            path, line, col = (origin.path, origin.line, origin.column) if origin else \
                self._front_matter_place(page, href) or ((layouts[0].rel if layouts else page.rel), None, None)
            links.append(_new(Link, (href, path, line, col, tag, url)))  # (Link(...) without its frame)
        return RenderedPage(page.url, output, ids, tuple(links))

    def _front_matter_place(self, page, href: str):
        """(file, line, column) of a plugin's page's link in the page's front matter, where its
        author wrote it (jekyll-redirect-from's `redirect_to: [/auth/1.0/#kiosk]`), or None."""
        if not page.meta.get("redirect_to") or not href:
            return None
        try:
            text = (self.config.source / page.rel).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        head = text[:sum(len(line) for line in text.splitlines(True)[:max(page.body_line - 1, 0)])]
        at = head.find(href)
        if at < 0:
            return None
        return page.rel, head.count("\n", 0, at) + 1, at - (head.rfind("\n", 0, at) + 1) + 1

    def _rel(self, path) -> str:
        """An include's source-relative path (the same few includes on every page)."""
        rel = self._rels.get(path)
        if rel is None:
            rel = self._rels[path] = source_rel(path, self.config.source)
        return rel

    def _mentions_failed(self, err) -> None:
        self._report([Diagnostic(self.config.config_file or "_config.yml", None, None, "config", "error",
                                 str(err), getattr(err, "hint", None))])

    def generated(self, sources) -> list:
        """What the enabled plugins add (sitemap, feeds, redirect pages), after every page has
        its content and output, as Jekyll's generators see them."""
        if not self.plugins:
            return []
        files = {s.rel for s in sources.statics} | {p.rel for p in sources.pages}
        self.liquid.take_notes()  # (the last page's, reported with it)
        made = plugins.generate(self.site, self.plugins, source_files=files)
        self._report([d for d in self.liquid.take_notes() if d.severity == "error"])  # (an excerpt a feed read)
        return made

    def render_all(self, pages: list[ParsedPage], team=None) -> list[RenderedPage]:
        """Every page, on every core when there are enough of them: the build's worker (a
        team.Team: its part ends here), or workers forked now, share the parsed pages and
        templates, and send back the written pages and what they reported."""
        jobs = 2 if team is not None else jobs_for(len(pages), PARALLEL_MIN_PAGES)
        rendered = self._render_forked(pages, jobs, team) if jobs > 1 else None
        if rendered is None:
            rendered = [self.render(parsed) for parsed in pages]
        for parsed, page in zip(pages, rendered):
            self.drop(parsed).set_output(page.html)
        return rendered

    def _render_forked(self, pages, jobs: int, team=None):
        """The pages shared out by the build's worker (team.Team.share: it has parsed and
        prepared the same pages) or by shares.map_shared (the renderer and the pages are the
        workers' inherited memory, not pickled); each process takes the next page when done
        with one. Every process, this one too, keeps what a page reported with the page, so that
        the diagnostics come out in page order all the same. None when no worker could start."""
        if team is None:
            self.origins()  # built once, before the fork, not once per worker
        diags, seen = self.diags, self._seen
        self.diags, self._seen = Diagnostics(list(diags.items)), set(seen)

        def work(index):
            return self._captured(pages[index])
        try:
            results = team.share(work, len(pages), _pack, _unpack, last=True) if team is not None else \
                map_shared(work, len(pages), jobs, _pack, _unpack)
        finally:
            self.diags, self._seen = diags, seen
        for rendered in results or ():
            self._report(rendered.diagnostics)
        return results

    def _captured(self, parsed: ParsedPage) -> RenderedPage:
        """The page, with what rendering it reported."""
        before = len(self.diags.items)
        page = self.render(parsed)
        found = tuple(self.diags.items[before:])
        return dataclasses.replace(page, diagnostics=found) if found else page

    def origins(self) -> Origins:
        if self._origins is None:
            root = self.config.source
            templates = template_files(root, [root / layout.rel for layout in self.layouts.values()])
            for folder in self.sources.include_dirs:
                templates.update(template_files(root, rglob_files(folder)))
            data_dir = root / str(self.config.site.get("data_dir") or "_data")
            data = read_texts(root, (p for p in rglob_files(data_dir) if suffix(p).lower()
                                     in (".yml", ".yaml", ".json", ".csv", ".tsv"))) if data_dir.is_dir() else {}
            config_file = self.config.config_file
            if config_file and config_file not in data:  # (after the data files: theirs first)
                texts = read_texts(root, [root / config_file])
                data.update({rel: nested_text(text) for rel, text in texts.items()})
            self._origins = Origins(templates, data, self.config.baseurl)
        return self._origins

    def _report(self, diagnostics):
        """A layout's problem is reported once, not once per page that uses the layout."""
        for diagnostic in diagnostics:
            key = (diagnostic.path, diagnostic.line, diagnostic.column, diagnostic.rule, diagnostic.message)
            if key not in self._seen:
                self._seen.add(key)
                self.diags.extend([diagnostic])


_new = tuple.__new__  # a named tuple made from its values without the frame of its __new__
PARALLEL_MIN_PAGES = 24  # below this, starting workers costs more than the second core saves


_LINKS = [f.name for f in dataclasses.fields(RenderedPage)].index("layout_links")  # (first in subclasses too)


def _pack(page: RenderedPage) -> tuple:
    """A rendered page as plain tuples, for a worker to send: Link objects (slotted dataclasses)
    are slow to pickle (dose-syntax: its rendered pages took 10 ms to pickle, 12 to unpickle)."""
    values = [getattr(page, f.name) for f in dataclasses.fields(page)]
    values[_LINKS] = tuple((k.target, k.path, k.line, k.column, k.tag, k.page) for k in page.layout_links)
    return type(page), values


def _unpack(index: int, packed: tuple) -> RenderedPage:
    kind, values = packed
    values[_LINKS] = tuple(_new(Link, k) for k in values[_LINKS])
    return kind(*values)


__all__ = ["JekyllRenderer", "RenderedPage", "Layout"]
