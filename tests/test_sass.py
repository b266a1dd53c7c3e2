"""Sass: .scss/.sass pages compile to CSS and a source map as Jekyll 4.3's sass converter (sassc) does."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from specsite import sass
from specsite.cache import ParseCache
from specsite.config import load_config
from specsite import build

from conftest import FIXTURES, build_site, diagnostics_of, make_site, output_of

SITE = FIXTURES / "sass-site"
JEKYLL = shutil.which("jekyll")
MAIN_CSS = ("body { font: 12px/1.5 sans-serif; }\n\nbody a { color: blue; }\n\n"
            ".page { margin: 12px; }\n\n.page .inner { color: #336699; padding: 1em; }\n\n"
            "/* kept in compact style */\n.third { width: 33.3333333333%; }\n\n/*# sourceMappingURL=main.css.map */")


def compile_text(text, tmp_path, **kw):
    kw.setdefault("source_root", tmp_path)
    return sass.compile_sass(text, path=kw.pop("path", "style.scss"), **kw)


def test_compiles_in_jekylls_default_compact_style(tmp_path):
    result = compile_text(".a { .b { c: d; } e: f; }\n", tmp_path, sourcemap=False)
    assert result.css == ".a { e: f; }\n\n.a .b { c: d; }\n"
    assert result.map is None and result.diagnostics == ()


@pytest.mark.parametrize("style, css", [
    ("expanded", ".a {\n  e: 1.3333333333;\n}\n"),  # sassc's precision (10), not the binding's 5
    ("compressed", ".a{e:1.3333333333}\n"),
    (":nested", ".a {\n  e: 1.3333333333; }\n"),  # Jekyll strips a leading ':' (a Ruby symbol)
    ("bogus", ".a { e: 1.3333333333; }\n"),  # an unknown style falls back to compact
])
def test_sass_style_from_config(tmp_path, style, css):
    settings = sass.SassSettings.from_site({"sass": {"style": style}}, tmp_path)
    assert compile_text(".a { e: (4/3); }\n", tmp_path, style=settings.style, sourcemap=False).css == css


def test_import_from_sass_dir_and_load_paths(tmp_path):
    make_site(tmp_path, {"_sass/_a.scss": ".a { x: 1; }\n", "styles/_b.scss": ".b { x: 2; }\n",
                         "vendor/lib/_c.scss": ".c { x: 3; }\n", "_c.scss": ".root { x: 0; }\n"})
    default = sass.SassSettings.from_site({}, tmp_path)
    assert default.load_paths == (str(tmp_path / "_sass"),)
    custom = sass.SassSettings.from_site({"sass": {"sass_dir": "../styles", "load_paths": ["vendor/*"]}}, tmp_path)
    assert custom.load_paths == (str(tmp_path / "vendor/lib"), str(tmp_path / "styles"))  # kept inside
    result = compile_text('@import "b";\n@import "c";\n', tmp_path, load_paths=custom.load_paths,
                          path="css/deep/x.scss", sourcemap=False)
    # Jekyll names the input <source>/x.scss: an import relative to the page looks in the source
    # folder first, so _c.scss at the root wins over vendor/lib/_c.scss.
    assert result.css == ".b { x: 2; }\n\n.root { x: 0; }\n"
    assert set(result.includes) == {str(tmp_path / "styles/_b.scss"), str(tmp_path / "_c.scss")}


def test_indented_sass_syntax(tmp_path):
    result = compile_text(".a\n  color: red\n  .b\n    margin: 0\n", tmp_path, syntax="sass", sourcemap=False)
    assert result.css == ".a { color: red; }\n\n.a .b { margin: 0; }\n"


def test_source_map_names_files_from_the_source_folder(tmp_path):
    make_site(tmp_path, {"_sass/_a.scss": ".a { x: 1; }\n"})
    result = compile_text('@import "a";\n.b { y: 2; }\n', tmp_path, path="css/site.scss",
                          load_paths=(str(tmp_path / "_sass"),))
    assert result.css.endswith("\n\n/*# sourceMappingURL=site.css.map */")
    data = json.loads(result.map)
    assert data["file"] == "site.css" and data["sources"] == ["site.scss", "_sass/_a.scss"]
    assert data["sourcesContent"] == ['@import "a";\n.b { y: 2; }\n', ".a { x: 1; }\n"]
    assert result.map.startswith('{\n\t"version": 3,\n\t"file": "site.css",\n\t"sources": [\n\t\t"site.scss",\n')


def test_line_comments_name_files_from_the_source_folder(tmp_path, monkeypatch):
    make_site(tmp_path, {"_sass/_a.scss": ".a { x: 1; }\n"})
    monkeypatch.chdir(tmp_path / "_sass")  # whatever folder specsite runs in
    result = compile_text('@import "a";\n/* line 9, keep.scss */\n.b { y: 2; }\n', tmp_path, path="css/site.scss",
                          load_paths=(str(tmp_path / "_sass"),), line_comments=True, sourcemap=False)
    assert result.css == ("/* line 1, _sass/_a.scss */ .a { x: 1; }\n\n/* line 9, keep.scss */\n"
                          "/* line 3, site.scss */ .b { y: 2; }\n")


def test_a_bom_becomes_nothing_or_a_charset(tmp_path):
    text = '.a { content: "é"; }\n'
    assert compile_text(text, tmp_path, style="compressed", sourcemap=False).css == '.a{content:"é"}\n'
    assert compile_text(text, tmp_path, style="compressed", sourcemap=False, add_charset=True).css == \
        '@charset "UTF-8";.a{content:"é"}\n'


@pytest.mark.parametrize("value, env, wanted", [
    (None, "development", True), ("always", "production", True), ("never", "development", False),
    ("development", "development", True), (":development", "production", False)])
def test_sourcemap_setting(tmp_path, value, env, wanted):
    site = {"sass": {"sourcemap": value}} if value else {}
    assert sass.SassSettings.from_site(site, tmp_path, env=env).sourcemap is wanted


def site_with(tmp_path, files):
    root = make_site(tmp_path / "site", {"_config.yml": "title: T\n", "index.md": "---\n---\nhi\n", **files})
    return root, build_site(root)


def test_errors_in_the_page_are_at_the_files_line(tmp_path):
    """Front matter and Liquid lines are counted: the finding is at the line in the .scss file."""
    _, site = site_with(tmp_path, {"css/a.scss": "---\ntitle: x\n---\n{% if true %}\n/* a */\n{% endif %}\n"
                                                 ".a { color: $nope; }\n"})
    [found] = diagnostics_of(site, "sass-error")
    assert (found.path, found.line, found.column, found.severity) == ("css/a.scss", 7, 13, "error")
    assert found.message == 'Undefined variable: "$nope".'
    assert found.hint.startswith("Define the variable") and site.blocked()


def test_errors_in_a_partial_are_at_the_partial(tmp_path):
    _, site = site_with(tmp_path, {"css/b.scss": "---\n---\n\n@import 'bad';\n",
                                   "_sass/_bad.scss": ".x {\n  color: red;\n  width: 1px +;\n}\n"})
    [found] = diagnostics_of(site, "sass-error")
    assert (found.path, found.line, found.column) == ("_sass/_bad.scss", 3, 15)
    assert found.message.startswith('Invalid CSS after "  width: 1px +"')
    assert found.message.endswith("(imported from css/b.scss:4).")


def test_a_missing_import_says_where_sass_looked(tmp_path):
    _, site = site_with(tmp_path, {"css/c.scss": "---\n---\n@import 'nothere';\n", "_sass/_x.scss": ""})
    [found] = diagnostics_of(site, "sass-error")
    assert (found.path, found.line) == ("css/c.scss", 3)
    assert found.message == "File to import not found or unreadable: nothere."
    assert "_sass/" in found.hint and "_name.scss" in found.hint


def test_output_paths_of_css_and_map(tmp_path):
    _, site = site_with(tmp_path, {"css/site.scss": "---\n---\n.a { b: c; }\n",
                                   "x/plain.scss": ".copied { as: is; }\n",
                                   "_sass/_ignored.scss": "---\n---\n.no {}\n"})
    assert output_of(site, "css/site.css") == ".a { b: c; }\n\n/*# sourceMappingURL=site.css.map */"
    assert json.loads(output_of(site, "css/site.css.map"))["file"] == "site.css"
    assert output_of(site, "x/plain.scss") == b".copied { as: is; }\n"  # no front matter: a static file
    assert not [u for u in site.outputs if "ignored" in u]
    assert {"css/site.css", "css/site.css.map"} <= site.index.files  # links to them resolve
    assert diagnostics_of(site) == []


def test_a_permalink_would_write_the_map_over_the_css(tmp_path):
    """Jekyll's map page takes the stylesheet's front matter, permalink included, and overwrites it."""
    _, site = site_with(tmp_path, {"p/p.scss": "---\npermalink: /assets/site.css\n---\n.p { q: r; }\n"})
    assert output_of(site, "assets/site.css") == ".p { q: r; }\n\n/*# sourceMappingURL=p.css.map */"
    assert not [u for u in site.outputs if u.endswith(".map")]
    [found] = diagnostics_of(site)
    assert (found.path, found.line, found.rule, found.severity) == ("p/p.scss", 2, "sass-sourcemap", "warning")


@pytest.mark.parametrize("files", [
    {"css/main.scss": "---\n---\n.a { b: c; }\n", "css/main.css": ".committed {}\n"},
    {"a/main.scss": "---\npermalink: /z/main.css\n---\n.a { b: c; }\n", "z/main.css": ".committed {}\n"},
])
def test_a_committed_css_file_wins_over_the_compiled_one(tmp_path, files):
    """Jekyll reports the conflict and writes static files after pages: the committed file wins."""
    _, site = site_with(tmp_path, files)
    css = next(rel for rel in files if rel.endswith(".css"))
    scss = next(rel for rel in files if rel.endswith(".scss"))
    assert output_of(site, css) == b".committed {}\n"
    assert not [u for u in site.outputs if u.endswith(".map")]
    [found] = diagnostics_of(site)
    assert (found.path, found.line, found.rule, found.severity) == (scss, 1, "output-conflict", "warning")
    assert css in found.message and site.errors == 0


def test_sourcemap_never_writes_no_map(tmp_path):
    _, site = site_with(tmp_path, {"_config.yml": "sass:\n  sourcemap: never\n  style: compressed\n",
                                   "s.scss": "---\n---\n.a { b: c; }\n"})
    assert output_of(site, "s.css") == ".a{b:c}\n" and "s.css.map" not in site.outputs


def test_another_sass_implementation_is_a_warning_at_its_line(tmp_path):
    _, site = site_with(tmp_path, {"_config.yml": "title: T\nsass:\n  style: expanded\n  implementation: sass-embedded\n",
                                   "s.scss": "---\n---\n.a { b: c; }\n"})
    [found] = diagnostics_of(site)
    assert (found.path, found.line, found.rule, found.severity) == ("_config.yml", 4, "jekyll-unsupported", "warning")
    assert "sass-embedded" in found.message and output_of(site, "s.css").startswith(".a {\n  b: c;\n}")


def test_fixture_site_builds_end_to_end(tmp_path):
    out = tmp_path / "out"
    site = build_site(SITE, write=True, out=out)
    assert site.errors == 0 and diagnostics_of(site) == []
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert {"css/main.css", "css/main.css.map", "assets/print.css", "assets/print.css.map",
            "assets/plain.scss", "index.html"} <= written
    assert not [w for w in written if w.startswith("_sass") or w.endswith(("main.scss", "print.sass"))]
    assert (out / "css/main.css").read_text(encoding="utf-8") == MAIN_CSS


def test_a_changed_partial_recompiles_a_cached_page(tmp_path):
    root = make_site(tmp_path / "site", {"s.scss": "---\n---\n@import 'a';\n", "_sass/_a.scss": ".a { b: 1; }\n"})
    cache = ParseCache()
    config = load_config(root, root / "build")
    assert output_of(build.run(config, write=False, cache=cache), "s.css").startswith(".a { b: 1; }")
    (root / "_sass/_a.scss").write_text(".a { b: 2; }\n", encoding="utf-8")
    cache.keys.file_digests.clear()  # a new build reads the files again
    assert output_of(build.run(load_config(root, root / "build"), write=False, cache=cache), "s.css").startswith(
        ".a { b: 2; }")


def test_blank_lines_after_the_front_matter_are_not_content(tmp_path):
    """Jekyll's front matter pattern takes them (`---\\s*$\\n?`): not in the map, not in line numbers."""
    _, site = site_with(tmp_path, {"a.scss": "---\n---\n\n  \n  .a { b: $c; }\n",
                                   "ok.scss": "---\n---\n\n\n.ok { b: c; }\n"})
    [found] = diagnostics_of(site, "sass-error")
    assert (found.path, found.line, found.column) == ("a.scss", 5, 11)
    assert json.loads(output_of(site, "ok.css.map"))["sourcesContent"] == [".ok { b: c; }\n"]


