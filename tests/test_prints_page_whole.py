"""liquid_reads.prints_page_whole: Liquid that may print a page or document whole (Document#to_s:
its output or content) depends on that page's body (cache_keys.reads level 2)."""
from __future__ import annotations

import pytest

from specsite.liquid_reads import prints_page_whole


@pytest.mark.parametrize("liquid", ["{% for p in site.posts %}{{ p }}", "{% for p in site.posts %}{{- p -}}",
                                    "{{ site.posts.last }}", "{{ page.previous }}", "{{ page.next | strip }}",
                                    "{{ tag[1] }}", "{{ site.posts | first }}", "{% for p in x %}{% echo p %}",
                                    '{% for p in x %}{{ p | append: "|" }}',
                                    "{% assign q = site.posts | last %}{% assign r = q %}{{ r }}",
                                    "{% assign q = page.previous %}{{ q }}",
                                    "{% include show.html post=site.docs.first %}",
                                    "{% for p in site.posts %}{% include_cached card.html post=p %}{% endfor %}",
                                    "{% for d in site.docs %}{%- include card.html  title='x' post = d -%}{% endfor %}"])
def test_whole(liquid):
    assert prints_page_whole(liquid)


@pytest.mark.parametrize("liquid", ["{% for p in site.posts %}{{ p.title }}", "{{ p.url | relative_url }}",
                                    '{{ "p" }}', "{{ true }}", "{{ 3 }}", "{%- echo p.title -%}",
                                    '{{ p.date | date: "%Y | %m" }}', "",
                                    '{% assign t = site.feedback_text %}{% assign t = "F" %}{{ t }}',
                                    "{% assign t = item.title | replace: 'a', '' %}{{ t }}", "{{ base_path }}",
                                    '{% include note.html content="text" %}', "{% include x.html p=page t=page.title %}",
                                    "{% for d in site.docs %}{% include card.html title=d.title %}{% endfor %}"])
def test_a_value(liquid):
    assert not prints_page_whole(liquid)
