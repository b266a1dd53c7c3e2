"""The whole build (specsite.build, specsite.cli): diagnostics with file:line and rule, exit codes,
the atomic write, and what the theme adds to every site."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build_site, diagnostics_of, make_site, output_of, page_of, run_cli

CONFIG = "title: Test Spec\nversion: 2.0.0\nspecsite: {}\n"
INDEX = "---\ntitle: Home\n---\n## Welcome\n\nSee [the guide](guide.html#start).\n"
GUIDE = "---\ntitle: Guide\n---\n## Start\n\n### Details\n\n#### Deep\n"


def small_site(root: Path, extra: dict | None = None) -> Path:
    return make_site(root, {"_config.yml": CONFIG, "index.md": INDEX, "guide.md": GUIDE, **(extra or {})})


def cli_build(source: Path, out: Path, *extra) -> int:
    return run_cli(["build", "--source", source, "--out", out, *extra])


def tree(root: Path) -> dict:
    """{relative path: bytes or None for folders} of everything under root."""
    return {p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else None)
            for p in sorted(root.rglob("*"))}


def soup(text: str) -> BeautifulSoup:
    return BeautifulSoup(text, "lxml")


# -- front matter and page errors: file:line and rule ------------------------------------------


def test_broken_front_matter_yaml_is_a_warning_at_the_file_line(tmp_path):
    """Bad YAML on the 2nd line of front matter is warning[front-matter] at line 3 of the file
    (Jekyll warns and builds the page without its front matter)."""
    site = build_site(small_site(tmp_path, {"bad.md": "---\ntitle: B\nbad: a: b\nother: 1\n---\nbody\n"}))
    [diag] = diagnostics_of(site)
    assert (diag.path, diag.line, diag.rule, diag.severity) == ("bad.md", 3, "front-matter", "warning")
    assert "YAML" in diag.message


def test_broken_front_matter_on_its_first_line_is_at_line_2(tmp_path):
    """Front matter starts on line 2 of the file: a problem on its first line is reported there."""
    site = build_site(small_site(tmp_path, {"bad.md": "---\ntitle: a: b\n---\nbody\n"}))
    [diag] = diagnostics_of(site)
    assert (diag.path, diag.line, diag.rule) == ("bad.md", 2, "front-matter")


def test_a_page_with_broken_front_matter_is_built_without_it_at_its_default_url(tmp_path):
    """As in Jekyll, the page is built with empty front matter: its permalink is not read."""
    site = build_site(small_site(tmp_path, {"bad.md": "---\npermalink: x.html\nbad: a: b\n---\nText.\n"}))
    assert sorted(p.source.url for p in site.pages) == ["bad.html", "guide.html", "index.html"]


def test_unclosed_front_matter_is_an_error_with_a_hint(tmp_path):
    """Front matter opened with `---` and never closed is error[front-matter] at line 1."""
    site = build_site(small_site(tmp_path, {"open.md": "---\ntitle: U\nbody without close\n"}))
    [diag] = diagnostics_of(site)
    assert (diag.path, diag.line, diag.rule) == ("open.md", 1, "front-matter")
    assert "---" in diag.message + (diag.hint or "")


def test_front_matter_that_is_not_a_mapping_is_an_error(tmp_path):
    """A YAML list as front matter is error[front-matter] at line 2."""
    site = build_site(small_site(tmp_path, {"list.md": "---\n- a\n- b\n---\n"}))
    [diag] = diagnostics_of(site)
    assert (diag.path, diag.line, diag.rule) == ("list.md", 2, "front-matter")


def test_duplicate_permalinks_are_a_warning_and_the_one_jekyll_writes_last_wins(tmp_path):
    """Two pages with one permalink: warning[duplicate-permalink] at the one not written, naming the
    other; Jekyll writes pages sorted by name, so dup2.md wins."""
    site = build_site(small_site(tmp_path, {
        "dup1.md": "---\ntitle: D1\npermalink: same.html\n---\n",
        "dup2.md": "---\ntitle: D2\npermalink: same.html\n---\n",
    }))
    [diag] = diagnostics_of(site)
    assert (diag.path, diag.line, diag.rule, diag.severity) == ("dup1.md", 3, "duplicate-permalink", "warning")
    assert "dup2.md" in diag.message and "same.html" in diag.message
    assert [p.source.rel for p in site.pages if p.source.url == "same.html"] == ["dup2.md"]


def test_of_two_index_pages_the_root_one_is_written_as_in_jekyll(tmp_path):
    """Jekyll reads a folder's subfolders before its own files: the root index.md is written."""
    site = build_site(small_site(tmp_path, {"pages/overview/index.md": "---\ntitle: O\npermalink: index.html\n---\n"}))
    assert [p.source.rel for p in site.pages if p.source.url == "index.html"] == ["index.md"]


def test_a_page_permalink_colliding_with_a_derived_path_is_a_duplicate(tmp_path):
    """A permalink equal to another page's path-derived output is a duplicate too."""
    site = build_site(small_site(tmp_path, {"other.md": "---\ntitle: O\npermalink: guide.html\n---\n"}))
    [diag] = [d for d in site.all_diagnostics() if d.rule == "duplicate-permalink"]
    assert {diag.path, *re.findall(r"[\w/]+\.md", diag.message)} == {"guide.md", "other.md"}


