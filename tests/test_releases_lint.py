"""Site-level rules for release notes (specsite.releases.lint and the link checker on entries).

Every case is the base fixture site (tests/fixtures/releases/base: pages index.html, amend.html
"Amend an appointment" with '## Payload request body', design.html, register.html "Register a
patient", capability.html "Get the FHIR&reg; capability statement", nav title "Capability
statement") plus the release files the case needs, written inline.
"""
from __future__ import annotations


import pytest

from tests.conftest import FIXTURES
from tests.conftest import build_release_site as build

BASE = FIXTURES / "releases" / "base"
REL = "releases/1.2.3/release.yml"
ENTRY = "releases/1.2.3/601-amend.md"


def findings(site, rule: str | None = None) -> list:
    """Every finding of a build (build failures and checker findings), or one rule's, sorted."""
    return [d for d in site.all_diagnostics() if rule is None or d.rule == rule]


def where(site, rule: str) -> list:
    """(file, line, severity) of every finding of `rule`."""
    return [(d.path, d.line, d.severity) for d in findings(site, rule)]


# -- release files --------------------------------------------------------------------------------

# release.yml of a published 1.2.3: date on line 3, introduction on line 4.
PUBLISHED = """\
version: 1.2.3
status: published
date: 2019-03-12
introduction: A maintenance release.
"""


def release(entry: str, release_yml: str = PUBLISHED, **more) -> dict:
    """Files of release 1.2.3 with one entry (601-amend.md) and any `more` files."""
    files = {REL: release_yml, ENTRY: entry}
    files.update(more)
    return files


def entry_with_pages(pages: str, body: str = "- Amending a cancelled appointment is refused.\n") -> str:
    """An entry for ticket 601 whose `pages_changed:` list (given as YAML) starts on line 6."""
    return ("---\ntitle: Amending a cancelled appointment is no longer supported\ntickets: [601]\n"
            "affects: [Appointment Management]\npages_changed:\n" + pages + "---\n\n" + body)


# -- links in pages_changed -----------------------------------------------------------------------


def test_a_changed_page_that_does_not_exist_is_a_broken_link(tmp_path):
    """A pages_changed link to a missing page is a broken-link error at the entry file and its `link:` line."""
    # Case: line 6 links missing.html, which the site does not have.
    site = build(tmp_path, release(entry_with_pages("  - link: missing.html#x\n    text: Missing\n")))
    assert where(site, "broken-link") == [(ENTRY, 6, "error")]
    assert findings(site, "broken-link")[0].target == "missing.html#x"


def test_a_changed_anchor_that_does_not_exist_is_a_broken_anchor_with_a_suggestion(tmp_path):
    """A pages_changed link to a missing anchor is a broken-anchor error with "Did you mean '#…'"."""
    # Case: line 7 links amend.html#payload-request-bdy, a typo of #payload-request-body (line 6
    # is a correct link to the same page).
    pages = "  - link: amend.html#use-case\n  - link: amend.html#payload-request-bdy\n"
    site = build(tmp_path, release(entry_with_pages(pages)))
    assert where(site, "broken-anchor") == [(ENTRY, 7, "error")]
    assert findings(site, "broken-anchor")[0].hint == "Did you mean '#payload-request-body'?"
    assert findings(site, "broken-link") == []


def test_a_broken_link_in_an_entry_body_is_reported_at_its_line(tmp_path):
    """A markdown link to a missing page in an entry's body is a broken-link error at that line and column."""
    # Case: the body's first line (line 9) links nope.html; the target starts at column 24 (the column
    # the link checker reports for links in ordinary pages too).
    entry = entry_with_pages("  - link: amend.html\n", body="- See also [the notes](nope.html).\n")
    site = build(tmp_path, release(entry))
    [finding] = findings(site, "broken-link")
    assert (finding.path, finding.line, finding.column, finding.severity) == (ENTRY, 9, 24, "error")


# -- link text ------------------------------------------------------------------------------------


def test_link_text_that_names_another_page_is_a_warning_at_the_text_line(tmp_path):
    """`text: Register a patient` on a link to amend.html is a release-link-text warning at the `text:` line."""
    # Case: the seed's defect: line 6 links amend.html ("Amend an appointment") and line 7 calls
    # it "Register a patient", which is the title of register.html.
    pages = "  - link: amend.html#payload-request-body\n    text: Register a patient\n"
    site = build(tmp_path, release(entry_with_pages(pages)))
    assert where(site, "release-link-text") == [(ENTRY, 7, "warning")]
    [finding] = findings(site, "release-link-text")
    assert "'Register a patient'" in finding.message and "amend.html" in finding.message
    assert "register.html" in finding.hint and "Amend an appointment" in finding.hint
    assert finding.target == "amend.html#payload-request-body"


