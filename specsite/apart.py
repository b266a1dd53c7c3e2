"""A Stream's text (the search index) written by a fresh Python process fed through a pipe, not
by a forked worker (shares.py), so that a large site's write does not copy the build's heap.

Why not fork: when the write starts at 10,000 pages the heap is ~450 MB; a forked worker making
the search index reads every page's strings (a reference count is a write) and allocates into
the heap's free chunks: ~240 MB of the shared heap was copied (bench_memory.py: tree PSS
707-735 MB). A new interpreter (`-I -S`: the standard library and specsite only) holds what it
is sent and what it makes. A thread of this process sends the inputs (pickled, in batches)
while this process checks links and writes the pages; the child makes the text as they come
and writes the file. Should the child fail or not start, this process writes the file itself
(the same code: the text is the same)."""
from __future__ import annotations

import os
import sys

from .shares import frame, kill, read_frame, wait

_BATCH = 64  # inputs sent at once (a search index's: ~12 kB each)
_END = "end"  # the last message: every input was sent
_CODE = "import sys; sys.path.insert(0, sys.argv[1]); from specsite.apart import child; child()"


class Job:
    """What a fresh process is to run: module.function(inputs) gives the text's pieces (each
    input a picklable value; the function must need nothing else of this process's)."""

    __slots__ = ("module", "function", "inputs")

    def __init__(self, module: str, function: str, inputs: list):
        self.module, self.function, self.inputs = module, function, inputs


class Running:
    """A child writing one file, and the thread feeding it."""

    def __init__(self, pid: int, thread):
        self.pid, self.thread = pid, thread

    def finish(self) -> bool:
        """Wait for the child; whether it wrote the whole file (exit status 0)."""
        self.thread.join()
        pid, self.pid = self.pid, 0
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:
            return False
        return os.waitstatus_to_exitcode(status) == 0

    def stop(self) -> None:
        """Kill the child (the build does not write); the thread ends as its pipe breaks."""
        pid, self.pid = self.pid, 0
        kill(pid)
        wait(pid)
        self.thread.join()


def start(job: Job, target: str) -> Running | None:
    """A child writing `target` from `job`, fed by a thread; None when it cannot start (no
    posix_spawn, no interpreter to run)."""
    if not hasattr(os, "posix_spawn") or not sys.executable:
        return None
    import threading
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    argv = [sys.executable, "-I", "-S", "-c", _CODE, root, job.module, job.function, target]
    read, write = os.pipe()  # (not inherited: dup2 makes the child's stdin of the read end)
    try:
        pid = os.posix_spawn(sys.executable, argv, os.environ, file_actions=[
            (os.POSIX_SPAWN_DUP2, read, 0),
            (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
            (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)])
    except OSError:
        os.close(read)
        os.close(write)
        return None
    os.close(read)
    thread = threading.Thread(target=_feed, args=(write, job.inputs), name="specsite-apart", daemon=True)
    thread.start()
    return Running(pid, thread)


def _feed(fd: int, inputs: list) -> None:
    """Send the inputs, then the end; a child that has gone (a broken pipe) is finish()'s to see."""
    try:
        for k in range(0, len(inputs), _BATCH):
            _send_all(fd, frame(inputs[k:k + _BATCH]))
        _send_all(fd, frame(_END))
    except OSError:
        pass
    finally:
        os.close(fd)


def _send_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def child() -> None:
    """The child's program: argv is (root, module, function, target); the inputs come on stdin.
    Exits 0 only when every input came and the file is written."""
    from importlib import import_module
    module, function, target = sys.argv[2:5]
    make = getattr(import_module(module), function)
    ended = []

    def inputs():
        while True:
            batch = read_frame(0)
            if batch is None:  # the build is gone
                return
            if batch == _END:
                ended.append(True)
                return
            yield from batch

    with open(target, "w", encoding="utf-8", newline="\n") as handle:
        handle.writelines(make(inputs()))
    os._exit(0 if ended else 1)
