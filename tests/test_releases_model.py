"""Release notes as data (specsite.releases.model): loading and validating releases/<version>/.

Every case is a tiny site: a copy of tests/fixtures/releases/base plus the release files the
case needs, written inline with the line numbers they are checked at. Each finding is
asserted with its rule, severity, file and line.
"""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import FIXTURES, REPO, SEED, build_site
from tests.conftest import build_release_site as build

BASE = FIXTURES / "releases" / "base"


def release_findings(site) -> list:
    """All findings of a build: build failures and checker findings, sorted."""
    return site.all_diagnostics()


def findings(site, rule: str) -> list:
    """The findings of one rule, sorted by file and line."""
    return [d for d in release_findings(site) if d.rule == rule]


def at(site, rule: str, path: str) -> list:
    """(severity, line) of every finding of `rule` in file `path`."""
    return [(d.severity, d.line) for d in release_findings(site) if d.rule == rule and d.path == path]


# -- shared release files -------------------------------------------------------------------------

# A published release 1.2.3 that is complete and correct (line 3 is the date).
RELEASE_YML = """\
version: 1.2.3
status: published
date: 2019-03-12
introduction: A maintenance release.
"""

# A correct entry for ticket 601: title on line 2, tickets on line 3, affects on line 4.
ENTRY_601 = """\
---
title: Amending a cancelled appointment is no longer supported
tickets: [601]
affects: [Appointment Management]
---

- A cancelled appointment can no longer be amended.
"""

REL = "releases/1.2.3/release.yml"


def one_release(entries: dict, release: str = RELEASE_YML) -> dict:
    """Files of release 1.2.3 with `entries` ({file name: text}) in it."""
    files = {REL: release}
    files.update({f"releases/1.2.3/{name}": text for name, text in entries.items()})
    return files


# -- the happy path -------------------------------------------------------------------------------


def test_a_correct_release_loads_without_findings(tmp_path):
    """A complete published release with one correct entry loads into a Release with no findings."""
    site = build(tmp_path, one_release({"601-amend.md": ENTRY_601}))
    assert release_findings(site) == []
    [release] = site.releases
    assert (release.version, release.status, release.date, release.draft) == \
        ("1.2.3", "published", dt.date(2019, 3, 12), False)
    assert release.introduction == "A maintenance release."
    [entry] = release.entries
    assert entry.rel == "releases/1.2.3/601-amend.md"
    assert entry.title == "Amending a cancelled appointment is no longer supported"
    assert entry.tickets == (601,) and entry.affects == ("Appointment Management",)
    assert entry.anchor == "ticket-601"
    assert entry.body.strip() == "- A cancelled appointment can no longer be amended."
    assert entry.body_line == 6


@pytest.mark.parametrize("written", ["2019-03-12", "'2019-03-12'"])
def test_dates_are_read_in_iso_form(tmp_path, written):
    """A date written as YYYY-MM-DD (plain or quoted) is a date."""
    # Case: the release date is written in ISO form.
    site = build(tmp_path, one_release({"601-amend.md": ENTRY_601},
                                       RELEASE_YML.replace("2019-03-12", written)))
    assert release_findings(site) == []
    assert site.releases[0].date == dt.date(2019, 3, 12)


@pytest.mark.parametrize("written", ["12 Mar 2019", "12 March 2019", "12/03/2019"])
def test_dates_not_in_iso_form_are_a_finding(tmp_path, written):
    """'12 Mar 2019' or '12/03/2019' is not accepted: the release date is ISO (YYYY-MM-DD)."""
    # Case: the release date is written out, or in a local order.
    site = build(tmp_path, one_release({"601-amend.md": ENTRY_601},
                                       RELEASE_YML.replace("2019-03-12", written)))
    assert [(f.rule, f.severity) for f in release_findings(site)] == [("release-date", "error")]
    assert site.releases[0].date is None


def test_a_ticket_written_with_a_hash_is_a_number(tmp_path):
    """`tickets: ["#601"]` is read as ticket 601 without a finding."""
    # Case: the ticket is written as GitHub shows it, "#601".
    site = build(tmp_path, one_release({"601-amend.md": ENTRY_601.replace("[601]", '["#601"]')}))
    assert release_findings(site) == []
    assert site.releases[0].entries[0].tickets == (601,)


