"""Work shared out over the cores by fork: forked workers inherit the build's memory (renderers,
pages, templates: nothing is pickled on the way in) and send back their results; this process
takes items too, so that on two cores one fork is all it takes.

Plain os.fork and pipes, not multiprocessing: importing it and making its shared counter cost
more (5-15 ms) than a small site's whole share. The items to take are written into a pipe
before the fork, four bytes each; every process reads the next four (a pipe's reads and
writes of whole items do not interleave), so each item is taken once, by whoever is free."""
from __future__ import annotations

import os
import sys

PIPE_BYTES = 1 << 20
BATCH = 24  # results a worker sends at once: the parent takes them in between its own items, not all at the end
_ITEM = 4  # bytes of an item's index in the pipe of items to take
_HEADER = 8  # bytes of a result frame's length


def jobs_for(count: int, minimum: int) -> int:
    """How many processes `count` items are worth: 1 below `minimum` items, with one core, without
    fork, with SPECSITE_JOBS=1, or while other threads run (`serve`'s server and watcher: a fork
    copies only this thread, and a lock another holds stays held in the worker)."""
    if count < minimum or not hasattr(os, "fork"):
        return 1
    if _other_threads():
        return 1
    jobs = min(os.cpu_count() or 1, int(os.environ.get("SPECSITE_JOBS") or 8), count)
    return jobs if jobs >= 2 else 1


def _other_threads() -> bool:
    threading = sys.modules.get("threading")  # (not imported: no thread was ever started)
    return threading is not None and threading.active_count() > 1


def map_shared(work, count: int, jobs: int, pack=None, unpack=None, batch: int = BATCH) -> list | None:
    """[work(i) for i in range(count)] over `jobs` processes, each taking the next item when it is
    done with one (the pages that read many other pages' content, the tag pages of the
    Documentation Theme, make fixed shares uneven); a worker sends (i, pack(result)) (something
    quicker to pickle) when `pack` is given, in batches that this process takes (and turns back
    with unpack(i, value) when given) between its own items, so that little is left to receive
    when it runs out of items. None when no worker could be started (the caller does the work
    itself); a worker's exception is raised here."""
    share = start(work, count, jobs, pack, batch)
    return None if share is None else share.finish(unpack)


def start(work, count: int, jobs: int, pack=None, batch: int = BATCH) -> Share | None:
    """Workers that start taking items of [work(i) for i in range(count)] now, while this process
    does something else; Share.finish takes the rest here and returns every result (as
    map_shared). None when no worker could be started."""
    try:
        taken, feed = os.pipe()
    except OSError:
        return None
    try:
        filled = fill_items(feed, count)
    finally:
        os.close(feed)  # an empty pipe now reads as its end
    if not filled:
        os.close(taken)
        return None
    share = Share(work, count, taken)
    for _ in range(jobs - 1):
        try:
            receive, send = os.pipe()
        except OSError:
            break
        roomy(send, PIPE_BYTES)
        try:
            pid = os.fork()
        except OSError:
            os.close(receive)
            os.close(send)
            break
        if pid == 0:  # the worker: never returns
            _run_share(work, taken, send, pack, batch, [fd for _, fd in share.workers] + [receive])
        os.close(send)
        share.workers.append((pid, receive))
    if not share.workers:
        share.close()
        return None
    return share


class Share:
    """Items being taken by forked workers (`workers`: (pid, pipe of their results)) and,
    from finish() on, by this process."""

    def __init__(self, work, count: int, taken: int):
        self.work, self.count, self.taken = work, count, taken
        self.workers: list = []
        self.results: list = [None] * count
        self.done = [False] * count
        self.failure: tuple | None = None  # (index, error) of the first item that failed in a worker

    def finish(self, unpack=None) -> list:
        """Take the items left, here; then every worker's results (see map_shared)."""
        work, results, done = self.work, self.results, self.done
        failed = None
        try:
            try:
                for index in taken_items(self.taken):
                    results[index], done[index] = work(index), True
                    self._receive(unpack, block=False)
            except Exception as err:  # raised once the items before it are done, as one process raises the first
                failed = (index, err)
            self._receive(unpack, block=True)
        except BaseException:
            self.stop()  # no worker outlives the build
            raise
        finally:
            self.close()
        failed = min((f for f in (failed, self.failure) if f is not None), key=lambda f: f[0], default=None)
        for index in range(self.count if failed is None else failed[0]):
            if not done[index]:  # a worker died (or failed): what it took and did not send is done here
                results[index] = work(index)
        if failed is not None:
            raise failed[1]
        return results

    def stop(self) -> None:
        """Kill the workers (on an error here: nothing they do is wanted any more)."""
        for pid, receive in self.workers:
            kill(pid)
        self._reap()
        self.close()

    def close(self) -> None:
        if self.taken >= 0:
            os.close(self.taken)
            self.taken = -1

    def _receive(self, unpack, block: bool) -> None:
        """Store every batch that has come (block: until every worker has finished)."""
        import select  # (here: a build that forks nothing does not load it)
        while self.workers:
            ready, _, _ = select.select([fd for _, fd in self.workers], [], [], None if block else 0)
            if not ready:
                return
            for fd in ready:
                message = read_frame(fd)
                status, value = message if message is not None else ("end", None)  # (None: it died)
                if status == "ok":
                    for index, result in value:
                        self.results[index] = unpack(index, result) if unpack else result
                        self.done[index] = True
                    continue
                if status == "error" and (self.failure is None or value[0] < self.failure[0]):
                    self.failure = value
                self._end([w for w in self.workers if w[1] == fd][0])

    def _end(self, worker) -> None:
        pid, fd = worker
        self.workers.remove(worker)
        os.close(fd)
        wait(pid)

    def _reap(self) -> None:
        for pid, fd in self.workers:
            os.close(fd)
            wait(pid)
        self.workers = []


