"""Command line: the one place where a failure becomes a message and an exit code
(errors.ExitCode); each command in commands/ declares its arguments and does its work, and
commands/parser.py (argparse) or commands/quick.py (a plain build or check) reads them.

Exit codes: 0 success; 1 the build or check found errors (or warnings with --strict);
2 usage or configuration error; 3 internal error (a bug in specsite: please report it).
"""
from __future__ import annotations

import importlib
import os
import sys

from . import lean_imports

lean_imports.dataclasses()  # before any module defines a dataclass: without inspect (5 ms)
lean_imports.datetime()  # before anything imports it: the C module alone (1 ms)
lean_imports.urllib_parse()  # before pathlib (errors.py) imports it: without ipaddress (1 ms)
lean_imports.pathlib()  # before errors.py imports it: without ntpath (0.6 ms)
from .commands import COMMANDS, quick
from .compile_cache import compile_cache
from .kept_modules import kept_modules
from .errors import ConfigError, ExitCode, UsageError, WriteError

_QUICK = ("build", "check")  # commands whose OPTIONS quick.py reads
_ASIDE = {"-h", "--help", "--version"}  # words that run no command


def _command(name: str):
    """The module of commands/ that declares and runs `name`, imported when it is needed."""
    return importlib.import_module(f"{__package__}.commands.{name}")


def make_parser(prog: str = "specsite", commands: tuple[str, ...] = COMMANDS):
    """The argparse parser of `commands` (commands/parser.py)."""
    from .commands.parser import make_parser
    return make_parser(prog, commands)


def entry():
    """The process's entry (`specsite`, `python -m specsite`, build_site.py): `main`, then an exit
    that leaves the build's millions of objects to the operating system instead of freeing them
    one by one (0.2 s after a 2,000-page build). Output is flushed first; nothing specsite runs
    registers exit handlers (worker pools and temporary folders are closed before `main` returns)."""
    code = main(own_process=True)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`specsite check | head`)
            pass
    os._exit(code if isinstance(code, int) else 1)


def main(argv=None, own_process: bool = False) -> ExitCode:
    """Run a command. The failures a user can fix are caught here, once: a usage or configuration
    error is one message and exit 2; a failure of specsite itself is one reportable line and exit 3.
    `own_process`: the command is the process's (`entry`), its imports and compiles its own."""
    args = None
    argv = list(sys.argv[1:] if argv is None else argv)
    # the command whose last runs' kept values are read as one blob (kept_bundle.py): only a
    # process of its own imports and compiles all that the command needs
    bundle = _command_word(argv) if own_process else None
    try:
        # the patterns, dataclass methods and modules' bytecode the last run compiled or read,
        # reused from the start (the parser's own and diagnostics.py's dataclass: 2 ms)
        with compile_cache(bundle), kept_modules(bundle):
            args = _parse(argv)
            return ExitCode(_command(args.command).run(args))
    except UsageError as err:
        print(f"specsite {args.command}: error: {err}", file=sys.stderr)
    except ConfigError as err:
        from .diagnostics import Diagnostic, ERROR
        print(Diagnostic(err.path or "_config.yml", err.line, err.column, "config", ERROR, err.message,
                         err.hint).format(), file=sys.stderr)
    except WriteError as err:
        from .diagnostics import command_name
        print(f"{command_name()}: error: {err}", file=sys.stderr)
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
    except BrokenPipeError:  # `specsite check | head`: the reader left
        return ExitCode.FINDINGS
    except Exception as err:  # noqa: BLE001 - anything else is a bug in specsite
        from .crash import report
        return report(err)
    return ExitCode.USAGE


def _command_word(argv: list[str]) -> str | None:
    """The command `argv` runs (`build` when none is named), None for anything else (help, the
    version, a typo: they import and compile only a part of what the command does)."""
    name = "build" if not argv or argv[0].startswith("-") else argv[0]
    return name if name in COMMANDS and not _ASIDE.intersection(argv) else None


def _parse(argv: list[str]):
    """The arguments, with `build` as the command when none is named; usage errors exit 2. A
    build or check given only its own options, in full, is read without argparse (quick.py:
    the same values); anything else by argparse (commands/parser.py)."""
    name, words = ("build", argv) if not argv or argv[0].startswith("-") else (argv[0], argv[1:])
    if name in _QUICK:
        values = quick.read(_command(name).OPTIONS, words)
        if values is not None:
            return quick.namespace(name, values)
    from .commands import parser
    return parser.parse(argv)
