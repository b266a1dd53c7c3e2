"""The kept values a command used in each of its last two runs, in one marshal blob read whole
when the run first asks for one (kept_modules' bytecode, compile_cache's patterns and methods).
Unmarshalling a build's 220 modules one by one cost 42.5M instructions, as one blob 30.0M: the
names and strings that many code objects share are made (and interned) once, as marshal refers
back to them within one dump. The values not in the blob stay in the file of single values
(kept_file.py), read one by one as before.

Which values: those the command's last two runs both used, once the two used nearly the same
(a tenth apart at most: runs of one site's build). A site built again and again reads its own;
sites built in turn read the blob of the last one built twice, and what it lacks from the file
of single values. Writing a blob costs as much as reading it (marshal.dumps of 220 modules:
~10 ms), so the blob is rewritten only when it holds a value that changed (a module's new
source), or when two such runs find it lacks a value both used or holds more than a tenth that
they did not use (a switch to another site's build writes it once, at that site's second run);
a few unused values cost less to read than a rewrite. Only a command that runs in its own
process defines it (`cli.entry`): a run inside a test process, whose modules were loaded
before, used only a few. Nothing is written under PYTHONDONTWRITEBYTECODE; a file of another
key, damaged or unreadable is no file, and a failure to write one leaves the old one.

Two files: the blob's (8 bytes, the header's length; the marshalled (key, blob's length); the
blob, {name: value}) and the names of the values the last run used (`<blob>.names.marshal`, the
marshalled (key, names, None), or (key, None, the blob file's inode, mtime and size) when they
are the blob's: a run reads a few bytes; written whenever they change).
"""
from __future__ import annotations

import gc
import marshal
import mmap
import os

from . import kept_file

_LENGTH = 8
_OPEN: list = []  # this run's bundles with a blob file (of_command): what a team's worker reports on


def _loads(data: bytes):
    """marshal.loads with the cyclic collector off: the blob's 100,000 objects live on, and the
    collections their allocation sets off would walk them all (a third of the load's time). They
    join the oldest generation unexamined (freeze, then unfreeze), as commands/args.loading does."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return marshal.loads(data)
    finally:
        gc.freeze()
        gc.unfreeze()
        if collecting:
            gc.enable()


def _far(names: set, kept) -> bool:
    """Whether a blob of `kept` names serves runs that both used `names` badly enough to rewrite
    it: it lacks one of them, or more than a tenth of it is what they did not use."""
    return not names <= kept or len(kept - names) * 10 > len(kept)


def _settled(last: set, used) -> bool:
    """Whether the names the last run used and those this run used differ by a tenth at most:
    runs of one site's build. Only then is a blob that serves them badly rewritten (`_far`): a
    rewrite costs ~20 ms of CPU, and runs of different sites (sites built in turn, a corpus)
    rewrote it at three builds of four, each for what the next build did not use; they read
    the blob and take what it lacks from the file of single values (~1 ms)."""
    return len(last.symmetric_difference(used)) * 10 <= len(used)


def _stamp(path: str):
    """(inode, mtime in ns, size) of the file at `path`, or None."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


def command_file(single: str, command: str) -> str:
    """The file of `command`'s blob, beside `single` (the file of single values it is read before)."""
    return f"{single.removesuffix('.marshal')}.{command}.marshal"


