"""External links are checked against a local HTTP server on 127.0.0.1, never the internet."""
from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import shutil
import socket

from conftest import FIXTURES, build_site, make_site, run_cli
from specsite.check.report import FORMATS, render_report
from specsite.check import external
from specsite.check.external import BROKEN, OK, UNVERIFIED, check_external, check_url

HITS: dict = {}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _answer(self, body: bool):
        path = self.path
        HITS[path] = HITS.get(path, 0) + 1
        if path == "/ok":
            self._send(200, body=body)
        elif path == "/missing":
            self._send(404, body=body)
        elif path == "/redirect-to-404":
            self._send(302, {"Location": "/missing"}, body)
        elif path == "/slow":
            time.sleep(1.0)
            self._send(200, body=body)
        elif path == "/busy":
            self._send(429, {"Retry-After": "0"}, body)
        elif path == "/busy-once":
            self._send(429 if HITS[path] == 1 else 200, {"Retry-After": "0"}, body)
        elif path == "/no-head":
            self._send(405 if self.command == "HEAD" else 200, body=body)
        elif path == "/forbidden":
            self._send(403, body=body)
        elif path == "/challenge":
            self._send(403, {"cf-mitigated": "challenge"}, body)
        elif path == "/tickets/101":
            self._send(200, body=body)
        else:
            self._send(404, body=body)

    def _send(self, code, headers=None, body=True):
        self.send_response(code)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_HEAD(self):  # noqa: N802
        self._answer(False)

    def do_GET(self):  # noqa: N802
        self._answer(True)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


FAST = {**external.DEFAULTS, "timeout": 0.3, "retries": 1, "backoff": 0.01}


@pytest.mark.parametrize("path, state, status", [
    ("/ok", OK, 200),
    ("/missing", BROKEN, 404),
    ("/redirect-to-404", BROKEN, 404),
    ("/busy", UNVERIFIED, 429),
    ("/busy-once", OK, 200),
    ("/no-head", OK, 200),
])
def test_check_url_classifies_answers(server, path, state, status):
    """200 is ok; 404 and a redirect to 404 are broken; 429 that persists is unverified; HEAD refused falls back to GET."""
    result = check_url(server + path, FAST, sleep=lambda s: None)
    assert (result.state, result.status) == (state, status)


def test_a_slow_server_is_unverified_not_broken(server):
    """A timeout after the retries is reported as unverified (a warning), not as a broken link."""
    result = check_url(server + "/slow", FAST, sleep=lambda s: None)
    assert result.state == UNVERIFIED and "timed out" in result.message


def test_retry_after_is_honoured_and_capped():
    """Retry-After in seconds or as an HTTP date is obeyed, never beyond the cap."""
    assert external._retry_after("3", 30) == 3
    assert external._retry_after("999", 30) == 30
    assert external._retry_after(None, 30) is None


def _site(tmp_path, server):
    root = make_site(tmp_path / "site", {
        "_config.yml": "title: T\n",
        "pages/a.md": f"""\
            ---
            title: A
            ---
            A [working link]({server}/ok), a [missing one]({server}/missing#frag),
            and a [rate-limited one]({server}/busy).
            """,
    })
    return build_site(root)


def test_findings_point_at_the_markdown_line_with_rule_and_severity(server, tmp_path):
    """Broken links are errors and unverified ones warnings, each at its markdown file:line."""
    site = _site(tmp_path, server)
    cache = tmp_path / "cache.json"
    findings = check_external(site, cache_path=cache, options={**FAST})
    got = sorted((f.rule, f.severity, f.path, f.line, f.target) for f in findings)
    assert got == [
        ("external-broken", "error", "pages/a.md", 4, f"{server}/missing#frag"),
        ("external-unverified", "warning", "pages/a.md", 5, f"{server}/busy"),
    ]


