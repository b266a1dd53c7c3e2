"""`release new|add|import|check`: authoring commands for release entries (commands/release.py
declares the arguments). What cannot be done as asked raises UsageError: exit 2."""
from __future__ import annotations

import sys
from pathlib import Path

from .. import __version__
from ..config import load_config
from ..diagnostics import ERROR, WARNING, command_name, source_option
from ..errors import ExitCode, UsageError
from ..wording import plural
from .importer import UnimportablePage, read_page
from .model import ENTRY_NAME, VERSION, version_key
from .scaffold import ScaffoldError, check_areas, check_pages, check_tickets, dump, slug, write_import


def run(args) -> ExitCode:
    commands = {"new": cmd_new, "add": cmd_add, "import": cmd_import, "check": cmd_check}
    return commands[args.release_command](args)


def _folder(args) -> Path:
    if not VERSION.match(args.version):
        raise UsageError(f"'{args.version}' is not a version number like 1.2.3")
    return args.source / "releases" / args.version


def cmd_new(args) -> ExitCode:
    folder = _folder(args)
    yml = folder / "release.yml"
    if yml.exists():
        raise UsageError(f"{yml} already exists")
    folder.mkdir(parents=True, exist_ok=True)
    yml.write_text(dump({"version": args.version, "status": "draft",
                         "introduction": "TODO: one or two sentences on what this release brings.\n"}),
                   encoding="utf-8")
    print(f"created {yml}; add entries with: {command_name()} release add {args.version} "
          f"--ticket N --title '…'{_source_arg(args)}", file=sys.stderr)
    return ExitCode.OK


def cmd_add(args) -> ExitCode:
    """Scaffold an entry once its areas, tickets and pages are known to be right."""
    folder = _folder(args)
    if not (folder / "release.yml").exists():
        raise UsageError(f"no release {args.version}: run '{command_name()} release new {args.version}' first")
    if not args.title.strip():  # it would scaffold an entry that is a release-schema error at once
        raise UsageError("--title is empty: say what changed, e.g. --title 'Cancellation reason is mandatory'")
    path = folder / f"{args.ticket[0]}-{slug(args.title)}.md"
    if path.exists() or not ENTRY_NAME.match(path.name):
        raise UsageError(f"{path} already exists")
    config = load_config(args.source, args.source / "build", drafts=True)
    areas = list(config.options.get("capabilities") or [])
    try:
        check_areas(args.affects, areas)
        check_tickets(args.source, args.ticket)
        if args.page:
            check_pages(_build().run(config, write=False, render_pages=False), args.page)
    except ScaffoldError as err:
        raise UsageError(err.message + (f". {err.hint}" if err.hint else ""))
    front = {"title": args.title, "tickets": args.ticket}
    if args.affects or areas:
        front["affects"] = args.affects or ["TODO"]  # a placeholder: a warning of the draft
    if args.impacts:
        front["impacts"] = args.impacts
    if args.cosmetic:
        front["cosmetic"] = True
    if args.breaking:
        front["breaking"] = True
    if args.page:
        front["pages_changed"] = [{"link": p, "changes": ["TODO: what changed on this page"]} for p in args.page]
    path.write_text(f"---\n{dump(front)}---\n\nTODO: describe the change and why it was made.\n", encoding="utf-8")
    print(f"created {path}", file=sys.stderr)
    return ExitCode.OK


