"""A `kramdown:` option that changes Jekyll's HTML and that specsite does not follow is a
`jekyll-unsupported` warning at its _config.yml line (kramdown_options.not_followed), never silently
different output. Where `jekyll` is installed, each option is shown to change Jekyll 4.3.1's page."""
from __future__ import annotations

import shutil

import pytest

from conftest import build_site, diagnostics_of, jekyll_build, make_site

JEKYLL = shutil.which("jekyll")
PAGE = ("---\nlayout: default\n---\nEntities: &copy; &hellip; \"quoted\"\n\n<b>bold</b> and <span>*em*</span>\n\n"
        "A [predef] link.\n\n中文第一行\n中文第二行\n")
OPTIONS = {"entity_output": "numeric", "remove_line_breaks_for_cjk": "true", "html_to_native": "true",
           "link_defs": "{predef: ['http://x.example/', 'T']}", "parse_span_html": "false", "template": "document"}
# values that are kramdown's defaults (or change nothing): no warning
DEFAULTS = {"entity_output": "as_char", "remove_line_breaks_for_cjk": "false", "html_to_native": "false",
            "link_defs": "{}", "parse_span_html": "true", "template": "''"}


def _files(option: str | None, value: str = "") -> dict:
    extra = f"  {option}: {value}\n" if option else ""
    return {"_config.yml": f"title: t\nkramdown:\n  input: GFM\n{extra}", "_layouts/default.html": "{{ content }}",
            "page.md": PAGE}


@pytest.mark.parametrize("option", sorted(OPTIONS))
def test_an_option_specsite_does_not_follow_is_a_warning_at_its_line(tmp_path, option):
    site = build_site(make_site(tmp_path / "site", _files(option, OPTIONS[option])))
    found = [d for d in diagnostics_of(site, "jekyll-unsupported") if option in d.message]
    assert [(d.path, d.line, d.severity) for d in found] == [("_config.yml", 4, "warning")]


@pytest.mark.parametrize("option", sorted(DEFAULTS))
def test_the_default_value_is_no_warning(tmp_path, option):
    site = build_site(make_site(tmp_path / "site", _files(option, DEFAULTS[option])))
    assert not diagnostics_of(site, "jekyll-unsupported")


def _jekyll_page(root, out) -> str:
    jekyll_build(root, out)
    return (out / "page.html").read_text(encoding="utf-8")


@pytest.mark.skipif(JEKYLL is None, reason="jekyll is not installed")
@pytest.mark.parametrize("option", sorted(OPTIONS))
def test_jekyll_writes_another_page_with_it_and_the_same_without(tmp_path, option):
    plain = _jekyll_page(make_site(tmp_path / "plain", _files(None)), tmp_path / "o1")
    assert _jekyll_page(make_site(tmp_path / "set", _files(option, OPTIONS[option])), tmp_path / "o2") != plain
    assert _jekyll_page(make_site(tmp_path / "dflt", _files(option, DEFAULTS[option])), tmp_path / "o3") == plain
