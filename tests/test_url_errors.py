"""Where Jekyll 4.3.1 stops the build while making a URL (jekyll/url.rb), specsite stops too, with a
`permalink-invalid` error at the permalink (specsite/jekyll/url_errors.py); where Jekyll writes a
page, specsite writes it at the same path. Where `jekyll` is installed, each case is built by it too."""
from __future__ import annotations

import shutil

import pytest

from conftest import build_site, diagnostics_of, jekyll_build, make_site

JEKYLL = shutil.which("jekyll")
BASE = {"_config.yml": "title: t\n", "_layouts/default.html": "{{ content }}"}

# (files, the page at fault, its line, what Jekyll 4.3.1 prints)
FAILING = {
    "post-output-ext": ({"_posts/2020-01-01-p.md": "---\npermalink: /c/:title.:output_ext\n---\nhi\n"},
                        "_posts/2020-01-01-p.md", 2, "Invalid scheme format: '.'"),
    "page-output-ext": ({"pg.md": "---\npermalink: /d/:basename.:output_ext\n---\nhi\n"},
                        "pg.md", 2, "Invalid scheme format: '.'"),
    "unknown-placeholder": ({"_posts/2020-01-01-p.md": "---\npermalink: /:lang/:title/\n---\nhi\n"},
                            "_posts/2020-01-01-p.md", 2, "The URL template doesn't have lang keys"),
    "file-name-scheme": ({"1:x.md": "---\n---\nhi\n"}, "1:x.md", 1, "Invalid scheme format: '1'"),
    "category-scheme": ({"_posts/2020-01-01-a.md": "---\ncategories: ['1:x']\n---\nhi\n"},
                        "_posts/2020-01-01-a.md", 1, "Invalid scheme format: '1'"),
}


@pytest.mark.parametrize("case", sorted(FAILING))
def test_a_url_jekyll_cannot_make_fails_the_build_at_its_line(tmp_path, case):
    files, rel, line, jekyll_says = FAILING[case]
    site = build_site(make_site(tmp_path / "site", BASE | files))
    found = diagnostics_of(site, "permalink-invalid")
    assert [(d.path, d.line, d.severity) for d in found] == [(rel, line, "error")]
    assert jekyll_says in found[0].message


@pytest.mark.skipif(JEKYLL is None, reason="jekyll is not installed")
@pytest.mark.parametrize("case", sorted(FAILING))
def test_jekyll_fails_on_it(tmp_path, case):
    files, _, _, jekyll_says = FAILING[case]
    root = make_site(tmp_path / "site", BASE | files)
    run = jekyll_build(root, tmp_path / "out", check=False)
    assert run.returncode != 0 and jekyll_says in run.stderr + run.stdout


# A name the UrlDrop answers with nil is written as nothing; `:month_` is :month then "_"
# (real Jekyll 4.3.1: a/01_/p/index.html, b/q/index.html, c:d.html).
BUILT = {"_posts/2020-01-01-p.md": "---\npermalink: /a/:month_/:title/\n---\nhi\n",
         "_posts/2020-01-02-q.md": "---\npermalink: /b/:hash/:title/:to_s/:class/\n---\nhi\n",
         "c:d.md": "---\n---\nhi\n"}


FALSE_PERMALINK = {"a.md": "---\npermalink: false\n---\nx\n", "_posts/2020-01-01-x.md": "---\npermalink: false\n---\nx\n",
                   "_posts/2020-01-02-y.md": "---\nslug: 7\npermalink: /:year/:name/\n---\nx\n"}
# (files, the pages Jekyll 4.3.1 writes): `permalink: false` is no permalink, a slug the template
# does not use is never slugified
WRITTEN = {"placeholders": (BUILT, ["a/01_/p/index.html", "b/q/index.html", "c:d.html"]),
           "false-permalink": (FALSE_PERMALINK, ["2020/01/01/x.html", "2020/2020-01-02-y/index.html", "a.html"])}


def _pages(out) -> list:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))


@pytest.mark.parametrize("case", sorted(WRITTEN))
def test_the_urls_jekyll_makes_are_made(tmp_path, case):
    files, pages = WRITTEN[case]
    out = tmp_path / "out"
    site = build_site(make_site(tmp_path / "site", BASE | files), write=True, out=out)
    assert not [d for d in diagnostics_of(site) if d.severity == "error"]
    assert _pages(out) == pages


