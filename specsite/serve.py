"""`serve`: a local preview that rebuilds on save and reloads open tabs.

The site is served from memory: a rebuild re-parses only what changed (the parse cache) and
renders a page when a browser asks for it. Open pages listen on a server-sent-events stream and
reload when a rebuild finishes. Build errors and checker findings for the page being viewed are
shown in the terminal and as a banner strip above the page. A broken edit never stops the server:
a page that no longer builds is answered with an error page that names file:line and reloads
when the file is fixed; unknown paths get the site's own 404 page. Only files the build produced
are served: no path reaches the disk.
"""
from __future__ import annotations

import gc
import mimetypes
import os
import posixpath
import sys
import threading
import time
import webbrowser
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import build
from .check.grouped import grouped
from .config import CACHE_DIR, ConfigError, load_config
from .diagnostics import ERROR, Diagnostic, Diagnostics
from .errors import ExitCode, UsageError
from .httpserver import PreviewServer
from .outputs import Copy, Text
from .paths import source_rel
from .safety import refusal
from .render.layouts import chain, layout_name, load_layouts
from .servepages import EVENTS_PATH, banner, decorate, error_page, not_found_page
from .session import Session
from .wording import plural

IGNORED_PARTS = frozenset({".git", CACHE_DIR, "__pycache__", ".pytest_cache", "node_modules", "_site"})


