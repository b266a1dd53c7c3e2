"""Where Jekyll writes each file (specsite.jekyll, through specsite.discover): its documented
permalink rules for pages, posts and collections, each case checked against `jekyll build` 4.3."""
from __future__ import annotations

import pytest

from conftest import diagnostics_of, page_of
from urlkit import written_at


def config(permalink: str = "date", site: dict | None = None) -> dict:
    """_config.yml of the one-file site that urlkit.written_at builds."""
    return {"permalink": permalink, **(site or {})}


POST = "_posts/2019-03-05-Hello World.md"
POST_META = {"categories": ["Cat One"]}
SLUGGED = "_posts/2019-12-31-s.md"


@pytest.mark.parametrize("style, post, slugged, doc, page, index", [
    ("date", "cat one/2019/03/05/Hello-World.html", "2019/12/31/custom-slug.html", "docs/sub/d.html",
     "pg/p.html", "pg/index.html"),
    ("pretty", "cat one/2019/03/05/Hello-World/index.html", "2019/12/31/custom-slug/index.html",
     "docs/sub/d/index.html", "pg/p/index.html", "pg/index.html"),
    ("ordinal", "cat one/2019/064/Hello-World.html", "2019/365/custom-slug.html", "docs/sub/d.html",
     "pg/p.html", "pg/index.html"),
    ("none", "cat one/Hello-World.html", "custom-slug.html", "docs/sub/d.html", "pg/p.html", "pg/index.html"),
    ("weekdate", "cat one/2019/W10/Tue/Hello-World.html", "2019/W01/Tue/custom-slug.html", "docs/sub/d.html",
     "pg/p.html", "pg/index.html"),
    ("/:categories/:title.html", "cat one/Hello-World.html", "custom-slug.html", "docs/sub/d.html",
     "pg/p.html", "pg/index.html"),
    ("/:year/:month/:title/", "2019/03/Hello-World/index.html", "2019/12/custom-slug/index.html",
     "docs/sub/d/index.html", "pg/p/index.html", "pg/index.html"),
    ("/blog/:i_month-:i_day/:slug:output_ext", "blog/3-5/hello-world.html", "blog/12-31/custom-slug.html",
     "docs/sub/d.html", "pg/p.html", "pg/index.html"),
])
def test_the_global_permalink_style_shapes_posts_documents_and_pages(tmp_path, style, post, slugged, doc, page, index):
    """`permalink:` in _config.yml (date, pretty, ordinal, none, weekdate or a template) sets the
    posts' URLs; its trailing slash or :output_ext also shapes pages and collection documents."""
    c = config(style, {"collections": {"docs": {"output": True}}})
    assert written_at(tmp_path, POST, dict(POST_META), c) == post
    assert written_at(tmp_path, SLUGGED, {"slug": "custom-slug"}, c) == slugged
    assert written_at(tmp_path, "_docs/sub/d.md", {}, c) == doc
    assert written_at(tmp_path, "pg/p.md", {}, c) == page
    assert written_at(tmp_path, "pg/index.md", {}, c) == index
    assert written_at(tmp_path, "f.xml", {}, c) == "f.xml"


@pytest.mark.parametrize("rel, meta, expected", [
    ("sub/noslash.md", {"permalink": "noslash"}, "noslash.html"),  # the output extension is added
    ("sub/trail.md", {"permalink": "/trail/"}, "trail/index.html"),
    ("sub/api.md", {"permalink": "/api.json"}, "api.json"),  # an extension in the permalink is kept
    ("sub/v.md", {"permalink": "/docs/v1.2"}, "docs/v1.2"),  # … whatever it is
    ("sub/upper.md", {"permalink": "/Upper/Case.HTML"}, "Upper/Case.HTML"),
    ("sub/tpl.md", {"permalink": "/t/:path/:basename/:title:output_ext"}, "t/sub/tpl/:title.html"),
    ("sub/space.md", {"permalink": "/a b/c.html"}, "a b/c.html"),
    ("sub/page.htm", {}, "sub/page.htm"),
    ("sub/index.htm", {}, "sub/index.htm"),
    ("sub/data.txt", {}, "sub/data.txt"),
    ("css/main.scss", {}, "css/main.css"),
])
def test_page_permalinks_follow_jekylls_rules(tmp_path, rel, meta, expected):
    """A page's `permalink:` takes only :path, :basename and :output_ext; `.html` (any extension)
    in it is kept, none gets the page's output extension, a trailing slash gives index.html."""
    assert written_at(tmp_path, rel, meta, config()) == expected


@pytest.mark.parametrize("rel, meta, expected", [
    ("_posts/x/2020-1-2-My_Post.Name.md", {"categories": "A b"}, "a/b/2020/01/02/My_Post.Name.html"),
    ("news/_posts/2020-01-15-notice.md", {}, "news/2020/01/15/notice.html"),
    ("news/_posts/2020-01-15-notice.md", {"slug": "Planned Downtime"}, "news/2020/01/15/Planned-Downtime.html"),
    ("_posts/2020-01-03-dated.md", {"date": "2021-05-06 10:00:00"}, "2021/05/06/dated.html"),
    ("_posts/2020-01-03-kept.md", {"permalink": "/releases/:year/:title.html"}, "releases/2020/kept.html"),
    ("_posts/2020-01-03-page.md", {"permalink": "/releases/latest/"}, "releases/latest/index.html"),
])
def test_post_urls(tmp_path, rel, meta, expected):
    """Posts: categories from front matter (a string is split) and from the folders above _posts,
    lower case; the date from the file name unless front matter gives one; :title from `slug:`."""
    assert written_at(tmp_path, rel, meta, config()) == expected


