"""Safe reads of an untrusted source folder: nothing outside it, no special files.

A pull request decides every file in the source, so a symlink or a `*_dir:` setting could put
`/etc/passwd` into a published page, and a FIFO would block the build forever. As in Jekyll's
safe mode (GitHub Pages), a symlink is followed only when it resolves inside the source folder;
`--unsafe` allows the rest (still never special files).
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

OUTSIDE_HINT = ("Copy the file into the source folder, or build with --unsafe if you trust "
                "every file of this source.")


def own_folder(folder: Path) -> bool:
    """Whether `folder` is a real folder of its parent (the source), not a symlink: a committed
    symlink could point a cache folder at any folder on the machine."""
    return not folder.is_symlink() and inside(folder, folder.parent)


def inside(path: Path | str, root: Path | str) -> bool:
    """Whether `path`, symlinks resolved, is `root` or below it."""
    real, base = os.path.realpath(path), os.path.realpath(root)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


def kind(path: Path | str) -> str:
    """'file', 'dir', 'missing' or 'special' (FIFO, socket, device: reading one may never end)."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return "missing"
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "dir"
    return "special"


def refusal(path: Path | str, root: Path | str, unsafe: bool = False) -> str | None:
    """Why `path` must not be read (a message), or None when it may be."""
    kind_ = kind(path)
    if kind_ == "special":
        return "is not a regular file (a FIFO, socket or device); it is skipped"
    if not unsafe and kind_ != "missing" and not inside(path, root):
        target = os.path.realpath(path)
        return f"resolves outside the source folder (to {target}); it is left out"
    return None


def walk_files(folder: Path, root: Path, *, unsafe: bool = False, refused=None):
    """Regular files under `folder`, sorted, following symlinked folders only when they stay
    inside `root` (or with `unsafe`), never into a folder that contains it (no symlink loops).
    `refused(path, message)` is told about every file or folder left out."""

    def visit(current: Path, ancestors: tuple = ()):
        real = os.path.realpath(current)
        if real in ancestors:
            return
        ancestors += (real,)
        try:
            names = sorted(os.listdir(current))
        except OSError:
            return
        for name in names:
            path = current / name
            why = refusal(path, root, unsafe)
            if why is not None:
                if refused is not None:
                    refused(path, why)
                continue
            what = kind(path)
            if what == "dir":
                yield from visit(path, ancestors)
            elif what == "file":
                yield path

    if kind(folder) == "dir":
        yield from visit(folder)
