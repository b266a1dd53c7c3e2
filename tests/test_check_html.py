"""`specsite check --html DIR` (specsite.check.html): links, anchors and images of an already built
folder of HTML, checked as html-proofer checks a Jekyll `_site`.

The fixture sites check-pass and check-fail are built with `specsite build --out` and their
output is checked; a hand-written mini `_site` (plain HTML files with ids, `<a name>`, directory
index links, root-absolute links, data-proofer-ignore) shows the html-proofer behaviours; the
synthetic corpus (jekyll flavour) built by specsite must give the broken links of its
expected-broken.tsv at the HTML files.

Tests marked xfail(strict=True) describe the correct behaviour of an engine bug that is still open.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, SHARED, make_site, run_cli
from specsite.check.html import check_html_folder

PASS = FIXTURES / "check-pass"
FAIL = FIXTURES / "check-fail"
MAKE_CORPUS = SHARED / "bench" / "make_corpus.py"


def check_html(folder: Path, tmp_path: Path, *extra) -> tuple[int, list]:
    out = tmp_path / "html-report.json"
    code = run_cli(["check", "--html", folder, "--format", "json", "--output", out, *extra])
    return code, json.loads(out.read_text(encoding="utf-8"))


def rows(items) -> list:
    return [(i["file"], i["line"], i["rule"], i["target"]) for i in items]


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the nth occurrence of needle in text."""
    pos = -1
    for _ in range(nth):
        pos = text.index(needle, pos + 1)
    return text.count("\n", 0, pos) + 1


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """{name: (exit code of `build`, output folder)} for check-pass and check-fail."""
    root = tmp_path_factory.mktemp("html")
    result = {}
    for name, source in (("pass", PASS), ("fail", FAIL)):
        copy = shutil.copytree(source, root / "src" / name)  # a build may leave caches in its source folder
        out = root / name
        result[name] = (run_cli(["build", "--source", copy, "--out", out]), out)
    return result


# -- building the fixture sites ---------------------------------------------------------------------


def test_check_pass_builds_cleanly(built):
    """`build` of check-pass exits 0 and writes its three pages, the image and the downloads."""
    code, out = built["pass"]
    assert code == 0
    for rel in ("index.html", "amend.html", "guide/index.html", "images/diagram.svg", "downloads/spec.pdf",
                "downloads/openapi.json"):
        assert (out / rel).is_file(), rel


def test_link_findings_do_not_block_the_write_without_strict(built):
    """`build` of check-fail exits 0 and writes the site: link findings fail only with --strict."""
    code, out = built["fail"]
    assert code == 0
    assert (out / "index.html").is_file() and (out / "overview_release_notes_1_0_0.html").is_file()


def test_with_strict_link_findings_block_the_write(tmp_path):
    """`build --strict` of check-fail exits 1 and writes nothing."""
    source = shutil.copytree(FAIL, tmp_path / "src")
    assert run_cli(["build", "--source", source, "--out", tmp_path / "out", "--strict"]) == 1
    assert not (tmp_path / "out").exists()


# -- check --html on the built fixture sites --------------------------------------------------


def test_check_html_on_the_built_passing_site_reports_nothing(built, tmp_path):
    """`check --html OUT --source check-pass` (baseurl /spec from its _config.yml) exits 0 with no findings."""
    assert check_html(built["pass"][1], tmp_path, "--source", PASS) == (0, [])


def test_the_built_passing_site_has_no_broken_link_under_its_baseurl(built):
    """check_html_folder(OUT, baseurl="/spec") finds nothing in the built check-pass."""
    findings, pages, summary = check_html_folder(built["pass"][1], baseurl="/spec")
    assert [d.format() for d in findings] == []
    assert sorted(pages) == ["amend.html", "guide/index.html", "index.html"]
    assert summary["links"] > 40


def test_without_the_baseurl_only_the_baseurl_links_are_reported(built, tmp_path):
    """Plain `check --html` on check-pass reports only links written as /spec/... (all else resolves)."""
    _, items = check_html(built["pass"][1], tmp_path)
    assert items and all(i["target"].startswith("/spec/") for i in items)


