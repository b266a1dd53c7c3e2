"""Reading a large site's files on both cores: the walk stays in this process, and a forked
worker reads (Reader.load: decoding, front matter, defaults, URL) some of the files it found
while this process reads the others (shares.map_shared: whoever is free takes the next).

Why: discover was the longest stage that ran on one core (2,000 pages: ~150 ms of CPU before
the parse's worker is forked, ~75 % of it reading files). A page comes back pickled (9 kB:
~8 us to unpickle, against ~60 us to read it). The diagnostics stay where one process puts
them: the walk's before the file they precede, each file's own after them, in walk order.

Only a build without a parse cache shares its reading: the cache's front-matter memo keeps the
bodies it read by identity (frontmatter.FrontMatterMemo), which a worker's copies would not be;
a preview (`remember_by_stat`) keeps what it read for the next rebuild, and runs threads."""
from __future__ import annotations

from ..shares import jobs_for, map_shared, pickler

MIN_FILES = 400  # files worth a fork (at 70 us a page: 28 ms, against ~3 ms for the fork and the pickles)
_REDO = b""  # a worker's result that does not pickle: read again here


def loaded(reader, diags, session=None):
    """(item, what Reader.load makes of it) of every file the walk finds, in walk order, each
    file's diagnostics (and the walk's before it) in `diags` by the time it is given."""
    if session is not None and (session.cache is not None or session.remember_by_stat):
        yield from _one_by_one(reader)
        return
    walked, walk_diags = [], []  # the files, and what the walk reported before each
    before = len(diags.items)
    for item in reader.items():
        walked.append(item)
        walk_diags.append(_taken(diags, before))
    after = _taken(diags, before)  # (the walk's reports after its last file)
    jobs = jobs_for(len(walked), MIN_FILES)

    def load(i: int) -> tuple:
        start = len(diags.items)
        page = reader.load(*walked[i])
        return page, _taken(diags, start)

    def unpack(i: int, data: bytes) -> tuple:
        return load(i) if data == _REDO else pickler().loads(data)
    results = map_shared(load, len(walked), jobs, _packed, unpack) if jobs > 1 else None
    for i, item in enumerate(walked):
        diags.extend(walk_diags[i])
        page, found = results[i] if results is not None else load(i)
        diags.extend(found)
        yield item, page
    diags.extend(after)


def _one_by_one(reader):
    for item in reader.items():
        yield item, reader.load(*item)


def _taken(diags, before: int) -> list:
    """The diagnostics reported since `before`, taken out of `diags` (they go back in order)."""
    found = diags.items[before:]
    del diags.items[before:]
    return found


def _packed(result: tuple) -> bytes:
    """A worker's (page, diagnostics), pickled here so that one that cannot be is read again by
    this process (a value of a site's front matter that does not pickle), not an error."""
    try:
        return pickler().dumps(result, protocol=-1)
    except Exception:  # noqa: BLE001 - any value a YAML loader can make
        return _REDO