# -- entry fields ---------------------------------------------------------------------------------


def test_tickets_written_as_text_are_a_schema_and_a_ticket_error(tmp_path):
    """`tickets: "abc"` is a release-schema error (not a list) and a release-ticket error at its line."""
    # Case: line 3 holds `tickets: "abc"`: text, and not a number.
    site = build(tmp_path, one_release({"601-amend.md": ENTRY_601.replace("[601]", '"abc"')}))
    path = "releases/1.2.3/601-amend.md"
    assert at(site, "release-schema", path) == [("error", 3)]
    assert at(site, "release-ticket", path) == [("error", 3)]
    messages = [d.message for d in release_findings(site) if d.path == path]
    assert "'tickets' must be list, not text" in messages
    assert "ticket 'abc' is not a number" in messages


def test_a_ticket_that_is_not_a_number_is_reported_at_its_line(tmp_path):
    """A ticket like `60l` in `tickets: [60l]` is a release-ticket error at the tickets line."""
    # Case: a typo turned ticket 601 into "60l" (line 3).
    site = build(tmp_path, one_release({"601-amend.md": ENTRY_601.replace("[601]", "[60l]")}))
    assert at(site, "release-ticket", "releases/1.2.3/601-amend.md") == [("error", 3)]
    [finding] = findings(site, "release-ticket")
    assert "'60l' is not a number" in finding.message


def test_a_bad_ticket_in_a_block_list_is_reported_at_its_own_line(tmp_path):
    """In a block list of tickets, the ticket that is not a number is reported at its own line."""
    # Case: tickets as a block list; line 4 is "- 601" (fine), line 5 is "- abc" (not a number).
    entry = "---\ntitle: Amend\ntickets:\n  - 601\n  - abc\naffects: [Core]\n---\n\nBody.\n"
    site = build(tmp_path, one_release({"601-amend.md": entry}))
    assert at(site, "release-ticket", "releases/1.2.3/601-amend.md") == [("error", 5)]


def test_a_missing_title_is_a_schema_error_at_the_front_matter(tmp_path):
    """An entry without `title:` is a release-schema error at the first front matter line (2)."""
    # Case: the entry has tickets and affects but no title.
    entry = "---\ntickets: [601]\naffects: [Core]\n---\n\nBody.\n"
    site = build(tmp_path, one_release({"601-amend.md": entry}))
    assert at(site, "release-schema", "releases/1.2.3/601-amend.md") == [("error", 2)]
    assert "entry has no 'title'" in findings(site, "release-schema")[0].message


def test_cosmetic_written_as_text_is_a_schema_error(tmp_path):
    """`cosmetic: "yes"` (text, not true/false) is a release-schema error at its line; it is not cosmetic."""
    # Case: line 5 says cosmetic: "yes" in quotes, which YAML reads as text.
    entry = ENTRY_601.replace("affects: [Appointment Management]\n",
                              "affects: [Appointment Management]\ncosmetic: \"yes\"\n")
    site = build(tmp_path, one_release({"601-amend.md": entry}))
    assert at(site, "release-schema", "releases/1.2.3/601-amend.md") == [("error", 5)]
    assert findings(site, "release-schema")[0].message == "'cosmetic' must be true/false, not text"
    assert site.releases[0].entries[0].cosmetic is False


def test_an_unknown_key_suggests_the_known_one(tmp_path):
    """A misspelt key (`afects:`) is a release-unknown-key error at its line with "Did you mean 'affects'?"."""
    # Case: line 4 misspells affects as afects.
    site = build(tmp_path, one_release({"601-amend.md": ENTRY_601.replace("affects:", "afects:")}))
    assert at(site, "release-unknown-key", "releases/1.2.3/601-amend.md") == [("error", 4)]
    [finding] = findings(site, "release-unknown-key")
    assert finding.message == "unknown key 'afects'"
    assert finding.hint == "Did you mean 'affects'?"