def test_the_cache_spares_requests_until_its_time_to_live_runs_out(server, tmp_path):
    """A second run within the TTL asks the server nothing (but rechecks unverified links); an expired cache asks again."""
    site = _site(tmp_path, server)
    cache = tmp_path / "cache.json"
    check_external(site, cache_path=cache, options=FAST)
    before = dict(HITS)
    check_external(site, cache_path=cache, options=FAST)
    assert HITS.get("/ok") == before.get("/ok") and HITS.get("/missing") == before.get("/missing")
    assert HITS.get("/busy", 0) > before.get("/busy", 0)
    from specsite.check.external import Cache
    kept = Cache(cache, 10 ** 9)
    for entry in kept.data.values():
        entry["checked"] -= 10 ** 6
    kept.save()
    check_external(site, cache_path=cache, options=FAST)
    assert HITS["/ok"] > before["/ok"]


def test_a_cache_file_specsite_did_not_sign_is_ignored(server, tmp_path):
    """A pull request can commit .specsite-cache/external.json saying every link is fine: it does not
    verify with the per-user key, so the links are asked again and the broken one is reported."""
    site = _site(tmp_path, server)
    cache = tmp_path / "cache.json"
    forged = {f"{server}/missing": {"state": "ok", "status": 200, "cause": "", "message": "", "checked": 9e12}}
    cache.write_text(json.dumps({"mac": "0" * 64, "body": json.dumps(forged)}), encoding="utf-8")
    found = check_external(site, cache_path=cache, options=FAST)
    assert any(f.rule == "external-broken" and f.target.endswith("/missing#frag") for f in found)


def test_per_host_limit_keeps_concurrency_down(server, tmp_path, monkeypatch):
    """No more than per_host requests run against one host at a time."""
    active = {"now": 0, "max": 0}
    lock = threading.Lock()
    real = external._request

    def counting(url, method, timeout):
        with lock:
            active["now"] += 1
            active["max"] = max(active["max"], active["now"])
        try:
            time.sleep(0.05)
            return real(url, method, timeout)
        finally:
            with lock:
                active["now"] -= 1

    monkeypatch.setattr(external, "_request", counting)
    urls = [f"{server}/ok?{i}" for i in range(12)]
    external._run(urls, {**FAST, "per_host": 2, "concurrency": 8}, False, None)
    assert active["max"] == 2


# -- verdicts a CI can trust --------------------------------------------------------------------------


def _closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def test_a_refused_connection_is_broken_after_the_retries():
    sleeps = []
    result = check_url(f"http://127.0.0.1:{_closed_port()}/x", FAST, sleep=sleeps.append)
    assert (result.state, result.message) == (BROKEN, "connection refused")
    assert len(sleeps) == FAST["retries"]  # a server restarting gets its chance


def test_a_host_that_does_not_exist_is_broken_at_once():
    """`.invalid` never resolves (RFC 2606): no such host, and no retry."""
    sleeps = []
    result = check_url("http://nonexistent.invalid/page", FAST, sleep=sleeps.append)
    assert (result.state, result.message, sleeps) == (BROKEN, "no such host 'nonexistent.invalid'", [])


def test_403_is_broken_but_unverified_from_a_bot_wall(server):
    """403 to HEAD and GET is broken, unless the host is known to turn robots away (listed, or a
    Cloudflare challenge): then it says nothing about the page."""
    assert check_url(server + "/forbidden", FAST, sleep=lambda s: None).state == BROKEN
    walled = check_url(server + "/forbidden", {**FAST, "bot_walls": ["127.0.0.1"]}, sleep=lambda s: None)
    assert (walled.state, walled.status) == (UNVERIFIED, 403) and "turns automated requests away" in walled.message
    assert check_url(server + "/challenge", FAST, sleep=lambda s: None).state == UNVERIFIED
    assert external._walled("https://www.linkedin.com/in/x", FAST) and not external._walled("https://example.org", FAST)


def _dns_site(tmp_path, *urls):
    body = "".join(f"[link {i}]({url})\n\n" for i, url in enumerate(urls))
    return build_site(make_site(tmp_path / "site", {"_config.yml": "title: T\n",
                                                    "a.md": "---\ntitle: A\n---\n" + body}))


