"""A page whose Liquid reads every page's content reads its own too: Jekyll gives it its raw
text (it is being rendered; its content is converted afterwards), and the readers after it its
converted content, Liquid rendered (real Jekyll 4 builds of this site, checked by hand: a.html
shows a.md's and b.md's text as written, b.html a.md's HTML and b.md's text as written; the HTML
lands inside b's paragraph, where kramdown escapes its <p> tags: Jekyll 4.3.1 writes
`<p>[a.md=&lt;p&gt;A of Self&lt;/p&gt;</p>`)."""
from __future__ import annotations

import pytest

from conftest import make_site
from specsite import build
from specsite.config import load_config

READER = "{{ page.title }} of {{ site.title }}\n\n{% for p in site.pages %}[{{ p.path }}={{ p.content }}]{% endfor %}\n"
SITE = {
    "_config.yml": "title: Self\n",
    "_layouts/default.html": "{{ content }}",
    "a.md": "---\ntitle: A\nlayout: default\n---\n" + READER,
    "b.md": "---\ntitle: B\nlayout: default\n---\n" + READER,
    **{f"f{i:02}.md": f"---\ntitle: F{i}\nlayout: default\n---\nFiller {i}.\n" for i in range(24)},  # two cores
}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_reader_reads_its_own_content_raw_and_the_next_reader_reads_it_rendered(tmp_path, monkeypatch, jobs):
    monkeypatch.setenv("SPECSITE_JOBS", jobs)
    src = make_site(tmp_path / "src", SITE)
    build.run(load_config(src, tmp_path / "out"), cache=None)
    a = (tmp_path / "out" / "a.html").read_text(encoding="utf-8")
    b = (tmp_path / "out" / "b.html").read_text(encoding="utf-8")
    assert "[a.md={{ page.title }} of {{ site.title }}" in a  # its own: raw
    assert "[b.md={{ page.title }} of {{ site.title }}" in a  # a later page: raw
    assert "<p>[a.md=&lt;p&gt;A of Self&lt;/p&gt;</p>" in b  # an earlier reader: rendered and converted
    assert "[b.md={{ page.title }} of {{ site.title }}" in b
