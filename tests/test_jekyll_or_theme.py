"""One answer to "is this site written as Jekyll writes it, or in specsite's theme?"
(discover.filter.renders_as_jekyll), asked by the reader (is `sidebar:` the layouts' data?), the
build's renderers and the theme warnings alike; and releases/ as specsite's input only where
specsite's release notes are (a `<version>/release.yml`).

The edge cases where the reader and the renderers used to answer differently each have a case:
a gem theme plus a `specsite:` key (a Jekyll site: tests/fixtures/gem-theme-specsite-key, whose
`_expected` is Jekyll 4.3.1's build), `_layouts` plus specsite `templates/layouts` (specsite's
theme, with the site's Jinja2 layouts), `--theme jekyll` over both. A Jekyll site's own releases/
and templates/ (tests/fixtures/jekyll-releases-folder, jekyll-templates-folder: Jekyll's builds) stay
its pages and files; a releases/ of specsite's
release notes makes a site without layouts specsite's own.
"""
from __future__ import annotations

import pytest

from conftest import FIXTURES, build_site, diagnostics_of, make_site
from fixture_sites import built_pages, jekyll_equality_tests, site_and_pages
from specsite.gems import find_gem

needs_minima = pytest.mark.skipif(find_gem("minima") is None, reason="the minima gem is not installed")

OWN_FOLDERS = ("jekyll-releases-folder", "jekyll-templates-folder")
site_and_out, _ = site_and_pages("jekyll-releases-folder")
built = built_pages(OWN_FOLDERS)
test_page_equals_jekylls_own_build, test_real_jekyll_still_builds_the_expected_output = \
    jekyll_equality_tests(OWN_FOLDERS)


def _files(root) -> list:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*")
                  if p.is_file() and p.name != ".specsite-manifest")


# -- a Jekyll site's own releases/ ---------------------------------------------------------------


def test_a_jekyll_sites_own_releases_folder_is_its_pages_and_files(site_and_out):
    """releases/2019/index.md, an entry-shaped releases/v1/601-notes.md (`tickets:`) and
    releases/v1/notes.txt are written as Jekyll writes them, and the build is not stopped by a
    release-missing-file error (it was: 'nothing written')."""
    site, out = site_and_out
    assert _files(out) == _files(FIXTURES / "jekyll-releases-folder" / "_expected")
    assert site.releases == [] and not [d for d in diagnostics_of(site) if d.rule.startswith("release-")]


def test_a_jekyll_sites_own_templates_folder_is_its_content(tmp_path):
    """templates/includes/note.html in a Jekyll site (tests/fixtures/jekyll-templates-folder): copied,
    as Jekyll copies it, and `{% include note.html %}` takes _includes/note.html (specsite looked in
    templates/includes first and left the folder out); in specsite's own source it is an include folder."""
    fixture = FIXTURES / "jekyll-templates-folder"
    build_site(fixture, write=True, out=tmp_path / "out")
    assert _files(tmp_path / "out") == _files(fixture / "_expected")
    import shutil
    shutil.copytree(fixture, tmp_path / "own", ignore=shutil.ignore_patterns("_expected"))
    with open(tmp_path / "own" / "_config.yml", "a", encoding="utf-8") as config:
        config.write("specsite: {}\n")
    build_site(tmp_path / "own", write=True, out=tmp_path / "own-out")
    assert "from templates/includes" in (tmp_path / "own-out" / "index.html").read_text(encoding="utf-8")
    assert not (tmp_path / "own-out" / "templates").exists()


def test_release_notes_make_a_site_without_layouts_specsites_own(tmp_path):
    """releases/<version>/release.yml is specsite's input, which Jekyll never reads: a site that has
    them and no layouts is specsite's own, rendered in its theme (release pages with the navigation),
    not bare pages with an unknown-layout warning for each generated page."""
    src = make_site(tmp_path / "src", {
        "_config.yml": "title: T\n",
        "index.md": "---\ntitle: Home\n---\n# Home\n",
        "releases/1.0.0/release.yml": "version: 1.0.0\nstatus: published\ndate: 2024-01-02\nintroduction: First.\n",
        "releases/1.0.0/601-first-change.md": "---\ntitle: First change\ntickets: [601]\n---\n\nChanged.\n"})
    site = build_site(src, write=True, out=tmp_path / "out")
    assert (tmp_path / "out" / "assets/css/theme.css").is_file()
    assert "First change" in (tmp_path / "out" / "overview_release_notes_1_0_0.html").read_text(encoding="utf-8")
    assert diagnostics_of(site, "unknown-layout") == []


def test_release_notes_in_a_jekyll_site_with_layouts_use_its_page_layout(tmp_path):
    """With `_layouts/`, the same releases render through the site's own `page` layout."""
    src = make_site(tmp_path / "src", {
        "_config.yml": "title: T\n",
        "_layouts/page.html": "<main class=own>{{ content }}</main>\n",
        "index.md": "---\ntitle: Home\nlayout: page\n---\n# Home\n",
        "releases/1.0.0/release.yml": "version: 1.0.0\nstatus: published\ndate: 2024-01-02\nintroduction: First.\n",
        "releases/1.0.0/601-first-change.md": "---\ntitle: First change\ntickets: [601]\n---\n\nChanged.\n"})
    build_site(src, write=True, out=tmp_path / "out")
    page = (tmp_path / "out" / "overview_release_notes_1_0_0.html").read_text(encoding="utf-8")
    assert page.startswith("<main class=own>") and "First change" in page
    assert not (tmp_path / "out" / "assets/css/theme.css").exists()


