"""A post's front matter date as a string: Jekyll's Utils.parse_date is Ruby's Time.parse, which
reads far more than YAML's timestamps (editorconfig.org's `date: 2016-03-15 UTC`: the post's URL
takes that date, not the file name's). The expectations are Jekyll 4.3.1's `{{ page.date }}` of
posts with these dates (TZ=UTC)."""
from __future__ import annotations

import datetime as dt

import pytest

from conftest import jekyll_build, make_site, run_cli
from specsite.jekyll.dates import InvalidDate, OutOfRange, read_date, to_date

JEKYLL = [("2016-03-15 UTC", "2016-03-15 00:00:00"), ("2016-03-15 10:30 PST", "2016-03-15 18:30:00"),
          ("15 March 2016", "2016-03-15 00:00:00"), ("March 15, 2016 10:00", "2016-03-15 10:00:00"),
          ("2016/03/15", "2016-03-15 00:00:00"), ("2016-03-15 10:30:00 GMT", "2016-03-15 10:30:00"),
          ("2016-03-15T10:30:00 EST", "2016-03-15 15:30:00"),
          ("Tue, 15 Mar 2016 10:30:00 +0200", "2016-03-15 08:30:00"),
          ("2016-03-15 10:30 +02:00", "2016-03-15 08:30:00"), ("2016-3-5 UTC", "2016-03-05 00:00:00")]


@pytest.mark.parametrize("text, expected", JEKYLL)
def test_a_date_string_reads_as_time_parse_reads_it(text, expected):
    assert to_date(text, dt.timezone.utc) == dt.datetime.fromisoformat(expected)


@pytest.mark.parametrize("text", ["soon", "", "2016-13-01", "2016-03-15 10:00 +24", "Tuesday", "3.7"])
def test_what_is_no_date_is_none(text):
    assert to_date(text) is None


def test_date_parse_finds_what_it_can_anywhere_in_the_text():
    """Ruby 3.1: Time.parse("Foo 15 2016", now) is 15th of now's month at 20:16 (Date._parse reads
    "15 2016" as a day and an hhmm time); "March 2016" is 2016-03-01 00:00."""
    now = dt.datetime(2026, 12, 7, 6, 30, tzinfo=dt.timezone.utc)
    from specsite.jekyll.time_parse import time_parse
    assert time_parse("Foo 15 2016", now).replace(tzinfo=None) == dt.datetime(2026, 12, 15, 20, 16)
    assert to_date("March 2016", dt.timezone.utc) == dt.datetime(2016, 3, 1)


def test_the_post_is_written_at_its_front_matter_date(tmp_path):
    src = make_site(tmp_path / "src", {"_config.yml": "title: T\n",
                                       "_posts/2018-03-15-released.md": "---\ndate: 2016-03-15 UTC\n---\nText\n"})
    assert run_cli(["build", "--source", src, "--out", tmp_path / "out", "--no-cache"]) == 0
    assert (tmp_path / "out" / "2016" / "03" / "15" / "released.html").is_file()


# Ruby 3.1's Time.parse(text).localtime with TZ=UTC (what Jekyll 4.3.1's Utils.parse_date gives; the
# posts' URLs and {{ page.date }} of the first 15 confirmed with `jekyll build`)
RUBY = [("2016-02-30", "2016-03-01 00:00:00"), ("16-03-15", "2016-03-15 00:00:00"),
        ("2016-03-15 10:00 pm", "2016-03-15 22:00:00"), ("2016-03-15 10:00 CET", "2016-03-15 10:00:00"),
        ("2016-03-15 5:3", "2016-03-15 05:03:00"), ("2016.03.15", "2016-03-15 00:00:00"),
        ("20160315", "2016-03-15 00:00:00"), ("2016-03-15 24:00", "2016-03-16 00:00:00"),
        ("15.03.16", "2015-03-16 00:00:00"), ("15/03/2016", "2016-03-15 00:00:00"),
        ("2016-03-15 10:00 p", "2016-03-15 13:00:00"), ("2016-03-15 10:00 +23:59", "2016-03-14 10:01:00"),
        ("2016-03-15 10:00 foo", "2016-03-15 10:00:00"), ("160315", "2016-03-15 00:00:00"),
        ("2016-03-15 10am", "2016-03-15 10:00:00"), ("2016-02-31", "2016-03-02 00:00:00"),
        ("99-03-15", "1999-03-15 00:00:00"), ("69-03-15", "1969-03-15 00:00:00"),
        ("2016-03-15 12:00 am", "2016-03-15 00:00:00"), ("2016-03-15 10:00 a.m.", "2016-03-15 10:00:00"),
        ("2016-03-15 10:00 +01", "2016-03-15 09:00:00"), ("2016-03-15 10:00 +01:00:30", "2016-03-15 08:59:30"),
        ("2016-03-15 10:00 -2359", "2016-03-16 09:59:00"), ("2016-03-15 10:00 +1", "2016-03-15 10:00:00"),
        ("2016-03-15 10:00 UTC+2", "2016-03-15 10:00:00"), ("2016-03-15 10:00:60", "2016-03-15 10:01:00"),
        ("15-03-2016", "2016-03-15 00:00:00"), ("1900-02-29", "1900-03-01 00:00:00"),
        (20160315, "2016-03-15 00:00:00")]