def test_a_permalink_climbing_out_is_built_inside_as_jekyll_does_with_a_warning(tmp_path):
    """`permalink: ../../etc/x.html`: Jekyll 4.3.1's URL#sanitize_url drops each '..' and writes
    etc/x.html inside the site; specsite builds it there too, with warning[permalink-escapes] at the
    permalink's line naming where it went."""
    from conftest import jekyll_build
    src = small_site(tmp_path / "src", {"esc.md": "---\ntitle: E\npermalink: ../../etc/x.html\n---\n"})
    jekyll_build(src, tmp_path / "jekyll")
    assert (tmp_path / "jekyll/etc/x.html").is_file()
    site = build_site(src)
    [diag] = diagnostics_of(site, "permalink-escapes")
    assert (diag.path, diag.line, diag.severity) == ("esc.md", 3, "warning")
    assert "writes the page at '/etc/x.html'" in diag.message and "etc/x.html" in site.outputs


def test_an_unknown_layout_is_a_warning_with_did_you_mean(tmp_path):
    """`layout: pgae` is warning[unknown-layout] at its line with "Did you mean 'page'?"; the page is
    still written (in the page layout), as Jekyll writes it (without one)."""
    site = build_site(small_site(tmp_path, {"lay.md": "---\ntitle: L\nlayout: pgae\n---\n"}))
    [diag] = diagnostics_of(site)
    assert (diag.path, diag.line, diag.rule, diag.severity) == ("lay.md", 3, "unknown-layout", "warning")
    assert "lay.html" in site.outputs
    assert diag.hint == "Did you mean 'page'?"


def test_jekyll_layout_names_fall_back_to_the_themes_page_layout(tmp_path):
    """`layout: default`, `post` and `home` (Jekyll's usual names) are not errors."""
    site = build_site(small_site(tmp_path, {f"{n}.md": f"---\ntitle: {n}\nlayout: {n}\n---\n"
                                            for n in ("default", "post", "home")}))
    assert diagnostics_of(site) == []


SIDEBAR = """\
entries:
- title: Main
  product: Test Spec
  version: 2.0.0
  folders:
  - title: Start here
    output: web
    folderitems:
    - title: Home
      url: /index.html
      output: web
  - title: Reference
    output: web
    folderitems:
    - title: Guide
      url: /guide.html
      output: web
    - title: Nested
      url: /sub/nested.html
      output: web
"""


def test_an_unknown_sidebar_is_a_warning_with_did_you_mean(tmp_path):
    """`sidebar: main_sidebr` with _data/sidebars present is warning[unknown-sidebar] with a suggestion
    (the Documentation Theme maps sidebar names itself; Jekyll builds such pages)."""
    site = build_site(small_site(tmp_path, {
        "_data/sidebars/main_sidebar.yml": SIDEBAR,
        "sb.md": "---\ntitle: S\nsidebar: main_sidebr\n---\n",
        "sub/nested.md": "---\ntitle: Nested\n---\n",
    }))
    [diag] = diagnostics_of(site)
    assert (diag.path, diag.line, diag.rule, diag.severity) == ("sb.md", 3, "unknown-sidebar", "warning")
    assert diag.hint == "Did you mean 'main_sidebar'?"


def test_diagnostics_are_sorted_and_formatted_as_path_line_col_severity_rule(tmp_path):
    """Every problem prints as `path:line[:col]: severity[rule]: message hint`."""
    site = build_site(small_site(tmp_path, {"lay.md": "---\ntitle: L\nlayout: pgae\n---\n"}))
    assert [d.format() for d in diagnostics_of(site)] == [
        "lay.md:3: warning[unknown-layout]: unknown layout 'pgae'; the page is shown in the 'page' layout. "
        "Did you mean 'page'?"]


def test_a_runtime_error_in_a_site_layout_is_a_diagnostic_not_a_traceback(tmp_path, capsys):
    """`{{ page.nosuch.attr }}` in templates/layouts/page.html is error[template-error] at its line."""
    src = small_site(tmp_path / "src", {"templates/layouts/page.html": "<html>\n{{ page.nosuch.attr }}\n</html>\n"})
    code = cli_build(src, tmp_path / "out")
    err = capsys.readouterr().err
    assert code == 1
    assert "templates/layouts/page.html:2" in err and "error[template-error]" in err
    assert not (tmp_path / "out").exists()


def test_a_syntax_error_in_a_site_layout_is_a_template_error(tmp_path):
    """A Jinja2 syntax error in templates/layouts/page.html is error[template-error] at its line."""
    site = build_site(small_site(tmp_path, {"templates/layouts/page.html": "<html>\n{% if %}\n</html>\n"}))
    assert [(d.path, d.line, d.rule) for d in diagnostics_of(site)] == [
        ("templates/layouts/page.html", 2, "template-error")]


# -- the command line ---------------------------------------------------------------------------


def test_cli_build_exits_0_and_writes_the_site(tmp_path, capsys):
    """`specsite build --source X --out Y` exits 0 and writes Y/index.html."""
    src, out = small_site(tmp_path / "src"), tmp_path / "out"
    assert cli_build(src, out) == 0
    assert (out / "index.html").is_file() and (out / "guide.html").is_file()
    assert "<h1>Home</h1>" in (out / "index.html").read_text(encoding="utf-8")


