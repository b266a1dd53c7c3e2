"""`specsite diff BASE [HEAD]`: build both sides, compare, report, exit 0/1/2 (commands/diff.py
declares the arguments)."""
from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from ..errors import ExitCode
from .compare import compare
from .report import render, summary_line
from .revisions import build_side, checkout


def diff(args) -> ExitCode:
    """Both sides built in a temporary folder; an unusable revision raises UsageError (exit 2)."""
    source = Path(args.source)
    with tempfile.TemporaryDirectory(prefix="specsite-diff-") as tmp:
        base_dir, base_info = checkout(args.base, source, Path(tmp))
        head_dir, head_info = checkout(args.head, source, Path(tmp))
        now = dt.datetime.now()  # one site.time for both: a feed's build date is not a change
        base_site = build_side(base_dir, base_info["label"], now)
        head_site = build_side(head_dir, head_info["label"], now)
        found = compare(base_site, head_site, base_label=base_info["label"], head_label=head_info["label"],
                       max_diff_lines=args.max_diff_lines)
        found.base.update(base_info)
        found.head.update(head_info)
    report = render(found, args.format)
    if args.output:
        Path(args.output).write_text(report, encoding="utf-8")
        print(summary_line(found), file=sys.stderr)
    else:
        sys.stdout.write(report)
    return found.exit_code
