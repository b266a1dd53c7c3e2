"""`specsite diff BASE [HEAD]`: what a change does to the built site (specsite.diff).

Every case starts from SITE, a small spec whose "Payload request body" heading on amend.html is
linked from another page (design.md), from a release entry and from the sidebar, and states
what it changes. Git cases put the site in a `site/` subfolder of a fresh repository.
"""
from __future__ import annotations

import json
import subprocess
import textwrap
from pathlib import Path

import pytest

from specsite.diff.compare import compare
from specsite.diff.text import page_text
from tests.conftest import build_site, make_site, run_cli

SITE = {name: textwrap.dedent(text).lstrip("\n") for name, text in {
    "_config.yml": """
        title: Test spec
        version: 1.2.3
        baseurl: ""
        defaults:
          - scope:
              path: ""
            values:
              layout: page
        specsite:
          spec_name: Test API
          capabilities: [Core]
    """,
    "_data/sidebars/overview_sidebar.yml": """
        entries:
        - title: Overview
          folders:
          - title: About
            folderitems:
            - title: Home
              url: /index.html
            - title: Amend
              url: /amend.html
            - title: Old notes
              url: /old.html
    """,
    "pages/index.md": """
        ---
        title: Home
        permalink: index.html
        ---

        Welcome. See [the design](design.html).
    """,
    "pages/amend.md": """
        ---
        title: Amend an appointment
        permalink: amend.html
        ---

        ## Use case

        Change an appointment.

        ## Payload request body

        The body is an Appointment.

        ## Errors

        None.
    """,
    "pages/design.md": """
        ---
        title: Design
        permalink: design.html
        ---

        ## Rules

        Send the [request body](amend.html#payload-request-body) as it was read.
    """,
    "pages/old.md": """
        ---
        title: Old notes
        permalink: old.html
        ---

        Notes that nobody reads any more.
    """,
    "releases/1.2.3/release.yml": "version: 1.2.3\nstatus: published\ndate: 2019-03-12\nintroduction: Fixes.\n",
    "releases/1.2.3/601-amend.md": (
        "---\ntitle: Amending keeps the body\ntickets: [601]\naffects: [Core]\npages_changed:\n"
        "  - link: amend.html#payload-request-body\n---\n\n- The body is kept.\n"),
}.items()}
DESIGN_LINK_LINE = 8  # pages/design.md, the line of "(amend.html#payload-request-body)"
ENTRY_LINK_LINE = 6  # releases/1.2.3/601-amend.md, the line of "- link: ..."


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def commit(repo: Path, message: str):
    git(repo, "add", "-A")
    git(repo, "-c", "user.email=a@b", "-c", "user.name=t", "-c", "commit.gpgsign=false", "commit", "-qam", message)


