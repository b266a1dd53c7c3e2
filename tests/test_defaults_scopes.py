"""Front matter defaults from several matching `defaults:` entries, as Jekyll 4.3.1's
FrontmatterDefaults combines them: nine overlapping scopes (path "" twice, a folder, a folder with
type pages, a glob, type posts, a collection label, a folder of a collection, a folder with type
posts), nested values deep-merged (Utils.deep_merge_hashes: the more specific entry's keys win, a
later entry of equal specificity wins), a page's own front matter over them, lists replaced not
merged, default tags and categories in site.tags and site.categories. Checked against real Jekyll
(no difference found): tests/fixtures/defaults-scopes/_expected is its build."""
from __future__ import annotations

import shutil

import pytest

from fixture_sites import built_pages, jekyll_equality_tests

built = built_pages("defaults-scopes")
test_page_equals_jekylls_own_build, test_real_jekyll_still_builds_the_expected_output = \
    jekyll_equality_tests("defaults-scopes", exact=True)


# `defaults:` Jekyll 4.3.1 builds with (FrontmatterDefaults#valid_sets), and what a page's `x` is then
IGNORED = {
    "not-a-list": ("defaults:\n  values: {x: 1}\n", 2, "[]"),
    "values-a-list": ("defaults:\n  - scope: {path: ''}\n    values: [a, b]\n  - scope: {path: ''}\n    values: {x: 2}\n",
                      3, "[2]"),
    "entry-a-string": ("defaults:\n  - oops\n  - scope: {path: ''}\n    values: {x: 3}\n", 3, "[3]"),
}


def _ignored_site(tmp_path, config):
    from conftest import make_site
    return make_site(tmp_path / "site", {"_config.yml": "title: t\n" + config, "_layouts/default.html": "{{ content }}",
                                         "a.md": "---\nlayout: default\n---\n[{{ page.x }}]\n"})


@pytest.mark.parametrize("case", sorted(IGNORED))
def test_defaults_jekyll_leaves_out_are_a_warning_and_left_out(tmp_path, case):
    from conftest import build_site, diagnostics_of
    config, line, shown = IGNORED[case]
    out = tmp_path / "out"
    site = build_site(_ignored_site(tmp_path, config), write=True, out=out)
    assert [(d.path, d.line, d.severity) for d in diagnostics_of(site, "config")] == [("_config.yml", line, "warning")]
    assert (out / "a.html").read_text().strip() == f"<p>{shown}</p>"


@pytest.mark.skipif(shutil.which("jekyll") is None, reason="jekyll is not installed")
@pytest.mark.parametrize("case", sorted(IGNORED))
def test_jekyll_builds_them_so(tmp_path, case):
    from conftest import jekyll_build
    config, _, shown = IGNORED[case]
    out = tmp_path / "out"
    jekyll_build(_ignored_site(tmp_path, config), out)
    assert (out / "a.html").read_text().strip() == f"<p>{shown}</p>"
