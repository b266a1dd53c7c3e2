"""External links (`check --external`): concurrent, polite and cached.

Each distinct URL is requested once (HEAD, then GET where HEAD is refused), with a timeout,
retries with exponential back-off, at most `per_host` requests at a time per host, and
`429 Too Many Requests` / `Retry-After` honoured; a URL that stays rate-limited or times out is
"unverified" (a warning), not broken. A host name that does not exist and a refused connection
are broken (unless no host name resolves at all: then the machine is offline and they are
unverified); a 403 to HEAD and GET from a host known to turn robots away (`bot_walls`, or a
Cloudflare challenge) is unverified. Ticket links made from `specsite.tickets_url` are checked
like the others. Results are kept in `.specsite-cache/external.json` for `cache_ttl` seconds
so that CI does not re-check every link on every run.
"""
from __future__ import annotations

import email.utils
import ipaddress
import json
import socket
import ssl
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
from .. import rules
from ..secret import signing_key
from .reuse import read_signed, write_signed
from ..diagnostics import Diagnostic
from ..parse import Link
from .carried import carried

DEFAULTS = {"timeout": 10.0, "retries": 2, "concurrency": 16, "per_host": 2, "cache_ttl": 86400,
            "max_retry_after": 30.0, "backoff": 0.5, "bot_walls": []}
# Hosts that answer automated requests with 403 (or LinkedIn's 999) whatever the page: a 403 from
# them says nothing about the link. `external: {bot_walls: [...]}` adds hosts (subdomains included).
BOT_WALLS = ("linkedin.com", "twitter.com", "x.com", "medium.com", "npmjs.com", "stackoverflow.com",
             "researchgate.net", "sciencedirect.com", "facebook.com", "instagram.com", "quora.com",
             "tandfonline.com", "onlinelibrary.wiley.com", "jstor.org", "academic.oup.com")
DNS, REFUSED = "no-such-host", "refused"
OK, BROKEN, UNVERIFIED = "ok", "broken", "unverified"


@dataclass(frozen=True)
class Result:
    """The answer for one external URL."""
    url: str
    state: str
    status: int | None
    message: str
    cause: str = ""  # DNS: the host name does not exist (the machine may be offline); REFUSED
    wait: float | None = None  # a 429's Retry-After, in seconds


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
    for attempt in range(attempts):
        last = _attempt(url, options)
        transient = (last.state == UNVERIFIED and last.status not in (403, 999)) or last.cause == REFUSED \
            or (last.status or 0) >= 500
        if not transient:
            return last
        if attempt + 1 < attempts:
            sleep(last.wait if last.wait is not None else options["backoff"] * 2 ** attempt)
    return last


def _attempt(url: str, options: dict) -> Result:
    """One HEAD, and a GET where HEAD is refused."""
    method = "HEAD"
    while True:
        try:
            status, _ = _request(url, method, options["timeout"])
            return Result(url, OK, status, f"HTTP {status}")
        except urllib.error.HTTPError as err:
            if method == "HEAD" and err.code in (400, 403, 405, 406, 501, 999):
                method = "GET"  # many servers refuse HEAD; ask properly before judging
                continue
            return _http_error(url, err, options)
        except (urllib.error.URLError, OSError, ValueError) as err:
            return _connection_error(url, err)


def _http_error(url: str, err, options: dict) -> Result:
    text = f"HTTP {err.code} {err.reason}".strip()
    if err.code == 429:
        wait = _retry_after(err.headers.get("Retry-After") if err.headers else None, options["max_retry_after"])
        return Result(url, UNVERIFIED, 429, "HTTP 429 Too Many Requests (rate limited)", wait=wait)
    if err.code in (403, 999) and (_walled(url, options) or (err.headers and err.headers.get("cf-mitigated"))):
        return Result(url, UNVERIFIED, err.code, f"{text} (the host turns automated requests away)")
    return Result(url, BROKEN, err.code, text)


def _walled(url: str, options: dict) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    walls = [str(h).lower().lstrip(".") for h in (*BOT_WALLS, *(options.get("bot_walls") or ()))]
    return any(host == wall or host.endswith("." + wall) for wall in walls)


def _connection_error(url: str, err) -> Result:
    reason = getattr(err, "reason", err)
    if isinstance(reason, socket.gaierror) and reason.errno in _NO_SUCH_HOST:
        return Result(url, BROKEN, None, f"no such host '{urlsplit(url).hostname}'", DNS)
    if isinstance(reason, ConnectionRefusedError):
        return Result(url, BROKEN, None, "connection refused", REFUSED)
    if isinstance(reason, ssl.SSLCertVerificationError):
        return Result(url, BROKEN, None, f"TLS certificate not valid: {reason.verify_message}")
    return Result(url, UNVERIFIED, None, _reason(err))


