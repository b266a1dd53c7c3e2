"""A Stream's text (the search index) written by a fresh Python process fed through a pipe, not
by a forked worker (shares.py), so that a large site's write does not copy the build's heap.

Why not fork: when the write starts at 10,000 pages the heap is ~450 MB; a forked worker making
the search index reads every page's strings (a reference count is a write) and allocates into
the heap's free chunks: ~240 MB of the shared heap was copied (bench_memory.py: tree PSS
707-735 MB). A new interpreter (`-I -S`: the standard library and specsite only) holds what it
is sent and what it makes. A thread of this process sends the inputs (pickled, in batches)
while this process checks links and writes the pages; the child makes the text as they come
and writes the file. Should the child fail or not start, this process writes the file itself
(the same code: the text is the same).

A job made of one part per input (`each`: the search index's document of each page) is shared
once this process has written everything else: it makes the parts of the last batches not yet
sent, and sends them made (Running.finish). The index of 2,000 pages is ~1 s of work against
~0.5 s for the link check and the pages: alone, the child was the build's last second.

The child can be started before its job is known (spawn: a build starts it before render, which
runs on one core and leaves the other idle), given the job as soon as it is (begin: the parts are
made from then on), and told where to write once the write's folder exists (aim: what it made
before is kept until then)."""
from __future__ import annotations

import os
import sys

from .shares import PIPE_BYTES, frame, kill, read_frame, roomy, wait

_BATCH = 32  # inputs sent at once (a search index's: ~12 kB each)
_END = "end"  # the last message: every input was sent
_CODE = "import sys; sys.path.insert(0, sys.argv[1]); from specsite.apart import child; child()"
MIN_INPUTS = 1000  # inputs worth an interpreter's start (write.Staging: below, a forked worker makes the text)


class Job:
    """What a fresh process is to run: module.function(inputs) gives the text's pieces (each
    input a picklable value; the function must need nothing else of this process's). With
    `each` (a function's name in the module): module.function(parts) gives them, the parts
    being module.each(input) of the inputs in order, some of them made by this process."""

    __slots__ = ("module", "function", "inputs", "each", "running")

    def __init__(self, module: str, function: str, inputs: list, each: str | None = None):
        self.module, self.function, self.inputs, self.each = module, function, inputs, each
        self.running = None  # the child already making it (Running.begin), not yet told where to write


class Running:
    """A child writing one file, and (from begin on) the thread feeding it."""

    def __init__(self, pid: int, fd: int):
        self.pid, self.fd = pid, fd
        self.thread = self.feed = None
        self.aimed = False

    def begin(self, job: Job) -> None:
        """Send the job, and its inputs from a thread: the child makes the parts from now on."""
        import threading
        job.running = self
        _send_all(self.fd, frame(("job", job.module, job.function, job.each or "", _batches(job))))
        self.feed = _Feed(self.fd, job, threading.Lock(), threading.Lock())
        self.thread = threading.Thread(target=self.feed.run, name="specsite-apart", daemon=True)
        self.thread.start()

    def aim(self, target: str) -> Running:
        """Tell the child the file it writes (begun: it may already have made part of the text)."""
        self.aimed = True
        self.feed.aim(target)
        return self

    def finish(self) -> bool:
        """Make the parts the child has not been sent yet (a job with `each`), then wait for
        the child; whether it wrote the whole file (exit status 0)."""
        try:
            self.feed.help()
        finally:
            self.thread.join()
            self.feed.close()
        pid, self.pid = self.pid, 0
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:
            return False
        return os.waitstatus_to_exitcode(status) == 0

    def stop(self) -> None:
        """Kill the child (the build does not write); the thread ends as its pipe breaks."""
        pid, self.pid = self.pid, 0
        if pid > 0:  # (0: stopped already, or forsaken)
            kill(pid)
            wait(pid)
        if self.thread is not None:
            self.thread.join()
            self.feed.close()
            self.feed.job.running = None  # (no write is to take it now)
        elif self.fd >= 0:
            os.close(self.fd)
        self.fd = -1

    def release(self) -> None:
        """Stop the child unless a write was told to finish it (aim): the build ends without it."""
        if not self.aimed:
            self.stop()

    def forsake(self) -> None:
        """In a worker forked after the spawn (team.Team): the child is the parent's to feed and
        stop; this copy closes its end of the pipe and never signals the child."""
        self.pid = 0
        if self.fd >= 0:
            os.close(self.fd)
        self.fd = -1


