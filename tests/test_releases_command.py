"""`specsite release new|add|check` through specsite.cli.main (releases.command).

Every case starts from a copy of tests/fixtures/releases/base (a site at version 1.2.3 with
capabilities Core, Foundations, Appointment Management) and states what it adds.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, REPO, build_site, make_site

BASE = FIXTURES / "releases" / "base"


def run_cli(argv) -> int:
    """`specsite.cli.main(argv)` as the shell sees it: the exit code, also when argparse exits."""
    from specsite.cli import main
    try:
        return main([str(a) for a in argv])
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 1


@pytest.fixture
def root(tmp_path) -> Path:
    """A copy of the base fixture site, without releases."""
    site = tmp_path / "site"
    shutil.copytree(BASE, site)
    return site


# A clean published release 1.2.3 (matches the site version) with one correct entry.
CLEAN = {
    "releases/1.2.3/release.yml": "version: 1.2.3\nstatus: published\ndate: 2019-03-12\nintroduction: Fixes.\n",
    "releases/1.2.3/601-amend.md": ("---\ntitle: Amending a cancelled appointment is no longer supported\n"
                                    "tickets: [601]\naffects: [Appointment Management]\npages_changed:\n"
                                    "  - link: amend.html#payload-request-body\n---\n\n- Refused now.\n"),
}


# -- release new ----------------------------------------------------------------------------------


def test_release_new_scaffolds_a_draft_release_yml(root, capsys):
    """`release new 2.0.0` exits 0 and writes releases/2.0.0/release.yml: version, draft, a TODO introduction."""
    assert run_cli(["release", "new", "2.0.0", "--source", root]) == 0
    data = yaml.safe_load((root / "releases" / "2.0.0" / "release.yml").read_text(encoding="utf-8"))
    assert data["version"] == "2.0.0" and data["status"] == "draft"
    assert data["introduction"].startswith("TODO")
    assert "release add 2.0.0" in capsys.readouterr().err


def test_release_new_refuses_an_existing_release(root, capsys):
    """`release new` for a version that has a release.yml exits 2 and leaves the file as it was."""
    # Case: releases/2.0.0/release.yml already exists with the author's own introduction.
    make_site(root, {"releases/2.0.0/release.yml": "version: 2.0.0\nstatus: draft\nintroduction: Mine.\n"})
    assert run_cli(["release", "new", "2.0.0", "--source", root]) == 2
    assert "already exists" in capsys.readouterr().err
    assert "Mine." in (root / "releases" / "2.0.0" / "release.yml").read_text(encoding="utf-8")


def test_release_new_refuses_a_version_that_is_not_a_version(root):
    """`release new next` exits 2 and creates nothing."""
    assert run_cli(["release", "new", "next", "--source", root]) == 2
    assert not (root / "releases").exists()


def test_release_without_a_subcommand_is_a_usage_error(root):
    """`release` alone exits 2."""
    assert run_cli(["release", "--source", root]) == 2


# -- release add ----------------------------------------------------------------------------------


def test_release_add_scaffolds_an_entry_that_loads(root):
    """`release add 2.0.0 --ticket 700 --title … --affects Core` writes 700-<slug>.md, which loads cleanly."""
    assert run_cli(["release", "new", "2.0.0", "--source", root]) == 0
    assert run_cli(["release", "add", "2.0.0", "--ticket", "700", "--title", "Book on behalf of another organisation",
                    "--affects", "Core", "--source", root]) == 0
    path = root / "releases" / "2.0.0" / "700-book-on-behalf-of-another-organisation.md"
    assert path.is_file()
    site = build_site(root, drafts=True)
    [release] = site.releases
    [entry] = release.entries
    assert (entry.rel, entry.title, entry.tickets, entry.affects) == (
        "releases/2.0.0/700-book-on-behalf-of-another-organisation.md",
        "Book on behalf of another organisation", (700,), ("Core",))
    # only the scaffold's TODO placeholders remain, as warnings of a draft
    assert {(d.rule, d.severity) for d in site.all_diagnostics()} == {("release-placeholder", "warning")}


def test_release_add_writes_every_option(root):
    """Repeated --ticket, --affects, --impacts, --page and --cosmetic/--breaking all reach the entry."""
    run_cli(["release", "new", "2.0.0", "--source", root])
    assert run_cli(["release", "add", "2.0.0", "--ticket", "702", "--ticket", "703", "--title", "Two tickets",
                    "--affects", "Core", "--affects", "Foundations", "--impacts", "Consumer systems",
                    "--page", "amend.html#use-case", "--cosmetic", "--breaking", "--source", root]) == 0
    site = build_site(root, drafts=True)
    [entry] = site.releases[0].entries
    assert entry.tickets == (702, 703) and entry.affects == ("Core", "Foundations")
    assert entry.impacts == ("Consumer systems",) and entry.cosmetic and entry.breaking
    assert [c.link for c in entry.pages_changed] == ["amend.html#use-case"]
    assert [d for d in site.all_diagnostics() if d.rule != "release-placeholder"] == []


def test_release_add_needs_the_release(root, capsys):
    """`release add` to a version without release.yml exits 2 and tells how to create it."""
    assert run_cli(["release", "add", "3.0.0", "--ticket", "701", "--title", "X", "--source", root]) == 2
    assert "release new 3.0.0" in capsys.readouterr().err
    assert not (root / "releases" / "3.0.0").exists()


def test_release_add_refuses_an_existing_entry(root):
    """Adding the same ticket and title twice exits 2 the second time and keeps the first file."""
    run_cli(["release", "new", "2.0.0", "--source", root])
    argv = ["release", "add", "2.0.0", "--ticket", "700", "--title", "Same", "--affects", "Core", "--source", root]
    assert run_cli(argv) == 0
    path = root / "releases" / "2.0.0" / "700-same.md"
    path.write_text(path.read_text(encoding="utf-8") + "Edited.\n", encoding="utf-8")
    assert run_cli(argv) == 2
    assert path.read_text(encoding="utf-8").endswith("Edited.\n")


# -- release check --------------------------------------------------------------------------------


def test_release_check_clean_exits_0(root, capsys):
    """`release check` of a clean release exits 0 and says no problems were found in its release files
    (release.yml and the entry: they are no pages, which it called them)."""
    # Case: CLEAN, a correct published release 1.2.3.
    make_site(root, CLEAN)
    assert run_cli(["release", "check", "--source", root]) == 0
    assert capsys.readouterr().out.startswith("No problems found in 2 release files (")


def test_release_check_with_errors_exits_1(root, capsys):
    """`release check` exits 1 when a release has an error and prints it as path:line: severity[rule]."""
    # Case: CLEAN with a misspelt key, `afects:` on line 4 of the entry.
    files = dict(CLEAN)
    files["releases/1.2.3/601-amend.md"] = files["releases/1.2.3/601-amend.md"].replace("affects:", "afects:")
    make_site(root, files)
    assert run_cli(["release", "check", "--source", root]) == 1
    out = capsys.readouterr().out
    assert "releases/1.2.3/601-amend.md:4: error[release-unknown-key]: unknown key 'afects'. Did you mean 'affects'?" in out


DRAFT_TODO = {**CLEAN,  # CLEAN plus a draft 1.3.0 whose introduction is TODO (a warning for build and check)
              "releases/1.3.0/release.yml": "version: 1.3.0\nstatus: draft\nintroduction: TODO\n",
              "releases/1.3.0/655-next.md": "---\ntitle: Next\ntickets: [655]\naffects: [Core]\n---\n\n- Next.\n"}


def test_release_check_fails_on_what_check_calls_a_warning(root, capsys):
    """`release check` is the gate before a release ships: a draft's TODO, a warning for `check`, is an
    error there (exit 1, with or without --strict)."""
    make_site(root, DRAFT_TODO)
    capsys.readouterr()
    assert run_cli(["check", "--source", root]) == 0
    assert "warning[release-placeholder]" in capsys.readouterr().out
    assert run_cli(["release", "check", "--source", root]) == 1
    assert "releases/1.3.0/release.yml:3:15: error[release-placeholder]" in capsys.readouterr().out
    assert run_cli(["release", "check", "--strict", "--source", root]) == 1


def test_release_check_passes_a_rule_the_site_sets_to_info(root, capsys):
    """`severity: {release-placeholder: info}` is how a team accepts one: `release check` reports it, exit 0."""
    make_site(root, DRAFT_TODO)
    with open(root / "_config.yml", "a", encoding="utf-8") as config:
        config.write("  severity: {release-placeholder: info}\n")
    capsys.readouterr()
    assert run_cli(["release", "check", "--source", root]) == 0
    assert "info[release-placeholder]" in capsys.readouterr().out


def test_release_check_json(root, capsys):
    """`--format json` prints a JSON array of findings with file, line, rule, severity, message and suggestion."""
    # Case: CLEAN with a misspelt key, `afects:` on line 4 of the entry.
    files = dict(CLEAN)
    files["releases/1.2.3/601-amend.md"] = files["releases/1.2.3/601-amend.md"].replace("affects:", "afects:")
    make_site(root, files)
    capsys.readouterr()
    assert run_cli(["release", "check", "--format", "json", "--source", root]) == 1
    report = json.loads(capsys.readouterr().out)
    unknown = [f for f in report if f["rule"] == "release-unknown-key"]
    assert unknown == [{"file": "releases/1.2.3/601-amend.md", "line": 4, "column": None,
                        "rule": "release-unknown-key", "severity": "error", "message": "unknown key 'afects'",
                        "target": None, "suggestion": "Did you mean 'affects'?"}]


def test_release_check_json_of_a_clean_site_is_an_empty_array(root, capsys):
    """`--format json` of a clean release prints []."""
    make_site(root, CLEAN)
    capsys.readouterr()
    assert run_cli(["release", "check", "--format", "json", "--source", root]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_release_check_of_one_version_ignores_the_others(root, capsys):
    """`release check 1.2.3` reports only files of releases/1.2.3/."""
    # Case: CLEAN, plus a draft 1.3.0 with a misspelt key (an error) in its entry.
    make_site(root, {**CLEAN,
                     "releases/1.3.0/release.yml": "version: 1.3.0\nstatus: draft\nintroduction: Next.\n",
                     "releases/1.3.0/655-next.md": "---\ntitle: Next\ntickets: [655]\nafects: [Core]\n---\n\n- Next.\n"})
    capsys.readouterr()
    assert run_cli(["release", "check", "1.2.3", "--format", "json", "--source", root]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert run_cli(["release", "check", "1.3.0", "--source", root]) == 1


def test_release_check_ignores_problems_of_ordinary_pages(root, capsys):
    """A broken link in an ordinary page is not a release finding: `release check` stays at 0."""
    # Case: CLEAN, plus pages/broken.md linking a page that does not exist.
    make_site(root, {**CLEAN, "pages/broken.md": "---\ntitle: Broken\npermalink: broken.html\n---\n\n[x](nope.html)\n"})
    assert run_cli(["release", "check", "--source", root]) == 0
    assert run_cli(["check", "--source", root]) == 1


def test_release_check_writes_nothing(root):
    """`release check` renders in memory: no output folder appears."""
    make_site(root, CLEAN)
    run_cli(["release", "check", "--source", root])
    assert not (root / "build").exists()


# -- the repository's own releases -----------------------------------------------------------------


def test_the_repository_releases_check_clean(capsys):
    """`release check` of the repository itself exits 0 with no findings, drafts included."""
    capsys.readouterr()
    assert run_cli(["release", "check", "--format", "json", "--source", REPO]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_the_repository_releases_check_clean_when_strict(capsys):
    """`release check --strict` of the repository exits 0: not even a warning."""
    assert run_cli(["release", "check", "--strict", "--source", REPO]) == 0
    assert capsys.readouterr().out.startswith("No problems found")


def test_release_empty_hint_names_the_source(root, capsys, monkeypatch):
    """A release without entries: `release-empty`'s hint is a command that runs from where the user is —
    with `--source` when the site is elsewhere, without it when they are in the site."""
    make_site(root, {"releases/2.0.0/release.yml": "version: 2.0.0\nstatus: draft\nintroduction: Next.\n"})
    capsys.readouterr()
    run_cli(["release", "check", "--source", root])
    out = capsys.readouterr().out
    assert f"Add one: specsite release add 2.0.0 --ticket N --title … --source {root}" in out
    monkeypatch.chdir(root)
    run_cli(["release", "check"])
    assert "--title …\n" in capsys.readouterr().out


def test_release_check_of_a_jekyll_sites_own_releases_folder_says_it_holds_no_release(tmp_path, capsys):
    """A Jekyll site whose releases/ is its own pages (no <version>/release.yml): `release check 2019`
    is a usage error naming why (it said 'No problems found in 0 release files'), and `release check`
    notes it beside its empty report."""
    root = make_site(tmp_path / "site", {"_config.yml": "title: T\n",
                                         "releases/2019/index.md": "---\ntitle: 2019\n---\nText.\n"})
    capsys.readouterr()
    assert run_cli(["release", "check", "2019", "--source", root]) == 2
    err = capsys.readouterr().err
    assert "there is no release 2019: releases/ holds this site's own pages, not release notes" in err
    assert "release new VERSION --source" in err
    assert run_cli(["release", "check", "--source", root]) == 0
    assert "note: releases/ holds this site's own pages" in capsys.readouterr().err
