"""What a build writes at each output path, as typed values: writing, serving and checking ask
the value (`read`, `data`, `write`) instead of guessing from a str, a Path or a function."""
from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar


@dataclass(frozen=True)
class Text:
    """Text made during the build: a page in a Jekyll site's layouts, a feed, a source map."""

    value: str
    deferred: ClassVar[bool] = False

    def read(self) -> str:
        return self.value

    def data(self) -> bytes:
        return self.value.encode("utf-8")

    def write(self, target: Path):
        with open(target, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(self.value)


@dataclass(frozen=True)
class Copy:
    """A file copied as it is: a static file of the site, an asset of the theme."""

    path: Path
    deferred: ClassVar[bool] = False

    def read(self) -> bytes:
        return self.path.read_bytes()

    def data(self) -> bytes:
        return self.path.read_bytes()

    def write(self, target: Path):
        shutil.copyfile(self.path, target)


@dataclass(frozen=True)
class Page:
    """A page in specsite's theme, rendered when it is written or served (memory stays flat)."""

    render: Callable[[], str]
    deferred: ClassVar[bool] = True

    def read(self) -> str:
        return self.render()

    def data(self) -> bytes:
        return self.render().encode("utf-8")

    def write(self, target: Path):
        Text(self.render()).write(target)


Output = Text | Copy | Page
