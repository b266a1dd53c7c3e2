"""Walking the source as Jekyll does (specsite.discover): output paths, defaults, exclusions, data."""
from __future__ import annotations

import shutil

import pytest

from conftest import diagnostics_of, jekyll_build, output_of, page_of
from specsite.outputs import Copy
from urlkit import written_at

DATE: dict = {}
PRETTY = {"permalink": "pretty"}


# -- output paths: Jekyll's permalink rules, as discover applies them --------------------------


@pytest.mark.parametrize("rel, permalink, expected", [
    ("pages/a/b.md", "name.html", "name.html"),
    ("pages/a/b.md", "/name.html", "name.html"),
    ("pages/a/b.md", "/guide/", "guide/index.html"),
    ("pages/a/b.md", "/", "index.html"),
    ("pages/a/b.md", "/docs/:basename.html", "docs/b.html"),
    ("pages/a/b.md", "/:path/:basename:output_ext", "pages/a/b.html"),
    ("pages/a/b.md", "/x/:basename", "x/b.html"),
    ("pages/a/b.md", "noext", "noext.html"),
    ("pages/a/b.md", "/a//b.html", "a/b.html"),
])
def test_permalink_front_matter_sets_the_output_path(tmp_path, rel, permalink, expected):
    """A page's `permalink:` decides its output file, with Jekyll's placeholders and index rules."""
    assert written_at(tmp_path, rel, {"permalink": permalink}, DATE) == expected


@pytest.mark.parametrize("rel, expected", [
    ("pages/a/b.md", "pages/a/b.html"),
    ("pages/a/b.markdown", "pages/a/b.html"),
    ("pages/a/b.html", "pages/a/b.html"),
    ("top.md", "top.html"),
    ("pages/a/index.md", "pages/a/index.html"),
    ("index.md", "index.html"),
    ("feed.xml", "feed.xml"),
])
def test_without_a_permalink_the_output_path_follows_the_source_path(tmp_path, rel, expected):
    """Without `permalink:` the output mirrors the source path, markdown becoming .html."""
    assert written_at(tmp_path, rel, {}, DATE) == expected


@pytest.mark.parametrize("rel, expected", [
    ("pages/a/b.md", "pages/a/b/index.html"),
    ("pages/a/index.md", "pages/a/index.html"),
    ("index.md", "index.html"),
    ("feed.xml", "feed.xml"),
])
def test_global_pretty_permalinks_give_folder_index_pages(tmp_path, rel, expected):
    """`permalink: pretty` in _config.yml writes each HTML page as folder/index.html."""
    assert written_at(tmp_path, rel, {}, PRETTY) == expected


def test_a_page_permalink_wins_over_the_global_style(tmp_path):
    """A page's own permalink is used as written even with `permalink: pretty`."""
    assert written_at(tmp_path, "pages/a/b.md", {"permalink": "flat.html"}, PRETTY) == "flat.html"


@pytest.mark.parametrize("permalink, expected", [
    ("../x.html", "x.html"), ("/a/../../x.html", "a/x.html"), ("../../etc/passwd", "etc/passwd.html"),
    ("/..", "index.html"), (".", ".html")])
def test_a_permalink_climbing_out_is_written_where_jekyll_writes_it(tmp_path, permalink, expected):
    """URL#sanitize_url drops each '..' (and in_dest_dir a last '.'): Jekyll 4.3.1 writes these
    pages inside the site, at these paths (checked with `jekyll build`)."""
    assert written_at(tmp_path, "pages/a/b.md", {"permalink": permalink}, DATE) == expected


def test_permalinks_apply_in_a_real_build(site_factory):
    """Pages are written where their permalinks say, others where their paths say."""
    site = site_factory({
        "_config.yml": "title: T\n",
        "pages/overview/index.md": "---\ntitle: Home\npermalink: index.html\n---\n",
        "pages/overview/guide.md": "---\ntitle: Guide\npermalink: /guide/\n---\n",
        "pages/other/plain.md": "---\ntitle: Plain\n---\n",
    })
    assert diagnostics_of(site) == []
    assert sorted(p.source.url for p in site.pages) == ["guide/index.html", "index.html", "pages/other/plain.html"]
    assert page_of(site, "guide/index.html").source.page_url == "/guide/"


