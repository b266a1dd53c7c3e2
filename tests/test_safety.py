"""Untrusted sources (issue 16): nothing from the source is executed or unpickled, reads stay
inside the source folder, special files are skipped, YAML aliases cannot blow up a build."""
from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

import pytest

from conftest import build_site, diagnostics_of, make_site, output_of, run_cli

CONFIG = "title: Safe\n"
INDEX = "---\ntitle: Home\n---\n# Home\n\n{{ site.data.secret }}\n"
SECRET = "TOP-SECRET-7d1f"


@pytest.fixture(autouse=True)
def _cache_key(tmp_path, monkeypatch):
    """A per-test signing key, outside the source, as a user's cache folder would hold it."""
    monkeypatch.setenv("SPECSITE_CACHE_KEY_FILE", str(tmp_path / "keys" / "cache.key"))


def _outside(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "secret.yml").write_text(f"{SECRET}\n")
    (outside / "secret.html").write_text(f"<p>{SECRET}</p>\n")
    return outside


def _all_output(site) -> str:
    return "".join(str(output_of(site, url)) for url in site.outputs)


# -- 1. nothing from the source is executed or unpickled ---------------------------------------


class _Payload:
    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_committed_pickle_cache_is_not_unpickled_and_is_reported(tmp_path, capsys):
    site = make_site(tmp_path / "site", {"_config.yml": CONFIG, "index.md": "---\ntitle: Home\n---\n# Home\n"})
    marker = tmp_path / "pwned"
    payload = _Payload()
    payload.marker = marker
    cache = site / ".specsite-cache" / "parse.pickle"
    cache.parent.mkdir()
    for data in (pickle.dumps(payload), b"specsite-cache\n" + b"\0" * 32 + pickle.dumps(payload)):
        cache.write_bytes(data)
        assert run_cli(["build", "--source", site, "--out", tmp_path / "out"]) == 0
        assert not marker.exists()
        err = capsys.readouterr().err
        assert ".specsite-cache/parse.pickle: warning[cache]: the parse cache was not written by specsite" in err
        assert "0 errors, 1 warning in" in err  # (the summary counts it)


def test_the_signed_cache_is_reused_on_the_next_build(tmp_path, capsys):
    site = make_site(tmp_path / "site", {"_config.yml": CONFIG, "index.md": "---\ntitle: Home\n---\n# Home\n"})
    from specsite.cache import ParseCache
    assert run_cli(["build", "--source", site, "--out", tmp_path / "out"]) == 0
    data = (site / ".specsite-cache" / "parse.pickle").read_bytes()
    assert data.startswith(b"specsite-cache\n")
    key = tmp_path / "keys" / "cache.key"
    assert key.is_file() and key.stat().st_mode & 0o077 == 0  # outside the source, this user's only
    cache = ParseCache(site / ".specsite-cache" / "parse.pickle")
    assert cache.rejected is None and cache.entries
    (site / ".specsite-cache" / "parse.pickle").write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    tampered = ParseCache(site / ".specsite-cache" / "parse.pickle")
    assert tampered.rejected and not tampered.entries


LAYOUT_ATTACKS = [
    "{{ cycler.__init__.__globals__.os.system('touch MARKER') }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ page.__class__.__init__.__globals__ }}",
]


@pytest.mark.parametrize("attack", LAYOUT_ATTACKS)
def test_a_site_layout_cannot_reach_python(tmp_path, attack):
    marker = tmp_path / "pwned"
    root = make_site(tmp_path / "site", {
        "_config.yml": CONFIG, "index.md": "---\ntitle: Home\nlayout: evil\n---\n# Home\n",
        "templates/layouts/evil.html": attack.replace("MARKER", str(marker)) + "\n{{ content }}\n"})
    site = build_site(root)
    html = output_of(site, "index.html")
    errors = diagnostics_of(site, "template-error")
    assert not marker.exists()
    assert errors and errors[0].path == "templates/layouts/evil.html" and "unsafe" in errors[0].message
    assert "subclasses" not in html and "<class" not in html


# -- 2. reads stay inside the source -----------------------------------------------------------


