"""Work shared out over the cores by fork: forked workers inherit the build's memory (renderers,
pages, templates: nothing is pickled on the way in) and send back their results; this process
takes items too, so that on two cores one fork is all it takes."""
from __future__ import annotations

import os


def jobs_for(count: int, minimum: int) -> int:
    """How many processes `count` items are worth: 1 below `minimum` items, with one core, without
    fork, or with SPECSITE_JOBS=1."""
    if count < minimum:
        return 1
    jobs = min(os.cpu_count() or 1, int(os.environ.get("SPECSITE_JOBS") or 8), count)
    if jobs < 2:
        return 1
    import multiprocessing  # here: a small site never loads it
    return jobs if "fork" in multiprocessing.get_all_start_methods() else 1


def map_shared(work, count: int, jobs: int, pack=None) -> list | None:
    """[work(i) for i in range(count)] over `jobs` processes, each taking the next item when it is
    done with one (a shared counter: the pages that read many other pages' content, the tag pages
    of the Documentation Theme, make fixed shares uneven); a worker sends (i, pack(result))
    (something quicker to pickle) when `pack` is given. None when no worker could be started
    (the caller does the work itself); a worker's exception is raised here."""
    import multiprocessing
    context = multiprocessing.get_context("fork")
    counter = context.Value("l", 0)  # the next item nobody has taken
    workers = []
    try:
        for _ in range(jobs - 1):
            receive, send = context.Pipe(duplex=False)
            worker = context.Process(target=_run_share, args=(work, count, counter, send, pack))
            worker.start()
            send.close()
            workers.append((worker, receive))
    except OSError:
        _stop(workers)
        return None
    results: list = [None] * count
    done = [False] * count
    try:
        for index in _taken(counter, count):
            results[index], done[index] = work(index), True
    except BaseException:
        _stop(workers)  # no worker outlives the build
        raise
    failure = None
    for worker, receive in workers:
        try:
            status, value = receive.recv()
        except EOFError:  # the worker died: what it took is done again below
            status, value = "ok", []
        receive.close()
        worker.join()
        if status == "error":
            failure = failure or value
            continue
        for index, result in value:
            results[index], done[index] = result, True
    if failure is not None:
        raise failure
    for index in range(count):
        if not done[index]:
            results[index] = work(index)
    return results


def _taken(counter, count: int):
    """The items this process takes, one at a time, until none is left."""
    while True:
        with counter.get_lock():
            index = counter.value
            if index >= count:
                return
            counter.value = index + 1
        yield index


def _stop(workers) -> None:
    for worker, receive in workers:
        worker.kill()
        worker.join()
        receive.close()


def _run_share(work, count: int, counter, send, pack) -> None:
    """In a forked worker: (item, result) of each item it took, or the error, to the parent."""
    try:
        results = [(index, work(index)) for index in _taken(counter, count)]
        send.send(("ok", [(index, pack(result)) for index, result in results] if pack else results))
    except Exception as err:  # noqa: BLE001 - raised again in the parent
        send.send(("error", err))
    finally:
        send.close()
