"""Releases for machines: `releases.json` (every published release and its changes) and an Atom
feed of releases (`releases.xml`), so that consumers of a specification can follow it.

Both are deterministic (no build time in them): a feed's `updated` is its newest release date, so
that an unchanged site gives byte-identical files and feed readers see no phantom updates.
"""
from __future__ import annotations

import html
import json
import uuid
from xml.sax.saxutils import escape as xml_escape, quoteattr

from ..discover import SourcePage
from ..frontmatter import LineDict
from ..parse import ParsedPage
from ..wording import plural
from .render import release_url

JSON_URL = "releases.json"
ATOM_URL = "releases.xml"
EPOCH = "1970-01-01T00:00:00Z"


def ticket_url(config, ticket: int) -> str | None:
    template = config.options.get("tickets_url")
    return str(template).format(n=ticket) if template else None


def absolute(config, url: str) -> str:
    """`url` with the site's `url` and `baseurl` in front when `url` is configured; else as it is
    (relative to the site's root, where the feeds are written)."""
    site = str(config.site.get("url") or "").rstrip("/")
    return f"{site}{config.baseurl}/{url}" if site else url


def published(releases) -> list:
    return [r for r in releases if not r.draft]


def releases_data(config, releases) -> dict:
    """The content of releases.json."""
    items = []
    for release in published(releases):
        page = release_url(config, release)
        changes = []
        for entry in release.entries:
            changes.append({
                "title": html.unescape(entry.title),
                "url": absolute(config, f"{page}#{entry.anchor}"),
                "tickets": [{"number": t, "url": ticket_url(config, t)} for t in entry.tickets],
                "affects": list(entry.affects), "impacts": list(entry.impacts),
                "breaking": entry.breaking, "cosmetic": entry.cosmetic,
                "description": entry.body.strip(),
                "pages_changed": [{"link": c.link, "text": c.text, "changes": list(c.changes)}
                                  for c in entry.pages_changed],
                "profiles_changed": list(entry.profiles_changed),
            })
        items.append({
            "version": release.version,
            "date": release.date.isoformat() if release.date else None,
            "url": absolute(config, page),
            "introduction": release.introduction.strip(),
            "tickets": sorted({t for e in release.entries for t in e.tickets}),
            "areas": sorted({a for e in release.entries for a in e.affects}),
            "pages_changed": sorted({c.link.split("#", 1)[0] for e in release.entries for c in e.pages_changed}),
            "changes": changes,
        })
    return {"specification": config.spec_name, "version": config.version,
            "feed": absolute(config, ATOM_URL), "releases": items}


def _id(config, url: str, key: str) -> str:
    """An Atom id is an absolute IRI: the page's address when the site's `url` is known, else a
    name-based UUID that stays the same from build to build."""
    if config.site.get("url"):
        return absolute(config, url)
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"specsite:{config.spec_name}:{key}"))


def _stamp(date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def atom_feed(config, releases, markdown=None) -> str:
    """An Atom 1.0 feed (RFC 4287) with one entry per published, dated release, newest first."""
    dated = [r for r in published(releases) if r.date is not None]  # an entry needs `updated`
    name = config.spec_name
    updated = max((_stamp(r.date) for r in dated), default=EPOCH)
    out = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom">',
           f"  <id>{xml_escape(_id(config, ATOM_URL, 'releases'))}</id>",
           f"  <title>{xml_escape(name)} releases</title>",
           f"  <updated>{updated}</updated>",
           f"  <author><name>{xml_escape(name)}</name></author>",
           f'  <link rel="self" type="application/atom+xml" href={quoteattr(absolute(config, ATOM_URL))}/>',
           f'  <link rel="alternate" type="text/html" '
           f'href={quoteattr(absolute(config, config.release["index_permalink"]))}/>',
           '  <generator>specsite</generator>']
    for release in dated:
        page = release_url(config, release)
        out += ["  <entry>",
                f"    <id>{xml_escape(_id(config, page, release.version))}</id>",
                f"    <title>{xml_escape(name)} {xml_escape(release.version)}</title>",
                f"    <updated>{_stamp(release.date)}</updated>",
                f'    <link rel="alternate" type="text/html" href={quoteattr(absolute(config, page))}/>',
                f"    <summary>{xml_escape(_summary(release))}</summary>",
                f'    <content type="html">{xml_escape(_content(config, release, page, markdown))}</content>',
                "  </entry>"]
    out.append("</feed>")
    return "\n".join(out) + "\n"


def _summary(release) -> str:
    return f"{plural(len(release.entries), 'change')}: " + "; ".join(html.unescape(e.title) for e in release.entries)


def _content(config, release, page, markdown=None) -> str:
    """The release as HTML (escaped once more by the caller, as `type="html"` asks): its
    introduction, then each change with its tickets and description."""
    from markupsafe import escape

    def block(text: str) -> str:
        text = text.strip()
        if not text:
            return ""
        return markdown.render_inline(text) if markdown is not None else f"<p>{escape(text)}</p>"
    items = []
    for entry in release.entries:
        tickets = []
        for t in entry.tickets:
            link = ticket_url(config, t)
            tickets.append(f'<a href="{escape(link)}">#{t}</a>' if link else f"#{t}")
        extra = f" ({', '.join(tickets)})" if tickets else ""
        href = escape(absolute(config, f"{page}#{entry.anchor}"))
        items.append(f'<li><a href="{href}">{escape(html.unescape(entry.title))}</a>{extra}{block(entry.body)}</li>')
    return f"{block(release.introduction)}<ul>{''.join(items)}</ul>"


def feed_pages(config, releases, markdown=None) -> list:
    """releases.json and releases.xml as generated pages written as they are (no layout)."""
    if not published(releases):
        return []
    data = json.dumps(releases_data(config, releases), indent=2, ensure_ascii=False) + "\n"
    return [_raw(JSON_URL, data), _raw(ATOM_URL, atom_feed(config, releases, markdown))]


def _raw(url: str, text: str) -> ParsedPage:
    meta = LineDict({"layout": None, "search": False, "sitemap": False})
    return ParsedPage(SourcePage(f"<generated>/{url}", meta, "", 1, url, False), text, (), (), (), (), ())
