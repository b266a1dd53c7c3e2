"""specsite.jekyll.time_parse: Ruby's Date._parse and Time.parse, which Liquid's date filter,
Jekyll's date_to_* filters and a front matter date read a string with. RUBY_3_1 is what
`ruby -rdate -e 'p Date._parse(s)'` (Ruby 3.1.2) answers, `:offset` left out and a fraction as
(numerator, denominator); where ruby is installed, random texts are compared with it too."""
from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import subprocess
from fractions import Fraction

import pytest

from specsite.jekyll.dates import InvalidDate
from specsite.jekyll.time_parse import date_parse, time_parse

RUBY_3_1 = [
    ('March 2024', {'year': 2024, 'mon': 3}),
    ('2024-03', {'mon': 20, 'mday': 24, 'zone': '-03'}),
    ('2024', {'mon': 20, 'mday': 24}),
    ('Jan 5', {'mon': 1, 'mday': 5}),
    ('5 Jan', {'mon': 1, 'mday': 5}),
    ('March 5th, 2024', {'year': 2024, 'mon': 3, 'mday': 5}),
    ('2024-03-05T10:00', {'hour': 10, 'min': 0, 'year': 2024, 'mon': 3, 'mday': 5}),
    ('Tuesday', {'wday': 2}),
    ('10:30', {'hour': 10, 'min': 30}),
    ('2024/3/5', {'year': 2024, 'mon': 3, 'mday': 5}),
    ('3/5/2024', {'year': 2024, 'mon': 5, 'mday': 3}),
    ('Mar 2024', {'year': 2024, 'mon': 3}),
    ('3.7', {}),
    ('1.2.3', {'year': 2001, 'mon': 2, 'mday': 3}),
    ('hello', {}),
    ('Q1 2024', {'mon': 20, 'mday': 24}),
    ('Spring 2024', {'mon': 20, 'mday': 24}),
    ('2024-03-05 10:00 PM', {'hour': 22, 'min': 0, 'year': 2024, 'mon': 3, 'mday': 5}),
    ('5th March 2024', {'year': 2024, 'mon': 3, 'mday': 5}),
    ('Sat, 05 Mar 2024', {'wday': 6, 'year': 2024, 'mon': 3, 'mday': 5}),
    ('2024 March 5', {'year': 2024, 'mon': 3, 'mday': 5}),
    ('March', {'mon': 3}),
    ('Dec', {'mon': 12}),
    ('12/2024', {'year': 2024, 'mon': 12}),
    ('05.03.2024', {'year': 2024, 'mon': 3, 'mday': 5}),
    ('2024.03.05', {'year': 2024, 'mon': 3, 'mday': 5}),
    ('20240305', {'year': 2024, 'mon': 3, 'mday': 5}),
    ('24-03-05', {'year': 2024, 'mon': 3, 'mday': 5}),
    ('H31.04.30', {'year': 2019, 'mon': 4, 'mday': 30}),
    ('2024-03-05T10:00:00.123+02:00', {'zone': '+02:00', 'hour': 10, 'min': 0, 'sec': 0, 'sec_fraction': [123, 1000], 'year': 2024, 'mon': 3, 'mday': 5}),
    ('Thu Dec 3 2020', {'wday': 4, 'year': 2020, 'mon': 12, 'mday': 3}),
    ('Thursday, December 3, 2020', {'wday': 4, 'year': 2020, 'mon': 12, 'mday': 3}),
    ('December 3 2020 10am', {'hour': 10, 'year': 2020, 'mon': 12, 'mday': 3}),
    ('10am', {'hour': 10}),
    ('noon', {}),
    ('2024-3-5', {'year': 2024, 'mon': 3, 'mday': 5}),
    ('March 32, 2024', {'year': 2024, 'mon': 3, 'mday': 32}),
    ('Feb 30 2024', {'year': 2024, 'mon': 2, 'mday': 30}),
    ('1999', {'mon': 19, 'mday': 99}),
    ('99', {'mday': 99}),
    ('2024-13-01', {'year': 2024, 'mon': 13, 'mday': 1}),
    ('Mon', {'wday': 1}),
    ('Jan', {'mon': 1}),
    ('1 Jan', {'mon': 1, 'mday': 1}),
    ('first', {}),
    ('v1.2', {}),
    ('1.0', {}),
    ('2.5.1', {'year': 2002, 'mon': 5, 'mday': 1}),
    ('03/05', {'mon': 3, 'mday': 5}),
    ('3/5', {'mon': 3, 'mday': 5}),
    ('2024-03-05 25:00', {'hour': 25, 'min': 0, 'year': 2024, 'mon': 3, 'mday': 5}),
    ('10:30:45', {'hour': 10, 'min': 30, 'sec': 45}),
    ('T10:30', {'hour': 10, 'min': 30}),
    ('5 March', {'mon': 3, 'mday': 5}),
    ('Mar 5', {'mon': 3, 'mday': 5}),
    ('march 5 2024 at 5pm', {'hour': 17, 'year': 2024, 'mon': 3, 'mday': 5}),
    ('2024-03-05 10:00 EST', {'zone': 'EST', 'hour': 10, 'min': 0, 'year': 2024, 'mon': 3, 'mday': 5}),
    ('2024-03-05 10:00 CET', {'zone': 'CET', 'hour': 10, 'min': 0, 'year': 2024, 'mon': 3, 'mday': 5}),
    ('2024-03-05 10:00 +0530', {'zone': '+0530', 'hour': 10, 'min': 0, 'year': 2024, 'mon': 3, 'mday': 5}),
    ('0', {}),
    ('-1', {}),
    ('1e3', {}),
    ('  2024-03-05  ', {'year': 2024, 'mon': 3, 'mday': 5}),
    ('Sat Aug 28 02:55:50 +09:00 1999', {'wday': 6, 'zone': '+09:00', 'hour': 2, 'min': 55, 'sec': 50, 'year': 1999, 'mon': 8, 'mday': 28}),
    ('H11.08.28', {'year': 1999, 'mon': 8, 'mday': 28}),
    ('1999-W35-6', {'cwyear': 1999, 'cweek': 35, 'cwday': 6}),
    ('--08-28', {'mon': 8, 'mday': 28}),
    ('1999-240', {'year': 1999, 'yday': 240}),
    ('19990828T025550Z', {'year': 1999, 'mon': 8, 'mday': 28, 'hour': 2, 'min': 55, 'sec': 50, 'zone': 'Z'}),
    ('28/Aug/1999', {'year': 1999, 'mon': 8, 'mday': 28}),
    ('Aug-28-1999', {'year': 1999, 'mon': 8, 'mday': 28}),
    ('3rd', {'mday': 3}),
    ("'99", {'year': 1999}),
    ('1999 BC', {'mon': 19, 'mday': 99}),
    ('10h30m15s', {'hour': 10, 'min': 30, 'sec': 15}),
    ('20:15:30,5 GMT+2', {'zone': 'GMT+2', 'hour': 20, 'min': 15, 'sec': 30, 'sec_fraction': [1, 2]}),
    ('2024-03-05 10:00 Eastern Standard Time', {'zone': 'Eastern Standard Time', 'hour': 10, 'min': 0, 'year': 2024, 'mon': 3, 'mday': 5}),
]