@pytest.mark.parametrize("key", ["includes_dir", "data_dir", "layouts_dir"])
@pytest.mark.parametrize("where", ["absolute", "relative"])
def test_a_dir_setting_outside_the_source_is_an_error_at_its_config_line(tmp_path, key, where):
    outside = _outside(tmp_path)
    value = str(outside) if where == "absolute" else "../outside"
    root = make_site(tmp_path / "site", {"_config.yml": f"title: Safe\n{key}: {value}\n", "index.md": INDEX})
    site = build_site(root)
    found = diagnostics_of(site, "unsafe-path")
    assert [(d.path, d.line, d.severity) for d in found] == [("_config.yml", 2, "error")]
    assert f"'{key}: {value}' names a folder outside the source folder" in found[0].message
    assert SECRET not in _all_output(site)


def test_unsafe_allows_a_dir_setting_outside_the_source(tmp_path):
    _outside(tmp_path)
    root = make_site(tmp_path / "site", {"_config.yml": "title: Safe\ndata_dir: ../outside\n", "index.md": INDEX})
    site = build_site(root, unsafe=True)
    assert not diagnostics_of(site, "unsafe-path")
    assert SECRET in output_of(site, "index.html")


SYMLINKS = {  # link in the source -> what it points at, in the outside folder
    "_data/secret.yml": "secret.yml",
    "_data": ".",
    "_includes": ".",
    "templates/includes": ".",
    "leak.html": "secret.html",
    "pages": ".",
}


@pytest.mark.parametrize("link", sorted(SYMLINKS))
def test_a_symlink_leading_outside_the_source_is_left_out_with_a_warning(tmp_path, link):
    outside = _outside(tmp_path)
    root = make_site(tmp_path / "site", {
        "_config.yml": CONFIG,
        "index.md": "---\ntitle: Home\n---\n# Home\n\n{{ site.data.secret }}\n{% include secret.html %}\n",
        "templates/layouts/.keep": ""})
    if link == "templates/includes":
        (root / "templates/layouts/.keep").unlink()
    path = root / link
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.rmdir() if path.is_dir() else path.unlink()
    path.symlink_to(outside / SYMLINKS[link])
    site = build_site(root)
    assert SECRET not in _all_output(site)
    warnings = diagnostics_of(site, "unsafe-path")
    assert warnings and warnings[0].path == link and "resolves outside the source folder" in warnings[0].message


def test_a_symlink_inside_the_source_is_followed(tmp_path):
    root = make_site(tmp_path / "site", {
        "_config.yml": CONFIG, "docs/guide.md": "---\ntitle: Guide\n---\n# Guide\n",
        "index.md": "---\ntitle: Home\n---\n# Home\n[g](alias/guide.html)\n"})
    (root / "alias").symlink_to(root / "docs")
    (root / "loop").symlink_to(root)  # a folder that contains itself is walked once
    site = build_site(root)
    assert "alias/guide.html" in site.outputs and "docs/guide.html" in site.outputs
    assert not diagnostics_of(site, "unsafe-path") and not diagnostics_of(site, "broken-link")


def test_a_release_folder_symlinked_outside_is_left_out(tmp_path):
    outside = tmp_path / "outside"
    make_site(outside, {"release.yml": "version: 9.9.9\nstatus: published\ndate: 2020-01-01\n"
                                      f"introduction: {SECRET}\n"})
    root = make_site(tmp_path / "site", {"_config.yml": CONFIG, "index.md": "---\ntitle: Home\n---\n# Home\n",
                                         "releases/.keep": ""})
    (root / "releases" / "9.9.9").symlink_to(outside)
    site = build_site(root)
    assert SECRET not in _all_output(site)
    assert [d.path for d in diagnostics_of(site, "unsafe-path")] == ["releases/9.9.9"]


def test_a_config_file_symlinked_outside_is_a_configuration_error(tmp_path, capsys):
    outside = _outside(tmp_path)
    root = make_site(tmp_path / "site", {"index.md": "---\ntitle: Home\n---\n# Home\n"})
    (root / "_config.yml").symlink_to(outside / "secret.yml")
    assert run_cli(["build", "--source", root, "--out", tmp_path / "out"]) == 2
    err = capsys.readouterr().err
    assert "_config.yml: error[config]: the configuration file resolves outside the source folder" in err
    assert SECRET not in err


