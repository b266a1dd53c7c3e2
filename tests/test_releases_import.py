"""`release import`: the user's hand-written release-notes page → releases/<version>/ (releases.importer).

The seed is the user's draft, kept in tests/fixtures/seed/. It is imported into a copy of the
repository's site without its releases/ folder (so every page it links to exists), and the
generated release page is compared with the seed rendered as an ordinary page.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from specsite.releases.importer import read_page
from specsite.releases.scaffold import slug
from tests.conftest import FIXTURES, REPO, SEED, build_site, make_site

PAGE = "overview_release_notes_1_2_3.html"
SITE_PARTS = ("_config.yml", "_data", "pages", "templates", "images")
STEMS = ["601-amending-a-cancelled-appointment-is-no",
         "637-change-version-number-in-capabilitystatement-to",
         "616-change-spec-name-of-gp-connect"]


def run_cli(argv) -> int:
    """`specsite.cli.main(argv)` as the shell sees it: the exit code, also when argparse exits."""
    from specsite.cli import main
    try:
        return main([str(a) for a in argv])
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 1


def repo_site_copy(root: Path) -> Path:
    """The repository's site (configuration, data, pages, includes, images) without releases/."""
    root.mkdir(parents=True)
    for name in SITE_PARTS:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.is_file():
            shutil.copy(source, root / name)
    return root


def page_of(site, url: str):
    """The parsed page at output path `url`."""
    for parsed in site.pages:
        if parsed.source.url == url:
            return parsed
    raise AssertionError(f"no page {url!r}; pages: {sorted(p.source.url for p in site.pages)}")


def front_matter(path: Path) -> tuple[dict, str]:
    """(front matter, body) of an entry file."""
    _, meta, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(meta), body


# -- visible text of rendered HTML -----------------------------------------------------------------

_BLOCKS = {"p", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "div", "table", "tr", "td",
           "th", "br", "pre", "blockquote", "aside", "section"}


class _Visible(HTMLParser):
    """Visible text (blocks separated by a space), headings, links and list items of an HTML fragment."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks, self.headings, self.links, self.items = [], [], [], []
        self._heading = self._link = None
        self._open_items = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCKS:
            self.chunks.append(" ")
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = ""
        elif tag == "a":
            self._link = ["", dict(attrs).get("href")]
        elif tag == "li":
            self.items.append("")
            self._open_items.append(len(self.items) - 1)

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self.chunks.append(" ")
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            self.headings.append(norm(self._heading))
            self._heading = None
        elif tag == "a" and self._link:
            self.links.append((norm(self._link[0]), self._link[1]))
            self._link = None
        elif tag == "li" and self._open_items:
            index = self._open_items.pop()
            self.items[index] = norm(self.items[index])

    def handle_data(self, data):
        self.chunks.append(data)
        if self._heading is not None:
            self._heading += data
        if self._link:
            self._link[0] += data
        if self._open_items:
            self.items[self._open_items[-1]] += data

    @property
    def text(self) -> str:
        return norm("".join(self.chunks))


def norm(text: str) -> str:
    """Whitespace normalised: no-break spaces are spaces, runs of whitespace one space."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def visible(html: str) -> _Visible:
    """The visible text and outline of an HTML fragment."""
    parser = _Visible()
    parser.feed(html)
    parser.close()
    return parser


# -- the seed, imported and rendered ---------------------------------------------------------------


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """(exit code, site root) of `release import <seed> --version 1.2.3` into the repository's site."""
    root = repo_site_copy(tmp_path_factory.mktemp("imported") / "site")
    code = run_cli(["release", "import", SEED, "--version", "1.2.3", "--source", root])
    return code, root


