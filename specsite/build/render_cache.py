"""Render cache of a Jekyll-layout site: a page's written HTML, ids, layout links and the
diagnostics its layouts reported are reused while nothing its render read has changed.

What a render reads, and so what its key holds:
- the page: its source (front matter, body, output path) and its parse result (HTML, links, ids);
- what every page shares: specsite's code, `_config.yml`, `_data`, which layouts and includes
  exist (a new file can shadow one), `_plugins`, JEKYLL_ENV, the release sidebar (cache.py);
- by content, the layouts of its chain and every include it rendered (recorded as it renders);
- when one of those templates can see other pages (`site.pages`, `site.posts`, a collection,
  `site.static_files`, `{% link %}`, `site` as a whole, ...: read from the template text, which is
  all a render runs), a digest of every page's front matter and content and of the static files.
A template that prints the build time through `date` (a footer's year) is reused while the time
so printed is the same; one that reads the clock otherwise (`site.time` whole, `"now"`) or draws at
random (`sample`, `shuffle`) is never reused, nor is a page whose render could not find an include.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..jekyll import is_sass
from ..diagnostics import Diagnostics
from ..digests import blake2b
from ..discover.model import static_stamps
from ..liquid_reads import EXPOSING, clock_formats, liquid_of, sees_other_pages
from ..render.jekyll_site import JekyllRenderer, RenderedPage
from ..render.layouts import chain, layout_name



@dataclass(frozen=True)
class RecordedPage(RenderedPage):
    """A rendered page with what its render read and reported (before the build's de-duplication)."""

    files: tuple = ()  # layout rels of its chain, then the include paths it rendered
    raw: tuple = ()  # every diagnostic its render reported, in order
    parsed: tuple = ()  # the templates its render parsed first: their parse warnings are in `raw`
    digest: bytes | None = None  # of its HTML as written (cache.text_key), kept with the render


class RecordingRenderer(JekyllRenderer):
    """JekyllRenderer that records, per page, the includes it rendered and all it reported."""

    def __init__(self, config, sources, liquid, diags: Diagnostics, layouts=None):
        super().__init__(config, sources, _IncludeRecorder(liquid, self), diags, layouts)
        self._read: list = []
        self._raw: list = []

    def render(self, parsed) -> RecordedPage:
        self._read, self._raw = [], []
        before = self.liquid.parsed_templates()
        page = super().render(parsed)
        name = None if is_sass(parsed.source.rel) else layout_name(parsed.source.meta)
        files = tuple(layout.rel for layout in chain(self.layouts, name)) + tuple(dict.fromkeys(self._read))
        first = self.liquid.parsed_templates() - before
        return RecordedPage(**{f.name: getattr(page, f.name) for f in dataclasses.fields(page)},
                            files=files, raw=tuple(self._raw), parsed=tuple(f for f in files if f in first))

    def _report(self, diagnostics):
        diagnostics = list(diagnostics)
        self._raw.extend(diagnostics)
        super()._report(diagnostics)


class _IncludeRecorder:
    """The build's LiquidRenderer, noting the includes each layout render used."""

    def __init__(self, liquid, renderer: RecordingRenderer):
        self._liquid, self._renderer = liquid, renderer

    def render_layout(self, layout, **kwargs):
        result = self._liquid.render_layout(layout, **kwargs)
        self._renderer._read.extend(result.includes)
        return result

    def __getattr__(self, name):
        return getattr(self._liquid, name)


def render_cached(renderer: RecordingRenderer, pages: list, cache) -> list:
    """Every page rendered, or reused from `cache` (a ParseCache) when its key and the files it
    read are unchanged; diagnostics reported in page order, as an uncached render reports them."""
    from ..cache import text_key  # (loaded with the cache: a build without one does not import it)
    deps = _Dependencies(renderer, pages, cache)
    reused = {}
    for index, parsed in enumerate(pages):
        stored = cache.rendered_page(parsed.source.rel, deps.key(parsed), deps.unchanged)
        if stored is not None:
            around, *rest = stored
            html = around if isinstance(around, str) else parsed.html.join(around)
            reused[index] = RecordedPage(parsed.source.url, html, *rest)
    misses = [index for index in range(len(pages)) if index not in reused]
    diags, seen = renderer.diags, renderer._seen
    renderer.diags, renderer._seen = Diagnostics(), set()  # reported below, in page order
    try:
        fresh = dict(zip(misses, renderer.render_all([pages[i] for i in misses]) if misses else ()))
        for index in _unannounced(reused, fresh):  # rendered again: it brings their parse warnings
            fresh[index] = renderer.render(pages[index])
            del reused[index]
    finally:
        renderer.diags, renderer._seen = diags, seen
    rendered = []
    for index, parsed in enumerate(pages):
        page = reused.get(index)
        if page is None:
            page = fresh[index]
            reads = deps.reads(page.files)
            if reads is not None and not any(d.rule == "missing-include" for d in page.raw):
                page = dataclasses.replace(page, digest=text_key(page.html))  # (the write's key of it too)
                cache.put_rendered(parsed.source.rel, deps.key(parsed), reads,  # plain values: quick to unpickle
                                   (_around(page.html, parsed.html), page.ids, page.layout_links, (), page.files,
                                    page.raw, page.parsed, page.digest))
        renderer.drop(parsed).set_output(page.html)
        renderer._report(page.raw)
        rendered.append(page)
    cache.keep_rendered(parsed.source.rel for parsed in pages)
    cache.rendered_now = tuple(pages[index].source.rel for index in sorted(fresh))
    return rendered


def _around(html: str, content: str):
    """The written page as (before, after) its converted content, which the cache holds already
    (the key has it: the same content comes back); the whole page when it does not hold it."""
    at = html.find(content) if len(content) > 64 else -1
    return (html[:at], html[at + len(content):]) if at >= 0 else html


def _unannounced(reused: dict, fresh: dict) -> list:
    """Reused pages to render again, the first reader of each template that no page of this
    build parses or brought the parse warnings of: a template's warnings come with the page that
    parsed it first, and that page may be gone or reused without them."""
    announced = {name for page in fresh.values() for name in page.files}
    announced.update(name for page in reused.values() for name in page.parsed)
    again = {}
    for index in sorted(reused):
        for name in reused[index].files:
            if name not in announced:
                announced.add(name)
                again[index] = True
    return list(again)


class _Dependencies:
    """Digests of what renders read, each computed once per build."""

    def __init__(self, renderer: RecordingRenderer, pages: list, cache):
        self.renderer, self.pages, self.cache = renderer, pages, cache
        self.layouts = {layout.rel: layout for layout in renderer.layouts.values()}
        labels = set(renderer.config.collections) | {"posts"}
        self.exposing = set(EXPOSING) | labels
        self._files: dict = {}  # file -> (digest, sees other pages, volatile)
        self._site = None
        self._keys: dict = {}
        self._dater = None
        self.global_digest = cache.render_global(renderer.config, renderer.sources, renderer.layouts,
                                                 renderer.site.get("data"))

    def key(self, parsed) -> bytes:
        key = self._keys.get(parsed.source.rel)
        if key is None:
            key = self._keys[parsed.source.rel] = self.cache.render_key(self.global_digest, parsed)
        return key

    def file(self, name: str):
        known = self._files.get(name)
        if known is None:
            layout = self.layouts.get(name)
            if layout is not None:
                text = layout.body
                digest = _canonical(layout.rel, repr(sorted((str(k), repr(v)) for k, v in layout.data.items())),
                                    text, str(layout.body_line))
            else:
                try:
                    with open(name, "rb") as handle:
                        data = handle.read()
                except OSError:
                    data = None
                text = "" if data is None else data.decode("utf-8", "replace")
                digest = b"missing" if data is None else _canonical(data)
            liquid = liquid_of(text)
            sees = sees_other_pages(liquid, self.exposing)
            known = self._files[name] = (digest, sees, clock_formats(text))
        return known

    def reads(self, files: tuple):
        """((file, digest), ...), the digest of the other pages if they see them, the build time
        as they print it; None when the render must not be reused (a template reads the clock
        otherwise, or draws at random)."""
        digests, sees, formats = [], False, set()
        for name in files:
            digest, other_pages, clock = self.file(name)
            if clock is None:
                return None
            digests.append((name, digest))
            sees = sees or other_pages
            formats.update(clock)
        return tuple(digests), (self.site_digest() if sees else None), self.clock(formats)

    def unchanged(self, reads) -> bool:
        digests, site, clock = reads
        return all(self.file(name)[0] == digest for name, digest in digests) and (
            site is None or site == self.site_digest()) and clock == self.clock(name for name, _ in clock)

    def clock(self, formats) -> tuple:
        """((format, the build time in it), ...), by the site's own `date` filter."""
        formats = sorted(set(formats))
        if not formats:
            return ()
        if self._dater is None:
            self._dater = self.renderer.liquid.env.from_string("{{ time | date: format }}")
        time = self.renderer.site.get("time")
        return tuple((fmt, self._dater.render(time=time, format=fmt)) for fmt in formats)

    def site_digest(self) -> bytes:
        """Every page's source and content, the documents and the static files: what a template
        that sees other pages can read of them."""
        if self._site is None:
            sources = self.renderer.sources
            statics = static_stamps(sources.statics + sources.unwritten_statics, self.renderer.config.source)
            parts = [part for p in self.pages for part in (p.source.rel, self.cache.page_digest(p.source), p.html)]
            parts += [self.cache.page_digest(d) for d in getattr(sources, "documents", ())]
            self._site = _canonical(*parts, repr(statics))
        return self._site


def _canonical(*parts) -> bytes:
    """A digest of strings and bytes, each length-prefixed (two splits of one text differ)."""
    h = blake2b(digest_size=16)
    for part in parts:
        data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.digest()
