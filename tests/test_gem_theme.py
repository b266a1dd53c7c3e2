"""A gem theme (`theme: minima`) as Jekyll 4.3 uses it: the gem's `_layouts`, `_includes`, `_sass`
and `assets` stand behind the site's own files. tests/fixtures/gem-theme/_expected is Jekyll
4.3.1's build of the fixture with Debian's minima 2.5.1; where `jekyll` is installed, one test
builds it again and compares. The gem is found as RubyGems finds it (specsite.gems)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, build_site, diagnostics_of, jekyll_build, make_site
from htmlnorm import html_files, normalised
from specsite.gems import find_gem, version_key

SITE = FIXTURES / "gem-theme"
EXPECTED = SITE / "_expected"
MINIMA = find_gem("minima")
needs_minima = pytest.mark.skipif(MINIMA is None or MINIMA.name != "minima-2.5.1",
                                  reason="the minima 2.5.1 gem is not installed")
# files other than pages, byte for byte (feed.xml has the build's time in it; the map below)
ASSETS = ("assets/main.css", "assets/minima-social-icons.svg")


def _map(path: Path) -> dict:
    """The source map, the gem's files named from the gem folder (the map names them relative to
    the source folder, so their `../` depend on where the site was built)."""
    smap = json.loads(path.read_text(encoding="utf-8"))
    smap["sources"] = [s[s.index("gems/minima-"):] if "gems/minima-" in s else s for s in smap["sources"]]
    return smap


def _same_as_expected(out: Path):
    theirs, ours = html_files(EXPECTED), html_files(out)
    assert sorted(ours) == sorted(theirs)
    for path, html in theirs.items():
        assert normalised(ours[path]) == normalised(html), path
    for path in ASSETS:
        assert (out / path).read_bytes() == (EXPECTED / path).read_bytes(), path
    assert _map(out / "assets/main.css.map") == _map(EXPECTED / "assets/main.css.map")
    assert (out / "feed.xml").is_file()


@needs_minima
def test_a_minima_site_equals_jekylls_own_build(tmp_path):
    """Pages in the theme's layouts and includes, its assets/main.scss compiled with its _sass,
    its other assets copied; no warning and no broken link."""
    src = tmp_path / "src"
    shutil.copytree(SITE, src, ignore=shutil.ignore_patterns("_expected"))
    site = build_site(src, write=True, out=tmp_path / "out")
    assert diagnostics_of(site) == []
    _same_as_expected(tmp_path / "out")


@needs_minima
@pytest.mark.skipif(shutil.which("jekyll") is None, reason="jekyll is not installed")
def test_real_jekyll_still_builds_the_expected_output(tmp_path):
    """The committed `_expected/` is what this machine's Jekyll writes (it is not stale)."""
    src = tmp_path / "src"
    shutil.copytree(SITE, src, ignore=shutil.ignore_patterns("_expected"))
    jekyll_build(src, tmp_path / "jekyll")
    _same_as_expected(tmp_path / "jekyll")


@needs_minima
def test_the_sites_own_layouts_includes_sass_and_assets_win(tmp_path):
    """A site file of the theme's name is used instead of the theme's; the rest still come from the gem."""
    src = make_site(tmp_path / "src", {
        "_config.yml": "title: Own\ntheme: minima\n",
        "_layouts/page.html": "---\nlayout: default\n---\n<article class=\"own-page\">{{ content }}</article>\n",
        "_includes/footer.html": "<footer class=\"own-footer\"></footer>\n",
        "_sass/minima.scss": "body { color: #123456; }\n",
        "assets/minima-social-icons.svg": "<svg id=\"own\"></svg>\n",
        "about.md": "---\nlayout: page\ntitle: About\n---\nHello.\n",
    })
    site = build_site(src, write=True, out=tmp_path / "out")
    html = site.outputs["about.html"].read()
    assert 'class="own-page"' in html and 'class="own-footer"' in html
    assert 'class="site-header"' in html  # minima's default layout and header.html
    css = site.outputs["assets/main.css"].read()
    assert "#123456" in css and ".site-header" not in css  # `@import "minima"` finds the site's _sass first
    assert (tmp_path / "out" / "assets/minima-social-icons.svg").read_text() == "<svg id=\"own\"></svg>\n"
    assert diagnostics_of(site, "jekyll-unsupported") == []


def test_a_theme_that_is_not_installed_is_a_warning_saying_jekyll_stops(tmp_path):
    src = make_site(tmp_path / "src", {"_config.yml": "title: T\ntheme: no-such-theme\n",
                                       "index.md": "---\n---\nhi\n"})
    [warning] = diagnostics_of(build_site(src), "jekyll-unsupported")
    assert (warning.path, warning.line) == ("_config.yml", 2)
    assert "not installed" in warning.message and "Jekyll stops the build" in warning.message


def test_the_highest_installed_version_in_the_gem_paths_wins(tmp_path):
    """GEM_HOME and GEM_PATH folders are searched with the system's; Gem::Version order, a
    prerelease only when no release is installed (Dependency#to_spec)."""
    for base, version in (("home", "2.5.1"), ("path", "2.10.0"), ("path", "3.0.0.pre"), ("home", "2.9")):
        (tmp_path / base / "gems" / f"sometheme-{version}" / "_layouts").mkdir(parents=True)
    (tmp_path / "home" / "gems" / "sometheme-extra-9.0").mkdir()  # another gem's name
    environ = {"GEM_HOME": str(tmp_path / "home"), "GEM_PATH": str(tmp_path / "path")}
    assert find_gem("sometheme", environ) == tmp_path / "path" / "gems" / "sometheme-2.10.0"
    assert find_gem("nothing-here", environ) is None
    # GEM_PATH replaces the system's folders unless it ends with the separator
    assert find_gem("minima", environ) is None
    if MINIMA is not None:
        assert find_gem("minima", {**environ, "GEM_PATH": environ["GEM_PATH"] + ":"}) == MINIMA
    assert version_key("3.0.0.pre") < version_key("3.0.0") and version_key("2.9") < version_key("2.10.0")
    assert version_key("2.5") == version_key("2.5.0")
    (tmp_path / "path" / "gems" / "onlypre-1.0.0.beta").mkdir()
    assert find_gem("onlypre", environ) == tmp_path / "path" / "gems" / "onlypre-1.0.0.beta"