@pytest.fixture(scope="module")
def generated(imported):
    """The release page generated from the imported entries (the release is a draft: drafts on)."""
    _, root = imported
    site = build_site(root, drafts=True)
    return page_of(site, PAGE)


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory):
    """The seed rendered as an ordinary page of the repository's site (no releases/ folder)."""
    root = repo_site_copy(tmp_path_factory.mktemp("seed") / "site")
    shutil.copy(SEED, root / "pages" / "release_notes_1_2_3_draft.md")
    site = build_site(root)
    assert [d.format() for d in site.all_diagnostics()] == []
    return page_of(site, PAGE)


def test_import_says_the_placeholder_date_made_a_draft(tmp_path, capsys):
    """The seed's 'XX Mar 2019' is no date: the summary says, at the line of the front matter's
    `summary:` that holds it, that the release was imported as a draft."""
    root = repo_site_copy(tmp_path / "site")
    capsys.readouterr()
    assert run_cli(["release", "import", SEED, "--source", root]) == 0  # the version comes from the page
    assert (f"{SEED}:7: warning[release-import]: 1.2.3: the release date 'XX Mar 2019' is no date yet, so the "
            "release was imported as a draft.") in capsys.readouterr().err


def test_import_writes_release_yml_and_three_entries(imported):
    """Importing the seed exits 0 and writes release.yml plus one <ticket>-<slug>.md per change."""
    code, root = imported
    assert code == 0
    folder = root / "releases" / "1.2.3"
    assert sorted(p.name for p in folder.iterdir()) == sorted(["release.yml"] + [s + ".md" for s in STEMS])


def test_the_imported_release_yml_keeps_the_seed_text(imported):
    """release.yml is a draft of 1.2.3 with the seed's date text, introduction and change order."""
    _, root = imported
    data = yaml.safe_load((root / "releases" / "1.2.3" / "release.yml").read_text(encoding="utf-8"))
    assert data == {"version": "1.2.3", "status": "draft", "date": "XX Mar 2019", "introduction": "TODO",
                    "order": STEMS}


def test_the_imported_entries_keep_the_seed_fields(imported):
    """Each entry keeps the seed's title, ticket, area, cosmetic flag, description and pages changed as written."""
    _, root = imported
    folder = root / "releases" / "1.2.3"
    meta, body = front_matter(folder / (STEMS[0] + ".md"))
    assert meta == {
        "title": "Amending a cancelled appointment is no longer supported", "tickets": [601],
        "affects": ["Appointment Management"],
        "pages_changed": [
            {"link": "appointments_use_case_amend_an_appointment.html#payload-request-body",
             "text": "Register a patient", "changes": ["Remove ability to amend a cancelled appointment"]},
            {"link": "appointments_design.html#cancelling-and-amending-booked-appointments",
             "text": "Design decisions", "changes": ["Update design decisions in line with change"]},
        ]}
    assert body.strip().startswith("- A cancelled appointment can no longer be amended\n\n- *Please note:")
    meta, _ = front_matter(folder / (STEMS[1] + ".md"))
    assert meta["pages_changed"] == [{"link": "foundations_use_case_get_the_fhir_capability_statement.html",
                                      "text": "Get the FHIR&reg; capability statement"}]
    meta, _ = front_matter(folder / (STEMS[2] + ".md"))
    assert meta["title"] == 'Change spec name of "GP Connect" to "GP Connect API"'
    assert meta["cosmetic"] is True and meta["tickets"] == [616] and meta["affects"] == ["Core"]
    assert [p["link"] for p in meta["pages_changed"]] == [
        "index.html", "overview_engage.html", "overview_priority_capabilities.html", PAGE]


# -- round trip: the generated page reproduces the seed --------------------------------------------


def test_round_trip_title_and_summary(seed_page, generated):
    """The generated page has the seed's title and summary (the summary keeps the placeholder date)."""
    assert generated.source.meta["title"] == seed_page.source.meta["title"]
    assert generated.source.meta["summary"] == seed_page.source.meta["summary"]


