"""YAML as Jekyll 4.3.1 loads it (Psych 4's safe_load): a plain scalar `:name` is a Ruby Symbol,
which it refuses. Checked with `jekyll build`: `sass: style: :compressed` in _config.yml and `a: :b`
in a data file stop the build ("Tried to load unspecified class: Symbol"); in front matter Jekyll
warns ("Error reading file") and builds the page without its front matter."""
from __future__ import annotations

import pytest

from conftest import diagnostics_of
from specsite.config import ConfigError
from specsite.frontmatter import YamlError, load_yaml


@pytest.mark.parametrize("text", ["style: :compressed\n", "list:\n  - :a\n", ":key: 1\n", "k: ::x\n"])
def test_a_plain_symbol_is_refused(text):
    with pytest.raises(YamlError) as err:
        load_yaml(text)
    assert "Symbol" in err.value.message


@pytest.mark.parametrize("text,value", [("k: ':a'\n", ":a"), ('k: ":a"\n', ":a"), ("k: a:b\n", "a:b"),
                                        ("k: |\n  :a\n", ":a\n"), ("k: http://x\n", "http://x")])
def test_quoted_or_inner_colons_are_strings(text, value):
    assert load_yaml(text)["k"] == value


def test_a_symbol_in_the_configuration_stops_the_build(site_factory):
    with pytest.raises(ConfigError) as err:
        site_factory({"_config.yml": "title: t\nsass:\n  style: :compressed\n", "a.md": "x\n"})
    assert err.value.line == 3 and "Symbol" in err.value.message
    assert "without its leading ':' (style: compressed)" in err.value.hint  # (18F/api-standards' _config.yml)


def test_a_symbol_in_front_matter_drops_the_front_matter(site_factory):
    site = site_factory({"_config.yml": "title: t\n", "_layouts/default.html": "[{{ content }}]",
                         "a.md": "---\nlayout: default\nk: :sym\n---\nbody {{ page.k }}\n"})
    found = diagnostics_of(site, "front-matter")
    assert [(d.severity, d.line) for d in found] == [("warning", 3)]


def test_a_symbol_in_a_data_file_is_an_error(site_factory):
    site = site_factory({"_config.yml": "title: t\n", "_data/d.yml": "a: :b\n", "a.md": "{{ site.data.d.a }}\n"})
    assert [(d.severity, d.path, d.line) for d in diagnostics_of(site, "data-file")] == [("error", "_data/d.yml", 1)]


@pytest.mark.parametrize("text,value", [("k: -.5\n", -0.5), ("k: +.25\n", 0.25), ("k: .5\n", 0.5), ("k: -.x\n", "-.x"),
                                        ("k: [-.5, 1]\n", [-0.5, 1])])
def test_a_signed_point_float_is_psychs_float(text, value):
    """Psych's ScalarScanner::FLOAT takes `-.5` (PyYAML's resolver reads it as a string);
    Jekyll 4.3.1 writes `{{ page.k }}` as -0.5 and jsonify gives a number."""
    assert load_yaml(text)["k"] == value


@pytest.mark.parametrize("scalar,value", [("+.5_0", "+.5_0"), (".5_0", ".5_0"), ("1.5_0", "1.5_0"), ("-.5_", "-.5_"),
                                          ("1_0.5", 10.5), ("1.", 1.0), ("-.", "-."), ("-.5e+3", -500.0)])
def test_a_float_has_no_underscore_after_its_point(scalar, value, site_factory):
    """Psych's FLOAT is `[-+]?([0-9][0-9_,]*)?\\.[0-9]*`: no '_' after the point, where PyYAML's
    resolver takes `1.5_0` and `+.5_0` as 1.5 and 0.5 (Jekyll 4.3.1 writes them as strings), in
    front matter and in a data file alike."""
    assert load_yaml(f"k: {scalar}\n")["k"] == value
    from conftest import page_of
    site = site_factory({"_config.yml": "title: t\n", "_layouts/none.html": "{{ content }}",
                         "_data/d.yml": f"k: {scalar}\n",
                         "a.html": f"---\nlayout: none\nk: {scalar}\n---\n{{{{ page.k | inspect }}}} {{{{ site.data.d.k | inspect }}}}\n"})
    shown = f'&quot;{value}&quot;' if isinstance(value, str) else repr(value)
    assert page_of(site, "a.html").html.strip() == f"{shown} {shown}"


