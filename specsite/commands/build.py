"""`build`: render the site, check it, write it to --out; the summary line on stderr."""
from __future__ import annotations

import sys
from pathlib import Path

from ..errors import ExitCode, check_source
from .args import SOURCE, THEME, UNSAFE, add_parser, declare, loading

# (option, add_argument's keywords): argparse's declarations, and commands/quick.py's
OPTIONS = (SOURCE,
           ("--out", {"type": Path, "default": None, "help": "output folder (default: SOURCE/build)"}),
           ("--strict", {"action": "store_true", "help": "warnings fail the build too"}),
           ("--drafts", {"action": "store_true", "help": "include draft releases"}),
           ("--no-cache", {"action": "store_true", "help": "ignore and do not write the parse cache (.specsite-cache/)"}),
           THEME,
           UNSAFE)


def register(subparsers) -> None:
    declare(add_parser(subparsers, "build", "build the site into --out (default build/)"), OPTIONS)


def run(args) -> ExitCode:
    with loading():  # the stages load when the command runs: start-up stays short
        from .. import build
        from ..config import load_config
        from ..diagnostics import ERROR
        from ..wording import plural
    check_source(args.source)
    out = args.out if args.out is not None else args.source / "build"
    # nothing read or kept without it: the cache, its signing key and pickle stay unimported
    cache = None if args.no_cache else _cache(args.source)
    config = load_config(args.source, out, drafts=args.drafts, theme=args.theme, unsafe=args.unsafe,
                         yaml=cache.yaml if cache is not None else None)  # as the last build loaded it
    extra: list = []  # the parse cache's own warning: about the cache, not the site (no --strict failure)
    if cache is None:
        site = build.run(config, write=True, strict=args.strict, cache=None)
    else:
        site = _cached_build(args, config, cache, extra)
    from ..check.grouped import grouped
    for item in grouped(site.all_diagnostics() + extra):  # (one entry per broken layout line, as check's text)
        print(item.format(), file=sys.stderr)
    html_files = sum(1 for url in site.outputs if url.endswith(".html"))
    state = f"{plural(html_files, 'HTML file')} written to {out}" if site.written else \
        "nothing written (the previous site is untouched)"
    findings = site.findings.count(ERROR)
    note = (f" ({plural(findings, 'checker error')} did not stop the build; --strict makes them)"
            if findings and not args.strict and site.written else "")
    unsafe = " (--unsafe: symlinks and folders outside the source were read)" if args.unsafe else ""
    print(f"{plural(len(site.pages), 'page')}, {state}; "
          f"{plural(site.errors, 'error')}, {plural(site.warnings + len(extra), 'warning')} in {site.seconds:.2f}s{note}{unsafe}",
          file=sys.stderr)
    return ExitCode.FINDINGS if site.blocked(args.strict) else ExitCode.OK


def _cache(source: Path):
    """The parse cache of .specsite-cache/, read before the configuration (which it holds loaded)."""
    with loading():
        from ..cache import ParseCache
        from ..names import CACHE_DIR
    return ParseCache(source.resolve() / CACHE_DIR / "parse.pickle")


def _cached_build(args, config, cache, extra: list):
    """The build with the parse cache of .specsite-cache/, leaving its findings there for a `check`
    of the same sources (check/reuse.py); a cache that did not verify is a warning in `extra`."""
    with loading():
        from .. import build
        from ..check import reuse
        from ..diagnostics import Diagnostic
        from ..names import CACHE_DIR
    signature = None if args.unsafe else reuse.tree_signature(config.source, args.theme)
    site = build.run(config, write=True, strict=args.strict, cache=cache)
    if cache.rejected:  # after the build: a value is verified when the build first reads it
        extra.append(Diagnostic(f"{CACHE_DIR}/parse.pickle", None, None, "cache", "warning", cache.rejected,
                                "Delete the folder and add it to .gitignore; specsite writes a new one."))
    if signature is not None and not args.drafts:
        reuse.save(config.source / CACHE_DIR, signature, site)  # `check` of the same sources reuses it
    return site