@pytest.fixture
def repo(tmp_path) -> Path:
    """A git repository whose first commit holds SITE in site/."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    make_site(root / "site", SITE)
    commit(root, "base")
    return root


def rename_heading(site: Path):
    amend = site / "pages" / "amend.md"
    amend.write_text(amend.read_text(encoding="utf-8").replace("## Payload request body", "## Request payload body"),
                     encoding="utf-8")


def diff_json(argv, tmp_path) -> tuple[int, dict]:
    out = tmp_path / "diff.json"
    code = run_cli(["diff", *argv, "--format", "json", "--output", out])
    return code, json.loads(out.read_text(encoding="utf-8"))


# -- anchors and broken links ---------------------------------------------------------------------


def test_heading_rename_reports_anchor_rename_and_broken_links(repo, tmp_path):
    """A renamed linked heading: anchor rename with its new id, page and entry links broken at file:line, exit 1."""
    rename_heading(repo / "site")
    code, data = diff_json(["HEAD", "--source", repo / "site"], tmp_path)
    assert code == 1
    [page] = data["anchors"]
    assert page["url"] == "amend.html" and page["removed"] == []
    [rename] = page["renamed"]
    assert (rename["old_id"], rename["id"]) == ("payload-request-body", "request-payload-body")
    assert rename["text"] == "Request payload body"
    broken = {(b["file"], b["line"]): b for b in data["broken_links"]}
    assert set(broken) == {("pages/design.md", DESIGN_LINK_LINE), ("releases/1.2.3/601-amend.md", ENTRY_LINK_LINE)}
    for link in broken.values():
        assert link["target"] == "amend.html#payload-request-body"
        assert link["rule"] == "broken-anchor"
        assert link["suggestion"] == "amend.html#request-payload-body"
    assert data["ok"] is False and data["head"]["label"] == "working tree"


def test_text_report_names_each_broken_link_at_file_and_line(repo, capsys):
    """The text report lists the anchor rename and each broken link as file:line: target, with the fix."""
    rename_heading(repo / "site")
    assert run_cli(["diff", "HEAD", "--source", repo / "site"]) == 1
    out = capsys.readouterr().out
    assert "#payload-request-body -> #request-payload-body" in out
    assert f"pages/design.md:{DESIGN_LINK_LINE}:" in out
    assert f"releases/1.2.3/601-amend.md:{ENTRY_LINK_LINE}: amend.html#payload-request-body" in out
    assert "use 'amend.html#request-payload-body'" in out
    assert "-## Payload request body" in out and "+## Request payload body" in out


def test_page_rename_breaks_sidebar_link_and_suggests_new_url(repo, tmp_path):
    """A new permalink is a rename (same source file); the sidebar link to the old url is broken, new url suggested."""
    old = repo / "site" / "pages" / "old.md"
    old.write_text(old.read_text(encoding="utf-8").replace("permalink: old.html", "permalink: notes.html"),
                   encoding="utf-8")
    code, data = diff_json(["HEAD", "--source", repo / "site"], tmp_path)
    assert code == 1
    [rename] = data["pages"]["renamed"]
    assert (rename["old_url"], rename["url"], rename["reason"]) == ("old.html", "notes.html", "permalink changed")
    assert data["pages"]["added"] == [] and data["pages"]["removed"] == []
    [link] = data["broken_links"]
    assert (link["file"], link["line"], link["target"]) == ("_data/sidebars/overview_sidebar.yml", 11, "/old.html")
    assert link["suggestion"] == "/notes.html"


def test_change_that_breaks_nothing_exits_0(repo, tmp_path):
    """Editing a paragraph exits 0 and shows the page's text diff, without HTML."""
    amend = repo / "site" / "pages" / "amend.md"
    amend.write_text(amend.read_text(encoding="utf-8").replace("Change an appointment.", "Change a booked slot."),
                     encoding="utf-8")
    code, data = diff_json(["HEAD", "--source", repo / "site"], tmp_path)
    assert code == 0 and data["ok"] is True
    assert data["broken_links"] == [] and data["anchors"] == [] and data["new_findings"] == []
    [change] = data["pages"]["changed"]
    assert change["url"] == "amend.html"
    assert "-Change an appointment." in change["diff"] and "+Change a booked slot." in change["diff"]
    assert not any("<" in line for line in change["diff"])


# -- pages ----------------------------------------------------------------------------------------


def test_pages_added_removed_retitled_and_renamed(tmp_path):
    """Two folders: a new page, a deleted page, a new title, a moved source file with the same text, a new permalink."""
    base = make_site(tmp_path / "base", SITE)
    changed = dict(SITE)
    changed["pages/amend.md"] = SITE["pages/amend.md"].replace("title: Amend an appointment", "title: Amending")
    changed["pages/index.md"] = SITE["pages/index.md"].replace("permalink: index.html", "permalink: home.html")
    del changed["pages/old.md"]
    changed["pages/archive/notes.md"] = SITE["pages/old.md"].replace("permalink: old.html", "permalink: notes.html")
    changed["pages/design.md"] = SITE["pages/design.md"] + "\nSee also the [glossary](glossary.html).\n"
    changed["pages/glossary.md"] = "---\ntitle: Glossary\npermalink: glossary.html\n---\n\nWords.\n"
    head = make_site(tmp_path / "head", changed)
    code, data = diff_json([base, head], tmp_path)
    pages = data["pages"]
    assert [(p["url"], p["title"]) for p in pages["added"]] == [("glossary.html", "Glossary")]
    assert pages["removed"] == []
    renames = {r["old_url"]: (r["url"], r["reason"]) for r in pages["renamed"]}
    assert renames == {"index.html": ("home.html", "permalink changed"), "old.html": ("notes.html", "same content")}
    assert [(r["url"], r["old_title"], r["title"]) for r in pages["retitled"]] == \
        [("amend.html", "Amend an appointment", "Amending")]
    # the sidebar still links to /index.html and /old.html: both broken by the renames
    assert {b["target"] for b in data["broken_links"]} == {"/index.html", "/old.html"}
    assert code == 1


