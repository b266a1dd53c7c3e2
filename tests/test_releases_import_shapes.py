"""`release import` of the release notes real teams write (releases.importer, releases.dates).

Every shape is imported with the command, checked with `release check`, built, and the pages
built from the entries are compared with the hand-written page rendered as an ordinary page of
the same site: same links, same bullets, every word, and the dates the headings give.
Shapes: a GP Connect release page with per-area sections and a "5th May 2020" date
(tests/fixtures/releases/pages/release_page_1_2_7.md), a history page with per-area sections and
tickets in the text (history_with_areas.md), and the three single-page release notes of
../shared/realsites (events-management, nhs-booking-api, dose-syntax).
"""
from __future__ import annotations

import datetime as dt
import html as htmlmod
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml

from specsite.releases.dates import find_date, numeric_order
from specsite.releases.render import release_url
from tests.conftest import FIXTURES, SHARED, build_site
from tests.test_releases_import import run_cli, visible

PAGES = FIXTURES / "releases" / "pages"
REALSITES = SHARED / "realsites"
NOTES = "pages/overview/overview_release_notes.md"


def base_site(root: Path) -> Path:
    shutil.copytree(FIXTURES / "releases" / "base", root)
    return root


def keep_original(root: Path, page: Path, rel: str = "pages/original_release_notes.md") -> str:
    """Put the hand-written page into the site under another address (so that the release pages
    can take theirs); returns that address."""
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"^permalink:.*$", "permalink: original_release_notes.html", text, count=1, flags=re.M)
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(text, encoding="utf-8")
    return "original_release_notes.html"


def check_json(root: Path, capsys, *args) -> tuple[int, list]:
    capsys.readouterr()
    code = run_cli(["release", "check", *args, "--format", "json", "--source", root])
    return code, json.loads(capsys.readouterr().out)


def page_html(site, url: str) -> str:
    return next(p.html for p in site.pages if p.source.url == url)


_HEADING = re.compile(r"<h([1-6])[^>]*>(.*?)</h\1>", re.S)
_VERSION = re.compile(r"^(?:[A-Za-z]+ ){0,3}(\d+(?:\.\d+)+(?:-[0-9A-Za-z.]+)?)")


def sections(html: str) -> dict:
    """version -> (heading text, the HTML after that heading up to the next version heading)."""
    found = []
    for m in _HEADING.finditer(html):
        text = htmlmod.unescape(re.sub(r"<[^>]+>", "", m.group(2))).strip()
        version = _VERSION.match(text)
        if version:
            found.append((version.group(1), text, m.end(), m.start()))
    result = {}
    for i, (version, text, end, _) in enumerate(found):
        stop = found[i + 1][3] if i + 1 < len(found) else len(html)
        result[version] = (text, html[end:stop])
    return result


def words(html: str) -> Counter:
    return Counter(re.findall(r"\w+", visible(html).text.lower()))


def assert_same_content(original: str, rebuilt: str, where: str):
    """Every link, bullet and word of `original` is on the page built from the entries."""
    before, after = visible(original), visible(rebuilt)
    missing_links = {href for _, href in before.links if href} - {href for _, href in after.links}
    assert not missing_links, f"{where}: links lost: {sorted(missing_links)}"
    # a bullet naming several pages ("[A](a.html), [B](b.html)") becomes one item per page
    missing_items = [item for item in before.items if item not in after.items
                     and not all(part in after.items for part in item.split(", "))]
    assert not missing_items, f"{where}: bullets lost: {missing_items}"
    lost = words(original) - words(rebuilt)
    assert not lost, f"{where}: words lost: {dict(lost)}"


# -- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, order, expected", [
    ("5th May 2020", "dmy", dt.date(2020, 5, 5)),
    ("released on 12 Mar 2019", "dmy", dt.date(2019, 3, 12)),
    ("1st September 2021", "dmy", dt.date(2021, 9, 1)),
    ("May 5, 2020", "dmy", dt.date(2020, 5, 5)),
    ("22-06-21", "dmy", dt.date(2021, 6, 22)),
    ("(23/01/2025)", "dmy", dt.date(2025, 1, 23)),
    ("Released: 09-04-2020", "dmy", dt.date(2020, 4, 9)),
    ("Released: 09-04-2020", "mdy", dt.date(2020, 9, 4)),
    ("2019-03-12", "mdy", dt.date(2019, 3, 12)),
    ("21-06-22", "ymd", dt.date(2021, 6, 22)),
])
def test_written_dates_become_iso_dates(text, order, expected):
    """The forms real pages use are read as the day they name, numeric ones in the given order."""
    assert find_date(text, order).date == expected


