"""External links are checked against a local HTTP server on 127.0.0.1, never the internet."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import build_site, make_site
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
    data = json.loads(cache.read_text())
    for entry in data.values():
        entry["checked"] -= 10 ** 6
    cache.write_text(json.dumps(data))
    check_external(site, cache_path=cache, options=FAST)
    assert HITS["/ok"] > before["/ok"]


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
