"""Command line: sub-commands and exit codes; the work is done by the stage modules.

Exit codes: 0 success; 1 the build or check found errors (or warnings with --strict);
2 usage or configuration error; 3 internal error (a bug in specsite: please report it).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import build
from .cache import ParseCache
from .config import CACHE_DIR, ConfigError, load_config
from .diagnostics import Diagnostic, ERROR
from .write import WriteError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
COMMANDS = ("build", "check", "release", "serve", "diff")

EPILOG = """exit codes:
  0  success
  1  the build or check found errors (or warnings, with --strict)
  2  usage or configuration error
  3  internal error (a bug in specsite: please report it)
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        sys.exit(EXIT_USAGE)


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="specsite", description="Build, check and preview a Jekyll-style specification site.",
                     epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    b = sub.add_parser("build", help="build the site into --out (default build/)", epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    _source_args(b)
    b.add_argument("--out", type=Path, default=None, help="output folder (default: SOURCE/build)")
    b.add_argument("--strict", action="store_true", help="warnings fail the build too")
    b.add_argument("--drafts", action="store_true", help="include draft releases")
    b.add_argument("--no-cache", action="store_true",
                   help="ignore and do not write the parse cache (.specsite-cache/)")
    _unsafe_arg(b)
    c = sub.add_parser("check", help="render in memory and check links and anchors (writes nothing)",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    _source_args(c)
    c.add_argument("--format", choices=["text", "json", "junit", "sarif", "github"], default="text")
    c.add_argument("--output", type=Path, help="write the report to FILE instead of stdout")
    c.add_argument("--external", action="store_true", help="also check external links (network)")
    c.add_argument("--strict", action="store_true", help="warnings count as failures")
    c.add_argument("--html", type=Path, metavar="DIR", help="check an already built folder of HTML")
    c.add_argument("--baseurl", help="with --html: the site's base URL (default: from --source's _config.yml)")
    c.add_argument("--drafts", action="store_true", help="(default for check) draft releases are checked too")
    _unsafe_arg(c)
    from .releases.command import add_parser as add_release_parser
    add_release_parser(sub, _source_args, EPILOG, argparse.RawDescriptionHelpFormatter)
    from .diff import add_parser as add_diff_parser
    add_diff_parser(sub, _source_args, EPILOG, argparse.RawDescriptionHelpFormatter)
    sv = sub.add_parser("serve", help="preview: build, serve on localhost, rebuild on save, reload tabs",
                        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    _source_args(sv)
    sv.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    sv.add_argument("--port", type=_port, default=4000, help="port (default 4000; 0 picks a free one)")
    sv.add_argument("--open", action="store_true", help="open the site in a browser")
    sv.add_argument("--drafts", action="store_true", help="include draft releases, marked as drafts")
    _unsafe_arg(sv)
    return parser


def _port(text: str) -> int:
    port = int(text) if text.isdigit() else -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number (0-65535)")
    return port


def _unsafe_arg(p):
    p.add_argument("--unsafe", action="store_true",
                   help="follow symlinks and *_dir settings that lead outside the source folder "
                        "(only for a source you trust)")


def _source_args(p):
    p.add_argument("--source", type=Path, default=Path("."), help="source folder (default: .)")


def main(argv=None) -> int:
    """Run a command; a failure of specsite itself is one reportable line and exit 3."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `specsite check | head`: the reader left
        return EXIT_FINDINGS
    except Exception as err:  # noqa: BLE001 - anything else is a bug in specsite
        from .crash import report
        return report(err)


def _main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS and argv[0] not in ("-h", "--help"):
        argv.insert(0, "build")
    args = make_parser().parse_args(argv)
    try:
        if args.command == "build":
            return cmd_build(args)
        if args.command == "check":
            from .check.command import cmd_check
            return cmd_check(args)
        if args.command == "release":
            from .releases.command import main as release_main
            return release_main(args)
        if args.command == "serve":
            from .serve import serve
            _check_source(args.source)
            return serve(args.source, host=args.host, port=args.port, open_browser=args.open,
                         drafts=args.drafts, unsafe=args.unsafe)
        if args.command == "diff":
            from .diff import cmd_diff
            return cmd_diff(args)
    except ConfigError as err:
        print(Diagnostic(err.path or "_config.yml", err.line, err.column, "config", ERROR, err.message,
                         err.hint).format(), file=sys.stderr)
        return EXIT_USAGE
    except WriteError as err:
        print(f"specsite: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    print(f"specsite: '{args.command}' is not available yet", file=sys.stderr)
    return EXIT_USAGE


def _check_source(source: Path):
    if not source.is_dir():
        raise ConfigError(str(source), None, "the source folder does not exist",
                          "Pass --source with the folder that holds _config.yml and pages/.")


def cmd_build(args) -> int:
    _check_source(args.source)
    out = args.out if args.out is not None else args.source / "build"
    config = load_config(args.source, out, drafts=args.drafts, unsafe=args.unsafe)
    cache = None if args.no_cache else ParseCache(config.source / CACHE_DIR / "parse.pickle")
    if cache is not None and cache.rejected:
        print(Diagnostic(f"{CACHE_DIR}/parse.pickle", None, None, "cache", "warning", cache.rejected,
                         "Delete the folder and add it to .gitignore; specsite writes a new one.").format(),
              file=sys.stderr)
    site = build.run(config, write=True, strict=args.strict, cache=cache)
    print_diagnostics(site.all_diagnostics())
    html_files = sum(1 for url in site.outputs if url.endswith(".html"))
    state = f"{_n(html_files, 'HTML file')} written to {out}" if site.written else \
        "nothing written (the previous site is untouched)"
    findings = site.findings.count(ERROR)
    note = (f" ({_n(findings, 'checker error')} did not stop the build; --strict makes them)"
            if findings and not args.strict and site.written else "")
    unsafe = " (--unsafe: symlinks and folders outside the source were read)" if args.unsafe else ""
    print(f"{_n(len(site.pages), 'page')}, {state}; "
          f"{_n(site.errors, 'error')}, {_n(site.warnings, 'warning')} in {site.seconds:.2f}s{note}{unsafe}",
          file=sys.stderr)
    return EXIT_FINDINGS if site.blocked(args.strict) else EXIT_OK


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def print_diagnostics(items, stream=None):
    stream = stream or sys.stderr
    for item in items:
        print(item.format(), file=stream)
