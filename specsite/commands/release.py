"""`release new|add|import|check`: author and check release-note entries.

The choices are declared here, apart from the releases package, so that the CLI starts without
it; tests/test_cli.py checks them against the model's."""
from __future__ import annotations

from pathlib import Path

from ..errors import ExitCode
from .args import REPORT_FORMATS, add_parser, source_arg

ORDERS = ("dmy", "mdy", "ymd")  # releases.dates.ORDERS
STATUSES = ("draft", "published")  # releases.model.STATUSES


def register(subparsers) -> None:
    release = add_parser(subparsers, "release", "create, import and check release-note entries")
    rsub = release.add_subparsers(dest="release_command", required=True, parser_class=type(release))
    new = rsub.add_parser("new", help="scaffold releases/VERSION/release.yml")
    new.add_argument("version")
    source_arg(new)
    add = rsub.add_parser("add", help="scaffold one entry releases/VERSION/<ticket>-<slug>.md")
    add.add_argument("version")
    add.add_argument("--ticket", type=int, required=True, action="append", help="ticket number (repeatable)")
    add.add_argument("--title", required=True)
    add.add_argument("--affects", action="append", default=[], help="capability area (repeatable)")
    add.add_argument("--impacts", action="append", default=[])
    add.add_argument("--page", action="append", default=[], help="a changed page: page.html#anchor")
    add.add_argument("--cosmetic", action="store_true")
    add.add_argument("--breaking", action="store_true")
    source_arg(add)
    imp = rsub.add_parser("import", help="convert hand-written release notes (one release or many) into entries")
    imp.add_argument("file", type=Path)
    imp.add_argument("--version", help="the version of a one-release page that does not say it; "
                                       "of a page with many releases, import only this one")
    imp.add_argument("--date-order", choices=ORDERS, help="how numeric dates are written (default: what the "
                                                          "page shows, else day first: dmy)")
    imp.add_argument("--status", choices=STATUSES, help="status of the imported releases (default: published "
                                                        "when the page gives a release date, else draft)")
    source_arg(imp)
    chk = rsub.add_parser("check", help="validate release entries (all, or one VERSION)")
    chk.add_argument("version", nargs="?")
    chk.add_argument("--format", choices=list(REPORT_FORMATS), default="text")
    chk.add_argument("--strict", action="store_true",
                     help="accepted for symmetry with check: release check fails on warnings anyway")
    source_arg(chk)


def run(args) -> ExitCode:
    from ..releases import command  # the releases package loads when the command runs
    return command.run(args)
