"""Liquid, Jekyll's filters and YAML as Psych reads them, found by a differential corpus of small
probes (`<p id>` per value x filter x tag) built by Jekyll 4.3.1 and specsite. Each rule is a
probe in tests/fixtures/liquid-probes, whose `_expected` is Jekyll's own build (a site with a
`timezone:`, which a time without an offset shows); where `jekyll` is installed, one test builds
it again and compares."""
from __future__ import annotations

import re

import pytest

from fixture_sites import built_pages, jekyll_equality_tests

built = built_pages("liquid-probes")
test_page_equals_jekylls_own_build, test_real_jekyll_still_builds_the_expected_output = \
    jekyll_equality_tests("liquid-probes")


def probe(html: str, probe_id: str) -> str:
    found = re.search(rf'<p id="{probe_id}">(.*?)</p>', html, re.S)
    assert found, probe_id
    return found.group(1)


def test_a_yaml_time_without_an_offset_is_utc_shown_in_the_site_zone(built):
    """Psych's parse_time: `Time.at(Time.utc(...).to_i)`, so 14:07 is 15:07 in Berlin (not 14:07 +0100)."""
    page = built["pages/yaml-values.html"]
    assert probe(page, "fm-naive") == "2024-03-05 15:07:09 +0100|15:07 CET +0100|2024-03-05T15:07:09+01:00"
    assert probe(page, "data-times").startswith("2024-03-05 15:07:09 +0100|2024-07-02 01:30:00|")


def test_psych_integers_group_digits_with_commas_and_add_base_60_its_way(built):
    """ScalarScanner::INTEGER allows ',' between digits; base 60 sums each part times 60 ** |i - 2|."""
    assert probe(built["pages/yaml-values.html"], "data-numbers") == "1000|-12345|5400|5445|1800|15"


def test_dates_compare_and_unordered_values_are_a_false_condition(built):
    page = built["pages/compare-values.html"]
    assert probe(page, "dates") == "later|lt|le"
    assert probe(page, "arrays") == "no order|no order"


def test_comparing_a_time_with_a_number_fails_the_build_as_in_jekyll(site_factory):
    """Condition: `left.send(:>, right)` raises ArgumentError ("comparison of Time with 1 failed")."""
    from conftest import diagnostics_of
    site = site_factory({"_config.yml": "title: t\n", "a.html": "---\nt: 2024-03-05 14:07:09\n---\n"
                         "{% if page.t > 1 %}x{% endif %}\n"})
    errors = [d for d in diagnostics_of(site) if d.severity == "error"]
    assert errors and errors[0].line == 4 and "a Number and a Time cannot be compared" in errors[0].message


def test_string_filters_take_rubys_to_s(built):
    page = built["pages/string-filters.html"]
    assert probe(page, "bool") == "TRUE|False|True|true|ZmFsc2U="
    assert probe(page, "list") == '["a", "b c"]|["", "b c"]|%5B%22a%22%2C+%22b+c%22%5D'
    assert probe(page, "time") == "2024-03-05 14:07:09 +0530|2024-03-05+14%3A07%3A09+%2B0530|2024-03-05 14:0709 +0530"


def test_map_compact_and_uniq_read_any_input_as_liquids_input_iterator(built):
    """A scalar is one item; an item without [] (a float, true, a date, nil) maps to nil where
    python-liquid stopped the build ("can't map sequence"); `String#[]` finds a substring;
    Array#uniq of one item never calls its block (42 | uniq: "tag" is 42, not an error)."""
    page = built["pages/array-filters.html"]
    assert probe(page, "map-scalar") == "1|1|1|ell"
    assert probe(page, "map-mixed") == "x,,,y|4"
    assert probe(page, "compact-property") == "[0][3][0]"
    assert probe(page, "uniq-one") == "42|true|3.5"


def test_an_integers_size_is_its_bytes(built):
    """VariableLookup sends `size` to anything that responds to it: Integer#size is 8."""
    assert probe(built["pages/array-filters.html"], "integer-size") == "8|8||11"


def test_compact_with_a_property_on_a_hash_is_no_crash(site_factory):
    from conftest import diagnostics_of
    site = site_factory({"_config.yml": "title: t\n", "a.html": "---\nh: {tag: 1}\n---\n"
                         "[{{ page.h | compact: 'tag' | size }}][{{ page.h | compact: 'nope' | size }}]\n"})
    assert not [d for d in diagnostics_of(site) if d.severity == "error"]


