"""An unchanged Documentation Theme for Jekyll site (tests/fixtures/jekyll-doc-site) builds with
specsite as Jekyll builds it: the same files at the same paths, kramdown's heading ids, links
that resolve, and warnings (never errors) for what specsite does not run.

The expected paths follow Jekyll's documented permalink rules; where `jekyll` is installed, one
test also builds the fixture with it and compares the two builds file by file."""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from conftest import FIXTURES, build_site, diagnostics_of, output_of, page_of, run_cli

SITE = FIXTURES / "jekyll-doc-site"

# Every file `jekyll build` writes for the fixture, by Jekyll's rules:
JEKYLL_OUTPUTS = {
    # pages: `permalink:` as written (a trailing slash is a folder's index.html) ...
    "index.html", "getting_started.html", "build_errors.html", "pdf_cover.html", "404.html", "about.html",
    "build/foundations/index.html",
    # ... else /:path/:basename:output_ext, index.md as its folder's index.html
    "news.html", "pages/intro/overview.html", "pages/build/index.html",
    # non-HTML files with front matter keep their extension
    "search.json", "feed.xml",
    # posts: /:categories/:year/:month/:day/:title:output_ext (`permalink: date`, the default);
    # categories from front matter (lower case in the URL) and from the folder above _posts;
    # :title from `slug:` when given
    "2019/03/12/release.html", "news/api/2019/04/01/api-update.html", "news/2020/01/15/Planned-Downtime.html",
    # a collection with `output: true` and `permalink: /guides/:path/`; its static file too
    "guides/setup/index.html", "guides/advanced/tuning/index.html", "guides/advanced/chart.svg",
    # files without front matter are copied as they are (a .md too); `include:` brings a dot folder
    "css/style.css", "js/app.js", "images/diagram.png", "pdf/widget-api.pdf", "downloads/openapi.json",
    "robots.txt", "notes/plain.md", "pages/build/snippets/request.json", ".well-known/security.txt",
}
# What specsite adds: its theme's assets and the tags page.
SPECSITE_EXTRAS = re.compile(r"^(assets/|tags\.html$)")

# Heading ids of each page, as kramdown (input: GFM) makes them.
HEADING_IDS = {
    "index.html": ["welcome", "releases", "versions"],
    "getting_started.html": ["before-you-start", "environments", "first-request", "glossary", "literal"],
    "build/foundations/index.html": ["headers", "ssp-traceid", "ssp-traceid-1", "identifiers--formats", "dates",
                                     "ünïcödé-heading-"],
    "build_errors.html": ["error-handling", "error-codes"],
    "pages/intro/overview.html": ["scope", "out-of-scope", "pages-in-this-site", "guides", "seo-demo"],
    "pages/build/index.html": ["build-steps", "request-example"],
    "news.html": ["2020", "2019"],
    "2019/03/12/release.html": ["what-changed", "upgrade-notes"],
    "news/api/2019/04/01/api-update.html": ["details"],
    "news/2020/01/15/Planned-Downtime.html": ["when"],
    "guides/setup/index.html": ["install"],
    "guides/advanced/tuning/index.html": ["cache-sizes"],
}


@pytest.fixture(scope="module")
def site():
    return build_site(SITE)


def test_every_file_jekyll_writes_is_written_at_the_same_path(site):
    """Pages, posts, collection documents and static files land where Jekyll puts them."""
    outputs = set(site.outputs)
    assert JEKYLL_OUTPUTS - outputs == set()
    assert {url for url in outputs - JEKYLL_OUTPUTS if not SPECSITE_EXTRAS.match(url)} == set()


def test_excluded_hidden_and_unwritten_files_are_left_out(site):
    """exclude:, Jekyll's default excludes, _ folders, a collection without output, drafts."""
    outputs = set(site.outputs)
    for url in ("README.md", "Gemfile", "drafts/wip.html", "vendor/lib.txt", ".gitignore", ".htaccess",
                "tooltips/widget.html", "_plugins/shout.rb", "_layouts/default.html", "_config.yml"):
        assert url not in outputs
    assert not any(url.startswith(("_", "_site")) for url in outputs)