class Preview:
    """The current build, rebuilt on demand; thread-safe for the HTTP handlers."""

    def __init__(self, source: Path, *, drafts: bool = False, out: Path | None = None, log=sys.stderr,
                 theme: str | None = None, unsafe: bool = False):
        self.source = source.resolve()
        self.drafts = drafts
        self.theme = theme
        self.unsafe = unsafe
        self.out = (out or self.source / "build").resolve()
        self.log = log
        self.session = Session.preview()  # files, front matter, parses and link verdicts kept across rebuilds
        self.lock = threading.RLock()
        self.changed = threading.Condition()
        self.version = 0
        self.site = None
        self.failure: Diagnostic | None = None
        self.rendered: dict = {}
        self.last_seconds = 0.0
        self.known: dict = {}  # url -> source file, from every build so far: a page that stops building is named
        self._layouts = None  # (site, its layouts by name), read when a page's banner first asks

    def rebuild(self) -> float:
        started = time.perf_counter()
        try:
            config = load_config(self.source, self.out, drafts=self.drafts, theme=self.theme, unsafe=self.unsafe)
            site = build.run(config, write=False, render_pages=False, session=self.session)
            failure = None
        except ConfigError as err:
            site, failure = self.site, Diagnostic(err.path or "_config.yml", err.line, err.column, "config",
                                                  ERROR, err.message, err.hint)
        except Exception as err:  # noqa: BLE001 - a broken edit must not take the server down
            site, failure = self.site, Diagnostic("<site>", None, None, "internal-error", ERROR,
                                                  f"{type(err).__name__}: {err}")
        seconds = time.perf_counter() - started
        with self.lock:
            self.site, self.failure, self.rendered = site, failure, {}
            self.last_seconds = seconds
            for page in site.pages if site else ():
                self.known[page.source.url] = page.source.rel
        with self.changed:
            self.version += 1
            self.changed.notify_all()
        self._report(seconds)
        gc.collect()
        gc.freeze()  # what survives is long-lived: later collections need not walk it
        return seconds

    def _report(self, seconds: float):
        problems = self.problems()
        stamp = time.strftime("%H:%M:%S")
        pages = len(self.site.pages) if self.site else 0
        errors = sum(1 for d in problems if d.severity == ERROR)
        warnings = len(problems) - errors
        counts = f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"
        if self.failure is not None:
            print(f"[{stamp}] rebuild failed ({counts}); still serving the last good build", file=self.log)
        else:
            print(f"[{stamp}] rebuilt {pages} pages in {seconds * 1000:.0f} ms; {counts}", file=self.log)
        entries = grouped(problems)  # (one entry per layout line broken from many folders, as check's text)
        for item in entries[:50]:
            print("  " + item.format(), file=self.log)
        if len(entries) > 50:
            print(f"  … and {len(entries) - 50} more (run `check` for the full list)", file=self.log)
        self.log.flush()

    def problems(self) -> list[Diagnostic]:
        with self.lock:
            items = self.site.all_diagnostics() if self.site else []
            return ([self.failure] if self.failure else []) + items

    def page_source(self, url: str) -> str | None:
        page = self._page(url)
        return page.source.rel if page is not None else None

    def _page(self, url: str):
        with self.lock:
            for page in self.site.pages if self.site else ():
                if page.source.url == url:
                    return page
        return None

    def _layout_files(self, url: str) -> set:
        """The layouts the page at `url` passes through (their errors are this page's: a layout
        that does not parse leaves the page without it)."""
        page, site = self._page(url), self.site
        if page is None or site is None or site.sources.layouts_dir is None:
            return set()
        if self._layouts is None or self._layouts[0] is not site:
            self._layouts = (site, load_layouts(site.sources.layouts_dir, self.source, Diagnostics()))
        return {layout.rel for layout in chain(self._layouts[1], layout_name(page.source.meta or {}))}

    def _used_files(self, url: str) -> set:
        """The files whose errors are the page's own: the layouts it passes through, and every
        include its body's and its layouts' renders used or reported at (the render's record of
        them: an include that does not parse is not "used", but its error is the page's)."""
        files = self._layout_files(url)
        page, site = self._page(url), self.site
        if page is not None:
            files |= {source_rel(path, self.source) for path in page.includes}
            files |= {d.path for d in page.diagnostics}
        if site is not None:
            files |= {source_rel(path, self.source) for path in site.used.get(url, ())}
        return files

    def missing(self, path: str) -> tuple[int, bytes]:
        """The answer for a path the build has no file for: an error page naming the file:line
        when the path is a page that stopped building, else the site's own 404 page; both carry
        the reload script, so the tab comes back by itself once the file is fixed."""
        url = _clean(path, self.site.config.baseurl if self.site else "") or ""
        with self.lock:
            rel = self.known.get(url)
            problems = [d for d in self.problems() if rel and d.path == rel and d.severity == ERROR]
            if self.failure is not None and rel:
                problems.insert(0, self.failure)
            own = self.site.outputs.get("404.html") if self.site else None
            baseurl = self.site.config.baseurl if self.site else ""
            own = None if own is None else self._text(own, "404.html")
        if problems:
            return 500, error_page(rel, problems, baseurl).encode("utf-8")
        # a page whose edit moved it (front matter that no longer parses: built at its default
        # URL, a warning) shows the 404 page with that file's problems listed as this page's
        return 404, self._decorate(not_found_page(own, url or path, baseurl), "404.html", rel).encode("utf-8")

    def redirect(self, path: str) -> str | None:
        """Where a folder asked for without its slash moves to (WEBrick's 301, as `jekyll serve`
        answers): served as it is, its relative links would resolve from the parent folder."""
        parts = urlsplit(path)
        url = _clean(parts.path, self.site.config.baseurl if self.site else "")
        if url is None or parts.path.endswith("/") or url == "index.html":
            return None
        with self.lock:
            outputs = self.site.outputs if self.site else {}
            if url in outputs or url + "/index.html" not in outputs:
                return None
        return parts.path + "/" + (f"?{parts.query}" if parts.query else "")

    def lookup(self, path: str):
        """(content type, bytes) for a request path, or None. Never reads outside the build."""
        url = _clean(path, self.site.config.baseurl if self.site else "")
        if url is None:
            return None
        with self.lock:
            site = self.site
            if site is None:
                return None
            content = site.outputs.get(url)
            # Jekyll's servlet: /file, then /file/index.html, then /file.html, /file.xhtml
            for other in (url.rstrip("/") + "/index.html", url + ".html", url + ".xhtml"):
                if content is None and not url.endswith((".html", "/")) and other in site.outputs:
                    content, url = site.outputs[other], other
            if content is None:
                return None
            if content.deferred or isinstance(content, Text) and url.endswith((".html", ".htm")):
                return "text/html; charset=utf-8", self._decorate(self._text(content, url), url).encode("utf-8", "surrogateescape")
        data = self._copied(content.path) if isinstance(content, Copy) else content.data()
        if data is None:
            return None
        kind = mimetypes.guess_type(url)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
            kind += "; charset=utf-8"
        return kind, data

    def _copied(self, path: Path) -> bytes | None:
        """A static file of the source as the build would read it now — not through a symlink that
        leads out of the source, not from a FIFO or device — or None: it may have become one since
        the build (a branch switched under the preview), and the rebuild that refuses it is not done."""
        if path.is_relative_to(self.source) and refusal(path, self.source, self.unsafe) is not None:
            return None
        try:
            with open(os.path.realpath(path), "rb") as handle:
                return handle.read()
        except OSError:
            return None

    def _text(self, content, url: str) -> str:
        """An output as text: a page rendered on first request (kept until the next rebuild), or the
        build's text or file."""
        if content.deferred:
            if url not in self.rendered:
                self.rendered[url] = content.read()
            return self.rendered[url]
        return content.data().decode("utf-8", "replace")

    def _decorate(self, text: str, url: str, rel: str | None = None) -> str:
        """Inject the reload script, and a banner with this page's problems (those of `rel`, the
        file last built at the address asked for, else of the page served)."""
        rel = rel or self.page_source(url)
        problems = self.problems()
        used = self._used_files(url)
        mine = [d for d in problems if d is self.failure or _carried_here(d, url, used) or d.path == rel]
        return decorate(text, banner(problems, mine))

    def wait_for_change(self, seen: int, timeout: float) -> int:
        with self.changed:
            if self.version == seen:
                self.changed.wait(timeout)
            return self.version


def _carried_here(d: Diagnostic, url: str, used: set) -> bool:
    """Whether `d` is the page's at `url` though it is reported at another file: a layout line's
    finding this very page carries, or an error in a layout or include its render used (a layout
    line's finding that other pages carry, from other folders, is theirs)."""
    if d.carried_by:
        return url in d.carried_by
    return d.severity == ERROR and d.path in used