def test_cli_build_prints_a_summary_line(tmp_path, capsys):
    """The build ends with a summary: pages, HTML files written to the folder, errors, warnings."""
    src, out = small_site(tmp_path / "src"), tmp_path / "out"
    cli_build(src, out)
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert re.fullmatch(rf"2 pages, 2 HTML files written to {re.escape(str(out))}; 0 errors, 0 warnings in "
                        r"\d+\.\d\ds", last)


def test_cli_build_exits_1_on_errors_and_prints_them(tmp_path, capsys):
    """A build with errors exits 1, prints each as path:line: error[rule] and says nothing was written."""
    src = small_site(tmp_path / "src", {"bad.md": "---\ntitle: B\n---\n\n{% include nope.html %}\n"})
    assert cli_build(src, tmp_path / "out") == 1
    err = capsys.readouterr().err
    assert re.search(r"^bad\.md:5:\d+: error\[missing-include\]: include file 'nope.html' not found", err, re.M)
    assert "nothing written" in err.strip().splitlines()[-1]
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("files, expected", [
    ({"list.md": "---\n- U\n---\n"}, "list.md:2:1: error[front-matter]: front matter must be a mapping"),
    ({"inc.md": "---\ntitle: I\n---\n\n{% include nope.html %}\n"}, "inc.md:5:4: error[missing-include]: "),
], ids=["front-matter", "missing-include"])
def test_cli_prints_build_errors_at_file_line_and_exits_1(tmp_path, capsys, files, expected):
    """Each kind of build error is one `path:line: error[rule]: …` line on stderr, exit 1, no traceback."""
    src = small_site(tmp_path / "src", files)
    assert cli_build(src, tmp_path / "out") == 1
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith(expected)
    assert "Traceback" not in captured.err + captured.out
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("files, expected", [
    ({"dup1.md": "---\ntitle: D1\npermalink: same.html\n---\n",
      "dup2.md": "---\ntitle: D2\npermalink: same.html\n---\n"},
     "dup1.md:3: warning[duplicate-permalink]: 'same.html' is also the output of dup2.md"),
    ({"lay.md": "---\ntitle: L\nlayout: pgae\n---\n"}, "lay.md:3: warning[unknown-layout]: unknown layout 'pgae'"),
    ({"sb.md": "---\ntitle: S\nsidebar: main_sidebr\n---\n", "_data/sidebars/main_sidebar.yml": SIDEBAR,
      "sub/nested.md": "---\ntitle: N\n---\n"},
     "sb.md:3: warning[unknown-sidebar]: unknown sidebar 'main_sidebr'"),
], ids=["duplicate-permalink", "unknown-layout", "unknown-sidebar"])
def test_cli_prints_what_jekyll_builds_anyway_as_warnings_and_writes(tmp_path, capsys, files, expected):
    """Where Jekyll builds (it warns), specsite builds too: a warning at file:line, exit 0, site written;
    --strict makes it fail."""
    src = small_site(tmp_path / "src", files)
    assert cli_build(src, tmp_path / "out") == 0
    captured = capsys.readouterr()
    assert any(line.startswith(expected) for line in captured.err.splitlines()), captured.err
    assert (tmp_path / "out" / "index.html").is_file()
    assert cli_build(src, tmp_path / "out2", "--strict") == 1


def test_cli_prints_broken_links_and_still_writes_without_strict(tmp_path, capsys):
    """A link to a missing anchor is printed at its file:line:col; without --strict the site is written."""
    src = small_site(tmp_path / "src", {"guide.md": GUIDE.replace("## Start", "## Begin")})
    assert cli_build(src, tmp_path / "out") == 0
    err = capsys.readouterr().err
    assert "index.md:6:17: error[broken-anchor]: anchor '#start' does not exist on 'guide.html'" in err
    assert (tmp_path / "out" / "index.html").is_file()


def test_cli_strict_fails_on_broken_links_and_writes_nothing(tmp_path, capsys):
    """With --strict a broken anchor exits 1 and the site is not written."""
    src = small_site(tmp_path / "src", {"guide.md": GUIDE.replace("## Start", "## Begin")})
    assert cli_build(src, tmp_path / "out", "--strict") == 1
    assert "error[broken-anchor]" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_broken_config_file_exits_2_with_its_file_and_line(tmp_path, capsys):
    """Bad YAML in _config.yml exits 2 and reports `_config.yml:LINE` (an unclosed `[`: where it
    opens, line 2 column 10, as Psych reports it)."""
    src = small_site(tmp_path / "src", {"_config.yml": "title: T\nexclude: [x\nother: 2\n"})
    assert cli_build(src, tmp_path / "out") == 2
    err = capsys.readouterr().err
    assert re.search(r"^_config\.yml:2:10: error\[config\]", err, re.M)
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_an_unknown_specsite_option_exits_2_with_did_you_mean(tmp_path, capsys):
    """`specsite: {spec_nam: …}` exits 2 at its line with "Did you mean 'spec_name'?"."""
    src = small_site(tmp_path / "src", {"_config.yml": "title: T\nspecsite:\n  spec_nam: x\n"})
    assert cli_build(src, tmp_path / "out") == 2
    assert "_config.yml:3: error[config]: unknown specsite option 'spec_nam'. Did you mean 'spec_name'?" \
        in capsys.readouterr().err