def test_the_summary_names_unsafe(tmp_path, capsys):
    root = make_site(tmp_path / "site", {"_config.yml": CONFIG, "index.md": "---\ntitle: Home\n---\n# Home\n"})
    assert run_cli(["build", "--source", root, "--out", tmp_path / "out", "--unsafe"]) == 0
    assert "--unsafe: symlinks and folders outside the source were read" in capsys.readouterr().err


# -- 4. special files are skipped --------------------------------------------------------------


@pytest.mark.parametrize("where", ["page.md", "_data/nav.yml", "_posts/2020-01-01-x.md", "assets/x.css",
                                   "releases/1.0.0/601-x.md", "templates/layouts/x.html"])
def test_a_fifo_in_the_source_is_skipped_with_a_warning(tmp_path, where):
    root = make_site(tmp_path / "site", {"_config.yml": CONFIG, "index.md": "---\ntitle: Home\n---\n# Home\n",
                                         "releases/1.0.0/release.yml": "version: 1.0.0\nstatus: draft\n",
                                         "templates/layouts/page2.html": "{{ content }}"})
    path = root / where
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    started = time.monotonic()
    site = build_site(root)
    assert time.monotonic() - started < 30
    if where.startswith("templates/"):
        return  # never read: layouts are loaded by name
    found = diagnostics_of(site, "special-file")
    assert [d.path for d in found] == [where] and "not a regular file" in found[0].message


# -- 4. YAML aliases are bounded ---------------------------------------------------------------

