"""The theme's shared partials (the top navigation and footer rendered once per state) give the
pages the partials' own output, and its own templates' kept bytecode gives the same pages."""
import sys
from pathlib import Path

from jinja2.bccache import bc_magic

from specsite import theme as theme_module
from specsite.build.render import _generated_page
from specsite.diagnostics import Diagnostics
from specsite.nav import NavNode, Sidebar, current_section
from specsite.theme import Theme


def _nav():
    child = NavNode("Child", "b/child.html", "b/child.html")
    return [NavNode("Home", "index.html", "index.html"),
            NavNode("Folder", None, None, children=(child, NavNode("Out", "https://x.example/", None, external=True))),
            NavNode("<b>Raw</b>", "c.html", "c.html", html="<b>Raw</b>")]


def _pages():
    return [_generated_page(url, f"Title {url}", f"<p>{url}</p>", {"toc": True, "tags": tags})
            for url in ("index.html", "b/child.html", "c.html", "d.html", "b/e.html", "b/c/f.html")
            for tags in ([], ["t1"])]


def _render_all(theme, nav, sidebar):
    out = []
    for parsed in _pages():
        side = sidebar if parsed.source.url.startswith("b/") else None
        out.append(theme.render_page(parsed, "page", sidebar=side, nav=nav, extra={}))
    return out


def _theme(site=None):
    return Theme((), site=site or {"title": "Site", "version": "1.2", "footer": "Foot <b>", "home": "index.html"},
                 diags=Diagnostics(), source_root=Path("/nonexistent"))


def test_shared_partials_write_what_the_includes_write(monkeypatch):
    nav = _nav()
    sidebar = Sidebar("s", "S", None, None, (NavNode("E", "b/e.html", "b/e.html"),))
    shared = _render_all(_theme(), nav, sidebar)
    assert any('aria-current="page"' in page for page in shared)
    monkeypatch.setattr(Theme, "_shared_partials", lambda self, context, nav, url: None)
    assert shared == _render_all(_theme(), nav, sidebar)
    assert current_section(nav, None, "b/child.html") is nav[1]


def test_own_templates_kept_compiled_render_the_same(tmp_path, monkeypatch):
    monkeypatch.setattr(theme_module, "_KEPT_FOLDER", str(tmp_path / "kept"))
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    nav = _nav()
    first = _render_all(_theme(), nav, None)
    assert not (tmp_path / "kept").exists()  # (as Python's own bytecode: not written)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    assert _render_all(_theme(), nav, None) == first
    kept = sorted((tmp_path / "kept").iterdir())
    assert kept and all(p.name.startswith(f"theme.{sys.implementation.cache_tag}.") for p in kept)
    assert _render_all(_theme(), nav, None) == first  # (read from the kept files now)


def test_a_damaged_kept_template_is_compiled_again(tmp_path, monkeypatch):
    monkeypatch.setattr(theme_module, "_KEPT_FOLDER", str(tmp_path))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    nav = _nav()
    first = _render_all(_theme(), nav, None)
    for path in tmp_path.iterdir():  # the magic, then a cut checksum (Jinja's reading raises)
        path.write_bytes(path.read_bytes()[:len(bc_magic) + 3])
    assert _render_all(_theme(), nav, None) == first


def test_templates_kept_by_another_jinja_are_not_read(tmp_path, monkeypatch):
    """(review8: Jinja checks a kept template's source and bytecode format, not its own version;
    code compiled by another Jinja, for the same templates, must be compiled again)"""
    import pickle

    import jinja2
    monkeypatch.setattr(theme_module, "_KEPT_FOLDER", str(tmp_path))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    nav = _nav()
    first = _render_all(_theme(), nav, None)
    stale = jinja2.Environment().compile("STALE")
    for path in tmp_path.iterdir():  # the same magic and checksum, another Jinja's code
        with path.open("rb") as f:
            head = f.read(len(bc_magic))
            checksum = pickle.load(f)
        path.write_bytes(head + pickle.dumps(checksum, 2) + __import__("marshal").dumps(stale))
    monkeypatch.setattr(jinja2, "__version__", jinja2.__version__ + ".next")
    assert _render_all(_theme(), nav, None) == first