def test_round_trip_links_in_order(seed_page, generated):
    """The generated page has the seed's links, same texts and hrefs, in the same order."""
    assert visible(generated.html).links == visible(seed_page.html).links


def test_round_trip_list_items(seed_page, generated):
    """The generated page has the seed's bullets (descriptions, pages changed, nested changes) in order."""
    assert visible(generated.html).items == visible(seed_page.html).items


def test_round_trip_headings_up_to_quote_style(seed_page, generated):
    """The generated page has the seed's headings in order, if typographic quotes count as plain ones."""
    def plain(texts):
        return [t.translate(str.maketrans("“”‘’", "\"\"''")) for t in texts]
    assert plain(visible(generated.html).headings) == plain(visible(seed_page.html).headings)


def test_round_trip_keeps_the_seed_anchors(seed_page, generated):
    """Every heading id of the seed page is an anchor of the generated page, so old links keep working."""
    seed_ids = {a.id for a in seed_page.anchors}
    assert "change-spec-name-of-gp-connect-to-gp-connect-api--cosmetic" in seed_ids
    assert seed_ids <= {a.id for a in generated.anchors}


def test_round_trip_visible_text(seed_page, generated):
    """The generated page's visible text equals the seed page's, after whitespace normalisation."""
    assert visible(generated.html).text == visible(seed_page.html).text


def test_release_check_reports_exactly_the_seed_defects(imported, capsys):
    """`release check 1.2.3` reports the placeholder date, the TODO introduction, the wrong link text and the
    change its description calls "technically breaking" without `breaking: true`, nothing else: as errors,
    exit 1 (the release is not ready to ship)."""
    _, root = imported
    capsys.readouterr()
    code = run_cli(["release", "check", "1.2.3", "--format", "json", "--source", root])
    report = json.loads(capsys.readouterr().out)
    got = sorted((f["file"], f["line"], f["rule"], f["severity"]) for f in report)
    assert got == [
        (f"releases/1.2.3/{STEMS[0]}.md", 7, "release-link-text", "error"),  # text: Register a patient
        (f"releases/1.2.3/{STEMS[0]}.md", 16, "release-breaking", "error"),  # "is technically breaking"
        ("releases/1.2.3/release.yml", 3, "release-placeholder", "error"),    # date: XX Mar 2019
        ("releases/1.2.3/release.yml", 4, "release-placeholder", "error"),    # introduction: TODO
    ]
    assert code == 1  # warnings of the draft for `check`, but this is the gate before it ships
    messages = {f["line"]: f["message"] for f in report if f["file"].endswith("release.yml")}
    assert "XX Mar 2019" in messages[3] and "TODO" in messages[4]
    entry_lines = (root / "releases" / "1.2.3" / f"{STEMS[0]}.md").read_text(encoding="utf-8").splitlines()
    assert entry_lines[6].strip() == "text: Register a patient"


def test_release_check_strict_fails_on_the_seed_defects(imported, capsys):
    """`release check 1.2.3 --strict` exits 1 as without it: the seed's four defects are its errors."""
    _, root = imported
    assert run_cli(["release", "check", "1.2.3", "--strict", "--source", root]) == 1
    assert "4 errors, 0 warnings" in capsys.readouterr().out


# -- refusals and the parser -----------------------------------------------------------------------


@pytest.fixture
def small_site(tmp_path):
    """The base fixture site of the release tests, in tmp_path."""
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "releases" / "base", root)
    return root


def test_import_refuses_a_version_that_already_has_files(small_site):
    """Importing into a releases/<version>/ that already holds files exits 2 and writes nothing."""
    # Case: releases/1.2.3 already has a release.yml.
    make_site(small_site, {"releases/1.2.3/release.yml": "version: 1.2.3\nstatus: draft\nintroduction: Mine.\n"})
    assert run_cli(["release", "import", SEED, "--version", "1.2.3", "--source", small_site]) == 2
    assert [p.name for p in (small_site / "releases" / "1.2.3").iterdir()] == ["release.yml"]
    assert "Mine." in (small_site / "releases" / "1.2.3" / "release.yml").read_text(encoding="utf-8")


