"""The render cache of a Jekyll-layout site (build/render_cache.py): a page is rendered again only
when something its render read changed, and every build writes the same files and reports the
same diagnostics and findings as a build without the cache."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import make_site
from specsite import build
from specsite.cache import ParseCache
from specsite.config import load_config

PAGES = {"a.md", "b.md", "c.md", "list.md", "warn.md"}

SITE = {
    "_config.yml": "title: Cached\n",
    "_data/nav.yml": "label: Home\n",
    "_includes/header.html": "<header><a href=\"{{ '/' | relative_url }}\">{{ site.data.nav.label }}</a></header>\n",
    "_layouts/default.html": """
        <html><head><title>{{ page.title }} | {{ site.title }}</title></head>
        <body>{% include header.html %}<main>{{ content }}</main><a href="missing.html">x</a></body></html>
        """,
    "_layouts/listing.html": """
        ---
        layout: default
        ---
        <ul>{% for p in site.pages %}<li><a href="{{ p.url | relative_url }}">{{ p.title }}</a></li>{% endfor %}</ul>
        {{ content }}
        """,
    "_layouts/plain.html": "<div id=\"plain\">{{ content }}</div>\n",
    "_layouts/warn.html": "<div>{{ page.title | no_such_filter }}{{ content }}</div>\n",
    "a.md": "---\ntitle: A\nlayout: default\n---\n# A\n\nSee [b](b.html#b) and [gone](gone.html).\n",
    "b.md": "---\ntitle: B\nlayout: default\n---\n# B\n\nBody of b.\n",
    "c.md": "---\ntitle: C\nlayout: plain\n---\n# C\n\n[a](a.html#nope)\n",
    "list.md": "---\ntitle: List\nlayout: listing\n---\nAll pages.\n",
    "warn.md": "---\ntitle: W\nlayout: warn\n---\nwarned\n",
}


def _files(out: Path) -> dict:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != ".specsite-manifest"}


def _report(site) -> list:
    return [d.format() for d in site.all_diagnostics()]


class Builds:
    """Builds `src` with the disk cache and, each time, without it, to compare the two."""

    def __init__(self, tmp_path: Path, files: dict):
        self.src = make_site(tmp_path / "src", files)
        self.out, self.plain = tmp_path / "out", tmp_path / "plain"

    def __call__(self) -> set:
        """The pages the cached build rendered (rather than reused); fails if anything it wrote
        or reported differs from an uncached build."""
        cache = ParseCache(self.src / ".specsite-cache" / "parse.pickle")
        site = build.run(load_config(self.src, self.out), cache=cache)
        plain = build.run(load_config(self.src, self.plain), cache=None)
        assert _files(self.out) == _files(self.plain)
        assert _report(site) == _report(plain)
        assert site.findings == plain.findings
        return set(cache.rendered_now)

    def edit(self, rel: str, old: str, new: str):
        path = self.src / rel
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def builds(tmp_path):
    made = Builds(tmp_path, SITE)
    assert made() == PAGES  # the first build renders everything
    assert made() == set()  # nothing changed: nothing rendered
    return made


def test_an_edited_page_is_the_only_one_rendered_with_those_that_list_pages(builds):
    builds.edit("b.md", "Body of b.", "Body of b, edited.")
    assert builds() == {"b.md", "list.md"}  # list.md's layout loops over site.pages
    builds.edit("c.md", "[a](a.html#nope)", "[a](a.html#a)")
    assert builds() == {"c.md", "list.md"}


def test_a_title_change_renders_the_page_that_loops_over_site_pages(builds):
    builds.edit("a.md", "title: A", "title: A renamed")
    assert builds() == {"a.md", "list.md"}


def test_an_include_edit_renders_the_pages_that_render_it(builds):
    builds.edit("_includes/header.html", "<header>", "<header class=\"top\">")
    assert builds() == {"a.md", "b.md", "list.md"}


def test_a_layout_edit_renders_the_pages_of_its_chain(builds):
    builds.edit("_layouts/plain.html", "id=\"plain\"", "id=\"plainer\"")
    assert builds() == {"c.md"}
    builds.edit("_layouts/default.html", "<main>", "<main class=\"m\">")
    assert builds() == {"a.md", "b.md", "list.md"}  # listing's parent is default


@pytest.mark.parametrize("rel, old, new", [("_data/nav.yml", "Home", "Start"),
                                           ("_config.yml", "Cached", "Cached again")])
def test_a_data_or_configuration_edit_renders_every_page(builds, rel, old, new):
    builds.edit(rel, old, new)
    assert builds() == PAGES


def test_an_added_or_removed_page_renders_the_pages_that_list_pages(builds):
    make_site(builds.src, {"d.md": "---\ntitle: D\nlayout: plain\n---\nnew\n"})
    assert builds() == {"d.md", "list.md"}
    (builds.src / "b.md").unlink()
    assert builds() == {"list.md"}


def test_a_new_include_that_shadows_the_theme_s_renders_again(tmp_path):
    """An include found first in another folder (the site's own over specsite's) changes what a
    layout renders even though no file it read changed."""
    files = {**SITE, "_layouts/plain.html": "<div>{% include note.html content=\"n\" %}{{ content }}</div>\n"}
    builds = Builds(tmp_path, files)
    assert builds() == PAGES
    make_site(builds.src, {"_includes/note.html": "<p class=\"mine\">{{ include.content }}</p>\n"})
    assert "c.md" in builds()


def test_a_layout_that_reads_the_clock_is_rendered_every_time(tmp_path):
    builds = Builds(tmp_path, {**SITE, "_layouts/plain.html": "<div>{{ 'now' | date: '%Y' }}{{ content }}</div>\n"})
    assert builds() == PAGES
    assert builds() == {"c.md"}


def test_a_layout_that_prints_the_year_is_reused_while_the_year_is_the_same(tmp_path):
    """A footer's `site.time | date: "%Y"`: the key holds the build time as the layout prints it."""
    builds = Builds(tmp_path, {**SITE, "_layouts/plain.html": "<div>&copy; {{ site.time | date: '%Y' }}{{ content }}</div>\n"})
    assert builds() == PAGES
    assert builds() == set()
    from specsite.cache import ParseCache
    reads = ParseCache(builds.src / ".specsite-cache" / "parse.pickle").renders["c.md"][1]
    assert [fmt for fmt, _ in reads[2]] == ["%Y"]


