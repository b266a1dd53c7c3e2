"""`check`: render in memory and check links and anchors; the report in one of REPORT_FORMATS."""
from __future__ import annotations

from pathlib import Path

from ..errors import ExitCode
from .args import REPORT_FORMATS, SOURCE, THEME, UNSAFE, add_parser, declare, loading

# (option, add_argument's keywords): argparse's declarations, and commands/quick.py's
OPTIONS = (SOURCE,
           ("--format", {"choices": list(REPORT_FORMATS), "default": "text"}),
           ("--output", {"type": Path, "help": "write the report to FILE instead of stdout"}),
           ("--external", {"action": "store_true", "help": "also check external links (network)"}),
           ("--strict", {"action": "store_true", "help": "warnings count as failures"}),
           ("--html", {"type": Path, "metavar": "DIR", "help": "check an already built folder of HTML"}),
           ("--baseurl", {"help": "with --html: the site's base URL (default: from --source's _config.yml)"}),
           THEME,
           ("--drafts", {"action": "store_true", "help": "problems in draft releases are errors (by default "
                                                        "drafts are checked and their problems are warnings)"}),
           UNSAFE)


def register(subparsers) -> None:
    declare(add_parser(subparsers, "check", "render in memory and check links and anchors (writes nothing)"),
            OPTIONS)


def run(args) -> ExitCode:
    with loading():  # the check stage loads when the command runs
        from ..check.command import check
    return check(args)