@pytest.mark.parametrize("collection, rel, expected", [
    ({"output": True}, "_items/x.md", "items/x.html"),
    ({"output": True}, "_items/index.md", "items/index.html"),
    ({"output": True, "permalink": "/guides/:path/"}, "_items/advanced/tuning.md", "guides/advanced/tuning/index.html"),
    ({"output": True, "permalink": "/d/:categories/:title:output_ext"}, "_items/a/Hello World.md",
     "d/c1/Hello-World.html"),
    ({"output": True, "permalink": "/:collection/:name"}, "_items/My Doc.md", "items/my-doc.html"),
])
def test_collection_document_urls(tmp_path, collection, rel, expected):
    """Documents: /:collection/:path plus the style's ending, or the collection's `permalink:`."""
    c = config("date", {"collections": {"items": collection}})
    assert written_at(tmp_path, rel, {"categories": ["C1"]}, c) == expected


def test_a_build_writes_posts_collections_and_their_static_files_where_jekyll_does(site_factory):
    """Posts without front matter are posts, future and unpublished ones are not written, a
    collection's static files follow its permalink, a collection without output writes nothing."""
    site = site_factory({
        "_config.yml": "collections:\n  guides: {output: true, permalink: '/g/:path/'}\n  notes: {output: false}\n",
        "_posts/2020-01-02-nofm.md": "No front matter, still a post.\n",
        "_posts/2020-01-04-unpub.md": "---\npublished: false\n---\nx\n",
        "_posts/2999-01-04-future.md": "---\n---\nx\n",
        "_posts/notadate.md": "---\n---\nx\n",
        "_guides/a/b.md": "---\ntitle: B\n---\n## Hi\n",
        "_guides/a/chart.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        "_notes/n.md": "---\ntitle: N\n---\nnote\n",
        "draft.md": "---\npublished: false\n---\nx\n",
    })
    assert diagnostics_of(site) == []
    outputs = {url for url in site.outputs if not url.startswith("assets/")}
    assert outputs == {"2020/01/02/nofm.html", "g/a/b/index.html", "g/a/chart.svg"}
    assert page_of(site, "2020/01/02/nofm.html").source.meta["title"] == "Nofm"


def test_drafts_are_posts_only_with_show_drafts(tmp_path):
    """_drafts/ is left out, unless `show_drafts: true` (_config.yml): then its files are posts dated by mtime."""
    from conftest import build_site, make_site
    files = {"_drafts/my-draft.md": "---\ntitle: D\n---\ndraft\n", "index.md": "---\n---\nx\n"}
    hidden = build_site(make_site(tmp_path / "a", {"_config.yml": "title: T\n", **files}))
    assert not any("my-draft" in url for url in hidden.outputs)
    shown = build_site(make_site(tmp_path / "b", {"_config.yml": "show_drafts: true\n", **files}))
    [url] = [u for u in shown.outputs if "my-draft" in u]
    assert url.endswith("/my-draft.html") and url.count("/") == 3


def test_front_matter_defaults_by_type_reach_posts_and_collections(site_factory):
    """`defaults` with scope.type posts / a collection label apply to those documents only."""
    site = site_factory({
        "_config.yml": ("collections:\n  guides: {output: true}\ndefaults:\n"
                        "  - scope: {path: '', type: posts}\n    values: {sidebar: news}\n"
                        "  - scope: {path: '', type: guides}\n    values: {sidebar: guide}\n"
                        "  - scope: {path: '', type: page}\n    values: {sidebar: pages}\n"),
        "_posts/2020-01-02-p.md": "---\n---\n{{ page.sidebar }}\n",
        "_guides/g.md": "---\n---\n{{ page.sidebar }}\n",
        "index.md": "---\n---\n{{ page.sidebar }}\n",
    })
    assert page_of(site, "2020/01/02/p.html").html == "<p>news</p>\n"
    assert page_of(site, "guides/g.html").html == "<p>guide</p>\n"
    assert page_of(site, "index.html").html == "<p>pages</p>\n"


def test_a_more_specific_default_wins_whatever_the_order(site_factory):
    """Jekyll's precedence: a longer scope path wins over a shorter one written after it."""
    site = site_factory({
        "_config.yml": ("defaults:\n  - scope: {path: pages/build}\n    values: {sidebar: build}\n"
                        "  - scope: {path: ''}\n    values: {sidebar: home, layout: page}\n"),
        "pages/build/a.md": "---\n---\n{{ page.sidebar }}\n",
        "pages/b.md": "---\n---\n{{ page.sidebar }}\n",
    })
    assert page_of(site, "pages/build/a.html").html == "<p>build</p>\n"
    assert page_of(site, "pages/b.html").html == "<p>home</p>\n"
