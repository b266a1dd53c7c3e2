"""Which specsite made a cache. The version string does not change while specsite's code does
(an editable checkout, a local patch, an upgrade without a version bump), so a cache or stored
findings keyed on it alone would hand a newer specsite what an older one built."""
from __future__ import annotations

import functools
import hashlib
import os
import sys

from . import __version__

_PACKAGE = os.path.dirname(os.path.abspath(__file__))


@functools.cache
def code_fingerprint() -> str:
    """specsite's version, Python's, and the name, size and modification time of every file of
    the package (its code and its theme): cheap (a stat each, once per process) and different
    whenever any of them changes."""
    digest = hashlib.blake2b(repr((__version__, sys.version_info[:2])).encode(), digest_size=16)
    entries = []
    for folder, dirs, files in os.walk(_PACKAGE):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for name in files:
            try:
                stat = os.stat(os.path.join(folder, name))
            except OSError:
                continue
            entries.append((os.path.relpath(os.path.join(folder, name), _PACKAGE), stat.st_size, stat.st_mtime_ns))
    for entry in sorted(entries):
        digest.update(repr(entry).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()