def test_an_unknown_command_line_option_exits_2(tmp_path, capsys):
    """An option the command does not have is a usage error, exit code 2."""
    assert run_cli(["build", "--source", small_site(tmp_path / "src"), "--bogus"]) == 2
    assert "--bogus" in capsys.readouterr().err


def test_a_missing_source_folder_exits_2(tmp_path, capsys):
    """`--source` naming no folder exits 2 with a message, not a traceback."""
    assert cli_build(tmp_path / "nope", tmp_path / "out") == 2
    err = capsys.readouterr().err
    assert "source folder does not exist" in err and "Traceback" not in err


def test_an_output_folder_equal_to_the_source_is_refused(tmp_path, capsys):
    """`--out` equal to `--source` exits 2 and the source is left as it was."""
    src = small_site(tmp_path / "src")
    before = tree(src)
    assert cli_build(src, src) == 2
    assert "contains the source" in capsys.readouterr().err
    assert tree(src) == before


def test_an_output_folder_containing_the_source_is_refused(tmp_path, capsys):
    """`--out` a parent of `--source` exits 2: the swap would replace the source."""
    src = small_site(tmp_path / "src")
    before = tree(tmp_path)
    assert cli_build(src, tmp_path) == 2
    assert tree(tmp_path) == before


def test_build_is_the_default_command(tmp_path, capsys):
    """`specsite --source X --out Y` runs `build`."""
    src, out = small_site(tmp_path / "src"), tmp_path / "out"
    assert run_cli(["--source", src, "--out", out]) == 0
    assert (out / "index.html").is_file()


# -- the atomic write ---------------------------------------------------------------------------


def test_a_failed_build_leaves_the_previous_site_byte_identical(tmp_path, capsys):
    """Build, break a page, build again: exit 1, the old output unchanged, no temporary folders."""
    src, out = small_site(tmp_path / "src"), tmp_path / "out"
    assert cli_build(src, out) == 0
    before = tree(out)
    (src / "guide.md").write_text("---\ntitle: Guide\n---\n{% include nope.html %}\n", encoding="utf-8")
    assert cli_build(src, out) == 1
    assert tree(out) == before
    assert sorted(os.listdir(tmp_path)) == ["out", "src"]


def test_a_successful_rebuild_replaces_the_site_and_drops_stale_files(tmp_path, capsys):
    """A second good build swaps in the new site: removed pages disappear, no temp folders stay."""
    src, out = small_site(tmp_path / "src"), tmp_path / "out"
    assert cli_build(src, out) == 0
    (src / "guide.md").unlink()
    (src / "index.md").write_text("---\ntitle: Home 2\n---\nNew.\n", encoding="utf-8")
    assert cli_build(src, out) == 0
    assert not (out / "guide.html").exists()
    assert "<h1>Home 2</h1>" in (out / "index.html").read_text(encoding="utf-8")
    assert sorted(os.listdir(tmp_path)) == ["out", "src"]


def test_a_write_that_fails_midway_restores_the_previous_site(tmp_path):
    """If rendering a file fails while writing, the old output stays and the temp folder is removed."""
    from specsite.outputs import Page, Text
    from specsite.write import write_site
    src, out = small_site(tmp_path / "src"), tmp_path / "out"
    write_site(out, {"index.html": Text("old"), "a/b.html": Text("old b")}, src)
    before = tree(out)

    def boom():
        raise RuntimeError("render failed")

    with pytest.raises(RuntimeError):
        write_site(out, {"a.html": Text("new"), "m.html": Page(boom), "z.html": Text("new")}, src)
    assert tree(out) == before
    assert sorted(os.listdir(tmp_path)) == ["out", "src"]


def test_a_reused_file_of_the_previous_build_is_linked_and_never_written_through(tmp_path):
    """`reuse` names files of the previous build that hold what would be written: they are linked
    (a page is not rendered, a text not written), and no file of the live site is written to."""
    from specsite.outputs import Page, Text
    from specsite.write import write_site
    src, out = small_site(tmp_path / "src"), tmp_path / "out"
    write_site(out, {"a.html": Text("same a"), "b.html": Text("old b"), "c.html": Text("old c")}, src)
    previous = tmp_path / "previous"
    previous.mkdir()
    for name in ("a.html", "b.html", "c.html"):
        os.link(out / name, previous / name)  # what the old build holds while the new one is written

    def unrendered():
        raise AssertionError("a reused page is not rendered")

    write_site(out, {"a.html": Text("same a"), "b.html": Page(unrendered), "c.html": Text("new c")}, src,
               reuse={"a.html": previous / "a.html", "b.html": previous / "b.html"})
    assert [(out / n).read_text() for n in ("a.html", "b.html", "c.html")] == ["same a", "old b", "new c"]
    assert [(previous / n).read_text() for n in ("a.html", "b.html", "c.html")] == ["same a", "old b", "old c"]
    assert (out / "a.html").stat().st_ino == (previous / "a.html").stat().st_ino


