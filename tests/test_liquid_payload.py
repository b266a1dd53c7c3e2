"""Jekyll's payload carries `content` and `layout` from render to render (renderer.rb): a page body,
or an include it runs, that reads them outside a layout sees what the documents rendered before it
left: `content` is the input of the last layout of the last page with one (a page without a layout
changes nothing), `layout` is its first layout's data merged under the `layout` the last page left
(its layouts' data merged; nil after a page without a layout, untouched by `layout: none`).
Render order: every collection's documents (posts first), then site.pages by name (deep.md
before e.md). A counter named like one of the payload's variables fails Jekyll's build.
tests/fixtures/liquid-payload/_expected is Jekyll 4.3.1's own build."""
from __future__ import annotations

import shutil

import pytest

from conftest import build_site, diagnostics_of, jekyll_build, make_site
from fixture_sites import built_pages, jekyll_equality_tests

JEKYLL = shutil.which("jekyll")

built = built_pages("liquid-payload")
test_page_equals_jekylls_own_build, test_real_jekyll_still_builds_the_expected_output = \
    jekyll_equality_tests("liquid-payload", exact=True)


def test_a_page_without_payload_reads_renders_as_before(tmp_path):
    """`page.content` and `{{ content }}` in a layout are no payload reads: the usual render path."""
    from specsite.build.renderers import make_renderers
    from specsite.config import load_config
    from specsite.diagnostics import Diagnostics
    from specsite.discover import discover
    root = make_site(tmp_path / "site", {"_config.yml": "title: t\n", "_layouts/default.html": "{{ content }}",
                                         "_includes/i.html": "{{ page.content | size }}",
                                         "a.md": "---\nlayout: default\n---\n{% include i.html %} {{ page.layout }}\n"})
    config = load_config(root, tmp_path / "out")
    assert make_renderers(config, discover(config, Diagnostics())).liquid.counters is None


COUNTER_FILES = {"_config.yml": "title: t\n", "_layouts/default.html": "{{ content }}"}


@pytest.mark.parametrize("name", ["page", "site", "jekyll", "layout"])
def test_a_counter_named_like_jekylls_variables_fails_the_build(tmp_path, name):
    """Increment#render: `environments.first[name] ||= 0` is Jekyll's own value, and `+ 1` on it
    raises (Jekyll 4.3.1: "undefined method `+' for {...}:Hash"; `layout` is the page's layout data)."""
    files = COUNTER_FILES | {"a.md": f"---\nlayout: default\n---\n[{{% increment {name} %}}]\n"}
    site = build_site(make_site(tmp_path / "site", files))
    found = diagnostics_of(site, "liquid-error")
    assert [(d.path, d.line) for d in found] == [("a.md", 4)] and "undefined method `+'" in found[0].message


@pytest.mark.parametrize("name", ["paginator", "title", "n"])
def test_other_counter_names_count(tmp_path, name):
    files = COUNTER_FILES | {"a.md": f"---\nlayout: default\n---\n[{{% increment {name} %}}][{{% increment {name} %}}]\n"}
    out = tmp_path / "out"
    site = build_site(make_site(tmp_path / "site", files), write=True, out=out)
    assert not diagnostics_of(site, "liquid-error")
    assert (out / "a.html").read_text() == "<p>[0][1]</p>\n"


@pytest.mark.skipif(JEKYLL is None, reason="jekyll is not installed")
@pytest.mark.parametrize("name, fails", [("page", True), ("site", True), ("jekyll", True), ("layout", True),
                                         ("paginator", False), ("title", False)])
def test_jekyll_fails_on_those_names_alone(tmp_path, name, fails):
    files = COUNTER_FILES | {"a.md": f"---\nlayout: default\n---\n[{{% increment {name} %}}]\n"}
    root = make_site(tmp_path / "site", files)
    run = jekyll_build(root, tmp_path / "out", check=False)
    assert (run.returncode != 0) == fails
