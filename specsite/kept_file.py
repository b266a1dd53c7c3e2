"""A file of values kept between runs (compile_cache's patterns and methods, kept_modules'
bytecode; what a command's last two runs both used is also in its blob, kept_bundle.py), each
read only when it is asked for: only the index is read and unmarshalled at the
start, a value is read (pread) when it is looked up. Reading a whole 3 MB file and unmarshalling
every value made about 1,600 fresh pages of memory (8-10 ms of page faults in this VM) for values
a run mostly never used; mapping it instead counted every page read in the process's memory.

The file: 8 bytes (the index's length), the marshalled (key, meta, {name: (offset, length)}),
then each value's marshal bytes. A file of another key, damaged or unreadable, is no file."""
from __future__ import annotations

import marshal
import os

_LENGTH = 8


class KeptFile:
    """A kept file's meta and index, its values read from the open file one by one (`get`)."""

    def __init__(self, meta=None, index: dict | None = None, fd: int = -1, start: int = 0, size: int = 0):
        self.meta = meta
        self.index = index if index is not None else {}
        self.fd = fd
        self.start = start
        self.size = size

    @classmethod
    def open(cls, path: str, key) -> KeptFile:
        """The file at `path` if it was written with `key`; an empty one otherwise."""
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            return cls()
        try:
            size = os.fstat(fd).st_size
            length = int.from_bytes(os.pread(fd, _LENGTH, 0), "little")
            if _LENGTH + length <= size:
                found, meta, index = marshal.loads(os.pread(fd, length, _LENGTH))
                if found == key and type(index) is dict:
                    return cls(meta, index, fd, _LENGTH + length, size)
        except (OSError, EOFError, ValueError, TypeError):
            pass
        os.close(fd)
        return cls()

    def raw(self, name) -> bytes | None:
        """The marshal bytes of `name`'s value (None: not kept, or past the file's end)."""
        place = self.index.get(name)
        if place is None or self.fd < 0:
            return None
        try:
            offset, length = place
            begin = self.start + offset
            if offset < 0 or length < 0 or begin + length > self.size:
                return None
            data = os.pread(self.fd, length, begin)
        except (OSError, TypeError, ValueError):
            return None
        return data if len(data) == length else None

    def carried(self, names, fresh) -> dict:
        """{name: marshal bytes} of each of `names` this file holds and `fresh` does not replace:
        what a rewrite carries over as it is (never unmarshalled)."""
        values = {}
        for name in names:
            data = self.raw(name) if name not in fresh else None
            if data is not None:
                values[name] = data
        return values

    def get(self, name):
        """`name`'s value, or None (not kept, or damaged)."""
        data = self.raw(name)
        if data is None:
            return None
        try:
            return marshal.loads(data)
        except Exception:  # noqa: BLE001 - damaged bytes: EOF/Value/TypeError, SystemError from a code object
            return None

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def write(path: str, key, meta, values: dict) -> None:
    """Write {name: marshal bytes of its value} under `key` (a temporary file, then renamed:
    a reader maps either the old file or the new one). A failure leaves the old file."""
    index, offset = {}, 0
    for name, data in values.items():
        index[name] = (offset, len(data))
        offset += len(data)
    try:
        head = marshal.dumps((key, meta, index))
    except ValueError:  # a value marshal cannot write
        return
    replace(path, (len(head).to_bytes(_LENGTH, "little"), head, *values.values()))


def replace(path: str, chunks) -> None:
    """Write the bytes of `chunks` to `path` one after the other (not joined: a copy of megabytes)
    through a temporary file then renamed (a reader opens either the old file or the new one).
    A failure (a read-only install) leaves the old file."""
    temporary = f"{path}.{os.getpid()}"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(temporary, "wb") as f:
            for data in chunks:
                f.write(data)
        os.replace(temporary, path)
    except OSError:
        try:
            os.unlink(temporary)
        except OSError:
            pass