def test_ambiguous_placeholder_and_impossible_dates():
    """'02-03-21' is flagged ambiguous; 'XX Mar 2019' is no date; '31/06/2020' is a date with a problem."""
    assert find_date("02-03-21").ambiguous and not find_date("22-06-21").ambiguous
    assert find_date("XX Mar 2019") is None
    impossible = find_date("31/06/2020")
    assert impossible.date is None and "day is out of range" in impossible.problem


def test_the_page_proves_its_numeric_order():
    """A first number above 12 proves day first; one date each way proves nothing."""
    assert numeric_order(["02-03-21", "22-06-21"]) == ("dmy", "22-06-21")
    assert numeric_order(["02-03-21", "06-22-21"]) == ("mdy", "06-22-21")
    assert numeric_order(["02-03-21", "22-06-21", "06-22-21"]) == (None, None)


def test_every_date_note_of_an_import_names_its_line():
    """The import's date notes name the line they are about: the release without a date (its heading),
    the date that proves the numeric order, a date that is no date (on a release page, the front
    matter's `summary:` line that holds it); two of them printed the file alone."""
    from specsite.releases.importer import read_page
    history = "# Notes\n\n## 2.0.1 (22-06-21)\n\n- Fix a\n\n## 2.0.0\n\n- First\n\n## 1.9.0 (31/06/2020)\n\n- Old\n"
    got = sorted((n.line, n.message[:24]) for n in read_page(history).notes if "date" in n.message)
    assert got == [(3, "numeric dates were read "), (7, "1 release(s) have no dat"), (11, "1.9.0: '31/06/2020' is n")]
    page = ("---\ntitle: x\nsummary: \"API 1.2.3 released on 31/06/2020\"\n---\n\n## 1.2.3 changes\n\n### A\n\n"
            "**Tickets:** #12\n\n**Description:** x\n")
    assert {n.line for n in read_page(page).notes if "date" in n.message} == {3}


# -- a GP Connect release page with per-area sections ---------------------------------------------


@pytest.fixture(scope="module")
def release_page(tmp_path_factory):
    """(exit code, stderr, site root) after importing release_page_1_2_7.md into the base site."""
    root = base_site(tmp_path_factory.mktemp("rp") / "site")
    source = PAGES / "release_page_1_2_7.md"
    return root, source


def test_a_release_page_imports_with_its_date_areas_and_tickets(release_page, capsys):
    """The 1.2.7 page becomes a published 1.2.7 dated 2020-05-05 ('5th May 2020'); areas come from
    the sections, tickets from the links, and a bullet naming two pages gives both the change."""
    root, source = release_page
    assert run_cli(["release", "import", source, "--source", root]) == 0
    err = capsys.readouterr().err
    assert "the site declares version 1.2.3, older than the imported release 1.2.7" in err
    folder = root / "releases" / "1.2.7"
    release = yaml.safe_load((folder / "release.yml").read_text(encoding="utf-8"))
    assert (release["status"], release["date"]) == ("published", dt.date(2020, 5, 5))
    entries = {p.name: yaml.safe_load(p.read_text(encoding="utf-8").split("---\n")[1])
               for p in folder.glob("*.md")}
    by_ticket = {e["tickets"][0]: e for e in entries.values()}
    assert by_ticket[905]["affects"] == ["Foundations"]
    assert by_ticket[697]["tickets"] == [697, 847] and by_ticket[697]["affects"] == ["Foundations"]
    assert by_ticket[826]["affects"] == ["Appointment Management"]
    assert [(p["link"], p["changes"]) for p in by_ticket[826]["pages_changed"]] == [
        ("design.html#cancelling-and-amending-booked-appointments",
         ["API usage: visits are not supported for this interaction"]),
        ("amend.html#payload-request-body", ["API usage: visits are not supported for this interaction"])]