@pytest.mark.parametrize("link, text", [
    ("amend.html#payload-request-body", "Amend an appointment"),            # the target's title
    ("capability.html", "Capability statement"),                           # its title in the sidebar
    ("amend.html#payload-request-body", "Payload request body"),            # the heading at the fragment
    ("capability.html", "Get the FHIR&reg; capability statement"),          # title as written, entity
    ("capability.html", "Get the FHIR® capability statement"),              # title as displayed
    ("design.html#cancelling-and-amending-booked-appointments", "Design decisions"),  # part of the title
])
def test_link_text_that_names_the_target_is_not_a_warning(tmp_path, link, text):
    """Link text matching the target's title, nav title, or the heading at the fragment is not a warning."""
    # Case: one pages_changed link whose text names its own target in one of the accepted ways.
    site = build(tmp_path, release(entry_with_pages(f"  - link: {link}\n    text: \"{text}\"\n")))
    assert findings(site) == []


def test_markdown_link_text_in_an_entry_body_is_checked(tmp_path):
    """A markdown link in an entry body whose text names another page is a warning at its line and column."""
    # Case: the body (line 9) has a correct link at column 7 and a wrong one at column 46:
    # "Register a patient" pointing at amend.html.
    body = "- See [Amend an appointment](amend.html) and [Register a patient](amend.html#use-case).\n"
    site = build(tmp_path, release(entry_with_pages("  - link: amend.html\n", body=body)))
    [finding] = findings(site, "release-link-text")
    assert (finding.path, finding.line, finding.column, finding.severity) == (ENTRY, 9, 46, "warning")
    assert finding.target == "amend.html#use-case"


def test_markdown_link_text_in_the_introduction_is_checked(tmp_path):
    """A markdown link in release.yml's introduction whose text names another page is a warning at its line."""
    # Case: a block introduction; its second line (line 6) links register.html as "the design".
    release_yml = PUBLISHED.replace("introduction: A maintenance release.\n",
                                    "introduction: |\n  A maintenance release.\n  Read [the design](register.html).\n")
    site = build(tmp_path, release(entry_with_pages("  - link: amend.html\n"), release_yml))
    assert where(site, "release-link-text") == [(REL, 6, "warning")]


def test_links_to_other_sites_are_not_checked_for_their_text(tmp_path):
    """An external link in an entry body is not a release-link-text finding."""
    # Case: the body links an issue tracker with free text.
    body = "- Discussed in [the issue](https://tickets.example/issues/601).\n"
    site = build(tmp_path, release(entry_with_pages("  - link: amend.html\n", body=body)))
    assert findings(site) == []


# -- placeholders ---------------------------------------------------------------------------------

# A release whose date (line 3) and introduction (line 4) are placeholders, and an entry with TBC
# in its title (line 2), TBD in a pages_changed bullet (line 8, under the link on line 6) and
# "XX Mar 2019" and TODO in its body (line 11).
PLACEHOLDER_RELEASE = "version: 1.2.3\nstatus: {status}\ndate: XX Mar 2019\nintroduction: TODO\n"
PLACEHOLDER_ENTRY = """\
---
title: Amend appointments TBC
tickets: [601]
affects: [Core]
pages_changed:
  - link: amend.html
    changes:
      - TBD what changed
---

- Released on XX Mar 2019, details TODO.
"""


@pytest.mark.parametrize("status, severity", [("published", "error"), ("draft", "warning")])
def test_placeholders_are_errors_when_published_and_warnings_in_a_draft(tmp_path, status, severity):
    """TODO, TBC, TBD and 'XX Mar 2019' are release-placeholder errors when published, warnings in a draft."""
    # Case: PLACEHOLDER_RELEASE / PLACEHOLDER_ENTRY above, as a published and as a draft release.
    site = build(tmp_path, release(PLACEHOLDER_ENTRY, PLACEHOLDER_RELEASE.format(status=status)), drafts=True)
    got = {(d.path, d.line, d.message.split("'")[1]) for d in findings(site, "release-placeholder")
           if not (d.path == ENTRY and d.message.startswith("placeholder 'TBD'"))}
    assert got == {
        (REL, 3, "XX Mar 2019"),   # the date
        (REL, 4, "TODO"),          # the introduction
        (ENTRY, 2, "TBC"),         # the title
        (ENTRY, 11, "XX"),         # the body: XX Mar 2019
        (ENTRY, 11, "TODO"),       # the body: TODO
    }
    tbd = [d for d in findings(site, "release-placeholder") if d.message.startswith("placeholder 'TBD'")]
    assert [d.path for d in tbd] == [ENTRY]
    assert {d.severity for d in findings(site, "release-placeholder")} == {severity}
    assert findings(site, "release-date") == []  # a placeholder date is a placeholder, not a bad date