def test_missing_affects_is_a_schema_error(tmp_path):
    """An entry without `affects:` is a release-schema error in that entry."""
    # Case: the entry names no capability area at all.
    entry = "---\ntitle: Amend\ntickets: [601]\n---\n\nBody.\n"
    site = build(tmp_path, one_release({"601-amend.md": entry}))
    [finding] = findings(site, "release-schema")
    assert (finding.path, finding.severity, finding.message) == \
        ("releases/1.2.3/601-amend.md", "error", "entry has no 'affects'")


def test_missing_affects_is_reported_at_the_front_matter_line(tmp_path):
    """A missing `affects:` is reported at the front matter's first line, like a missing title."""
    # Case: the entry names no capability area at all; its front matter starts on line 2.
    entry = "---\ntitle: Amend\ntickets: [601]\n---\n\nBody.\n"
    site = build(tmp_path, one_release({"601-amend.md": entry}))
    assert at(site, "release-schema", "releases/1.2.3/601-amend.md") == [("error", 2)]


def test_an_unknown_capability_area_suggests_the_configured_one(tmp_path):
    """An area not in `specsite: capabilities:` is a release-unknown-area error at the affects line."""
    # Case: line 4 misspells "Appointment Management"; the base _config.yml lists
    # capabilities [Core, Foundations, Appointment Management].
    entry = ENTRY_601.replace("[Appointment Management]", "[Apointment Management]")
    site = build(tmp_path, one_release({"601-amend.md": entry}))
    assert at(site, "release-unknown-area", "releases/1.2.3/601-amend.md") == [("error", 4)]
    [finding] = findings(site, "release-unknown-area")
    assert finding.message == "unknown capability area 'Apointment Management'"
    assert finding.hint == "Did you mean 'Appointment Management'?"


def test_an_area_like_no_capability_lists_the_known_areas(tmp_path):
    """An area close to no configured capability is an error whose hint lists the known areas."""
    # Case: line 4 names an area that resembles nothing configured.
    entry = ENTRY_601.replace("[Appointment Management]", "[Prescriptions]")
    site = build(tmp_path, one_release({"601-amend.md": entry}))
    [finding] = findings(site, "release-unknown-area")
    assert (finding.line, finding.hint) == (4, "Known areas: Core, Foundations, Appointment Management.")


def test_areas_are_free_text_when_no_capabilities_are_configured(tmp_path):
    """Without `capabilities:` in the configuration any area is accepted."""
    # Case: a _config.yml without capabilities; the entry's area is not a known one.
    config = (BASE / "_config.yml").read_text(encoding="utf-8")
    config = config.replace("  capabilities: [Core, Foundations, Appointment Management]\n", "")
    entry = ENTRY_601.replace("[Appointment Management]", "[Prescriptions]")
    site = build(tmp_path, {"_config.yml": config, **one_release({"601-amend.md": entry})})
    assert findings(site, "release-unknown-area") == []


# -- tickets across entries and file names ---------------------------------------------------------


def test_one_ticket_claimed_by_two_entries_of_a_release(tmp_path):
    """Two entries claiming ticket 604 give one release-duplicate-ticket error at the second one's tickets line."""
    # Case: 604-a.md and 604-b.md both say tickets: [604] (line 3).
    entry = "---\ntitle: Change {x}\ntickets: [604]\naffects: [Core]\n---\n\nBody.\n"
    site = build(tmp_path, one_release({"604-a.md": entry.format(x="A"), "604-b.md": entry.format(x="B")}))
    [finding] = findings(site, "release-duplicate-ticket")
    assert (finding.path, finding.line, finding.severity) == ("releases/1.2.3/604-b.md", 3, "error")
    assert finding.message == "ticket 604 is also claimed by releases/1.2.3/604-a.md"


