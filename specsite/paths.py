"""How diagnostics and page records name a file: relative to the source folder, with `/`."""
from __future__ import annotations

from pathlib import Path


def source_rel(path, root: Path, *, resolve: bool = False) -> str:
    """`path` relative to `root` in `/` form; a path outside `root` as it was given. `resolve`:
    follow symlinks first (for paths Jinja2 or an include look-up made absolute; `root` resolved)."""
    given = Path(path)
    try:
        return (given.resolve() if resolve else given).relative_to(root).as_posix()
    except ValueError:
        return given.as_posix()
