"""Scaffolds that validate as they write, and drafts that never block a publish.

`release new`/`release add` refuse a misspelt area, a ticket another entry claims and a page or
anchor the site lacks, each with what to write instead; a fresh scaffold has placeholders and no
other finding. Problems in a draft release are warnings for `build` and `check`; its errors stay
errors with `build --drafts`, and `release check <version>`, the gate before a release ships,
fails on every one of them, placeholders included.
Every case starts from a copy of tests/fixtures/releases/base (site version 1.2.3, capabilities
Core, Foundations, Appointment Management) and states what it adds.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, build_site, make_site
from tests.test_releases_command import CLEAN, run_cli


@pytest.fixture
def root(tmp_path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "releases" / "base", site)
    return site


def check_report(root, capsys, *args) -> tuple[int, list]:
    capsys.readouterr()
    code = run_cli(["release", "check", *args, "--format", "json", "--source", root])
    return code, json.loads(capsys.readouterr().out)


# -- scaffolds ------------------------------------------------------------------------------------


def test_a_fresh_scaffold_has_placeholders_and_nothing_else(root, capsys):
    """`release new` then `release add` without --affects: `release check 2.0.0` reports only
    placeholders (the TODO area, introduction and description), which it does not let ship (exit 1)."""
    assert run_cli(["release", "new", "2.0.0", "--source", root]) == 0
    assert run_cli(["release", "add", "2.0.0", "--ticket", "700", "--title", "Book for another organisation",
                    "--source", root]) == 0
    entry = root / "releases" / "2.0.0" / "700-book-for-another-organisation.md"
    assert "affects: [TODO]" in entry.read_text(encoding="utf-8")
    code, report = check_report(root, capsys, "2.0.0")
    assert code == 1
    assert {(f["rule"], f["severity"]) for f in report} == {("release-placeholder", "error")}
    assert {(f["file"], f["line"]) for f in report} == {
        ("releases/2.0.0/release.yml", 4), (f"releases/2.0.0/{entry.name}", 4), (f"releases/2.0.0/{entry.name}", 7)}


def test_add_refuses_an_empty_title(root, capsys):
    """`release add --title ""` exits 2 and writes nothing (it wrote `title: ''`, a release-schema error)."""
    run_cli(["release", "new", "2.0.0", "--source", root])
    capsys.readouterr()
    assert run_cli(["release", "add", "2.0.0", "--ticket", "700", "--title", " ", "--source", root]) == 2
    assert "--title is empty" in capsys.readouterr().err
    assert sorted(p.name for p in (root / "releases" / "2.0.0").iterdir()) == ["release.yml"]


def test_add_refuses_a_misspelt_area_with_did_you_mean(root, capsys):
    """--affects "Apointment Management" exits 2, suggests the configured area and writes nothing."""
    run_cli(["release", "new", "2.0.0", "--source", root])
    capsys.readouterr()
    assert run_cli(["release", "add", "2.0.0", "--ticket", "700", "--title", "X", "--affects",
                    "Apointment Management", "--source", root]) == 2
    err = capsys.readouterr().err
    assert "unknown capability area 'Apointment Management'. Did you mean 'Appointment Management'?" in err
    assert [p.name for p in (root / "releases" / "2.0.0").iterdir()] == ["release.yml"]


def test_add_refuses_a_ticket_another_entry_claims(root, capsys):
    """Ticket 601, claimed by releases/1.2.3/601-amend.md, is refused and that entry named."""
    make_site(root, CLEAN)
    run_cli(["release", "new", "2.0.0", "--source", root])
    capsys.readouterr()
    assert run_cli(["release", "add", "2.0.0", "--ticket", "601", "--title", "Again", "--affects", "Core",
                    "--source", root]) == 2
    assert "ticket 601 is already claimed by releases/1.2.3/601-amend.md" in capsys.readouterr().err
    assert [p.name for p in (root / "releases" / "2.0.0").iterdir()] == ["release.yml"]


@pytest.mark.parametrize("page, message", [
    ("nope.html#x", "--page nope.html#x: the site has no page 'nope.html'"),
    ("amend.htm", "--page amend.htm: the site has no page 'amend.htm'. Did you mean 'amend.html'?"),
    ("amend.html#payload-requst-body", "--page amend.html#payload-requst-body: amend.html has no anchor "
                                       "'#payload-requst-body'. Did you mean 'amend.html#payload-request-body'?"),
])
def test_add_refuses_a_page_or_anchor_the_site_lacks(root, capsys, page, message):
    """A missing page or anchor exits 2 with the closest page or anchor, and writes nothing."""
    run_cli(["release", "new", "2.0.0", "--source", root])
    capsys.readouterr()
    assert run_cli(["release", "add", "2.0.0", "--ticket", "700", "--title", "X", "--affects", "Core",
                    "--page", page, "--source", root]) == 2
    assert message in capsys.readouterr().err
    assert [p.name for p in (root / "releases" / "2.0.0").iterdir()] == ["release.yml"]


def test_add_accepts_an_existing_page_and_anchor(root):
    """--page amend.html#payload-request-body exists: the entry is written."""
    run_cli(["release", "new", "2.0.0", "--source", root])
    assert run_cli(["release", "add", "2.0.0", "--ticket", "700", "--title", "X", "--affects", "Core",
                    "--page", "amend.html#payload-request-body", "--source", root]) == 0
    assert (root / "releases" / "2.0.0" / "700-x.md").is_file()


