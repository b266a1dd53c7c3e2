"""The output folder: a build replaces only a folder it wrote itself (its manifest lists every file
in it) or an empty one; anything else is refused with the reason and what to do, untouched."""
from __future__ import annotations

import os

import pytest

from conftest import REPO, make_site, run_cli
from specsite.write import MANIFEST, read_manifest


def small_site(root):
    return make_site(root, {"_config.yml": "title: T\n", "index.md": "---\ntitle: Home\n---\n\nHi.\n",
                            "guide.md": "---\ntitle: Guide\n---\n\nRead.\n"})


def tree(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def refused(capsys) -> str:
    """The one error line of a refused build (no traceback)."""
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err.strip().splitlines()[-1]


def test_a_build_writes_a_manifest_of_every_file_it_wrote(tmp_path, capsys):
    """The manifest names each file of the output folder but itself."""
    src, out = small_site(tmp_path / "src"), tmp_path / "out"
    assert run_cli(["build", "--source", src, "--out", out]) == 0
    files = set(tree(out)) - {MANIFEST}
    assert {"index.html", "guide.html"} <= files
    assert read_manifest(out) == files


def test_a_folder_that_merely_has_an_index_html_is_not_replaced(tmp_path, capsys):
    """Regression (issue 16): `--out docs` where docs/ holds the user's own index.html and notes was
    taken for an old build and deleted. It is refused (exit 2) and left byte for byte as it was."""
    src = small_site(tmp_path / "src")
    docs = make_site(tmp_path / "docs", {"index.html": "<h1>My docs</h1>", "notes/todo.txt": "keep me"})
    before = tree(docs)
    assert run_cli(["build", "--source", src, "--out", docs]) == 2
    line = refused(capsys)
    assert f"refusing to replace {docs.resolve()}: it is not empty and specsite did not write it" in line
    assert line.endswith("Choose a new or empty folder with --out (or delete that folder yourself if it "
                         "is an old build).")
    assert tree(docs) == before


def test_an_empty_folder_is_written_and_a_built_one_replaced(tmp_path, capsys):
    """An empty --out is fine; building again replaces the folder (a removed page disappears)."""
    src, out = small_site(tmp_path / "src"), tmp_path / "out"
    out.mkdir()
    assert run_cli(["build", "--source", src, "--out", out]) == 0
    (src / "guide.md").unlink()
    assert run_cli(["build", "--source", src, "--out", out]) == 0
    assert "guide.html" not in tree(out) and "guide.html" not in read_manifest(out)
    assert sorted(os.listdir(tmp_path)) == ["out", "src"]


@pytest.mark.parametrize("added", ["CNAME", "assets/mine.css", ".git/HEAD"])
def test_a_file_added_to_a_built_folder_stops_the_next_build(tmp_path, capsys, added):
    """A file the last build did not write (a CNAME, a stylesheet, a gh-pages .git) is named, and
    nothing is deleted."""
    src, out = small_site(tmp_path / "src"), tmp_path / "out"
    assert run_cli(["build", "--source", src, "--out", out]) == 0
    make_site(out, {added: "mine"})
    before = tree(out)
    assert run_cli(["build", "--source", src, "--out", out]) == 2
    assert refused(capsys).endswith(f"the last build did not write {added}. "
                                    "Move those files out of it, or choose another folder with --out.")
    assert tree(out) == before


def test_a_link_added_to_a_built_folder_stops_the_next_build(tmp_path, capsys):
    src, out = small_site(tmp_path / "src"), tmp_path / "out"
    assert run_cli(["build", "--source", src, "--out", out]) == 0
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", out / "shared")
    assert run_cli(["build", "--source", src, "--out", out]) == 2
    assert "the last build did not write shared." in refused(capsys)


def test_many_foreign_files_are_counted_not_all_listed(tmp_path, capsys):
    src, out = small_site(tmp_path / "src"), tmp_path / "out"
    assert run_cli(["build", "--source", src, "--out", out]) == 0
    make_site(out, {f"mine/{n}.txt": "x" for n in range(5)})
    assert run_cli(["build", "--source", src, "--out", out]) == 2
    assert "did not write mine/0.txt, mine/1.txt, mine/2.txt and 2 more." in refused(capsys)


def test_a_manifest_specsite_did_not_write_is_no_permission(tmp_path, capsys):
    """A file called .specsite-manifest that is not specsite's (no header) does not mark the folder."""
    src = small_site(tmp_path / "src")
    out = make_site(tmp_path / "out", {MANIFEST: "index.html\n", "index.html": "mine"})
    assert run_cli(["build", "--source", src, "--out", out]) == 2
    assert "specsite did not write it" in refused(capsys)
    assert (out / "index.html").read_text() == "mine"


def test_setuptools_build_lib_in_the_default_output_folder_is_named_with_the_fix(tmp_path, capsys):
    """`pip install .` leaves build/lib and build/bdist.*; the default build/ says exactly that."""
    src = small_site(tmp_path / "src")
    make_site(src, {"build/lib/specsite/__init__.py": "", "build/bdist.linux-x86_64/x": ""})
    before = tree(src / "build")
    assert run_cli(["build", "--source", src]) == 2
    build = (src / "build").resolve()
    assert refused(capsys) == (
        f"specsite: error: refusing to replace {build}: specsite did not write it; it holds "
        "bdist.linux-x86_64, lib, which setuptools leaves there after `pip install .`. "
        f"Remove {build / 'bdist.linux-x86_64'}, {build / 'lib'}, or build elsewhere with --out.")
    assert tree(src / "build") == before


def test_setuptools_builds_outside_build(tmp_path):
    """The repository's setup.cfg moves setuptools' build folder out of build/, so `pip install .`
    followed by the README's `python3 build_site.py` works."""
    setuptools_dist = pytest.importorskip("setuptools.dist", reason="setuptools is not installed")
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        dist = setuptools_dist.Distribution()
        dist.parse_config_files(filenames=["setup.cfg"])
        command = dist.get_command_obj("build")
        command.ensure_finalized()
    finally:
        os.chdir(cwd)
    assert command.build_base == ".setuptools-build"
    assert not command.build_lib.startswith("build")


@pytest.mark.parametrize("extra", [0, 45])
def test_a_rebuild_keeps_the_files_that_did_not_change_and_writes_the_others(tmp_path, capsys, extra):
    """A page whose bytes equal its file in the folder being replaced is linked to that file
    (the same inode: removing the old folder frees nothing, the disk discards nothing), or, for
    a few files put in place (under 40), left where it is; a page that changed, or a file of
    the old folder changed since, is written anew."""
    src, out = small_site(tmp_path / "src"), tmp_path / "out"
    for k in range(extra):
        (src / f"p{k}.md").write_text(f"---\ntitle: P{k}\n---\n\nPage {k}.\n", encoding="utf-8")
    (src / "notes.txt").write_text("static\n", encoding="utf-8")
    assert run_cli(["build", "--no-cache", "--source", src, "--out", out]) == 0
    before = {rel: (out / rel).stat().st_ino for rel in tree(out)}
    (src / "guide.md").write_text("---\ntitle: Guide\n---\n\nRead more.\n", encoding="utf-8")
    first = tree(out)
    assert run_cli(["build", "--no-cache", "--source", src, "--out", out]) == 0
    after = tree(out)
    assert (out / "index.html").stat().st_ino == before["index.html"]
    assert (out / "notes.txt").stat().st_ino == before["notes.txt"]
    assert (out / "guide.html").stat().st_ino != before["guide.html"] and b"Read more." in after["guide.html"]
    assert (out / "index.html").stat().st_nlink == 1  # (the old folder is gone)
    assert {rel: data for rel, data in after.items() if rel != "guide.html" and not rel.startswith("assets/search")} \
        == {rel: data for rel, data in first.items() if rel != "guide.html" and not rel.startswith("assets/search")}
    assert sorted(os.listdir(tmp_path)) == ["out", "src"]
    index = out / "index.html"
    changed = index.read_bytes().replace(b"Hi.", b"Ho.")
    index.write_bytes(changed)  # the same size, other bytes: not the page's
    assert run_cli(["build", "--no-cache", "--source", src, "--out", out]) == 0
    assert b"Hi." in index.read_bytes() and index.stat().st_ino != before["index.html"]


def test_write_reusing_links_only_a_regular_file_with_the_very_bytes(tmp_path):
    from specsite.outputs import Text, write_reusing
    old = tmp_path / "old"
    old.write_bytes("same \u00e9\n".encode("utf-8"))
    (tmp_path / "link").symlink_to(old)
    cases = {"same": (old, True), "through-link": (tmp_path / "link", False), "missing": (tmp_path / "none", False),
             "other": (old, False)}
    for name, (previous, linked) in cases.items():
        text = Text("same \u00e9\n" if name != "other" else "same e\n!")
        write_reusing(text, str(tmp_path / name), str(previous))
        assert (tmp_path / name).read_bytes() == text.data()
        assert ((tmp_path / name).stat().st_ino == old.stat().st_ino) is linked, name
    write_reusing(Text("x"), str(tmp_path / "fresh"), None)
    assert (tmp_path / "fresh").read_text() == "x"


def _layout_site(root, pages: int = 45):
    """A site in its own layouts (its pages are texts made by the build), nested folders, a static file."""
    files = {"_config.yml": "title: T\n", "_layouts/default.html": "<html><body>{{ content }}</body></html>\n",
             "assets/notes.txt": "static\n"}
    for k in range(pages):
        files[f"part{k % 4}/p{k:02}.md"] = f"---\ntitle: P{k}\nlayout: default\n---\n\nPage {k}.\n"
    return make_site(root, files)


def test_the_same_sources_built_again_without_the_cache_put_only_the_changed_files_in_place(tmp_path, capsys):
    """Without the parse cache, a build whose files (all but a few) have the very bytes of the last
    build's leaves those files where they are and puts the few others in place, as an edit does: no
    folder of links is made beside the output and none removed; every file is what a build into a
    new folder writes."""
    src, out = _layout_site(tmp_path / "src"), tmp_path / "out"
    assert run_cli(["build", "--no-cache", "--source", src, "--out", out]) == 0
    before = {rel: (out / rel).stat().st_ino for rel in tree(out)}
    (src / "part1/p05.md").write_text("---\ntitle: P5\nlayout: default\n---\n\nPage five.\n", encoding="utf-8")
    assert run_cli(["build", "--no-cache", "--source", src, "--out", out]) == 0
    after = {rel: (out / rel).stat().st_ino for rel in tree(out)}
    assert after.keys() == before.keys()
    assert [rel for rel in after if after[rel] != before[rel]] == ["part1/p05.html"]
    assert b"Page five." in (out / "part1/p05.html").read_bytes()
    assert sorted(os.listdir(tmp_path)) == ["out", "src"]
    fresh = tmp_path / "fresh"
    assert run_cli(["build", "--no-cache", "--source", src, "--out", fresh]) == 0
    assert tree(out) == tree(fresh)


def test_a_build_of_many_changed_files_without_the_cache_replaces_the_folder(tmp_path, capsys):
    """From PARALLEL_MIN_FILES files that differ from the last build's on, the new site is written
    into a folder of its own and swapped in (the comparison stops there)."""
    src, out = _layout_site(tmp_path / "src"), tmp_path / "out"
    assert run_cli(["build", "--no-cache", "--source", src, "--out", out]) == 0
    before = {rel: (out / rel).stat().st_ino for rel in tree(out)}
    (src / "_layouts/default.html").write_text("<html><body><main>{{ content }}</main></body></html>\n",
                                               encoding="utf-8")
    assert run_cli(["build", "--no-cache", "--source", src, "--out", out]) == 0
    assert b"<main>" in (out / "part0/p00.html").read_bytes()
    assert all((out / rel).stat().st_ino != ino for rel, ino in before.items() if rel.endswith(".html"))
    assert (out / "assets/notes.txt").stat().st_nlink == 1  # (linked from the old folder, which is gone)
    assert sorted(os.listdir(tmp_path)) == ["out", "src"]


def test_a_blocked_build_of_the_same_sources_leaves_the_site_as_it_was(tmp_path, capsys):
    """A build that --strict blocks puts nothing in place, whichever way it would have written."""
    src, out = _layout_site(tmp_path / "src"), tmp_path / "out"
    assert run_cli(["build", "--no-cache", "--source", src, "--out", out]) == 0
    first = tree(out)
    (src / "part2/p02.md").write_text("---\ntitle: P2\nlayout: default\n---\n\n[gone](nowhere.html)\n",
                                      encoding="utf-8")
    assert run_cli(["build", "--no-cache", "--strict", "--source", src, "--out", out]) == 1
    assert tree(out) == first
    assert sorted(os.listdir(tmp_path)) == ["out", "src"]