def gem_dir(name: str) -> Path | None:
    ruby = shutil.which("ruby")
    if not ruby:
        return None
    proc = subprocess.run([ruby, "-e", f"print Gem::Specification.find_by_name('{name}').gem_dir"],
                          capture_output=True, text=True, timeout=60, check=False)
    return Path(proc.stdout) if proc.returncode == 0 and proc.stdout else None


def real_site(kind: str, root: Path) -> Path:
    """The fixture, a copy of the minima theme's Sass (a site that vendored its theme), or the site
    that `jekyll new --blank` makes (its assets/css/main.scss does `@import "main"`)."""
    if kind == "fixture":
        shutil.copytree(SITE, root)
    elif kind == "minima":
        gem = gem_dir("minima")
        if gem is None or not (gem / "_sass").is_dir():
            pytest.skip("the minima gem is not installed")
        make_site(root, {"_config.yml": "title: Minima copy\n", "index.md": "---\n---\nhi\n"})
        shutil.copytree(gem / "_sass", root / "_sass")
        shutil.copytree(gem / "assets", root / "assets")
    else:
        gem = gem_dir("jekyll")
        if gem is None or not (gem / "lib/blank_template").is_dir():
            pytest.skip("jekyll's blank template is not installed")
        shutil.copytree(gem / "lib/blank_template", root)
    return root