def test_add_in_a_site_without_capabilities_writes_no_area(root):
    """Where the site configures no capability areas, the entry has no `affects` and loads cleanly."""
    config = root / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  capabilities: [Core, Foundations, Appointment Management]\n", ""), encoding="utf-8")
    run_cli(["release", "new", "2.0.0", "--source", root])
    assert run_cli(["release", "add", "2.0.0", "--ticket", "700", "--title", "X", "--source", root]) == 0
    assert "affects" not in (root / "releases" / "2.0.0" / "700-x.md").read_text(encoding="utf-8")
    site = build_site(root, drafts=True)
    assert {d.rule for d in site.all_diagnostics()} == {"release-placeholder"}


# -- drafts never block ---------------------------------------------------------------------------

# CLEAN plus a draft 1.3.0 whose two entries both claim ticket 655 and one misspells a key.
BROKEN_DRAFT = {
    **CLEAN,
    "releases/1.3.0/release.yml": "version: 1.3.0\nstatus: draft\nintroduction: Next.\n",
    "releases/1.3.0/655-a.md": "---\ntitle: A\ntickets: [655]\naffects: [Core]\n---\n\nA.\n",
    "releases/1.3.0/655-b.md": "---\ntitle: B\ntickets: [655]\nafects: [Core]\n---\n\nB.\n",
}


def test_a_broken_draft_does_not_stop_a_build(root, capsys):
    """`build` writes the site; the draft's duplicate ticket and unknown key are warnings naming the cure."""
    make_site(root, BROKEN_DRAFT)
    assert run_cli(["build", "--source", root, "--out", root / "out"]) == 0
    err = capsys.readouterr().err
    assert "releases/1.3.0/655-b.md:3: warning[release-duplicate-ticket]: ticket 655 is also claimed by " \
           "releases/1.3.0/655-a.md" in err
    assert "It is a warning while 1.3.0 is a draft (an error with --drafts or 'release check 1.3.0')." in err
    assert "releases/1.3.0/655-b.md:4: warning[release-unknown-key]" in err
    assert (root / "out" / "overview_release_notes_1_2_3.html").is_file()
    assert not (root / "out" / "overview_release_notes_1_3_0.html").exists()


def test_a_broken_draft_stops_a_build_with_drafts(root, capsys):
    """`build --drafts` includes the draft, so its problems are errors and nothing is written."""
    make_site(root, BROKEN_DRAFT)
    assert run_cli(["build", "--drafts", "--source", root, "--out", root / "out"]) == 1
    assert "error[release-duplicate-ticket]" in capsys.readouterr().err
    assert not (root / "out").exists()