def test_a_missing_include_is_looked_for_again(tmp_path):
    builds = Builds(tmp_path, {**SITE, "_layouts/plain.html": "<div>{% include later.html %}{{ content }}</div>\n"})
    assert builds() == PAGES
    assert "c.md" in builds()
    make_site(builds.src, {"_includes/later.html": "<p>here now</p>\n"})
    assert "c.md" in builds()
    assert builds() == set()


def test_a_layout_s_parse_warning_stays_when_the_page_that_brought_it_is_gone(tmp_path):
    """A template's parse warnings come with the first page that renders it; when that page is
    removed, a reused page of the same layout still brings them."""
    builds = Builds(tmp_path, {**SITE, "warn2.md": "---\ntitle: W2\nlayout: warn\n---\nalso warned\n"})
    assert builds() == PAGES | {"warn2.md"}
    (builds.src / "warn.md").unlink()
    assert builds() == {"list.md", "warn2.md"}  # warn2.md: again, for the layout's warning
    assert builds() == set()


def test_a_page_whose_liquid_reads_other_pages_bodies_is_parsed_again(tmp_path):
    """The parse cache: a search index made of every page's content (search.json in the
    Documentation Theme) follows an edit of another page's body; a tag page made by an include
    that loops over site.pages follows a removed page."""
    builds = Builds(tmp_path, {
        **SITE,
        "search.json": "---\nlayout: null\n---\n[{% for p in site.pages %}\"{{ p.content | strip_html | strip }}\""
                       "{% unless forloop.last %},{% endunless %}{% endfor %}]\n",
        "_includes/taglogic.html": "{% for p in site.pages %}{% if p.tags contains include.tag %}"
                                   "<a href=\"{{ p.url }}\">{{ p.title }}</a>{% endif %}{% endfor %}\n",
        "tag_x.md": "---\ntitle: Tag x\nlayout: plain\n---\n{% include taglogic.html tag=\"x\" %}\n",
        "b.md": "---\ntitle: B\nlayout: default\ntags: [x]\n---\n# B\n\nBody of b.\n",
    })
    builds()
    builds.edit("b.md", "Body of b.", "Body of b, edited.")
    assert "search.json" in builds()
    (builds.src / "b.md").unlink()
    assert "tag_x.md" in builds()


