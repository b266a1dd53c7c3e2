"""A build after an edit, with the parse cache, on a site big enough for the build's worker and
the write's workers: what it writes equals a `--no-cache` build of the same tree byte for byte,
and only the files whose content changed are written into the output folder (each replaced by a
rename); the others stay the very files the last build wrote."""
from __future__ import annotations

import os

import pytest

from conftest import make_site, run_cli
from specsite.names import MANIFEST

PAGES = 40  # above the parse worker's and the write workers' thresholds (24, 40)
LAYOUT = """<!DOCTYPE html>
<html><head><title>{{ page.title }} | {{ site.title }}</title></head>
<body>{% include nav.html %}
<main>{{ content }}</main>
<footer>{{ site.data.meta.owner }}</footer></body></html>
"""
NAV = ("<nav>{% for p in site.pages %}{% if p.title %}<a href=\"{{ p.url | relative_url }}\">{{ p.title }}</a>"
       "{% endif %}{% endfor %}</nav>\n")
PAGE = """---
layout: default
title: Page {n}
---
# Page {n}

See [the next page](p{m}.html#page-{m}) and [a missing one](nowhere.html).

```python
print({n})
```
"""


@pytest.fixture(autouse=True)
def _cache_key(tmp_path, monkeypatch):
    monkeypatch.setenv("SPECSITE_CACHE_KEY_FILE", str(tmp_path / "keys" / "cache.key"))


def _site(root, theme: bool = False):
    """40 pages in the site's own layouts, or (`theme`) in specsite's theme, rendered as written."""
    files = {"_config.yml": "title: Edits\n", "_layouts/default.html": LAYOUT, "_includes/nav.html": NAV,
             "_data/meta.yml": "owner: The team\n", "assets/site.css": "body { margin: 0 }\n",
             "index.md": "---\nlayout: default\ntitle: Home\n---\n"
                         "{% for p in site.pages %}* {{ p.title }}\n{% endfor %}\n"}
    files.update({f"pages/p{n}.md": PAGE.format(n=n, m=(n + 1) % PAGES) for n in range(PAGES)})
    if theme:
        files = {rel: text.replace("layout: default\n", "") for rel, text in files.items()
                 if not rel.startswith("_layouts")}
        files["_config.yml"] += "specsite: {}\n"  # (specsite's own site: its theme, not bare pages)
    return make_site(root, files)


def _files(out) -> dict:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _inodes(out) -> dict:
    return {p.relative_to(out).as_posix(): p.stat().st_ino for p in out.rglob("*") if p.is_file()}


def _build(src, out, *more) -> int:
    return run_cli(["build", "--source", src, "--out", out, *more])


def _edit(src, rel: str, text: str):
    path = src / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.mark.parametrize("theme", [False, True])
@pytest.mark.parametrize("edit", [
    ("pages/p7.md", "\nAn edited paragraph.\n"),  # the body only
    ("pages/p7.md", "\n## A new heading {#page-8}\n"),  # an id other pages link to
])
def test_an_edit_built_with_the_cache_equals_a_build_without_it(tmp_path, edit, theme):
    src, out = _site(tmp_path / "src", theme), tmp_path / "out"
    assert _build(src, out) == 0
    before = _files(out)
    _edit(src, *edit)
    assert _build(src, out) == 0
    assert _build(src, tmp_path / "cold", "--no-cache") == 0
    after = _files(out)
    assert after == _files(tmp_path / "cold")
    assert after != before
    assert _build(src, out) == 0  # nothing changed since: the same again
    assert _files(out) == after


def test_a_title_edit_shown_on_every_page_equals_a_build_without_the_cache(tmp_path):
    src, out = _site(tmp_path / "src"), tmp_path / "out"
    assert _build(src, out) == 0
    path = src / "pages" / "p3.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Page 3", "title: Third"), encoding="utf-8")
    assert _build(src, out) == 0
    assert _build(src, tmp_path / "cold", "--no-cache") == 0
    assert _files(out) == _files(tmp_path / "cold")
    assert b">Third</a>" in _files(out)["pages/p0.html"]


