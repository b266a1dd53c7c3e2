"""`serve`: what the preview answers, and how it follows edits (specsite/serve.py).

The server runs on 127.0.0.1, port 0, in a thread of the test; rebuilds are driven by calling
`Preview.rebuild()` (what the file watcher calls), so no test waits on the file system's events."""
from __future__ import annotations

import io
import socket
import threading

import pytest

from conftest import make_site, run_cli
from specsite.cli import make_parser
from specsite import serve as serve_module
from specsite.errors import ExitCode
from specsite.serve import Preview, Watcher, make_server, serve
from specsite.servepages import EVENTS_PATH

PAGE = "---\ntitle: Home\n---\n# Home\n\nWelcome to the {{ site.title }} site.\n"
FILES = {
    "_config.yml": "title: Serve\nspecsite: {}\n",
    "index.md": PAGE,
    "about.md": "---\ntitle: About\n---\n# About\n\nSee [home](index.html).\n",
    "assets/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'></svg>\n",
    ".env": "SECRET=1\n",
    "_data/people.yml": "- ann\n",
}


@pytest.fixture
def site(tmp_path):
    return make_site(tmp_path / "site", FILES)


@pytest.fixture
def preview(site):
    preview = Preview(site, log=io.StringIO())
    preview.rebuild()
    return preview


@pytest.fixture
def server(preview):
    srv = make_server(preview, "127.0.0.1", 0)
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.stopping = True
    with preview.changed:
        preview.changed.notify_all()  # the reload streams see `stopping` and end
    srv.server_close()
    thread.join(timeout=5)