@pytest.mark.skipif(JEKYLL is None, reason="jekyll is not installed")
@pytest.mark.parametrize("case", sorted(WRITTEN))
def test_jekyll_makes_them(tmp_path, case):
    files, pages = WRITTEN[case]
    root, out = make_site(tmp_path / "site", BASE | files), tmp_path / "out"
    jekyll_build(root, out)
    assert _pages(out) == pages


CONFIG_TEMPLATES = {"_config.yml": "title: t\npermalink: /:lang/:title/\ncollections:\n  docs:\n    output: true\n"
                                   "    permalink: /d/:foo/\n",
                    "_layouts/default.html": "{{ content }}",
                    "_posts/2020-01-01-a.md": "---\n---\nhi\n", "_posts/2020-01-02-b.md": "---\n---\nhi\n",
                    "_docs/a.md": "---\n---\nhi\n", "_docs/b.md": "---\n---\nhi\n"}


def test_a_collections_template_jekyll_cannot_fill_is_one_error_at_its_config_line(tmp_path):
    """The site's `permalink:` (posts) and a collection's: each reported once, at its _config.yml line."""
    site = build_site(make_site(tmp_path / "site", CONFIG_TEMPLATES))
    found = diagnostics_of(site, "permalink-invalid")
    assert [(d.path, d.line) for d in found] == [("_config.yml", 2), ("_config.yml", 6)]
    assert site.diagnostics.count("error") == 2


@pytest.mark.skipif(JEKYLL is None, reason="jekyll is not installed")
def test_jekyll_fails_on_the_templates(tmp_path):
    root = make_site(tmp_path / "site", CONFIG_TEMPLATES)
    run = jekyll_build(root, tmp_path / "out", check=False)
    assert run.returncode != 0 and "The URL template doesn't have lang keys" in run.stderr + run.stdout


# Front matter values of a document that Jekyll 4.3.1 cannot make a URL of (its build stops), and
# `permalink: false`, which it reads as no permalink (each checked with real Jekyll below)
DOCUMENT_VALUES = {
    "slug-true": ("_posts/2020-01-01-x.md", "slug: true\n", 2, "undefined method `gsub' for true:TrueClass"),
    "slug-number": ("_posts/2020-01-01-x.md", "slug: 7\n", 2, "undefined method `gsub' for 7:Integer"),
    "permalink-number": ("_posts/2020-01-01-x.md", "permalink: 123\n", 2, "must be text"),
}


@pytest.mark.parametrize("case", sorted(DOCUMENT_VALUES))
def test_a_documents_value_jekyll_cannot_make_a_url_of_fails_at_its_line(tmp_path, case):
    rel, front, line, words = DOCUMENT_VALUES[case]
    site = build_site(make_site(tmp_path / "site", BASE | {rel: f"---\n{front}---\nhi\n"}))
    found = [d for d in diagnostics_of(site) if d.severity == "error"]
    assert [(d.path, d.line) for d in found] == [(rel, line)] and words in found[0].message


@pytest.mark.skipif(JEKYLL is None, reason="jekyll is not installed")
@pytest.mark.parametrize("case", sorted(DOCUMENT_VALUES))
def test_jekyll_fails_on_those_values(tmp_path, case):
    rel, front, _, _ = DOCUMENT_VALUES[case]
    root = make_site(tmp_path / "site", BASE | {rel: f"---\n{front}---\nhi\n"})
    run = jekyll_build(root, tmp_path / "out", check=False)
    assert run.returncode != 0


def test_categories_jekyll_cannot_merge_leave_the_document_without_its_front_matter(tmp_path):
    """Document#merge_categories! on `categories: 5` or a hash raises a TypeError that Document#read
    logs and passes: no front matter, no date from the file name (the build's date), as Jekyll 4.3.1
    wrote 2026/12/07/2020-01-01-x.html with an empty title and no layout."""
    import datetime as dt
    out = tmp_path / "out"
    files = BASE | {"_posts/2020-01-01-x.md": "---\nlayout: default\ncategories: 5\ntitle: T\n---\n[{{ page.title }}]\n"}
    site = build_site(make_site(tmp_path / "site", files), write=True, out=out)
    [warned] = [d for d in diagnostics_of(site, "front-matter")]
    assert (warned.line, warned.severity) == (3, "warning") and "Integer" in warned.message
    [page] = [p for p in out.rglob("*.html")]
    assert page.relative_to(out).as_posix().startswith(dt.date.today().strftime("%Y/%m/%d/"))
    assert page.read_text().strip() == "<p>[]</p>"