@pytest.mark.parametrize("theme", [False, True])
def test_only_the_files_whose_content_changed_are_written_anew(tmp_path, theme):
    src, out = _site(tmp_path / "src", theme), tmp_path / "out"
    assert _build(src, out) == 0
    before, inodes, folder = _files(out), _inodes(out), out.stat().st_ino
    _edit(src, "pages/p7.md", "\nAn edited paragraph.\n")
    assert _build(src, out) == 0
    after, now = _files(out), _inodes(out)
    assert out.stat().st_ino == folder  # written into, not replaced by a new folder
    changed = {rel for rel in after if after[rel] != before.get(rel)}
    assert changed == {"pages/p7.html"} | ({"assets/search-index.js"} if theme else set())  # (the theme's search)
    assert {rel for rel in now if now[rel] != inodes.get(rel)} <= changed | {MANIFEST}
    assert sorted(os.listdir(tmp_path)) == ["keys", "out", "src"]  # no staging folder left beside it


def test_a_blocked_edit_leaves_every_file_as_it_was(tmp_path):
    src, out = _site(tmp_path / "src"), tmp_path / "out"
    assert _build(src, out) == 0
    before, inodes = _files(out), _inodes(out)
    _edit(src, "pages/p7.md", "\n{% include missing.html %}\n")  # an error: the build writes nothing
    assert _build(src, out) == 1
    assert _files(out) == before and _inodes(out) == inodes
    assert sorted(os.listdir(tmp_path)) == ["keys", "out", "src"]


def test_an_added_and_a_removed_page_equal_a_build_without_the_cache(tmp_path):
    src, out = _site(tmp_path / "src"), tmp_path / "out"
    assert _build(src, out) == 0
    (src / "pages" / "p5.md").unlink()
    make_site(src, {"pages/extra/new.md": "---\nlayout: default\ntitle: New\n---\nNew page.\n"})
    assert _build(src, out) == 0
    assert _build(src, tmp_path / "cold", "--no-cache") == 0
    assert _files(out) == _files(tmp_path / "cold")
    assert "pages/p5.html" not in _files(out)


def test_an_edit_after_a_changed_config_and_data_file_equals_a_build_without_the_cache(tmp_path):
    """_config.yml and _data files come from the cache as the last build loaded them (yaml_memo)
    while their text is the same; a changed one is loaded again."""
    src, out = _site(tmp_path / "src"), tmp_path / "out"
    assert _build(src, out) == 0
    _edit(src, "pages/p7.md", "\nAn edited paragraph.\n")
    assert _build(src, out) == 0  # configuration and data from the cache
    (src / "_config.yml").write_text("title: Edited\n", encoding="utf-8")
    (src / "_data" / "meta.yml").write_text("owner: Another team\n", encoding="utf-8")
    assert _build(src, out) == 0
    assert _build(src, tmp_path / "cold", "--no-cache") == 0
    assert _files(out) == _files(tmp_path / "cold")
    assert b"Page 3 | Edited</title>" in _files(out)["pages/p3.html"]
    assert b"<footer>Another team</footer>" in _files(out)["pages/p3.html"]


