"""`specsite diff BASE [HEAD]`: build both sides, compare, report, exit 0/1/2."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from .compare import compare
from .model import UsageError
from .report import render, summary_line
from .revisions import build_side, checkout

# -- command line ---------------------------------------------------------------------------------


def _usage(message: str) -> int:
    print(f"specsite diff: error: {message}", file=sys.stderr)
    return 2


def cmd_diff(args) -> int:
    source = Path(args.source)
    with tempfile.TemporaryDirectory(prefix="specsite-diff-") as tmp:
        try:
            base_dir, base_info = checkout(args.base, source, Path(tmp))
            head_dir, head_info = checkout(args.head, source, Path(tmp))
            base_site = build_side(base_dir, base_info["label"])
            head_site = build_side(head_dir, head_info["label"])
        except UsageError as err:
            return _usage(str(err))
        diff = compare(base_site, head_site, base_label=base_info["label"], head_label=head_info["label"],
                       max_diff_lines=args.max_diff_lines)
        diff.base.update(base_info)
        diff.head.update(head_info)
    report = render(diff, args.format)
    if args.output:
        Path(args.output).write_text(report, encoding="utf-8")
        print(summary_line(diff), file=sys.stderr)
    else:
        sys.stdout.write(report)
    return diff.exit_code
