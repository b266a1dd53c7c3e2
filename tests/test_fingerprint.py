"""A cache or stored findings made by other specsite code are not reused: the version string
stays the same while the code changes (an editable checkout, a local patch)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import specsite
from conftest import make_site, run_cli

PACKAGE = Path(specsite.__file__).parent
FINGERPRINT = "from specsite.fingerprint import code_fingerprint; print(code_fingerprint())"


def _fingerprint(root: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, "-c", FINGERPRINT], env=env, check=True, capture_output=True,
                          text=True, cwd=root).stdout.strip()


def test_the_fingerprint_changes_with_any_file_of_the_package_and_only_then(tmp_path):
    shutil.copytree(PACKAGE, tmp_path / "specsite", ignore=shutil.ignore_patterns("__pycache__"))
    first = _fingerprint(tmp_path)
    assert _fingerprint(tmp_path) == first
    module = tmp_path / "specsite" / "jekyll" / "urls.py"
    module.write_text(module.read_text() + "\n# patched\n")
    assert _fingerprint(tmp_path) != first


def test_a_parse_cache_from_other_specsite_code_is_not_used(tmp_path, monkeypatch):
    site = make_site(tmp_path / "site", {"_config.yml": "title: T\n", "index.md": "---\ntitle: Home\n---\n# Home\n"})
    assert run_cli(["build", "--source", site, "--out", tmp_path / "out"]) == 0
    from specsite import cache
    assert cache.ParseCache(site / ".specsite-cache" / "parse.pickle").entries
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "other code")
    assert not cache.ParseCache(site / ".specsite-cache" / "parse.pickle").entries


def test_findings_stored_by_other_specsite_code_are_not_reused(tmp_path, monkeypatch):
    site = make_site(tmp_path / "site", {"_config.yml": "title: T\n", "index.md": "---\ntitle: Home\n---\n# Home\n"})
    from specsite.check import reuse
    before = reuse.tree_signature(site, None)
    monkeypatch.setattr(reuse, "code_fingerprint", lambda: "other code")
    assert reuse.tree_signature(site, None) != before
