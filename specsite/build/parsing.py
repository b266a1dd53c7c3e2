"""Parse stage driver: every page not in the cache, on both cores when there are enough pages."""
from __future__ import annotations

import dataclasses
import os
from collections import Counter

from ..diagnostics import Diagnostic, Diagnostics
from ..paths import source_rel
from ..parse import ParsedPage, ParseResult, parse_error, parse_page
from .readers import Contents, body_readers
from .renderers import Renderers
from ..shares import jobs_for, map_shared

PARALLEL_MIN_PAGES = 24  # measured: see parse_all
_BATCH = 4  # pages a worker sends at once


def cached_parses(pages, cache=None) -> tuple:
    """What `cache` holds for each of `pages` (a ParseResult, or the ParsedPage kept in memory),
    None for a page to parse; asked once per page and build, before parse_all takes it: the
    count of Nones decides on a worker (team.Team), and a build that reuses nearly every page
    starts none for the few it parses (the fork and the worker's start cost more than one
    page's parse)."""
    if cache is None:
        return (None,) * len(pages)
    return tuple(cache.get(page) for page in pages)


def parse_all(pages, cached: tuple, renderers: Renderers, diags: Diagnostics, cache=None, team=None,
              team_ends: bool = False) -> list[ParsedPage]:
    """Parse every page not in the cache (`cached`: what cached_parses found); from
    PARALLEL_MIN_PAGES pages on, forked workers share the pages with this process (they inherit
    the renderers; they send back ParseResults). Below it the fork and the duplicated warm-up (includes parsed, lexers loaded in each process) cost
    more than the second core saves. With a `team` (team.Team: the build's worker, forked
    before parse), the worker shares the pages instead, and both processes end with every page.
    Workers and the cache hand back ParseResults; pages come back as ParsedPage. `team_ends`:
    the team's worker has no part after parse (the build retires it): when no page reads
    another's body, it exits once it has sent its pages, and is sent none of this process's
    (packing, pickling and unpacking them cost both processes 0.1 ms a page)."""
    liquid, markdown = renderers.liquid, renderers.markdown
    results = list(cached)
    todo = [i for i, result in enumerate(results) if result is None]
    todo_pages = [pages[i] for i in todo]
    jobs = 2 if team is not None else jobs_for(len(todo_pages), PARALLEL_MIN_PAGES)
    if team is not None:
        def share(work, count, pack, unpack, last=False):
            return team.share(work, count, pack, unpack, both=not last, last=last)

        def alone(work, count, pack, unpack):
            return team.share(work, count, pack, unpack, both=True, alone=True)
    else:
        def share(work, count, pack, unpack, last=False):
            return map_shared(work, count, jobs, pack, unpack, batch=_BATCH)

        def alone(work, count, pack, unpack):
            return [work(k) for k in range(count)]
    fresh = _parse_shared(todo_pages, liquid, markdown, share, alone, cache is None,
                          announce=team is None or not team.worker, last=team_ends) if jobs > 1 else None
    if fresh is None:
        fresh = _parse_here(todo_pages, liquid, markdown, pages, results) if cache is not None else \
            [_parse_one(page, liquid, markdown) for page in todo_pages]
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