# -- the edge cases of the one predicate -----------------------------------------------------------


@needs_minima
def test_a_gem_theme_site_with_a_specsite_key_is_written_as_jekyll_writes_it(tmp_path):
    """minima's layouts make it a Jekyll site, whatever `specsite:` says: every page equals Jekyll's
    own build (tests/fixtures/gem-theme-specsite-key/_expected), and its `sidebar: {nav: docs}`
    is the layouts' data — no front-matter warning (the reader, which did not see the gem's
    layouts, warned that it named no sidebar)."""
    from htmlnorm import html_files, normalised
    fixture = FIXTURES / "gem-theme-specsite-key"
    site = build_site(fixture, write=True, out=tmp_path / "out")
    assert diagnostics_of(site, "front-matter") == []
    ours, theirs = html_files(tmp_path / "out"), html_files(fixture / "_expected")
    assert sorted(ours) == sorted(theirs)
    assert all(normalised(ours[page]) == normalised(theirs[page]) for page in theirs)


@needs_minima
def test_real_jekyll_still_builds_the_gem_and_key_fixture(tmp_path):
    import shutil
    if shutil.which("jekyll") is None:
        pytest.skip("jekyll is not installed")
    from htmlnorm import assert_jekyll_builds_expected
    assert_jekyll_builds_expected(FIXTURES / "gem-theme-specsite-key", tmp_path)


LAYOUTS_AND_TEMPLATES = {
    "_config.yml": "title: T\n",
    "_layouts/default.html": "<main class=own>{{ content }}</main>\n",
    "templates/layouts/.keep": "",
    "index.md": "---\ntitle: Home\nlayout: default\nsidebar:\n  nav: docs\n---\n# Home\n",
}


def test_layouts_beside_specsite_templates_layouts_render_in_the_theme(tmp_path):
    """`_layouts/` plus specsite `templates/layouts/`: the Jinja2 layouts override specsite's theme
    file by file, so the site is rendered in it (README, Layouts) — and the reader agrees, so the
    `sidebar:` mapping, which names no sidebar of the theme, is the warning it is there (the reader
    read it as the layouts' data while the theme rendered the page)."""
    src = make_site(tmp_path / "src", LAYOUTS_AND_TEMPLATES)
    site = build_site(src, write=True, out=tmp_path / "out")
    assert (tmp_path / "out" / "assets/css/theme.css").is_file()
    assert "class=own" not in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert [d.line for d in diagnostics_of(site, "front-matter")] == [4]


def test_theme_jekyll_writes_layouts_and_templates_as_jekyll_would(tmp_path):
    """`--theme jekyll` asks for Jekyll's way even where specsite templates/layouts exist (the
    renderers put it in the theme): the page goes through `_layouts/default.html`."""
    src = make_site(tmp_path / "src", LAYOUTS_AND_TEMPLATES)
    site = build_site(src, write=True, out=tmp_path / "out", theme="jekyll")
    assert (tmp_path / "out" / "index.html").read_text(encoding="utf-8").startswith("<main class=own>")
    assert not (tmp_path / "out" / "assets/css/theme.css").exists()
    assert diagnostics_of(site, "front-matter") == []


@pytest.mark.parametrize("files, theme, expected", [
    ({"_layouts/x.html": ""}, None, True),
    ({"_layouts/x.html": "", "templates/layouts/x.html": ""}, None, False),
    ({"_layouts/x.html": "", "templates/layouts/x.html": ""}, "jekyll", True),
    ({"templates/partials/x.html": ""}, None, False),
    ({}, None, True),
    ({}, "specsite", False),
    ({"releases/1.0.0/release.yml": "version: 1.0.0\n"}, None, False),
    ({"releases/2019/index.md": "---\n---\n"}, None, True),
], ids=["layouts", "layouts+templates", "theme-jekyll", "partials", "bare", "theme-specsite",
        "release-notes", "own-releases"])
def test_reader_and_renderers_give_one_answer(tmp_path, files, theme, expected):
    """The reader's answer (Reader.as_jekyll) is the renderers' (build.renderers.jekyll_layouts)."""
    from specsite.build.renderers import jekyll_layouts
    from specsite.config import load_config
    from specsite.diagnostics import Diagnostics
    from specsite.discover import discover
    from specsite.discover import reader as reader_module
    seen = []
    original = reader_module.Reader.__init__

    def spy(self, *args, **kw):
        original(self, *args, **kw)
        seen.append(self.as_jekyll)
    src = make_site(tmp_path / "src", {"_config.yml": "title: T\n", "index.md": "---\n---\nx\n", **files})
    config = load_config(src, tmp_path / "out", theme=theme)
    reader_module.Reader.__init__ = spy
    try:
        sources = discover(config, Diagnostics())
    finally:
        reader_module.Reader.__init__ = original
    assert seen == [expected] and jekyll_layouts(config, sources) is expected
