"""`diff`'s command-line arguments, apart from the diff package so that the CLI starts without the build."""
from __future__ import annotations

from pathlib import Path

FORMATS = ("text", "markdown", "json")
MAX_DIFF_LINES = 60  # per page, --max-diff-lines


DIFF_EPILOG = """examples:
  specsite diff main                      # main against the working tree
  specsite diff HEAD~1 HEAD --source site
  specsite diff old-site/ new-site/ --format markdown --output comment.md

exit codes:
  0  the change breaks no link and brings no new error
  1  the change breaks links, or brings new error findings
  2  usage error (unknown revision, not a git repository, bad _config.yml)
"""


def add_parser(sub, source_args, epilog, formatter):
    p = sub.add_parser("diff", help="compare the built site of two revisions or folders: what the change breaks",
                       description="Build BASE and HEAD in memory and report pages added, removed, renamed and\n"
                                   "retitled, anchors renamed, links the change breaks, new and fixed findings,\n"
                                   "and the text of changed pages. BASE and HEAD are source folders, or git\n"
                                   "revisions of the repository that holds --source; HEAD defaults to the\n"
                                   "working tree.",
                       epilog=DIFF_EPILOG, formatter_class=formatter)  # its own exit codes, not `epilog`
    p.add_argument("base", metavar="BASE", help="a git revision (main, HEAD~1, a sha) or a source folder")
    p.add_argument("head", metavar="HEAD", nargs="?", default=None,
                   help="a git revision or a source folder (default: the working tree, --source)")
    source_args(p)
    p.add_argument("--format", choices=list(FORMATS), default="text")
    p.add_argument("--output", type=Path, help="write the report to FILE instead of stdout")
    p.add_argument("--max-diff-lines", type=int, default=MAX_DIFF_LINES, metavar="N",
                   help=f"text diff lines shown per changed page (default {MAX_DIFF_LINES})")
