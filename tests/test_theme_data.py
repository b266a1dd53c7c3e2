"""Our theme honours what a Jekyll site's data says: HTML and entities in navigation titles,
`subfolders:` beside their item, site_title/topnav_title, the `logo` and `favicon` options, and
the top navigation marking the current page's section."""
from __future__ import annotations

from bs4 import BeautifulSoup

from conftest import REPO, build_site, make_site, output_of

SIDEBAR = """\
entries:
- title: Guide
  product: Guide
  version: 2.0
  folders:
  - title: <em>First</em> steps
    output: web
    folderitems:
    - title: Start <sup>new</sup>
      url: /start.html
      output: web
      subfolders:
      - title: More
        output: web
        subfolderitems:
        - title: Deep
          url: /deep.html
          output: web
  - title: Other
    output: web
    folderitems:
    - title: Other page
      url: /other.html
      output: web
"""
TOPNAV = """\
topnav:
- title: Topnav
  items:
  - title: Steps
    url: /start.html
  - title: Other
    url: /other.html
"""


def _site(tmp_path, config: str = "", files: dict | None = None):
    page = "---\ntitle: {0}\nsidebar: guide_sidebar\n---\nText of {0}.\n"
    return build_site(make_site(tmp_path, {
        "_config.yml": "site_title: The Guide\ntopnav_title: The Guide | FHIR&reg;\n" + config + "specsite: {}\n",
        "_data/sidebars/guide_sidebar.yml": SIDEBAR, "_data/topnav.yml": TOPNAV,
        "start.md": page.format("Start"), "deep.md": page.format("Deep"), "other.md": page.format("Other"),
        **(files or {})}))


def _soup(site, url) -> BeautifulSoup:
    return BeautifulSoup(output_of(site, url), "html.parser")


def test_titles_keep_their_html_and_subfolders_sit_beside_their_item(tmp_path):
    html = _soup(_site(tmp_path), "deep.html")
    sidebar = html.select_one("#sidebar")
    summary = sidebar.select_one("summary")
    summary.select_one(".chevron").decompose()
    assert summary.decode_contents() == "<em>First</em> steps"
    start = sidebar.select('a[data-page="start.html"]')
    assert len(start) == 1 and start[0].decode_contents() == "Start <sup>new</sup>"
    more = next(s for s in sidebar.select("summary") if s.get_text() == "More").parent
    assert more.name == "details" and more.get("open") is not None  # holds the current page
    assert more.find("a", attrs={"data-page": "start.html"}) is None  # the item is not copied into it
    # the title equal to the product is not repeated above "Guide 2.0"
    assert [p.get_text() for p in sidebar.select("p")] == ["Guide 2.0"]


def test_site_title_names_the_tab_and_topnav_title_the_header(tmp_path):
    html = _soup(_site(tmp_path), "start.html")
    assert html.title.get_text() == "Start | The Guide"
    assert html.select_one(".site-title").get_text() == "The Guide | FHIR®"
    assert html.select_one("footer p").get_text().startswith("The Guide | FHIR®")


def test_the_top_navigation_marks_the_section_of_a_page_it_does_not_link(tmp_path):
    site = _site(tmp_path)
    start = _soup(site, "start.html").select_one('.topnav-nav a[aria-current="page"]')
    assert start.get_text() == "Steps"
    deep = _soup(site, "deep.html").select(".topnav-nav a[aria-current]")
    assert [(a.get_text(), a["aria-current"]) for a in deep] == [("Steps", "true")]


def test_logo_and_favicon_are_used_and_a_missing_one_is_reported(tmp_path):
    site = _site(tmp_path, "logo: images/logo.png\nfavicon: /images/icon.ico\n",
                 {"images/logo.png": b"\x89PNG", "images/icon.ico": b"\0"})
    html = _soup(site, "deep.html")
    assert html.select_one(".site-title img.site-logo")["src"] == "images/logo.png"
    assert html.select_one('link[rel="icon"]')["href"] == "images/icon.ico"
    site = _site(tmp_path / "b", "favicon: images/missing.ico\n")
    found = [d for d in site.diagnostics.sorted() if d.rule == "missing-image"]
    assert [(d.path, d.line) for d in found] == [("_config.yml", 3)]
    assert "is not a file of the site" in found[0].message and found[0].hint
    assert _soup(site, "deep.html").select_one('link[rel="icon"]')["href"] == "assets/images/favicon.svg"


def test_the_sample_site_does_not_publish_its_docs_folder():
    """docs/github-actions-check.yml is for the repository, not a page asset of the site."""
    outputs = build_site(REPO).outputs
    assert not [url for url in outputs if url.startswith("docs/")]
    assert "index.html" in outputs
