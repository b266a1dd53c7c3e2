"""The parse cache on disk (`.specsite-cache/`): values pickled one by one (a page's parse entry,
a page's render) in segment files, and an index (`parse.pickle`) naming where each value is.

A build after a one-page edit unpickles each value only when it is asked for (`Blobs`), and
writes only what it replaced: the edited page's values go into a new, small segment, and the
index is written again; the other segments stay as they are (rewriting the whole 2.4 MB of a
140-page site cost 3 ms of every edit, the rename over the old file most of it). Segments whose
values are all replaced are removed; once more than half of the bytes in the segments are dead,
or there are MAX_SEGMENTS of them, every value is written into one new segment.

Signed: the index is `MAGIC`, a keyed BLAKE2b MAC of its body with the user's key (secret.py),
then the body (`BODY`, then the pickle of (head, segments, sections)); each segment's name and
size, and each value's place and own MAC, are in the signed index. A value is verified when it
is first read, just before it is unpickled: a value that does not verify is never unpickled
(`Unsigned`), and one never read is never hashed (an edit still reads every page's entry and
render). Keyed BLAKE2b is the builtin `_blake2` (digests.py): a cached build does not load
OpenSSL (hashlib and hmac: ~4 ms of CPU) for HMAC-SHA256, which hashes twice as fast with this
CPU's SHA instructions (2.3 MB: 1.3 ms against 2.4). A segment is a plain file of that folder,
opened without following links.
"""
from __future__ import annotations

import os
import re
import stat
from typing import NamedTuple

from .digests import compare_digest
from .outputs import put_file

from .secret import keyed
from .shares import pickler

pickle = pickler()  # the C pickler itself: pickle.py (its Python pickler) costs 1 ms of every cached build

MAGIC = b"specsite-cache\n"
SIG = 32  # bytes of the index's MAC
VALUE_SIG = 16  # bytes of a value's MAC (a forgery is a 2**-128 guess: the key is not in the source)
BODY = b"values\n"  # the body's own mark (a signed file of an older layout is rebuilt)
MAX_SEGMENTS = 8
_SEGMENT = re.compile(r"parse-[0-9a-f]{16}\.seg")
_UNREAD = object()


class Unsigned(Exception):
    """The index or a value was not signed with this user's key (or was changed since)."""


class Blobs:
    """{name: value} of a section: a value read from a segment is verified and unpickled when
    first asked for (`get`), and stays where it is on disk until it is replaced."""

    def __init__(self, raw: dict | None = None, key: bytes | None = None):
        # every name: (its pickle as read, (segment, offset, length), its MAC), or None once replaced
        self._raw = dict(raw) if raw else {}
        self._values: dict = {}
        self._key = key

    def get(self, name, default=None):
        """The value of `name`, or `default`; raises Unsigned, and forgets the name, when the bytes
        read for it do not verify (they are not unpickled)."""
        value = self._values.get(name, _UNREAD)
        if value is _UNREAD:
            stored = self._raw.get(name)
            if stored is None:
                return default
            if not compare_digest(stored[2], value_mac(self._key, stored[0])):
                del self._raw[name]
                raise Unsigned()
            value = self._values[name] = pickle.loads(stored[0])  # noqa: S301 - its MAC verified
        return value

    def __getitem__(self, name):
        if name not in self._raw:
            raise KeyError(name)
        return self.get(name)

    def __setitem__(self, name, value):
        self._raw[name] = None
        self._values[name] = value

    def pop(self, name) -> None:
        self._raw.pop(name, None)
        self._values.pop(name, None)

    def __contains__(self, name) -> bool:
        return name in self._raw

    def __iter__(self):
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)

    def stored(self):
        """(name, pickle, place, MAC) of every value: `place` (segment, offset, length) where it
        is on disk and the MAC the index gave it (verified or not: the bytes go on with it), or
        None and None for a value replaced (pickled now)."""
        for name, stored in self._raw.items():
            if stored is None:
                yield name, pickle.dumps(self._values[name], protocol=5), None, None
            else:
                yield name, stored[0], stored[1], stored[2]


class Stored(NamedTuple):
    """What `read` found: the head, {section: Blobs}, and the segments ((name, size), ...)."""

    head: tuple
    sections: dict
    segments: tuple


def signature(key: bytes, parts) -> bytes:
    """The index's MAC: keyed BLAKE2b of SIG bytes (a value's, of another size, is another function;
    BLAKE2b takes up to 64 bytes of key, the key file holds 32)."""
    mac = keyed(key, SIG)
    for part in parts:
        mac.update(part)
    return mac.digest()


def value_mac(key: bytes, blob) -> bytes:
    """A value's MAC, kept in the signed index beside its place."""
    return keyed(key, VALUE_SIG, blob).digest()