@pytest.mark.parametrize("rel", ["../x.html", "a/../../x.html", "/tmp/x.html", ".."])
def test_the_write_refuses_a_path_outside_the_output_folder(tmp_path, rel):
    from specsite.errors import WriteError
    from specsite.outputs import Text
    from specsite.write import write_site
    src, out = small_site(tmp_path / "src"), tmp_path / "out"
    with pytest.raises(WriteError, match="outside the output folder"):
        write_site(out, {"index.html": Text("x"), rel: Text("x")}, src)
    assert not out.exists() and sorted(os.listdir(tmp_path)) == ["src"]


def test_a_cached_build_keeps_the_files_that_did_not_change_and_only_those(tmp_path):
    """With the parse cache, a file whose content is the same as the last build's (page, text,
    copied file) is the same file; an edited page, an edited static file and an output file
    changed by hand since are written again."""
    from specsite import build
    from specsite.cache import ParseCache
    from specsite.config import load_config
    src = small_site(tmp_path / "src", {"images/a.svg": "<svg/>", "images/b.svg": "<svg id='b'/>"})
    out = tmp_path / "out"

    def built():
        config = load_config(src, out)
        site = build.run(config, cache=ParseCache(src / ".specsite-cache" / "parse.pickle"))
        assert site.written
        return {p.relative_to(out).as_posix(): p.stat().st_ino for p in out.rglob("*")
                if p.is_file() and p.name != ".specsite-manifest"}

    first = built()
    assert built() == first  # nothing changed: every file kept
    (src / "images" / "b.svg").write_text("<svg id='b2'/>", encoding="utf-8")
    (out / "images" / "a.svg").write_text("<svg changed-by-hand/>", encoding="utf-8")
    third = built()
    changed = {rel for rel in first if third.get(rel) != first[rel]}
    assert {"images/a.svg", "images/b.svg"} <= changed and "index.html" not in changed
    assert (out / "images" / "a.svg").read_text() == "<svg/>"
    assert (out / "images" / "b.svg").read_text() == "<svg id='b2'/>"


def test_the_build_never_writes_outside_the_output_folder(tmp_path, capsys):
    """Only --out changes, besides the parse cache in SOURCE/.specsite-cache (like .jekyll-cache)."""
    src = small_site(tmp_path / "src", {"images/a.svg": "<svg/>", "_data/x.yml": "a: 1\n"})
    (tmp_path / "sibling").mkdir()
    (tmp_path / "sibling" / "keep.txt").write_text("keep", encoding="utf-8")
    before = tree(tmp_path)
    assert cli_build(src, tmp_path / "out") == 0
    after = {k: v for k, v in tree(tmp_path).items()
             if k != "out" and not k.startswith("out/") and ".specsite-cache" not in k}
    assert after == before


def test_no_cache_writes_nothing_but_the_output_folder(tmp_path, capsys):
    """With --no-cache not even the parse cache is written."""
    src = small_site(tmp_path / "src")
    before = tree(tmp_path)
    assert run_cli(["build", "--source", src, "--out", tmp_path / "out", "--no-cache"]) == 0
    after = {k: v for k, v in tree(tmp_path).items() if k != "out" and not k.startswith("out/")}
    assert after == before


def test_the_default_output_folder_is_build_inside_the_source(tmp_path, capsys):
    """Without --out the site goes to SOURCE/build, which the next build does not read back."""
    src = small_site(tmp_path / "src")
    assert run_cli(["build", "--source", src]) == 0
    assert (src / "build" / "index.html").is_file()
    assert run_cli(["build", "--source", src]) == 0
    assert not (src / "build" / "build").exists()


# -- what the written site contains -------------------------------------------------------------


def test_static_files_are_copied_byte_for_byte(tmp_path, capsys):
    """Images and other files without front matter are copied unchanged."""
    png = bytes(range(256))
    src = small_site(tmp_path / "src", {"images/pic.png": png, "files/spec.txt": "plain\n"})
    out = tmp_path / "out"
    assert cli_build(src, out) == 0
    assert (out / "images" / "pic.png").read_bytes() == png
    assert (out / "files" / "spec.txt").read_text(encoding="utf-8") == "plain\n"


def test_theme_assets_are_written(tmp_path, capsys):
    """The theme's CSS and JS, the Pygments CSS and the search index are in assets/."""
    src, out = small_site(tmp_path / "src"), tmp_path / "out"
    assert cli_build(src, out) == 0
    for rel in ("assets/css/theme.css", "assets/js/theme.js", "assets/search-index.js", "assets/css/pygments.css"):
        assert (out / rel).is_file() and (out / rel).stat().st_size > 0, rel
    assert ".highlight" in (out / "assets/css/pygments.css").read_text(encoding="utf-8")


def test_pages_link_their_assets_relative_to_their_folder(tmp_path):
    """A page in a subfolder links the theme's assets with ../ so the site works from disk."""
    site = build_site(small_site(tmp_path, {"sub/deep.md": "---\ntitle: Deep\n---\n"}))
    text = output_of(site, "sub/deep.html")
    assert 'href="../assets/css/theme.css"' in text and 'src="../assets/js/theme.js"' in text
    assert 'href="assets/css/theme.css"' in output_of(site, "index.html")


