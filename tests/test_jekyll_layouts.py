"""A Jekyll site renders through its own `_layouts/` as Jekyll 4.3 renders it: layout chains, the
`layout` variable, `content`, includes with variable names, lax Liquid, Jekyll's tolerance of bad
front matter and missing layouts; and the links its layouts and data write are checked once, at
the line that writes them. tests/fixtures/jekyll-layouts/_expected is Jekyll 4.3.1's own build of
the fixture; where `jekyll` is installed, one test builds it again and compares."""
from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES, build_site, diagnostics_of, run_cli
from htmlnorm import assert_jekyll_builds_expected, html_files, normalised
from specsite.outputs import Text

SITE = FIXTURES / "jekyll-layouts"
EXPECTED = SITE / "_expected"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    site = build_site(SITE, write=True, out=out)
    return site, out


def test_every_page_equals_jekylls_own_build(built):
    """Same files, and each page's whole document equals Jekyll's after normalising whitespace."""
    _, out = built
    theirs, ours = html_files(EXPECTED), html_files(out)
    assert sorted(ours) == sorted(theirs)
    for path, html in theirs.items():
        assert normalised(ours[path]) == normalised(html), path


def test_a_layout_chain_merges_layout_data_inner_first(built):
    """page → default: `layout.shared` is the inner layout's value, `layout.layout_kind` the outer's."""
    site, _ = built
    assert '<body class="base from-page">' in site.outputs["index.html"].read()
    assert '<body class="base from-default">' in site.outputs["pages/guide.html"].read()


def test_layout_none_and_a_missing_layout_write_the_content_alone(built):
    """`layout: none` and an unknown layout (a warning at its line, as Jekyll's build warning)."""
    site, _ = built
    assert site.outputs["pages/nolayout.html"].read().strip() == "<p>Just <strong>content</strong>.</p>"
    [warning] = [d for d in diagnostics_of(site) if d.rule == "unknown-layout"]
    assert (warning.path, warning.line, warning.severity) == ("pages/missing.md", 3, "warning")
    assert warning.hint == ("Name one of the site's layouts (default, loop-a, loop-b, page), or add "
                            "_layouts/nosuch.html.")  # (nothing close: the fix, not a bare list)


def test_a_layout_cycle_stops_where_it_comes_back(built):
    site, _ = built
    assert '<div class="b"><div class="a"><p>Looped.</p>' in site.outputs["pages/loop.html"].read()


def test_invalid_front_matter_is_a_warning_and_the_page_is_built_at_its_default_url(built):
    site, _ = built
    [warning] = [d for d in diagnostics_of(site) if d.path == "pages/broken.md"]
    assert (warning.line, warning.rule, warning.severity) == (2, "front-matter", "warning")
    assert "pages/broken.html" in site.outputs and "broken.html" not in site.outputs


def test_lax_liquid_in_an_include_is_read_as_jekyll_reads_it(built):
    """`{% assign x = a.b; %}` works in Jekyll (a warning here), so the sidebar is not empty."""
    site, _ = built
    [warning] = [d for d in diagnostics_of(site) if d.rule == "liquid-syntax"]
    assert warning.path == "_includes/custom/main_sidebar.html" and warning.line == 1
    assert '<aside><a href="index.html">Home</a>' in site.outputs["index.html"].read()


def test_links_written_by_layouts_and_data_are_reported_once_at_their_line(built):
    """A broken sidebar/topnav entry is one finding at its data file line, naming the pages that
    carry it; a literal link in a layout at the layout's line; an {{ output }} at the include."""
    site, _ = built
    found = {(d.path, d.line, d.target): d.message for d in site.findings.items}
    assert ("_data/topnav.yml", 4, "/spec/ghost.html") in found
    assert "on 3 pages: index.html, pages/broken.html, pages/guide.html" in found[
        ("_data/topnav.yml", 4, "/spec/ghost.html")]
    assert ("_data/sidebars/main_sidebar.yml", 7, "gone.html") in found
    assert ("_layouts/page.html", 9, "missing-from-layout.html") in found
    assert ("_includes/custom/main_sidebar.html", 1, "pagesguide.html") in found
    assert all(not d.path.endswith(".md") for d in site.findings.items)


