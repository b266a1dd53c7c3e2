"""All of a page's problems in one run (every missing include, every broken link, each at its own
line), `[x](other.md)` pointed at the page that file builds to, and latent navigation entries in a
Jekyll site: a broken URL that no published page shows is `unused-data-link`, not a broken link."""
from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES, build_site, diagnostics_of, make_site

LAYOUTS = FIXTURES / "jekyll-layouts"


def test_every_missing_include_and_every_broken_link_of_a_page_is_reported_at_its_line(tmp_path):
    root = make_site(tmp_path / "site", {
        "_config.yml": "title: T\n",
        "_includes/real.html": '<a href="from-include.html">inc</a>\n',
        "a.md": """\
            ---
            title: A
            ---
            {% include qqq-1.xml %}

            [one](gone-one.html)

            {% include real.html %}

            {% include qqq-2.xml %}

            [two](gone-two.html)
            """,
    })
    site = build_site(root)
    got = [(d.path, d.line, d.rule) for d in diagnostics_of(site)]
    assert got == [
        ("_includes/real.html", 1, "broken-link"),
        ("a.md", 4, "missing-include"),
        ("a.md", 6, "broken-link"),
        ("a.md", 10, "missing-include"),
        ("a.md", 12, "broken-link"),
    ]
    first = diagnostics_of(site, "missing-include")[0]
    assert first.message.startswith("include file 'qqq-1.xml' not found (looked in ")
    assert first.hint == "Create the file or correct the name." and site.blocked()


def test_a_missing_include_with_a_close_name_gets_did_you_mean(tmp_path):
    root = make_site(tmp_path / "site", {"_config.yml": "title: T\n", "_includes/callout.html": "x\n",
                                         "a.md": "---\ntitle: A\n---\n{% include calout.html %}\n"})
    (diag,) = diagnostics_of(build_site(root), "missing-include")
    assert (diag.line, diag.hint) == (4, "Did you mean 'callout.html'?")


def test_a_link_to_a_source_file_names_the_page_it_builds_to(tmp_path):
    """`[x](other.md)` (GitHub's relative links) from pages/a.md: other.md builds to other.html."""
    root = make_site(tmp_path / "site", {
        "_config.yml": "title: T\n",
        "pages/a.md": "---\ntitle: A\n---\n[b](b.md) and [c](../docs/c.md#setup) and [d](nothing.md)\n",
        "pages/b.md": "---\ntitle: B\n---\nB\n",
        "docs/c.md": "---\ntitle: C\npermalink: /guide/c.html\n---\n## Setup\n",
    })
    found = {d.target: d for d in diagnostics_of(build_site(root), "broken-link")}
    assert found["b.md"].message == ("'pages/b.md' is not in the built site: it names the source file "
                                     "'pages/b.md', which is published as 'pages/b.html'")
    assert found["b.md"].hint == "Did you mean 'b.html'?"
    assert found["../docs/c.md#setup"].hint == "Did you mean '../guide/c.html#setup'?"
    assert "published as" not in found["nothing.md"].message


def _jekyll_site(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(LAYOUTS, root, ignore=shutil.ignore_patterns("_expected"))
    return root


def test_a_broken_entry_in_a_sidebar_no_page_shows_is_a_latent_warning(tmp_path):
    root = _jekyll_site(tmp_path)
    (root / "_data/sidebars/spare_sidebar.yml").write_text(
        "entries:\n- title: Guide\n  url: /pages/guide.html\n- title: Retired\n  url: /retired.html\n",
        encoding="utf-8")
    site = build_site(root)
    spare = [d for d in diagnostics_of(site) if d.path == "_data/sidebars/spare_sidebar.yml"]
    assert [(d.line, d.rule, d.severity, d.target) for d in spare] == [
        (5, "unused-data-link", "warning", "/retired.html")]
    assert "no published page shows this entry" in spare[0].message


def test_entries_pages_show_stay_broken_links_at_the_data_line(tmp_path):
    """main_sidebar is written into every page: its broken entry is a broken link, not latent."""
    site = build_site(_jekyll_site(tmp_path))
    main = [d for d in diagnostics_of(site) if d.path == "_data/sidebars/main_sidebar.yml"]
    assert main and {d.rule for d in main} == {"broken-link"}
    assert not diagnostics_of(site, "unused-data-link")


def test_in_specsites_theme_a_sidebar_entry_is_always_a_broken_link(tmp_path):
    root = make_site(tmp_path / "site", {
        "_config.yml": "title: T\nspecsite: {}\n",
        "_data/sidebars/main.yml": "entries:\n- title: S\n  folders:\n  - title: F\n    output: web\n"
                                   "    folderitems:\n    - title: Gone\n      url: /gone.html\n      output: web\n",
        "index.md": "---\ntitle: Home\nsidebar: main\n---\nHome\n",
    })
    site = build_site(root)
    assert [d.rule for d in diagnostics_of(site) if d.path == "_data/sidebars/main.yml"] == ["broken-link"]
    assert not diagnostics_of(site, "unused-data-link")


@pytest.mark.parametrize("base,checked", [
    ('<base href="https://example.org/docs/">', False),  # (the corpus' double-great/theme: site.url + baseurl)
    ("<base href='//cdn.example.org/'>", False),
    ('<base target="_blank">', True),  # (no href: links resolve on the page itself)
    ("", True),
])
def test_an_absolute_base_href_sends_every_relative_link_to_its_host(site_factory, base, checked):
    """A browser (and check_built.py, which made the real-site truths) resolves a page's relative
    links and #anchors against its <base href>: an absolute one sends them all to that host, none
    into the built files, so none is a broken link of this site."""
    site = site_factory({
        "_config.yml": "title: T\n",
        "_layouts/default.html": f"<html><head>{base}</head><body><a href=\"#content\">skip</a>"
                                 "<a href=\"/gone.css\">css</a>{{{{ content }}}}</body></html>",
        "index.md": "---\nlayout: default\n---\n[missing](missing.html)\n",
    })
    found = sorted(d.target for d in diagnostics_of(site) if d.target)
    assert found == (["#content", "/gone.css", "missing.html"] if checked else [])


def test_a_url_key_given_twice_in_one_entry_is_checked_for_its_last_value_only(tmp_path):
    """YAML keeps a mapping's last value for a repeated key (Psych as PyYAML): the first `url:` is
    never in Jekyll's data, so it is no latent entry (portworx/px-docs' sidebar: Host's url twice)."""
    root = _jekyll_site(tmp_path)
    (root / "_data/sidebars/spare_sidebar.yml").write_text(
        "entries:\n- title: Host\n  url: /overridden.html\n  # a comment\n  url: /retired.html\n"
        "- title: Next\n  url: /next-gone.html\n  folderitems:\n  - url: /pages/guide.html\n", encoding="utf-8")
    site = build_site(root)
    spare = [d for d in diagnostics_of(site) if d.path == "_data/sidebars/spare_sidebar.yml"]
    assert [(d.line, d.target) for d in spare] == [(5, "/retired.html"), (7, "/next-gone.html")]