def test_jsonify_writes_a_keys_ruby_text(site_factory):
    """Ruby's to_json writes a key with to_s: YAML's `yes:` key is true, written "true"."""
    from conftest import page_of
    site = site_factory({"_config.yml": "title: t\n", "_layouts/none.html": "{{ content }}",
                         "_data/y.yml": "yes: 1\n2: b\nnull: c\n",
                         "a.html": "---\nlayout: none\n---\n{{ site.data.y | jsonify }}\n"})
    assert page_of(site, "a.html").html.strip() == '{"true":1,"2":"b","":"c"}'


def test_a_date_key_is_a_key(site_factory):
    """Psych reads `2020-01-01:` as a Date key, which Jekyll 4.3.1 builds with (to_s in Liquid and
    jsonify); specsite refused the file ("found an unhashable key") and wrote nothing."""
    from conftest import page_of
    site = site_factory({"_config.yml": "title: t\n", "_layouts/none.html": "{{ content }}",
                         "_data/d.yml": "h:\n  2020-01-01: f\n  a: b\n",
                         "a.html": "---\nlayout: none\nk:\n  2020-05-06: x\n---\n"
                                   "{% for p in site.data.d.h %}{{ p[0] }}={{ p[1] }};{% endfor %}"
                                   "{% for p in page.k %}{{ p[0] }}={{ p[1] }};{% endfor %}{{ site.data.d.h | jsonify }}\n"})
    assert page_of(site, "a.html").html.strip() == '2020-01-01=f;a=b;2020-05-06=x;{"2020-01-01":"f","a":"b"}'