def test_one_ticket_claimed_by_entries_of_two_releases(tmp_path):
    """A ticket claimed in two releases is one release-duplicate-ticket error naming both files."""
    # Case: ticket 601 has an entry in 1.2.3 and, again, in 1.2.2.
    files = one_release({"601-amend.md": ENTRY_601})
    files["releases/1.2.2/release.yml"] = RELEASE_YML.replace("1.2.3", "1.2.2").replace("2019-03-12", "2018-11-20")
    files["releases/1.2.2/601-amend-again.md"] = ENTRY_601
    site = build(tmp_path, files)
    [finding] = findings(site, "release-duplicate-ticket")
    named = {finding.path, finding.message.rsplit(" ", 1)[-1]}
    assert named == {"releases/1.2.3/601-amend.md", "releases/1.2.2/601-amend-again.md"}
    assert (finding.line, finding.severity) == (3, "error")


def test_a_duplicate_ticket_is_not_reported_at_release_yml(tmp_path):
    """The findings caused by a ticket claimed twice all point at an entry file, none at release.yml."""
    # Case: 604-a.md and 604-b.md both say tickets: [604]; release.yml itself is correct.
    entry = "---\ntitle: Change {x}\ntickets: [604]\naffects: [Core]\n---\n\nBody.\n"
    site = build(tmp_path, one_release({"604-a.md": entry.format(x="A"), "604-b.md": entry.format(x="B")}))
    assert [d.format() for d in release_findings(site) if d.path == REL] == []


def test_a_file_name_that_is_not_ticket_dash_slug(tmp_path):
    """An entry file not named <ticket>-<slug>.md is a release-filename error for that file; it still loads."""
    # Case: the entry is saved as Amend_Appointment.md (no ticket number, capitals, underscore).
    site = build(tmp_path, one_release({"Amend_Appointment.md": ENTRY_601}))
    assert at(site, "release-filename", "releases/1.2.3/Amend_Appointment.md") == [("error", None)]
    [finding] = findings(site, "release-filename")
    assert finding.message == "'Amend_Appointment.md' is not named <ticket>-<slug>.md"
    assert [e.tickets for e in site.releases[0].entries] == [(601,)]


def test_a_file_name_naming_another_ticket(tmp_path):
    """A file named after ticket 601 that lists ticket 602 is a release-filename error at the tickets line."""
    # Case: 601-amend.md says tickets: [602] on line 3.
    site = build(tmp_path, one_release({"601-amend.md": ENTRY_601.replace("[601]", "[602]")}))
    assert at(site, "release-filename", "releases/1.2.3/601-amend.md") == [("error", 3)]


# -- release.yml ----------------------------------------------------------------------------------


def test_a_date_that_is_not_a_date(tmp_path):
    """`date: 12/03/2019` is a release-date error at the date line."""
    # Case: the date is written day/month/year (line 3).
    site = build(tmp_path, one_release({"601-amend.md": ENTRY_601},
                                       RELEASE_YML.replace("2019-03-12", "12/03/2019")))
    lines = {(d.severity, d.line) for d in findings(site, "release-date") if d.path == REL}
    assert lines == {("error", 3)}
    assert "date '12/03/2019' is not a date" in [d.message for d in findings(site, "release-date")]
    assert site.releases[0].date is None


def test_a_date_that_is_not_a_date_is_reported_once(tmp_path):
    """A date that is written but not a date gives exactly one release-date finding."""
    # Case: the date is written day/month/year (line 3) in a published release.
    site = build(tmp_path, one_release({"601-amend.md": ENTRY_601},
                                       RELEASE_YML.replace("2019-03-12", "12/03/2019")))
    assert len(findings(site, "release-date")) == 1


def test_an_impossible_calendar_date_is_a_finding_not_a_crash(tmp_path):
    """`date: 2019-02-30` is reported at release.yml's date line instead of crashing the build."""
    # Case: February 30th, which YAML recognises as a timestamp but no calendar has (line 3).
    site = build(tmp_path, one_release({"601-amend.md": ENTRY_601},
                                       RELEASE_YML.replace("2019-03-12", "2019-02-30")))
    hits = [d for d in release_findings(site) if d.path == REL and d.rule in ("release-date", "release-yaml")]
    assert [(d.severity, d.line) for d in hits] == [("error", 3)]


def test_a_published_release_without_a_date(tmp_path):
    """A published release with no `date:` is a release-date error."""
    # Case: release.yml has no date line at all.
    release = RELEASE_YML.replace("date: 2019-03-12\n", "")
    site = build(tmp_path, one_release({"601-amend.md": ENTRY_601}, release))
    assert [(d.path, d.severity) for d in findings(site, "release-date")] == [(REL, "error")]


