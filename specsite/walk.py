"""One folder walker for the three that read a tree by name and stamp: specsite's own code
(fingerprint.py), an output folder (write.py: files the last build did not write) and a source
(check/reuse.py: its signature). os.walk's reading, by scandir and string paths: a Path, or a
stat, per file cost a millisecond at every build of a 140-page site."""
from __future__ import annotations

import os
from collections.abc import Callable


def files_under(folder: str, *, prefix: str = "", sep: str = "/", linked_folders: bool = True,
                skip: Callable[[os.DirEntry], bool] | None = None, stat: str | None = None) -> list:
    """Everything under `folder` that is not a folder, in no particular order: its path
    relative to `folder` (after `prefix`, joined by `sep`), or with `stat` the tuple (that path,
    size, mtime_ns) — the stat of a link's target ("follow") or of the link itself ("link"); an
    entry whose stat fails is left out. A linked folder is never entered (as os.walk): it is an
    entry like a file with `linked_folders`, else left out. `skip(entry)` leaves a folder out
    with all it holds; an unreadable folder is empty."""
    found: list = []
    _walk(folder, prefix, sep, linked_folders, skip, None if stat is None else stat == "follow", found)
    return found


def _walk(folder: str, prefix: str, sep: str, linked_folders: bool, skip, follow, found: list) -> None:
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
                _walk(entry.path, prefix + entry.name + sep, sep, linked_folders, skip, follow, found)
        elif linked_folders or not is_dir:
            if follow is None:
                found.append(prefix + entry.name)
                continue
            try:
                stat = entry.stat(follow_symlinks=follow)
            except OSError:
                continue
            found.append((prefix + entry.name, stat.st_size, stat.st_mtime_ns))