def fill_items(fd: int, count: int) -> bool:
    """Every index of range(count) written into the pipe `fd` (4 bytes each, so that each read
    of 4 bytes hands one item to whichever process reads it); False when the pipe cannot hold
    them all (then none is to be taken from it). Nobody reads yet: a full pipe would wait forever."""
    from array import array
    items = array("I", range(count)).tobytes()
    if array("I").itemsize != _ITEM:
        return False
    try:
        if len(items) > 65536:
            roomy(fd, len(items))
        view = memoryview(items)
        while view:
            view = view[os.write(fd, view):]
    except OSError:
        return False
    return True


def taken_items(fd: int):
    """The items this process takes from a pipe fill_items filled, one at a time, until none is left."""
    while True:
        data = os.read(fd, _ITEM)
        if len(data) < _ITEM:  # (b"": every item is taken)
            return
        yield int.from_bytes(data, "little")


def roomy(fd: int, size: int) -> None:
    """A pipe that holds `size` bytes (Linux: up to 1 MB, not 64 kB): the items to take, or a
    batch or two of results, so that a worker sends on without waiting while this process is
    busy with a long item (a tag page that reads every page)."""
    try:
        import fcntl
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, size)
    except (ImportError, AttributeError, OSError):  # another system, or a lower limit: the default pipe
        if size != PIPE_BYTES:
            raise OSError("too many items for a pipe") from None


def kill(pid: int) -> None:
    """SIGKILL a forked worker. Only a positive pid: 0 or -1 would signal a process group, or
    every process this user may signal."""
    if pid <= 0:
        return
    from _signal import SIGKILL  # (the C module: signal.py's enums cost 4.6M instructions, 1 ms)
    try:
        os.kill(pid, SIGKILL)
    except OSError:
        pass


def wait(pid: int) -> None:
    """Reap a forked worker (one already reaped is no error)."""
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def _read_exact(fd: int, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, left)
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_frame(fd: int):
    """The next message frame() wrote to `fd`, unpickled; None at the end of the stream."""
    header = _read_exact(fd, _HEADER)
    if header is None:
        return None
    body = _read_exact(fd, int.from_bytes(header, "little"))
    return None if body is None else pickler().loads(body)


def pickler():
    """The C pickler, whose `dumps` and `loads` pickle.py's are, without pickle.py's import (its
    pure-Python Pickler and Unpickler: 1 ms in each process that sends or receives); here, not at
    the module's import: a build without workers (a small site) loads neither."""
    try:
        import _pickle
    except ImportError:  # pragma: no cover - another Python (pickle.py is then all there is)
        import pickle as _pickle
    return _pickle


def frame(message) -> bytes:
    """A message to another process: its pickle's length (8 bytes, little-endian), then the pickle
    (the highest protocol: -1)."""
    data = pickler().dumps(message, protocol=-1)
    return len(data).to_bytes(_HEADER, "little") + data


def _send(fd: int, message) -> None:
    view = memoryview(frame(message))
    while view:
        view = view[os.write(fd, view):]


def _run_share(work, taken: int, send: int, pack, size: int, others: list) -> None:
    """In a forked worker: (item, result) of the items it took, in batches, then "end" or the
    error, to the parent; then the process ends at once (os._exit: nothing of the parent's, no
    buffered output, no exit handler, runs twice)."""
    status, index = 0, -1
    try:
        for fd in others:
            os.close(fd)
        batch = []
        for index in taken_items(taken):
            result = work(index)
            batch.append((index, pack(result) if pack else result))
            if len(batch) >= size:
                _send(send, ("ok", batch))
                batch = []
        if batch:
            _send(send, ("ok", batch))
        _send(send, ("end", None))
    except Exception as err:  # noqa: BLE001 - raised again in the parent
        status = 1
        try:
            _send(send, ("error", (index, err)))
        except Exception:  # noqa: BLE001 - an error that does not pickle
            try:
                _send(send, ("error", (index, RuntimeError(f"{type(err).__name__}: {err}"))))
            except BaseException:  # noqa: BLE001 - the parent does the items itself
                pass
    except BaseException:  # noqa: BLE001 - interrupted: the parent decides
        status = 1
    finally:
        os._exit(status)
