"""Parse stage driver: every page not in the cache, on every core when there are many."""
from __future__ import annotations

import dataclasses
import os

from ..diagnostics import Diagnostic, Diagnostics
from ..parse import ParsedPage, ParseResult, parse_error, parse_page
from .renderers import Renderers

PARALLEL_MIN_PAGES = 150  # below this, starting workers costs more than it saves
_WORK: tuple = ()  # (pages, liquid, markdown) in a forked worker only (set by _receive), never in the parent


def parse_all(pages, renderers: Renderers, diags: Diagnostics, cache=None) -> list[ParsedPage]:
    """Parse every page not in the cache; many pages use every core (forked workers share the
    renderers). Workers and the cache hand back ParseResults; pages come back as ParsedPage."""
    liquid, markdown = renderers.liquid, renderers.markdown
    results: list = [cache.get(page) for page in pages] if cache is not None else [None] * len(pages)
    todo = [i for i, result in enumerate(results) if result is None]
    todo_pages = [pages[i] for i in todo]
    fresh = _parse_parallel(todo_pages, liquid, markdown) if _parallel_ok(len(todo_pages)) else None
    if fresh is None:
        fresh = [_parse_one(page, liquid, markdown) for page in todo_pages]
        if cache is not None:
            fresh = [ParseResult.of(r) if isinstance(r, ParsedPage) else r for r in fresh]
    for i, result in zip(todo, fresh):
        results[i] = result
        if cache is not None and isinstance(result, ParseResult):
            cache.put(pages[i], result)
    parsed = []
    for page, result in zip(pages, results):
        if isinstance(result, Diagnostic):
            diags.extend([result])
            continue
        if isinstance(result, ParseResult):  # from a worker or the cache
            result = result.page(page)
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
    if count < PARALLEL_MIN_PAGES:
        return False
    import multiprocessing  # here: a small site is parsed in-process and never loads it
    return (os.cpu_count() or 1) > 1 and \
        "fork" in multiprocessing.get_all_start_methods() and os.environ.get("SPECSITE_JOBS") != "1"


def _parse_parallel(pages, liquid, markdown):
    jobs = min(os.cpu_count() or 1, int(os.environ.get("SPECSITE_JOBS") or 8))
    import multiprocessing
    try:
        # forked workers inherit the renderers (initargs are not pickled under fork)
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_receive,
                                                      initargs=((pages, liquid, markdown),)) as pool:
            return pool.map(_parse_in_worker, range(len(pages)), chunksize=max(1, len(pages) // (jobs * 8)))
    except OSError:
        return None


def _receive(work: tuple):
    global _WORK
    _WORK = work


def _parse_in_worker(index: int):
    pages, liquid, markdown = _WORK
    result = _parse_one(pages[index], liquid, markdown)
    return ParseResult.of(result) if isinstance(result, ParsedPage) else result
