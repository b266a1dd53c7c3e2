"""The compiled layouts and includes (specsite.liquid.compiler) render exactly what python-liquid's
own tree walk renders: the same text for the semantics real layouts lean on."""
from __future__ import annotations

import datetime as dt

import pytest

from specsite import lean_imports

lean_imports.liquid()

from specsite.liquid import LiquidRenderer  # noqa: E402
from specsite.liquid.compiler import CompiledNode, compile_loops, compile_template  # noqa: E402

DATA = {
    "page": {"url": "/b.html", "title": "B", "tags": ["x", "y"], "n": 0, "vacant": "", "none": None, "f": False,
             "sidebar": "main", "list": [1, 2, 3], "nested": {"a": {"b": "deep"}}, "date": dt.date(2020, 1, 2)},
    "site": {"entries": [{"title": "A", "url": "/a.html", "output": "web, pdf"},
                         {"title": "B", "url": "/b.html", "output": "pdf"},
                         {"title": "C", "url": "/c.html", "output": "web", "external_url": "http://x"},
                         {"title": "<D>", "url": "/d.html", "output": ["web"]}],
             "map": {"k1": "v1", "k2": "v2"}, "items": ["a", "b", "c", "d"], "count": 3},
}

TEMPLATES = [
    "{{ page.title }}|{{ page.missing }}|{{ missing.deep.path }}|{{ page.nested.a.b }}|{{ page.nested.a.c.d }}",
    "{{ page.tags }}|{{ page.tags.size }}|{{ page.tags.first }}|{{ page.tags.last }}|{{ page.tags[1] }}|"
    "{{ page.tags[5] }}|{{ page.title.size }}|{{ site.map.first }}|{{ page.list[-1] }}",
    "{% if page.n %}0 is true{% endif %}{% if page.vacant %}'' is true{% endif %}{% if page.none %}n{% else %}nil"
    "{% endif %}{% if page.f %}f{% elsif page.title %}t{% endif %}{% unless page.f %}u{% endunless %}",
    "{% if page.url == '/b.html' %}eq{% endif %}{% if page.url != '/b.html' %}ne{% endif %}"
    "{% if page.missing == nil %}nil-eq{% endif %}{% if page.n == false %}0f{% endif %}{% if page.n == 0 %}00"
    "{% endif %}{% if page.title == empty %}e{% endif %}{% if page.vacant == empty %}ee{% endif %}"
    "{% if page.vacant == blank %}bb{% endif %}{% if page.none == blank %}nb{% endif %}",
    "{% for e in site.entries %}{% if e.output contains 'web' %}{% if e.external_url %}[ext {{ e.title }}]"
    "{% elsif page.url == e.url %}[active {{ e.url | remove: '/' }}]{% else %}[{{ e.title | escape }}]"
    "{% endif %}{% endif %}{% endfor %}",
    "{% for e in site.entries %}{{ forloop.index }}/{{ forloop.length }}{% if forloop.first %}F{% endif %}"
    "{% if forloop.last %}L{% endif %}{% for t in page.tags %}{{ forloop.parentloop.index }}{{ t }}{% endfor %}"
    "{% endfor %}",
    "{% for i in site.items limit: 2 %}{{ i }}{% endfor %}|{% for i in site.items offset: continue %}{{ i }}"
    "{% endfor %}|{% for i in site.items reversed %}{{ i }}{% endfor %}|{% for i in (1..site.count) %}{{ i }}"
    "{% endfor %}|{% for kv in site.map %}{{ kv[0] }}={{ kv[1] }}{% endfor %}|{% for x in missing %}x{% else %}"
    "none{% endfor %}|{% for c in page.title %}{{ c }}{% endfor %}",
    "{% for i in site.items %}{% if i == 'b' %}{% continue %}{% endif %}{% if i == 'd' %}{% break %}{% endif %}"
    "{{ i }}{% endfor %}|{% for i in site.items %}{{ i }}{% endfor %}{% for i in site.items offset: continue %}"
    "{{ i }}{% endfor %}",
    "{% if page.tags contains 'x' %}cx{% endif %}{% if page.title contains 'B' %}cB{% endif %}"
    "{% if page.missing contains 'x' %}m{% endif %}{% if site.map contains 'k1' %}mk{% endif %}"
    "{% if page.list contains 2 %}l2{% endif %}{% if page.n and page.title or page.f %}ao{% endif %}",
    "{% assign s = page.sidebar %}{% capture c %}[{{ s }}]{% endcapture %}{{ c }}{% case s %}{% when 'main' %}"
    "M{% else %}O{% endcase %}{{ page.date | date: '%Y' }}{{ page.list | join: ',' }}{{ page.list }}"
    "{{ true }}{{ nil }}{{ 1.5 }}{{ 'lit' | upcase }}",
    "a\n  {% if page.f %}  \n  {% endif %}\n b{%- if page.title -%}  x  {%- endif -%} c  {% for i in site.items %}"
    "  {% endfor %}d",
]


LOOPS_PLACEHOLDER = object()  # (LOOPS is defined below)