LOL = ('a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
       + "".join(f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi")))
BOMB_LINE = 6  # the line on which the expansion passes the limit (f: …)


def _bomb_under(key: str, offset: int = 0) -> tuple[str, int]:
    """The bomb nested under `key:`; and the line the finding names (`offset` lines above it)."""
    indented = "".join("  " + line + "\n" for line in LOL.splitlines())
    return f"{key}:\n{indented}", BOMB_LINE + 1 + offset


@pytest.mark.parametrize("where", ["title", "tags", "config", "data", "release", "entry"])
def test_a_yaml_alias_bomb_is_a_finding_at_its_line_not_a_hang(tmp_path, capsys, where):
    files = {"_config.yml": CONFIG, "index.md": "---\ntitle: Home\n---\n# Home\n{{ site.data.big | jsonify }}\n",
             "releases/1.0.0/release.yml": "version: 1.0.0\nstatus: published\ndate: 2020-01-01\n",
             "releases/1.0.0/601-x.md": "---\ntitle: X\ntickets: [601]\naffects: [A]\n---\nText.\n"}
    if where in ("title", "tags"):
        bomb, line = _bomb_under(where, 2)
        files["page.md"], path = f"---\nlayout: page\n{bomb}---\n# P\n", "page.md"
    elif where == "config":
        bomb, line = _bomb_under("unused", 1)
        files["_config.yml"], path = CONFIG + bomb, "_config.yml"
    elif where == "data":
        files["_data/big.yml"], path, line = LOL, "_data/big.yml", BOMB_LINE
    elif where == "release":
        bomb, line = _bomb_under("introduction", 3)
        files["releases/1.0.0/release.yml"] += bomb
        path = "releases/1.0.0/release.yml"
    else:
        bomb, line = _bomb_under("impacts", 4)
        files["releases/1.0.0/601-x.md"] = files["releases/1.0.0/601-x.md"].replace("---\nText", bomb + "---\nText")
        path = "releases/1.0.0/601-x.md"
    root = make_site(tmp_path / "site", files)
    started = time.monotonic()
    code = run_cli(["build", "--source", root, "--out", tmp_path / "out"])
    assert time.monotonic() - started < 20
    err = capsys.readouterr().err
    # front matter that does not load is a warning (Jekyll builds the page without it); elsewhere an error
    assert code == {"config": 2, "title": 0, "tags": 0}.get(where, 1)
    assert f"{path}:{line}:" in err and "expand to more than 100,000 values" in err, err


def test_ordinary_aliases_and_merge_keys_still_work(tmp_path):
    root = make_site(tmp_path / "site", {
        "_config.yml": "title: Safe\nbase: &base {layout: page}\ndefaults:\n  - scope: {path: ''}\n"
                       "    values:\n      <<: *base\n      author: &who Ann\n      editor: *who\n",
        "index.md": "---\ntitle: Home\n---\n# Home\n{{ page.author }}/{{ page.editor }}\n"})
    site = build_site(root)
    assert "Ann/Ann" in output_of(site, "index.html")
    assert not [d for d in diagnostics_of(site) if d.severity == "error"]


def test_a_recursive_alias_is_an_error(tmp_path):
    root = make_site(tmp_path / "site", {"_config.yml": CONFIG, "index.md": "---\ntitle: Home\nx: &x [1, *x]\n---\n"})
    site = build_site(root)
    found = diagnostics_of(site, "front-matter")
    assert [(d.path, d.line) for d in found] == [("index.md", 3)]
    assert "an alias refers to the value that contains it" in found[0].message


def test_a_release_order_of_many_items_is_fast(tmp_path):
    entries = {f"releases/1.0.0/{600 + i}-x{i}.md": f"---\ntitle: X{i}\ntickets: [{600 + i}]\naffects: [A]\n---\nT.\n"
               for i in range(300)}
    order = "".join(f"  - {600 + (i % 300)}\n" for i in range(20000))
    root = make_site(tmp_path / "site", {"_config.yml": CONFIG, "index.md": "---\ntitle: Home\n---\n# Home\n",
                                         "releases/1.0.0/release.yml": f"version: 1.0.0\nstatus: draft\norder:\n{order}",
                                         **entries})
    started = time.monotonic()
    build_site(root)
    assert time.monotonic() - started < 20


# -- 5. no traceback for any input ------------------------------------------------------------


@pytest.mark.parametrize("files, path, line", [
    ({"index.md": "---\ntitle: Home\npermalink: /a%00b.html\n---\n"}, "index.md", 3),
    ({"_posts/2020-01-01-a.md": "---\ntitle: P\npermalink: /p%00/\n---\n"}, "_posts/2020-01-01-a.md", 3),
    ({"index.md": "---\ntitle: Home\n---\n",
      "_config.yml": "title: T\ndefaults:\n  - scope: {path: ''}\n    values: {permalink: '/%00/'}\n"}, "index.md", None),
    ({"index.md": f"---\ntitle: Home\npermalink: /{'x' * 300}.html\n---\n"}, "index.md", 3),
    ({"index.md": f"---\ntitle: Home\npermalink: /{chr(0x1F600) * 70}.html\n---\n"}, "index.md", 3),  # 75 characters, 285 bytes
])
def test_an_unwritable_permalink_is_an_error_at_its_line(tmp_path, capsys, files, path, line):
    root = make_site(tmp_path / "site", {"_config.yml": CONFIG, **files})
    assert run_cli(["build", "--source", root, "--out", tmp_path / "out"]) == 1
    err = capsys.readouterr().err
    assert f"{path}{':' + str(line) if line else ''}: error[permalink-invalid]: the output path of this page" in err
    assert "Traceback" not in err


def test_sidebar_entries_that_are_not_mappings_are_skipped(tmp_path, capsys):
    root = make_site(tmp_path / "site", {
        "_config.yml": CONFIG + "specsite: {}\n", "index.md": "---\ntitle: Home\nsidebar: home_sidebar\n---\n# Home\n",
        "_data/sidebars/home_sidebar.yml": "entries:\n  - 1\n  - [a]\n  - title: S\n    folders:\n      - 2\n"
                                           "      - title: F\n        folderitems: [3, {title: Home, url: /index.html}]\n",
        "_data/topnav.yml": "topnav: [1, {items: 2}]\ntopnav_dropdowns: x\n"})
    assert run_cli(["build", "--source", root, "--out", tmp_path / "out"]) == 0
    assert "Traceback" not in capsys.readouterr().err
    assert 'href="index.html"' in (tmp_path / "out" / "index.html").read_text()


def test_a_bug_in_specsite_is_an_internal_error_naming_the_file_exit_3(tmp_path, capsys, monkeypatch):
    from specsite import jekyll

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(jekyll, "page_url", broken)
    root = make_site(tmp_path / "site", {"_config.yml": CONFIG, "pages/index.md": "---\ntitle: Home\n---\n"})
    assert run_cli(["build", "--source", root, "--out", tmp_path / "out"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("specsite: internal error while processing pages/index.md: ZeroDivisionError: "
                          "division by zero (at specsite/discover/")
    assert "please report" in err and "Traceback" not in err


@pytest.mark.parametrize("tag", ["{% render '/etc/passwd' %}", "{% include /etc/passwd %}",
                                 "{% include ../../../../../../etc/passwd %}",
                                 "{% include_relative ../outside/secret.html %}",
                                 "{% include_relative /etc/passwd %}"])
def test_liquid_includes_cannot_read_outside_the_source(tmp_path, tag):
    _outside(tmp_path)
    root = make_site(tmp_path / "site", {"_config.yml": CONFIG, "_includes/x.html": "x",
                                         "index.md": f"---\ntitle: Home\n---\n# Home\n\nA{tag}B\n"})
    site = build_site(root)
    html = output_of(site, "index.html")
    assert SECRET not in html and "root:" not in html
    # (a name with '..' is refused before any look-up, as Jekyll's validate_file_name refuses it)
    assert diagnostics_of(site, "missing-include") or [
        d for d in diagnostics_of(site, "liquid-error") if "invalid characters or sequences" in d.message]


@pytest.mark.parametrize("link", ["file", "folder"])
def test_a_symlinked_cache_is_neither_read_nor_written_through(tmp_path, capsys, link):
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "parse.pickle"
    victim.write_bytes(b"precious")
    root = make_site(tmp_path / "site", {"_config.yml": CONFIG, "index.md": "---\ntitle: Home\n---\n# Home\n"})
    if link == "file":
        (root / ".specsite-cache").mkdir()
        (root / ".specsite-cache" / "parse.pickle").symlink_to("/dev/zero")
    else:
        (root / ".specsite-cache").symlink_to(outside)
    started = time.monotonic()
    assert run_cli(["build", "--source", root, "--out", tmp_path / "out"]) == 0
    assert time.monotonic() - started < 20
    assert victim.read_bytes() == b"precious"
    if link == "file":
        assert "warning[cache]: the parse cache is not a regular file" in capsys.readouterr().err


@pytest.mark.parametrize("key, value", [("exclude", "2020-01-01"), ("include", "2020-01-01"),
                                        ("exclude", "{a: 1}"), ("include", "5")])
def test_exclude_and_include_of_any_type_are_no_traceback(tmp_path, capsys, key, value):
    """Jekyll 4.3.1 stops on these (Configuration#check_include_exclude; checked with jekyll
    build): a configuration error at the line, never a traceback."""
    root = make_site(tmp_path / "site", {"_config.yml": f"title: T\n{key}: {value}\n",
                                         "index.md": "---\ntitle: Home\n---\n# Home\n"})
    assert run_cli(["build", "--source", root, "--out", tmp_path / "out"]) == 2
    err = capsys.readouterr().err
    assert f"_config.yml:2: error[config]: '{key}' should be set as a list" in err
    assert "internal error" not in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_pages_changed_bullets_that_are_not_a_list_are_no_traceback(tmp_path, capsys):
    root = make_site(tmp_path / "site", {
        "_config.yml": "title: T\nspecsite: {capabilities: [A]}\n", "index.md": "---\ntitle: Home\n---\n# Home\n",
        "releases/1.0.0/release.yml": "version: 1.0.0\nstatus: published\ndate: 2020-01-01\nintroduction: x\n",
        "releases/1.0.0/601-x.md": "---\ntitle: X\ntickets: [601]\naffects: [A]\n"
                                   "pages_changed: [{link: index.html, changes: 5}]\n---\nText\n"})
    assert run_cli(["check", "--source", root]) in (0, 1)
    assert "internal error" not in capsys.readouterr().err


def test_a_file_where_another_output_needs_a_folder_is_an_error(tmp_path, capsys):
    root = make_site(tmp_path / "site", {"_config.yml": "title: T\npermalink: pretty\n",
                                         "page.md": "---\ntitle: P\n---\n", "page": "---\ntitle: Q\n---\n",
                                         "index.md": "---\ntitle: Home\n---\n"})
    assert run_cli(["build", "--source", root, "--out", tmp_path / "out"]) == 1
    err = capsys.readouterr().err
    assert "page: error[duplicate-permalink]: 'page' would be a file where page/index.html needs a folder" in err
    assert "internal error" not in err