# -- _config.yml defaults -----------------------------------------------------------------------

DEFAULTS = """\
title: T
defaults:
  - scope: {path: ""}
    values: {layout: page, x: all, sidebar: main_sidebar}
  - scope: {path: "pages/api"}
    values: {x: api, y: api}
  - scope: {path: "pages/api", type: pages}
    values: {x: api-pages}
  - scope: {path: "pages", type: posts}
    values: {x: posts-only}
"""


def defaults_site(site_factory):
    return site_factory({
        "_config.yml": DEFAULTS,
        "pages/api/a.md": "---\ntitle: A\n---\n{{ page.x }}/{{ page.y }}/{{ page.sidebar }}\n",
        "pages/api/own.md": "---\ntitle: Own\nx: mine\n---\n{{ page.x }}/{{ page.y }}\n",
        "pages/other.md": "---\ntitle: O\n---\n{{ page.x }}/{{ page.y }}\n",
        "pages/api-v2/z.md": "---\ntitle: Z\n---\n{{ page.x }}\n",
    })


def test_defaults_apply_by_scope_path_and_later_entries_win(site_factory):
    """Every matching `defaults` entry applies in order, so a later, narrower entry wins."""
    site = defaults_site(site_factory)
    assert page_of(site, "pages/api/a.html").html == "<p>api-pages/api/main_sidebar</p>\n"
    assert page_of(site, "pages/other.html").html == "<p>all/</p>\n"


def test_scope_path_is_a_plain_string_prefix(site_factory):
    """`path: pages/api` applies to pages/api-v2/ too: Jekyll 4.3 tests the relative path with
    start_with? (checked with jekyll build of this site: z.html is <p>api-pages</p>)."""
    assert page_of(defaults_site(site_factory), "pages/api-v2/z.html").html == "<p>api-pages</p>\n"


def test_scope_type_limits_an_entry_to_that_kind_of_document(site_factory):
    """An entry with `type: posts` does not apply to pages."""
    site = defaults_site(site_factory)
    assert all(p.source.meta.get("x") != "posts-only" for p in site.pages)


def test_front_matter_wins_over_defaults(site_factory):
    """A value in the page's own front matter beats every default."""
    assert page_of(defaults_site(site_factory), "pages/api/own.html").html == "<p>mine/api</p>\n"


def test_config_defaults_match_the_front_matter_defaults_method(tmp_path):
    """SiteConfig.front_matter_defaults merges matching entries in file order; an entry with a
    shorter path does not outrank one with a longer path even with a type (Jekyll 4.3.1 gives a
    post under pages/api x: api here, FrontmatterDefaults#has_precedence?)."""
    from specsite.config import load_config
    (tmp_path / "_config.yml").write_text(DEFAULTS, encoding="utf-8")
    config = load_config(tmp_path, tmp_path / "build")
    assert config.front_matter_defaults("pages/api/a.md") == {
        "layout": "page", "x": "api-pages", "y": "api", "sidebar": "main_sidebar"}
    assert config.front_matter_defaults("pages/api/a.md", "posts")["x"] == "api"
    assert config.front_matter_defaults("pages/other.md", "posts")["x"] == "posts-only"
    assert config.front_matter_defaults("index.md") == {"layout": "page", "x": "all", "sidebar": "main_sidebar"}


# -- what is a page, what is copied, what is left out -------------------------------------------

TREE = {
    "_config.yml": "title: T\nexclude: [drafts, \"*.tmp\", notes/secret.md]\n",
    "index.md": "---\ntitle: Home\n---\nhi\n",
    "drafts/d.md": "---\ntitle: D\n---\n",
    "junk.tmp": "junk",
    "notes/secret.md": "---\ntitle: S\n---\n",
    "notes/public.md": "---\ntitle: P\n---\n",
    "_hidden/h.md": "---\ntitle: H\n---\n",
    "pages/_partial/p.md": "---\ntitle: Partial\n---\n",
    ".dot/x.md": "---\ntitle: X\n---\n",
    ".dotfile": "x",
    "images/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
    "plain.md": "No front matter here, so a static file\n",
    "data/table.csv": "a,b\n1,2\n",
    "templates/includes/x.html": "include",
    "releases/1.0.yml": "version: 1.0\n",
}


