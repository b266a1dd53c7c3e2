"""Files without front matter in collection folders (Collection#read_static_file): site.static_files
lists the site's own files sorted by path, then each collection's in `collections:` order (its
folder's glob: a folder's files before a sibling name that sorts after it), written or not; their
drop's `path` has no leading "/" and names the `collection`; a StaticFileDrop has no `url`; a
collection without output lists its files but writes none; jekyll-sitemap lists them in that
order, by path. tests/fixtures/collection-statics/_expected is Jekyll 4.3.1's own build."""
from __future__ import annotations

import re

import pytest

from conftest import FIXTURES
from fixture_sites import built_pages, jekyll_equality_tests

NAME = "collection-statics"
SITE = FIXTURES / NAME


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    from conftest import build_site
    folder = tmp_path_factory.mktemp(NAME)
    build_site(SITE, write=True, out=folder)
    return folder


built = built_pages(NAME)
test_page_equals_jekylls_own_build, test_real_jekyll_still_builds_the_expected_output = \
    jekyll_equality_tests(NAME)


def test_static_files_list_collection_files_in_jekylls_order(built):
    listed = re.findall(r"^\[([^|]*)\|", built["index.html"], re.M)
    assert listed == ["/assets/x.pdf", "/style.txt", "/zz.pdf", "_docs/d.pdf", "_docs/img.png", "_docs/raw.md",
                      "_docs/sub/notes.txt", "_docs/sub.txt", "_zed/p.pdf", "_zed/z.txt", "_alpha/a.txt",
                      "_alpha/b.pdf"]
    assert '[null,null,null,"docs","docs","docs","docs","docs","zed","zed","alpha","alpha"]' in built["index.html"]


def test_written_files_and_sitemap_equal_jekylls(out):
    expected = SITE / "_expected"
    files = sorted(p.relative_to(expected).as_posix() for p in expected.rglob("*") if p.is_file())
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                     if p.is_file() and p.name != ".specsite-manifest")
    assert written == files
    assert "zed/p.pdf" not in written and "zed/z.txt" not in written  # output: false writes nothing

    def locs(path):
        return re.findall(r"<loc>(.*?)</loc>", path.read_text(encoding="utf-8"))
    assert locs(out / "sitemap.xml") == locs(expected / "sitemap.xml")
    assert "https://ex.org/_zed/p.pdf" in locs(out / "sitemap.xml")