def spawn() -> Running | None:
    """A child waiting for its job (Running.begin); None when it cannot start (no posix_spawn,
    no interpreter to run)."""
    if not hasattr(os, "posix_spawn") or not sys.executable:
        return None
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    read, write = os.pipe()  # (not inherited: dup2 makes the child's stdin of the read end)
    roomy(write, PIPE_BYTES)  # (a batch at once: through 64 kB the two took turns at every piece of it)
    try:
        pid = os.posix_spawn(sys.executable, [sys.executable, "-I", "-S", "-c", _CODE, root], os.environ,
                             file_actions=[(os.POSIX_SPAWN_DUP2, read, 0),
                                           (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
                                           (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)])
    except OSError:
        os.close(read)
        os.close(write)
        return None
    os.close(read)
    return Running(pid, write)


def start(job: Job, target: str) -> Running | None:
    """A child writing `target` from `job`, fed by a thread; None when it cannot start."""
    running = spawn()
    if running is not None:
        running.begin(job)
        running.aim(target)
    return running


class _Feed:
    """The batches of a job's inputs, sent from the first on by a thread ("in", k, inputs); with
    `each`, this process takes the last ones once it is free (help) and sends their parts
    ("made", k, parts). Each batch goes once: `sent` and `left` (the next batch to send, the
    batches not taken from the end) change under the lock; a message is written whole before
    the next. The end is sent once both have stopped."""

    def __init__(self, fd: int, job: Job, lock, writing):
        self.fd, self.job, self.lock, self.writing = fd, job, lock, writing
        self.batches = _batches(job)
        self.sent, self.left = 0, self.batches
        self.broken = False
        self.feeding = True  # the thread sends the target (aim) between its batches until it ends
        self.target = None

    def aim(self, target: str) -> None:
        """The target is sent by the thread before its next batch (this process does not wait
        while the child reads the batch being sent), or from here once the thread has ended."""
        with self.lock:
            if self.feeding:
                self.target = target
                return
        self._send(frame(("to", target)))

    def _send_target(self, ending: bool = False) -> None:
        with self.lock:
            target, self.target = self.target, None
            self.feeding = self.feeding and not ending
        if target is not None:
            self._send(frame(("to", target)))

    def _take(self, last: bool) -> int | None:
        with self.lock:
            if self.sent >= self.left:
                return None
            if last:
                self.left -= 1
                return self.left
            self.sent += 1
            return self.sent - 1

    def _inputs(self, k: int) -> list:
        return self.job.inputs[k * _BATCH:(k + 1) * _BATCH]

    def _send(self, data: bytes) -> None:
        if self.broken:
            return
        try:
            with self.writing:  # (not the lock: a write waits for the child to read)
                _send_all(self.fd, data)
        except OSError:  # the child has gone: finish() sees it
            self.broken = True

    def run(self) -> None:
        try:
            while not self.broken:
                self._send_target()
                k = self._take(last=False)
                if k is None:
                    return
                self._send(frame(("in", k, self._inputs(k))))
        finally:
            self._send_target(ending=True)

    def help(self) -> None:
        if not self.job.each:
            return
        from importlib import import_module
        each = getattr(import_module(self.job.module), self.job.each)
        made = []  # (sent once none is left: a write waits for the child to read the batch before)
        while not self.broken:  # (a child that has gone needs none)
            k = self._take(last=True)
            if k is None:
                break
            made.append(frame(("made", k, list(map(each, self._inputs(k))))))
        for data in made:
            self._send(data)

    def close(self) -> None:
        if self.fd < 0:
            return
        self._send(frame(_END))
        os.close(self.fd)
        self.fd = -1


def _batches(job: Job) -> int:
    return (len(job.inputs) + _BATCH - 1) // _BATCH


def _send_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def child() -> None:
    """The child's program (argv: the root specsite is imported from); the messages come on
    stdin, the job first. Exits 0 only when every input came and the file is written."""
    from importlib import import_module
    job = read_frame(0)
    if not (isinstance(job, tuple) and job[0] == "job"):
        os._exit(1)
    _, module, function, each, batches = job
    module = import_module(module)
    make = getattr(module, function)
    ended = []
    out = _Output()

    def messages():
        while True:
            message = read_frame(0)
            if message is None:  # the build is gone
                return
            if message == _END:
                ended.append(True)
                return
            if message[0] == "to":
                out.aim(message[1])
                continue
            yield message

    if not each:
        values = (value for _, _, batch in messages() for value in batch)
    else:
        values = _in_order(messages(), getattr(module, each), batches)
    for piece in make(values):
        out.write(piece)
    os._exit(0 if ended and out.close() else 1)


class _Output:
    """The child's file; the pieces made before it is named are kept until it is."""

    def __init__(self):
        self.handle, self.kept = None, []

    def aim(self, target: str) -> None:
        self.handle = open(target, "w", encoding="utf-8", newline="\n")
        self.handle.writelines(self.kept)
        self.kept = None

    def write(self, piece: str) -> None:
        if self.handle is None:
            self.kept.append(piece)
        else:
            self.handle.write(piece)

    def close(self) -> bool:
        """Whether the file was named (and is now written whole)."""
        if self.handle is None:
            return False
        self.handle.close()
        return True


def _in_order(messages, each, batches: int):
    """The parts of the inputs in order: each batch sent as inputs made here as it comes, those
    the build sent made (from the last batch back) kept until their turn. A batch missing at the
    end (the build stopped while making it) is an error: the file would lack its pages."""
    made, k = {}, 0
    for kind, at, batch in messages:
        if kind == "made":
            made[at] = batch
            continue
        yield from map(each, batch)  # (batches of inputs come in order, each before those made)
        k = at + 1
        while k in made:
            yield from made.pop(k)
            k += 1
    while k in made:
        yield from made.pop(k)
        k += 1
    if k != batches:
        raise ValueError(f"batch {k} of {batches} never came")