def test_a_draft_release_needs_no_date(tmp_path):
    """A draft release without a date has no release-date finding."""
    # Case: a draft release that has not been given a date yet.
    release = RELEASE_YML.replace("date: 2019-03-12\n", "").replace("published", "draft")
    site = build(tmp_path, one_release({"601-amend.md": ENTRY_601}, release))
    assert findings(site, "release-date") == []
    assert site.releases[0].draft


def test_broken_yaml_in_release_yml(tmp_path):
    """Invalid YAML in release.yml is a release-yaml error at the line of the YAML error."""
    # Case: line 4 has a second ': ' in a plain value, which YAML rejects (at column 16).
    release = RELEASE_YML.replace("introduction: A maintenance release.", "introduction: Note: a release.")
    site = build(tmp_path, one_release({"601-amend.md": ENTRY_601}, release))
    [finding] = findings(site, "release-yaml")
    assert (finding.path, finding.line, finding.severity) == (REL, 4, "error")
    assert finding.message.startswith("invalid YAML: mapping values are not allowed")


def test_broken_yaml_in_an_entry_front_matter(tmp_path):
    """Invalid YAML in an entry's front matter is a release-yaml error at that file's line."""
    # Case: line 7 of the entry is indented one space less than the list above it.
    entry = "---\ntitle: Amend\ntickets: [601]\naffects: [Core]\nimpacts:\n  - Provider systems\n - Consumer systems\n---\n\nBody.\n"
    site = build(tmp_path, one_release({"601-amend.md": entry}))
    [finding] = findings(site, "release-yaml")
    assert (finding.path, finding.line, finding.severity) == ("releases/1.2.3/601-amend.md", 7, "error")


def test_an_entry_whose_front_matter_is_not_closed(tmp_path):
    """An entry whose front matter has no closing '---' is a release-yaml error at line 1."""
    # Case: the entry opens front matter but never closes it.
    entry = "---\ntitle: Amend\ntickets: [601]\naffects: [Core]\n\nBody.\n"
    site = build(tmp_path, one_release({"601-amend.md": entry}))
    assert at(site, "release-yaml", "releases/1.2.3/601-amend.md") == [("error", 1)]


def test_an_entry_without_front_matter(tmp_path):
    """An entry without front matter is a release-schema error at line 1 with a hint about the '---' lines."""
    # Case: the entry is plain text; its author forgot the front matter.
    site = build(tmp_path, one_release({"601-amend.md": "title: Amend\n\nBody.\n"}))
    [finding] = findings(site, "release-schema")
    assert (finding.path, finding.line, finding.severity) == ("releases/1.2.3/601-amend.md", 1, "error")
    assert "'---'" in finding.hint


def test_a_release_folder_without_release_yml(tmp_path):
    """A releases/<version>/ folder without release.yml is a release-missing-file error naming the folder."""
    # Case: releases/1.1.0 holds an entry but no release.yml.
    files = one_release({"601-amend.md": ENTRY_601})
    files["releases/1.1.0/650-a.md"] = ENTRY_601.replace("601", "650")
    site = build(tmp_path, files)
    [finding] = findings(site, "release-missing-file")
    assert (finding.path, finding.line, finding.severity) == ("releases/1.1.0", None, "error")
    assert "release new 1.1.0" in finding.hint
    assert [r.version for r in site.releases] == ["1.2.3"]


def test_a_version_that_does_not_match_its_folder(tmp_path):
    """`version: 1.2.4` in releases/1.2.3/release.yml is a release-version error at the version line."""
    # Case: the folder says 1.2.3, the file says 1.2.4 (line 1).
    release = RELEASE_YML.replace("version: 1.2.3", "version: 1.2.4")
    site = build(tmp_path, one_release({"601-amend.md": ENTRY_601}, release))
    assert at(site, "release-version", REL) == [("error", 1)]
    [finding] = [d for d in findings(site, "release-version") if d.path == REL]
    assert finding.message == "version '1.2.4' does not match its folder 'releases/1.2.3'"