def test_the_cli_builds_it_with_exit_0_and_check_exits_1(tmp_path, capsys):
    """Jekyll builds it, so specsite builds it; the broken links make `check` fail."""
    assert run_cli(["build", "--source", SITE, "--out", tmp_path / "o"]) == 0
    assert run_cli(["check", "--source", SITE]) == 1
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("jekyll") is None, reason="jekyll is not installed")
def test_real_jekyll_still_builds_the_expected_output(tmp_path):
    """The committed `_expected/` is what this machine's Jekyll writes (it is not stale)."""
    assert_jekyll_builds_expected(SITE, tmp_path)


def test_release_pages_render_in_the_sites_own_layout_and_sidebar(tmp_path):
    """Generated release pages go through the site's `page` layout, and the configured sidebar's
    data gains a 'Release notes' folder that the site's own sidebar include lists."""
    from conftest import make_site
    root = make_site(tmp_path / "site", {
        "_config.yml": "title: T\nversion: 1.0.0\nspecsite:\n  release_notes: {sidebar: main_sidebar}\n",
        "_layouts/page.html": "<html><body><aside>{% for f in site.data.sidebars[page.sidebar].entries[0].folders %}"
                              "<h4>{{ f.title }}</h4>{% for i in f.folderitems %}<a href=\"{{ i.url | remove: '/' }}\">"
                              "{{ i.title }}</a>{% endfor %}{% endfor %}</aside><main class=\"mine\">{{ content }}</main>"
                              "</body></html>\n",
        "_data/sidebars/main_sidebar.yml": "entries:\n- title: S\n  folders:\n  - title: Start\n    folderitems:\n"
                                           "    - title: Home\n      url: /index.html\n",
        "index.md": "---\ntitle: Home\nlayout: page\nsidebar: main_sidebar\n---\nHello.\n",
        "releases/1.0.0/release.yml": "version: 1.0.0\ndate: 2024-05-01\nstatus: published\nintroduction: First.\n",
        "releases/1.0.0/101-first.md": "---\ntitle: First change\ntickets: [101]\n---\nDone.\n",
    })
    site = build_site(root)
    page = next(url for url in site.outputs if url.startswith("overview_release_notes_1_0_0"))
    html = site.outputs[page].read()
    assert '<main class="mine">' in html and "First change" in html
    assert "<h4>Release notes</h4>" in site.outputs["index.html"].read()
    assert f'<a href="{page}">1.0.0</a>' in site.outputs["index.html"].read()


def test_a_broken_changed_page_link_on_the_tickets_page_is_reported_at_the_entry(tmp_path):
    """The tickets page's pages-changed links are the entry's: a broken anchor there is reported at the
    entry's `link:` line, never at the sidebar entry that links the same page (its layout scan put it
    at `_data/sidebars/…yml` when the generated page recorded no links)."""
    from conftest import make_site
    root = make_site(tmp_path / "site", {
        "_config.yml": "title: T\nversion: 1.0.0\nspecsite:\n  release_notes: {sidebar: main_sidebar}\n",
        "_layouts/page.html": "<html><body><aside>{% for f in site.data.sidebars[page.sidebar].entries[0].folders %}"
                              "{% for i in f.folderitems %}<a href=\"{{ i.url | remove: '/' }}\">{{ i.title }}</a>"
                              "{% endfor %}{% endfor %}</aside><main>{{ content }}</main></body></html>\n",
        "_data/sidebars/main_sidebar.yml": "entries:\n- title: S\n  folders:\n  - title: Start\n    folderitems:\n"
                                           "    - title: Amend\n      url: /amend.html\n",
        "amend.md": "---\ntitle: Amend\nlayout: page\nsidebar: main_sidebar\n---\n## Request\n",
        "releases/1.0.0/release.yml": "version: 1.0.0\ndate: 2024-05-01\nstatus: published\nintroduction: First.\n",
        "releases/1.0.0/101-first.md": "---\ntitle: First change\ntickets: [101, 102]\npages_changed:\n"
                                       "- link: amend.html#nope\n---\nDone.\n",
    })
    site = build_site(root)
    assert 'href="amend.html#nope"' in site.outputs["overview_release_tickets.html"].read()
    found = {(d.path, d.line, d.rule) for d in site.all_diagnostics() if d.target == "amend.html#nope"}
    assert found == {("releases/1.0.0/101-first.md", 5, "broken-anchor")}


