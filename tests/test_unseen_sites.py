"""Differences found by building real Jekyll sites that specsite had never seen (Documentation
Theme spec sites from the public index), each reduced to the general kramdown/Jekyll rule behind
it. tests/fixtures/unseen-sites/_expected is Jekyll 4.3.1's own build of the fixture; where
`jekyll` is installed, one test builds it again and compares."""
from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES, build_site, diagnostics_of
from htmlnorm import assert_jekyll_builds_expected, html_files, normalised

SITE = FIXTURES / "unseen-sites"
EXPECTED = SITE / "_expected"


@pytest.fixture(scope="module")
def site_and_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    return build_site(SITE, write=True, out=out), out


@pytest.fixture(scope="module")
def built(site_and_out):
    return html_files(site_and_out[1])


@pytest.mark.parametrize("page", sorted(html_files(EXPECTED)))
def test_page_equals_jekylls_own_build(built, page):
    assert normalised(built[page]) == normalised(html_files(EXPECTED)[page])


@pytest.mark.skipif(shutil.which("jekyll") is None, reason="jekyll is not installed")
def test_real_jekyll_still_builds_the_expected_output(tmp_path):
    """The committed `_expected/` is what this machine's Jekyll writes (it is not stale)."""
    assert_jekyll_builds_expected(SITE, tmp_path)


def test_the_highlight_tag_downcases_its_language(built):
    """Jekyll's HighlightBlock: `@lang = Regexp.last_match(1).downcase` (a fence keeps its case)."""
    page = built["pages/code-lang-case.html"]
    assert 'data-lang="xml"' in page and 'class="language-xml"' in page
    assert 'class="language-XML">&lt;a/&gt;' in page


def test_an_email_autolink_is_no_broken_file_link(site_and_out):
    """kramdown writes `<a@b.c>` as a mailto: link; the checker must not read it as the file 'a@b.c'."""
    site, _ = site_and_out
    assert not [d for d in diagnostics_of(site) if "apilabs" in d.message]


@pytest.mark.parametrize("strict", [False, True])
def test_strict_front_matter_makes_invalid_yaml_an_error(site_factory, strict):
    """Jekyll's Convertible/Document#read warns on invalid front matter and builds the page without
    it, but re-raises (the build fails) under `strict_front_matter: true` (MichaelCurrin/jekyll-blog-demo's
    `description: |>`)."""
    config = "title: t\n" + ("strict_front_matter: true\n" if strict else "")
    site = site_factory({"_config.yml": config, "a.md": "---\ndescription: |>\n    x\n---\nbody\n"})
    found = diagnostics_of(site, "front-matter")
    assert [d.severity for d in found] == (["error"] if strict else ["warning"])


# Real Jekyll 4.3.1 on a page `* TOC\n{:toc}` + `# A`, `## B`, `### C`, `#### D` with toc_levels "2,3" / [2, 3] / 2..3.
TOC_2_3 = ('<ul id="markdown-toc"><li><a href="#b" id="markdown-toc-b">B</a><ul>'
           '<li><a href="#c" id="markdown-toc-c">C</a></li></ul></li></ul>')


@pytest.mark.parametrize("levels", ['"2,3"', "[2, 3]", "2..3", "['2', 3.0]"])
def test_kramdown_toc_levels_limit_the_table_of_contents(site_factory, tmp_path, levels):
    """kramdown's toc_levels option (Options: "a..b", "a,b", a list read with to_i; html.rb in_toc?)."""
    config = f"title: t\nmarkdown: kramdown\nkramdown:\n  toc_levels: {levels}\n"
    page = "---\n---\n* TOC\n{:toc}\n\n# A\n\n## B\n\n### C\n\n#### D\n"
    out = tmp_path / "out"
    site_factory({"_config.yml": config, "_layouts/default.html": "{{ content }}", "a.md": page}, write=True, out=out)
    html = (out / "a.html").read_text()
    assert normalised(html[:html.index("<h1")]) == normalised(TOC_2_3)


@pytest.mark.parametrize("levels", ["3", "2-3", "[0, 7]"])
def test_a_toc_levels_value_kramdown_rejects_fails_the_build_at_its_line(tmp_path, levels):
    """Jekyll: "Conversion error … Invalid type Integer / Invalid syntax for option toc_levels"."""
    from specsite.config import ConfigError, load_config
    (tmp_path / "_config.yml").write_text(f"title: t\nkramdown:\n  toc_levels: {levels}\n")
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path, tmp_path / "out")
    assert err.value.line == 3 and "toc_levels" in err.value.message and "2..4" in err.value.hint


def test_the_sites_timezone_dates_posts_as_jekyll_does(site_factory, tmp_path):
    """Jekyll.set_timezone: ENV["TZ"] = `timezone:` (jekyll/jekyll's own docs: America/Los_Angeles).
    Real Jekyll 4.3.1 wrote 2019/12/31/new-year.html with this body; the process' TZ is put back."""
    import os
    before = os.environ.get("TZ")
    out = tmp_path / "out"
    site_factory({"_config.yml": "timezone: America/Los_Angeles\n", "_layouts/unused.html": "{{ content }}",
                  "_posts/2020-01-01-new-year.md": "---\ndate: 2020-01-01 02:00:00 +0000\n---\n"
                                                   "{{ page.date | date_to_xmlschema }} {{ page.id }}\n",
                  "_posts/2020-02-03-plain.md": "---\n---\n{{ page.date | date_to_xmlschema }}\n"}, write=True, out=out)
    assert (out / "2019/12/31/new-year.html").read_text().strip() == \
        "<p>2019-12-31T18:00:00-08:00 /2019/12/31/new-year</p>"
    assert (out / "2020/02/03/plain.html").read_text().strip() == "<p>2020-02-03T00:00:00-08:00</p>"
    assert os.environ.get("TZ") == before


def test_a_pretty_post_url_gives_the_id_jekyll_gives(site_factory, tmp_path):
    """Document#id is File.join(File.dirname(url), slug): Ruby's dirname of "/news/2018/x/" is
    "/news/2018" (jekyll-feed writes it as each entry's <id>)."""
    out = tmp_path / "out"
    site_factory({"_config.yml": "permalink: /news/:year/:title/\n", "_layouts/unused.html": "{{ content }}",
                  "_posts/2018-09-19-x.md": "---\n---\n{{ page.id }}\n"}, write=True, out=out)
    assert (out / "news/2018/x/index.html").read_text().strip() == "<p>/news/2018/x</p>"
