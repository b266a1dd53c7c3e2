"""Rules found by bench/liquid_differential.py (random templates and front matter built by Jekyll
4.3.1 and by specsite): each case is a small page whose expected output is what Jekyll wrote for
it; where `jekyll` is installed, one test builds all of them with Jekyll again and compares."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import make_site, output_of

CONFIG = "title: T\ndefaults:\n- scope: {path: \"\"}\n  values: {layout: plain}\n"
LAYOUT = {"_layouts/plain.html": "{{ content }}"}

# (page name, front matter, body, Jekyll's output)
CASES = [
    # Capture#initialize: the variable is the first run of VariableSignature characters
    ("capture-name", "", "{% capture 'q' %}v{% endcapture %}[{{ q }}]{% capture \"a b\" %}w{% endcapture %}"
     "[{{ a }}|{{ b }}]{% capture x.y %}z{% endcapture %}[{{ x.y }}]", "[v][w|][]"),
    # Psych's merge keys: merge! where '<<' stands; a list or scalar stays the key "<<"
    ("merge-keys", "b: &b {x: 1, y: two}\nm: {y: 3, <<: *b}\nl: &l [1, 2]\nn: {<<: *l, z: 1}\n",
     "{{ page.m | inspect }}|{{ page.n | inspect }}", 
     "{&quot;y&quot;=&gt;&quot;two&quot;, &quot;x&quot;=&gt;1}|{&quot;&lt;&lt;&quot;=&gt;[1, 2], &quot;z&quot;=&gt;1}"),
    # a tag Psych has no class for is ignored (the page keeps its front matter)
    ("unknown-tag", "v: !custom thing\nw: !!python/x 1\n", "{{ page.v }}|{{ page.w | plus: 1 }}", "thing|2"),
]


def _site(tmp_path):
    files = {"_config.yml": CONFIG, **LAYOUT}
    for name, front, body, _ in CASES:
        files[f"{name}.html"] = f"---\n{front}---\n{body}"
    return make_site(tmp_path / "site", files)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import build_site
    return build_site(_site(tmp_path_factory.mktemp("diff")))


@pytest.mark.parametrize("name, expected", [(c[0], c[3]) for c in CASES])
def test_specsite_writes_what_jekyll_wrote(built, name, expected):
    assert output_of(built, f"{name}.html") == expected


@pytest.mark.skipif(shutil.which("jekyll") is None, reason="jekyll is not installed")
def test_jekyll_still_writes_the_expected_outputs(tmp_path):
    out = tmp_path / "jekyll"
    subprocess.run(["jekyll", "build", "-s", str(_site(tmp_path)), "-d", str(out)], cwd="/", check=True,
                   capture_output=True, timeout=120)
    assert {n: (out / f"{n}.html").read_text() for n, *_ in CASES} == {c[0]: c[3] for c in CASES}
