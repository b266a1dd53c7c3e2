"""`check`: the build without write, then the findings through one reporter (commands/check.py
declares the arguments)."""
from __future__ import annotations

import sys
from pathlib import Path

from .. import __version__
from ..diagnostics import ERROR, WARNING
from ..errors import ExitCode, UsageError, check_source
from ..names import CACHE_DIR
from . import reuse
from .report import render_report


def check(args) -> ExitCode:
    if args.html:
        findings, pages, summary = _html_folder(args)
    else:
        check_source(args.source)
        theme = getattr(args, "theme", None)
        unsafe = getattr(args, "unsafe", False)
        stored = None if args.external or args.drafts or unsafe else \
            reuse.load(args.source / CACHE_DIR, reuse.tree_signature(args.source, theme))
        # `build` of these very sources found these: no second render, and no stage is imported
        findings, pages, summary = stored if stored is not None else _rendered(args, theme, unsafe)
    reported, listed = findings, pages
    if args.format in ("github", "sarif") and not args.html:
        reported, listed = _repository_paths(args.source, findings, pages)
    report = render_report(reported, args.format, tool_version=__version__, pages=listed, summary=summary)
    if args.output:
        try:
            Path(args.output).write_text(report, encoding="utf-8")
        except OSError as err:
            raise UsageError(f"cannot write {args.output}: {err.strerror}") from None
        if args.format != "text":  # the echo is the text report: paths from the source folder, as README says
            sys.stderr.write(render_report(findings, "text", tool_version=__version__, pages=pages,
                                           summary=summary))
    else:
        sys.stdout.write(report)
    failing = {ERROR, WARNING} if args.strict else {ERROR}
    return ExitCode.FINDINGS if any(f.severity in failing for f in findings) else ExitCode.OK


def _html_folder(args):
    """(findings, pages, summary) of an already built folder, under --source's policy if it has one."""
    from ..config import load_config
    from .html import check_html_folder
    from .policy import Policy, apply_policy
    if not args.html.is_dir():
        raise UsageError(f"--html {args.html} is not a folder")
    baseurl, policy = args.baseurl, Policy()
    if any((args.source / n).is_file() for n in ("_config.yml", "_config.yaml")):
        config = load_config(args.source, args.source / "build")
        baseurl = config.baseurl if baseurl is None else baseurl
        policy = Policy.from_options(config.options)
    findings, pages, summary = check_html_folder(args.html, baseurl=baseurl or "")
    return apply_policy(findings, policy), pages, summary


def _rendered(args, theme, unsafe):
    """(findings, pages, summary) of the build without write; draft releases are rendered and
    checked, their problems count as errors only with --drafts."""
    from .. import build
    from ..config import load_config
    from ..diagnostics import Diagnostic
    config = load_config(args.source, args.source / "build", drafts=True if args.drafts else "listed",
                         theme=theme, unsafe=unsafe)
    site = build.run(config, write=False)
    findings = site.all_diagnostics()
    if args.external:
        from .external import check_external
        from .policy import Policy, apply_policy
        external = apply_policy(check_external(site, progress=sys.stderr.isatty()),
                                Policy.from_options(config.options))
        findings = sorted(findings + external, key=Diagnostic.sort_key)
    pages, summary = reuse.report_scope(site)
    return findings, pages, summary


def _repository_paths(source: Path, findings, pages):
    """Annotations and code scanning resolve paths from the repository root: when the site is in a
    subfolder of a git repository, prefix it (text and JSON keep paths relative to the source)."""
    import dataclasses
    import subprocess
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