def test_a_status_that_is_neither_draft_nor_published(tmp_path):
    """A misspelt status is a release-schema error at the status line with a did-you-mean."""
    # Case: line 2 says status: publised.
    release = RELEASE_YML.replace("status: published", "status: publised")
    site = build(tmp_path, one_release({"601-amend.md": ENTRY_601}, release))
    assert at(site, "release-schema", REL) == [("error", 2)]
    assert findings(site, "release-schema")[0].hint == "Did you mean 'published'?"


def test_order_decides_the_order_of_entries(tmp_path):
    """`order:` (file stems or ticket numbers) orders the entries; entries it leaves out follow by file name."""
    # Case: three entries; order names 603 by stem and 601 by ticket; 602 is not named.
    entry = "---\ntitle: Change {n}\ntickets: [{n}]\naffects: [Core]\n---\n\nBody.\n"
    release = RELEASE_YML + "order: [603-c, 601]\n"
    site = build(tmp_path, one_release({f"{n}-{c}.md": entry.format(n=n) for n, c in
                                        ((601, "a"), (602, "b"), (603, "c"))}, release))
    assert release_findings(site) == []
    assert [e.tickets[0] for e in site.releases[0].entries] == [603, 601, 602]


def test_an_unknown_order_item(tmp_path):
    """An `order:` item that names no entry is a release-order error at the order line with a did-you-mean."""
    # Case: line 5 orders "601-amedn", a typo of the entry 601-amend.
    release = RELEASE_YML + "order: [601-amedn]\n"
    site = build(tmp_path, one_release({"601-amend.md": ENTRY_601}, release))
    assert at(site, "release-order", REL) == [("error", 5)]
    [finding] = findings(site, "release-order")
    assert finding.message == "'order' names '601-amedn', which is no entry of this release"
    assert finding.hint == "Did you mean '601-amend'?"


def test_an_unknown_order_item_in_a_block_list_is_reported_at_its_line(tmp_path):
    """An unknown item of a block-style `order:` list is reported at its own line."""
    # Case: order as a block list; line 6 "- 601-amend" is fine, line 7 "- 699-nope" names no entry.
    release = RELEASE_YML + "order:\n  - 601-amend\n  - 699-nope\n"
    site = build(tmp_path, one_release({"601-amend.md": ENTRY_601}, release))
    assert at(site, "release-order", REL) == [("error", 7)]


# -- one bad file does not hide the others ---------------------------------------------------------


def test_bad_entries_do_not_stop_the_others_from_being_validated(tmp_path):
    """Broken YAML, missing front matter and bad types in three entries are all reported; good entries still load."""
    # Case: four entries in one release:
    #   601 has broken YAML (line 4, an unclosed flow list, reported where it opens, as Psych does),
    #   602 has no front matter at all,
    #   603 has `breaking: maybe` (text, line 5),
    #   604 is correct.
    entries = {
        "601-a.md": "---\ntitle: A\ntickets: [601]\naffects: [Core\nimpacts: x\n---\n\nBody.\n",
        "602-b.md": "Just a paragraph.\n",
        "603-c.md": "---\ntitle: C\ntickets: [603]\naffects: [Core]\nbreaking: maybe\n---\n\nBody.\n",
        "604-d.md": "---\ntitle: D\ntickets: [604]\naffects: [Core]\n---\n\nBody.\n",
    }
    site = build(tmp_path, one_release(entries))
    got = {(d.path.rsplit("/", 1)[-1], d.rule, d.line) for d in release_findings(site)}
    assert got == {("601-a.md", "release-yaml", 4), ("602-b.md", "release-schema", 1),
                   ("603-c.md", "release-schema", 5)}
    assert [e.tickets for e in site.releases[0].entries] == [(603,), (604,)]


def test_a_broken_release_yml_does_not_hide_the_entries_errors(tmp_path):
    """With a broken release.yml, the entries of that folder are still validated."""
    # Case: release.yml has an unclosed flow list; the entry misspells affects (line 4).
    release = "version: 1.2.3\nstatus: [published\n"
    site = build(tmp_path, one_release({"601-amend.md": ENTRY_601.replace("affects:", "afects:")}, release))
    assert findings(site, "release-yaml")
    assert at(site, "release-unknown-key", "releases/1.2.3/601-amend.md") == [("error", 4)]