def test_the_imported_release_page_checks_clean_and_round_trips(release_page, capsys):
    """Once the site's version is 1.2.7 (as the import says), `release check` finds nothing, and the
    built 1.2.7 page has the hand-written page's links, bullets and words."""
    root, source = release_page
    if not (root / "releases" / "1.2.7").exists():
        run_cli(["release", "import", source, "--source", root])
    config = root / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("version: 1.2.3", "version: 1.2.7"),
                      encoding="utf-8")
    code, report = check_json(root, capsys)
    assert (code, report) == (0, [])
    original = keep_original(root, source)
    site = build_site(root)
    [release] = [r for r in site.releases if r.version == "1.2.7"]
    assert release.date == dt.date(2020, 5, 5)
    rebuilt = next(p for p in site.pages if p.source.url == release_url(site.config, release))
    assert rebuilt.source.meta["summary"] == "Test API 1.2.7 released on 05 May 2020"
    assert_same_content(page_html(site, original), rebuilt.html, "1.2.7")


# -- a history page with per-area sections and tickets in the text ---------------------------------


def test_a_history_page_with_areas_and_tickets_in_the_text(tmp_path, capsys):
    """Each version heading is a release; `### Area` sections are `affects`; '#616', 'ticket 637'
    and a link to an issue are tickets; an ambiguous '03/04/2019' is read day first and reported."""
    root = base_site(tmp_path / "site")
    source = PAGES / "history_with_areas.md"
    assert run_cli(["release", "import", source, "--source", root]) == 0
    err = capsys.readouterr().err
    assert f"{source}:19: warning[release-import]: 1.2.2: '03/04/2019' was read day first as 2019-04-03" in err
    assert f"{source}:6: warning[release-import]: 1 line(s) outside any release were not imported" in err
    site = build_site(root)
    got = {r.version: (r.date, [(e.tickets, e.affects) for e in r.entries]) for r in site.releases}
    assert got == {
        "1.2.3": (dt.date(2019, 3, 12), [((616,), ("Foundations",)), ((637,), ("Foundations",)),
                                          ((601,), ("Appointment Management",))]),
        "1.2.2": (dt.date(2019, 4, 3), [((590,), ("Foundations",))]),
    }
    titles = [e.title for e in site.releases[1].entries]
    assert titles == ["Register a patient: clarified the use case"]  # "(#590)" is in the tickets field
    code, report = check_json(root, capsys)
    assert (code, report) == (0, [])
    original = keep_original(root, source)
    site = build_site(root)
    before = sections(page_html(site, original))
    for release in site.releases:
        rebuilt = page_html(site, release_url(site.config, release))
        assert_same_content(before[release.version][1], rebuilt, release.version)


def test_versions_named_after_the_product_and_pre_releases(tmp_path, capsys):
    """'#### Test API 1.0.0-rc.1' and '#### Test API 1.0.0-alpha.5 (Released: 17 July 2017)' are two
    releases with pages of their own (pre-releases sort before their release); a bullet naming two
    pages changes both; the pages round-trip. (The site configures no capability areas.)"""
    root = base_site(tmp_path / "site")
    config = root / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("version: 1.2.3\n", "version: 1.0.0-rc.1\n")
                      .replace("  capabilities: [Core, Foundations, Appointment Management]\n", ""), encoding="utf-8")
    source = PAGES / "overview_prefixed_versions.md"
    assert run_cli(["release", "import", source, "--source", root]) == 0
    site = build_site(root)
    assert [(r.version, r.date, release_url(site.config, r)) for r in site.releases] == [
        ("1.0.0-rc.1", None, "overview_release_notes_1_0_0_rc_1.html"),
        ("1.0.0-alpha.5", dt.date(2017, 7, 17), "overview_release_notes_1_0_0_alpha_5.html")]
    first = site.releases[0].entries[0]
    assert [c.link for c in first.pages_changed] == ["amend.html", "register.html#use-case"]
    assert check_json(root, capsys) == (0, [])
    original = keep_original(root, source)
    site = build_site(root)
    before = sections(page_html(site, original))
    assert set(before) == {"1.0.0-rc.1", "1.0.0-alpha.5"}
    for release in site.releases:
        assert_same_content(before[release.version][1], page_html(site, release_url(site.config, release)),
                            release.version)


