"""`check`: render in memory and check links and anchors; the report in one of REPORT_FORMATS."""
from __future__ import annotations

from pathlib import Path

from ..errors import ExitCode
from .args import REPORT_FORMATS, add_parser, loading, source_arg, theme_arg, unsafe_arg


def register(subparsers) -> None:
    p = add_parser(subparsers, "check", "render in memory and check links and anchors (writes nothing)")
    source_arg(p)
    p.add_argument("--format", choices=list(REPORT_FORMATS), default="text")
    p.add_argument("--output", type=Path, help="write the report to FILE instead of stdout")
    p.add_argument("--external", action="store_true", help="also check external links (network)")
    p.add_argument("--strict", action="store_true", help="warnings count as failures")
    p.add_argument("--html", type=Path, metavar="DIR", help="check an already built folder of HTML")
    p.add_argument("--baseurl", help="with --html: the site's base URL (default: from --source's _config.yml)")
    theme_arg(p)
    p.add_argument("--drafts", action="store_true", help="problems in draft releases are errors (by default "
                                                         "drafts are checked and their problems are warnings)")
    unsafe_arg(p)


def run(args) -> ExitCode:
    with loading():  # the check stage loads when the command runs
        from ..check.command import check
    return check(args)
