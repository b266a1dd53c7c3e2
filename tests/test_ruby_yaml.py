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