def tree_site(site_factory):
    return site_factory(TREE)


def test_only_files_with_front_matter_are_pages(site_factory):
    """Files starting with `---` front matter are rendered; excluded and hidden ones are not."""
    site = tree_site(site_factory)
    assert sorted(p.rel for p in site.sources.pages) == ["index.md", "notes/public.md"]


def test_files_without_front_matter_are_copied_as_static_files(site_factory):
    """A file without front matter (even a .md) is copied unchanged under its own path."""
    site = tree_site(site_factory)
    # (releases/1.0.yml and templates/includes/x.html too: a Jekyll site's own releases/ and templates/
    # — no specsite key, release.yml, templates/layouts or partials — are its content, which Jekyll copies)
    assert sorted(s.rel for s in site.sources.statics) == ["data/table.csv", "images/logo.svg", "plain.md",
                                                           "releases/1.0.yml", "templates/includes/x.html"]
    assert site.outputs["plain.md"] == Copy(site.config.source / "plain.md")


def test_the_exclude_list_leaves_out_folders_globs_and_files(site_factory):
    """`exclude:` names a folder, a glob and a single file; none of them is built or copied."""
    outputs = set(tree_site(site_factory).outputs)
    assert not {"drafts/d.html", "junk.tmp", "notes/secret.html"} & outputs
    assert "notes/public.html" in outputs


def test_underscore_and_dot_folders_and_files_are_skipped(site_factory):
    """`_x/`, `.x/` folders (at any depth) and dot files are neither pages nor static files."""
    outputs = set(tree_site(site_factory).outputs)
    assert not any(part.startswith(("_", ".")) for url in outputs for part in url.split("/"))


def test_templates_and_releases_are_inputs_not_site_files(site_factory):
    """specsite's templates/ and release notes (releases/<version>/release.yml) are never copied into the site."""
    files = dict(TREE, **{"releases/1.0.0/release.yml": "version: 1.0.0\nstatus: draft\nintroduction: Next.\n"})
    outputs = set(site_factory(files).outputs)
    assert not any(url.startswith(("templates/", "releases/")) for url in outputs)


def test_a_releases_folder_holding_posts_is_jekyll_content(site_factory):
    """Jekyll reads `_posts` in any folder, the folder path its categories: releases/v2/_posts is a
    site's release notes (Jekyll 4.3.1 writes releases/v2/release%20notes/2022/03/03/v2-notes.html
    for `category: Release Notes`), not specsite's release entries."""
    site = site_factory({"releases/v2/_posts/2022-03-03-v2-notes.md": "---\ncategory: Release Notes\n---\nB\n",
                         "index.html": "---\n---\n{% for p in site.posts %}{{ p.categories | join: '|' }}{% endfor %}\n"})
    assert "releases/v2/release notes/2022/03/03/v2-notes.html" in site.outputs
    assert "releases|v2|Release Notes" in output_of(site, "index.html")


def test_the_output_folder_inside_the_source_is_not_read_back(site_factory):
    """An earlier build/ inside the source folder is not treated as source files."""
    files = dict(TREE)
    files["build/old.md"] = "---\ntitle: Old output\n---\n"
    files["build/copied.txt"] = "old"
    site = site_factory(files)
    assert not any(url.startswith("build/") for url in site.outputs)


# -- _data ---------------------------------------------------------------------------------------


