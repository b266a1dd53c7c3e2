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


def test_jsonify_writes_a_keys_ruby_text(site_factory):
    """Ruby's to_json writes a key with to_s: YAML's `yes:` key is true, written "true"."""
    from conftest import page_of
    site = site_factory({"_config.yml": "title: t\n", "_layouts/none.html": "{{ content }}",
                         "_data/y.yml": "yes: 1\n2: b\nnull: c\n",
                         "a.html": "---\nlayout: none\n---\n{{ site.data.y | jsonify }}\n"})
    assert page_of(site, "a.html").html.strip() == '{"true":1,"2":"b","":"c"}'