def test_an_edit_of_a_page_imports_no_yaml_parser(tmp_path):
    """A page with plain front matter edited: its configuration and data as the last build
    loaded them, PyYAML not imported (4-6 ms of the build)."""
    import subprocess
    import sys
    src, out = _site(tmp_path / "src"), tmp_path / "out"
    make_site(src, {"_config.yml": "title: Edits\ndefaults:\n  - scope: {path: ''}\n    values: {x: [1, 2]}\n",
                    "_data/nav.yml": "- title: One\n  url: /p1.html\n- {title: Two, url: /p2.html}\n"})
    assert _build(src, out) == 0
    _edit(src, "pages/p7.md", "\nAn edited paragraph.\n")
    code = ("import sys; from specsite.cli import main; code = main(sys.argv[1:]); "
            "print('yaml' in sys.modules, code)")
    done = subprocess.run([sys.executable, "-c", code, "build", "--source", str(src), "--out", str(out)],
                          capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": os.path.dirname(os.path.dirname(os.path.abspath(__file__)))})
    assert done.stdout.split() == ["False", "0"], done.stderr
    assert _build(src, tmp_path / "cold", "--no-cache") == 0
    assert _files(out) == _files(tmp_path / "cold")


def test_an_edit_under_a_search_index_that_reads_every_body_equals_a_build_without_the_cache(tmp_path):
    """search.json reads every page's content: the edit re-parses it, and it is given the other
    pages' parses from the cache (a page whose body has Liquid is rendered again for it, its
    includes counted for it: an edited include reaches search.json too)."""
    src, out = _site(tmp_path / "src"), tmp_path / "out"
    make_site(src, {
        "search.json": "---\nlayout: none\n---\n[{% for p in site.pages %}{% if p.title %}"
                       "{\"t\": {{ p.title | jsonify }}, \"c\": {{ p.content | jsonify }}}{% unless forloop.last %},"
                       "{% endunless %}{% endif %}{% endfor %}]\n",
        "_includes/note.html": "<p class=\"note\">{{ include.text }}</p>\n",
        "pages/p3.md": PAGE.format(n=3, m=4) + "\n{% include note.html text=\"A note\" %}\n"})
    assert _build(src, out) == 0
    _edit(src, "pages/p7.md", "\nAn edited paragraph.\n")
    assert _build(src, out) == 0
    assert _build(src, tmp_path / "cold", "--no-cache") == 0
    assert _files(out) == _files(tmp_path / "cold")
    assert b"An edited paragraph." in _files(out)["search.json"]
    (src / "_includes" / "note.html").write_text("<p class=\"note\">Edited: {{ include.text }}</p>\n",
                                                 encoding="utf-8")
    assert _build(src, out) == 0
    assert _build(src, tmp_path / "cold2", "--no-cache") == 0
    assert _files(out) == _files(tmp_path / "cold2")
    assert b"Edited: A note" in _files(out)["search.json"]


def test_a_copied_file_is_read_again_only_when_its_stamp_changed(tmp_path, monkeypatch):
    """A static file the last build hashed keeps its key while its size, times and inode are the
    same (cache_keys._copy_key); one written since, even to the same size, is hashed and copied anew."""
    import time

    from specsite import cache_keys, outputs
    monkeypatch.setattr(cache_keys, "_RACY_NS", 0)  # (the files are new: kept at once, not after 2 s)
    src, out = _site(tmp_path / "src"), tmp_path / "out"
    assert _build(src, out) == 0
    read = []
    real = outputs.Copy.data
    monkeypatch.setattr(outputs.Copy, "data", lambda self: read.append(self.path.name) or real(self))
    assert _build(src, out) == 0
    assert read == []
    time.sleep(0.05)  # (past the clock's tick)
    (src / "assets" / "site.css").write_text("body { margin: 1 }\n", encoding="utf-8")  # the same size
    assert _build(src, out) == 0
    assert read == ["site.css"]
    assert (out / "assets" / "site.css").read_text(encoding="utf-8") == "body { margin: 1 }\n"
    assert _build(src, tmp_path / "cold", "--no-cache") == 0
    assert _files(out) == _files(tmp_path / "cold")


def test_the_layouts_links_are_reported_as_a_build_without_the_cache_reports_them(tmp_path, capsys):
    """A broken link a layout writes into every page is one finding (check_layout_links), kept
    with the cache while the layouts' links and the site's index are the same: an edit that
    adds the missing page, or breaks another link, reports what a build without the cache does."""
    src, out = _site(tmp_path / "src"), tmp_path / "out"
    make_site(src, {"_layouts/default.html": LAYOUT.replace(
        "<footer>", '<a href="gone.html">Gone</a> <a href="{{ site.baseurl }}/extra.html">Extra</a><footer>')})

    def findings(*more, out=out) -> list:
        capsys.readouterr()
        _build(src, out, *more)
        return sorted(line for line in capsys.readouterr().err.splitlines() if "error[" in line or "warning[" in line)

    first = findings()
    assert any("gone.html'" in line for line in first) and any("'extra.html'" in line for line in first)
    _edit(src, "pages/p7.md", "\nAn edited paragraph.\n")
    assert findings() == first  # (kept)
    make_site(src, {"extra.md": "---\nlayout: default\ntitle: Extra\n---\nExtra.\n"})
    now = findings()
    assert now == findings("--no-cache", out=tmp_path / "cold")
    assert not any("'extra.html'" in line for line in now) and any("gone.html'" in line for line in now)