def test_data_files_become_site_data(site_factory):
    """`_data` YAML, JSON and CSV files (nested folders too) are site.data.<path> in Liquid."""
    site = site_factory({
        "_config.yml": "title: T\n",
        "_data/j.json": '{"k": [1, 2]}',
        "_data/c.csv": "name,size\nfoo,1\nbar,2\n",
        "_data/nested/deep.yml": "v: deep\n",
        "_data/y.yaml": "greeting: hello\n",
        "data.md": "---\ntitle: Data\n---\n"
                   "{{ site.data.j.k[1] }} {{ site.data.c[1].name }}={{ site.data.c[1].size }} "
                   "{{ site.data.nested.deep.v }} {{ site.data.y.greeting }} {{ site.data.c.size }}\n",
    })
    assert diagnostics_of(site) == []
    assert page_of(site, "data.html").html == "<p>2 bar=2 deep hello 2</p>\n"
    assert site.sources.data["c"] == [{"name": "foo", "size": "1"}, {"name": "bar", "size": "2"}]


def test_a_broken_data_file_is_an_error_at_its_line(site_factory):
    """Invalid YAML in _data is error[data-file] at the file and line of the problem."""
    site = site_factory({"_config.yml": "title: T\n", "_data/bad.yml": "a: 1\nb: c: d\n",
                         "index.md": "---\ntitle: I\n---\n"})
    [diag] = diagnostics_of(site)
    assert (diag.path, diag.line, diag.rule, diag.severity) == ("_data/bad.yml", 2, "data-file", "error")


def test_data_files_are_not_copied_to_the_site(site_factory):
    """Files under _data are read as data only."""
    site = site_factory({"_config.yml": "title: T\n", "_data/x.yml": "a: 1\n"})
    assert not any("x.yml" in url for url in site.outputs)


def test_a_file_starting_with_a_utf8_bom_is_a_static_file_with_a_warning(site_factory):
    """Jekyll's Utils.has_yaml_header? reads the first line as bytes, so a byte order mark before
    the `---` makes the file static (Jekyll 4.3.1 copies bom.md as it is); specsite warns."""
    site = site_factory({"_config.yml": "title: T\n",
                         "bom.md": "\ufeff---\ntitle: With BOM\n---\n## Hello\n"})
    assert [p.rel for p in site.sources.pages] == []
    assert "bom.md" in site.outputs and "bom.html" not in site.outputs
    assert [(d.path, d.line, d.rule) for d in diagnostics_of(site)] == [("bom.md", 1, "byte-order-mark")]


def test_crlf_line_endings_keep_front_matter_and_body_lines(site_factory):
    """A page with Windows line endings is a page, and its diagnostics have the right lines."""
    site = site_factory({"_config.yml": "title: T\n",
                         "crlf.md": b"---\r\ntitle: C\r\nx: 1\r\n---\r\nText\r\n\r\n{% include nope1.html %}\r\n"})
    assert [(d.path, d.line, d.rule) for d in diagnostics_of(site)] == [("crlf.md", 7, "missing-include")]


def test_a_config_with_a_byte_order_mark_is_read_as_jekyll_reads_it_and_warned(site_factory):
    """Configuration#safe_load_file keeps the mark, which libyaml counts as a column: only the
    settings before the first line in column 0 are read (Jekyll 4.3.1: `title` here, the layout
    default left out); the warning names what is left out."""
    site = site_factory({"_config.yml": "\ufefftitle: T\nfoo: bar\ndefaults:\n  - scope: {path: ''}\n"
                                        "    values: {layout: default}\n",
                         "a.md": "---\ntitle: A\n---\ntext\n"})
    assert site.config.site.get("title") == "T" and "foo" not in site.config.site
    found = [(d.path, d.line, d.rule) for d in diagnostics_of(site)]
    assert found == [("_config.yml", 1, "byte-order-mark")]
    assert "'foo', 'defaults'" in diagnostics_of(site)[0].message


CSV_REFUSED = {  # file: (text, Ruby's CSV::MalformedCSVError message)
    "codes.tsv": ('code\tdesc\n200\tOK\n500\tServer "error"\n', "Illegal quoting in line 3."),
    "after.csv": ('a,b\n"x"z,1\n', "Any value after quoted field isn't allowed in line 2."),
    "open.csv": ('a,b\n1,"open\n2,3\n', "Unclosed quoted field in line 2."),
}


