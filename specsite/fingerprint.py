"""Which specsite made a cache. The version string does not change while specsite's code does
(an editable checkout, a local patch, an upgrade without a version bump), so a cache or stored
findings keyed on it alone would hand a newer specsite what an older one built."""
from __future__ import annotations

import functools
import os
import sys

from . import __version__
from .digests import blake2b

_PACKAGE = os.path.dirname(os.path.abspath(__file__))


@functools.cache
def code_fingerprint() -> str:
    """specsite's version, Python's, and the name, size and modification time of every file of
    the package (its code and its theme): cheap (a stat each, once per process) and different
    whenever any of them changes."""
    digest = blake2b(repr((__version__, sys.version_info[:2])).encode(), digest_size=16)
    entries: list = []
    _scan(_PACKAGE, "", entries)
    for entry in sorted(entries):
        digest.update(repr(entry).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _scan(folder: str, prefix: str, entries: list) -> None:
    """(path relative to the package, size, mtime_ns) of the files under `folder`, as os.walk
    finds them (a linked folder is not entered; bytecode folders are skipped), with the stat
    scandir's entries give: half the time of os.walk with a path join and a stat per file."""
    try:
        found = os.scandir(folder)
    except OSError:
        return
    with found:
        for entry in found:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if entry.name != "__pycache__" and not entry.is_symlink():
                    _scan(entry.path, f"{prefix}{entry.name}{os.sep}", entries)
                continue
            try:
                stat = entry.stat()
            except OSError:
                continue
            entries.append((prefix + entry.name, stat.st_size, stat.st_mtime_ns))