# -- the process as a whole ------------------------------------------------------------------------

TWO_BUILDS = textwrap.dedent("""
    import shutil, sys, tempfile
    from pathlib import Path
    sys.path.insert(0, {repo!r})
    from tests.conftest import build_site, make_site
    root = Path(tempfile.mkdtemp()) / "site"
    shutil.copytree({base!r}, root)
    make_site(root, {files!r})
    build_site(root)
    build_site(root)
""")


def test_two_builds_in_one_process():
    """A site with releases can be built twice in one Python process (as tests, serve and diff do)."""
    # Regression: specsite.releases.lint (the function build.check called) used to be replaced by the
    # submodule specsite/releases/lint.py on its first import, so the second build crashed.
    # Case: a fresh interpreter builds the base site with one release twice in a row.
    script = TWO_BUILDS.format(repo=str(REPO), base=str(BASE),
                               files=one_release({"601-amend.md": ENTRY_601}))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]


# -- the repository's own releases -----------------------------------------------------------------


@pytest.fixture(scope="module")
def repo_site(tmp_path_factory):
    """The repository's own site, drafts included, built in memory."""
    return build_site(REPO, out=tmp_path_factory.mktemp("repo-out"), drafts=True)


def test_the_repository_has_an_earlier_published_and_a_later_draft_release(repo_site):
    """The repository's releases are 1.3.0 (draft), 1.2.3 and 1.2.2 (published), newest first."""
    assert [(r.version, r.status) for r in repo_site.releases] == \
        [("1.3.0", "draft"), ("1.2.3", "published"), ("1.2.2", "published")]
    assert repo_site.releases[1].date == dt.date(2019, 3, 12)
    assert repo_site.releases[2].date < repo_site.releases[1].date


def test_the_repository_release_1_2_3_has_the_seed_changes(repo_site):
    """Release 1.2.3 has the seed draft's three changes, in the seed's order, with the seed's titles."""
    seed = SEED.read_text(encoding="utf-8")
    titles = [line.strip("# ").replace("*(cosmetic)*", "").strip()
              for line in seed.splitlines() if line.startswith("### ")]
    release = repo_site.releases[1]
    assert [e.tickets for e in release.entries] == [(601,), (637,), (616,)]
    assert [e.title for e in release.entries] == titles
    assert [e.cosmetic for e in release.entries] == [False, False, True]


def test_the_repository_releases_have_no_findings(repo_site):
    """The repository's own release files load and lint without any finding."""
    assert [d.format() for d in repo_site.all_diagnostics()] == []


def test_a_sites_own_releases_folder_without_entries_is_not_release_notes(tmp_path):
    """releases/<x>/ with neither release.yml nor ticket entries is the site's content, not an error."""
    from conftest import build_site, make_site
    root = make_site(tmp_path, {
        "_config.yml": "title: T\n",
        "releases/2019/index.md": "---\ntitle: Releases of 2019\n---\n\nText.\n",
        "releases/2019/601-notes.md": "---\ntitle: Not an entry\n---\n\nNo tickets here.\n",
    })
    site = build_site(root)
    assert site.releases == []
    assert not [d for d in site.all_diagnostics() if d.rule.startswith("release-")]


def test_empty_tickets_and_affects_are_findings(tmp_path):
    """`tickets: []` and `affects: []` are schema errors at their lines, not silently accepted."""
    # Case: an entry that names no ticket and no capability area.
    entry = ENTRY_601.replace("tickets: [601]", "tickets: []").replace("affects: [Appointment Management]", "affects: []")
    site = build(tmp_path, one_release({"601-amend.md": entry}))
    found = sorted((f.rule, f.line, f.message) for f in release_findings(site) if f.rule == "release-schema")
    assert [(r, m) for r, _, m in found] == [("release-schema", "'tickets' is empty"),
                                           ("release-schema", "'affects' is empty")]
    assert all(line for _, line, _ in found)
