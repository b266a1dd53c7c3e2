"""What a build writes at each output path, as typed values: writing, serving and checking ask
the value (`read`, `data`, `write`) instead of guessing from a str, a Path or a function."""
from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG
from typing import ClassVar


@dataclass(frozen=True)
class Text:
    """Text made during the build: a page in a Jekyll site's layouts, a feed, a source map."""

    value: str
    # the key of what is written (cache.text_key), when its maker knows it: a page whose render the
    # cache reused (its HTML is what was rendered then), so a cached build does not hash it again
    digest: bytes | None = field(default=None, compare=False, repr=False)
    deferred: ClassVar[bool] = False
    made_when_written: ClassVar[bool] = False

    def read(self) -> str:
        return self.value

    def data(self) -> bytes:
        return self.value.encode("utf-8", "surrogateescape")

    def write(self, target: Path):
        # (surrogateescape: the bytes of a page that is not UTF-8, which Jekyll writes as they are:
        # discover.reader reads them so)
        with open(target, "w", encoding="utf-8", errors="surrogateescape", newline="\n") as handle:
            handle.write(self.value)


@dataclass(frozen=True)
class Copy:
    """A file copied as it is: a static file of the site, an asset of the theme."""

    path: Path
    deferred: ClassVar[bool] = False
    made_when_written: ClassVar[bool] = False

    def read(self) -> bytes:
        return self.path.read_bytes()

    def data(self) -> bytes:
        return self.path.read_bytes()

    def write(self, target: Path):
        copy_file(self.path, target)


@dataclass(frozen=True)
class Page:
    """A page in specsite's theme, rendered when it is written or served (memory stays flat).
    `encoded`: the same page made as UTF-8 bytes directly (what is written), when its maker can."""

    render: Callable[[], str]
    encoded: Callable[[], bytes] | None = field(default=None, compare=False, repr=False)
    deferred: ClassVar[bool] = True
    made_when_written: ClassVar[bool] = True  # work for the write's workers

    def read(self) -> str:
        return self.render()

    def data(self) -> bytes:
        return self.encoded() if self.encoded is not None else self.render().encode("utf-8", "surrogateescape")

    def write(self, target: Path):
        with open(target, "wb") as handle:
            handle.write(self.data())


@dataclass(frozen=True)
class Stream:
    """Text made when it is written, piece by piece: the search index (87 MB for 10,000 pages)
    is never held whole, and is made by a write worker while the others render pages. Not a
    page (`deferred` is for pages: serve decorates them, `check` renders them)."""

    pieces: Callable[[], Iterable[str]]
    key: Callable[[], bytes] | None = None  # a digest of all it is made of (a cached build keeps an equal file)
    # the same text made by a fresh process (apart.Job): how a large site's write makes it
    apart: object = field(default=None, compare=False, repr=False)
    deferred: ClassVar[bool] = False
    made_when_written: ClassVar[bool] = True

    def read(self) -> str:
        return "".join(self.pieces())

    def data(self) -> bytes:
        return self.read().encode("utf-8", "surrogateescape")

    def write(self, target: Path):
        with open(target, "w", encoding="utf-8", errors="surrogateescape", newline="\n") as handle:
            handle.writelines(self.pieces())


Output = Text | Copy | Page | Stream


def write_reusing(content, target: str, previous: str | None) -> None:
    """content.write(target); but a page, a text or a copied file (up to 4 MB) whose bytes equal
    those of `previous` (its file in the folder the build replaces, or None) is hard-linked to
    that file instead. The old folder is removed once the new one is in place: a file it
    shares loses a name, not its blocks. Removing a folder of files written more than ~30 s before (written back to disk)
    took 7 s of waiting on this machine's disk at 2,000 pages (ext4 discarding every freed
    block), 0.3 s of it CPU; a link also allocates and writes back nothing. Only a regular
    file is linked (not followed through a symbolic link); where linking fails, it is written."""
    data = _comparable(content, previous) if previous is not None else None
    if data is None:
        content.write(target)
        return
    if _same_bytes(previous, data):
        try:
            os.link(previous, target, follow_symlinks=False)
            return
        except OSError:
            pass
    with open(target, "wb") as handle:
        handle.write(data)


_COMPARED = 1 << 22  # a copied file up to this size is compared with the last build's (read whole)


def _comparable(content, previous: str) -> bytes | None:
    """The bytes `content` writes, to compare with the file `previous`: a page's or a text's; a
    copied file's when it is small and as large as `previous` (which may then hold the same).
    None: written as it is (a large or resized copy, a stream)."""
    if isinstance(content, (Text, Page)):
        return content.data()
    if not isinstance(content, Copy):
        return None
    try:
        source = content.path
        size = os.stat(source).st_size
        if size > _COMPARED or os.lstat(previous).st_size != size:
            return None
        with open(source, "rb") as handle:
            return handle.read()
    except OSError:
        return None


def holds(content, path: str) -> bool:
    """Whether the file at `path` (a regular file, not followed through a link) holds the very
    bytes `content` writes (a page, a text, or a copied file up to 4 MB: see _comparable)."""
    data = _comparable(content, path)
    return data is not None and _same_bytes(path, data)


def write_unless_same(content, target: str, current: str) -> bool:
    """content.write(target), unless what it writes (see _comparable) is the very bytes that the
    file `current` (its file in the live folder, for an edit's few files put in place) holds:
    then nothing is written, and False is returned (the file in place stays)."""
    data = _comparable(content, current)
    if data is None:
        content.write(target)
        return True
    if _same_bytes(current, data):
        return False
    with open(target, "wb") as handle:
        handle.write(data)
    return True


def _same_bytes(path: str, data: bytes) -> bool:
    """Whether `path` is a regular file (not a symbolic link) holding exactly `data`."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return False
    try:
        stat = os.fstat(fd)
        if not S_ISREG(stat.st_mode) or stat.st_size != len(data):
            return False
        return os.read(fd, len(data) + 1) == data
    except OSError:
        return False
    finally:
        os.close(fd)


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)


def copy_file(source, target) -> None:
    """shutil.copyfile without its Python file objects and extra stats: two descriptors and
    sendfile (a site's static files are most of what a build writes: dose-syntax's 137 copies
    in 37 ms instead of 48, median of 15). Elsewhere than Linux, or when sendfile refuses,
    shutil.copyfile."""
    if not hasattr(os, "sendfile"):
        shutil.copyfile(source, target)
        return
    reading = os.open(source, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        writing = os.open(target, _CREATE, 0o666)
        try:
            left, offset = os.fstat(reading).st_size, 0
            while left > 0:
                sent = os.sendfile(writing, reading, offset, left)
                if sent <= 0:
                    break
                offset += sent
                left -= sent
        except OSError:
            os.close(writing)
            writing = -1
            shutil.copyfile(source, target)
        finally:
            if writing >= 0:
                os.close(writing)
    finally:
        os.close(reading)


def put_file(new, path) -> None:
    """The file `new` renamed to `path`, the file there removed first: a rename over a file makes
    ext4 write the new file's data out before it returns (auto_da_alloc: 2-5 ms a file on this
    machine's disk, strace -T); after an unlink it is a rename like any other. A reader finds the
    old file, none, or the new one, whole."""
    remove_file(path)
    os.rename(new, path)


def remove_file(path) -> None:
    """The file at `path` removed, if there is one."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