def test_two_releases_at_one_address_are_an_error(tmp_path):
    """A permalink without {version} or {patch} gives two releases one address: an error at the second."""
    root = base_site(tmp_path / "site")
    config = root / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "  release_notes: {permalink: 'notes_{major}.html'}\n",
                      encoding="utf-8")
    for version in ("1.2.2", "1.2.3"):
        (root / "releases" / version).mkdir(parents=True)
        (root / "releases" / version / "release.yml").write_text(
            f"version: {version}\nstatus: published\ndate: 2019-03-12\nintroduction: X.\n", encoding="utf-8")
        (root / "releases" / version / f"{version[-1]}0-x.md").write_text(
            f"---\ntitle: X\ntickets: [{version[-1]}0]\naffects: [Core]\n---\n\nX.\n", encoding="utf-8")
    site = build_site(root)
    [finding] = [d for d in site.all_diagnostics() if d.rule == "release-permalink"]
    assert (finding.path, finding.line, finding.severity) == ("releases/1.2.3/release.yml", 1, "error")
    assert finding.message == "releases 1.2.2 and 1.2.3 would both be written to notes_1.html"


def test_date_order_reads_numeric_dates_month_first(tmp_path, capsys):
    """`--date-order mdy` reads '03/04/2019' as 4 March and reports no ambiguity."""
    root = base_site(tmp_path / "site")
    source = PAGES / "history_with_areas.md"
    assert run_cli(["release", "import", source, "--date-order", "mdy", "--source", root]) == 0
    assert "read day first" not in capsys.readouterr().err
    data = yaml.safe_load((root / "releases" / "1.2.2" / "release.yml").read_text(encoding="utf-8"))
    assert data["date"] == dt.date(2019, 3, 4)


def test_version_picks_one_release_of_a_history_page(tmp_path):
    """`--version 1.2.2` imports that release only; a version the page does not have exits 2."""
    root = base_site(tmp_path / "site")
    source = PAGES / "history_with_areas.md"
    assert run_cli(["release", "import", source, "--version", "9.9.9", "--source", root]) == 2
    assert run_cli(["release", "import", source, "--version", "1.2.2", "--source", root]) == 0
    assert sorted(p.name for p in (root / "releases").iterdir()) == ["1.2.2"]


def test_an_import_writes_nothing_when_one_release_exists(tmp_path):
    """When one of the page's releases already has a folder, nothing at all is written."""
    root = base_site(tmp_path / "site")
    (root / "releases" / "1.2.2").mkdir(parents=True)
    (root / "releases" / "1.2.2" / "release.yml").write_text("version: 1.2.2\n", encoding="utf-8")
    assert run_cli(["release", "import", PAGES / "history_with_areas.md", "--source", root]) == 2
    assert sorted(p.name for p in (root / "releases").iterdir()) == ["1.2.2"]


# -- the real sites' single-page release notes ------------------------------------------------------

# The date as each site writes it in its headings, read by strptime: the test's own oracle.
REAL = {
    "events-management": (r"\((\d\d/\d\d/\d{4})\)", ["%d/%m/%Y"]),
    "nhs-booking-api": (r"Released: (\S+)", ["%d-%m-%y", "%d-%m-%Y"]),
    "dose-syntax": (None, []),
}


def _oracle_date(name: str, heading: str):
    pattern, formats = REAL[name]
    m = re.search(pattern, heading) if pattern else None
    if not m:
        return None
    for form in formats:
        try:
            return dt.datetime.strptime(m.group(1), form).date()
        except ValueError:
            continue
    raise AssertionError(f"the test cannot read {heading!r}")


@pytest.fixture(scope="module", params=sorted(REAL))
def real(request, tmp_path_factory):
    """(name, site root, original page address, import stderr) for a real site whose hand-written
    release notes were imported (the page itself moved aside to original_release_notes.html)."""
    name = request.param
    source = REALSITES / name / "source"
    if not source.is_dir():
        pytest.skip(f"{source} is missing (the shared real sites are not here)")
    root = tmp_path_factory.mktemp(name) / "site"
    shutil.copytree(source, root)
    notes = root / NOTES
    kept = tmp_path_factory.mktemp(name + "-page") / "overview_release_notes.md"
    shutil.move(notes, kept)
    import contextlib
    import io
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert run_cli(["release", "import", kept, "--source", root]) == 0
    original = keep_original(root, kept)
    return name, root, original, err.getvalue(), kept


