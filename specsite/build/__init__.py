"""The stage order: config → discover → parse → render → check → write (`check` stops before write).

Each stage is a function that returns a value: discover → Sources, parsing → [ParsedPage],
render → Rendered, check → Checked; `Site` is what the build made, for `write`, the checker's
report, `serve` and `diff`. What is remembered between runs lives in a Session (specsite.session).

Two cores: a worker forked before parse (team.Team: once, while the heap is small) runs parse
and render beside this process, sharing their pages (parsing.py, render/jekyll_site.py), and
ends with render; the write's files are written into its staging folder by a worker while this
process checks the links (the check decides whether that folder replaces the output:
write.Staging), so the stages stay in this order and a blocked build writes nothing.
"""
from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
import time
from stat import S_ISREG

from .. import lean_imports

lean_imports.liquid()  # before anything imports python-liquid
lean_imports.shutil()  # before write.py imports it: without bz2 and lzma (1 ms)
from .. import releases as release_stage  # noqa: E402
from ..config import SiteConfig  # noqa: E402
from ..diagnostics import Diagnostics, ERROR  # noqa: E402
from ..discover import discover  # noqa: E402
from ..jekyll.timezone import site_timezone  # noqa: E402
from ..session import Session  # noqa: E402
from ..team import Team  # noqa: E402
from ..apart import MIN_INPUTS as APART_MIN_INPUTS, spawn as spawn_apart  # noqa: E402
from ..shares import jobs_for  # noqa: E402
from ..errors import WriteError  # noqa: E402
from ..write import Staging  # noqa: E402
from .check import check  # noqa: E402
from .parsing import PARALLEL_MIN_PAGES, cached_parses, parse_all  # noqa: E402
from .render import render  # noqa: E402
from .renderers import THEME_DIR, jekyll_layouts, make_renderers  # noqa: E402
from .site import Site  # noqa: E402


def run(config: SiteConfig, *, write: bool = True, strict: bool = False, cache=None,
        render_pages: bool = True, session: Session | None = None) -> Site:
    """`cache`: a ParseCache to reuse unchanged pages (ignored when a `session` is given: its own
    cache is used); `session`: what earlier runs remember (the preview server keeps one), a fresh
    one when None; `render_pages=False` leaves layouts to run on demand (the preview server renders
    a page when it is asked for)."""
    session = session if session is not None else Session(cache=cache)
    # The build allocates millions of small objects and frees few: the cyclic collector would
    # walk them all again and again (a tenth of a rebuild's time), so it waits until the end.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with site_timezone(config.site.get("timezone")), contextlib.ExitStack() as ending:  # Jekyll.set_timezone
            return _run(config, session, write=write, strict=strict, render_pages=render_pages,
                        collecting=collecting, ending=ending)
    finally:
        if collecting:
            gc.enable()


def _run(config: SiteConfig, session: Session, *, write, strict, render_pages, collecting=True, ending=None) -> Site:
    started = time.perf_counter()
    cache = session.cache
    diags = Diagnostics()
    session.begin()
    sources = discover(config, diags, session)
    apart = _index_writer(config, sources, len(sources.pages), write, ending)
    renderers = make_renderers(config, sources)
    if cache is not None:
        cache.begin(config, sources, renderers.highlighter)
    cached = cached_parses(sources.pages, cache)
    team = Team.start(cached.count(None), PARALLEL_MIN_PAGES)
    if team is not None and team.worker and apart is not None:
        apart.forsake()  # (the search index's child is this process's parent's: the worker leaves it be)
        apart = None
    with team if team is not None else contextlib.nullcontext():
        # the worker's part ends with parse (a site using Liquid counters renders in this process alone)
        alone_after = cache is not None or not jekyll_layouts(config, sources) or renderers.liquid.counters is not None
        if team is not None and not team.worker and not jekyll_layouts(config, sources):
            _load_theme()
        pages = parse_all(sources.pages, cached, renderers, diags, cache, team, team_ends=alone_after)
        if team is not None and alone_after:
            team.retire()  # a cached or theme render does not share its pages with it
            team = None
        releases = release_stage.load(config, diags, sources)
        if releases:  # no releases, no release pages or feeds (and their renderers stay unimported)
            pages += release_stage.pages(config, releases, sources, pages, renderers.liquid, renderers.markdown,
                                         diags)
        rendered = render(config, sources, pages, releases, renderers, diags, session, team, apart)
    site = Site.of(config, sources, releases, rendered, diags)
    staging = _stage(site, cache) if write else None
    try:
        checked = check(site, session.link_memo, cache)
        site = dataclasses.replace(site, findings=checked.findings, diagnostics=Diagnostics(checked.diagnostics),
                                   seconds=time.perf_counter() - started)
        if collecting:
            gc.freeze()  # what the build made joins the oldest generation unexamined: the next young
            gc.unfreeze()  # collection walks only what comes after (else all of it: 3-9 ms of an edit)
            gc.enable()  # rendering makes short-lived cycles (template contexts): collect them as we go
        if write and not site.blocked(strict):
            site = dataclasses.replace(site, written=_write(site, cache, strict, collecting, staging))
            staging = None
        elif not write and render_pages:
            for content in site.outputs.values():  # layouts run in `check` too: same errors as build
                if content.deferred:
                    content.read()
    finally:
        if staging is not None:  # the build did not write (blocked, or an error): its folder goes
            staging[0].discard()
    if cache is not None and not site.diagnostics.count(ERROR):
        cache.prune(p.rel for p in sources.pages)
        cache.save(session.front_matter)
    return dataclasses.replace(site, seconds=time.perf_counter() - started)


