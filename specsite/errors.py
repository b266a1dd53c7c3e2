"""Exit codes, and the failures a command reports and exits 2 on; light, so `cli.main` can catch
them once, before any stage is imported."""
from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """What a command's exit status means (the `--help` epilog lists them)."""

    OK = 0
    FINDINGS = 1  # the build or check found errors (or warnings with --strict)
    USAGE = 2  # usage or configuration error
    INTERNAL = 3  # a bug in specsite
    INTERRUPTED = 130  # Ctrl-C


class UsageError(Exception):
    """A command cannot run as asked (a missing file, an unknown revision): one line, exit 2."""


class ConfigError(Exception):
    """The configuration cannot be used: a failure, reported at file:line, exit code 2."""

    def __init__(self, path: str, line: int | None, message: str, hint: str | None = None,
                 column: int | None = None):
        super().__init__(message)
        self.path, self.line, self.column, self.message, self.hint = path, line, column, message, hint


class WriteError(Exception):
    """The output folder cannot be written; `hint` says what to do about it."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message, self.hint = message, hint

    def __str__(self) -> str:
        from .diagnostics import sentences
        return sentences(self.message, self.hint)


def check_source(source: Path) -> None:
    """A command's --source must be a folder."""
    if not Path(source).is_dir():
        raise ConfigError(str(source), None, "the source folder does not exist",
                          "Pass --source with the folder that holds _config.yml and pages/.")