def test_a_placeholder_in_a_pages_changed_bullet_is_reported_at_the_bullet(tmp_path):
    """A placeholder in a pages_changed bullet is reported at the bullet's own line."""
    # Case: PLACEHOLDER_ENTRY: "- TBD what changed" is line 8, its `link:` line 6.
    site = build(tmp_path, release(PLACEHOLDER_ENTRY, PLACEHOLDER_RELEASE.format(status="published")))
    tbd = [d for d in findings(site, "release-placeholder") if d.message.startswith("placeholder 'TBD'")]
    assert [(d.path, d.line) for d in tbd] == [(ENTRY, 8)]


def test_a_placeholder_in_a_yaml_value_has_its_file_column(tmp_path):
    """A placeholder in `title:` is reported at its column in the file."""
    # Case: PLACEHOLDER_ENTRY line 2 is "title: Amend appointments TBC"; TBC starts at column 27.
    site = build(tmp_path, release(PLACEHOLDER_ENTRY, PLACEHOLDER_RELEASE.format(status="published")))
    tbc = [d for d in findings(site, "release-placeholder") if "'TBC'" in d.message]
    assert [(d.line, d.column) for d in tbc] == [(2, 27)]


def test_ordinary_words_are_not_placeholders(tmp_path):
    """Words that merely contain TODO/TBD/XX letters (todos, XXL, Maxx) are not placeholders."""
    # Case: a published release whose body uses such words in running text.
    body = "- Lists of todos, XXL payloads and the Maxx system are unaffected.\n"
    site = build(tmp_path, release(entry_with_pages("  - link: amend.html\n", body=body)))
    assert findings(site, "release-placeholder") == []


# -- empty text -----------------------------------------------------------------------------------


@pytest.mark.parametrize("status, severity", [("published", "error"), ("draft", "warning")])
def test_an_empty_introduction_and_description(tmp_path, status, severity):
    """An empty introduction and an empty entry description are release-empty findings at their lines."""
    # Case: `introduction: ''` on line 4; the entry's front matter closes on line 5 and nothing follows
    # but a blank line (its body would start on line 6).
    release_yml = f"version: 1.2.3\nstatus: {status}\ndate: 2019-03-12\nintroduction: ''\n"
    entry = "---\ntitle: Amend\ntickets: [601]\naffects: [Core]\n---\n\n"
    site = build(tmp_path, release(entry, release_yml), drafts=True)
    assert where(site, "release-empty") == [(ENTRY, 6, severity), (REL, 4, severity)]


def test_a_release_without_entries_is_empty(tmp_path):
    """A release folder with release.yml but no entries is a release-empty finding at release.yml."""
    # Case: releases/1.2.3 holds only a correct release.yml.
    site = build(tmp_path, {REL: PUBLISHED})
    [finding] = findings(site, "release-empty")
    assert (finding.path, finding.severity, finding.message) == \
        (REL, "error", "the release has no change entries")


# -- versions -------------------------------------------------------------------------------------


def _config_with_version(version: str) -> str:
    """The base _config.yml (version on line 4) declaring `version`."""
    text = (BASE / "_config.yml").read_text(encoding="utf-8")
    assert "\nversion: 1.2.3\n" in text
    return text.replace("\nversion: 1.2.3\n", f"\nversion: {version}\n")


def test_the_site_version_must_be_the_newest_published_release(tmp_path):
    """_config.yml `version: 1.2.2` with 1.2.3 published is a release-version error in _config.yml."""
    # Case: the site still says 1.2.2 after release 1.2.3 was published.
    files = release(entry_with_pages("  - link: amend.html\n"), **{"_config.yml": _config_with_version("1.2.2")})
    site = build(tmp_path, files)
    [finding] = findings(site, "release-version")
    assert (finding.path, finding.severity) == ("_config.yml", "error")
    assert "1.2.2" in finding.message and "1.2.3" in finding.message


def test_the_site_version_error_is_at_the_version_line(tmp_path):
    """The release-version error about _config.yml is reported at its `version:` line (4)."""
    # Case: the site still says 1.2.2 (line 4 of the base _config.yml) after 1.2.3 was published.
    files = release(entry_with_pages("  - link: amend.html\n"), **{"_config.yml": _config_with_version("1.2.2")})
    site = build(tmp_path, files)
    assert where(site, "release-version") == [("_config.yml", 4, "error")]