def _plain(found: dict) -> dict:
    return {k: (Fraction(*v) if k == "sec_fraction" else v) for k, v in found.items()}


@pytest.mark.parametrize("text, expected", RUBY_3_1)
def test_date_parse_reads_what_ruby_reads(text, expected):
    assert _plain(date_parse(text)) == _plain(expected)


@pytest.mark.skipif(shutil.which("ruby") is None, reason="ruby is not installed")
def test_random_texts_parse_as_in_ruby():
    rng = random.Random(3)
    pieces = ["2024", "03", "5", "12", "-", "/", ".", " ", ":", "March", "jan", "Tue", "10", "am", "pm", "T", "Z",
              "+0530", "EST", "'", "th", "w", "W10", ",", "1999", "123", "bc", "h", "30", "utc", "x", "[", "]", "07"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 7))) for _ in range(1500)]
    script = ('JSON.parse(STDIN.read).each { |s| h = Date._parse(s); h.delete(:offset); '
              'h[:sec_fraction] = [h[:sec_fraction].numerator, h[:sec_fraction].denominator] if h[:sec_fraction]; '
              'puts JSON.generate(h) }')
    out = subprocess.run(["ruby", "-rdate", "-rjson", "-e", script], input=json.dumps(texts), capture_output=True,
                         text=True, check=True, timeout=60).stdout.splitlines()
    assert [(t, _plain(date_parse(t))) for t in texts] == [(t, _plain(json.loads(r))) for t, r in zip(texts, out)]


NOW = dt.datetime(2026, 12, 7, 6, 30, 15, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize("text, expected", [
    ("March 2024", "2024-03-01 00:00:00+00:00"),  # the least value after the first part given
    ("10:30", "2026-12-07 10:30:00+00:00"),  # now's date before it
    ("5th", "2026-12-05 00:00:00+00:00"),
    ("Feb 30 2024", "2024-03-01 00:00:00+00:00"),  # Time.local rolls a day past the month's end
    ("2024-03-05 10:00 EST", "2024-03-05 10:00:00-05:00"),
    ("2024-03-05 10:00 UTC", "2024-03-05 10:00:00+00:00")])
def test_time_parse_fills_in_as_ruby(text, expected):
    assert str(time_parse(text, NOW)) == expected


@pytest.mark.parametrize("text", ["Tuesday", "3.7", "hello", "2024-03", "2024-13-01", "March 32, 2024"])
def test_time_parse_refuses_what_ruby_refuses(text):
    with pytest.raises(InvalidDate):
        time_parse(text, NOW)


@pytest.mark.parametrize("markup, shown", [("'hello' | date_to_string", '"hello"'), ("2.5 | date_to_xmlschema", "2.5"),
                                           ("true | date_to_rfc822", "true"), ("page.list | date_to_long_string", "[1]")])
def test_jekylls_date_filters_stop_the_build_on_what_is_no_date(site_factory, markup, shown):
    """DateFilters#time: "Invalid Date: '\"hello\"' is not a valid datetime." for a string
    Time.parse refuses, a float, true, a list (Liquid::Utils.to_date is nil); nil and "" pass."""
    from conftest import diagnostics_of
    body = "[{{ nil | date_to_string }}{{ '' | date_to_string }}]\n{{ " + markup + " }}"
    site = site_factory({"_config.yml": "title: t\n", "a.html": "---\nlist: [1]\n---\n" + body + "\n"})
    assert [(d.line, d.message) for d in diagnostics_of(site) if d.severity == "error"] == [
        (5, f"Invalid Date: '{shown}' is not a valid datetime")]