def test_a_deleted_page_is_removed(tmp_path):
    """Deleting a page with nothing unlike it left reports it removed, and the sidebar link to it broken."""
    base = make_site(tmp_path / "base", SITE)
    head = make_site(tmp_path / "head", {k: v for k, v in SITE.items() if k != "pages/old.md"})
    code, data = diff_json([base, head], tmp_path)
    assert [(p["url"], p["file"]) for p in data["pages"]["removed"]] == [("old.html", "pages/old.md")]
    assert [(b["target"], b["suggestion"]) for b in data["broken_links"]] == [("/old.html", None)]
    assert code == 1


def test_two_folders_outside_any_repository(tmp_path, capsys):
    """Two folders need no git; identical sites exit 0 with nothing to report."""
    base = make_site(tmp_path / "a", SITE)
    head = make_site(tmp_path / "b", SITE)
    assert run_cli(["diff", base, head, "--source", tmp_path / "nowhere"]) == 0
    out = capsys.readouterr().out
    assert "OK: 0 broken links" in out and "no page changes" in out


def test_both_sides_are_built_at_one_site_time(tmp_path, capsys):
    """A page that prints site.time (a feed's build date, a footer's "generated at") is not a
    change: both sides are built with one site.time, as one Jekyll build would have it."""
    files = dict(SITE, **{"pages/stamp.md": "---\ntitle: Stamp\npermalink: stamp.html\n---\n"
                                          "Built {{ site.time | date: '%H:%M:%S.%L' }}.\n"})
    base = make_site(tmp_path / "a", files)
    head = make_site(tmp_path / "b", files)
    assert run_cli(["diff", base, head, "--source", tmp_path / "nowhere"]) == 0
    assert "no page changes" in capsys.readouterr().out


# -- revisions ------------------------------------------------------------------------------------


def test_head_defaults_to_the_working_tree(repo, tmp_path):
    """Without HEAD the uncommitted working tree is compared; `diff HEAD HEAD` sees no change."""
    make_site(repo / "site", {"pages/new.md": "---\ntitle: New\npermalink: new.html\n---\n\nNew page.\n"})
    code, data = diff_json(["HEAD", "--source", repo / "site"], tmp_path)
    assert code == 0
    assert [p["url"] for p in data["pages"]["added"]] == ["new.html"]
    code, data = diff_json(["HEAD", "HEAD", "--source", repo / "site"], tmp_path)
    assert code == 0 and data["pages"]["added"] == [] and data["summary"]["pages_changed"] == 0


def test_two_revisions_of_a_subfolder(repo, tmp_path):
    """`diff HEAD~1 HEAD` exports both commits of the site subfolder; the working tree is not read."""
    rename_heading(repo / "site")
    commit(repo, "rename heading")
    (repo / "site" / "pages" / "design.md").unlink()  # uncommitted: must not matter
    code, data = diff_json(["HEAD~1", "HEAD", "--source", repo / "site"], tmp_path)
    assert code == 1
    assert {(b["file"], b["line"]) for b in data["broken_links"]} == \
        {("pages/design.md", DESIGN_LINK_LINE), ("releases/1.2.3/601-amend.md", ENTRY_LINK_LINE)}
    assert data["base"]["label"].startswith("HEAD~1")


