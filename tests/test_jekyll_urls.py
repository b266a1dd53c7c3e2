"""Where Jekyll writes documents and files, and the order it lists them in: tests/fixtures/jekyll-urls
(its `_expected/` is Jekyll 4.3.1's own build; where `jekyll` is installed it is built again and
compared). Found by a differential of generated sites (permalink styles, collections, drafts,
include/exclude, odd file names) built by Jekyll and by specsite."""
from __future__ import annotations

import os
import shutil

import pytest

from conftest import FIXTURES, build_site, jekyll_build, make_site, output_of
from fixture_sites import jekyll_equality_tests
from htmlnorm import assert_jekyll_builds_expected, html_files

SITE = FIXTURES / "jekyll-urls"
EXPECTED = SITE / "_expected"
JEKYLL = shutil.which("jekyll")


def _files(root) -> set:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()} - {".specsite-manifest"}


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    build_site(SITE, write=True, out=out)
    return out


def test_the_files_written_are_jekylls(out):
    """`include: [.well-known]` keeps the folder but `exclude: ["*.txt"]` still drops its .txt (the
    include is matched on each entry's name); `percent%20name.md` is written as `percent%20name.html`
    (its URL escapes the `%`: /percent%2520name.html); a post in cat1/cat2/_posts keeps the folders
    in :path; a post and a page with one permalink: the post is written last (Site#each_site_file)."""
    assert _files(out) == _files(EXPECTED)


@pytest.fixture(scope="module")
def built(out):
    return html_files(out)


test_page_equals_jekylls_own_build, _ = jekyll_equality_tests("jekyll-urls")


def test_posts_are_newest_first_and_the_posts_collection_oldest_first(out):
    text = (out / "lists.html").read_text(encoding="utf-8")
    assert "<li>posts: /2019/12/31/first.html /posts/cat1/cat2/2020-01-02-deep.html /clash.html " \
           "/2021/02/28/last.html</li>" in text
    assert '<ul id="posts"><li>/2021/02/28/last.html</li>' in text


@pytest.mark.skipif(JEKYLL is None, reason="jekyll is not installed")
def test_real_jekyll_still_builds_the_expected_output(tmp_path):
    """Its pages and the files it writes (the helper's test compares pages only)."""
    assert _files(assert_jekyll_builds_expected(SITE, tmp_path)) == _files(EXPECTED)


def _collections_dir_site(tmp_path):
    return make_site(tmp_path / "site", {
        "_config.yml": "collections_dir: my\ncollections:\n  guides:\n    output: true\n",
        "_layouts/plain.html": "{{ content }}",
        "my/_guides/a.md": "---\n---\nA\n", "my/_guides/figure.png": "png",
        "list.html": "---\n---\n{% for f in site.static_files %}{{ f.path }};{% endfor %}"})


def test_a_collection_file_path_is_from_the_collections_dir(tmp_path):
    """StaticFile#relative_path of a collection's file: its collection's folder, without
    `collections_dir` (the other files' paths are from the source, with a leading "/")."""
    site = build_site(_collections_dir_site(tmp_path))
    assert output_of(site, "list.html") == "_guides/figure.png;"


def _jekyll_list(root, tmp_path) -> str:
    """list.html as this machine's Jekyll writes it for the site `root`."""
    jekyll_build(root, tmp_path / "j")
    return (tmp_path / "j" / "list.html").read_text()


@pytest.mark.skipif(JEKYLL is None, reason="jekyll is not installed")
def test_jekyll_gives_a_collection_file_path_from_the_collections_dir(tmp_path):
    assert _jekyll_list(_collections_dir_site(tmp_path), tmp_path) == "_guides/figure.png;"


# Jekyll 4.3.1's list.html for _singular_keys_site (this machine's Jekyll wrote it)
SINGULAR_KEYS = ("C|/multi%20word/x/2022/01/03/c.html|Multi Word,x|t1,t2\n"
                 "B|/three/four/one/two%20words/2022/01/02/b.html|three,four,one,two words|p,q\n"
                 "A|/news/spec%20updates/2022/01/01/a.html|news,Spec Updates|x y\n")


def _singular_keys_site(tmp_path):
    """`category:` and `tag:` (Utils.pluralized_array_from_hash) are taken as written: a string is
    one category, not split on spaces as `categories:` is, and `tag:` leaves `tags:` unread
    (found by a probe site: specsite wrote `category: Spec Updates` to /news/spec/updates/)."""
    return make_site(tmp_path / "site", {
        "_config.yml": "title: t\n", "_layouts/plain.html": "{{ content }}",
        "news/_posts/2022-01-01-a.md": '---\ntitle: A\ncategory: Spec Updates\ntag: "x y"\ntags: [a, b]\n---\nA\n',
        "_posts/2022-01-02-b.md": "---\ntitle: B\ncategory: [one, two words]\ncategories: three four\ntags: p q\n---\nB\n",
        "_posts/2022-01-03-c.md": "---\ntitle: C\ncategories: [Multi Word, x]\ntag: [t1, t2]\n---\nC\n",
        "list.html": '---\n---\n{% for p in site.posts %}{{ p.title }}|{{ p.url }}|{{ p.categories | join: "," }}'
                     '|{{ p.tags | join: "," }}\n{% endfor %}'})