def test_slice_is_rubys_on_an_array_or_the_inputs_to_s(built):
    """Liquid 5.4's slice: nil is '' (python-liquid sliced "None"); nothing for a start out of
    range or a negative length; false is "false"."""
    assert probe(built["pages/ruby-strings.html"], "slice") == "[][b c,1][][][0][][fal]"


def test_jekylls_string_filters_print_input_to_s(built):
    """normalize_whitespace of 0 is "0" (not ''), xml_escape/escape_once/truncatewords/markdownify
    of a list its inspect, relative_url of false "false"."""
    page = built["pages/ruby-strings.html"]
    assert probe(page, "normalize") == '0|false|["a", "b c", 1]'
    assert probe(page, "truncatewords") == '["a",...|["a", "b~'
    assert probe(page, "urls") == "/base/false|https://ex.com/base/false"


def test_group_by_exp_names_a_group_by_the_expressions_value(built):
    """Liquid::Variable#render returns the value: 2020 (an Integer), nil, not their text."""
    assert probe(built["pages/ruby-strings.html"], "group-names") == "[2020,2021,null]|2,1,1|[2021,2022,1]"


def test_a_fixed_offset_has_no_zone_name(built):
    """%Z of a Time made with an offset (`+05:30` in YAML, a date string) is empty in Ruby."""
    assert probe(built["pages/ruby-strings.html"], "zone-name") == "[][+0530 +05:30][|10][3]"


def test_base64_decode_of_bytes_that_are_no_utf8_is_no_crash(site_factory):
    from conftest import diagnostics_of
    site = site_factory({"_config.yml": "title: t\n", "a.html": "---\n---\n[{{ 'dHJ1ZQ' | append: '==' | base64_decode }}]"
                         "[{{ '1234' | base64_decode | size }}]\n"})
    assert not [d for d in diagnostics_of(site) if d.severity == "error"]


# Real Jekyll 4.3.1 stops the build on each of these ("Liquid syntax error (line 1): Syntax Error in
# 'for loop' - Valid syntax: ...", include.rb's ArgumentError "Invalid syntax for include tag").
REFUSED = ["{% if %}x{% endif %}", "{% unless %}x{% endunless %}", "{% for %}{% endfor %}",
           "{% for i in %}{% endfor %}", "{% assign = 1 %}", "{% assign x %}", "{% capture %}x{% endcapture %}",
           "{% cycle %}", "{% case %}{% when 1 %}x{% endcase %}", "{% tablerow %}{% endtablerow %}",
           "{% include note.html a= %}", "{% include note.html a=page.list[0] %}"]
# ... and builds these, reading them leniently (a warning here).
LAX = ["{% if x == %}y{% endif %}", "{{ x | }}", "{% assign s = 'a' | upcase: %}{{ s }}", "{% for i in (1..2) limit %}{{ i }}{% endfor %}"]


@pytest.mark.parametrize("markup", REFUSED)
def test_markup_jekylls_lax_liquid_refuses_too_is_an_error_at_its_line(site_factory, markup):
    from conftest import diagnostics_of
    site = site_factory({"_config.yml": "title: t\n", "_includes/note.html": "[note]",
                         "a.html": "---\n---\ntext\n" + markup + "\n"})
    errors = [d for d in diagnostics_of(site) if d.severity == "error"]
    assert [(d.path, d.line) for d in errors] == [("a.html", 4)], errors


@pytest.mark.parametrize("markup", LAX)
def test_markup_jekylls_lax_liquid_reads_stays_a_warning(site_factory, markup):
    from conftest import diagnostics_of
    site = site_factory({"_config.yml": "title: t\n", "a.html": "---\n---\n" + markup + "\n"})
    assert not [d for d in diagnostics_of(site) if d.severity == "error"]


def test_psych_reads_timestamps_pyyaml_leaves_as_strings(built):
    """ScalarScanner::TIME: an offset without a colon (`+0530`, as `jekyll new` writes a post's
    date) or of hours alone; a one-digit month or day is a Date; ',' in a float is dropped."""
    page = built["pages/yaml-times.html"]
    assert probe(page, "no-colon-offset").endswith("|2024-03-05T09:37:09+01:00")
    assert probe(page, "hour-offset") == "2024-03-05 14:07:09 -0800|-08:00"
    assert probe(page, "short-day").startswith("#&lt;Date: 2024-03-05 ")
    assert probe(page, "grouped-float") == "1001.5"