def test_real_release_notes_are_accepted_by_release_check(real, capsys):
    """`release check` of the imported entries has no release-rule error; its only errors are the
    links that are broken on the hand-written page too (Jekyll's truth lists them)."""
    name, root, _, _, kept = real
    code, report = check_json(root, capsys)
    errors = [f for f in report if f["severity"] == "error"]
    assert not [f for f in errors if f["rule"].startswith("release-")]
    truth = REALSITES / name / "truth" / "broken-links.tsv"
    written = set(re.findall(r"\]\(([^)\s#]+)", kept.read_text(encoding="utf-8")))
    broken = {line.split("\t")[1] for line in truth.read_text(encoding="utf-8").splitlines()
              if line.startswith("overview_release_notes.html\t")} & written
    assert {f["target"] for f in errors} == broken
    assert code == (1 if broken else 0)


def test_real_release_notes_round_trip(real):
    """Every release of the page is built into a page with the same links, bullets and words, and
    the date its heading gives (none where the heading has none)."""
    name, root, original, _, _ = real
    site = build_site(root)
    before = sections(page_html(site, original))
    assert [r.version for r in site.releases] and set(before) == {r.version for r in site.releases}
    for release in site.releases:
        heading, section = before[release.version]
        assert release.date == _oracle_date(name, heading), release.version
        assert not release.draft
        assert_same_content(section, page_html(site, release_url(site.config, release)),
                            f"{name} {release.version}")


def test_real_import_lists_what_it_could_not_map(real):
    """The import summary names, at file:line, the text it kept in a description or left out."""
    name, _, _, err, kept = real
    expected = {
        "events-management": f"{kept}:196: warning[release-import]: 'i. Failsafe message added to specification' "
                             "follows the change 'Failsafe Message' in 2.4.0-Beta",
        "nhs-booking-api": f"{kept}:8: warning[release-import]: 1 line(s) outside any release were not imported",
        "dose-syntax": f"{kept}:10: warning[release-import]: 11 line(s) outside any release were not imported",
    }[name]
    assert expected in err


def test_a_page_that_cannot_be_imported_says_where(tmp_path, capsys):
    """Unclosed front matter and a version written twice exit 2 naming the file and line; nothing is written."""
    root = base_site(tmp_path / "site")
    broken = tmp_path / "broken.md"
    broken.write_text("---\ntitle: Notes\n\n## 1.0.0\n\n- First.\n", encoding="utf-8")
    twice = tmp_path / "twice.md"
    twice.write_text("## 1.0.1 (02/03/2020)\n\n- Fix.\n\n## 1.0.1 (03/03/2020)\n\n- Again.\n", encoding="utf-8")
    capsys.readouterr()
    assert run_cli(["release", "import", broken, "--source", root]) == 2
    assert f"{broken}:1: the front matter cannot be read: front matter is not closed" in capsys.readouterr().err
    assert run_cli(["release", "import", twice, "--source", root]) == 2
    assert f"{twice}:5: version 1.0.1 has two sections (lines 1 and 5)" in capsys.readouterr().err
    assert not (root / "releases").exists()


def test_importing_a_page_of_the_site_says_to_remove_it(tmp_path, capsys):
    """Importing dose-syntax's own release notes in place: the import says the page is still part of
    the site, and the build warns at its permalink line that the releases index replaces it."""
    source = REALSITES / "dose-syntax" / "source"
    if not source.is_dir():
        pytest.skip(f"{source} is missing (the shared real sites are not here)")
    root = tmp_path / "site"
    shutil.copytree(source, root)
    capsys.readouterr()
    assert run_cli(["release", "import", root / NOTES, "--source", root]) == 0
    assert "the imported page is still a page of the site" in capsys.readouterr().err
    site = build_site(root)
    [finding] = [d for d in site.all_diagnostics() if d.rule == "release-permalink"]
    assert (finding.path, finding.line, finding.severity) == (NOTES, 6, "warning")
    assert finding.message == ("the generated page 'Specification release notes' has this page's address, "
                               "overview_release_notes.html, and replaces it")
