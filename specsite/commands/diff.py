"""`diff BASE [HEAD]`: build two revisions or folders and report what the change breaks."""
from __future__ import annotations

from pathlib import Path

from ..diff import FORMATS, MAX_DIFF_LINES
from ..errors import ExitCode
from .args import add_parser, source_arg

EPILOG = """examples:
  specsite diff main                      # main against the working tree
  specsite diff HEAD~1 HEAD --source site
  specsite diff old-site/ new-site/ --format markdown --output comment.md

exit codes:
  0  the change breaks no link and brings no new error
  1  the change breaks links, or brings new error findings
  2  usage error (unknown revision, not a git repository, bad _config.yml)
"""


def register(subparsers) -> None:
    p = add_parser(subparsers, "diff", "compare the built site of two revisions or folders: what the change breaks",
                   description="Build BASE and HEAD in memory and report pages added, removed, renamed and\n"
                               "retitled, anchors renamed, links the change breaks, new and fixed findings,\n"
                               "and the text of changed pages. BASE and HEAD are source folders, or git\n"
                               "revisions of the repository that holds --source; HEAD defaults to the\n"
                               "working tree.",
                   epilog=EPILOG)
    p.add_argument("base", metavar="BASE", help="a git revision (main, HEAD~1, a sha) or a source folder")
    p.add_argument("head", metavar="HEAD", nargs="?", default=None,
                   help="a git revision or a source folder (default: the working tree, --source)")
    source_arg(p)
    p.add_argument("--format", choices=list(FORMATS), default="text")
    p.add_argument("--output", type=Path, help="write the report to FILE instead of stdout")
    p.add_argument("--max-diff-lines", type=int, default=MAX_DIFF_LINES, metavar="N",
                   help=f"text diff lines shown per changed page (default {MAX_DIFF_LINES})")


def run(args) -> ExitCode:
    from ..diff.command import diff  # both builds and the comparison load when the command runs
    return diff(args)
