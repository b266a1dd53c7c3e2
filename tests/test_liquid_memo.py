"""Loop iterations remembered within a build (specsite.liquid.memo): a sidebar rendered for page
after page writes what python-liquid's own tree walk writes for each page, records the same
outputs, and leaves the same loop state; a body that reads anything else is not remembered."""
from __future__ import annotations

import pytest

from specsite import lean_imports

lean_imports.liquid()

from specsite.liquid import LiquidRenderer  # noqa: E402
from specsite.liquid import memo  # noqa: E402
from specsite.liquid.compiler import compile_template  # noqa: E402

SIDEBAR = [{"product": "P", "folders": [
    {"title": "One", "output": "web", "folderitems": [
        {"title": "A", "url": "/a.html", "output": "web"},
        {"title": "B", "url": "/b.html", "output": "web", "subfolders": [
            {"title": "Sub", "output": "web", "subfolderitems": [
                {"title": "B1", "url": "/b1.html", "output": "web"},
                {"title": "Ext", "url": "/x.html", "external_url": "http://e", "output": "web"}]}]}]},
    {"title": "Two", "output": "web, pdf", "folderitems": [
        {"title": "C", "url": "/c.html", "output": "web"},
        {"title": "D <&>", "url": "/d.html", "output": "pdf"}]}]}]

TEMPLATE = (
    "{% for entry in sidebar %}{% for folder in entry.folders %}{% if folder.output contains 'web' %}"
    "<li>{{ folder.title }}<ul>{% for folderitem in folder.folderitems %}"
    "{% if folderitem.output contains 'web' %}{% if folderitem.external_url %}<a href='{{ folderitem.external_url }}'>"
    "{% elsif page.url == folderitem.url %}<li class='active'><a href='{{ folderitem.url | remove: '/' }}'>"
    "{{ folderitem.title | escape }}</a>{% else %}<li><a href='{{ folderitem.url | remove: '/' }}'>"
    "{{ folderitem.title }}</a>{% endif %}{% for subfolders in folderitem.subfolders %}<b>{{ subfolders.title }}"
    "</b>{% for subfolderitem in subfolders.subfolderitems %}{% if subfolderitem.external_url %}[ext]"
    "{% elsif page.url == subfolderitem.url %}[{{ subfolderitem.title }} active]{% else %}"
    "[{{ subfolderitem.title | append: site.mark }}]{% endif %}{% endfor %}{% endfor %}{% endif %}{% endfor %}</ul>"
    "{% endif %}{% endfor %}{% endfor %}"
    "|{% for folder in sidebar[0].folders offset: continue %}{{ folder.title }}{% endfor %}"
    "|{% for f in sidebar[0].folders %}{% for i in f.folderitems %}{% endfor %}{% endfor %}"
    "{% for i in sidebar[0].folders[0].folderitems offset: continue %}{{ i.title }}{% endfor %}")
PAGES = ["/a.html", "/elsewhere.html", "/b1.html", "/c.html", "/other.html", "/b.html", "/d.html", "/a.html"]


@pytest.fixture()
def renderer(tmp_path):
    return LiquidRenderer([tmp_path / "_includes"], {}, source_root=tmp_path, highlight=None)


def _walked(renderer, url, mark="!"):
    return renderer.env.from_string(TEMPLATE).render(sidebar=SIDEBAR, page={"url": url}, site={"mark": mark})


def test_a_remembered_sidebar_writes_and_records_what_python_liquid_writes_on_every_page(renderer):
    template = renderer.env.from_string(TEMPLATE)
    compile_template(template, renderer.env.autoescape)
    for url in PAGES:
        renderer.recorded = []
        try:
            text = template.render(sidebar=SIDEBAR, page={"url": url}, site={"mark": "!"})
            recorded = [(t, token.start_index) for t, token in renderer.recorded]
        finally:
            renderer.recorded = None
        walked = renderer.env.from_string(TEMPLATE)
        renderer.recorded = []
        try:
            assert text == walked.render(sidebar=SIDEBAR, page={"url": url}, site={"mark": "!"}), url
            assert recorded == [(t, token.start_index) for t, token in renderer.recorded], url
        finally:
            renderer.recorded = None
        for mark in ("?", 1, 1.0, True, "?"):  # a value it reads keys what it remembers, type and all
            assert template.render(sidebar=SIDEBAR, page={"url": url}, site={"mark": mark}) == \
                _walked(renderer, url, mark), (url, mark)


def test_iterations_are_remembered_for_pages_outside_the_item(renderer, monkeypatch):
    captured = []
    original = memo._capture
    monkeypatch.setattr(memo, "_capture", lambda *args: captured.append(1) or original(*args))
    template = renderer.env.from_string(TEMPLATE)
    compile_template(template, renderer.env.autoescape)
    template.render(sidebar=SIDEBAR, page={"url": "/elsewhere.html"}, site={"mark": "!"})
    first = len(captured)
    template.render(sidebar=SIDEBAR, page={"url": "/other.html"}, site={"mark": "!"})
    assert first and len(captured) == first  # nothing rendered again: every iteration replayed


@pytest.mark.parametrize("body", [
    "{% for f in x %}{% for i in f.items %}{% increment n %}{% endfor %}{% endfor %}",
    "{% for f in x %}{% for i in f.items %}{{ forloop.index }}{% endfor %}{% endfor %}",
    "{% for f in x %}{% for i in f.items %}{% if forloop.first == i.a %}x{% endif %}{% endfor %}{% endfor %}",
    "{% for f in x %}{% for i in f.items %}{% assign y = i %}{% endfor %}{% endfor %}",
    "{% for f in x %}{% for i in f.items %}{{ i | sample }}{% endfor %}{% endfor %}",
    "{% for f in x %}{% for i in f.items limit: 2 %}{{ i }}{% endfor %}{% endfor %}",
    "{% for f in x %}{% for i in f.items %}{% cycle 'a', 'b' %}{% endfor %}{% endfor %}",
    "{% for f in x %}{% for i in f.items %}{{ forloop.index }}{% endfor %}{{ i.title | split: '/' }}{% endfor %}",
])
def test_a_body_that_reads_more_than_its_item_is_not_remembered(renderer, body):
    template = renderer.env.from_string(body)
    assert memo.plan(template.nodes[0]) is None


def test_an_outside_value_read_otherwise_than_compared_keys_the_memo(renderer):
    template = renderer.env.from_string(
        "{% for f in x %}{% for i in f.items %}{% if page.url contains i.url %}a{% endif %}{% endfor %}{% endfor %}")
    compared, read, stops = memo.plan(template.nodes[0])
    assert not compared and [str(p) for p in read] == ["page.url"] and stops == ("i-f.items",)


def test_only_plain_data_is_remembered():
    class Drop(dict):
        def __missing__(self, key):
            return None
    assert memo._nested({"a": [{"b": "x"}], "n": 1})[1:] == (frozenset({"x"}), 2)  # the dict's 2 keys, a list of 1, a dict of 1
    assert memo._nested({"a": Drop()})[2] is None
    assert memo._nested([object()])[2] is None
    looped = [1]
    looped.append(looped)
    assert memo._nested(looped)[2] is None
