"""A page body's Liquid output, kept from its own render for the pages that read its content
(specsite.liquid.kept): only a body whose Liquid and includes read nothing but its own page, the
site's configuration and data; what a reader gets is what rendering it again gives."""
from __future__ import annotations

from pathlib import Path

from specsite import lean_imports

lean_imports.liquid()

from specsite.liquid import LiquidRenderer  # noqa: E402
from specsite.liquid_reads import EXPOSING, reads_only_its_page  # noqa: E402

SITE = {"title": "T", "data": {"x": {"y": "data"}}, "pages": [], "docs": [], "exclude": ["a"]}


def _renderer(root: Path) -> LiquidRenderer:
    (root / "_includes").mkdir(exist_ok=True)
    (root / "_includes" / "plain.html").write_text("[{{ include.v }} {{ site.title }} {{ page.title }}]")
    (root / "_includes" / "lister.html").write_text("{% for p in site.pages %}{{ p.title }}{% endfor %}")
    return LiquidRenderer([root / "_includes"], {"site": SITE}, source_root=root, highlight=None)


def _both(renderer, root, body):
    """(own render's text, the nested read's (text, includes), a second renderer's nested read)."""
    path = root / "p.md"
    own = renderer.render(body, path=path, page={"title": "P"}, line_offset=3)
    renderer.render("{{ page.title }}", path=root / "reader.md", page={"title": "R"}, line_offset=1)  # (the reader)
    nested = renderer.render_nested(body, path=path, page={"title": "P"}, line_offset=3)
    fresh = _renderer(root).render_nested(body, path=path, page={"title": "P"}, line_offset=3)
    return own.text, nested, fresh


def test_a_body_that_reads_only_its_page_is_rendered_once_and_read_as_rendered(tmp_path):
    renderer = _renderer(tmp_path)
    body = "a {{ page.title }} {{ site.data.x.y }} {% include plain.html v=1 %}"
    own, nested, fresh = _both(renderer, tmp_path, body)
    assert own == "a P data [1 T P]"
    assert nested == fresh and nested[0] == own
    assert [p.name for p in nested[1]] == ["plain.html"]
    assert renderer._kept.get((tmp_path / "p.md", body, 3)) is not None


def test_bodies_that_read_other_pages_the_clock_or_make_findings_are_not_kept(tmp_path):
    for body in ("{% for p in site.pages %}{{ p.title }}{% endfor %}", "{% include lister.html %}",
                 "{{ site.time | date: '%Y' }}", "{{ site | jsonify }}", "{{ site.docs | size }}",
                 "{{ page.previous.url }}", "{% link p.md %}", "{{ x | no_such_filter }}",
                 "{% include missing.html %}", "{{ site.exclude }}"):
        renderer = _renderer(tmp_path)
        renderer.render(body, path=tmp_path / "p.md", page={"title": "P"}, line_offset=1)
        assert renderer._kept.get((tmp_path / "p.md", body, 1)) is None, body


def test_reads_only_its_page():
    exposing = EXPOSING | {"docs"}
    assert reads_only_its_page("no liquid", exposing)
    assert reads_only_its_page("{{ page.title }}{{ site.title }}{% include x.html %}{{ site.data.a }}", exposing)
    for text in ("{{ site.pages }}", "{{ site . posts }}", "{{ site['pages'] }}", "{% assign s = site %}",
                 "{{ page.next.url }}", "{{ paginator.page }}", "{% post_url 2020-01-01-x %}", "{{ 'now' | date }}",
                 "{{ site.docs }}", "{{ a | shuffle }}", "{{ site.time }}"):
        assert not reads_only_its_page(text, exposing), text