def test_a_site_version_whose_release_is_a_draft_says_to_publish_it(tmp_path):
    """_config.yml `version: 1.2.3` while release 1.2.3 is a draft (an imported draft) and 1.2.2 is published:
    the release-version error names the draft and says to publish it, not to mark 1.2.2 a draft."""
    # Case: 1.2.2 published; 1.2.3, the site's version, still a draft.
    files = release(entry_with_pages("  - link: amend.html\n"), PUBLISHED.replace("published", "draft"), **{
        "releases/1.2.2/release.yml": PUBLISHED.replace("1.2.3", "1.2.2"),
        "releases/1.2.2/655-old.md": "---\ntitle: Old\ntickets: [655]\naffects: [Core]\n---\n\nBody.\n",
    })
    site = build(tmp_path, files)
    [finding] = findings(site, "release-version")
    assert (finding.path, finding.line, finding.severity) == ("_config.yml", 4, "error")
    assert "release 1.2.3 is a draft" in finding.message
    assert finding.hint == ("Publish it when it ships (status: published in releases/1.2.3/release.yml), or set "
                            "version: 1.2.2 in _config.yml until then.")


def test_a_newer_draft_release_does_not_change_the_site_version(tmp_path):
    """The site version is compared with the newest published release; a newer draft is ignored."""
    # Case: 1.2.3 is published and matches _config.yml; 1.3.0 is a draft.
    files = release(entry_with_pages("  - link: amend.html\n"), **{
        "releases/1.3.0/release.yml": "version: 1.3.0\nstatus: draft\nintroduction: Next.\n",
        "releases/1.3.0/655-next.md": "---\ntitle: Next\ntickets: [655]\naffects: [Core]\n---\n\nBody.\n",
    })
    site = build(tmp_path, files)
    assert findings(site) == []


def test_a_change_claiming_another_version_is_a_warning(tmp_path):
    """A title or body saying "version … to 1.2.4" inside release 1.2.3 is a release-version warning at that line."""
    # Case: the title (line 2) and the body's first line (line 7) set the version to 1.2.4; the
    # body's second line (line 8) sets it to 1.2.3, which is right.
    entry = ("---\ntitle: Change version number in CapabilityStatement to 1.2.4\ntickets: [601]\n"
             "affects: [Core]\n---\n\n- Update the version to 1.2.4 everywhere\n- Set the version to 1.2.3\n")
    site = build(tmp_path, release(entry))
    assert where(site, "release-version") == [(ENTRY, 2, "warning"), (ENTRY, 7, "warning")]
    assert "1.2.4" in findings(site, "release-version")[0].message


def test_a_change_setting_its_own_version_is_not_a_warning(tmp_path):
    """"Change version number in CapabilityStatement to 1.2.3" inside release 1.2.3 is no finding."""
    # Case: the seed's change 637, in the release it belongs to.
    entry = ("---\ntitle: Change version number in CapabilityStatement to 1.2.3\ntickets: [637]\n"
             "affects: [Foundations]\n---\n\n- Update version number in CapabilityStatement to 1.2.3\n")
    site = build(tmp_path, {REL: PUBLISHED, "releases/1.2.3/637-version.md": entry})
    assert findings(site) == []


def test_generic_link_text_names_no_page_and_is_not_flagged():
    """'[here](amend.html)' names no page, so it cannot name a different one; a wrong title still can."""
    from specsite.releases.lint import _link_text
    titles = {"amend.html": "Amend an appointment"}
    assert _link_text("r.yml", 3, 1, "here", "amend.html", titles, {}, {}) == []
    assert [d.rule for d in _link_text("r.yml", 3, 1, "Register a patient", "amend.html", titles, {}, {})] == [
        "release-link-text"]


# -- a change the description calls breaking --------------------------------------------------------


@pytest.mark.parametrize("marked, text, expected", [
    ("", "- Whilst this change is technically breaking against the previous specification, all were told.",
     [(ENTRY, 7, 22, "warning")]),
    ("", "- Note: this is a breaking change for consumers.", [(ENTRY, 7, 19, "warning")]),
    ("breaking: true\n", "- Whilst this change is technically breaking, all were told.", []),
    ("", "- A non-breaking change; no breaking changes; it is not breaking.", []),
    ("", "- Consumers can upgrade without breaking existing integrations; this is breaking the build no more.", []),
])
def test_a_change_its_description_calls_breaking_is_marked_breaking(tmp_path, marked, text, expected):
    """A description that calls its change breaking ("is technically breaking", "a breaking change") in an
    entry without `breaking: true` is a release-breaking warning at its line and column (the release page
    would not mark it); negations and the verb ("without breaking X") are not."""
    # Case: the seed's 601 says "technically breaking" and its entry was imported without breaking: true.
    entry = ("---\ntitle: Amending a cancelled appointment is no longer supported\ntickets: [601]\n"
             "affects: [Appointment Management]\n" + marked + "---\n\n" + text + "\n")
    site = build(tmp_path, release(entry))
    assert [(d.path, d.line, d.column, d.severity) for d in findings(site, "release-breaking")] == expected
    assert all("Add `breaking: true`" in d.hint for d in findings(site, "release-breaking"))
