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


# --- the signed files of .specsite-cache/ are untrusted input (review7 defects 4 and 5) ------------

KEY = b"k" * 32


def test_a_signed_file_reads_back(tmp_path):
    path = tmp_path / ".specsite-cache" / "x.json"
    reuse.write_signed(path, KEY, json.dumps({"a": 1}))
    assert reuse.read_signed(path, KEY) == {"a": 1}
    assert reuse.read_signed(path, b"other" * 8) is None
    assert not path.with_name("x.json.tmp").exists()


def test_a_committed_link_to_a_device_or_a_signed_file_is_not_read(tmp_path):
    folder = tmp_path / ".specsite-cache"
    reuse.write_signed(folder / "real.json", KEY, "1")
    (folder / "zero.json").symlink_to("/dev/zero")
    (folder / "link.json").symlink_to(folder / "real.json")
    assert reuse.read_signed(folder / "zero.json", KEY) is None
    assert reuse.read_signed(folder / "link.json", KEY) is None


def test_a_signed_file_over_the_size_cap_is_not_read(tmp_path, monkeypatch):
    path = tmp_path / ".specsite-cache" / "x.json"
    reuse.write_signed(path, KEY, json.dumps("x" * 100))
    monkeypatch.setattr(reuse, "MAX_SIGNED", 50)
    assert reuse.read_signed(path, KEY) is None


def test_nothing_is_written_through_a_linked_temporary_file_or_folder(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("ORIGINAL\n")
    folder = tmp_path / "src" / ".specsite-cache"
    folder.mkdir(parents=True)
    (folder / "x.json.tmp").symlink_to(victim)
    reuse.write_signed(folder / "x.json", KEY, "1")
    assert victim.read_text() == "ORIGINAL\n" and reuse.read_signed(folder / "x.json", KEY) == 1

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "src2").mkdir()
    (tmp_path / "src2" / ".specsite-cache").symlink_to(elsewhere)
    with pytest.raises(OSError):
        reuse.write_signed(tmp_path / "src2" / ".specsite-cache" / "x.json", KEY, "1")
    assert list(elsewhere.iterdir()) == []
    reuse.write_signed(elsewhere / "x.json", KEY, "1")
    assert reuse.read_signed(tmp_path / "src2" / ".specsite-cache" / "x.json", KEY) is None  # read through the link: no


def test_the_external_link_verdicts_are_not_written_through_a_committed_link(tmp_path, monkeypatch):
    from specsite.check.external import Cache, Result
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    victim = tmp_path / "victim.txt"
    victim.write_text("ORIGINAL\n")
    folder = tmp_path / "src" / ".specsite-cache"
    folder.mkdir(parents=True)
    (folder / "external.json.tmp").symlink_to(victim)
    cache = Cache(folder / "external.json", 3600.0)
    cache.put(Result("https://example.org/", "ok", 200, "", ""))
    cache.save()
    assert victim.read_text() == "ORIGINAL\n"
    assert Cache(folder / "external.json", 3600.0).get("https://example.org/") is not None


def test_a_folder_where_the_signed_file_belongs_leaves_no_temporary_file(tmp_path):
    folder = tmp_path / ".specsite-cache"
    (folder / "x.json").mkdir(parents=True)
    with pytest.raises(OSError):
        reuse.write_signed(folder / "x.json", KEY, "1")
    assert sorted(p.name for p in folder.iterdir()) == ["x.json"]


@pytest.mark.parametrize("body", [1, None, ["x"], {"a": 1}])
def test_a_forged_signed_file_whose_body_is_no_text_is_not_read(tmp_path, body):
    """A pull request can commit any JSON there: a body that is not text is ignored like a bad
    signature, never an internal error (mac() reads text)."""
    folder = tmp_path / ".specsite-cache"
    folder.mkdir()
    target = folder / "findings.json"
    target.write_text(json.dumps({"mac": "0" * 64, "body": body}))
    assert reuse.read_signed(target, b"k" * 32) is None


def test_check_after_build_groups_a_layout_line_as_a_fresh_check_does(site, tmp_path, capsys):
    """The stored findings keep the pages each layout line is carried by: the text report after a
    build still shows one entry per line broken from several folders."""
    assert run_cli(["check", "--source", site]) == 1
    fresh = capsys.readouterr().out.splitlines()[:-1]  # (the summary line names the seconds)
    assert any("resolved from the folders of" in line for line in fresh)
    assert run_cli(["build", "--source", site, "--out", tmp_path / "out"]) == 0
    capsys.readouterr()
    assert run_cli(["check", "--source", site]) == 1
    assert capsys.readouterr().out.splitlines()[:-1] == fresh