FAIL_EXPECTED = [  # (file, rule, target, what to find in the HTML for its line)
    ("amend.html", "broken-link", "retired.html", 'href="retired.html"'),
    ("index.html", "broken-link", "retired.html", 'href="retired.html"'),
    ("index.html", "broken-link", "cancel.html", 'href="cancel.html"'),
    ("index.html", "broken-anchor", "amend.html#payload-request-bdy", 'href="amend.html#payload-request-bdy"'),
    ("index.html", "broken-anchor", "#nowhere-on-this-page", 'href="#nowhere-on-this-page"'),
    ("index.html", "missing-image", "images/missing.png", 'src="images/missing.png"'),
    ("index.html", "case-mismatch", "Amend.html", 'href="Amend.html"'),
    ("index.html", "empty-link", "", 'href=""'),
    ("index.html", "link-escapes-site", "../../outside.html", 'href="../../outside.html"'),
    ("index.html", "broken-link", "withdrawn.html", 'href="withdrawn.html"'),
    ("index.html", "duplicate-id", "#same", ('id="same"', 2)),
    ("overview_release_notes.html", "broken-link", "retired.html", 'href="retired.html"'),
    ("overview_release_notes_1_0_0.html", "broken-link", "retired.html", 'href="retired.html"'),
    ("overview_release_notes_1_0_0.html", "broken-link", "cancel_appointment.html", 'href="cancel_appointment.html"'),
    ("overview_release_tickets.html", "broken-link", "retired.html", 'href="retired.html"'),
    ("overview_release_tickets.html", "broken-link", "cancel_appointment.html", 'href="cancel_appointment.html"'),
]


def test_check_html_on_the_built_failing_site_finds_each_case_at_its_html_line(built, tmp_path):
    """Broken page, anchor, image, case, empty, ../, include, sidebar and release links are found at their HTML lines."""
    # The spaces of `[x]( amend.html)` do not survive into HTML, so that case is not in the built site.
    out = built["fail"][1]
    code, items = check_html(out, tmp_path)
    expected = []
    for file, rule, target, needle in FAIL_EXPECTED:
        needle, nth = needle if isinstance(needle, tuple) else (needle, 1)
        expected.append((file, line_of((out / file).read_text(encoding="utf-8"), needle, nth), rule, target))
    assert rows(items) == sorted(expected, key=lambda r: (r[0], r[1], r[2]))
    assert code == 1


# -- a hand-written _site, as html-proofer sees it ---------------------------------------------------


MINI_INDEX = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Home</title>
<link rel="stylesheet" href="/css/site.css">
<link rel="canonical" href="https://example.org/">
</head><body>
<h1 id="intro">Intro</h1>
<a name="legacy"></a>
<p><a href="docs/">docs index</a> <a href="/docs/">root-absolute docs index</a> <a href="docs">no slash</a>
<a href="/docs/guide.html#setup">root-absolute with anchor</a> <a href="docs/guide.html#old-name">named anchor</a>
<a href="#intro">intro</a> <a href="#legacy">legacy</a> <a href="#">hash</a> <a href="#top">top</a> <a>no href</a>
<a href="docs/guide">extension-less</a> <a href="https://example.org/x">external</a> <a href="mailto:a@example.org">mail</a>
<img src="/img/logo.png" alt=""> <script src="js/app.js"></script> <a href="docs/guide.html?v=1#setup">query</a>
</p>
<p>Broken:
<a href="/docs/missing.html">missing page</a>
<a href="docs/guide.html#nope">missing anchor</a>
<img src="img/missing.png" alt="">
<a href="Docs/Guide.html">wrong case</a>
<a href="#not-here">missing same-page anchor</a>
</p>
<div data-proofer-ignore><p><a href="ignored-by-parent.html">x</a> <img src="ignored.png" alt=""></p></div>
<a href="ignored-itself.html#x" data-proofer-ignore>y</a>
</body></html>
"""
MINI_DOCS = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Docs</title></head><body>
<h1 id="docs">Docs</h1>
<a href="guide.html#setup">guide</a> <a href="../index.html#intro">up</a> <a href="./">self</a> <a href="..">parent</a>
<a href="../../escape.html">escapes the site</a>
</body></html>
"""
MINI_GUIDE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Guide</title></head><body>
<h2 id="setup">Setup</h2>
<a name="old-name"></a>
<a href="/index.html#legacy">back</a> <a href="../docs/#docs">docs</a>
</body></html>
"""


def mini_site(root: Path, extra: dict | None = None) -> Path:
    return make_site(root / "_site", {
        "index.html": MINI_INDEX, "docs/index.html": MINI_DOCS, "docs/guide.html": MINI_GUIDE,
        "css/site.css": "body { margin: 0 }\n", "img/logo.png": b"\x89PNG\r\n\x1a\n", "js/app.js": "// app\n",
        ".hidden/broken.html": '<a href="nowhere.html">hidden folders are not checked</a>\n',
        **(extra or {}),
    })


def test_a_hand_written_site_is_checked_like_html_proofer(tmp_path):
    """ids, <a name>, dir/ and dir indexes, root-absolute links, #, #top pass; the five broken ones are found."""
    code, items = check_html(mini_site(tmp_path), tmp_path)
    assert rows(items) == [
        ("docs/index.html", 5, "link-escapes-site", "../../escape.html"),
        ("index.html", 15, "broken-link", "/docs/missing.html"),
        ("index.html", 16, "broken-anchor", "docs/guide.html#nope"),
        ("index.html", 17, "missing-image", "img/missing.png"),
        ("index.html", 18, "case-mismatch", "Docs/Guide.html"),
        ("index.html", 19, "broken-anchor", "#not-here"),
    ]
    assert code == 1


