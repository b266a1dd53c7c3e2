"""One worker for the parse and render stages of a build, forked once, early (before parse, while
the heap is small): it runs the same stages as this process, the same code on the same values,
and at each share point (`Team.share`) the two take the items from one pipe (whoever is free
takes the next); each sends the other what the other needs. A fork per stage would be simpler, but after each fork
every page of memory either process writes is copied again (copy-on-write, 8 µs a page in this
VM): digital-referrals' render faulted 4,600 times in this process instead of 1,600.

The worker never gets past the stages it shares: its part ends at the last share point (render:
it exits once it has sent its pages), or at the end of the `with` block at the latest; it
writes nothing, prints nothing (its output goes to /dev/null) and reports nothing (what it
reports comes back with its items). Should it die, this process does its items."""
from __future__ import annotations

import os
import struct

from . import kept_bundle
from .shares import fill_items, frame, jobs_for, kill, pickler, taken_items, wait

_POINTS = 4  # share points a build may have (parse, readers, render)
_HEADER = struct.Struct("<Q")  # the length before each message: shares.frame's
_BATCH = 4  # results sent at once


class Team:
    """This process and a forked worker, from start() to the end of the `with` block."""

    def __init__(self, items: list, inbound: int, outbound: int, pid: int):
        self.items = items  # per share point: (read end, write end); the worker has no write ends
        self.inbound, self.outbound = inbound, outbound
        self.pid = pid  # the worker's, in this process; 0 in the worker
        self.stopped = pid == 0  # (the worker stops no one)
        self.point = 0
        self.alive = True  # the other process still answers
        self.inbox: list = []  # messages come in order: (status, point, value)
        self.ended: set = set()  # the points the other process has sent all of
        self.buffer = bytearray()
        self.outbox = bytearray()

    @property
    def worker(self) -> bool:
        return self.pid == 0

    @classmethod
    def start(cls, count: int, minimum: int) -> Team | None:
        """A worker for a build of `count` pages (None below `minimum`, with one core, or when no
        worker could be started). Returns in both processes: the worker's Team has .worker."""
        if jobs_for(count, minimum) < 2:
            return None
        import select  # noqa: F401 - loaded once, before the fork (both processes use it in _pump)
        fds: list = []
        try:
            for _ in range(_POINTS + 2):
                fds.extend(os.pipe())
            pid = os.fork()
        except OSError:
            for fd in fds:
                os.close(fd)
            return None
        items = [(fds[2 * k], fds[2 * k + 1]) for k in range(_POINTS)]
        down, up = fds[2 * _POINTS:2 * _POINTS + 2], fds[2 * _POINTS + 2:]  # to the worker, to this process
        if pid == 0:
            for fd in (down[1], up[0], *(write for _, write in items)):
                os.close(fd)  # (only this process fills a point's items: its end of them is their end)
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.dup2(null, 2)
            os.close(null)
            team = cls([(read, -1) for read, _ in items], down[0], up[1], 0)
        else:
            os.close(down[0])
            os.close(up[1])
            team = cls(items, up[0], down[1], pid)
        os.set_blocking(team.outbound, False)
        return team

    def __enter__(self) -> Team:
        return self

    def __exit__(self, kind, value, trace) -> bool:
        """The worker ends here (if it has not at its last share point), whatever happened; in
        this process, the worker is stopped: it has sent all it was to send."""
        if self.worker:
            self._leave()
        self.close()
        return False

    def retire(self) -> None:
        """The worker's part ends here (before the stages it does not share): it exits; this
        process stops it."""
        if self.worker:
            self._leave()
        self.close()

    def share(self, work, count: int, pack=None, unpack=None, both: bool = False, last: bool = False,
              alone: bool = False) -> list:
        """[work(i) for i in range(count)], the items taken from a counter both processes share.
        The worker sends what it did (pack(result)) to this process, which stores it (unpack(i,
        value)); with `both`, this process sends its own too, and both return every result.
        `last`: the worker's part ends here (it exits once its results are sent). `alone`: this
        process does every item (in order; the worker only receives them, with `both`). Both
        processes call share() at the same points, in the same order."""
        point, self.point = self.point, self.point + 1
        results, done = [None] * count, [False] * count
        sending = self.worker or both
        keeping = not self.worker or both  # (the worker's own results, once sent, are not kept: its memory stays flat)
        batch, failed = [], None
        try:
            for index in self._taken(point, count) if not alone else range(count) if not self.worker else ():
                result, done[index] = work(index), True
                if keeping:
                    results[index] = result
                if sending and self.alive:
                    batch.append((index, pack(result) if pack else result))
                    if len(batch) >= _BATCH:
                        self._post(("ok", point, batch))
                        batch = []
                del result
                self._store(point, results, done, unpack, block=False)
        except Exception as err:  # here: raised once the items before it are done (one process raises the first)
            if self.worker:
                raise
            failed = (index, err)
        if sending and self.alive:
            self._post(("ok", point, batch))
            if self.worker and last:  # (before "end": this process reads up to it)
                self._post(("kept", point, kept_bundle.report()))
            self._post(("end", point, None))
        if self.worker and last:
            self._leave()
        if not self.worker or both:
            self._store(point, results, done, unpack, block=True)
        while self.outbox and self.alive:  # all of it sent before the next point's items are waited for
            self._pump(block=True)
        if not self.worker or both:
            for index in range(count if failed is None else failed[0]):
                if not done[index]:  # the other process died with it (or failed at it): done here
                    results[index] = work(index)
        if failed is not None:
            raise failed[1]
        return results

    def close(self) -> None:
        """Stop the worker (this process; once: its pid is forgotten) and close the pipes."""
        pid, self.stopped = (self.pid if not self.stopped else 0), True
        if pid > 0:
            kill(pid)
            wait(pid)
        for fd in (self.inbound, self.outbound, *(fd for pair in self.items for fd in pair)):
            if fd >= 0:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self.inbound = self.outbound = -1
        self.items = []

    # -- the worker's end --------------------------------------------------------------------
    def _leave(self) -> None:
        """Send what is left to send, then end the process at once (os._exit: nothing of this
        process's, no exit handler, runs twice)."""
        try:
            while self.outbox and self.alive:
                self._pump(block=True)
        finally:
            os._exit(0)

    # -- items and messages ------------------------------------------------------------------
    def _taken(self, point: int, count: int):
        """The items this process takes at `point`, one at a time, until none is left. This
        process writes every item's index into the point's pipe, then closes it; each process
        reads the next four bytes (a pipe's reads and writes of whole items do not interleave):
        each item is taken once, by whoever is free; the worker's reads wait until the items
        are there. Past the pipe's room (262,144 items), this process takes every item."""
        read, write = self.items[point] if point < len(self.items) else (-1, -1)
        if read < 0:
            yield from range(count) if not self.worker else ()
            return
        if write >= 0:
            filled = fill_items(write, count)
            os.close(write)
            self.items[point] = (read, -1)
            if not filled:  # too many: all done here
                yield from range(count)
                return
        yield from taken_items(read)

    def _post(self, message) -> None:
        self.outbox += frame(message)
        self._pump(block=False)

    def _store(self, point: int, results: list, done: list, unpack, block: bool) -> None:
        """Store the other process's results for this point (block: until its "end")."""
        while point not in self.ended:
            while self.inbox:
                status, at, value = self.inbox[0]
                if at != point:  # (a later point's: not yet)
                    return
                self.inbox.pop(0)
                if status == "end":
                    self.ended.add(point)
                    return
                if status == "kept":  # the kept values the worker took (kept_bundle.report)
                    kept_bundle.take_report(value)
                    continue
                for index, result in value:
                    results[index] = unpack(index, result) if unpack else result
                    done[index] = True
            if not self.alive:
                return
            if not self._pump(block) and not block:
                return

    def _pump(self, block: bool) -> bool:
        """Move bytes: write what the pipe takes of the outbox, read what has come (decoding
        whole messages into the inbox). Waits for one of the two when `block`. False when
        nothing moved."""
        import select  # (here: a build too small to fork does not load it)
        writing = [self.outbound] if self.outbox else []
        ready, writable, _ = select.select([self.inbound], writing, [], None if block else 0)
        moved = False
        if writable:
            try:
                sent = os.write(self.outbound, self.outbox)
            except BlockingIOError:
                sent = 0
            except OSError:  # the other process is gone
                self.alive, sent = False, len(self.outbox)
            del self.outbox[:sent]
            moved = moved or sent > 0
        if ready:
            data = os.read(self.inbound, 1 << 20)
            if not data:
                self.alive = False
                self.outbox.clear()
                return True
            self.buffer += data
            self._decode()
            moved = True
        return moved

    def _decode(self) -> None:
        loads = pickler().loads
        buffer = self.buffer
        while len(buffer) >= _HEADER.size:
            size = _HEADER.unpack_from(buffer)[0]
            if len(buffer) < _HEADER.size + size:
                return
            self.inbox.append(loads(bytes(buffer[_HEADER.size:_HEADER.size + size])))
            del buffer[:_HEADER.size + size]