def test_a_time_equal_to_one_in_another_zone_keeps_its_own_zone(built):
    """python-liquid's date filter reads its input through an lru_cache keyed by ==: 14:07 UTC
    came back as the 15:07 +0100 printed before it."""
    assert probe(built["pages/yaml-times.html"], "equal-instants") == \
        "2024-03-05 15:07:09 +0100|2024-03-05 14:07:09 +0000 UTC|2024-03-05 15:07:09 +0100"


def test_jsonify_writes_a_float_as_ruby_does(built):
    """Ruby's JSON writes Float#to_s: 1.0e-06 and 1.0e+15 where Python's json writes 1e-06 and
    1000000000000000.0."""
    assert probe(built["pages/ruby-strings.html"], "jsonify-floats").startswith(
        "[1.0e-06,1.0e+20,0.5,1.2345678901234568e+16,1.0e+15]|")


def test_a_cached_build_reads_a_time_without_an_offset_in_the_new_timezone(tmp_path):
    """The YAML memo and the front-matter memo are keyed by TZ too: a time without an offset is a
    UTC instant shown in the site's zone, so a changed `timezone:` is seen by unchanged files."""
    from conftest import make_site, run_cli
    site = make_site(tmp_path / "site", {
        "_config.yml": "title: t\ntimezone: Europe/Berlin\n",
        "_data/d.yml": "t: 2024-03-05 14:07:09\n",
        "a.html": "---\nt: 2024-03-05 14:07:09\n---\n<p id=\"t\">{{ page.t }}|{{ site.data.d.t }}</p>\n"})
    out = tmp_path / "out"
    assert run_cli(["build", "--source", site, "--out", out]) == 0
    assert probe((out / "a.html").read_text(), "t") == "2024-03-05 15:07:09 +0100|2024-03-05 15:07:09 +0100"
    (site / "_config.yml").write_text("title: t\ntimezone: America/New_York\n")
    assert run_cli(["build", "--source", site, "--out", out]) == 0
    assert probe((out / "a.html").read_text(), "t") == "2024-03-05 09:07:09 -0500|2024-03-05 09:07:09 -0500"


def test_a_time_is_its_time_to_a_to_the_array_filters(built):
    """InputIterator makes `Array(time)` of a Time: [sec, min, hour, day, month, year, wday,
    yday, isdst, zone] (zone nil for a fixed offset); join, reverse and compact read that."""
    assert probe(built["pages/array-filters.html"], "time-to-a") == \
        "9,7,16,5,7,2024,5,187,true,CEST|CEST|10|9,7,14,5,3,2024,2,65,false,"


def test_base64_decode_is_strict_as_in_liquid(built, site_factory):
    """Base64.strict_decode64: text that is no Base64 stops the build; urlsafe pads it."""
    from conftest import diagnostics_of
    assert probe(built["pages/array-filters.html"], "base64") == "[hello][hello][][3]"
    site = site_factory({"_config.yml": "title: t\n", "a.html": "---\n---\n{{ 'hello world' | base64_decode }}\n"})
    assert [(d.line, d.message) for d in diagnostics_of(site) if d.severity == "error"] == \
        [(3, "invalid base64 provided to base64_decode")]


def test_jekylls_array_filters_read_ruby_values(built):
    """array_to_sentence_string joins nested lists flat and prints the last item's to_s; a
    property that is a list is its inspect to group_by, sort and sort_natural; a string item's
    property is its substring; one item is never compared (42 | sort_natural: "name" is 42); a
    Time is its to_a to sort_natural; smartify and markdownify of a list write entities."""
    page = built["pages/ruby-types.html"]
    assert probe(page, "sentence") == "1, 2, 3, 4, 5, and []|banana, Apple, cherry,  apple| and "
    assert probe(page, "string-items").startswith("Apple,cherry,apple,banana|banana,apple|42|")
    assert probe(page, "ascii-entities").startswith("[1, &#8220;1&#8221;, 2.5, true, nil, &#8220;b&#8221;]|")


