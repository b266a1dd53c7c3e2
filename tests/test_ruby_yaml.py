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