# Psych's own readings, as `ruby -e 'p Psych.safe_load(TEXT, permitted_classes: [Date, Time], aliases: true)'`
# prints them (Ruby 3.1, Psych 4.0.3, the YAML Jekyll 4.3.1 loads front matter and data with)
PSYCH_READINGS = [
    # ToRuby#revive_hash: a merge is hash.merge! where the `<<` stands; what is no mapping stays a "<<" key
    ("base: &b {x: 1, y: two}\nm: {y: 3, <<: *b}\n", '{"base"=>{"x"=>1, "y"=>"two"}, "m"=>{"y"=>"two", "x"=>1}}'),
    ("base: &b {x: 1, y: two}\nm: {<<: [*b, {z: 9}]}\n", '{"base"=>{"x"=>1, "y"=>"two"}, "m"=>{"z"=>9, "x"=>1, "y"=>"two"}}'),
    ("base: &b {x: 1}\nm: {'<<': *b}\n", '{"base"=>{"x"=>1}, "m"=>{"x"=>1}}'),
    ("base: &b {x: 1}\nm: {<<: [*b, 3]}\n", '{"base"=>{"x"=>1}, "m"=>{"<<"=>[{"x"=>1}, 3]}}'),
    ("base: &b [1, 2]\nm:\n  <<: *b\n  extra: e\n", '{"base"=>[1, 2], "m"=>{"<<"=>[1, 2], "extra"=>"e"}}'),
    ("base: &b scalar\nm: {<<: *b, <<: {z: 1}}\n", '{"base"=>"scalar", "m"=>{"<<"=>"scalar", "z"=>1}}'),
    ("m: {<<: [{a: 1}, {a: 2}]}\n", '{"m"=>{"a"=>1}}'),
    ("k: 1\n<<: 5\n", '{"k"=>1, "<<"=>5}'),
    # a mapping as a key: Liquid written into front matter (`published: {{ site.x }}`) is a flow
    # mapping whose key is a mapping, which Psych's Hash takes (Jekyll keeps the front matter)
    ("published: {{ site.x }}\nk: {{a: 1}: 2}\n", '{"published"=>{{"site.x"=>nil}=>nil}, "k"=>{{"a"=>1}=>2}}'),
    # a tag Psych has no class for is ignored; !!omap is a Hash, !!binary the decoded string
    ("v: !custom thing\n", '{"v"=>"thing"}'), ("v: !custom [1]\n", '{"v"=>[1]}'), ("v: !!python/x 1\n", '{"v"=>1}'),
    ("v: !!omap [a: 1, b: 2]\n", '{"v"=>{"a"=>1, "b"=>2}}'), ("v: !!binary aGVsbG8=\n", '{"v"=>"hello"}'),
    # an !!omap item of several keys gives its first key the last value; the ones between are never
    # read (Nasjonal Turbase's `params: !!omap` list: `- name: :type` is no Symbol error)
    ("x: !!omap\n  - name: :type\n    requ: P\n    type: string\n  - name: limit\n    type: number\n",
     '{"x"=>{"name"=>"number"}}'),
    ("x: !!omap\n  - [k, v, w]\n  - [a, b]\n", '{"x"=>{"k"=>"w", "a"=>"b"}}'), ("x: !!omap []\n", '{"x"=>{}}'),
    # !!binary is String#unpack1("m"): lenient (no padding needed, other characters skipped, '=' ends it)
    ("v: !!binary YQ\n", '{"v"=>"a"}'), ("v: !!binary 'YW=Jj'\n", '{"v"=>"a"}'),
    ("v: !!binary |\n  YWJj\n  ZA==\n", '{"v"=>"abcd"}'), ("v: !!binary 'Y WJ j'\n", '{"v"=>"abc"}'),
    # base 60 floats add up as the integers do: 1 * 60**2 + 30.5 * 60
    ("v: 1:30.5\n", '{"v"=>5430.0}'),
    # true and 1, false and 0, 1 and 1.0 are two keys each to Ruby's Hash
    ("{true: 1, 1: 2}\n", "{true=>1, 1=>2}"), ("{1: 1, true: 2, 1.0: 3, 0: 4, false: 5}\n", "{1=>1, true=>2, 1.0=>3, 0=>4, false=>5}"),
    ("? [a, b]\n: complex\n", '{["a", "b"]=>"complex"}'),
    # Psych.safe_load returns the first document as soon as it is read: what follows is never read
    ("a: 1\n%YAML 1.1\nb: 2\n", '{"a"=>1}'), ("a: 1\n---\nb: [\n", '{"a"=>1}'), ("a: [1]\n...\nzz: [\n", '{"a"=>[1]}'),
    # a Date before 1582-10-15 is a Julian calendar day (Date::ITALY)
    ("v: 0999-12-31\n", '{"v"=>#<Date: 0999-12-31 ((2086307j,0s,0n),+0s,2299161j)>}'),
    ("v: 1582-10-15\n", '{"v"=>#<Date: 1582-10-15 ((2299161j,0s,0n),+0s,2299161j)>}'),
]


@pytest.mark.parametrize("text,shown", PSYCH_READINGS)
def test_psych_merges_tags_and_dates(text, shown):
    from specsite.jekyll.rubystr import inspect
    assert inspect(load_yaml(text)) == shown


@pytest.mark.parametrize("text,name", [("v: !!set {a, b}\n", "Psych::Set"), ("v: !ruby/object:Foo {}\n", "Foo"),
                                       ("v: !!omap {a: 1}\n", "Psych::Omap"), ("x: !!omap\n  - a: 1\n    b: :s\n", "Symbol")])
def test_classes_safe_load_refuses(text, name):
    with pytest.raises(YamlError) as err:
        load_yaml(text)
    assert f"Tried to load unspecified class: {name}" in err.value.message


