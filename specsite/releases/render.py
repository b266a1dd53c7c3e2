"""Release pages, the releases index, the tickets page and the "changed in" history of pages.

Entry bodies and introductions go through the same Liquid + markdown stage as pages, so their
links are recorded at the entry's own file and line; the page around them is shaped here.
"""
from __future__ import annotations

import dataclasses
import html
import re
from dataclasses import dataclass

from markupsafe import escape

from ..discover import SourcePage
from ..frontmatter import LineDict
from ..kramdown_ids import IdGenerator, heading_text
from ..parse import Anchor, HeadingRecord, Link, ParsedPage, parse_page
from ..theme import NavNode, Sidebar, _index_folders
from ..theme_partials import history_html
from .model import Release, ReleaseEntry


@dataclass(frozen=True)
class Fragment:
    """Rendered release-notes HTML, with its links and ids for the checker."""
    html: str
    links: tuple
    anchors: tuple
    diagnostics: tuple


def release_url(config, release: Release) -> str:
    major, minor, patch, suffix = release.parts
    patch = f"{patch}_{suffix}" if suffix else patch  # 1.0.0-rc.1: overview_release_notes_1_0_0_rc_1.html
    return config.release["permalink"].format(major=major, minor=minor, patch=patch,
                                              version=release.version).lstrip("/")


def title_of(config, release: Release) -> str:
    return f"{config.spec_name} {release.version} release notes"


def summary_of(config, release: Release) -> str:
    if release.date:
        return f"{config.spec_name} {release.version} released on {release.date.strftime('%d %b %Y')}"
    if release.date_text:
        return f"{config.spec_name} {release.version} released on {release.date_text}"
    if release.date_unknown:
        return f"{config.spec_name} {release.version} released (date not recorded)"
    return f"{config.spec_name} {release.version} — draft, not yet released"


def visible(config, releases) -> list:
    return [r for r in releases if not r.draft or config.drafts]


