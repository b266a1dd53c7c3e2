"""`check` right after `build` of the same sources reports what the build found, without a second
render; any change to the sources, or a findings file it did not write, makes it render again."""
from __future__ import annotations

import json

import pytest

from conftest import FIXTURES, run_cli
from specsite import build
from specsite.check import reuse


@pytest.fixture
def site(tmp_path, monkeypatch):
    import shutil
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))  # the key lives outside the source
    root = tmp_path / "src"
    shutil.copytree(FIXTURES / "jekyll-layouts", root, ignore=shutil.ignore_patterns("_expected", ".specsite-cache"))
    return root


def _check_json(root, capsys):
    code = run_cli(["check", "--source", root, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_check_after_build_reports_the_same_findings_without_rendering(site, tmp_path, capsys, monkeypatch):
    fresh_code, fresh = _check_json(site, capsys)
    assert run_cli(["build", "--source", site, "--out", tmp_path / "out"]) == 0
    capsys.readouterr()

    def no_render(*args, **kwargs):
        raise AssertionError("check rendered the site again")
    monkeypatch.setattr(build, "run", no_render)
    code, reused = _check_json(site, capsys)
    assert (code, reused) == (fresh_code, fresh) and reused


def test_an_edited_source_file_is_rendered_again(site, tmp_path, capsys):
    assert run_cli(["build", "--source", site, "--out", tmp_path / "out"]) == 0
    page = site / "pages" / "guide.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[new](nowhere.html)\n", encoding="utf-8")
    capsys.readouterr()
    _, found = _check_json(site, capsys)
    assert any(f["target"] == "nowhere.html" for f in found)


def test_a_findings_file_specsite_did_not_write_is_ignored(site, tmp_path, capsys):
    """A pull request can commit .specsite-cache/findings.json saying 'no problems': its MAC does not
    verify with the key outside the source, so check renders and reports the real findings."""
    assert run_cli(["build", "--source", site, "--out", tmp_path / "out"]) == 0
    stored = site / ".specsite-cache" / reuse.NAME
    wrapper = json.loads(stored.read_text(encoding="utf-8"))
    body = json.loads(wrapper["body"])
    body["findings"] = []
    stored.write_text(json.dumps({"mac": wrapper["mac"], "body": json.dumps(body)}), encoding="utf-8")
    capsys.readouterr()
    code, found = _check_json(site, capsys)
    assert code == 1 and found