@pytest.mark.parametrize("name", sorted(CSV_REFUSED))
def test_a_data_csv_that_rubys_csv_refuses_is_an_error_at_its_line(tmp_path, name):
    """Python's csv reads a quote inside an unquoted field (and an unclosed one) as text; Ruby's
    CSV raises MalformedCSVError and Jekyll's build stops: a data-file error with Ruby's message."""
    from conftest import build_site, diagnostics_of, make_site
    text, message = CSV_REFUSED[name]
    site = build_site(make_site(tmp_path, {"_config.yml": "title: t\n", f"_data/{name}": text,
                                           "_data/fine.csv": 'a,b\n"q""r",2\n"x, y",3\n'}))
    found = [(d.path, d.line) for d in diagnostics_of(site, "data-file")]
    assert found == [(f"_data/{name}", int(message.rstrip(".").split()[-1]))]
    assert message.rstrip(".") in diagnostics_of(site, "data-file")[0].message


@pytest.mark.skipif(shutil.which("jekyll") is None, reason="jekyll is not installed")
@pytest.mark.parametrize("name", sorted(CSV_REFUSED))
def test_real_jekyll_refuses_the_same_csv(tmp_path, name):
    from conftest import make_site
    text, message = CSV_REFUSED[name]
    src = make_site(tmp_path / "src", {"_config.yml": "title: t\n", f"_data/{name}": text})
    done = jekyll_build(src, tmp_path / "out", check=False)
    assert done.returncode != 0 and message in done.stdout + done.stderr


def test_a_dangling_symlink_stops_the_build_naming_its_target(tmp_path):
    """Jekyll 4.3.1 stops on a symbolic link to nothing (ENOENT when it copies it); specsite
    stops too, and says it is a link to a missing file, not a permissions problem."""
    from conftest import build_site, make_site
    site = make_site(tmp_path / "s", {"_config.yml": "title: x\n", "index.md": "---\n---\nhi\n"})
    (site / "dead.txt").symlink_to("nowhere.txt")
    assert jekyll_build(site, tmp_path / "jekyll", check=False).returncode != 0
    [diag] = diagnostics_of(build_site(site), "unreadable-file")
    assert (diag.path, diag.severity) == ("dead.txt", "error")
    assert "symbolic link to 'nowhere.txt', which does not exist" in diag.message
    assert diag.hint == "Correct the link's target, or remove the link."


@pytest.mark.parametrize("own_layouts, warned", [(True, []), (False, ["a.md"])])
def test_a_sidebar_mapping_is_the_sites_own_data_when_it_has_layouts(site_factory, own_layouts, warned):
    """Minimal Mistakes' `sidebar: {nav: docs}` is read by the site's own layouts (Jekyll builds
    it as data): no warning then; in specsite's theme `sidebar:` names a sidebar, so a mapping
    names none."""
    files = {"_config.yml": "title: t\n", "a.md": "---\ntitle: A\nsidebar:\n  nav: docs\n---\ntext\n"}
    if own_layouts:
        files["_layouts/default.html"] = "{{ page.sidebar.nav }} {{ content }}"
        files["a.md"] = "---\nlayout: default\ntitle: A\nsidebar:\n  nav: docs\n---\ntext\n"
    else:
        files["_config.yml"] += "specsite: {}\n"  # (specsite's own site: in its theme)
    site = site_factory(files)
    found = [d.path for d in diagnostics_of(site, "front-matter") if "sidebar" in d.message]
    assert found == warned


def test_a_title_made_a_mapping_by_a_comment_names_the_indented_lines(site_factory):
    """An Aviator fork's `title: # Getting Started` then an over-indented `position: 1.02`: the
    comment leaves 'title:' empty and the indented line becomes its value (Jekyll 4.3.1 builds it
    with page.title the mapping {"position"=>1.02}); the warning says so."""
    site = site_factory({"_config.yml": "title: t\n",
                         "a.md": "---\ntitle: # Getting Started\n   position: 1.02\n---\ntext\n"})
    [diag] = [d for d in diagnostics_of(site, "front-matter") if "'title'" in d.message]
    assert (diag.path, diag.severity) == ("a.md", "warning")
    assert "not a mapping (position: the more indented lines under 'title:' became its value)" in diag.message
    assert "indent the next key like it" in diag.hint
