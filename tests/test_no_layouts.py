"""A Jekyll site without layouts (no `_layouts/`, no gem theme; a `remote_theme:` Jekyll does not
fetch) is written as Jekyll 4.3.1 writes it: each page's converted content alone, a warning for
each `layout:` that exists nowhere, and no theme assets. specsite's theme is kept for specsite's own
sources: a `specsite:` mapping in `_config.yml`, Jinja2 `templates/layouts` or `templates/partials`,
no `_config.yml` at all, or `--theme specsite`. tests/fixtures/no-layouts/_expected is Jekyll
4.3.1's own build; where `jekyll` is installed, one test builds it again and compares."""
from __future__ import annotations

import pytest

from conftest import FIXTURES, build_site, diagnostics_of, make_site
from fixture_sites import jekyll_equality_tests, site_and_pages

SITE = FIXTURES / "no-layouts"
site_and_out, built = site_and_pages("no-layouts")
test_page_equals_jekylls_own_build, test_real_jekyll_still_builds_the_expected_output = \
    jekyll_equality_tests("no-layouts")


def _files(root) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and p.name != ".specsite-manifest"}


def test_the_output_is_jekylls_files_and_no_theme_assets(site_and_out):
    """Every file Jekyll writes (feed.xml, the copied stylesheet byte for byte) and nothing else:
    no assets/css/theme.css, assets/js/…, search index."""
    ours, theirs = _files(site_and_out[1]), _files(SITE / "_expected")
    assert sorted(ours) == sorted(theirs)
    assert ours["assets/style.css"] == theirs["assets/style.css"]
    assert ours["feed.xml"] == theirs["feed.xml"]


def test_each_missing_layout_is_jekylls_build_warning_at_its_line(site_and_out):
    found = [(d.path, d.line) for d in diagnostics_of(site_and_out[0], "unknown-layout")]
    assert found == [("_posts/2020-01-02-first.md", 2), ("index.md", 2), ("sub/deep.md", 3)]
    message = next(d.message for d in diagnostics_of(site_and_out[0], "unknown-layout") if d.path == "index.md")
    assert "Layout 'default' requested in index.md does not exist" in message


def test_the_remote_theme_warning_says_pages_are_written_without_a_layout(site_and_out):
    (warning,) = diagnostics_of(site_and_out[0], "jekyll-unsupported")
    assert (warning.path, warning.line) == ("_config.yml", 5)
    assert "written without one" in warning.message and "documentation theme" not in warning.message


def _theme_written(tmp_path, files: dict, **kw) -> bool:
    src = make_site(tmp_path / "src", {"index.md": "---\nlayout: default\n---\n# Home\n", **files})
    build_site(src, write=True, out=tmp_path / "out", **kw)
    return (tmp_path / "out" / "assets/css/theme.css").is_file()


@pytest.mark.parametrize("files", [
    {"_config.yml": "title: T\nspecsite:\n  spec_name: T\n"},  # the sample site's kind
    {"_config.yml": "title: T\n", "templates/partials/.keep": ""},
    {"_config.yml": "title: T\n", "templates/layouts/.keep": ""},
    {},  # no _config.yml at all
], ids=["specsite-mapping", "templates-partials", "templates-layouts", "no-config"])
def test_specsites_own_sources_keep_its_theme(tmp_path, files):
    assert _theme_written(tmp_path, files)


def test_theme_specsite_asks_for_the_theme(tmp_path):
    assert _theme_written(tmp_path, {"_config.yml": "title: T\n"}, theme="specsite")


def test_a_jekyll_config_without_layouts_writes_no_theme(tmp_path):
    """specsite includes alone (templates/includes) do not make the source specsite's own."""
    assert not _theme_written(tmp_path, {"_config.yml": "title: T\n", "templates/includes/x.html": "x"})
    assert (tmp_path / "out" / "index.html").read_text(encoding="utf-8") == '<h1 id="home">Home</h1>\n'



def test_theme_jekyll_writes_specsites_own_source_as_jekyll_would(tmp_path):
    assert not _theme_written(tmp_path, {"_config.yml": "title: T\nspecsite: {}\n"}, theme="jekyll")
