"""specsite's own bugs as one reportable line (exit 3), naming the file that was being processed.

Bad input is always a diagnostic; an exception that escapes to the command line is a defect in
specsite. The user gets what to report instead of a traceback (SPECSITE_DEBUG=1 shows it).
"""
from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

from .errors import ExitCode

PACKAGE = str(Path(__file__).resolve().parent)
_NAMES = ("rel", "page", "parsed", "path", "file", "folder")  # locals that say which input is at hand


def _input_of(value) -> str | None:
    for attr in ("rel", "source"):
        inner = getattr(value, attr, None)
        if isinstance(inner, str):
            return inner
        if inner is not None and isinstance(getattr(inner, "rel", None), str):
            return inner.rel
    if isinstance(value, (str, Path)) and str(value) and "\n" not in str(value) and len(str(value)) < 300:
        return str(value)
    return None


def processing(err: BaseException) -> str | None:
    """The input file the innermost specsite frame was working on, from its local variables."""
    frames = [f for f, _ in traceback.walk_tb(err.__traceback__)]
    for frame in reversed(frames):
        if not frame.f_code.co_filename.startswith(PACKAGE):
            continue
        for name in _NAMES:
            if name in frame.f_locals:
                found = _input_of(frame.f_locals[name])
                if found:
                    return found
    return None


def report(err: BaseException, stream=None) -> ExitCode:
    """Print the one-line report and return exit code 3."""
    stream = stream or sys.stderr
    where = processing(err)
    inner = [s for s in traceback.extract_tb(err.__traceback__) if s.filename.startswith(PACKAGE)]
    at = f" (at specsite/{Path(inner[-1].filename).relative_to(PACKAGE).as_posix()}:{inner[-1].lineno})" \
        if inner else ""
    doing = f" while processing {where}" if where else ""
    print(f"specsite: internal error{doing}: {type(err).__name__}: {str(err)[:300]}{at}. "
          "This is a bug in specsite, please report it with this line (SPECSITE_DEBUG=1 prints the "
          "traceback).", file=stream)
    if os.environ.get("SPECSITE_DEBUG"):
        traceback.print_exception(err, file=stream)
    return ExitCode.INTERNAL