def test_import_refuses_a_page_without_changes(small_site, tmp_path):
    """A page without '### Title' blocks under '## <version> changes' exits 2 and writes nothing."""
    # Case: an ordinary page with an introduction only.
    page = make_site(tmp_path, {"notes.md": "---\ntitle: Notes\n---\n\n## Introduction\n\nNothing yet.\n"}) / "notes.md"
    assert run_cli(["release", "import", page, "--version", "1.2.3", "--source", small_site]) == 2
    assert not (small_site / "releases" / "1.2.3").exists()


def test_an_import_refusal_names_the_file(small_site, tmp_path, capsys):
    """Every refusal of `release import` names the page (a refusal without a line printed the reason alone),
    and a folder is called a folder, not missing."""
    # Case: a page with no releases on it, then a folder given as the page.
    page = make_site(tmp_path, {"notes.md": "# Hello\n\nJust text.\n"}) / "notes.md"
    capsys.readouterr()
    assert run_cli(["release", "import", page, "--source", small_site]) == 2
    assert f"error: {page}: no releases found" in capsys.readouterr().err
    assert run_cli(["release", "import", tmp_path, "--source", small_site]) == 2
    assert f"error: {tmp_path} is a folder: name the release-notes page to import" in capsys.readouterr().err


def test_import_of_a_missing_file(small_site, tmp_path):
    """Importing a file that does not exist exits 2."""
    # Case: the path names no file.
    assert run_cli(["release", "import", tmp_path / "nope.md", "--version", "1.2.3", "--source", small_site]) == 2


def test_import_refuses_a_version_that_is_not_a_version(small_site):
    """`--version next` exits 2 and creates no folder."""
    # Case: the version is a word.
    assert run_cli(["release", "import", SEED, "--version", "next", "--source", small_site]) == 2
    assert not (small_site / "releases").exists()


def test_the_parser_reads_fields_cosmetic_and_impacts():
    """read_page reads tickets, areas, impacts, a cosmetic title, description and nested page changes."""
    # Case: one change with two tickets, two areas, impacts, a cosmetic mark and a nested change.
    page = (
        "---\ntitle: X\nsummary: \"API 2.0.0 released on 01 Feb 2020\"\n---\n\n"
        "## Introduction ##\n\nFirst release.\n\n## 2.0.0 changes ##\n\n---\n\n"
        "### Rename things  *(cosmetic)* ###\n\n"
        "**Tickets**:&nbsp; [#12](https://t/12), [#13](https://t/13)\n\n"
        "**Affects:**&nbsp; Core, Foundations\n\n**Impacts:**&nbsp; Consumer systems\n\n"
        "**Description:**\n\n- Renamed.\n\n**Pages changed:**\n\n- [Home](index.html)\n  - New name\n"
    )
    [release] = read_page(page).releases
    assert (release.version, release.date.date, release.published) == ("2.0.0", dt.date(2020, 2, 1), True)
    assert "\n".join(release.introduction).strip() == "First release."
    [entry] = release.changes
    assert (entry.title, entry.cosmetic, entry.tickets) == ("Rename things", True, [12, 13])
    assert (entry.affects, entry.impacts) == (["Core", "Foundations"], ["Consumer systems"])
    assert "\n".join(entry.description).strip() == "- Renamed."
    assert [(p["link"], p["text"], p["changes"]) for p in entry.pages] == [("index.html", "Home", ["New name"])]


def test_slugs_are_the_first_six_words_of_the_title():
    """An entry file's slug is the title's first six words, lower case, joined by '-'."""
    assert slug('Change spec name of "GP Connect" to "GP Connect API"') == "change-spec-name-of-gp-connect"
    assert slug("!!!") == "change"
