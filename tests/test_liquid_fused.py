"""Runs of text and output nodes rendered by one function (specsite.liquid.fused) print, record
and fail as python-liquid's own nodes do: the same text, the same recorded outputs, and the same
node named by an error."""
from __future__ import annotations

import pytest

from specsite import lean_imports

lean_imports.liquid()

from liquid.exceptions import LiquidError  # noqa: E402

from specsite.liquid import LiquidRenderer  # noqa: E402
from specsite.liquid.compiler import compile_template  # noqa: E402
from specsite.liquid.fused import Run  # noqa: E402

DATA = {"page": {"title": "Tïtle 100%", "n": 3, "list": [1, "b"], "none": None, "f": 1.5,
                 "items": [{"url": "/a.html", "title": "A"}, {"url": "/b.html", "title": "B%s"}]}}

SOURCES = [
    "100% {{ page.title }} %s %% {{ page.n }}{{ page.list }}{{ page.none }}{{ page.missing }}{{ page.f }} é",
    "{% if page.n %}<a href=\"{{ page.title | downcase }}\">{{ page.n | plus: 1 }}</a>{% endif %}x",
    "{% for i in page.items %}<li><a href=\"{{ i.url }}\">{{ i.title }}</a></li>\n{% endfor %}",
    "{% raw %}{{ raw }}{% endraw %} text {{ page.n }}",
    "{{ page.n }}{{ page.n }}",
]


@pytest.fixture()
def renderer(tmp_path):
    return LiquidRenderer([tmp_path / "_includes"], {}, source_root=tmp_path, highlight=None)


def _compiled(renderer, source):
    template = renderer.env.from_string(source)
    compile_template(template, renderer.env.autoescape)
    return template


@pytest.mark.parametrize("source", SOURCES)
def test_a_fused_run_renders_and_records_what_the_nodes_do(renderer, source):
    walked = renderer.env.from_string(source)
    renderer.recorded = []
    expected = walked.render(**DATA)
    expected_recorded = [(text, token.start_index) for text, token in renderer.recorded if len(text) <= 2048]
    renderer.recorded = []
    template = _compiled(renderer, source)
    try:
        assert template.render(**DATA) == expected
        assert [(text, token.start_index) for text, token in renderer.recorded] == expected_recorded
    finally:
        renderer.recorded = None


def test_the_top_level_runs_are_fused():
    """(a layout's text and outputs at its top level: one node for each run of them)"""
    renderer = LiquidRenderer([], {}, source_root=None, highlight=None)
    template = _compiled(renderer, "a{{ page.n }}b{% if page.n %}c{% endif %}d{{ page.n }}")
    assert [node.original.__class__ is Run for node in template.nodes] == [True, False, True]


@pytest.mark.parametrize("limit", range(1, 12))
def test_the_output_limit_fails_at_the_node_that_passes_it(renderer, limit):
    source = "ab{{ page.n }}cdé{{ page.title }}{% if page.n %}x{{ page.n }}y{% endif %}"
    renderer.env.output_stream_limit = limit
    errors = []
    for template in (renderer.env.from_string(source), _compiled(renderer, source)):
        with pytest.raises(LiquidError) as raised:
            template.render(**DATA)
        errors.append((str(raised.value), raised.value.token.start_index))
    assert errors[0] == errors[1]


def test_a_value_that_fails_names_its_own_node(renderer):
    source = "text {{ page.n }} more {{ page.n | divided_by: 0 }} end"
    errors = []
    for template in (renderer.env.from_string(source), _compiled(renderer, source)):
        with pytest.raises(LiquidError) as raised:
            template.render(**DATA)
        errors.append((str(raised.value), raised.value.token.start_index))
    assert errors[0] == errors[1]


@pytest.mark.parametrize("limit", range(1, 8))
def test_the_output_limit_passed_before_a_failing_value_fails_first(renderer, limit):
    """(review8: the run got every value before writing, so a value's error came before the
    limit's that the nodes before it passed)"""
    source = "ab{{ page.n }}cdé{{ page.n | divided_by: 0 }}x{% if page.n %}y{{ page.n | divided_by: 0 }}{% endif %}"
    renderer.env.output_stream_limit = limit
    errors = []
    for template in (renderer.env.from_string(source), _compiled(renderer, source)):
        with pytest.raises(LiquidError) as raised:
            template.render(**DATA)
        errors.append((type(raised.value), str(raised.value), raised.value.token.start_index))
    assert errors[0] == errors[1]
