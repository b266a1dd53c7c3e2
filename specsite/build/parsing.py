"""Parse stage driver: every page not in the cache, on every core when there are many."""
from __future__ import annotations

import dataclasses

from ..diagnostics import Diagnostic, Diagnostics
from ..parse import ParsedPage, ParseResult, parse_error, parse_page
from .renderers import Renderers
from ..shares import jobs_for, map_shared

PARALLEL_MIN_PAGES = 150  # below this, the pages that read other pages (tag lists) are converted in both processes: more CPU than the second core saves


def parse_all(pages, renderers: Renderers, diags: Diagnostics, cache=None) -> list[ParsedPage]:
    """Parse every page not in the cache; many pages use every core (forked workers share the
    renderers; this process parses a share too). Workers and the cache hand back ParseResults;
    pages come back as ParsedPage."""
    liquid, markdown = renderers.liquid, renderers.markdown
    results: list = [cache.get(page) for page in pages] if cache is not None else [None] * len(pages)
    todo = [i for i, result in enumerate(results) if result is None]
    todo_pages = [pages[i] for i in todo]
    jobs = jobs_for(len(todo_pages), PARALLEL_MIN_PAGES)
    fresh = None
    if jobs > 1:
        # without a cache, a worker's result becomes a page as it comes, while this process still parses
        unpack = None if cache is not None else (lambda i, result: _unpack(result, todo_pages[i]))
        fresh = map_shared(lambda i: _parse_one(todo_pages[i], liquid, markdown), len(todo_pages), jobs, _pack, unpack)
    if fresh is None:
        fresh = [_parse_one(page, liquid, markdown) for page in todo_pages]
    if cache is not None:
        fresh = [_pack(r) for r in fresh]
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
    markdown.forget()  # every page has its content now; layouts' markdownify strings are memoized anew
    return parsed


def _parse_one(page, liquid, markdown):
    try:
        return parse_page(page, liquid, markdown)
    except Exception as err:  # noqa: BLE001 - one bad page must not hide the others' errors
        return parse_error(page, err)


def _unpack(result, page):
    return result.page(page) if isinstance(result, ParseResult) else result


def _pack(result):
    return ParseResult.of(result) if isinstance(result, ParsedPage) else result
