"""The HTML the preview adds to what the build produced: the reload script, the banner of
problems above a page, the page shown for a page that did not build, and a fallback 404."""
from __future__ import annotations

import html
import re

from .check.grouped import grouped
from .diagnostics import ERROR
from .wording import plural

EVENTS_PATH = "/__specsite/events"
RELOAD_SCRIPT = """<script>
(function () {
  if (!window.EventSource) return;
  var source = new EventSource("%s");
  source.addEventListener("reload", function () { window.location.reload(); });
})();
</script>""" % EVENTS_PATH


def decorate(text: str, banner: str) -> str:
    """The page with the reload script in its head and the banner at the top of its body."""
    text = text.replace("</head>", RELOAD_SCRIPT + "\n</head>", 1) if "</head>" in text else RELOAD_SCRIPT + text
    if not banner:
        return text
    if "<body" in text:
        at = text.index(">", text.index("<body")) + 1
        return text[:at] + banner + text[at:]
    return banner + text


def banner(problems: list, mine: list) -> str:
    """A strip above the page: this page's problems (`mine`, a rebuild failure first) listed, the
    other pages' counted; folded when only other pages have errors; empty when there is nothing."""
    listed = {id(d) for d in mine}
    others = grouped([d for d in problems if id(d) not in listed])
    mine = grouped(mine)  # (a layout line broken from many folders: one entry, as check's text)
    other_errors = [d for d in others if d.severity == ERROR]
    if not mine and not other_errors:
        return ""
    rest = f"{len(others)} elsewhere" if others else ""
    if mine:
        head = f"specsite: {plural(len(mine), 'problem')} here" + (f" · {rest}" if rest else "")
        items = [d.format() for d in mine[:20]]
        if len(mine) > 20:
            items.append(f"… and {len(mine) - 20} more on this page")
    else:
        head = f"specsite: {plural(len(others), 'problem')} on other pages"
        items = [d.format() for d in other_errors[:10]]
    lis = "".join(f"<li>{html.escape(item)}</li>" for item in items)
    if others:
        lis += ('<li class="specsite-banner-others">The terminal lists them all; '
                '<code>specsite check</code> reports them.</li>')
    quiet = "" if mine else " is-quiet"
    return (f'<div class="specsite-banner{quiet}" role="alert" aria-label="specsite preview">'
            f'<details{" open" if mine else ""}><summary>{html.escape(head)}</summary><ul>{lis}</ul></details>'
            '<button type="button" class="specsite-banner-close"><span aria-hidden="true">×</span>'
            '<span class="visually-hidden">Dismiss message</span></button></div>')


def error_page(rel: str, problems: list, baseurl: str) -> str:
    """The answer for a page that no longer builds: its errors, and a tab that reloads once fixed."""
    items = "".join(f"<li><pre>{html.escape(d.format())}</pre></li>" for d in problems[:20])
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Build error: {html.escape(rel)}'
            '</title><meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<link rel="stylesheet" href="{html.escape(baseurl)}/assets/css/theme.css">'
            f'{RELOAD_SCRIPT}</head><body><main class="layout specsite-error-page" id="content">'
            f'<h1>This page did not build</h1><p><code>{html.escape(rel)}</code> has '
            f'{plural(len(problems), "error")}. Fix {"them" if len(problems) != 1 else "it"} '
            'and save: this tab reloads by itself.</p>'
            f'<ul>{items}</ul></main></body></html>')


def not_found_page(own: str | None, url: str, baseurl: str) -> str:
    """The site's own 404 page (`own`), else a plain one; with a <base> so that its relative links
    (the theme's assets) resolve from the root at any depth."""
    text = own if own is not None else (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title>"
        "</head><body><main><h1>404: not in this site</h1><p>No page or file of the site is at "
        f"<code>{html.escape(url)}</code>.</p><p><a href=\"{html.escape(baseurl)}/\">Home</a></p>"
        "</main></body></html>")
    return re.sub(r"<head\b[^>]*>", lambda m: f'{m.group(0)}<base href="{html.escape(baseurl)}/">', text,
                  count=1)