def test_check_lists_draft_problems_as_warnings(root, capsys):
    """`check` lists the draft's problems as warnings and exits 0; `check --drafts` makes them errors."""
    make_site(root, BROKEN_DRAFT)
    capsys.readouterr()
    assert run_cli(["check", "--format", "json", "--source", root]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {(f["rule"], f["severity"]) for f in report} == {  # afects: also leaves the entry without affects
        ("release-duplicate-ticket", "warning"), ("release-unknown-key", "warning"), ("release-schema", "warning")}
    assert run_cli(["check", "--drafts", "--source", root]) == 1


def test_release_check_of_the_draft_reports_errors(root, capsys):
    """`release check 1.3.0` is asked about the draft: its problems are errors, exit 1."""
    make_site(root, BROKEN_DRAFT)
    code, report = check_report(root, capsys, "1.3.0")
    assert code == 1
    assert {(f["file"], f["rule"], f["severity"]) for f in report} == {
        ("releases/1.3.0/655-b.md", "release-duplicate-ticket", "error"),
        ("releases/1.3.0/655-b.md", "release-unknown-key", "error"),
        ("releases/1.3.0/655-b.md", "release-schema", "error")}


def test_a_draft_repeating_a_published_ticket_is_the_one_reported(root):
    """When a draft entry claims a published entry's ticket, the draft's entry carries the finding."""
    make_site(root, {**CLEAN, "releases/1.3.0/release.yml": "version: 1.3.0\nstatus: draft\nintroduction: N.\n",
                     "releases/1.3.0/601-again.md": "---\ntitle: Again\ntickets: [601]\naffects: [Core]\n---\n\nA.\n"})
    site = build_site(root)
    [finding] = [d for d in site.all_diagnostics() if d.rule == "release-duplicate-ticket"]
    assert (finding.path, finding.severity) == ("releases/1.3.0/601-again.md", "warning")
    assert not site.blocked()


def test_a_draft_whose_release_yml_is_broken_does_not_block(root):
    """A release.yml that does not parse and does not say `published` is a draft's: a warning."""
    make_site(root, {**CLEAN, "releases/1.3.0/release.yml": "version: 1.3.0\nintroduction: [oops\n"})
    site = build_site(root)
    [finding] = [d for d in site.all_diagnostics() if d.rule == "release-yaml"]
    assert finding.severity == "warning" and not site.blocked()


def test_a_broken_link_in_a_draft_entry_does_not_fail_check(root, capsys):
    """`check` renders the draft and finds its broken link: a warning (exit 0); `release check 1.3.0`
    reports it as an error."""
    make_site(root, {**CLEAN, "releases/1.3.0/release.yml": "version: 1.3.0\nstatus: draft\nintroduction: N.\n",
                     "releases/1.3.0/655-next.md": "---\ntitle: Next\ntickets: [655]\naffects: [Core]\n---\n\n"
                                                   "See [the design](desing.html).\n"})
    capsys.readouterr()
    assert run_cli(["check", "--format", "json", "--source", root]) == 0
    [finding] = json.loads(capsys.readouterr().out)
    assert (finding["file"], finding["line"], finding["rule"], finding["severity"]) == (
        "releases/1.3.0/655-next.md", 7, "broken-link", "warning")
    code, report = check_report(root, capsys, "1.3.0")
    assert code == 1 and [(f["rule"], f["severity"]) for f in report] == [("broken-link", "error")]


def test_the_readmes_release_commands_work_on_the_sample_site(tmp_path, capsys):
    """`release new`, `release add` (with its optional --page) and `release check` as the README's table
    writes them run on the repository's own site and scaffold what they say (the table's 1.3.0 and ticket
    655 were the sample's own, and amend.html no page of it: each was refused); `release check` then finds
    the scaffold's TODOs and nothing else, and fails on them (exit 1) until they are written."""
    import re
    import shlex
    from tests.conftest import REPO
    from tests.test_releases_import import repo_site_copy
    site = repo_site_copy(tmp_path / "site")
    shutil.copytree(REPO / "releases", site / "releases")
    rows = re.findall(r"^\| `(release (?:new|add|check) [^`]+)` \|", (REPO / "README.md").read_text(encoding="utf-8"),
                      re.M)
    assert [r.split()[1] for r in rows] == ["new", "add", "check"]
    for row in rows:
        words = shlex.split(re.sub(r"\[([^\]]*)\]", r"\1", row.replace("…", "A change")))
        capsys.readouterr()
        assert run_cli([*words, "--source", site]) == (1 if words[1] == "check" else 0), row
    assert set(re.findall(r"error\[([\w-]+)\]", capsys.readouterr().out)) == {"release-placeholder"}
    assert (site / "releases" / "1.4.0" / "700-a-change.md").is_file()