def _get(srv, target: str, method: str = "GET") -> tuple[int, dict, bytes]:
    """(status, headers, body) of one request, sent as typed: no client normalises the path."""
    with socket.create_connection(srv.server_address[:2], timeout=10) as sock:
        sock.sendall(f"{method} {target} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), headers, body


def test_serve_binds_to_this_machine_only_by_default(preview):
    args = make_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1"
    srv = make_server(preview, args.host, 0)
    try:
        assert srv.server_address[0] == "127.0.0.1" and srv.server_address[1] > 0
    finally:
        srv.stopping = True
        srv.server_close()


def test_a_port_out_of_range_is_a_usage_error(capsys):
    assert run_cli(["serve", "--port", "70000"]) == 2
    assert "'70000' is not a port number (0-65535)" in capsys.readouterr().err


def test_a_port_in_use_is_a_usage_error(site, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert run_cli(["serve", "--source", site, "--port", port]) == 2
    assert f"specsite serve: error: cannot listen on 127.0.0.1:{port}:" in capsys.readouterr().err


def test_a_page_is_served_with_the_reload_script(server):
    status, headers, body = _get(server, "/index.html")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert b"Welcome to the Serve site." in body
    assert EVENTS_PATH.encode() in body and body.index(b"EventSource") < body.index(b"</head>")
    assert headers["Cache-Control"] == "no-store" and headers["X-Content-Type-Options"] == "nosniff"
    assert _get(server, "/")[2] == body  # a folder is its index.html


def test_a_static_file_of_the_build_is_served_as_is(server):
    status, headers, body = _get(server, "/assets/logo.svg")
    assert (status, headers["Content-Type"]) == (200, "image/svg+xml")
    assert body == FILES["assets/logo.svg"].encode()


@pytest.mark.parametrize("target", [
    "/_config.yml", "/index.md", "/about.md", "/.env", "/_data/people.yml",  # sources, not outputs
    "/../_config.yml", "/assets/../../site/_config.yml", "/%2e%2e/%2e%2e/etc/passwd",
    "/..%2f_config.yml", "/assets%5c..%5c_config.yml", "/index.html%00.md",
])
def test_only_what_the_build_produced_is_served(server, preview, target):
    """Sources, dotfiles and paths that climb out of the site are not found, and name no file."""
    status, _, body = _get(server, target)
    assert status == 404
    assert b"SECRET" not in body and b"title: Serve" not in body
    assert preview.lookup(target) is None


def test_an_unknown_path_gets_a_404_page_that_reloads_itself(server):
    status, _, body = _get(server, "/no/such/page.html")
    assert status == 404
    assert b"404: not in this site" in body and b"<code>no/such/page.html</code>" in body
    assert b'<base href="/">' in body and b"EventSource" in body


def test_the_sites_own_404_page_is_used(site, preview, server):
    (site / "404.md").write_text("---\ntitle: Lost\npermalink: /404.html\n---\n# Nothing here\n", encoding="utf-8")
    preview.rebuild()
    status, _, body = _get(server, "/a/b.html")
    assert status == 404 and b"Nothing here" in body and b"not in this site" not in body


def test_a_save_is_served_after_the_rebuild(site, preview, server):
    (site / "index.md").write_text(PAGE.replace("Welcome", "Hello again, welcome"), encoding="utf-8")
    assert b"Hello again" not in _get(server, "/index.html")[2]  # nothing changes before the rebuild
    preview.rebuild()
    assert b"Hello again, welcome to the Serve site." in _get(server, "/index.html")[2]
    (site / "news.md").write_text("---\ntitle: News\n---\n# News today\n", encoding="utf-8")
    preview.rebuild()
    assert b"News today" in _get(server, "/news.html")[2]


def test_a_failed_rebuild_keeps_the_last_good_site_and_shows_the_error(site, preview, server):
    (site / "_config.yml").write_text("title: [unclosed\n", encoding="utf-8")
    preview.rebuild()
    status, _, body = _get(server, "/index.html")
    assert status == 200 and b"Welcome to the Serve site." in body  # the last good build
    assert b"specsite-banner" in body and b"_config.yml" in body and b"error[config]" in body
    assert "rebuild failed" in preview.log.getvalue()
    (site / "_config.yml").write_text("title: Fixed\n", encoding="utf-8")
    preview.rebuild()
    body = _get(server, "/index.html")[2]
    assert b"Welcome to the Fixed site." in body and b"specsite-banner" not in body


def test_a_pages_findings_are_listed_above_it_and_counted_elsewhere(site, preview, server):
    (site / "about.md").write_text("---\ntitle: About\n---\n# About\n\nSee [gone](gone.html).\n",
                                   encoding="utf-8")
    preview.rebuild()
    body = _get(server, "/about.html")[2].decode()
    banner = body[body.index('<div class="specsite-banner"'):]
    assert "<details open><summary>specsite: 1 problem here</summary>" in banner
    assert "about.md:6:12: error[broken-link]" in banner and body.index("<body") < body.index(banner)
    other = _get(server, "/index.html")[2].decode()
    assert '<div class="specsite-banner is-quiet"' in other and "1 problem on other pages" in other
    assert _get(server, "/assets/logo.svg")[2] == FILES["assets/logo.svg"].encode()  # files stay as built


def test_head_answers_without_a_body(server):
    status, headers, body = _get(server, "/index.html", method="HEAD")
    assert (status, body) == (200, b"") and headers["Content-Type"] == "text/html; charset=utf-8"
    assert _get(server, "/_config.yml", method="HEAD")[0] == 404


def test_a_page_that_stops_building_answers_with_its_error(site, preview, server):
    """Front matter that is a list, not a mapping (Jekyll stops too): the page's url gets an error page
    naming file:line (status 500). (Unclosed front matter builds, as in Jekyll: a page without data.)"""
    (site / "about.md").write_text("---\n- title: About\n---\n# About\n", encoding="utf-8")
    preview.rebuild()
    status, _, body = _get(server, "/about.html")
    assert status == 500
    assert b"This page did not build" in body and b"about.md:2" in body and b"front matter" in body
    assert b"EventSource" in body  # the tab comes back by itself once the file is fixed
    assert _get(server, "/index.html")[0] == 200


def test_a_page_whose_edit_moves_it_lists_that_files_problems_on_the_404_page(site, preview, server):
    """Invalid front-matter YAML is a warning (Jekyll builds the page without it, at its default
    URL); a tab on the page's old address gets the 404 page, with that file's warning as this
    page's problem, not the other pages' count."""
    (site / "about.md").write_text("---\ntitle: About\npermalink: /info/\n---\n# About\n", encoding="utf-8")
    preview.rebuild()
    assert _get(server, "/info/")[0] == 200
    (site / "about.md").write_text("---\ntitle: [About\npermalink: /info/\n---\n# About\n", encoding="utf-8")
    preview.rebuild()
    status, _, body = _get(server, "/info/")
    assert status == 404 and b"EventSource" in body
    assert b"1 problem here" in body and b"about.md:2:8" in body and b"warning[front-matter]" in body
    assert _get(server, "/about.html")[0] == 200  # where Jekyll writes it now


def test_a_folder_asked_for_without_its_slash_moves_to_it(site, preview, server):
    """As `jekyll serve` (WEBrick) answers: /guide is a 301 to /guide/ (the query kept), so the
    page's relative links resolve from its own folder, not its parent's."""
    (site / "guide.md").write_text("---\npermalink: /guide/\n---\n# Guide\n", encoding="utf-8")
    preview.rebuild()
    for method in ("GET", "HEAD"):
        status, headers, _ = _get(server, "/guide?x=1", method=method)
        assert (status, headers["Location"]) == (301, "/guide/?x=1")
    assert _get(server, "/guide/")[0] == 200


def test_an_address_without_html_serves_the_page(server):
    """Jekyll's servlet serves /about from about.html (as GitHub Pages does): links written
    without the extension work in the preview."""
    status, _, body = _get(server, "/about")
    assert status == 200 and b"See <a href=\"index.html\">home</a>" in body
    assert _get(server, "/about.html")[0] == 200 and _get(server, "/abou")[0] == 404


def test_an_error_in_a_pages_layout_is_listed_as_its_own(site, preview, server):
    """A layout that does not parse (the page is served without it) is the page's problem: listed
    first on each page whose layout chain uses it, only counted on the others."""
    (site / "_layouts").mkdir()
    (site / "_layouts/base.html").write_text("<html><body>{{ content }}{% if page.title %}</body></html>\n",
                                             encoding="utf-8")
    (site / "_layouts/page.html").write_text("---\nlayout: base\n---\n<main>{{ content }}</main>\n",
                                             encoding="utf-8")
    (site / "about.md").write_text("---\ntitle: About\nlayout: page\n---\n# About\n", encoding="utf-8")
    preview.rebuild()
    body = _get(server, "/about.html")[2].decode()
    assert "<details open><summary>specsite: 1 problem here</summary>" in body
    assert "_layouts/base.html:1:" in body and "error[liquid-error]" in body
    other = _get(server, "/index.html")[2].decode()
    assert "1 problem on other pages" in other


def _with_broken_nav(site):
    """A layout whose include writes a relative link that is broken from the root and from sub/."""
    (site / "_layouts").mkdir()
    (site / "_includes").mkdir()
    (site / "_includes/nav.html").write_text('<a href="gone.html">Gone</a>\n', encoding="utf-8")
    (site / "_layouts/default.html").write_text("<html><body>{% include nav.html %}{{ content }}</body></html>\n",
                                                encoding="utf-8")
    (site / "sub").mkdir()
    for name in ("index.md", "sub/c.md", "sub/d.md"):
        (site / name).write_text(f"---\nlayout: default\n---\n# {name}\n", encoding="utf-8")
    (site / "about.md").write_text("---\ntitle: About\n---\n# About\n", encoding="utf-8")


def test_the_log_and_banner_show_a_layout_line_broken_from_many_folders_once(site, preview, server):
    """As in check's text report: the include line broken from the root and from sub/ (two findings,
    two missing paths) is one entry in the terminal and in the banner of a page without problems;
    the counts in the log's head line still count both findings."""
    _with_broken_nav(site)
    preview.log.truncate(0)
    preview.rebuild()
    log = preview.log.getvalue()
    assert "; 2 errors, 0 warnings" in log
    [entry] = [line for line in log.splitlines() if "_includes/nav.html:1:10" in line]
    assert "(on 2 pages: sub/c.html, sub/d.html; resolved from the folders of 1 more page it is broken too: " \
        "index.html)" in entry
    body = _get(server, "/about.html")[2].decode()
    assert "specsite: 1 problem on other pages" in body and body.count("_includes/nav.html:1:10") == 1


def test_a_layout_lines_finding_is_listed_on_the_pages_that_carry_it(site, preview, server):
    """The finding a page carries (its own folder's missing path) is listed as its problem; the
    same line's finding from another folder is counted elsewhere."""
    _with_broken_nav(site)
    preview.rebuild()
    body = _get(server, "/sub/c.html")[2].decode()
    assert "specsite: 1 problem here · 1 elsewhere" in body and "page &#x27;sub/gone.html&#x27;" in body
    assert "page &#x27;gone.html&#x27;" not in body


@pytest.mark.parametrize("where", ["body", "layout"])
def test_an_error_in_an_include_the_page_uses_is_listed_as_its_own(site, preview, server, where):
    """An include that does not parse, used by the page's body or by its layout, is the page's
    problem (the render's record of what it used and reported at), only counted on pages that do
    not use it."""
    (site / "_includes").mkdir()
    (site / "_includes/bad.html").write_text("{% if page.title %}never closed\n", encoding="utf-8")
    if where == "layout":
        (site / "_layouts").mkdir()
        (site / "_layouts/default.html").write_text("<html><body>{% include bad.html %}{{ content }}</body></html>\n",
                                                    encoding="utf-8")
        (site / "about.md").write_text("---\ntitle: About\nlayout: default\n---\n# About\n", encoding="utf-8")
    else:
        (site / "about.md").write_text("---\ntitle: About\n---\n# About\n\n{% include bad.html %}\n",
                                       encoding="utf-8")
    preview.rebuild()
    body = _get(server, "/about.html")[2].decode()
    assert "<details open><summary>specsite: 1 problem here</summary>" in body
    assert "_includes/bad.html:1:1: error[liquid-error]" in body
    assert "1 problem on other pages" in _get(server, "/index.html")[2].decode()


def test_the_events_stream_announces_each_rebuild(preview, server):
    with socket.create_connection(server.server_address[:2], timeout=10) as sock:
        sock.sendall(f"GET {EVENTS_PATH} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
        received = b""
        while b": connected" not in received:
            received += sock.recv(4096)
        assert b"Content-Type: text/event-stream" in received
        version = preview.version
        preview.rebuild()
        while b"event: reload" not in received:
            received += sock.recv(4096)
        assert f"data: {version + 1}".encode() in received


def test_the_watcher_rebuilds_for_sources_only(site, preview):
    watcher = Watcher(preview)
    for rel in ("index.md", "_config.yml", "_includes/x.html", "assets/logo.svg"):
        assert watcher.relevant(str(site / rel)), rel
    for rel in ("build/index.html", ".git/index", ".index.md.swp", "index.md~", ".#index.md",
                ".specsite-cache/parse.pickle", "node_modules/x.js"):
        assert not watcher.relevant(str(site / rel)), rel
    assert not watcher.relevant(str(site.parent / "elsewhere.md"))


def test_a_pending_change_is_rebuilt_once(preview):
    """A burst of events from one save is one rebuild."""
    watcher = Watcher(preview, delay=0.01)
    seen = preview.version
    thread = threading.Thread(target=watcher._loop, daemon=True)
    watcher.pending.set()
    watcher.pending.set()
    thread.start()
    try:
        assert preview.wait_for_change(seen, 10) == seen + 1
    finally:
        watcher.stop()
        thread.join(timeout=5)
    assert preview.version == seen + 1


def test_serve_runs_until_the_server_is_shut_down(site, monkeypatch, capsys):
    """`serve` builds, listens on 127.0.0.1, watches, and stops cleanly (exit 0)."""
    started, result = [], []

    def make(preview, host, port):
        started.append(make_server(preview, host, port))
        return started[-1]
    monkeypatch.setattr(serve_module, "make_server", make)
    thread = threading.Thread(target=lambda: result.append(serve(site, port=0)), daemon=True)
    thread.start()
    try:
        for _ in range(500):  # the first build, then the server is made (at most 10 s)
            if started:
                break
            thread.join(0.02)
        srv = started[0]
        assert srv.server_address[0] == "127.0.0.1"
        assert b"Welcome to the Serve site." in _get(srv, "/index.html")[2]
    finally:
        if started:
            started[0].shutdown()
        thread.join(timeout=10)
    assert result == [ExitCode.OK]
    assert f"Serving {site.resolve()} at http://127.0.0.1:{srv.server_address[1]}/" in capsys.readouterr().err
