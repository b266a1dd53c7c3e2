"""External links (`check --external`): concurrent, polite and cached.

Each distinct URL is requested once (HEAD, then GET where HEAD is refused), with a timeout,
retries with exponential back-off, at most `per_host` requests at a time per host, and
`429 Too Many Requests` / `Retry-After` honoured; a URL that stays rate-limited or times out is
"unverified" (a warning), not broken. Results are kept in `.specsite-cache/external.json` for
`cache_ttl` seconds so that CI does not re-check every link on every run.
"""
from __future__ import annotations

import email.utils
import json
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

from .. import __version__
from ..config import CACHE_DIR
from ..diagnostics import ERROR, WARNING, Diagnostic

DEFAULTS = {"timeout": 10.0, "retries": 2, "concurrency": 16, "per_host": 2, "cache_ttl": 86400,
            "max_retry_after": 30.0, "backoff": 0.5}
OK, BROKEN, UNVERIFIED = "ok", "broken", "unverified"


@dataclass(frozen=True)
class Result:
    url: str
    state: str
    status: int | None
    message: str


class _Hosts:
    """A semaphore per host, so that one slow server does not get every thread."""

    def __init__(self, limit: int):
        self.limit, self.lock, self.sems = limit, threading.Lock(), {}

    def __call__(self, url: str) -> threading.Semaphore:
        host = urlsplit(url).netloc.lower()
        with self.lock:
            return self.sems.setdefault(host, threading.Semaphore(self.limit))


def _retry_after(value: str | None, cap: float) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), cap)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, min(when.timestamp() - time.time(), cap))


class _NoRedirectToNonHttp(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not newurl.lower().startswith(("http://", "https://")):
            return None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_NoRedirectToNonHttp)


def _request(url: str, method: str, timeout: float):
    req = urllib.request.Request(url, method=method, headers={
        "User-Agent": f"specsite-linkcheck/{__version__}", "Accept": "*/*"})
    with _OPENER.open(req, timeout=timeout) as response:
        if method == "GET":
            response.read(1024)
        return response.status, response.headers


def check_url(url: str, options: dict, sleep=time.sleep) -> Result:
    """One URL to a Result, with retries; never raises."""
    attempts = int(options["retries"]) + 1
    last = Result(url, UNVERIFIED, None, "not checked")
    method = "HEAD"
    for attempt in range(attempts):
        try:
            status, _ = _request(url, method, options["timeout"])
            return Result(url, OK, status, f"HTTP {status}")
        except urllib.error.HTTPError as err:
            if method == "HEAD" and err.code in (400, 403, 405, 406, 501):
                method = "GET"  # many servers refuse HEAD; ask properly before judging
                try:
                    status, _ = _request(url, method, options["timeout"])
                    return Result(url, OK, status, f"HTTP {status}")
                except urllib.error.HTTPError as err2:
                    err = err2
                except (urllib.error.URLError, OSError) as err2:
                    last = Result(url, UNVERIFIED, None, _reason(err2))
                    sleep(options["backoff"] * 2 ** attempt)
                    continue
            if err.code == 429:
                wait = _retry_after(err.headers.get("Retry-After"), options["max_retry_after"])
                last = Result(url, UNVERIFIED, 429, "HTTP 429 Too Many Requests (rate limited)")
                if attempt + 1 < attempts:
                    sleep(wait if wait is not None else options["backoff"] * 2 ** attempt)
                continue
            if err.code >= 500 and attempt + 1 < attempts:
                last = Result(url, BROKEN, err.code, f"HTTP {err.code} {err.reason}")
                sleep(options["backoff"] * 2 ** attempt)
                continue
            return Result(url, BROKEN, err.code, f"HTTP {err.code} {err.reason}")
        except (urllib.error.URLError, OSError, ValueError) as err:
            last = Result(url, UNVERIFIED, None, _reason(err))
            if attempt + 1 < attempts:
                sleep(options["backoff"] * 2 ** attempt)
    return last


def _reason(err) -> str:
    reason = getattr(err, "reason", err)
    text = str(reason)
    if "timed out" in text.lower() or isinstance(reason, TimeoutError):
        return "timed out"
    return text or type(err).__name__


class Cache:
    def __init__(self, path: Path | None, ttl: float):
        self.path, self.ttl = path, ttl
        self.data: dict = {}
        if path and path.is_file():
            try:
                self.data = json.loads(path.read_text(encoding="utf-8"))
            except (ValueError, OSError):
                self.data = {}

    def get(self, url: str) -> Result | None:
        entry = self.data.get(url)
        if not entry or time.time() - entry.get("checked", 0) > self.ttl or entry.get("state") == UNVERIFIED:
            return None
        return Result(url, entry["state"], entry.get("status"), entry.get("message", ""))

    def put(self, result: Result):
        self.data[result.url] = {"state": result.state, "status": result.status,
                                 "message": result.message, "checked": time.time()}

    def save(self):
        if self.path:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(self.data, indent=1, sort_keys=True), encoding="utf-8")
            tmp.replace(self.path)


def external_links(site) -> dict:
    """URL (without fragment) -> the Links that point at it."""
    urls: dict = {}
    for link in list(site.links) + [l for p in site.pages for l in p.links]:
        target = link.target.strip()
        if target.lower().startswith(("http://", "https://")):
            urls.setdefault(urldefrag(target)[0], []).append(link)
    return urls


def check_external(site, *, progress: bool = False, stream=None, cache_path: Path | None = None,
                   options: dict | None = None) -> list[Diagnostic]:
    opts = {**DEFAULTS, **(site.config.options.get("external") or {}), **(options or {})}
    if cache_path is None:
        cache_path = site.config.source / CACHE_DIR / "external.json"
    cache = Cache(cache_path, float(opts["cache_ttl"]))
    urls = external_links(site)
    results = {}
    todo = []
    for url in sorted(urls):
        cached = cache.get(url)
        if cached:
            results[url] = cached
        else:
            todo.append(url)
    results.update(_run(todo, opts, progress, stream or sys.stderr))
    for url in todo:
        cache.put(results[url])
    cache.save()
    return _findings(urls, results)


def _run(urls, opts, progress, stream) -> dict:
    hosts = _Hosts(int(opts["per_host"]))
    results: dict = {}
    if not urls:
        return results

    def work(url):
        with hosts(url):
            return check_url(url, opts)

    failing = 0
    with ThreadPoolExecutor(max_workers=max(1, int(opts["concurrency"]))) as pool:
        futures = {pool.submit(work, url): url for url in urls}
        for done, future in enumerate(as_completed(futures), 1):
            result = future.result()
            results[result.url] = result
            failing += result.state != OK
            if progress:
                stream.write(f"\rexternal links: {done}/{len(urls)} checked, {failing} failing")
                stream.flush()
    if progress:
        stream.write("\n")
    return results


def _findings(urls: dict, results: dict) -> list[Diagnostic]:
    findings = []
    for url, links in urls.items():
        result = results[url]
        if result.state == OK:
            continue
        if result.state == BROKEN:
            rule, severity = "external-broken", ERROR
            message, hint = f"external link is broken: {result.message}", "Fix or remove the link."
        else:
            rule, severity = "external-unverified", WARNING
            message = f"external link could not be verified: {result.message}"
            hint = "It may work; it is checked again on the next run."
        for link in links:
            findings.append(Diagnostic(link.path, link.line, link.column, rule, severity, message, hint,
                                       link.target))
    return findings