@pytest.mark.skipif(__import__("shutil").which("ruby") is None, reason="ruby is not installed")
def test_psych_itself_still_reads_them_so():
    import json
    import subprocess
    script = ('require "json"; require "date"; require "psych"; JSON.parse(STDIN.read).each { |d| '
              'puts Psych.safe_load(d, permitted_classes: [Date, Time], aliases: true).inspect }')
    out = subprocess.run(["ruby", "-e", script], input=json.dumps([t for t, _ in PSYCH_READINGS]), cwd="/",
                         capture_output=True, text=True, check=True).stdout.splitlines()
    assert out == [shown for _, shown in PSYCH_READINGS]


@pytest.mark.parametrize("text, where, opened", [
    ("a: 1\ntitle: [oops\n", (2, 8), "["), ("title: [oops\nb: 2\n", (1, 8), "["),
    ("a: {x: 1\nb: 2\n", (1, 4), "{"), ("a: {x: 1\n", (1, 4), "{")])
def test_an_unclosed_flow_collection_is_reported_where_it_opens(tmp_path, text, where, opened):
    """Psych (Jekyll 4.3.1) names an unclosed [ or { at its opening ("while parsing a flow sequence
    at line 2 column 8"), not at the end of the text where the parser gave up; the configuration
    error says so, with how to fix it."""
    from conftest import jekyll_build, make_site
    site = make_site(tmp_path / "s", {"_config.yml": text, "index.md": "---\n---\nx\n"})
    said = jekyll_build(site, tmp_path / "out", check=False)
    assert said.returncode != 0 and f"at line {where[0]} column {where[1]}" in said.stdout + said.stderr
    with pytest.raises(YamlError) as err:
        load_yaml(text)
    assert (err.value.line, err.value.column) == where
    assert f"this '{opened}' is never closed" in err.value.message and "quote the value" in err.value.hint


def test_the_configuration_and_data_files_say_how_to_fix_bad_yaml(site_factory):
    """A YAML error in _config.yml or a data file carries a hint, as front matter's does."""
    with pytest.raises(ConfigError) as err:
        site_factory({"_config.yml": "title: [t\n", "a.md": "x\n"})
    assert err.value.hint.startswith("Close it with ']'")
    site = site_factory({"_config.yml": "title: t\n", "_data/x.yml": "a:\n  b: 1\n c: 2\n", "a.md": "x\n"})
    [diag] = diagnostics_of(site, "data-file")
    assert (diag.line, diag.hint) == (3, "Indent the keys of one mapping alike, and quote a value that goes on "
                                         "after a closing quote (title: '\"A\" B').")
    site = site_factory({"_config.yml": "title: t\n", "_data/j.json": '{"a": 1,\n "b": }\n', "a.md": "x\n"})
    [diag] = [d for d in diagnostics_of(site, "data-file") if d.path == "_data/j.json"]
    assert (diag.line, diag.column) == (2, 7) and diag.hint.startswith("Correct the JSON at the place named")


@pytest.mark.parametrize("front, hint", [
    ('title: A: B\n', "Quote values that contain ': ' (title: \"A: B\")"),
    ('title: "A" B\n', "Indent the keys of one mapping alike"),
    ('a:\n  b: 1\n c: 2\n', "Indent the keys of one mapping alike"),
    ('title: @x\n', "Quote a value that starts with '@'"),
    # (GSA/idmanagement.gov's _config.yml; Jekyll 4.3.1 stops at it: "did not find expected key")
    ('nav:\n  - name: A\n    url: {{ site.baseurl }}/playbooks/dira/\n', "Liquid does not run in YAML"),
])
def test_front_matter_yaml_errors_get_the_hint_of_their_own_error(site_factory, front, hint):
    """The ': ' hint goes only with the error it fixes ("mapping values are not allowed"), not with
    "did not find expected key" or a character that cannot start a value."""
    site = site_factory({"_config.yml": "title: t\n", "a.md": f"---\n{front}---\nx\n"})
    [diag] = diagnostics_of(site, "front-matter")
    assert diag.hint.startswith(hint)
    assert ("': '" in diag.hint) == ("A: B" in front)