def _load_theme() -> None:
    """specsite's theme (Jinja2: ~20 ms of imports), loaded while the worker starts on the pages:
    render, which needs it, runs here alone (the search index's process waits for its pages
    meanwhile); during parse the two processes share the pages, so the worker takes more of them."""
    from .. import theme  # noqa: F401


def _index_writer(config: SiteConfig, sources, pages: int, write: bool, ending):
    """The fresh process that will make a large search index (apart.py), started now, before
    parse, when the build writes one in specsite's theme on two cores: its interpreter starts
    while this process makes the renderers alone, and it makes documents from the start of
    render, which runs on one core (started after parse, it spent most of render starting); the
    write tells it where to write, or it is stopped when the build ends. None otherwise."""
    if not write or ending is None or jekyll_layouts(config, sources) or jobs_for(pages, APART_MIN_INPUTS) < 2:
        return None
    running = spawn_apart()
    if running is not None:
        ending.callback(running.release)
    return running


def _stage(site: Site, cache):
    """The write's folder, made before the link check, and workers writing the files into it
    while the check runs (write.Staging: the folder replaces the output only if the build then
    writes, and is removed otherwise). (Staging, keys of reusable files), or None where the
    write stage itself must decide (and report): an output folder that may not be replaced, a
    file outside it, or a folder that does not exist yet (a build that does not write must not
    make it)."""
    if not site.config.out.resolve().parent.is_dir():
        return None
    reuse, keys = _reusable(site, cache)
    try:
        staging = Staging(site.config.out, site.outputs, site.config.source, reuse)
    except (WriteError, OSError):  # reported by the write stage, if the build writes
        return None
    try:
        staging.start()
    except BaseException:
        staging.discard()
        raise
    return staging, keys


def _write(site: Site, cache, strict: bool, collecting: bool, staged=None) -> int:
    staging, keys = staged if staged is not None else (None, None)
    if staging is None:
        reuse, keys = _reusable(site, cache)
    # What the build made lives until the end: collections during the write (in forked
    # workers too, where walking it would also copy every page it sits on) leave it alone.
    frozen = collecting and not gc.get_freeze_count()
    if frozen:
        gc.freeze()
    try:
        if staging is None:
            staging = Staging(site.config.out, site.outputs, site.config.source, reuse)
        written = staging.finish(commit=lambda: not site.blocked(strict), diagnostics=site.diagnostics)
    finally:
        if frozen:
            gc.unfreeze()
    if cache is not None and written:
        cache.set_render_keys(site.config.out, _stamped(site.config.out, keys))
    return written


def _reusable(site: Site, cache):
    """Files of the previous build that can be kept as they are: a page with the same body, front
    matter and nothing site-wide (templates, navigation, page list, releases) changed; a text or
    a copied file with the same content; each only if the file is still as the build left it.
    Returns ({output path: previous file}, {output path: key})."""
    if cache is None:
        return {}, {}
    from ..cache_keys import output_keys
    keys = output_keys(site, THEME_DIR, cache)
    out = site.config.out
    previous = cache.render_keys(out)
    folder = str(out)
    reuse = {url: path for url, key in keys.items()
             if _as_left(previous.get(url), key, path := os.path.join(folder, url))}
    return reuse, keys


def _as_left(known, key, path) -> bool:
    """`known` (key, size, mtime_ns) from the last write names `key`, and `path` is unchanged."""
    if not isinstance(known, tuple) or known[0] != key:
        return False
    try:
        stat = os.lstat(path)
    except OSError:
        return False
    return S_ISREG(stat.st_mode) and (stat.st_size, stat.st_mtime_ns) == known[1:]


def _stamped(out, keys: dict) -> dict:
    """{output path: (key, size, mtime_ns)} of the files just written."""
    stamps = {}
    folder = str(out)
    for url, key in keys.items():
        try:
            stat = os.lstat(os.path.join(folder, url))
        except OSError:
            continue
        stamps[url] = (key, stat.st_size, stat.st_mtime_ns)
    return stamps