class ReleaseRenderer:
    def __init__(self, config, liquid, markdown, titles: dict):
        self.config, self.liquid, self.markdown = config, liquid, markdown
        self.titles = titles  # page url -> title

    def fragment(self, text: str, rel: str, line: int, url: str, meta: dict) -> Fragment:
        """Markdown from a release file, rendered like a page body, links kept at rel:line."""
        if not text.strip():
            return Fragment("", (), (), ())
        page = SourcePage(rel, LineDict(meta), text, line, url, True)
        parsed = parse_page(page, self.liquid, self.markdown)
        if "/" not in url:
            return Fragment(parsed.html, parsed.links, parsed.anchors, parsed.diagnostics)
        # an entry's links name site paths, as its `link:`s do: on a page in a folder they climb to the root
        html_text = _HREF.sub(lambda m: m.group(1) + from_page(url, m.group(2)) + m.group(3), parsed.html)
        links = tuple(link._replace(target=from_page(url, link.target)) for link in parsed.links)
        return Fragment(html_text, links, parsed.anchors, parsed.diagnostics)

    def page(self, release: Release) -> ParsedPage:
        config = self.config
        url = release_url(config, release)
        ids = IdGenerator()
        parts, links, anchors, diags, headings = [], [], [], [], []

        def heading(level, text, hid=None, extra=""):
            hid = hid or ids.gfm(text)
            headings.append(HeadingRecord(level, hid, text, None))
            anchors.append(Anchor(hid, None))
            parts.append(f'<h{level} id="{escape(hid)}">{extra}{escape(text)}</h{level}>')

        if "introduction" in release.meta:  # an imported old release may have none
            heading(2, "Introduction")
            intro_line = (release.introduction_line or 1) + (1 if "\n" in release.introduction else 0)
            frag = self.fragment(release.introduction, release.rel, intro_line, url, {})
            self._add(frag, parts, links, anchors, diags)
        heading(2, f"{release.version} changes")
        groups = self._groups(release)
        for area, entries in groups:
            if area is not None:
                heading(3, area)
            for entry in entries:
                self._entry(entry, url, 4 if area is not None else 3, ids, parts, links, anchors, diags,
                            headings)
        meta = LineDict({"title": title_of(config, release), "summary": summary_of(config, release),
                         "sidebar": config.release["sidebar"], "tags": ["release"],
                         "keywords": f"{config.spec_name}, release notes, {release.version}",
                         "layout": "page", "toc": True, "draft": release.draft})
        source = SourcePage(release.rel, meta, "", 1, url, False)
        return ParsedPage(source, "\n".join(parts) + "\n", tuple(headings), tuple(anchors), tuple(links),
                          tuple(diags), ())

    def _groups(self, release):
        if not self.config.release.get("group_by_area"):
            return [(None, list(release.entries))]
        groups: dict = {}
        for entry in release.entries:
            groups.setdefault(entry.affects[0] if entry.affects else "Other", []).append(entry)
        order = list(self.config.options.get("capabilities") or [])
        return sorted(groups.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))

    def _add(self, frag, parts, links, anchors, diags):
        parts.append(frag.html)
        links.extend(frag.links)
        anchors.extend(frag.anchors)
        diags.extend(frag.diagnostics)

    def _entry(self, entry: ReleaseEntry, url, level, ids, parts, links, anchors, diags, headings):
        """One change: its heading carries `ticket-N` (stable), an id per further ticket, and the
        id kramdown gives the title (so that links into the old hand-written page still work)."""
        parts.append("<hr>")
        title_html = self._inline(entry.title)  # typography and entities, as a heading gets them
        title_text = heading_text(title_html)
        compat = ids.gfm(title_text + ("  (cosmetic)" if entry.cosmetic else ""))
        cosmetic = " <em>(cosmetic)</em>" if entry.cosmetic else ""
        taken = {a.id for a in anchors}
        anchor = entry.anchor
        while anchor in taken:  # two entries claiming one ticket: reported by the model, once
            anchor += "-dup"
        line = entry.line_of("title")
        headings.append(HeadingRecord(level, anchor, title_text, line))
        anchors.append(Anchor(anchor, line))
        spans = ""
        for extra in [f"ticket-{t}" for t in entry.tickets[1:]] + ([compat] if compat else []):
            if extra not in taken and extra != anchor:
                anchors.append(Anchor(extra, line))
                taken.add(extra)
                spans += f'<span id="{escape(extra)}"></span>'
        parts.append(f'<h{level} id="{escape(anchor)}">{spans}{title_html}{cosmetic}</h{level}>')
        if entry.tickets:
            parts.append(self._tickets(entry))
        if entry.affects:
            parts.append(_field("Affects", escape(", ".join(entry.affects))))
        if entry.impacts:
            parts.append(_field("Impacts", escape(", ".join(entry.impacts))))
        if entry.breaking:
            parts.append('<p class="breaking"><strong>Breaking change</strong></p>')
        parts.append("<p><strong>Description:</strong></p>")
        self._add(self.fragment(entry.body, entry.rel, entry.body_line, url, entry.meta), parts, links,
                  anchors, diags)
        if entry.pages_changed:
            parts.append("<p><strong>Pages changed:</strong></p>")
            parts.append(self._pages_changed(entry, url, links))
        if entry.profiles_changed:
            parts.append("<p><strong>Profiles changed:</strong></p>")
            if any("\n" in p for p in entry.profiles_changed):  # nested bullets: render them as a list
                text = "\n".join(f"- {p}" for p in entry.profiles_changed)
                self._add(self.fragment(text, entry.rel, entry.line_of("profiles_changed") or entry.body_line,
                                        url, entry.meta), parts, links, anchors, diags)
            else:
                parts.append("<ul>" + "".join(f"<li>{self._inline(p)}</li>" for p in entry.profiles_changed)
                             + "</ul>")

    def _tickets(self, entry) -> str:
        template = self.config.options.get("tickets_url")
        items = []
        for ticket in entry.tickets:
            if template:
                items.append(f'<a href="{escape(template.format(n=ticket))}">#{ticket}</a>')
            else:
                items.append(f"#{ticket}")
        return _field("Tickets", ", ".join(items))

    def _pages_changed(self, entry, url, links) -> str:
        rows = []
        for change in entry.pages_changed:
            target_page = change.link.split("#", 1)[0]
            text = change.text if change.text is not None else self.titles.get(target_page, change.link)
            href = from_page(url, change.link)
            links.append(Link(href, entry.rel, change.line, None, "a", url))
            bullets = "".join(f"<li>{self._inline(b)}</li>" for b in change.changes)
            inner = f"<ul>{bullets}</ul>" if bullets else ""
            rows.append(f'<li><a href="{escape(href)}">{_title_html(text)}</a>{inner}</li>')
        return "<ul>" + "".join(rows) + "</ul>"

    def _inline(self, text: str) -> str:
        rendered = self.markdown.render_inline(text).strip()
        if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
            rendered = rendered[3:-4]
        return rendered