class Bundle:
    """A command's blob of values, read when `get` is first asked (`path` None: no blob)."""

    @classmethod
    def of_command(cls, single: str, command: str | None, key) -> Bundle:
        """`command`'s blob beside the file of single values `single` (None: no command, no blob)."""
        bundle = cls(command_file(single, command) if command else None, key)
        if bundle.path is not None:  # (a bundle of that file made before in this process is done with)
            _OPEN[:] = [b for b in _OPEN if b.path != bundle.path] + [bundle]
        return bundle

    def __init__(self, path: str | None, key):
        self.path = path
        self.key = key
        self.values: dict | None = None  # read at the first `get`
        self.stamp = None  # the blob's file as read (_stamp)
        self.listed = False  # whether the last run's names are written out (not "the blob's")
        self.served: set = set()  # the names this process took from the blob (its users note them)
        self.elsewhere: set = set()  # those the team's worker took (report, take_report): used too

    def get(self, name):
        """The blob's value of `name`, or None."""
        if self.values is None:
            self.values = self._read()
        return self.values.get(name)

    def _read(self) -> dict:
        """The blob's values, unmarshalled from the file mapped, not read: a read copies its
        megabytes into fresh memory, each page of it a page fault (the build blob of modules:
        ~830 of a build's ~7,000, 2-3 ms of CPU), where the mapped file's pages are the page
        cache's, mapped 16 at a fault. The file is only ever replaced (kept_file.replace),
        never rewritten in place, so the mapped bytes stay the ones read."""
        if self.path is None:
            return {}
        try:
            with open(self.path, "rb") as f:
                stat = os.fstat(f.fileno())
                with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mapped, memoryview(mapped) as data:
                    length = int.from_bytes(data[:_LENGTH], "little")
                    found, size = marshal.loads(data[_LENGTH:_LENGTH + length])
                    if found == self.key and type(size) is int:
                        start = _LENGTH + length
                        values = _loads(data[start:start + size]) if start + size <= len(data) else None
                        if type(values) is dict:
                            self.stamp = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
                            return values
        except Exception:  # noqa: BLE001 - no file, an empty one, another format, damaged bytes (SystemError from a code object)
            pass
        return {}

    def names_path(self) -> str:
        return f"{self.path.removesuffix('.marshal')}.names.marshal"

    def _last_names(self, values: dict) -> set | None:
        """The names the run before this one used (empty: none known), or None when they are the
        blob's (the names file holds the blob file's stamp, and it is the blob read: most runs
        use what it holds, and a run reads a few bytes)."""
        try:
            with open(self.names_path(), "rb") as f:
                found, names, stamp = marshal.loads(f.read())
        except Exception:  # noqa: BLE001 - no file, damaged bytes
            return set()
        if found != self.key:
            return set()
        self.listed = names is not None
        if names is None:
            return None if stamp is not None and stamp == self.stamp else set()
        return set(names) if type(names) is tuple else set()

    def save(self, used: dict) -> None:
        """Keep the values of `used` ({name: value}, every value this run used) that the run
        before used too as the blob, if the blob serves them badly (`_far`) or holds one that
        changed, and `used`'s names as the last run's."""
        if self.path is None:
            return
        values = self.values if self.values is not None else self._read()
        if self.elsewhere:  # a team's build: the worker's part of the pages used the values it took
            used = {**{name: values[name] for name in self.elsewhere if name in values}, **used}
        last = self._last_names(values)
        if last is None:
            # (a value served from the blob is its object: this run used the blob's values, as the last run did)
            if len(used) == len(values) and all(values.get(name) is value for name, value in used.items()):
                return
            last = set(values)
        names = set(used) & last
        # (a value served from the blob is its object: one that is not changed, as a module whose source did)
        changed = any(used[name] is not values[name] for name in names & values.keys())
        kept, written = values.keys(), False
        try:
            if changed or _settled(last, used) and _far(names, kept):
                blob = marshal.dumps({name: used[name] for name in names})
                head = marshal.dumps((self.key, len(blob)))
                kept_file.replace(self.path, (len(head).to_bytes(_LENGTH, "little"), head, blob))
                kept, written, self.stamp = names, True, _stamp(self.path)
            blobs = used.keys() == kept and self.stamp is not None  # (this run's names are the blob's)
            if written or last != used.keys() or self.listed and blobs:
                kept_file.replace(self.names_path(), (marshal.dumps(
                    (self.key, None, self.stamp) if blobs else (self.key, tuple(used), None)),))
        except ValueError:  # a value marshal cannot write
            return


def report() -> list:
    """In a team's worker (team.Team), before it leaves: for each of the run's blobs, which of its
    values the worker took, as their places in the blob (both processes hold the same blob,
    read before the fork). The build's process counts them as used (take_report): which process
    parses which page changes from run to run, and so did the values each used (a lexer, a
    pattern), so the blob and the names were rewritten at the end of most builds (~25 ms of CPU
    and the old file's blocks freed: nhs-booking-api, 3 builds of 8)."""
    found = []
    for bundle in _OPEN:
        if bundle.values and bundle.served:
            served = bundle.served
            found.append((bundle.path, bundle.stamp, [k for k, name in enumerate(bundle.values) if name in served]))
    return found


def take_report(found) -> None:
    """In the build's process: what report() sent, noted on the same blobs (the same file as read)."""
    for path, stamp, places in found:
        for bundle in _OPEN:
            if bundle.path == path and bundle.stamp == stamp and bundle.values:
                names = list(bundle.values)
                bundle.elsewhere.update(names[k] for k in places if k < len(names))