RUBY_REFUSES = ["2016-03-15 10:00 +24", "2016-03-15 10:00 +2400", "2016-03-15 10:00 -24", "2016-13-01", "2016-00-10",
                "2016-03-32", "2016-03-00", "3/15/2016", "2016-03-15 25:00", "2016-03-15 10:60", "2016-03-15 24:01",
                "2016-03-15 24:00:01", "2016-03-15 10:00:61"]


@pytest.mark.parametrize("text, expected", RUBY)
def test_more_forms_read_as_time_parse_reads_them(text, expected):
    assert read_date(text, dt.timezone.utc) == dt.datetime.fromisoformat(expected)


@pytest.mark.parametrize("text", RUBY_REFUSES)
def test_what_time_parse_refuses_is_an_invalid_date(text):
    with pytest.raises(InvalidDate):
        read_date(text, dt.timezone.utc)


def test_a_year_python_cannot_hold_is_out_of_range():
    with pytest.raises(OutOfRange):  # (Ruby: 0000-12-31 23:00 UTC)
        read_date("0001-01-01 00:00 +0100", dt.timezone.utc)
    with pytest.raises(OutOfRange):  # (a YAML timestamp)
        read_date(dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=1))), dt.timezone.utc)
    assert to_date("0001-01-01 00:00 +0100", dt.timezone.utc) is None


def _build(tmp_path, date):
    src = make_site(tmp_path / "src", {"_config.yml": "title: T\ntimezone: UTC\n",
                                       "_posts/2018-01-01-p.md": f"---\ntitle: P\ndate: {date}\n---\nT\n"})
    return run_cli(["build", "--source", src, "--out", tmp_path / "out", "--no-cache"])


def test_an_invalid_date_stops_the_build_at_its_line(tmp_path, capsys):
    assert _build(tmp_path, "2016-03-15 10:00 +24") == 1  # Jekyll: "Invalid date '...'", nothing built
    err = capsys.readouterr().err
    assert "_posts/2018-01-01-p.md:3: error[front-matter]: invalid date '2016-03-15 10:00 +24'" in err
    assert not (tmp_path / "out" / "2018").exists()


def test_a_date_time_parse_refuses_stops_the_build_and_one_it_reads_is_used(tmp_path, capsys):
    """Utils.parse_date is Time.parse: "garbage" has no date ("Invalid date 'garbage': Document
    ... does not have a valid date"), "March 2016" is 2016-03-01 (Jekyll 4.3.1 writes
    2016/03/01/p.html)."""
    assert _build(tmp_path, "garbage") == 1
    assert "_posts/2018-01-01-p.md:3: error[front-matter]: invalid date 'garbage'" in capsys.readouterr().err
    assert _build(tmp_path / "b", "March 2016") == 0
    assert (tmp_path / "b" / "out" / "2016" / "03" / "01" / "p.html").is_file()


@pytest.mark.parametrize("date, why", [
    ("0001-01-01 00:00 +0100", "falls outside the years 1 to 9999, which specsite cannot hold")])