def test_a_page_that_reads_the_clock_is_parsed_every_time(tmp_path, monkeypatch):
    # The clock is frozen so the cached and the plain build (compared byte for byte) cannot
    # straddle a second; what is under test is that the cache does not keep the page.
    import datetime as dt
    import types
    from specsite.discover import reader
    from specsite.jekyll import drops

    class Frozen(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return cls(2026, 1, 2, 3, 4, 5)

    frozen = types.SimpleNamespace(datetime=Frozen, date=dt.date)
    monkeypatch.setattr(drops, "dt", frozen)
    monkeypatch.setattr(reader, "dt", frozen)  # (site.time is the reader's start: Sources.time)
    builds = Builds(tmp_path, {**SITE, "feed.xml": "---\nlayout: null\n---\n<updated>{{ site.time | date_to_xmlschema }}</updated>\n"})
    builds()
    builds()
    assert (builds.out / "feed.xml").read_text().startswith("<updated>2026-01-02T03:04:05")  # (the clock is frozen)
    from specsite.cache import ParseCache
    kept = ParseCache(builds.src / ".specsite-cache" / "parse.pickle").entries
    assert "a.md" in kept and "feed.xml" not in kept  # its Liquid, in the page body, runs every build


def test_a_parse_result_and_its_page_have_one_digest():
    """The render key takes a page's result digest from its parse-cache entry, or computes it from
    the page (a release page, a page parsed without the cache): both give the same key."""
    from specsite.cache_keys import result_digest, rows
    from specsite.discover import SourcePage
    from specsite.parse import Anchor, Link, ParsedPage, ParseResult
    source = SourcePage("a.md", {"title": "A"}, "body", 4, "a.html", True)
    page = ParsedPage(source, "<p>x</p>", (), (Anchor("x", 3), Anchor("y", None)),
                      (Link("b.html#c", "a.md", 5, 2, "a", "a.html"),), (), ())
    result = ParseResult.of(page)
    assert result_digest(result.html, result.links, result.anchors) == \
        result_digest(page.html, rows(page.links), rows(page.anchors))


def test_links_are_checked_again_on_the_edited_page_or_everywhere_when_ids_change(tmp_path):
    """The findings of a page's links are kept while the page and the site's index of files
    and ids are unchanged; the findings always equal an uncached build's (Builds compares)."""
    builds = Builds(tmp_path, SITE)
    builds()
    builds.edit("b.md", "Body of b.", "Body of b, edited.")
    assert _last_checked(builds) == {"b.md"}
    builds.edit("b.md", "# B\n", "# B\n\n## A new heading\n")
    assert _last_checked(builds) == PAGES  # b.html's ids changed: every link again
    builds.edit("c.md", "[a](a.html#nope)", "[a](a.html#a)")
    assert _last_checked(builds) == {"c.md"}


def _last_checked(builds: Builds) -> set:
    """The pages whose links a cached build checked (build.run with the cache, then compared)."""
    cache = ParseCache(builds.src / ".specsite-cache" / "parse.pickle")
    site = build.run(load_config(builds.src, builds.out), cache=cache)
    plain = build.run(load_config(builds.src, builds.plain), cache=None)
    assert site.findings == plain.findings and _report(site) == _report(plain)
    assert _files(builds.out) == _files(builds.plain)
    return set(cache.checked_now)


def test_every_reader_of_a_post_s_content_is_parsed_again_when_an_include_it_shows_changes(tmp_path):
    """A post's content, as pages read it, is its Liquid rendered (includes and all): only the first
    reader rendered it, the others found it made; each must depend on the includes it shows."""
    reader = ("---\ntitle: {0}\n---\n{{% for p in site.posts %}}({{{{ p.content | strip_newlines }}}}){{% endfor %}}\n")
    made = Builds(tmp_path, {
        "_config.yml": "title: Readers\n",
        "_includes/note.html": "NOTE one",
        "_posts/2020-01-01-p1.md": "---\ntitle: P1\n---\nPost {% include note.html %}\n",
        "_posts/2020-01-02-p2.md": "---\ntitle: P2\n---\nPost two {% for p in site.posts %}[{{ p.title }}]{% endfor %}\n",
        "a.md": reader.format("A"), "z.md": reader.format("Z"),
    })
    made()
    made.edit("_includes/note.html", "NOTE one", "NOTE two")
    made()  # (fails if a reader kept the old note)


def test_a_site_that_gains_its_own_layouts_parses_again_for_kramdown_s_markup(tmp_path):
    """Markdown is written with kramdown's and Rouge's markup (`<code class="language-plaintext
    highlighter-rouge">`) only for a site with `_layouts/`: adding the folder makes every cached
    parse stale (a kept one wrote the theme's bare `<code>`), whatever else is unchanged."""
    builds = Builds(tmp_path, {"_config.yml": "title: t\n", "a.md": "---\ntitle: A\n---\nx `GET` y\n"})
    builds()
    make_site(builds.src, {"_layouts/default.html": "<main>{{ content }}</main>\n"})
    builds()
    assert '<code class="language-plaintext highlighter-rouge">GET</code>' in (builds.out / "a.html").read_text()