_HREF = re.compile(r"""(\s(?:href|src)=")([^"]*)(")""")
_NOT_SITE_PATH = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/|#)", re.I)


def from_page(page_url: str, target: str) -> str:
    """A site path (`link: amend.html#x`, a release page's URL) as written on the page at `page_url`:
    a generated page in a folder (`release_notes: {permalink: releases/...}`) climbs to the site root."""
    return target if _NOT_SITE_PATH.match(target) else "../" * page_url.count("/") + target


def _field(name: str, value) -> str:
    return f"<p><strong>{name}:</strong>&nbsp; {value}</p>"


def _title_html(text: str) -> str:
    """Titles may carry HTML entities (FHIR&reg;), as in Jekyll front matter."""
    return str(escape(html.unescape(text)))


def index_page(config, releases) -> ParsedPage:
    rows = []
    for release in visible(config, releases):
        url = from_page(config.release["index_permalink"], release_url(config, release))
        date = release.date.isoformat() if release.date else \
            ("date not recorded" if release.date_unknown else "not yet released")
        tickets = sum(len(e.tickets) for e in release.entries)
        draft = " (draft)" if release.draft else ""
        rows.append(f'<tr><td><a href="{escape(url)}">{escape(release.version)}</a>{draft}</td>'
                    f"<td>{escape(date)}</td><td>{len(release.entries)}</td><td>{tickets}</td></tr>")
    body = ('<table class="releases"><thead><tr><th>Version</th><th>Date</th><th>Changes</th>'
            f'<th>Tickets</th></tr></thead><tbody>{"".join(rows)}</tbody></table>\n')
    if any(not r.draft for r in releases):
        root = "../" * config.release["index_permalink"].count("/")
        body += (f'<p class="release-feeds">Follow the releases: <a href="{root}releases.xml" '
                 f'type="application/atom+xml">Atom feed</a> · <a href="{root}releases.json" '
                 'type="application/json">JSON</a></p>\n')
    return _generated(config, config.release["index_permalink"], f"{config.spec_name} release notes",
                      "Every release of the specification, newest first", body)


def tickets_page(config, releases, titles: dict | None = None) -> ParsedPage:
    """Every ticket's row; its pages-changed links are recorded at the entry's `link:` line, as on the
    release page (unrecorded, a Jekyll layout's scan put a broken one at a sidebar entry's line)."""
    rows, links = [], []
    page_url = config.release["tickets_permalink"]
    for release in visible(config, releases):
        url = from_page(page_url, release_url(config, release))
        for entry in release.entries:
            pages = ", ".join(
                f'<a href="{escape(from_page(page_url, c.link))}">'
                f'{_title_html((titles or {}).get(c.link.split("#")[0]) or c.link.split("#")[0])}</a>'
                for c in entry.pages_changed)
            for ticket in entry.tickets:
                links.extend(Link(from_page(page_url, c.link), entry.rel, c.line, None, "a", page_url)
                             for c in entry.pages_changed)
                template = config.options.get("tickets_url")
                number = (f'<a href="{escape(str(template).format(n=ticket))}">#{ticket}</a>' if template
                          else f"#{ticket}")
                rows.append((ticket, f'<tr id="ticket-{ticket}"><td>{number}</td>'
                                     f'<td><a href="{escape(url)}">{escape(release.version)}</a></td>'
                                     f'<td><a href="{escape(url)}#ticket-{ticket}">{_title_html(entry.title)}</a>'
                                     f"</td><td>{pages}</td></tr>"))
    rows.sort()
    body = ('<table class="tickets"><thead><tr><th>Ticket</th><th>Release</th><th>Change</th>'
            f'<th>Pages changed</th></tr></thead><tbody>{"".join(r for _, r in rows)}</tbody></table>\n')
    page = _generated(config, page_url, "Tickets by release",
                      "Every ticket, the release that resolved it and the pages it changed", body)
    anchors = tuple(Anchor(f"ticket-{t}", None) for t, _ in rows)
    return ParsedPage(page.source, page.html, page.headings, anchors, tuple(links), (), ())