def test_a_date_not_read_is_a_warning_naming_the_date_used(tmp_path, capsys, date, why):
    assert _build(tmp_path, date) == 0
    err = capsys.readouterr().err
    assert (f"_posts/2018-01-01-p.md:3: warning[front-matter]: date '{date}' {why}; the file name's date, "
            "2018-01-01, was used instead") in err
    assert (tmp_path / "out" / "2018" / "01" / "01" / "p.html").is_file()


def test_jekylls_date_filters_read_the_same_forms_and_refuse_the_same(tmp_path):
    """Jekyll 4.3.1 (timezone UTC): '01 Mar 2016|2016-03-15T00:00:00+00:00|Tue, 15 Mar 2016 22:00:00 +0000';
    `"2016-13-01" | date_to_string` stops the build ("Invalid Date")."""
    from conftest import build_site, output_of
    body = ('{{ "2016-02-30" | date_to_string }}|{{ "16-03-15" | date_to_xmlschema }}|'
            '{{ "2016-03-15 10:00 pm" | date_to_rfc822 }}')
    root = make_site(tmp_path / "s", {"_config.yml": "title: T\ntimezone: UTC\n", "_layouts/x.html": "{{ content }}",
                                      "p.html": f"---\nlayout: x\n---\n{body}\n"})
    assert ("01 Mar 2016|2016-03-15T00:00:00+00:00|Tue, 15 Mar 2016 22:00:00 +0000"
            in output_of(build_site(root), "p.html"))
    bad = make_site(tmp_path / "b", {"_config.yml": "title: T\n",
                                     "p.html": '---\n---\n{{ "2016-13-01" | date_to_string }}\n'})
    assert [(d.rule, d.line) for d in build_site(bad).diagnostics.sorted() if "Invalid Date" in d.message] == [
        ("liquid-error", 3)]


@pytest.mark.parametrize("rel, front, fails", [
    ("_posts/2020-13-45-x.md", "", True),  # Jekyll 4.3.1: "Invalid date '2020-13-45': Document … in the filename"
    ("_docs/2020-13-45-x.md", "", True),  # (any collection's document: Document#populate_title)
    ("_posts/2020-13-45-x.md", "date: 2020-01-01\n", False),  # (modify_date: a front matter date wins)
    ("_posts/2020-02-30-x.md", "", False),  # (Time.local rolls it over to March 1)
])
def test_an_invalid_date_in_a_documents_file_name_stops_the_build_as_in_jekyll(tmp_path, rel, front, fails):
    from conftest import build_site, diagnostics_of, make_site
    files = {"_config.yml": "title: t\ncollections:\n  docs:\n    output: true\n", "_layouts/default.html": "{{ content }}",
             rel: f"---\nlayout: default\n{front}---\nx\n"}
    site = build_site(make_site(tmp_path / "site", files))
    found = [d for d in diagnostics_of(site, "front-matter") if "file name" in d.message]
    assert [(d.path, d.line, d.severity) for d in found] == ([(rel, 1, "error")] if fails else [])
    import shutil
    if shutil.which("jekyll"):
        run = jekyll_build(tmp_path / "site", tmp_path / "out", check=False)
        assert (run.returncode != 0) == fails


@pytest.mark.parametrize("rel, front, fails", [
    ("_changelog/0-0-12.md", "date:\n", True),  # (type-heading's changelog: "Invalid date ''", nothing built)
    ("_posts/2020-01-01-x.md", "date:\n", True),  # (Document#merge_date!: any `date` key, nil's to_s too)
    ("page.md", "date:\n", False),  # (a Page keeps its date as written)
])
def test_an_empty_date_in_a_documents_front_matter_stops_the_build_as_in_jekyll(tmp_path, rel, front, fails):
    from conftest import build_site, diagnostics_of, make_site
    files = {"_config.yml": "title: t\ncollections:\n- changelog\n", "_layouts/default.html": "{{ content }}",
             rel: f"---\nlayout: default\n{front}---\nx\n"}
    site = build_site(make_site(tmp_path / "site", files))
    found = [d for d in diagnostics_of(site, "front-matter") if "empty date" in d.message]
    assert [(d.path, d.line, d.severity) for d in found] == ([(rel, 3, "error")] if fails else [])
    import shutil
    if shutil.which("jekyll"):
        run = jekyll_build(tmp_path / "site", tmp_path / "out", check=False)
        assert (run.returncode != 0) == fails