def test_category_and_tag_are_read_as_written(tmp_path):
    site = build_site(_singular_keys_site(tmp_path))
    assert output_of(site, "list.html") == SINGULAR_KEYS


@pytest.mark.skipif(JEKYLL is None, reason="jekyll is not installed")
def test_jekyll_reads_category_and_tag_as_written(tmp_path):
    assert _jekyll_list(_singular_keys_site(tmp_path), tmp_path) == SINGULAR_KEYS


def _draft_site(tmp_path):
    """A draft without a date (its file's modification time, 2020) among posts of 2019 and 2021."""
    root = make_site(tmp_path / "site", {
        "_config.yml": "show_drafts: true\n", "_layouts/plain.html": "{{ content }}",
        "_posts/2019-01-01-old.md": "---\n---\nold\n", "_posts/2021-01-01-new.md": "---\n---\nnew\n",
        "_drafts/draft.md": "---\n---\nd\n",
        "list.html": "---\n---\n{% for p in site.posts %}{{ p.slug }};{% endfor %}"
                     "|{% for p in site.collections[0].docs %}{{ p.slug }};{% endfor %}"})
    stamp = 1590000000  # 2020-05-20
    os.utime(root / "_drafts" / "draft.md", (stamp, stamp))
    return root


def test_a_draft_sorts_by_its_modification_time(tmp_path):
    """Publisher#hidden_in_the_future? asks Document#date, which gives a draft its file's
    modification time before the posts are sorted (without `future: true`)."""
    site = build_site(_draft_site(tmp_path))
    assert output_of(site, "list.html") == "new;draft;old;|old;draft;new;"


@pytest.mark.skipif(JEKYLL is None, reason="jekyll is not installed")
def test_jekyll_sorts_a_draft_by_its_modification_time(tmp_path):
    assert _jekyll_list(_draft_site(tmp_path), tmp_path) == "new;draft;old;|old;draft;new;"


def test_markdown_ext_names_are_not_stripped(tmp_path):
    """Converters::Markdown#extname_list splits markdown_ext at "," and strips nothing: with
    "md, txt" a .txt page is no markdown (Jekyll 4.3.1 wrote a.txt as it is), a .md page is."""
    from conftest import build_site, make_site
    out = tmp_path / "out"
    build_site(make_site(tmp_path / "site", {"_config.yml": 'title: t\nmarkdown_ext: "md, txt"\n',
                                             "a.txt": "---\n---\n# H\n", "b.md": "---\n---\n# H\n"}), write=True, out=out)
    assert (out / "a.txt").read_text() == "# H\n"
    assert '<h1 id="h">H</h1>' in (out / "b.html").read_text()


def _unknown_placeholder_site(tmp_path, template: str):
    return make_site(tmp_path / "src", {
        "_config.yml": f"title: t\ncollections:\n  docs:\n    output: true\n    permalink: {template}\n",
        "_docs/intro.md": "---\ntitle: Intro\n---\ntext\n",
        "_docs/fr/intro.md": "---\ntitle: Intro\npermalink: /fr/:lang/:name/\n---\ntexte\n",
    })


def test_a_document_permalink_placeholder_jekyll_has_no_value_for_stops_the_build(tmp_path):
    """URL#generate_url_from_drop raises "The URL template doesn't have lang keys": an error at the
    permalink that holds it, the collection's line in _config.yml or the document's own."""
    from conftest import diagnostics_of
    site = build_site(_unknown_placeholder_site(tmp_path, "/:collection/:lang/:path/"))
    found = sorted((d.path, d.line, d.severity) for d in diagnostics_of(site, "permalink-invalid"))
    assert found == [("_config.yml", 5, "error"), ("_docs/fr/intro.md", 3, "error")]
    assert all("':lang'" in d.message for d in diagnostics_of(site, "permalink-invalid"))


def test_a_placeholder_named_as_a_ruby_method_of_the_url_drop_is_no_error(tmp_path):
    """Drop#key? is respond_to?: `:display` (an Object method) is a key, written as nothing."""
    from conftest import diagnostics_of
    site = build_site(make_site(tmp_path / "src", {
        "_config.yml": "title: t\ncollections:\n  docs:\n    output: true\n    permalink: /:collection/:display/:name/\n",
        "_docs/intro.md": "---\ntitle: Intro\n---\ntext\n"}), write=True, out=tmp_path / "out")
    assert not diagnostics_of(site, "permalink-invalid")
    assert (tmp_path / "out" / "docs" / "intro" / "index.html").is_file()


@pytest.mark.skipif(JEKYLL is None, reason="jekyll is not installed")
def test_real_jekyll_stops_at_an_unknown_document_placeholder(tmp_path):
    src = _unknown_placeholder_site(tmp_path, "/:collection/:lang/:path/")
    done = jekyll_build(src, tmp_path / "jk", check=False)
    assert done.returncode != 0 and "The URL template doesn't have lang keys" in done.stdout + done.stderr
    ok = make_site(tmp_path / "ok", {
        "_config.yml": "title: t\ncollections:\n  docs:\n    output: true\n    permalink: /:collection/:display/:name/\n",
        "_docs/intro.md": "---\ntitle: Intro\n---\ntext\n"})
    jekyll_build(ok, tmp_path / "jk2")
    assert (tmp_path / "jk2" / "docs" / "intro" / "index.html").is_file()
