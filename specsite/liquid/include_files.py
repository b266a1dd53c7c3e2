"""Where a build's includes are: the site's include folders (and the theme's), each name looked up
once per build (a sidebar include runs on every page), and what a missing one's finding says."""
from __future__ import annotations

from pathlib import Path

from ..diagnostics import closest
from ..paths import source_rel


class IncludeFiles:
    """The include folders of one build, in the order Jekyll searches them, with the lookups made
    so far and each folder resolved once."""

    def __init__(self, include_dirs, source_root: Path):
        self.dirs = [Path(d) for d in include_dirs]
        self.source_root = source_root
        self._found: dict = {}  # (name, folder) -> include file or None
        self._bases: dict = {}  # an include's or a page's folder -> that folder resolved

    def names(self) -> list[str]:
        names = []
        for base in self.dirs:
            if base.is_dir():
                names += [p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file()]
        return names

    def find(self, name: str, relative_to: Path | None = None) -> Path | None:
        """The include's file (resolved); None when there is none."""
        key = (name, relative_to)
        if key not in self._found:
            self._found[key] = self._find(name, relative_to)
        return self._found[key]

    def _find(self, name: str, relative_to: Path | None) -> Path | None:
        bases = [relative_to] if relative_to is not None else self.dirs
        if relative_to is None:
            name = name.lstrip("/")  # `{% include /examples/x.xml %}`: Jekyll joins it to _includes/
        for base in bases:
            candidate = (base / name).resolve()
            if candidate.is_file() and candidate.is_relative_to(self.resolved(base)) or (
                    relative_to is not None and candidate.is_file()
                    and candidate.is_relative_to(self.source_root)):
                return candidate
        return None

    def resolved(self, base: Path) -> Path:
        """An include's (or a page's) folder, its symlinks followed: once per build, not once per
        include."""
        resolved = self._bases.get(base)
        if resolved is None:
            resolved = self._bases[base] = base.resolve()
        return resolved

    def missing(self, name: str, relative: bool) -> tuple[str, str]:
        """(the message, the hint) of an include found nowhere: where it was looked for, and the
        closest name there is."""
        where = "next to the page" if relative else ", ".join(dict.fromkeys(["_includes/"] + [  # (as Jekyll)
            source_rel(d, self.source_root, resolve=True) + "/" if d.resolve().is_relative_to(self.source_root)
            else "the theme's includes" for d in self.dirs if d.exists()]))
        match = None if relative else closest(name, self.names())
        return (f"include file '{name}' not found (looked in {where})",
                f"Did you mean '{match}'?" if match else "Create the file or correct the name.")