def test_the_search_index_lists_titles_urls_and_heading_ids(tmp_path):
    """assets/search-index.js holds one document per page with its url, title and the offset,
    text and id of each h2–h4 section (so a result can lead to the section that matches)."""
    site = build_site(small_site(tmp_path))
    text = output_of(site, "assets/search-index.js")
    prefix = "window.SPECSITE_SEARCH = "
    assert text.startswith(prefix)
    index = json.loads(text[len(prefix):].strip().rstrip(";"))
    entries = {e["u"]: e for e in index["docs"]}
    assert entries["guide.html"]["t"] == "Guide"
    assert [(h[1], h[2]) for h in entries["guide.html"]["h"]] == [("Start", "start"), ("Details", "details"),
                                                                   ("Deep", "deep")]
    assert entries["index.html"]["t"] == "Home"


def test_the_toc_lists_h2_and_h3_headings(tmp_path):
    """The page's Contents lists its h2 and h3 headings (h3 nested), linking to their ids."""
    site = build_site(small_site(tmp_path))
    toc = soup(output_of(site, "guide.html")).select_one("nav.toc")
    assert toc is not None
    assert [(a["href"], a.get_text()) for a in toc.select("a")] == [("#start", "Start"), ("#details", "Details")]
    assert toc.select_one("ul > li > ul > li > a")["href"] == "#details"


def test_toc_false_leaves_the_toc_out(tmp_path):
    """`toc: false` in front matter: no Contents block on the page."""
    site = build_site(small_site(tmp_path, {"guide.md": GUIDE.replace("title: Guide", "title: Guide\ntoc: false")}))
    text = output_of(site, "guide.html")
    assert 'class="toc"' not in text and 'id="toc-title"' not in text
    assert '<h2 id="start">Start</h2>' in text


def sidebar_site(tmp_path):
    return build_site(small_site(tmp_path, {
        "_config.yml": CONFIG + "defaults:\n  - scope: {path: \"\"}\n    values: {sidebar: main_sidebar}\n",
        "_data/sidebars/main_sidebar.yml": SIDEBAR,
        "sub/nested.md": "---\ntitle: Nested\n---\n",
    }))


def test_the_sidebar_marks_the_current_page_and_opens_its_folder(tmp_path):
    """On guide.html the sidebar link to it has aria-current="page" and only its folder is open."""
    site = sidebar_site(tmp_path)
    assert diagnostics_of(site) == []
    nav = soup(output_of(site, "guide.html")).select_one("nav.sidebar")
    current = nav.select('[aria-current="page"]')
    assert [(a["href"], a.get_text()) for a in current] == [("guide.html", "Guide")]
    folders = {d.summary.get_text(): d.has_attr("open") for d in nav.select("details")}
    assert folders == {"Start here": False, "Reference": True}


def test_the_sidebar_is_relative_to_the_page_folder(tmp_path):
    """A page in a subfolder gets sidebar links with ../ and its own entry marked current."""
    site = sidebar_site(tmp_path)
    nav = soup(output_of(site, "sub/nested.html")).select_one("nav.sidebar")
    assert [a["href"] for a in nav.select("a")] == ["../index.html", "../guide.html", "../sub/nested.html"]
    assert [a["href"] for a in nav.select('[aria-current="page"]')] == ["../sub/nested.html"]


def test_the_sidebar_shows_its_title_product_and_version(tmp_path):
    """The sidebar's heading shows the sidebar title and the product with its version."""
    nav = soup(output_of(sidebar_site(tmp_path), "index.html")).select_one("nav.sidebar")
    assert nav.select_one(".sidebar-title").get_text() == "Main"
    assert nav.select_one(".sidebar-product").get_text(" ", strip=True) == "Test Spec 2.0.0"


def test_a_broken_sidebar_url_is_reported_at_the_data_file(tmp_path):
    """A sidebar entry pointing at a missing page is error[broken-link] at the sidebar file's line."""
    site = build_site(small_site(tmp_path, {"_data/sidebars/main_sidebar.yml": SIDEBAR}))
    [diag] = diagnostics_of(site)
    assert (diag.path, diag.line, diag.rule) == ("_data/sidebars/main_sidebar.yml", 19, "broken-link")  # its url: line


def test_without_sidebar_data_pages_sharing_a_sidebar_name_get_one_by_title(tmp_path):
    """With no _data/sidebars, `sidebar: x` is no error: pages naming x are listed by title."""
    site = build_site(small_site(tmp_path, {
        "a.md": "---\ntitle: Zed\nsidebar: api_sidebar\n---\n",
        "b.md": "---\ntitle: Alpha\nsidebar: api_sidebar\n---\n",
        "c.md": "---\ntitle: Other\nsidebar: other\n---\n",
    }))
    assert diagnostics_of(site) == []
    nav = soup(output_of(site, "a.html")).select_one("nav.sidebar")
    assert [(a["href"], a.get("aria-current")) for a in nav.select("a")] == [("b.html", None), ("a.html", "page")]