def read(data: bytes, folder, key: bytes | None) -> Stored | None:
    """The cache whose index file holds `data`, its segments in `folder`; None when a segment
    is missing (written over by another build: the cache is rebuilt). Raises Unsigned, or
    ValueError for an index of an older layout (rebuilt without a warning)."""
    body = memoryview(data)[len(MAGIC) + SIG:]
    if key is None or not data.startswith(MAGIC):
        raise Unsigned()
    if not compare_digest(data[len(MAGIC):len(MAGIC) + SIG], signature(key, (body,))):
        if _signed_before(data, key):
            raise ValueError("a cache of an older layout")
        raise Unsigned()
    if bytes(body[:len(BODY)]) != BODY:
        raise ValueError("not a cache of this layout")
    head, segments, sections = pickle.loads(body[len(BODY):])  # noqa: S301 - the signature verified
    views = []
    for name, size in segments:
        if not _SEGMENT.fullmatch(name):
            raise ValueError("not a segment name")
        blob = _read_segment(os.path.join(folder, name))
        if blob is None:
            return None
        if len(blob) != size:
            raise Unsigned()
        views.append(memoryview(blob))
    found = {}
    for section, rows in sections:
        found[section] = Blobs({name: (views[k][offset:offset + length], (segments[k][0], offset, length), mac)
                                for name, k, offset, length, mac in rows}, key)
    return Stored(head, found, tuple(segments))


def _signed_before(data: bytes, key: bytes) -> bool:
    """Whether `data` is an index signed by an older specsite (HMAC-SHA256): its cache is rebuilt
    quietly, not reported as changed. (hmac loads OpenSSL: only for such a file.)"""
    import hashlib
    import hmac
    body = memoryview(data)[len(MAGIC) + SIG:]
    return hmac.compare_digest(data[len(MAGIC):len(MAGIC) + SIG], hmac.new(key, body, hashlib.sha256).digest())


def _read_segment(path: str):
    """A segment's bytes; None unless it is a regular file (a link is not followed). A file of
    this user that no one else may write is mapped rather than copied (a copy of 2.3 MB into
    fresh memory: 560 page faults, 1.2 ms of CPU; mapped: 36): only this user, who can read the
    key too, could change its bytes between a value's check and its unpickling. Any other file
    is copied, so that the bytes checked are the bytes unpickled."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None
        if info.st_size and hasattr(os, "geteuid") and info.st_uid == os.geteuid() and not info.st_mode & 0o022:
            import mmap  # (only for a cache that has one)
            return mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    except (OSError, ValueError):
        return None
    finally:
        os.close(fd)


def write(path, key: bytes, head: tuple, sections: dict, previous: tuple = ()) -> None:
    """The cache: `head`, and `sections` ({section: Blobs}) whose values not replaced since
    `previous` (the segments they were read from) stay in those segments; the index written
    beside `path` and renamed to it (a reader finds the old index, the new one, or none: a
    build without the cache)."""
    folder = os.path.dirname(path)
    sizes = dict(previous)
    rows: list = []  # (section, [[name, (segment name or None, offset, length), pickle, MAC], ...])
    live: dict = {}
    for section, blobs in sections.items():
        placed = []
        for name, blob, place, mac in blobs.stored():
            if place is not None and place[0] in sizes:
                live[place[0]] = live.get(place[0], 0) + place[2]
            else:
                place = None
            placed.append([name, place, blob, mac if mac is not None else value_mac(key, blob)])
        rows.append((section, placed))
    compact = not previous or len(live) >= MAX_SEGMENTS or 2 * sum(live.values()) < sum(sizes.values())
    offset, parts = 0, []
    for _, placed in rows:
        for row in placed:
            if row[1] is None or compact:
                row[1] = (None, offset, len(row[2]))
                offset += len(row[2])
                parts.append(row[2])
    kept = [entry for entry in previous if entry[0] in live and not compact]
    segments = list(kept)
    if parts:
        name = f"parse-{os.urandom(8).hex()}.seg"  # (secrets.token_hex, without importing secrets)
        _write_new(os.path.join(folder, name), parts)
        segments.append((name, offset))
    number = {entry[0]: k for k, entry in enumerate(segments)}
    index = (head, tuple(segments), tuple(
        (section, tuple((name, number[place[0]] if place[0] is not None else len(segments) - 1, place[1], place[2],
                         mac) for name, place, _, mac in placed)) for section, placed in rows))
    body = [BODY, pickle.dumps(index, protocol=5)]
    tmp = os.path.join(folder, f"{os.path.basename(path)}.{os.getpid()}.tmp")
    if os.path.lexists(tmp):
        os.unlink(tmp)
    _write_new(tmp, [MAGIC, signature(key, body), *body])
    put_file(tmp, path)
    _remove_unused(folder, {entry[0] for entry in segments}, previous, everything=compact)


def _write_new(path: str, parts) -> None:
    """A new file readable by this user only, never written through a link."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.writelines(parts)


def _remove_unused(folder: str, used: set, previous: tuple, everything: bool) -> None:
    """The segments the last index named that the new one does not; with `everything` (a
    compaction, or a cache written afresh), any other segment too (left by a build that stopped
    before its index, or by a cache that did not verify)."""
    names = {entry[0] for entry in previous}
    if everything:
        try:
            names.update(n for n in os.listdir(folder) if _SEGMENT.fullmatch(n))
        except OSError:
            pass
    for name in names - used:
        try:
            os.unlink(os.path.join(folder, name))
        except OSError:
            pass