def test_a_page_a_release_changed_has_its_changed_in_box_inside_the_sites_own_layout(tmp_path):
    """A Jekyll site's page that a release changed gets the "Changed in" box after its content, inside the
    site's own layout, linking the entry's anchor from the page's folder; other pages have none."""
    from conftest import make_site
    root = make_site(tmp_path / "site", {
        "_config.yml": "title: T\nversion: 1.0.0\n",
        "_layouts/page.html": "<html><body><main class=\"mine\">{{ content }}</main></body></html>\n",
        "guide/amend.md": "---\ntitle: Amend\nlayout: page\npermalink: guide/amend.html\n---\n## Request\n",
        "index.md": "---\ntitle: Home\nlayout: page\n---\nHello.\n",
        "releases/1.0.0/release.yml": "version: 1.0.0\ndate: 2024-05-01\nstatus: published\nintroduction: First.\n",
        "releases/1.0.0/101-first.md": "---\ntitle: Amend & cancel\ntickets: [101]\npages_changed:\n"
                                       "- link: guide/amend.html#request\n---\nDone.\n",
    })
    site = build_site(root)
    html = site.outputs["guide/amend.html"].read()
    box = html[html.index('<aside class="history"'):]
    assert html.index('<main class="mine">') < html.index('<aside class="history"') < html.index("</main>")
    assert ('<a href="../overview_release_notes_1_0_0.html#ticket-101"><span class="history-version">Version 1.0.0'
            '</span>: Amend &amp; cancel</a>') in box
    assert "history" not in site.outputs["index.html"].read()
    assert [d.format() for d in site.all_diagnostics() if d.severity == "error"] == []


def test_theme_specsite_previews_a_jekyll_site_in_our_theme(tmp_path):
    """`--theme specsite` renders the same pages in specsite's theme instead of the site's layouts."""
    assert run_cli(["build", "--source", SITE, "--out", tmp_path / "o", "--theme", "specsite"]) == 0
    html = (tmp_path / "o" / "index.html").read_text(encoding="utf-8")
    assert "assets/css/" in html and '<body class="base' not in html
    assert (tmp_path / "o" / "assets").is_dir()


def test_the_preview_serves_a_jekyll_site_in_its_own_layouts(tmp_path):
    """`serve` builds in memory with the site's layouts; a page comes back in them."""
    from specsite.serve import Preview
    preview = Preview(SITE, out=tmp_path / "o", log=open(tmp_path / "log", "w"))
    preview.rebuild()
    content_type, body = preview.lookup("/spec/index.html")
    assert content_type.startswith("text/html")
    assert b'<body class="base from-page">' in body
    assert b"EventSource" in body  # the reload script, so the tab follows the next save


def test_forked_rendering_writes_the_same_pages_and_findings(built, monkeypatch):
    """Many pages render in forked workers: the same documents, ids, links and diagnostics."""
    from specsite.render import jekyll_site
    monkeypatch.setattr(jekyll_site, "PARALLEL_MIN_PAGES", 1)
    serial, _ = built
    forked = build_site(SITE)
    assert forked.outputs.keys() == serial.outputs.keys()
    assert all(forked.outputs[u] == serial.outputs[u] for u in serial.outputs if isinstance(serial.outputs[u], Text))
    assert sorted(d.format() for d in forked.all_diagnostics()) == sorted(d.format() for d in serial.all_diagnostics())


def test_an_error_in_a_forked_worker_is_raised_in_the_build(monkeypatch):
    """A bug met while a worker renders a page stops the build as it would without workers."""
    from specsite.render import jekyll_site
    monkeypatch.setattr(jekyll_site, "PARALLEL_MIN_PAGES", 1)

    def broken(self, parsed):
        raise ZeroDivisionError(f"in {parsed.source.rel}")
    monkeypatch.setattr(jekyll_site.JekyllRenderer, "render", broken)
    with pytest.raises(ZeroDivisionError, match="^in "):
        build_site(SITE)
