"""The pages plugins' generators add are in `site.pages` while the site's pages render (Jekyll
runs generators first): jekyll-redirect-from's redirect pages and redirects.json, then jekyll-sitemap's
and jekyll-feed's pages in the order `plugins:` requires them, each with the name, path, dir, data and
content (a template not yet rendered) Jekyll gives it. Expected text: real Jekyll 4.3.1's build of
this site (jekyll-sitemap 1.4, jekyll-feed 0.17, jekyll-redirect-from 0.16)."""
from __future__ import annotations

from conftest import make_site
from specsite import build
from specsite.config import load_config

LAYOUT = '{{ content }}L:{% for p in site.pages %}[{{ p.name }};{{ p.url }};{{ p.path }};{{ p.dir }};{{ p.sitemap }};{{ p.layout }};{{ p.title }};{{ p.content | size }};{{ p.redirect | jsonify }};{{ p.content | slice: 0, 12 | jsonify }}]\n{% endfor %}H:{% for p in site.html_pages %}{{ p.url }} {% endfor %}\n'
SITE = {
    "_config.yml": "title: T\nurl: http://example.com\nplugins: [jekyll-sitemap, jekyll-feed, jekyll-redirect-from]\n",
    "_layouts/default.html": LAYOUT,
    "index.md": "---\nlayout: default\ntitle: Home\nredirect_from: /old/\n---\nHello\n",
    "_posts/2020-01-01-a.md": "---\ntitle: A\nredirect_from: [/a-old.html]\n---\nPost\n",
    "list.txt": "---\n---\n{% for p in site.pages %}{{ p.url }} {% endfor %}\n",
}
JEKYLL_INDEX = '<p>Hello</p>\nL:[index.md;/;index.md;/;;default;Home;13;null;"<p>Hello</p>"]\n[list.txt;/list.txt;list.txt;/;;;;50;null;"{% for p in "]\n[redirect.html;/a-old.html;redirect.html;/;false;redirect;;0;{"from":"/a-old.html","to":"http://example.com/2020/01/01/a.html"};""]\n[redirect.html;/old/;redirect.html;/old/;false;redirect;;0;{"from":"/old/","to":"http://example.com/"};""]\n[redirects.json;/redirects.json;redirects.json;/;;;;84;null;"{\\"/a-old.htm"]\n[sitemap.xml;/sitemap.xml;sitemap.xml;/;;;;1569;null;"<?xml versio"]\n[robots.txt;/robots.txt;robots.txt;/;;;;44;null;"Sitemap: {{ "]\n[/feed.xml;/feed.xml;feed.xml;/;false;;;4270;null;"<?xml versio"]\nH:/ /a-old.html /old/ \n'
JEKYLL_LIST = '/ /list.txt /a-old.html /old/ /redirects.json /sitemap.xml /robots.txt /feed.xml \n'
JEKYLL_SITEMAP_URLS = ["http://example.com/2020/01/01/a.html", "http://example.com/"]


def test_generated_pages_are_in_site_pages_as_jekyll_lists_them(tmp_path):
    src = make_site(tmp_path / "src", SITE)
    build.run(load_config(src, tmp_path / "out"), cache=None)
    out = tmp_path / "out"
    assert (out / "index.html").read_text(encoding="utf-8") == JEKYLL_INDEX
    assert (out / "list.txt").read_text(encoding="utf-8") == JEKYLL_LIST
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")  # its own pages and the redirects: not listed
    assert [line[5:-6] for line in sitemap.splitlines() if line.startswith("<loc>")] == JEKYLL_SITEMAP_URLS