def test_heading_ids_are_kramdowns(site):
    """Every page's headings have the ids kramdown gives them (duplicates suffixed, unicode kept)."""
    for url, ids in HEADING_IDS.items():
        assert [h.id for h in page_of(site, url).headings] == ids, url


def test_only_the_unsupported_features_warn_each_at_its_line(site):
    """The Ruby plugin (naming what it defines) and its filter, used in a page, are warnings at the
    file:line; jekyll-seo-tag runs natively, so `{% seo %}` is not reported; nothing else is."""
    found = [(d.path, d.line, d.rule, d.severity) for d in diagnostics_of(site)]
    assert found == [
        ("_plugins/shout.rb", 1, "jekyll-unsupported", "warning"),
        ("pages/intro/overview.md", 39, "liquid-unsupported", "warning"),
    ]
    messages = [d.message for d in diagnostics_of(site)]
    assert "shout.rb" in messages[0] and "defines shout" in messages[0]
    assert "'shout'" in messages[1] and "_plugins/shout.rb:3" in messages[1]
    assert site.errors == 0
    assert "<!-- Begin Jekyll SEO tag v2.8.0 -->" in output_of(site, "index.html")


def test_every_link_resolves(site):
    """The checker finds no broken link or anchor: relative, baseurl-absolute, `{% link %}`,
    `{% post_url %}` and the links the site's own layouts and includes write (its topnav)."""
    assert [d for d in site.findings.items] == []
    targets = {link.target for link in site.links + site.layout_links} | {
        k.target for p in site.pages for k in p.links}
    for target in ("/widget-api/pages/build/", "/widget-api/2019/03/12/release.html",
                   "/widget-api/build_errors.html#error-codes", "build/foundations/#headers",
                   "/widget-api/2019/03/12/release.html#what-changed", "../../../../../news.html",
                   "/widget-api/build/foundations/", "#ssp-traceid-1"):
        assert target in targets, target


def test_sidebars_come_from_the_sites_data_and_the_defaults(site):
    """`sidebar:` set in _config.yml defaults picks the page's _data/sidebars file, which the
    site's own layout reads (`site.data.sidebars[page.sidebar]`)."""
    assert page_of(site, "getting_started.html").source.meta["sidebar"] == "home_sidebar"
    assert page_of(site, "build_errors.html").source.meta["sidebar"] == "build_sidebar"
    assert page_of(site, "guides/setup/index.html").source.meta["sidebar"] == "build_sidebar"
    html = output_of(site, "build_errors.html")
    assert '<nav class="sidebar"><h4>Build</h4><h4>Guides</h4></nav>' in html
    assert '<nav class="navbar"><a href="/widget-api/build/foundations/">Build</a>' in html


def test_the_sites_own_callout_includes_are_used(site):
    """The site's _includes/note.html (markdown="span") wins over the theme's callouts."""
    html = page_of(site, "index.html").html
    assert ('<div class="alert alert-info" role="alert"><i class="fa fa-info-circle"></i> <b>Note:</b> '
            'The API follows <a href="https://hl7.org/fhir/STU3/">FHIR STU3</a>.') in html
    tip = page_of(site, "getting_started.html").html
    assert 'class="alert alert-success" role="alert"><i class="fa fa-check-square-o"></i>' in tip