def _clean(path: str, baseurl: str) -> str | None:
    """The output path a request asks for; None for anything that tries to leave the site."""
    path = unquote(urlsplit(path).path)
    if "\x00" in path or "\\" in path:
        return None
    if baseurl and (path == baseurl or path.startswith(baseurl + "/")):
        path = path[len(baseurl):]
    trailing = path.endswith("/")
    norm = posixpath.normpath("/" + path.lstrip("/"))
    if ".." in norm.split("/"):
        return None
    rel = norm.lstrip("/")
    if rel in ("", "."):
        return "index.html"
    return rel + "/index.html" if trailing else rel


class Handler(BaseHTTPRequestHandler):
    preview: Preview  # set on the subclass made by make_server
    server_version = "specsite"
    timeout = 10.0  # seconds a connection may stall while a request is answered (socket timeout)

    def setup(self):
        super().setup()
        self.rfile = self.server.request_file(self.request, self.rfile)

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        if self.path.split("?", 1)[0] == EVENTS_PATH:
            return self._events()
        if (location := self.preview.redirect(self.path)) is not None:
            return self._moved(location)
        found = self.preview.lookup(self.path)
        if found is None:
            code, body = self.preview.missing(self.path)
            return self._send(code, "text/html; charset=utf-8", body)
        self._send(200, *found)

    def do_HEAD(self):  # noqa: N802
        if (location := self.preview.redirect(self.path)) is not None:
            return self._moved(location, head=True)
        found = self.preview.lookup(self.path)
        self._send(200 if found else 404, found[0] if found else "text/html", b"", head=True)

    def _moved(self, location: str, head=False):
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()

    def _send(self, code, kind, body, head=False):
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _events(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = self.preview.version
        try:
            self.wfile.write(b": connected\n\n")
            self.wfile.flush()
            while not getattr(self.server, "stopping", False):
                version = self.preview.wait_for_change(seen, 10.0)
                if version != seen:
                    seen = version
                    self.wfile.write(f"event: reload\ndata: {version}\n\n".encode())
                else:
                    self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            return


def make_server(preview: Preview, host: str, port: int) -> PreviewServer:
    handler = type("PreviewHandler", (Handler,), {"preview": preview})
    return PreviewServer((host, port), handler, log=preview.log, streams_path=EVENTS_PATH)


class Watcher:
    """Rebuilds after changes under the source (pages, templates, includes, data, releases,
    config), coalescing bursts of events from one save."""

    def __init__(self, preview: Preview, delay: float = 0.05):
        self.preview, self.delay = preview, delay
        self.pending = threading.Event()
        self.stopped = threading.Event()
        self.observer = None

    def relevant(self, path: str) -> bool:
        try:
            rel = Path(path).resolve().relative_to(self.preview.source)
        except ValueError:
            return False
        if Path(path).resolve().is_relative_to(self.preview.out):
            return False
        name = rel.name
        if name.endswith(("~", ".swp", ".swx", ".tmp")) or name.startswith(".#"):
            return False
        return not any(part in IGNORED_PARTS for part in rel.parts)

    def start(self):
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        watcher = self

        class OnChange(FileSystemEventHandler):
            def on_any_event(self, event):
                if event.event_type in ("opened", "closed", "closed_no_write"):
                    return
                paths = [event.src_path, getattr(event, "dest_path", "") or ""]
                if any(p and watcher.relevant(p) for p in paths):
                    watcher.pending.set()

        self.observer = Observer()
        self.observer.schedule(OnChange(), str(self.preview.source), recursive=True)
        self.observer.start()
        threading.Thread(target=self._loop, daemon=True).start()

    def _loop(self):
        while not self.stopped.is_set():
            self.pending.wait()
            if self.stopped.is_set():
                return
            time.sleep(self.delay)  # the rest of the save's events arrive
            self.pending.clear()
            self.preview.rebuild()

    def stop(self):
        self.stopped.set()
        self.pending.set()  # wakes the loop, which ends
        if self.observer:
            self.observer.stop()
            self.observer.join(timeout=2)


def serve(source: Path, *, host: str = "127.0.0.1", port: int = 4000, open_browser: bool = False,
          drafts: bool = False, theme: str | None = None, unsafe: bool = False) -> ExitCode:
    preview = Preview(source, drafts=drafts, theme=theme, unsafe=unsafe)
    preview.rebuild()
    try:
        server = make_server(preview, host, port)
    except OSError as err:
        raise UsageError(f"cannot listen on {host}:{port}: {err.strerror}") from None
    watcher = Watcher(preview)
    watcher.start()
    url = f"http://{host}:{server.server_address[1]}/"
    print(f"Serving {preview.source} at {url} (Ctrl-C to stop)", file=sys.stderr)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print("warning: the preview is reachable from other machines on this network", file=sys.stderr)
    if open_browser:
        webbrowser.open(url)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        print("\nstopping", file=sys.stderr)
    finally:
        server.stopping = True
        watcher.stop()
        with preview.changed:
            preview.changed.notify_all()
        server.server_close()
    return ExitCode.OK