_NO_SUCH_HOST = {getattr(socket, name) for name in ("EAI_NONAME", "EAI_NODATA") if hasattr(socket, name)}


def _reason(err) -> str:
    reason = getattr(err, "reason", err)
    text = str(reason)
    if "timed out" in text.lower() or isinstance(reason, TimeoutError):
        return "timed out"
    return text or type(err).__name__


class Cache:
    """Verdicts kept between runs, signed with the per-user key (specsite/secret.py): the file sits in
    the source folder, which a pull request controls, and a committed one saying "all fine" must not
    make broken links pass. A file that does not verify is ignored."""

    def __init__(self, path: Path | None, ttl: float):
        self.path, self.ttl = path, ttl
        self.data: dict = {}
        if path and path.is_file() and not path.is_symlink():
            self.data = read_signed(path, signing_key(create=False)) or {}

    def get(self, url: str) -> Result | None:
        entry = self.data.get(url)
        if not entry or time.time() - entry.get("checked", 0) > self.ttl or entry.get("state") == UNVERIFIED:
            return None
        return Result(url, entry["state"], entry.get("status"), entry.get("message", ""), entry.get("cause", ""))

    def put(self, result: Result):
        self.data[result.url] = {"state": result.state, "status": result.status, "cause": result.cause,
                                 "message": result.message, "checked": time.time()}

    def save(self):
        key = signing_key(create=True)
        if not self.path or key is None or self.path.is_symlink():
            return
        try:
            write_signed(self.path, key, json.dumps(self.data, sort_keys=True))
        except OSError:
            return


def external_links(site) -> dict:
    """URL (without fragment) -> the Links that point at it: in pages, navigation, what layouts,
    includes and data files write (Jekyll sites), and the ticket links made from `tickets_url`."""
    urls: dict = {}
    links = list(site.links) + [l for p in site.pages for l in p.links] + list(site.layout_links)
    for link in links + ticket_links(site):
        target = link.target.strip()
        if target.lower().startswith(("http://", "https://")):
            urls.setdefault(urldefrag(target)[0], []).append(link)
    return urls


def ticket_links(site) -> list[Link]:
    """Each ticket of each shown release entry, at the entry's `tickets:` line."""
    from ..releases.render import release_url, visible
    template = site.config.options.get("tickets_url")
    if not template or not site.releases:
        return []
    links = []
    for release in visible(site.config, site.releases):
        page = release_url(site.config, release)
        for entry in release.entries:
            for ticket in entry.tickets:
                links.append(Link(str(template).format(n=ticket), entry.rel, entry.line_of("tickets"), None, "a",
                                  page))
    return links


def check_external(site, *, progress: bool = False, stream=None, cache_path: Path | None = None,
                   options: dict | None = None) -> list[Diagnostic]:
    """Raw findings (the caller applies the site's policy), one per place that writes the URL."""
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
    if _offline(results):
        note = "; no host name could be looked up, so this machine may be offline"
        results = {url: Result(url, UNVERIFIED, None, r.message + note) if r.cause == DNS else r
                   for url, r in results.items()}
    for url in todo:
        cache.put(results[url])
    cache.save()
    layout = {id(link) for link in site.layout_links}
    return _findings(urls, results, layout)


def _offline(results: dict) -> bool:
    """Whether host names failed to resolve because nothing resolves: some other host named in
    the run is looked up (localhost counts) before a missing host is called broken."""
    failed = {urlsplit(url).hostname for url, r in results.items() if r.cause == DNS}
    if not failed:
        return False
    others = sorted({h for h in (urlsplit(url).hostname for url, r in results.items() if r.cause != DNS)
                     if h and not _is_ip(h)} - failed)
    for host in others[:3]:
        try:
            socket.getaddrinfo(host, None)
            return False
        except OSError:
            continue
    return True


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


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


def _findings(urls: dict, results: dict, layout: set) -> list[Diagnostic]:
    """Each failing URL once per file:line that writes it; a layout's, include's or data file's
    line names how many pages carry it."""
    findings = []
    for url, links in urls.items():
        result = results[url]
        if result.state == OK:
            continue
        rule = "external-broken" if result.state == BROKEN else "external-unverified"
        if result.state == BROKEN:
            message = f"external link {url} is broken: {result.message}"
            hint = "Correct the URL or remove the link."
        else:
            message = f"external link {url} could not be verified: {result.message}"
            hint = "It may work: check it by hand; it is checked again on the next run."
        places: dict = {}
        for link in links:
            key = (link.path, link.line, link.column, link.target)
            places.setdefault(key, (link, []))[1].append(link.page if id(link) in layout else None)
        for (path, line, column, target), (link, pages) in places.items():
            shown = [p for p in pages if p]
            finding = Diagnostic(path, line, column, rule, rules.severity(rule), message, hint, target)
            findings.append(carried(finding, shown) if shown else finding)
    return findings