def test_data_proofer_ignore_skips_the_element_and_everything_inside(tmp_path):
    """Links under an element with data-proofer-ignore (itself or an ancestor) are not checked."""
    _, items = check_html(mini_site(tmp_path), tmp_path)
    assert not [i for i in items if "ignored" in i["target"]]
    findings, _, summary = check_html_folder(mini_site(tmp_path / "again"))
    assert not [d for d in findings if "ignored" in (d.target or "")]


def test_the_summary_counts_the_html_pages_of_the_folder(tmp_path, capsys):
    """The text report ends with 'N errors, 0 warnings in 3 pages (M links checked)' (hidden folders skipped)."""
    assert run_cli(["check", "--html", mini_site(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert re.search(r"^6 errors, 0 warnings in 3 pages \(\d+ links checked\)$", out, re.M), out


def test_an_empty_folder_has_no_problems(tmp_path, capsys):
    """`check --html` of an empty folder reports 'No problems found in 0 pages' and exits 0."""
    (tmp_path / "_site").mkdir()
    assert run_cli(["check", "--html", tmp_path / "_site"]) == 0
    assert capsys.readouterr().out.startswith("No problems found in 0 pages")


def test_a_duplicate_id_in_html_is_reported_at_its_second_line(tmp_path):
    """Two elements with id="same" in one file: warning[duplicate-id] at the second one's line."""
    site = make_site(tmp_path / "_site", {"index.html": '<h2 id="same">A</h2>\n<p>x</p>\n<h2 id="same">B</h2>\n'})
    assert rows(check_html(site, tmp_path)[1]) == [("index.html", 3, "duplicate-id", "#same")]


def test_a_utf8_file_without_meta_charset_keeps_its_non_ascii_ids(tmp_path):
    """A UTF-8 HTML file with no <meta charset>: id="données" is the target of #donn%C3%A9es and #données."""
    site = make_site(tmp_path / "_site", {
        "index.html": '<html><body>\n<h2 id="données">D</h2>\n<a href="#donn%C3%A9es">x</a>\n'
                      '<a href="#données">y</a>\n</body></html>\n'})
    assert check_html(site, tmp_path) == (0, [])


def test_srcset_candidates_are_checked(tmp_path):
    """`<img src="a.png" srcset="a.png 1x, missing-2x.png 2x">`: missing-image for missing-2x.png."""
    site = make_site(tmp_path / "_site", {
        "a.png": b"\x89PNG\r\n\x1a\n",
        "index.html": '<p>\n<img src="a.png" srcset="a.png 1x, missing-2x.png 2x" alt="">\n</p>\n'})
    assert rows(check_html(site, tmp_path)[1]) == [("index.html", 2, "missing-image", "missing-2x.png")]


def test_an_anchor_with_equal_id_and_name_is_not_a_duplicate_in_html(tmp_path):
    """`<a id="x" name="x"></a>` is one anchor: no duplicate-id."""
    site = make_site(tmp_path / "_site", {"index.html": '<p>\n<a id="x" name="x"></a>\n<a href="#x">x</a>\n</p>\n'})
    assert check_html(site, tmp_path) == (0, [])


def test_an_anchor_named_as_the_element_it_opens_is_not_a_duplicate_in_html(tmp_path):
    """`<h2 id="x"><a name="x">` (a heading's GitHub-style anchor) leads where the heading does:
    no duplicate-id; an `<a id="y">` inside `<h2 id="y">` is still two elements with one id."""
    site = make_site(tmp_path / "_site", {"index.html": '<h2 id="x"><a href="#x" name="x">X</a></h2>\n'
                                          '<h2 id="y"><a id="y"></a>Y</h2>\n<a href="#x">x</a>\n'})
    assert [(d["rule"], d["target"]) for d in check_html(site, tmp_path)[1]] == [("duplicate-id", "#y")]


# -- check and check --html agree ---------------------------------------------------------------------


CONFIG = "title: Agree Spec\nkramdown:\n  input: GFM\n  auto_ids: true\n"


@pytest.mark.parametrize("files", [
    {"index.md": "---\ntitle: Home\n---\n\n## Intro\n\nSee [the guide](guide.html#start).\n",
     "guide.md": "---\ntitle: Guide\n---\n\n## Start\n\nBack [home](index.html#intro).\n"},
    pytest.param({"guide.md": "---\ntitle: Guide\n---\n\n## Start\n"}),
], ids=["linked-pages", "no-index-page"])
def test_a_site_that_passes_check_builds_html_that_passes_check_html(tmp_path, files):
    # (a heading whose id the layout also uses is a duplicate-id finding for both: see
    # test_check_internal.test_a_heading_id_that_the_layout_also_uses_is_not_passed_silently)
    """When `check` reports nothing, `check --html` on the built site reports nothing either."""
    source = make_site(tmp_path / "src", {"_config.yml": CONFIG, **files})
    assert run_cli(["check", "--source", source, "--format", "json", "--output", tmp_path / "src.json"]) == 0
    assert json.loads((tmp_path / "src.json").read_text()) == []
    assert run_cli(["build", "--source", source, "--out", tmp_path / "out"]) == 0
    assert check_html(tmp_path / "out", tmp_path) == (0, [])


# -- the synthetic corpus, built by specsite -----------------------------------------------------------


@pytest.fixture(scope="module")
def jekyll_corpus(tmp_path_factory):
    if not MAKE_CORPUS.is_file():
        pytest.skip(f"{MAKE_CORPUS} is not beside the repository (optional: CI has it)")
    root = tmp_path_factory.mktemp("corpus")
    source = root / "jekyll"
    subprocess.run([sys.executable, str(MAKE_CORPUS), str(source), "--pages", "120", "--seed", "3",
                    "--flavor", "jekyll"], check=True, capture_output=True)
    return source, root / "out"


def permalink_of(markdown: Path) -> str:
    front = markdown.read_text(encoding="utf-8").split("---", 2)[1]
    return re.search(r"^permalink:\s*(\S+)\s*$", front, re.M).group(1).lstrip("/")


def test_corpus_built_by_specsite_gives_the_expected_broken_links_in_html(jekyll_corpus, tmp_path):
    """`build` then `check --html`: exactly the (page, href) pairs of expected-broken.tsv, page as its .html."""
    source, out = jekyll_corpus
    assert run_cli(["build", "--source", source, "--out", out]) == 0  # findings do not block the write
    rows_ = [r.split("\t") for r in (source / "expected-broken.tsv").read_text(encoding="utf-8").splitlines() if r]
    expected = sorted((permalink_of(source / page), href) for page, href in rows_)
    assert len(expected) == 30
    code, items = check_html(out, tmp_path)
    assert sorted((i["file"], i["target"]) for i in items) == expected
    assert {i["rule"] for i in items} == {"broken-link", "broken-anchor"}
    assert code == 1
    for item in items:  # each at the HTML line that holds the link
        text = (out / item["file"]).read_text(encoding="utf-8").split("\n")[item["line"] - 1]
        assert f'href="{item["target"]}"' in text, item