def test_a_site_page_layout_overrides_the_themes(tmp_path):
    """templates/layouts/page.html in the site replaces the theme's page layout."""
    layout = "<!DOCTYPE html>\n<title>{{ page.title }}</title>\n<article class=\"mine\">{{ content }}</article>\n"
    site = build_site(small_site(tmp_path, {"templates/layouts/page.html": layout}))
    assert output_of(site, "guide.html").startswith('<!DOCTYPE html>\n<title>Guide</title>\n<article class="mine">'
                                                    '<h2 id="start">Start</h2>')


def test_a_site_partial_overrides_the_themes(tmp_path):
    """templates/partials/footer.html replaces the theme's footer inside the theme's layout."""
    site = build_site(small_site(tmp_path, {"templates/partials/footer.html": "<footer>my footer</footer>"}))
    text = output_of(site, "index.html")
    assert "<footer>my footer</footer>" in text and 'class="site-footer"' not in text


def test_layout_none_writes_the_body_alone(tmp_path):
    """`layout: none` writes the rendered body with no theme around it."""
    site = build_site(small_site(tmp_path, {"raw.md": "---\nlayout: none\n---\n## Raw\n\nbody\n"}))
    assert output_of(site, "raw.html") == '<h2 id="raw">Raw</h2>\n<p>body</p>\n'


def test_the_page_layout_has_title_h1_summary_and_content(tmp_path):
    """The theme's page has <title>Page | Site</title>, an h1, the summary and the body."""
    guide = GUIDE.replace("title: Guide", "title: Guide\nsummary: About it")
    site = build_site(small_site(tmp_path, {"guide.md": guide}))
    page = soup(output_of(site, "guide.html"))
    assert page.title.get_text() == "Guide | Test Spec"
    assert page.select_one("main h1").get_text() == "Guide"
    assert page.select_one("main p.summary").get_text() == "About it"
    assert page.select_one('meta[name="description"]')["content"] == "About it"
    assert page.select_one("main h2#start") is not None
    assert "Version 2.0.0" in page.select_one("footer").get_text()


def test_an_entity_in_a_title_displays_as_its_character(tmp_path):
    """`title: FHIR&reg; API` shows "FHIR® API" in <title>, the h1 and the search index."""
    site = build_site(small_site(tmp_path, {"guide.md": GUIDE.replace("title: Guide", "title: FHIR&reg; API")}))
    page = soup(output_of(site, "guide.html"))
    assert page.title.get_text() == "FHIR® API | Test Spec"
    assert page.select_one("main h1").get_text() == "FHIR® API"
    assert '"t":"FHIR® API"' in output_of(site, "assets/search-index.js")


def test_an_ampersand_in_a_title_is_escaped_once(tmp_path):
    """`title: Q&A` is written as Q&amp;A, which displays as "Q&A"."""
    site = build_site(small_site(tmp_path, {"guide.md": GUIDE.replace("title: Guide", "title: Q&A")}))
    text = output_of(site, "guide.html")
    assert "<h1>Q&amp;A</h1>" in text
    assert soup(text).select_one("main h1").get_text() == "Q&A"


def test_tags_page_lists_every_tag_with_its_pages(tmp_path):
    """tags.html has one section per tag (id tag-<slug>) listing the tagged pages; pages link to it."""
    site = build_site(small_site(tmp_path, {
        "index.md": INDEX.replace("title: Home", "title: Home\ntags: [overview, api]"),
        "guide.md": GUIDE.replace("title: Guide", "title: Guide\ntags: [api]"),
    }))
    assert diagnostics_of(site) == []
    tags = soup(output_of(site, "tags.html")).select_one("main")
    sections = {h2["id"]: [a["href"] for a in h2.find_next_sibling("ul").select("a")] for h2 in tags.select("h2")}
    assert sections == {"tag-api": ["guide.html", "index.html"], "tag-overview": ["index.html"]}
    labels = soup(output_of(site, "guide.html")).select("a[rel=tag]")
    assert [(a["href"], a.get_text()) for a in labels] == [("tags.html#tag-api", "api")]


def test_no_tags_page_without_tags(tmp_path):
    """A site whose pages have no tags gets no tags.html."""
    assert "tags.html" not in build_site(small_site(tmp_path)).outputs


def test_topnav_links_come_from_data_and_mark_the_current_page(tmp_path):
    """_data/topnav.yml items become header links; the current page's is aria-current."""
    topnav = ("topnav:\n- title: Topnav\n  items:\n    - title: Home\n      url: /index.html\n"
              "    - title: Guide\n      url: /guide.html\n"
              "topnav_dropdowns:\n- title: More\n  folders:\n    - title: Links\n      folderitems:\n"
              "        - title: FHIR\n          external_url: https://hl7.org/fhir/\n")
    site = build_site(small_site(tmp_path, {"_data/topnav.yml": topnav}))
    assert diagnostics_of(site) == []
    nav = soup(output_of(site, "guide.html")).select_one("nav.topnav-nav")
    assert [(a["href"], a.get("aria-current")) for a in nav.select("a")] == [
        ("index.html", None), ("guide.html", "page"), ("https://hl7.org/fhir/", None)]
    assert nav.select_one("details.dropdown summary").get_text() == "Links"