def cmd_import(args) -> ExitCode:
    if not args.file.is_file():
        raise UsageError(f"{args.file} is a folder: name the release-notes page to import" if args.file.is_dir()
                         else f"{args.file} does not exist")
    if args.version and not VERSION.match(args.version):
        raise UsageError(f"'{args.version}' is not a version number like 1.2.3")
    if not args.source.is_dir():
        raise UsageError(f"the source folder {args.source} does not exist")
    config = load_config(args.source, args.source / "build")
    try:
        text = args.file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{args.file} is not UTF-8 text; save it as UTF-8 and import again")
    except OSError as err:
        raise UsageError(f"{args.file} cannot be read: {err.strerror}; check its permissions") from None
    try:
        page = read_page(text, version=args.version, date_order=args.date_order,
                         areas=config.options.get("capabilities") or ())
        if args.version and page.shape == "history page":
            page.releases = [r for r in page.releases if r.version == args.version]
            if not page.releases:
                raise UsageError(f"{args.file} has no release {args.version}")
        written = write_import(page, args.source / "releases", args.status)
    except UnimportablePage as err:
        raise UsageError(f"{args.file}:{err.line}: {err}" if err.line else f"{args.file}: {err}")
    except ScaffoldError as err:
        raise UsageError(err.message + (f". {err.hint}" if err.hint else ""))
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    for note in page.notes:
        where = f"{args.file}:{note.line}" if note.line else str(args.file)
        print(f"{where}: warning[release-import]: {note.message}." + (f" {note.hint}" if note.hint else ""),
              file=sys.stderr)
    newest = max((r.version for r in page.releases if r.published), key=version_key, default=None)
    if newest and config.version and version_key(newest) > version_key(config.version):
        line = config.key_lines.get("version")
        print(f"{config.config_file or '_config.yml'}{f':{line}' if line else ''}: warning[release-import]: "
              f"the site declares version "
              f"{config.version}, older than the imported release {newest}. Set version: {newest} in "
              "_config.yml (release check reports it until then).", file=sys.stderr)
    if args.source.resolve() in args.file.resolve().parents:
        print(f"{args.file}: warning[release-import]: the imported page is still a page of the site. Remove it "
              "once you have checked the entries: the releases index and pages take its place.", file=sys.stderr)
    changes = sum(len(r.changes) for r in page.releases)
    versions = [r.version for r in page.releases]
    print(f"imported {plural(len(versions), 'release')} ({', '.join(versions[:6])}"
          f"{', …' if len(versions) > 6 else ''}) with {plural(changes, 'change')} from a "
          f"{page.shape}; {plural(len(page.notes), 'note')}", file=sys.stderr)
    which = f" {versions[0]}" if len(versions) == 1 else ""
    print(f"check it with: {command_name()} release check{which}{_source_arg(args)}", file=sys.stderr)
    return ExitCode.OK


def _source_arg(args) -> str:
    return source_option(args.source)


def cmd_check(args) -> ExitCode:
    from ..check.report import render_report
    if not args.source.is_dir():
        raise UsageError(f"the source folder {args.source} does not exist")
    if args.version and not (args.source / "releases" / args.version).is_dir():
        raise UsageError(f"there is no release {args.version} (no folder releases/{args.version})")
    config = load_config(args.source, args.source / "build", drafts=True)
    site = _build().run(config, write=False)
    if site.sources.releases_dir is None and (args.source / "releases").is_dir():
        # (a Jekyll site's own releases/: its pages, as Jekyll reads them — nothing here to check)
        why = ("releases/ holds this site's own pages, not release notes (no releases/<version>/release.yml); "
               f"start release notes with '{command_name()} release new VERSION{_source_arg(args)}'")
        if args.version:
            raise UsageError(f"there is no release {args.version}: {why}")
        print(f"note: {why}", file=sys.stderr)
    prefix = f"releases/{args.version}/" if args.version else "releases/"
    findings = [d for d in site.all_diagnostics()
                if d.path.startswith(prefix) or (d.rule.startswith("release-") and not args.version)]
    files = sorted({e.rel for r in site.releases for e in r.entries} | {r.rel for r in site.releases})
    files = [f for f in files if f.startswith(prefix)]
    findings = gate(findings)
    sys.stdout.write(render_report(findings, args.format, tool_version=__version__, pages=files,
                                   summary={"pages": len(files), "noun": "release file",
                                            "seconds": round(site.seconds, 2)}))
    return ExitCode.FINDINGS if any(f.severity == ERROR for f in findings) else ExitCode.OK


def gate(findings) -> list:
    """`release check` is the gate before a release ships: what `build` and `check` report as a
    warning there (a TODO, 'XX Mar 2019', link text naming another page, an unmarked breaking
    change, a draft's relaxed errors) fails it, and is printed as the error it is. `info`, `off`
    and `ignore:` settings still apply: they are how a team accepts one."""
    import dataclasses
    return [dataclasses.replace(f, severity=ERROR) if f.severity == WARNING else f for f in findings]



def _build():
    """The build stage, imported when a command needs a site (start-up stays short)."""
    from .. import build
    return build
