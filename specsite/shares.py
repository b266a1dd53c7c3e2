"""Work shared out over the cores by fork: forked workers inherit the build's memory (renderers,
pages, templates: nothing is pickled on the way in) and send back their results; this process
takes items too, so that on two cores one fork is all it takes."""
from __future__ import annotations

import os

PIPE_BYTES = 1 << 20
BATCH = 24  # results a worker sends at once: the parent takes them in between its own items, not all at the end


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


def map_shared(work, count: int, jobs: int, pack=None, unpack=None) -> list | None:
    """[work(i) for i in range(count)] over `jobs` processes, each taking the next item when it is
    done with one (a shared counter: the pages that read many other pages' content, the tag pages
    of the Documentation Theme, make fixed shares uneven); a worker sends (i, pack(result))
    (something quicker to pickle) when `pack` is given, in batches that this process takes (and
    turns back with unpack(i, value) when given) between its own items, so that little is left to
    receive when it runs out of items. None when no worker could be started (the caller does the
    work itself); a worker's exception is raised here."""
    import multiprocessing
    context = multiprocessing.get_context("fork")
    counter = context.Value("l", 0)  # the next item nobody has taken
    workers = []
    try:
        for _ in range(jobs - 1):
            receive, send = context.Pipe(duplex=False)
            _roomy(send)
            worker = context.Process(target=_run_share, args=(work, count, counter, send, pack))
            worker.start()
            send.close()
            workers.append((worker, receive))
    except OSError:
        _stop(workers)
        return None
    results: list = [None] * count
    done = [False] * count
    inbox = _Inbox(workers, results, done, unpack)
    try:
        for index in _taken(counter, count):
            results[index], done[index] = work(index), True
            inbox.take(block=False)
        inbox.take(block=True)
    except BaseException:
        _stop(workers)  # no worker outlives the build
        raise
    if inbox.failure is not None:
        raise inbox.failure
    for index in range(count):
        if not done[index]:
            results[index] = work(index)
    return results


class _Inbox:
    """The workers' batches as they come: each is stored at once, so that the wait at the end is for
    the last batch only."""

    def __init__(self, workers, results: list, done: list, unpack):
        self.open = list(workers)
        self.results, self.done, self.unpack = results, done, unpack
        self.failure = None

    def take(self, block: bool) -> None:
        """Store every batch that has come (block: until every worker has finished)."""
        for worker, receive in list(self.open):
            while block or receive.poll():
                try:
                    status, value = receive.recv()
                except EOFError:  # the worker died: what it took and did not send is done again
                    status, value = "end", None
                if status == "ok":
                    self._store(value)
                    continue
                if status == "error":
                    self.failure = self.failure or value
                receive.close()
                worker.join()
                self.open.remove((worker, receive))
                break

    def _store(self, batch) -> None:
        results, done, unpack = self.results, self.done, self.unpack
        for index, value in batch:
            results[index], done[index] = (unpack(index, value) if unpack else value), True


def _roomy(send) -> None:
    """A pipe that holds a batch or two (Linux: 1 MB, not 64 kB): a worker sends on without waiting
    while this process is busy with a long item (a tag page that reads every page)."""
    try:
        import fcntl
        fcntl.fcntl(send.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):  # another system, or a lower limit: the default pipe
        pass


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
    """In a forked worker: (item, result) of the items it took, in batches, then "end" or the error,
    to the parent."""
    try:
        batch = []
        for index in _taken(counter, count):
            result = work(index)
            batch.append((index, pack(result) if pack else result))
            if len(batch) >= BATCH:
                send.send(("ok", batch))
                batch = []
        if batch:
            send.send(("ok", batch))
        send.send(("end", None))
    except Exception as err:  # noqa: BLE001 - raised again in the parent
        send.send(("error", err))
    finally:
        send.close()