def _parse_shared(pages, liquid, markdown, share, alone, unpacked: bool, announce: bool = True,
                  last: bool = False):
    """The pages parsed over the processes of `share` (map_shared or Team.share, with the work,
    the count, pack and unpack); None when no worker started. The pages whose Liquid reads
    other pages' bodies (readers: a search.json, tag pages) come second, once every other page
    is parsed, and find each page's content given as its parse (readers.Contents) instead of
    converting it again. With a parse cache they are parsed here alone (`alone`: this process
    only; with a team, the worker receives them), in page order, as one process parses them:
    what they read of a page with Liquid (rendered again, the includes that reads counted for
    its first reader, which the cache checks) comes as in one process. Without one, they are
    shared too: what they read is the same wherever they are parsed. A template's parse warnings come with the first page
    that parses it, in each process: see _announced_once (not in the team's worker, whose
    pages' parse diagnostics are never reported)."""
    readers = body_readers(pages, liquid)
    grouped = set(readers)
    others = [i for i in range(len(pages)) if i not in grouped]
    contents = Contents(liquid, with_liquid=unpacked) if readers else None  # (unpacked: no cache)
    fresh, first = [None] * len(pages), [frozenset()] * len(pages)

    def tracked(i):
        before = liquid.parsed_templates()
        result = _parse_one(pages[i], liquid, markdown)
        return result, liquid.parsed_templates() - before

    def pack(done):
        return _pack(done[0]), done[1]

    def unpacker(order):
        def unpack(k, done):
            return (_unpack(done[0], pages[order[k]]) if unpacked else done[0]), done[1]
        return unpack

    taken = share(lambda k: tracked(others[k]), len(others), pack, unpacker(others), last=last and not readers)
    if taken is None:
        return None
    for k, (result, parsed) in enumerate(taken):
        fresh[others[k]], first[others[k]] = result, parsed
        if contents is not None:
            contents.give_parsed(pages[others[k]], result)
    if readers:  # without a cache every content they read is given (the same in each process): shared
        read = (share if unpacked else alone)(lambda k: tracked(readers[k]), len(readers), pack, unpacker(readers))
        for k, i in enumerate(readers):
            fresh[i], first[i] = read[k]
    if announce:
        _announced_once(pages, fresh, first, liquid, markdown)
    return fresh


def _parse_here(todo: list, liquid, markdown, pages: list, results: list) -> list:
    """The pages the cache does not hold, parsed in this process in page order. When one of them
    reads other pages' bodies (a search.json: readers.py), each page parsed before it (from the
    cache, or here) gives it its parse as its content, with the includes its Liquid read
    (readers.Contents), instead of its Liquid being rendered and its body converted again: an
    edit of a GP Connect site (36 pages) re-parsed every body for its search.json (150 ms)."""
    if not todo or not body_readers(todo, liquid):
        return [_parse_one(page, liquid, markdown) for page in todo]
    readers = frozenset(pages[i].rel for i in body_readers(pages, liquid))
    contents = Contents(liquid, with_liquid=False, counted=True, readers=readers)
    for page, result in zip(pages, results):
        if result is not None:
            contents.give_parsed(page, result)
    fresh = []
    for page in todo:
        fresh.append(_parse_one(page, liquid, markdown))
        contents.give_parsed(page, fresh[-1])
    return fresh


def _announced_once(pages, fresh: list, first: list, liquid, markdown) -> None:
    """Each template's parse warnings once, with the first page (in page order) that parsed it,
    as in one process. A page that parsed, in its process, templates an earlier page parsed in
    the other brings their warnings again: it is parsed once more here, where those templates
    are parsed already (again, if that parsed the other process's templates too), and keeps
    from its first parse only the warnings of the templates it was the first to parse (what
    the first parse reported beyond the second, at those templates' files)."""
    announced: set = set()
    for i, page in enumerate(pages):
        again = first[i] & announced
        if again and _diagnostics(fresh[i]):
            fresh[i] = _without_repeats(page, fresh[i], first[i] - announced, liquid, markdown)
        announced |= first[i]


def _without_repeats(page, result, own: set, liquid, markdown):
    while True:
        before = liquid.parsed_templates()
        redone = _parse_one(page, liquid, markdown)
        if not liquid.parsed_templates() - before:
            break
    if isinstance(result, Diagnostic) or isinstance(redone, Diagnostic) or not own:
        return redone
    rels = {key if not os.path.isabs(key) else source_rel(key, liquid.source_root, resolve=True) for key in own}
    extra = Counter(result.diagnostics) - Counter(redone.diagnostics)
    kept = []
    for diagnostic in result.diagnostics:
        if diagnostic.path in rels and extra[diagnostic] > 0:
            extra[diagnostic] -= 1
            kept.append(diagnostic)
    return dataclasses.replace(redone, diagnostics=redone.diagnostics + tuple(kept)) if kept else redone


def _diagnostics(result) -> bool:
    return isinstance(result, Diagnostic) or bool(result.diagnostics)


def _parse_one(page, liquid, markdown):
    try:
        return parse_page(page, liquid, markdown)
    except Exception as err:  # noqa: BLE001 - one bad page must not hide the others' errors
        return parse_error(page, err)


def _unpack(result, page):
    return result.page(page) if isinstance(result, ParseResult) else result


def _pack(result):
    return ParseResult.of(result) if isinstance(result, ParsedPage) else result