@pytest.mark.skipif(not JEKYLL, reason="jekyll is not installed (Debian: apt-get install jekyll)")
@pytest.mark.parametrize("kind", ["fixture", "minima", "blank"])
def test_byte_for_byte_what_jekyll_writes(tmp_path, kind):
    """Every .css and .css.map file equals Jekyll's, run in the site folder as authors do."""
    jekyll_out, ours = tmp_path / "jekyll", tmp_path / "specsite"
    source = real_site(kind, tmp_path / "src")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BUNDLE", "GEM_HOME", "RUBY", "JEKYLL_ENV"))}
    proc = subprocess.run([JEKYLL, "build", "--disable-disk-cache", "-q", "-d", str(jekyll_out)], cwd=source,
                          env=env, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    site = build_site(source, write=True, out=ours)
    assert diagnostics_of(site, "sass-error") == []
    theirs = sorted(p.relative_to(jekyll_out).as_posix() for p in jekyll_out.rglob("*")
                    if p.suffix in (".css", ".map", ".scss", ".sass"))
    assert theirs == {"fixture": ["assets/plain.scss", "assets/print.css", "assets/print.css.map", "css/main.css",
                                  "css/main.css.map"],
                      "minima": ["assets/main.css", "assets/main.css.map"],
                      "blank": ["assets/css/main.css", "assets/css/main.css.map"]}[kind]
    for rel in theirs:
        assert (ours / rel).read_bytes() == (jekyll_out / rel).read_bytes(), rel