def test_unknown_revision_is_a_usage_error(repo, capsys):
    """A BASE that is neither a folder nor a commit exits 2 and names it."""
    assert run_cli(["diff", "no-such-branch", "--source", repo / "site"]) == 2
    assert "unknown revision 'no-such-branch'" in capsys.readouterr().err


def test_revision_outside_a_git_repository_is_a_usage_error(tmp_path, capsys):
    """A revision with a --source that is not in a git repository exits 2 with a clear message."""
    site = make_site(tmp_path / "plain", SITE)
    assert run_cli(["diff", "main", "--source", site]) == 2
    assert "not in a git repository" in capsys.readouterr().err


# -- findings -------------------------------------------------------------------------------------


def test_new_and_fixed_findings(tmp_path):
    """A link that was already broken and is fixed is 'fixed'; a new link to nothing is a new error (exit 1)."""
    base_files = dict(SITE)
    base_files["pages/index.md"] = SITE["pages/index.md"] + "\nOld [link](missing.html).\n"
    base = make_site(tmp_path / "base", base_files)
    head_files = dict(SITE)
    head_files["pages/index.md"] = "\n\n" + SITE["pages/index.md"].strip() + "\n\nNew [link](nowhere.html).\n"
    head = make_site(tmp_path / "head", head_files)
    diff = compare(build_site(base), build_site(head))
    assert [(f["rule"], f["target"]) for f in diff.fixed_findings] == [("broken-link", "missing.html")]
    assert [(f["rule"], f["target"]) for f in diff.new_findings] == [("broken-link", "nowhere.html")]
    assert diff.broken_links == []  # nowhere.html did not resolve in BASE either
    assert diff.exit_code == 1


def test_moved_lines_are_not_new_findings(tmp_path):
    """A finding that only moved to another line is neither new nor fixed."""
    base_files = dict(SITE, **{"pages/index.md": SITE["pages/index.md"] + "\nOld [link](missing.html).\n"})
    head_files = dict(SITE, **{"pages/index.md": SITE["pages/index.md"] + "\nMore.\n\nOld [link](missing.html).\n"})
    diff = compare(build_site(make_site(tmp_path / "b", base_files)), build_site(make_site(tmp_path / "h", head_files)))
    assert diff.new_findings == [] and diff.fixed_findings == [] and diff.exit_code == 0


# -- formats --------------------------------------------------------------------------------------


def test_markdown_report_has_broken_links_table_and_collapsible_diffs(repo, tmp_path):
    """--format markdown: a 'Links broken' section with file:line and fix; page diffs in <details> ```diff blocks."""
    rename_heading(repo / "site")
    out = tmp_path / "comment.md"
    assert run_cli(["diff", "HEAD", "--source", repo / "site", "--format", "markdown", "--output", out]) == 1
    text = out.read_text(encoding="utf-8")
    assert "### Links broken by this change" in text
    assert f"`pages/design.md:{DESIGN_LINK_LINE}:" in text
    assert "`amend.html#request-payload-body`" in text
    assert "<details>" in text and "```diff" in text and "</details>" in text
    assert "### Anchors" in text


def test_json_report_has_stable_keys(repo, tmp_path):
    """--format json: the documented top-level, summary and page keys."""
    rename_heading(repo / "site")
    _, data = diff_json(["HEAD", "--source", repo / "site"], tmp_path)
    assert list(data) == ["version", "base", "head", "ok", "summary", "pages", "anchors", "broken_links",
                          "new_findings", "fixed_findings"]
    assert list(data["pages"]) == ["added", "removed", "renamed", "retitled", "changed"]
    assert set(data["summary"]) == {"pages_added", "pages_removed", "pages_renamed", "pages_retitled",
                                    "pages_changed", "anchors_renamed", "anchors_removed", "anchors_added",
                                    "broken_links",
                                    "new_findings", "new_errors", "fixed_findings"}
    assert set(data["broken_links"][0]) == {"file", "line", "column", "target", "page", "rule", "message",
                                            "suggestion"}
    assert set(data["pages"]["changed"][0]) == {"url", "file", "old_url", "lines_added", "lines_removed", "diff",
                                                "omitted"}