def _generated(config, url, title, summary, body) -> ParsedPage:
    meta = LineDict({"title": title, "summary": summary, "sidebar": config.release["sidebar"],
                     "layout": "page", "toc": False, "search": True})
    return ParsedPage(SourcePage(f"<generated>/{url}", meta, "", 1, url, False), body, (), (), (), (), ())


def history(config, releases) -> dict:
    """page url -> [{version, title, url}] of the release entries that changed it, newest first."""
    result: dict = {}
    for release in visible(config, releases):
        url = release_url(config, release)
        for entry in release.entries:
            for change in entry.pages_changed:
                page = change.link.split("#", 1)[0]
                if page == url:
                    continue  # the release page itself needs no "changed in" box pointing at itself
                item = {"version": release.version, "title": html.unescape(entry.title),
                        "url": f"{url}#{entry.anchor}"}
                if item not in result.setdefault(page, []):
                    result[page].append(item)
    return result


def with_history(pages: list, history_of: dict) -> list:
    """A Jekyll site's pages, each page a release changed with our theme's "Changed in" box after its
    content (theme_partials.history_html, its links from the page's folder), so that the site's own
    layout places it."""
    out = []
    for parsed in pages:
        items = history_of.get(parsed.source.url)
        if items and not parsed.source.rel.startswith("<generated>/"):
            here = [dict(item, url=from_page(parsed.source.url, item["url"])) for item in items]
            parsed = dataclasses.replace(parsed, html=parsed.html + history_html(here, "") + "\n")
        out.append(parsed)
    return out


def extend_sidebar(sidebars: dict, config, releases) -> None:
    """Add a 'Release notes' folder (index, then releases newest first) to the configured sidebar."""
    shown = visible(config, releases)
    name = config.release["sidebar"]
    if not shown or name not in sidebars:
        return
    sidebar = sidebars[name]
    index_url = config.release["index_permalink"]
    leaves = [NavNode("All releases", index_url, index_url)]
    for release in shown:
        url = release_url(config, release)
        label = release.version + (" (draft)" if release.draft else "")
        leaves.append(NavNode(label, url, url))
    tickets_url = config.release["tickets_permalink"]
    leaves.append(NavNode("Tickets by release", tickets_url, tickets_url))
    folder = NavNode(config.release["sidebar_folder"], key="releases", children=tuple(leaves))
    extended = Sidebar(sidebar.name, sidebar.title, sidebar.product, sidebar.version,
                       sidebar.nodes + (folder,))
    _index_folders(extended.nodes, [], extended.folders_of)
    sidebars[name] = extended


def jekyll_sidebar_data(data: dict, config, releases) -> dict:
    """`site.data` with a 'Release notes' folder added to the configured sidebar, in the
    Documentation Theme's shape (entries → folders → folderitems), for a site's own layouts.
    The loaded data is not changed: the sidebar's entry is copied."""
    shown = visible(config, releases)
    name = config.release["sidebar"]
    sidebars = data.get("sidebars") if isinstance(data.get("sidebars"), dict) else {}
    sidebar = sidebars.get(name)
    entries = sidebar.get("entries") if isinstance(sidebar, dict) else None
    if not shown or not isinstance(entries, list) or not entries or not isinstance(entries[0], dict):
        return data
    index_url = "/" + config.release["index_permalink"]
    items = [{"title": "All releases", "url": index_url, "output": "web"}]
    for release in shown:
        label = release.version + (" (draft)" if release.draft else "")
        items.append({"title": label, "url": "/" + release_url(config, release), "output": "web"})
    items.append({"title": "Tickets by release", "url": "/" + config.release["tickets_permalink"], "output": "web"})
    folder = {"title": config.release["sidebar_folder"], "output": "web", "folderitems": items}
    first = dict(entries[0])
    first["folders"] = list(first.get("folders") or []) + [folder]
    return {**data, "sidebars": {**sidebars, name: {**sidebar, "entries": [first] + entries[1:]}}}
