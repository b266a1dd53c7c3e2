"""Liquid's increment/decrement counters as Jekyll 4.3.1 keeps them: in the site payload (Liquid
4.0.3's `context.environments.first`), which Site#render hands every render of the build, so a
counter goes on across bodies, layouts and includes in render order: every collection's
documents (posts first), then site.pages by name. `{% assign %}`/`{% capture %}` of the same name
shadow `{{ n }}` and leave the counter alone; a page's `content` read by a later page has the
numbers its own render gave (z.md), read by an earlier one its raw text (_things/v.md); an excerpt renders with a payload of its own
(Excerpt#output: site.site_payload), so its counters start at 0 and count nowhere else.
tests/fixtures/liquid-counters/_expected is Jekyll 4.3.1's own build."""
from __future__ import annotations

import io
import shutil

import pytest

from conftest import FIXTURES, build_site, jekyll_build, make_site
from fixture_sites import built_pages, jekyll_equality_tests
from specsite.serve import Preview

built = built_pages("liquid-counters")
test_page_equals_jekylls_own_build, test_real_jekyll_still_builds_the_expected_output = \
    jekyll_equality_tests("liquid-counters")


def test_counters_go_on_from_page_to_page(built):
    """The fourth page rendered reads on from the third's layout and include (bytes, not normalised)."""
    page = built["index.html"]
    assert "<div>L:23 L2:4 <p>Index 21 50 22 -9</p>" in page


def _html(site) -> dict:
    return {url: out.read() for url, out in site.outputs.items() if url.endswith(".html")}


def test_a_serve_rebuild_after_one_edit_gives_a_full_builds_numbers(tmp_path):
    """serve renders every page again in Jekyll's order (none from the cache: each number may
    depend on every page before it): one page's edit gives the numbers a full build gives."""
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "liquid-counters", site, ignore=shutil.ignore_patterns("_expected"))
    preview = Preview(site, log=io.StringIO())
    preview.rebuild()
    post = site / "_posts" / "2020-01-01-p.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nthird {% increment n %}\n", encoding="utf-8")
    preview.rebuild()
    rebuilt = _html(preview.site)
    full = _html(build_site(site, out=tmp_path / "out"))
    assert rebuilt == full
    assert "<p>third 2</p>" in rebuilt["2020/01/01/p.html"] and "L:24" in rebuilt["index.html"]


def test_an_includes_counter_alone_goes_on_across_pages(tmp_path):
    """An increment only in an include (no page's text has one) still counts across the build:
    the text test reads the include folders too (Jekyll 4.3.1 wrote these numbers)."""
    site = make_site(tmp_path / "site", {
        "_layouts/plain.html": "[{{ content }}]\n",
        "_includes/n.html": "{%- increment fig -%}\n",
        "a.md": "---\n---\nA {% include n.html %}\n",
        "b.md": "---\n---\nB {% include n.html %}\n",
    })
    built = _html(build_site(site, out=tmp_path / "out"))
    assert (built["a.html"], built["b.html"]) == ("<p>A 0</p>\n", "<p>B 1</p>\n")


def test_a_site_without_counters_renders_as_before(tmp_path):
    """No increment/decrement anywhere: no shared counter map, the build's usual path."""
    from specsite.build.renderers import make_renderers
    from specsite.config import load_config
    from specsite.diagnostics import Diagnostics
    from specsite.discover import discover
    site = make_site(tmp_path / "site", {"_layouts/plain.html": "[{{ content }}]\n",
                                         "a.md": "---\nlayout: plain\n---\n{% assign increment = 1 %}A\n"})
    config = load_config(site, tmp_path / "out")
    assert make_renderers(config, discover(config, Diagnostics())).liquid.counters is None


THEME_SITE = {"_config.yml": "title: t\n", "a.md": "---\ntitle: A\n---\nA {% increment n %} {% increment n %}\n",
              "b.md": "---\ntitle: B\n---\nB {% increment n %}\n",
              "_posts/2020-01-01-p.md": "---\ntitle: P\n---\nP {% increment n %}\n"}
# Jekyll 4.3.1's pages (no _layouts: each page is its body alone): the post first, then a.md, b.md
THEME_BODIES = {"2020/01/01/p.html": "<p>P 0</p>", "a.html": "<p>A 1 2</p>", "b.html": "<p>B 3</p>"}


def test_a_site_in_specsites_theme_counts_from_page_to_page(tmp_path):
    """Without _layouts specsite writes its theme around each body, but the bodies count on as
    Jekyll's do, in its render order."""
    out = tmp_path / "out"
    build_site(make_site(tmp_path / "site", THEME_SITE), write=True, out=out)
    for page, body in THEME_BODIES.items():
        assert body in (out / page).read_text(encoding="utf-8"), page


@pytest.mark.skipif(shutil.which("jekyll") is None, reason="jekyll is not installed")
def test_jekyll_counts_them_so(tmp_path):
    out = tmp_path / "out"
    jekyll_build(make_site(tmp_path / "site", THEME_SITE), out)
    assert {page: (out / page).read_text(encoding="utf-8").strip() for page in THEME_BODIES} == THEME_BODIES