def test_long_page_diffs_are_cut(tmp_path):
    """--max-diff-lines limits each page's diff and counts what was left out."""
    base = make_site(tmp_path / "base", SITE)
    body = "\n\n".join(f"Paragraph {i}." for i in range(40))
    head = make_site(tmp_path / "head", dict(SITE, **{"pages/old.md": SITE["pages/old.md"] + "\n" + body + "\n"}))
    code, data = diff_json([base, head, "--max-diff-lines", "10"], tmp_path)
    [change] = data["pages"]["changed"]
    assert len(change["diff"]) == 12 and change["omitted"] > 0 and change["lines_added"] == 40
    assert code == 0


def test_a_long_changed_line_is_cut_to_where_it_changes():
    """A one-line page (a theme's search.json) that gains an entry shows the entry, with '…' for
    the text both sides share, not the whole line twice."""
    from specsite.diff.text import WIDE, text_diff
    entries = [f'{{"title": "Page {i}", "url": "page{i}.html"}}' for i in range(200)]
    old = "[" + ", ".join(entries) + "]"
    new = "[" + ", ".join(entries[:150] + ['{"title": "Added", "url": "added.html"}'] + entries[150:]) + "]"
    lines, omitted, added, removed = text_diff([old], [new], "search.json", "search.json", 50)
    minus, plus = lines[-2:]
    assert (added, removed, omitted) == (1, 1, 0)
    assert minus.startswith("-…") and plus.startswith("+…") and len(plus) <= WIDE + 3
    assert '"Added"' in plus and '"Added"' not in minus and "Page 151" in minus


def test_page_text_is_one_block_per_line():
    """Body HTML becomes readable lines: headings, list items, table rows and code lines, no tags."""
    html = ('<h2 id="a">Use <code>case</code></h2>\n<p>One\ntwo &amp; three.</p>\n<ul>\n<li><p>item</p></li>\n</ul>\n'
            '<table><tr>\n<th>H</th>\n<th>V</th>\n</tr></table>\n<pre><code><span>x = 1</span>\n  y\n</code></pre>')
    assert page_text(html) == ["## Use case", "One two & three.", "- item", "H | V", "    x = 1", "      y"]


def test_anchors_added_to_a_page_are_listed_apart_from_renames_and_moves(tmp_path, capsys):
    """A reviewer sees the ids a change adds: a new heading on amend.html is 'added'; the renamed
    heading's new id is a rename, not an addition; an id moved from old.html says where from. Text,
    markdown and JSON say so, and the summary line counts anchors."""
    base = make_site(tmp_path / "base", dict(SITE, **{"pages/old.md": SITE["pages/old.md"] + "\n## History\n\nOld.\n"}))
    amend = SITE["pages/amend.md"].replace("## Payload request body", "## Request payload body") \
        + "\n## Retries\n\nTwice.\n\n## History\n\nMoved here.\n"
    head = make_site(tmp_path / "head", dict(SITE, **{"pages/amend.md": amend}))
    diff = compare(build_site(base), build_site(head))
    by_url = {page.url: page for page in diff.anchors}
    assert [(a.old_id, a.id) for a in by_url["amend.html"].renamed] == [("payload-request-body",
                                                                         "request-payload-body")]
    assert [(a.id, a.text, a.moved_from) for a in by_url["amend.html"].added] == \
        [("retries", "Retries", None), ("history", "History", "old.html#history")]
    assert [(a.id, a.moved_to) for a in by_url["old.html"].removed] == [("history", "amend.html#history")]
    assert diff.summary()["anchors_added"] == 2
    assert run_cli(["diff", base, head]) == 1
    out = capsys.readouterr().out
    assert "    #retries added ('Retries', line 18)" in out and ", moved from old.html#history" in out
    assert out.rstrip().endswith("; anchors: 2 added, 1 removed, 1 renamed")
    md = tmp_path / "comment.md"
    run_cli(["diff", base, head, "--format", "markdown", "--output", md])
    text = md.read_text(encoding="utf-8")
    assert "| `amend.html` | `#retries` | added |" in text and "| Anchors added | 2 |" in text