def test_liquid_sees_the_site_as_jekyll_gives_it(site):
    """site.posts (newest first), post_url, site.data from YAML/JSON/CSV/TSV, nested includes,
    group_by_exp, where_exp, collections, jekyll.environment, highlight with line numbers."""
    index = page_of(site, "index.html").html
    assert index.index("Service notice") < index.index("API update") < index.index("Release 1.4.0</a>")
    assert 'Latest release notes: <a href="/widget-api/2019/03/12/release.html">1.4.0</a>' in index
    assert "<td>02 November 2018</td>" in index
    assert '<code class="language-plaintext highlighter-rouge">development</code>' in index
    errors = page_of(site, "build_errors.html").html
    assert '<tr id="widget-not-found"><td><code>WIDGET_NOT_FOUND</code></td><td>404</td>' in errors
    assert "Codes: WIDGET_NOT_FOUND or INVALID_PARAMETER." in errors
    overview = page_of(site, "pages/intro/overview.html").html
    assert "Collections: guides, posts, tooltips." in overview and "The first guide is <em>Set-up guide</em>" in overview
    assert "Shouted: quiet words." in overview  # the unknown filter passes its input through
    start = page_of(site, "getting_started.html").html
    assert '<figure class="highlight"><pre' in start and '<td class="gutter gl"><pre class="lineno">1\n2\n3\n4\n5\n' in start
    assert '<code class="language-plaintext highlighter-rouge">{{ page.title }}</code>' in start and "not shown" not in start.split("comment above")[0][-30:]
    assert "<strong>Slot</strong>" in start.split("<strong>Widget</strong>")[0]  # sorted by `order`


def test_non_html_pages_are_written_without_a_layout(site):
    """search.json and feed.xml (layout: none) are the Liquid output as it is."""
    search = output_of(site, "search.json")
    assert search.lstrip().startswith("[") and '"url": "getting_started.html"' in search
    feed = output_of(site, "feed.xml")
    assert feed.startswith('<?xml version="1.0"')
    assert "<link>https://example.github.io/widget-api/2019/03/12/release.html</link>" in feed


def test_the_build_command_writes_the_site(tmp_path, capsys):
    """`build --source SITE --out DIR` writes it and exits 0 despite the warnings."""
    out = tmp_path / "out"
    assert run_cli(["build", "--source", SITE, "--out", out, "--no-cache"]) == 0
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert JEKYLL_OUTPUTS <= written
    assert "warning[liquid-unsupported]" in capsys.readouterr().err


def test_check_reports_a_broken_link_in_a_jekyll_page_at_its_source_line(tmp_path, capsys):
    """A broken anchor added to a page is reported at the markdown line, with the closest id."""
    root = tmp_path / "site"
    shutil.copytree(SITE, root)
    page = root / "pages/build/build_errors.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [codes](build_errors.html#error-code).\n",
                    encoding="utf-8")
    assert run_cli(["check", "--source", root]) == 1
    captured = capsys.readouterr()
    err = captured.out + captured.err
    lines = page.read_text(encoding="utf-8").count("\n")
    assert f"pages/build/build_errors.md:{lines}:" in err and "error[broken-anchor]" in err
    assert "'#error-codes'" in err and "warning[liquid-unsupported]" in err


JEKYLL = shutil.which("jekyll")


@pytest.mark.skipif(not JEKYLL, reason="jekyll is not installed (Debian: apt-get install jekyll)")
def test_jekyll_itself_writes_the_same_files_and_ids(site, tmp_path):
    """`jekyll build` of the fixture writes exactly JEKYLL_OUTPUTS, with the same heading ids."""
    dest = tmp_path / "_site"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BUNDLE", "GEM_HOME", "RUBY"))}
    proc = subprocess.run([JEKYLL, "build", "--disable-disk-cache", "-q", "-s", str(SITE),
                           "-d", str(dest)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
                          check=False)
    if proc.returncode != 0 and "Dependency Error" in proc.stderr:
        pytest.skip("jekyll-seo-tag is not installed for this jekyll")
    assert proc.returncode == 0, proc.stderr
    written = {p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file()}
    assert written == JEKYLL_OUTPUTS
    for url, ids in HEADING_IDS.items():
        html = (dest / url).read_text(encoding="utf-8")
        assert re.findall(r'<h[1-6][^>]* id="([^"]+)"', html) == ids, url
    # and every page is the same document as specsite's, but for the Ruby plugin's filter
    from htmlnorm import normalised
    for url in written:
        if url.endswith(".html") and url != "pages/intro/overview.html":
            theirs = normalised((dest / url).read_text(encoding="utf-8"))
            theirs = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", "<time>", theirs)
            ours = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", "<time>", normalised(output_of(site, url)))
            assert ours == theirs, url