def test_a_missing_host_is_broken_when_other_names_resolve(server, tmp_path):
    port = server.rsplit(":", 1)[1]
    site = _dns_site(tmp_path, "http://nonexistent.invalid/spec", f"http://localhost:{port}/ok")
    findings = check_external(site, cache_path=tmp_path / "c.json", options=FAST)
    assert [(f.rule, f.line, f.message) for f in findings] == [
        ("external-broken", 4, "external link http://nonexistent.invalid/spec is broken: no such host "
                               "'nonexistent.invalid'")]


def test_when_no_host_name_resolves_the_machine_is_offline_and_nothing_is_broken(server, tmp_path):
    site = _dns_site(tmp_path, "http://nonexistent.invalid/spec", "http://also-missing.invalid/", server + "/ok")
    findings = check_external(site, cache_path=tmp_path / "c.json", options=FAST)
    assert {f.rule for f in findings} == {"external-unverified"} and len(findings) == 2
    assert all("may be offline" in f.message for f in findings)


def test_ticket_links_from_tickets_url_are_checked_at_the_entrys_tickets_line(server, tmp_path):
    root = make_site(tmp_path / "site", {
        "_config.yml": f"title: T\nspecsite:\n  tickets_url: {server}/tickets/{{n}}\n",
        "index.md": "---\ntitle: Home\n---\nHome.\n",
        "releases/1.0.0/release.yml": "version: 1.0.0\nstatus: published\ndate: 2024-05-01\n",
        "releases/1.0.0/101-one.md": "---\ntitle: One\ntickets: [101]\n---\nFirst.\n",
        "releases/1.0.0/102-two.md": "---\ntitle: Two\n\ntickets: [102]\n---\nSecond.\n",
    })
    findings = check_external(build_site(root), cache_path=tmp_path / "c.json", options=FAST)
    assert [(f.path, f.line, f.rule, f.target) for f in findings] == [
        ("releases/1.0.0/102-two.md", 4, "external-broken", f"{server}/tickets/102")]


def test_every_report_format_names_the_url(server, tmp_path):
    site = _site(tmp_path, server)
    findings = check_external(site, cache_path=tmp_path / "c.json", options=FAST)
    for fmt in FORMATS:
        report = render_report(findings, fmt, tool_version="0")
        for url in (f"{server}/missing", f"{server}/busy"):
            assert url in report, (fmt, url)


def test_a_link_a_layout_writes_is_one_finding_at_the_layout_line_with_its_pages(server, tmp_path):
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "jekyll-layouts", root, ignore=shutil.ignore_patterns("_expected"))
    layout = root / "_layouts" / "default.html"
    lines = layout.read_text(encoding="utf-8").splitlines()
    body = next(i for i, line in enumerate(lines) if "<body" in line)
    lines.insert(body + 1, f'<a href="{server}/missing">status</a>')
    layout.write_text("\n".join(lines) + "\n", encoding="utf-8")
    findings = check_external(build_site(root), cache_path=tmp_path / "c.json", options=FAST)
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.path, finding.line, finding.rule) == ("_layouts/default.html", body + 2, "external-broken")
    assert re.search(r"\(on \d+ pages: ", finding.message)


def test_severity_and_ignore_apply_to_external_findings(server, tmp_path, capsys):
    """`check --external`: an ignore on the target and `external-unverified: off` leave nothing."""
    root = _site(tmp_path, server).config.source
    with open(root / "_config.yml", "a", encoding="utf-8") as config:
        config.write("specsite:\n  external: {retries: 0, timeout: 2}\n  severity: {external-unverified: off}\n"
                     "  ignore:\n    - {target: \"http://127.0.0.1*/missing*\", reason: \"test server\"}\n")
    out = tmp_path / "r.json"
    assert run_cli(["check", "--external", "--source", root, "--format", "json", "--output", out]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == []
