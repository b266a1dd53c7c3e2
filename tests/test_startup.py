"""What a command's start-up imports (issues 10 and 14): `check` right after `build` answers from
the stored findings before any stage, YAML or the other commands' parsers load; `build --no-cache`
loads none of the cache's machinery. Each run is a fresh interpreter."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES

REPO = Path(__file__).resolve().parent.parent
STAGES = ("yaml", "specsite.config", "specsite.build", "specsite.parse", "specsite.discover", "specsite.rules",
          "specsite.commands.build", "specsite.commands.serve", "specsite.commands.diff",
          "specsite.commands.release", "xml.etree.ElementTree")
CACHE = ("pickle", "specsite.cache", "specsite.check.reuse", "specsite.secret", "specsite.fingerprint")


def _loads(argv: list[str], watched, env) -> tuple[int, set]:
    script = ("import sys; from specsite.cli import main; code = main(sys.argv[1:]); "
              f"print('LOADED', int(code), ' '.join(m for m in {tuple(watched)!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", script, *argv], cwd=REPO, capture_output=True, text=True,
                            timeout=120, env=env)
    line = next((l for l in result.stdout.splitlines() if l.startswith("LOADED")), None)
    assert line is not None, result.stdout + result.stderr
    _, code, *loaded = line.split()
    return int(code), set(loaded)


def _site(tmp_path):
    root = tmp_path / "src"
    shutil.copytree(FIXTURES / "jekyll-layouts", root, ignore=shutil.ignore_patterns("_expected", ".specsite-cache"))
    return root, dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "home-cache"))


def test_check_after_build_loads_no_stage_and_no_other_command(tmp_path):
    root, env = _site(tmp_path)
    _loads(["build", "--source", str(root), "--out", str(tmp_path / "out")], (), env)
    code, loaded = _loads(["check", "--source", str(root), "--format", "json"], STAGES + ("specsite.check.reuse",),
                          env)
    assert code in (0, 1) and loaded == {"specsite.check.reuse"}  # the stored findings answered


def test_build_without_the_cache_loads_none_of_its_machinery(tmp_path):
    root, env = _site(tmp_path)
    code, loaded = _loads(["build", "--source", str(root), "--out", str(tmp_path / "out"), "--no-cache"],
                          CACHE, env)
    assert code == 0 and loaded == set()
    code, loaded = _loads(["build", "--source", str(root), "--out", str(tmp_path / "out")], CACHE, env)
    assert code == 0 and {"specsite.cache", "specsite.check.reuse"} <= loaded  # with the cache, they load


def test_a_build_loads_only_the_plugins_the_site_enables(tmp_path):
    root = tmp_path / "src"
    root.mkdir()
    (root / "_config.yml").write_text("title: T\nplugins: [jekyll-sitemap]\n", encoding="utf-8")
    (root / "index.md").write_text("---\ntitle: Home\n---\n# Home\n", encoding="utf-8")
    modules = tuple(f"specsite.plugins.{m}" for m in ("feed", "gist", "mentions", "redirects", "seo", "sitemap"))
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "home-cache"))
    code, loaded = _loads(["build", "--source", str(root), "--out", str(tmp_path / "out"), "--no-cache"], modules, env)
    assert code == 0 and loaded == {"specsite.plugins.sitemap"}
    assert (tmp_path / "out" / "sitemap.xml").is_file()