def test_written_pages_equal_the_in_memory_build(tmp_path, capsys):
    """What `build` writes is exactly what the in-memory build renders."""
    src, out = small_site(tmp_path / "src"), tmp_path / "out"
    assert cli_build(src, out) == 0
    site = build_site(src)
    for url in ("index.html", "guide.html"):
        assert (out / url).read_text(encoding="utf-8") == output_of(site, url)
    assert page_of(site, "index.html").source.meta["title"] == "Home"


def test_a_cached_page_that_uses_link_follows_a_renamed_target(tmp_path, capsys):
    """A page using {% link %} is re-parsed when another page's permalink changes (parse cache)."""
    src = make_site(tmp_path / "src", {
        "_config.yml": "title: T\n",
        "a.md": "---\ntitle: A\npermalink: a.html\n---\n\nSee [b]({% link b.md %}).\n",
        "b.md": "---\ntitle: B\npermalink: old-b.html\n---\n\nB.\n",
    })
    out = tmp_path / "out"
    assert run_cli(["build", "--source", src, "--out", out]) == 0
    assert 'href="/old-b.html"' in (out / "a.html").read_text()
    (src / "b.md").write_text("---\ntitle: B\npermalink: new-b.html\n---\n\nB.\n")
    assert run_cli(["build", "--source", src, "--out", out]) == 0
    assert 'href="/new-b.html"' in (out / "a.html").read_text()


def test_a_warm_build_into_another_folder_does_not_reuse_its_stale_files(tmp_path, capsys):
    """Rendered files are reused only from the folder the last build wrote, never from an older one."""
    src = make_site(tmp_path / "src", {"_config.yml": "title: T\n", "a.md": "---\ntitle: A\n---\n\nOld text.\n"})
    a, b = tmp_path / "a", tmp_path / "b"
    assert run_cli(["build", "--source", src, "--out", b]) == 0
    (src / "a.md").write_text("---\ntitle: A\n---\n\nNew text.\n")
    assert run_cli(["build", "--source", src, "--out", a]) == 0
    assert run_cli(["build", "--source", src, "--out", b]) == 0
    assert "New text." in (b / "a.html").read_text()


def test_a_warm_build_is_byte_identical_to_a_cold_one(tmp_path, capsys):
    """With the parse cache and reused files, the output equals a --no-cache build byte for byte."""
    src = make_site(tmp_path / "src", {
        "_config.yml": "title: T\n",
        "a.md": "---\ntitle: A\ntags: [x]\n---\n\n## One\n\nSee [b](b.html#two).\n",
        "b.md": "---\ntitle: B\n---\n\n## Two\n\n```json\n{\"a\": 1}\n```\n",
    })
    warm, cold = tmp_path / "warm", tmp_path / "cold"
    assert run_cli(["build", "--source", src, "--out", warm]) == 0
    (src / "b.md").write_text((src / "b.md").read_text() + "\nMore.\n")
    assert run_cli(["build", "--source", src, "--out", warm]) == 0
    assert run_cli(["build", "--source", src, "--out", warm]) == 0
    assert run_cli(["build", "--no-cache", "--source", src, "--out", cold]) == 0
    files = sorted(p.relative_to(warm) for p in warm.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(cold) for p in cold.rglob("*") if p.is_file())
    assert all((warm / f).read_bytes() == (cold / f).read_bytes() for f in files)


@pytest.mark.parametrize("out", ["pages", "_data"])
def test_out_pointing_at_a_source_folder_is_refused(tmp_path, capsys, out):
    """--out naming a folder of sources is refused (exit 2) and nothing in it is touched."""
    src = small_site(tmp_path / "src", {"_data/x.yml": "a: 1\n", "pages/p.md": "---\ntitle: P\n---\n\nP.\n"})
    before = tree(src / out)
    assert run_cli(["build", "--source", src, "--out", src / out]) == 2
    assert tree(src / out) == before
    assert "specsite did not write it" in capsys.readouterr().err


def test_a_page_that_is_not_utf8_is_an_error_at_the_bad_byte(tmp_path, capsys):
    """A page with front matter but Latin-1 text is an encoding error at its line and column."""
    src = small_site(tmp_path / "src", {"b.md": b"---\ntitle: B\n---\n\ncaf\xe9\n"})
    site = build_site(src)
    assert [(d.path, d.line, d.column, d.rule) for d in site.all_diagnostics()] == [("b.md", 5, 4, "encoding")]


def test_a_permalink_that_is_not_text_is_an_error(tmp_path, capsys):
    """`permalink: [c.html]` is a front-matter error at its line, not a file named "['c.html']"."""
    src = small_site(tmp_path / "src", {"c.md": "---\ntitle: C\npermalink: [c.html]\n---\n\nC.\n"})
    site = build_site(src)
    assert [(d.path, d.line, d.rule) for d in site.all_diagnostics()] == [("c.md", 3, "front-matter")]


def test_an_unknown_severity_level_is_a_configuration_error(tmp_path, capsys):
    """`severity: {broken-link: fatal}` is rejected at its line (exit 2), with the levels to choose from."""
    src = small_site(tmp_path / "src", {"_config.yml": "title: T\nspecsite:\n  severity:\n    broken-link: fatal\n"})
    assert run_cli(["check", "--source", src]) == 2
    err = capsys.readouterr().err
    assert "_config.yml:4:" in err and "error, warning, info, off" in err
