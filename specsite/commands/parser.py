"""The command line's argparse parser: each command's arguments (commands/<name>.register), its
usage errors with a hint (the option or command meant), and --help and --version. A plain build
or check is read without it (commands/quick.py); cli.py imports this module for anything else."""
from __future__ import annotations

import argparse
import contextlib
import functools
import importlib
import re
import sys

from .. import __version__
from ..errors import ExitCode
from . import COMMANDS
from .args import EPILOG


class _Parser(argparse.ArgumentParser):
    """argparse whose usage errors print this (sub-)command's usage, then message and hint."""

    def error(self, message):
        self.fail(message, _choice_hint(message))

    def fail(self, message: str, hint: str | None = None):
        from ..diagnostics import sentences
        self.print_usage(sys.stderr)
        hint = hint or f"Run '{self.prog} --help' for what it accepts."
        print(f"{self.prog}: error: {sentences(message, hint)}", file=sys.stderr)
        sys.exit(ExitCode.USAGE)


def _choice_hint(message: str) -> str | None:
    """"Did you mean 'json'?" for argparse's "invalid choice: 'jsn' (choose from ...)"."""
    from ..diagnostics import did_you_mean
    found = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
    if not found:
        return None
    choices = [c.strip().strip("'\"") for c in found[2].split(",")]
    return did_you_mean(found[1], choices)


def _subcommand_parser(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.ArgumentParser:
    """The parser of the deepest sub-command named in argv (`release check` → its own parser)."""
    for word in argv:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if subs and word in subs[0].choices:
            parser = subs[0].choices[word]
    return parser


def _reject_extras(parser: argparse.ArgumentParser, argv: list[str], extras: list[str]):
    """Arguments no parser took: the sub-command's usage, and the option meant, if one is close."""
    from ..diagnostics import did_you_mean
    sub = _subcommand_parser(parser, argv)
    option = next((e.split("=", 1)[0] for e in extras if e.startswith("-")), None)
    if option:
        known = [o for o in sub._option_string_actions if o.startswith("--")]
        sub.fail(f"unknown option '{option}'", did_you_mean(option, known))
    sub.fail(f"unexpected argument '{extras[0]}'")


def command(name: str):
    """The module of commands/ that declares and runs `name`, imported when it is needed."""
    return importlib.import_module(f"{__package__}.{name}")


def make_parser(prog: str = "specsite", commands: tuple[str, ...] = COMMANDS) -> argparse.ArgumentParser:
    """The parser, declaring `commands` only: a run needs its own command's arguments, not the
    others' (the other modules and parsers cost start-up time); --help needs them all."""
    with _translated_once():
        return _make_parser(prog, commands)


@contextlib.contextmanager
def _translated_once():
    """Within: each of argparse's messages translated once. argparse passes each through gettext,
    which looks for a catalogue on disk at every call, the same few messages for every (sub-)
    parser (1 ms of a start); the answers cannot change while the parser is made."""
    translate = argparse._
    argparse._ = functools.cache(translate)
    try:
        yield
    finally:
        argparse._ = translate


def _make_parser(prog: str, commands: tuple[str, ...]) -> argparse.ArgumentParser:
    parser = _Parser(prog=prog, description="Build, check and preview a Jekyll-style specification site.",
                     epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"specsite {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for name in commands:
        command(name).register(sub)
    return parser


def parse(argv: list[str]) -> argparse.Namespace:
    """The arguments, with `build` as the command when none is named; usage errors exit 2."""
    from ..diagnostics import command_name, did_you_mean
    if argv and not argv[0].startswith("-") and argv[0] not in COMMANDS:
        make_parser(command_name()).fail(f"'{argv[0]}' is not a command", did_you_mean(argv[0], COMMANDS)
                                         or f"The commands are {', '.join(COMMANDS)}.")
    if not argv or argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version"):
        argv.insert(0, "build")
    parser = make_parser(command_name(), (argv[0],) if argv[0] in COMMANDS else COMMANDS)
    args, extras = parser.parse_known_args(argv)
    if extras:
        _reject_extras(parser, argv, extras)
    return args
