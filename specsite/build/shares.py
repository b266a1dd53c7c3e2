"""Work shared out over the cores by fork: forked workers inherit the build's memory (renderers,
pages, templates: nothing is pickled on the way in) and send back their results; this process
does the first share meanwhile, so that on two cores one fork is all it takes."""
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
    """[work(i) for i in range(count)], item i done by process i % jobs; a worker sends pack(result)
    (something quicker to pickle) when `pack` is given. None when no worker could be started (the
    caller does the work itself); a worker's exception is raised here."""
    import multiprocessing
    context = multiprocessing.get_context("fork")
    shares = [range(first, count, jobs) for first in range(jobs)]
    workers = []
    try:
        for share in shares[1:]:
            receive, send = context.Pipe(duplex=False)
            worker = context.Process(target=_run_share, args=(work, share, send, pack))
            worker.start()
            send.close()
            workers.append((worker, receive, share))
    except OSError:
        _stop(workers)
        return None
    results: list = [None] * count
    try:
        for index in shares[0]:
            results[index] = work(index)
    except BaseException:
        _stop(workers)  # no worker outlives the build
        raise
    failure = None
    for worker, receive, share in workers:
        try:
            status, value = receive.recv()
        except EOFError:  # the worker died: its share is done here
            status, value = "ok", [work(index) for index in share]
        receive.close()
        worker.join()
        if status == "error":
            failure = failure or value
            continue
        for index, result in zip(share, value):
            results[index] = result
    if failure is not None:
        raise failure
    return results


def _stop(workers) -> None:
    for worker, receive, _ in workers:
        worker.kill()
        worker.join()
        receive.close()


def _run_share(work, share: range, send, pack) -> None:
    """In a forked worker: the results of `share`, or the error, to the parent."""
    try:
        results = [work(index) for index in share]
        send.send(("ok", [pack(result) for result in results] if pack else results))
    except Exception as err:  # noqa: BLE001 - raised again in the parent
        send.send(("error", err))
    finally:
        send.close()
