"""The kept values a command used in each of its last two runs, in one marshal blob read whole
when the run first asks for one (kept_modules' bytecode, compile_cache's patterns and methods).
Unmarshalling a build's 220 modules one by one cost 42.5M instructions, as one blob 30.0M: the
names and strings that many code objects share are made (and interned) once, as marshal refers
back to them within one dump. The values not in the blob stay in the file of single values
(kept_file.py), read one by one as before.

Which values: those the command's last two runs both used. A site built again and again reads
its own; two sites built in turn read what both use; a run that used something else (another
site, a failing configuration) changes the blob for two runs at most. Only a command that runs
in its own process defines it (`cli.entry`): a run inside a test process, whose modules were
loaded before, used only a few. The file is written only when the blob or the last run's names
changed (never with PYTHONDONTWRITEBYTECODE); a file of another key, damaged or unreadable is no
file, and a failure to write it leaves the old one.

The file: 8 bytes (the header's length), the marshalled (key, blob's length, how many names the
last run used), the blob ({name: value}), then the marshalled names of the values the last run
used (read only when a run used other values than the blob's).
"""
from __future__ import annotations

import gc
import marshal
import os

from . import kept_file

_LENGTH = 8


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


class Bundle:
    """A command's blob of values, read when `get` is first asked (`path` None: no blob)."""

    def __init__(self, path: str | None, key):
        self.path = path
        self.key = key
        self.values: dict | None = None  # read at the first `get`
        self.fd = -1  # the file read, open until `close` (a rewrite carries its blob's bytes)
        self.start = self.size = 0  # where the blob lies in it
        self.last = -1  # how many names the last run used (-1: no blob read)

    def get(self, name):
        """The blob's value of `name`, or None."""
        if self.values is None:
            self.values = self._read()
        return self.values.get(name)

    def _read(self) -> dict:
        if self.path is None:
            return {}
        try:
            fd = os.open(self.path, os.O_RDONLY)
        except OSError:
            return {}
        try:
            length = int.from_bytes(os.pread(fd, _LENGTH, 0), "little")
            found, size, last = marshal.loads(os.pread(fd, length, _LENGTH))
            if found == self.key and type(size) is int and type(last) is int:
                values = _loads(os.pread(fd, size, _LENGTH + length))
                if type(values) is dict:
                    self.fd, self.start, self.size, self.last = fd, _LENGTH + length, size, last
                    return values
        except Exception:  # noqa: BLE001 - another format, damaged bytes (SystemError from a code object)
            pass
        os.close(fd)
        return {}

    def _last_names(self) -> set:
        """The names the run before this one used (empty: none known)."""
        if self.values is None:
            self.values = self._read()
        try:
            end = self.start + self.size
            names = marshal.loads(os.pread(self.fd, os.fstat(self.fd).st_size - end, end)) if self.fd >= 0 else ()
        except Exception:  # noqa: BLE001 - damaged bytes
            return set()
        return set(names) if type(names) is tuple else set()

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def save(self, used: dict) -> None:
        """Keep as the blob the values of `used` ({name: value}, every value this run used) that
        the run before used too, and `used`'s names as the last run's; written only if either changed."""
        if self.path is None:
            return
        if self.values is None:
            self.values = self._read()
        values = self.values
        if len(used) == len(values) == self.last and all(values.get(name) is value for name, value in used.items()):
            return  # (the blob holds what this run used, which the last run used: it holds the last run's names)
        last = self._last_names()
        names = set(used) & last
        # (the same objects: a value served from the blob; a module whose source changed is not)
        same = self.fd >= 0 and names == values.keys() and all(used[name] is values[name] for name in names)
        try:
            blob = os.pread(self.fd, self.size, self.start) if same else marshal.dumps({name: used[name] for name in sorted(names, key=repr)})
            head = marshal.dumps((self.key, len(blob), len(used)))
            tail = marshal.dumps(tuple(sorted(used, key=repr)))
        except (OSError, ValueError):  # a value marshal cannot write
            return
        if len(blob) == self.size or not same:
            kept_file.replace(self.path, b"".join((len(head).to_bytes(_LENGTH, "little"), head, blob, tail)))
