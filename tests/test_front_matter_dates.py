"""A post's front matter date as a string: Jekyll's Utils.parse_date is Ruby's Time.parse, which
reads far more than YAML's timestamps (editorconfig.org's `date: 2016-03-15 UTC`: the post's URL
takes that date, not the file name's). The expectations are Jekyll 4.3.1's `{{ page.date }}` of
posts with these dates (TZ=UTC)."""
from __future__ import annotations

import datetime as dt

import pytest

from conftest import make_site, run_cli
from specsite.jekyll.dates import to_date

JEKYLL = [("2016-03-15 UTC", "2016-03-15 00:00:00"), ("2016-03-15 10:30 PST", "2016-03-15 18:30:00"),
          ("15 March 2016", "2016-03-15 00:00:00"), ("March 15, 2016 10:00", "2016-03-15 10:00:00"),
          ("2016/03/15", "2016-03-15 00:00:00"), ("2016-03-15 10:30:00 GMT", "2016-03-15 10:30:00"),
          ("2016-03-15T10:30:00 EST", "2016-03-15 15:30:00"),
          ("Tue, 15 Mar 2016 10:30:00 +0200", "2016-03-15 08:30:00"),
          ("2016-03-15 10:30 +02:00", "2016-03-15 08:30:00"), ("2016-3-5 UTC", "2016-03-05 00:00:00")]


@pytest.mark.parametrize("text, expected", JEKYLL)
def test_a_date_string_reads_as_time_parse_reads_it(text, expected):
    assert to_date(text, dt.timezone.utc) == dt.datetime.fromisoformat(expected)


@pytest.mark.parametrize("text", ["Foo 15 2016", "2016-02-30", "soon", ""])
def test_what_is_no_date_is_none(text):
    assert to_date(text) is None


def test_the_post_is_written_at_its_front_matter_date(tmp_path):
    src = make_site(tmp_path / "src", {"_config.yml": "title: T\n",
                                       "_posts/2018-03-15-released.md": "---\ndate: 2016-03-15 UTC\n---\nText\n"})
    assert run_cli(["build", "--source", src, "--out", tmp_path / "out", "--no-cache"]) == 0
    assert (tmp_path / "out" / "2016" / "03" / "15" / "released.html").is_file()
