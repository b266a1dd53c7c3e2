"""Review of main's xs9 date fix (jekyll/filters.py _zoned): a date Python's local-time
conversion cannot take must not stop the page (76fdb38 printed it)."""
from __future__ import annotations

import pytest

from conftest import build_site, make_site


@pytest.mark.parametrize("body", ['{{ page.date | date: "%Y" }}', '{{ "0001-01-01" | date: "%Y" }}',
                                  '{{ "0001-01-01 00:00:00" | date }}', '{{ page.date | date_to_xmlschema }}',
                                  '{{ "0001-01-01" | date_to_rfc822 }}', '{{ page.date }}'])
def test_date_of_year_one_renders(tmp_path, body):
    root = make_site(tmp_path / "s", {"_config.yml": "title: T\n",
                                      "index.md": f"---\ndate: 0001-01-01 00:00:00\n---\nSince {body}\n"})
    site = build_site(root)
    assert not [d for d in site.diagnostics.sorted() if d.rule == "internal-error"]


@pytest.mark.parametrize("body", ['{{ "2020-01-01T00:00:00+25:00" | date_to_xmlschema }}',
                                  '{{ "2020-01-01T00:00:00+25:00" | date_to_rfc822 }}',
                                  '{{ "2020-01-01T00:00:00+25:00" | date_to_string }}'])
def test_a_date_python_cannot_hold_is_a_finding_at_its_line(tmp_path, body):
    """Jekyll 4.3.1 fails on a +25:00 offset ("Invalid Date"), which Python's datetime cannot
    hold either: a liquid-error at the line, no traceback."""
    root = make_site(tmp_path / "s", {"_config.yml": "title: T\n", "index.md": f"---\n---\nA\n\nB {body}\n"})
    found = build_site(root).diagnostics.sorted()
    assert not [d for d in found if d.rule == "internal-error"]
    assert [(d.rule, d.line) for d in found if "Invalid Date" in d.message] == [("liquid-error", 5)]


def test_a_unix_time_past_9999_prints_as_jekyll(tmp_path):
    """Jekyll 4.3.1 prints a Unix time past 9999 (Time.at holds it: year 3168873852651); specsite
    formats it 400-year cycles earlier and writes the real year (jekyll/far_years.py)."""
    from conftest import output_of
    body = ('[{{ "99999999999999999999" | date: "%Y" }}|{{ "9999999999999" | date: "%Y" }}|'
            '{{ "99999999999999999999" | date_to_xmlschema }}|{{ "99999999999999999999" | date_to_rfc822 }}|'
            '{{ "99999999999999999999" | date_to_long_string }}]')
    root = make_site(tmp_path / "s", {"_config.yml": "title: T\ntimezone: UTC\n", "p.html": f"---\n---\n{body}\n"})
    assert ("[3168873852651|318857|3168873852651-02-22T09:46:39+00:00|Sat, 22 Feb 3168873852651 09:46:39 +0000|"
            "22 February 3168873852651]") in output_of(build_site(root), "p.html")


def test_year_one_prints_four_digits_as_jekyll(tmp_path):
    """Jekyll 4.3.1 (Ruby's %Y) writes 0001 for these; C's strftime writes 1."""
    from conftest import output_of
    body = '<p>[{{ "0001-01-01" | date: "%Y" }}|{{ "0001-01-01T00:30:00+01:00" | date: "%Y %z" }}|{{ "0001-01-01" | date: "%%Y" }}]</p>'
    root = make_site(tmp_path / "s", {"_config.yml": "title: T\n", "p.html": f"---\n---\n{body}\n"})
    assert "[0001|0001 +0100|%Y]" in output_of(build_site(root), "p.html")


def test_jekyll_date_filters_print_year_one_in_four_digits(tmp_path):
    """Jekyll 4.3.1's date_to_string/date_to_long_string (Time#strftime with %Y) and date_to_rfc822
    (Time#rfc2822) write 0001 and 0999 (checked with jekyll build, timezone UTC)."""
    from conftest import output_of
    body = ('A {{ "0001-01-01" | date_to_string }}|{{ "0001-01-01" | date_to_string: "ordinal", "US" }}|'
            '{{ "0001-01-01" | date_to_long_string: "ordinal" }}|{{ "0001-01-01" | date_to_rfc822 }}|'
            '{{ "0999-03-04" | date_to_string }}|{{ "2011-01-27" | date_to_string }}')
    root = make_site(tmp_path / "s", {"_config.yml": "title: T\ntimezone: UTC\n", "_layouts/x.html": "{{ content }}",
                                      "index.html": f"---\nlayout: x\n---\n{body}\n"})
    assert ("A 01 Jan 0001|Jan 1st, 0001|1st January 0001|Mon, 01 Jan 0001 00:00:00 +0000|04 Mar 0999|27 Jan 2011"
            in output_of(build_site(root), "index.html"))
