"""One folder walker for the three that read a tree by name and stamp: specsite's own code
(fingerprint.py), an output folder (write.py: files the last build did not write) and a source
(check/reuse.py: its signature). os.walk's reading, by scandir and string paths: a Path, or a
stat, per file cost a millisecond at every build of a 140-page site."""
from __future__ import annotations

import os
from collections.abc import Callable


def files_under(folder: str, *, sep: str = "/", linked_folders: bool = True,
                skip: Callable[[os.DirEntry], bool] | None = None) -> list[tuple[str, os.DirEntry]]:
    """(path relative to `folder`, joined by `sep`; its os.DirEntry) of everything under `folder`
    that is not a folder, in no particular order. A linked folder is never entered (as os.walk):
    it is an entry like a file with `linked_folders`, else left out; `skip(entry)` leaves a folder
    out with all it holds; an unreadable folder is empty. Whether a link's stat follows it is the
    caller's (entry.stat)."""
    found: list = []
    _walk(folder, "", sep, linked_folders, skip, found)
    return found


def _walk(folder: str, prefix: str, sep: str, linked_folders: bool, skip, found: list) -> None:
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:
        return
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir and not entry.is_symlink():
            if skip is None or not skip(entry):
                _walk(entry.path, prefix + entry.name + sep, sep, linked_folders, skip, found)
        elif linked_folders or not is_dir:
            found.append((prefix + entry.name, entry))