@pytest.fixture(scope="module")
def renderer(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    return LiquidRenderer([root / "_includes"], {}, source_root=root, highlight=None)


@pytest.mark.parametrize("source", TEMPLATES)
def test_compiled_template_renders_what_python_liquid_renders(renderer, source):
    walked = renderer.env.from_string(source).render(**DATA)
    template = renderer.env.from_string(source)
    compile_template(template, renderer.env.autoescape)
    assert any(isinstance(node, CompiledNode) for node in template.nodes)
    assert template.render(**DATA) == walked
    assert template.render(**DATA) == walked  # a second render: offsets and loop state start afresh


@pytest.mark.parametrize("source", TEMPLATES + [LOOPS_PLACEHOLDER])
def test_a_bodys_compiled_loops_render_what_python_liquid_renders(renderer, source):
    """compile_loops (a page body's top-level loops, nothing remembered): the same text."""
    source = LOOPS if source is LOOPS_PLACEHOLDER else source
    walked = renderer.env.from_string(source).render(**DATA)
    template = renderer.env.from_string(source)
    compile_loops(template, renderer.env.autoescape)
    kinds = [(node.original if isinstance(node, CompiledNode) else node).__class__.__name__ for node in template.nodes]
    assert [isinstance(node, CompiledNode) for node in template.nodes] == [kind == "ForNode" for kind in kinds]
    assert template.render(**DATA) == walked
    assert template.render(**DATA) == walked


def test_compiled_outputs_are_recorded_with_their_tokens(renderer):
    """Empty ones too: an empty link is found at the output that ran (render.origins)."""
    template = renderer.env.from_string("<a href=\"{{ page.url }}\">{{ page.title }}</a>{{ page.missing }}")
    compile_template(template, renderer.env.autoescape)
    renderer.recorded = []
    try:
        template.render(**DATA)
        assert [(text, token.start_index) for text, token in renderer.recorded] == [("/b.html", 9), ("B", 25), ("", 45)]
    finally:
        renderer.recorded = None


def test_python_liquids_property_regex_is_compiled_in_its_fast_equivalent_form():
    """specsite.lean_imports swaps python-liquid's RE_PROPERTY for a form that compiles 10x
    faster; both match exactly the same strings."""
    import re
    import subprocess
    import sys

    slow, fast = re.compile(lean_imports._PROPERTY), re.compile(lean_imports._PROPERTY_FAST)
    for code in range(0x110000):
        char = chr(code)
        assert bool(slow.fullmatch(char)) is bool(fast.fullmatch(char)), hex(code)
        assert bool(slow.fullmatch("a" + char)) is bool(fast.fullmatch("a" + char)), hex(code)
    script = ("from specsite import lean_imports; lean_imports.liquid()\n"
              "from liquid import context; from liquid.builtin.expressions import path\n"
              "import re; assert re.compile.__module__ == 're'\n"
              "print(context.RE_PROPERTY.pattern == path.RE_PROPERTY.pattern == lean_imports._PROPERTY_FAST)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"



LOOPS = ("{% for x in page.none %}n{% else %}none-else{% endfor %}|{% for x in page.missing %}m{% else %}"
         "missing-else{% endfor %}|{% for x in page.nested.a %}{{ x[0] }}={{ x[1] }};{% endfor %}|"
         "{% for x in page.missing.deeper %}d{% endfor %}|{% for x in page.nested %}{{ forloop.index }}{% endfor %}"
         "|{% for x in page.list limit: 1 %}{{ x }}{% endfor %}{% for x in page.list offset: continue %}{{ x }}"
         "{% endfor %}|{% for x in page.tags %}{{ x }}{% endfor %}")


def test_loops_over_nil_a_hash_and_undefined_render_as_python_liquid(renderer):
    """The compiled loop's and hot_paths' readings of nil, a hash and an undefined key (without
    python-liquid's isinstance checks of typing's Mapping and Sequence) print what python-liquid's
    own reading prints, `else` and `offset: continue` included."""
    from liquid.builtin.expressions.loop import LoopExpression

    fast = LoopExpression._to_iter
    original = next(cell.cell_contents for cell in fast.__closure__ if callable(cell.cell_contents))
    expected = "none-else|missing-else|b=deep;||1|123|xy"
    walked = renderer.env.from_string(LOOPS)
    compiled = renderer.env.from_string(LOOPS)
    compile_template(compiled, renderer.env.autoescape)
    LoopExpression._to_iter = original
    try:
        assert renderer.env.from_string(LOOPS).render(**DATA) == expected
    finally:
        LoopExpression._to_iter = fast
    assert walked.render(**DATA) == expected
    assert compiled.render(**DATA) == expected
    from liquid.undefined import Undefined
    template = renderer.env.from_string("")
    context = template.context_class(template)
    for value in (None, Undefined("x"), {"a": 1, "b": [2]}, [1, 2], (1, 2), "abc", 3, range(3)):
        mine, theirs = fast(None, value, context), original(None, value, context)
        assert (list(mine[0]), mine[1]) == (list(theirs[0]), theirs[1])
