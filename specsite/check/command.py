"""`check`: the build without write, then the findings through one reporter (commands/check.py
declares the arguments)."""
from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

from .. import __version__
from ..config import CACHE_DIR, load_config
from ..errors import ExitCode, UsageError, check_source
from ..diagnostics import ERROR, WARNING, Diagnostic
from . import reuse
from .policy import Policy, apply_policy
from .report import render_report


def check(args) -> ExitCode:
    if args.html:
        from .html import check_html_folder
        if not args.html.is_dir():
            raise UsageError(f"--html {args.html} is not a folder")
        baseurl, policy = args.baseurl, Policy()
        if any((args.source / n).is_file() for n in ("_config.yml", "_config.yaml")):
            config = load_config(args.source, args.source / "build")
            baseurl = config.baseurl if baseurl is None else baseurl
            policy = Policy.from_options(config.options)
        findings, pages, summary = check_html_folder(args.html, baseurl=baseurl or "")
        findings = apply_policy(findings, policy)
    else:
        check_source(args.source)
        theme = getattr(args, "theme", None)
        unsafe = getattr(args, "unsafe", False)
        stored = None if args.external or args.drafts or unsafe else \
            reuse.load(args.source / CACHE_DIR, reuse.tree_signature(args.source, theme))
        if stored is not None:  # `build` of these very sources found these: no second render
            findings, pages, summary = stored
        else:
            # draft releases are rendered and checked; their problems count as errors only with --drafts
            from .. import build
            config = load_config(args.source, args.source / "build", drafts=True if args.drafts else "listed",
                                 theme=theme, unsafe=unsafe)
            site = build.run(config, write=False)
            findings = site.all_diagnostics()
            if args.external:
                from .external import check_external
                external = apply_policy(check_external(site, progress=sys.stderr.isatty()),
                                        Policy.from_options(config.options))
                findings = sorted(findings + external, key=Diagnostic.sort_key)
            pages, summary = reuse.report_scope(site)
    if args.format in ("github", "sarif") and not args.html:
        findings, pages = _repository_paths(args.source, findings, pages)
    report = render_report(findings, args.format, tool_version=__version__, pages=pages, summary=summary)
    if args.output:
        try:
            Path(args.output).write_text(report, encoding="utf-8")
        except OSError as err:
            raise UsageError(f"cannot write {args.output}: {err.strerror}") from None
        if args.format != "text":
            sys.stderr.write(render_report(findings, "text", tool_version=__version__, pages=pages,
                                           summary=summary))
    else:
        sys.stdout.write(report)
    failing = {ERROR, WARNING} if args.strict else {ERROR}
    return ExitCode.FINDINGS if any(f.severity in failing for f in findings) else ExitCode.OK


def _repository_paths(source: Path, findings, pages):
    """Annotations and code scanning resolve paths from the repository root: when the site is in a
    subfolder of a git repository, prefix it (text and JSON keep paths relative to the source)."""
    try:
        prefix = subprocess.run(["git", "-C", str(source), "rev-parse", "--show-prefix"], capture_output=True,
                                text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return findings, pages
    if not prefix:
        return findings, pages

    def moved(path: str) -> str:
        return path if not path or path.startswith("<") else prefix + path
    return ([dataclasses.replace(f, path=moved(f.path)) for f in findings], [moved(p) for p in pages])
