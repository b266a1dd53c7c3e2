"""Which specsite made a cache. The version string does not change while specsite's code does
(an editable checkout, a local patch, an upgrade without a version bump), so a cache or stored
findings keyed on it alone would hand a newer specsite what an older one built."""
from __future__ import annotations

import functools
import os
import sys

from . import __version__
from .digests import blake2b
from .walk import files_under

_PACKAGE = os.path.dirname(os.path.abspath(__file__))


@functools.cache
def code_fingerprint() -> str:
    """specsite's version, Python's, and the name, size and modification time of every file of
    the package (its code and its theme): cheap (a stat each, once per process) and different
    whenever any of them changes."""
    digest = blake2b(repr((__version__, sys.version_info[:2])).encode(), digest_size=16)
    # (path relative to the package, size, mtime_ns) of its files, a linked file's stat followed
    for entry in sorted(files_under(_PACKAGE, sep=os.sep, linked_folders=False, skip=_bytecode, stat="follow")):
        digest.update(repr(entry).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _bytecode(entry) -> bool:
    return entry.name == "__pycache__"
