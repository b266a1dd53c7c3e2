"""Command line: sub-commands and exit codes; the work is done by the stage modules.

Exit codes: 0 success; 1 the build or check found errors (or warnings with --strict);
2 usage or configuration error; 3 internal error (a bug in specsite: please report it).
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from . import __version__
from .diagnostics import Diagnostic, ERROR, command_name, did_you_mean, sentences
from .errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, ConfigError, WriteError, check_source

COMMANDS = ("build", "check", "release", "serve", "diff")

EPILOG = """exit codes:
  0  success
  1  the build or check found errors (or warnings, with --strict)
  2  usage or configuration error
  3  internal error (a bug in specsite: please report it)
"""


class _Parser(argparse.ArgumentParser):
    """argparse whose usage errors print this (sub-)command's usage, then message and hint."""

    def error(self, message):
        self.fail(message, _choice_hint(message))

    def fail(self, message: str, hint: str | None = None):
        self.print_usage(sys.stderr)
        hint = hint or f"Run '{self.prog} --help' for what it accepts."
        print(f"{self.prog}: error: {sentences(message, hint)}", file=sys.stderr)
        sys.exit(EXIT_USAGE)


def _choice_hint(message: str) -> str | None:
    """"Did you mean 'json'?" for argparse's "invalid choice: 'jsn' (choose from ...)"."""
    found = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
    if not found:
        return None
    choices = [c.strip().strip("'\"") for c in found[2].split(",")]
    return did_you_mean(found[1], choices)


def _subcommand_parser(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.ArgumentParser:
    """The parser of the deepest sub-command named in argv (`release check` → its own parser)."""
    for word in argv:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if subs and word in subs[0].choices:
            parser = subs[0].choices[word]
    return parser


def _reject_extras(parser: argparse.ArgumentParser, argv: list[str], extras: list[str]):
    """Arguments no parser took: the sub-command's usage, and the option meant, if one is close."""
    sub = _subcommand_parser(parser, argv)
    option = next((e.split("=", 1)[0] for e in extras if e.startswith("-")), None)
    if option:
        known = [o for o in sub._option_string_actions if o.startswith("--")]
        sub.fail(f"unknown option '{option}'", did_you_mean(option, known))
    sub.fail(f"unexpected argument '{extras[0]}'")


def make_parser(prog: str = "specsite") -> argparse.ArgumentParser:
    parser = _Parser(prog=prog, description="Build, check and preview a Jekyll-style specification site.",
                     epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"specsite {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    b = sub.add_parser("build", help="build the site into --out (default build/)", epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    _source_args(b)
    b.add_argument("--out", type=Path, default=None, help="output folder (default: SOURCE/build)")
    b.add_argument("--strict", action="store_true", help="warnings fail the build too")
    b.add_argument("--drafts", action="store_true", help="include draft releases")
    b.add_argument("--no-cache", action="store_true",
                   help="ignore and do not write the parse cache (.specsite-cache/)")
    _theme_arg(b)
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
    _theme_arg(c)
    c.add_argument("--drafts", action="store_true", help="problems in draft releases are errors (by default drafts are checked and their problems are warnings)")
    _unsafe_arg(c)
    from .commands.release_args import add_parser as add_release_parser
    add_release_parser(sub, _source_args, EPILOG, argparse.RawDescriptionHelpFormatter)
    from .commands.diff_args import add_parser as add_diff_parser
    add_diff_parser(sub, _source_args, EPILOG, argparse.RawDescriptionHelpFormatter)
    sv = sub.add_parser("serve", help="preview: build, serve on localhost, rebuild on save, reload tabs",
                        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    _source_args(sv)
    sv.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    sv.add_argument("--port", type=_port, default=4000, help="port (default 4000; 0 picks a free one)")
    sv.add_argument("--open", action="store_true", help="open the site in a browser")
    sv.add_argument("--drafts", action="store_true", help="include draft releases, marked as drafts")
    _theme_arg(sv)
    _unsafe_arg(sv)
    return parser


def _theme_arg(p):
    p.add_argument("--theme", choices=["jekyll", "specsite"], default=None,
                   help="a Jekyll site renders in its own _layouts (jekyll, the default); 'specsite' "
                        "previews it in specsite's documentation theme")


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


def entry():
    """The process's entry (`specsite`, `python -m specsite`, build_site.py): `main`, then an exit
    that leaves the build's millions of objects to the operating system instead of freeing them
    one by one (0.2 s after a 2,000-page build). Output is flushed first; nothing specsite runs
    registers exit handlers (worker pools and temporary folders are closed before `main` returns)."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`specsite check | head`)
            pass
    os._exit(code if isinstance(code, int) else 1)


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
    parser = make_parser(command_name())
    if argv and not argv[0].startswith("-") and argv[0] not in COMMANDS:
        parser.fail(f"'{argv[0]}' is not a command",
                    did_you_mean(argv[0], COMMANDS) or f"The commands are {', '.join(COMMANDS)}.")
    if not argv or argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version"):
        argv.insert(0, "build")
    args, extras = parser.parse_known_args(argv)
    if extras:
        _reject_extras(parser, argv, extras)
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
            check_source(args.source)
            return serve(args.source, host=args.host, port=args.port, open_browser=args.open,
                         drafts=args.drafts, theme=args.theme, unsafe=args.unsafe)
        if args.command == "diff":
            from .diff.command import cmd_diff
            return cmd_diff(args)
    except ConfigError as err:
        print(Diagnostic(err.path or "_config.yml", err.line, err.column, "config", ERROR, err.message,
                         err.hint).format(), file=sys.stderr)
        return EXIT_USAGE
    except WriteError as err:
        print(f"{command_name()}: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    print(f"specsite: '{args.command}' is not available yet", file=sys.stderr)
    return EXIT_USAGE





def cmd_build(args) -> int:
    from . import build  # commands import only what they use: start-up stays short
    from .cache import ParseCache
    from .check import reuse
    from .config import CACHE_DIR, load_config
    check_source(args.source)
    out = args.out if args.out is not None else args.source / "build"
    config = load_config(args.source, out, drafts=args.drafts, theme=args.theme, unsafe=args.unsafe)
    cache = None if args.no_cache else ParseCache(config.source / CACHE_DIR / "parse.pickle")
    if cache is not None and cache.rejected:
        print(Diagnostic(f"{CACHE_DIR}/parse.pickle", None, None, "cache", "warning", cache.rejected,
                         "Delete the folder and add it to .gitignore; specsite writes a new one.").format(),
              file=sys.stderr)
    signature = None if args.no_cache or args.unsafe else reuse.tree_signature(config.source, args.theme)
    site = build.run(config, write=True, strict=args.strict, cache=cache)
    if signature is not None and not args.drafts:
        reuse.save(config.source / CACHE_DIR, signature, site)  # `check` of the same sources reuses it
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