# Jekyll 4.3.1 stops the build on each (NoMethodError, TypeError, ArgumentError of its filters).
TYPE_ERRORS = [("page.n | slugify", "undefined method `gsub' for 42:Integer"),
               ("page.n | slugify: 'none'", "undefined method `downcase' for 42:Integer"),
               ("nosuch | number_of_words", "undefined method `split' for nil:NilClass"),
               ("page.n | array_to_sentence_string", "undefined method `length' for 42:Integer"),
               ("page.f | cgi_escape", "no implicit conversion of Float into String"),
               ("page.f | uri_escape", "Can't convert Float into String."),
               ("page.list | strip_index", "undefined method `sub' for [1, 2]:Array"),
               ("page.list | to_integer", "undefined method `to_i' for [1, 2]:Array"),
               ("nosuch | sort", "Cannot sort a null object."),
               ("'abc' | sort", "undefined method `sort' for \"abc\":String"),
               ("page.n | sort: 'x'", "undefined method `map' for 42:Integer"),
               ("page.list | where: 'x', 1", "no implicit conversion of String into Integer"),
               ("page.nils | sort: 'x'", "undefined method `[]' for nil:NilClass"),
               ("page.list | sort_natural: 'x'", "cannot select the property 'x'")]


@pytest.mark.parametrize("markup, message", TYPE_ERRORS)
def test_a_value_jekylls_filter_cannot_take_stops_the_build(site_factory, markup, message):
    from conftest import diagnostics_of
    site = site_factory({"_config.yml": "title: t\n", "a.html": "---\nn: 42\nf: 2.5\nlist: [1, 2]\nnils: [null, null]\n---\n"
                         "text\n{{ " + markup + " }}\n"})
    assert [(d.line, d.message) for d in diagnostics_of(site) if d.severity == "error"] == [(8, message.rstrip("."))]


def test_relative_and_absolute_url_are_addressables_normalize(built):
    """Addressable::URI#normalize: dot segments removed, `[` `]` and `;` in a query encoded, the
    path's trailing spaces stripped, %7e decoded and %2f upper-cased, é percent-encoded."""
    assert probe(built["pages/ruby-types.html"], "url-normalize") == (
        "/base/b|/base/x%20y/%5B1%5D|https://ex.com/base/p|/base/a?q=%5B1%5D%3Bx&y=%2B#f%20g|"
        "/base/~/%2F/%C3%A9|https://ex.com/up")


@pytest.mark.parametrize("markup, message", [
    ("page.list | pop: -1", "negative array size"), ("page.list | shift: -1", "negative array size"),
    ("page.list | map: nil", "cannot select the property ''"),
    ("page.mixed | sort", "comparison of"), ("page.nils | sort", "comparison of"),
    ("page.hashes | sort", "comparison of Hash with Hash failed"),
    ("'The fox: jumps' | relative_url", "Invalid scheme format: 'The fox'"),
    ("'2024-03-05 14:07' | absolute_url", "Invalid scheme format: '2024-03-05 14'")])
def test_ruby_argument_errors_of_liquids_and_jekylls_filters_stop_the_build(site_factory, markup, message):
    """Array#pop(-1), String#[](nil), Array#sort of 1 and "a" (or nil and "a"), Addressable's
    InvalidURIError: Jekyll 4.3.1 stops at each."""
    from conftest import diagnostics_of
    site = site_factory({"_config.yml": "title: t\n", "a.html": "---\nlist: [a, b]\nmixed: [1, a]\nnils: [null, a]\n"
                         "hashes: [{a: 1}, {b: 2}]\n---\ntext\n{{ " + markup + " }}\n"})
    errors = [(d.line, d.message) for d in diagnostics_of(site) if d.severity == "error"]
    assert len(errors) == 1 and errors[0][0] == 8 and errors[0][1].startswith(message), errors


def test_a_loops_drop_prints_its_ruby_class(site_factory):
    """Liquid::Drop#to_s and #inspect: the class's name."""
    from conftest import output_of
    site = site_factory({"_config.yml": "title: t\n", "_layouts/x.html": "{{ content }}", "a.html":
                         "---\nlayout: x\n---\n{% for i in (1..1) %}{{ forloop }}|{{ forloop | inspect }}{% endfor %}"
                         "{% tablerow i in (1..1) %}{{ tablerowloop }}{% endtablerow %}\n"})
    assert output_of(site, "a.html").startswith("Liquid::ForloopDrop|Liquid::ForloopDrop<tr class=\"row1\">\n"
                                                "<td class=\"col1\">Liquid::TablerowloopDrop</td>")