def test_reworded_headings_are_paired_by_position(tmp_path):
    """Two neighbouring headings reworded beyond recognition are still paired, in order, by their place."""
    base = make_site(tmp_path / "base", SITE)
    amend = SITE["pages/amend.md"].replace("## Payload request body", "## Body").replace("## Errors", "## Problems")
    head = make_site(tmp_path / "head", dict(SITE, **{"pages/amend.md": amend}))
    diff = compare(build_site(base), build_site(head))
    [page] = diff.anchors
    assert [(a.old_id, a.id) for a in page.renamed] == [("payload-request-body", "body"), ("errors", "problems")]
    assert page.removed == []
    assert {b.suggestion for b in diff.broken_links} == {"amend.html#body"}


def test_a_jekyll_sites_nav_link_broken_by_a_deleted_page_is_reported_once_at_the_data_line(tmp_path):
    """In a site rendered through its own layouts, the topnav (data) link that a deletion breaks is
    reported at its data-file line, once, though every page carries it."""
    import shutil
    fixture = Path(__file__).parent / "fixtures" / "jekyll-layouts"
    ignore = shutil.ignore_patterns("_expected", ".specsite-cache", ".jekyll-cache")
    base, head = tmp_path / "base", tmp_path / "head"
    shutil.copytree(fixture, base, ignore=ignore)
    shutil.copytree(fixture, head, ignore=ignore)
    for side in (base, head):
        topnav = side / "_data" / "topnav.yml"
        topnav.write_text(topnav.read_text(encoding="utf-8") + "- title: Loop\n  url: /pages/loop.html\n",
                          encoding="utf-8")
    (head / "pages" / "loop.md").unlink()
    code, data = diff_json([base, head], tmp_path)
    broken = [b for b in data["broken_links"] if "loop" in b["target"]]
    assert code == 1
    assert [(b["file"], b["line"], b["target"]) for b in broken] == [("_data/topnav.yml", 6, "/spec/pages/loop.html")]


# -- built folders ----------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["specsite", "jekyll"])
def test_a_built_folder_is_refused_with_what_to_pass(tmp_path, capsys, which):
    """`diff OUT` given a built site — specsite's `build/` (its manifest) or a Jekyll `_site` (HTML
    without sources) — exits 2 naming it and saying what to pass, instead of diffing copied files."""
    source = make_site(tmp_path / "src", SITE)
    if which == "specsite":
        out = tmp_path / "build"
        assert run_cli(["build", "--source", source, "--out", out]) == 0
    else:
        out = make_site(tmp_path / "_site", {"index.html": "<p>Home</p>\n", "amend.html": "<h2 id=x>X</h2>\n",
                                             "assets/site.css": "p {}\n"})
    capsys.readouterr()
    assert run_cli(["diff", out, source, "--source", source]) == 2
    err = capsys.readouterr().err
    assert f"'{out}' is a built site, not a source" in err and "pass the source folders" in err
    assert f"check --html {out}" in err
    assert run_cli(["diff", source, "--source", out]) == 2  # the working tree, too
    assert f"--source {out} is a built site" in capsys.readouterr().err


def test_a_source_without_config_is_still_a_source(tmp_path):
    """A folder of markdown pages without _config.yml (the sample's shape) is no built site."""
    from specsite.diff.revisions import built_site
    site = make_site(tmp_path / "s", {"index.md": "# Home\n", "page.html": "---\ntitle: P\n---\n<p>x</p>\n"})
    assert built_site(site) is None
    assert built_site(make_site(tmp_path / "h", {"page.html": "---\n---\n<p>x</p>\n"})) is None
