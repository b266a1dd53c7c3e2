"""`check`: the build without write, then the findings through one reporter."""
from __future__ import annotations

import sys
from pathlib import Path

from .. import __version__, build
from ..config import load_config
from ..diagnostics import ERROR, WARNING, Diagnostic
from .report import render_report


def cmd_check(args) -> int:
    from ..cli import EXIT_FINDINGS, EXIT_OK, _check_source
    if args.html:
        from .html import check_html_folder
        if not args.html.is_dir():
            print(f"specsite check: error: --html {args.html} is not a folder", file=sys.stderr)
            return 2
        baseurl = args.baseurl
        if baseurl is None and any((args.source / n).is_file() for n in ("_config.yml", "_config.yaml")):
            baseurl = load_config(args.source, args.source / "build").baseurl
        findings, pages, summary = check_html_folder(args.html, baseurl=baseurl or "")
    else:
        _check_source(args.source)
        config = load_config(args.source, args.source / "build", drafts=True, unsafe=getattr(args, "unsafe", False))
        site = build.run(config, write=False)
        findings = site.all_diagnostics()
        if args.external:
            from .external import check_external
            findings = sorted(findings + check_external(site, progress=sys.stderr.isatty()),
                              key=Diagnostic.sort_key)
        pages = sorted({p.source.rel for p in site.pages if not p.source.rel.startswith("<generated>")})
        summary = {"pages": len(pages), "links": sum(len(p.links) for p in site.pages) + len(site.links),
                   "seconds": round(site.seconds, 2)}
    if args.format in ("github", "sarif") and not args.html:
        findings, pages = _repository_paths(args.source, findings, pages)
    report = render_report(findings, args.format, tool_version=__version__, pages=pages, summary=summary)
    if args.output:
        try:
            Path(args.output).write_text(report, encoding="utf-8")
        except OSError as err:
            print(f"specsite check: error: cannot write {args.output}: {err.strerror}", file=sys.stderr)
            return 2
        if args.format != "text":
            sys.stderr.write(render_report(findings, "text", tool_version=__version__, pages=pages,
                                           summary=summary))
    else:
        sys.stdout.write(report)
    failing = {ERROR, WARNING} if args.strict else {ERROR}
    return EXIT_FINDINGS if any(f.severity in failing for f in findings) else EXIT_OK


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
