"""Releases for machines: releases.json and the Atom feed releases.xml (releases.feeds).

The feed is checked against the MUSTs of RFC 4287 (Atom 1.0) by `atom_problems` below, which is
itself tested on broken feeds so that it can fail. Every case starts from a copy of
tests/fixtures/releases/base (spec "Test API", tickets_url https://tickets.example/issues/{n}).
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import FIXTURES, build_site, make_site
from tests.test_releases_command import CLEAN, run_cli

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
IRI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$")

# Published 1.2.3 (CLEAN: ticket 601), published 1.2.2 with two tickets and no pages, draft 1.3.0.
RELEASES = {
    **CLEAN,
    "releases/1.2.2/release.yml": "version: 1.2.2\nstatus: published\ndate: 2018-11-20\nintroduction: Earlier.\n",
    "releases/1.2.2/583-slots.md": "---\ntitle: Clarify the <slot> search\ntickets: [583, 584]\n"
                                   "affects: [Foundations]\n---\n\nWider window.\n",
    "releases/1.3.0/release.yml": "version: 1.3.0\nstatus: draft\nintroduction: Next.\n",
    "releases/1.3.0/655-next.md": "---\ntitle: Next\ntickets: [655]\naffects: [Core]\n---\n\nSoon.\n",
}


def atom_problems(xml: bytes) -> list[str]:
    """What an Atom 1.0 document breaks of RFC 4287's MUSTs (empty: it is valid)."""
    problems = []
    root = etree.fromstring(xml)
    if root.tag != ATOM + "feed":
        return [f"root is {root.tag}, not atom:feed"]

    def one(parent, name, where):
        found = parent.findall(ATOM + name)
        if len(found) != 1:
            problems.append(f"{where} has {len(found)} atom:{name} (exactly one is required)")
        return found[0] if found else None

    def text_construct(element, where):
        if element is not None and element.get("type", "text") not in ("text", "html", "xhtml"):
            problems.append(f"{where}: type {element.get('type')!r}")

    def dates_and_ids(parent, where):
        updated, ident = one(parent, "updated", where), one(parent, "id", where)
        if updated is not None and not RFC3339.match(updated.text or ""):
            problems.append(f"{where}: updated {updated.text!r} is not an RFC 3339 date-time")
        if ident is not None and not IRI.match(ident.text or ""):
            problems.append(f"{where}: id {ident.text!r} is not an absolute IRI")
        text_construct(one(parent, "title", where), where)
        for link in parent.findall(ATOM + "link"):
            if not link.get("href"):
                problems.append(f"{where}: a link without href")
        alternates = [(l.get("type"), l.get("hreflang")) for l in parent.findall(ATOM + "link")
                      if l.get("rel", "alternate") == "alternate"]
        if len(alternates) != len(set(alternates)):
            problems.append(f"{where}: two alternate links with one type and hreflang")

    dates_and_ids(root, "feed")
    feed_author = root.findall(ATOM + "author")
    for author in feed_author:
        one(author, "name", "feed author")
    for index, entry in enumerate(root.findall(ATOM + "entry")):
        where = f"entry {index + 1}"
        dates_and_ids(entry, where)
        if not feed_author and not entry.findall(ATOM + "author"):
            problems.append(f"{where} has no author and neither has the feed")
        content = entry.findall(ATOM + "content")
        alternate = [l for l in entry.findall(ATOM + "link") if l.get("rel", "alternate") == "alternate"]
        if not content and not alternate:
            problems.append(f"{where} has neither content nor an alternate link")
        for c in content:
            text_construct(c, where)
            if c.get("src") is not None and not entry.findall(ATOM + "summary"):
                problems.append(f"{where}: content with src needs a summary")
    ids = [e.findtext(ATOM + "id") for e in root.findall(ATOM + "entry")]
    if len(ids) != len(set(ids)):
        problems.append("two entries share an id")
    return problems


@pytest.fixture
def root(tmp_path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "releases" / "base", site)
    make_site(site, RELEASES)
    return site


def built(root: Path, out: Path, *args) -> Path:
    assert run_cli(["build", "--source", root, "--out", out, *args]) == 0
    return out


def test_the_atom_checker_finds_broken_feeds():
    """atom_problems flags a missing updated, a relative id, a date that is no date-time, and a
    feed and entry without author."""
    good = (b'<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x:1</id><title>T</title>'
            b'<updated>2019-03-12T00:00:00Z</updated><author><name>A</name></author>'
            b'<entry><id>urn:x:2</id><title>E</title><updated>2019-03-12T00:00:00Z</updated>'
            b'<link href="a.html"/></entry></feed>')
    assert atom_problems(good) == []
    assert atom_problems(good.replace(b"<updated>2019-03-12T00:00:00Z</updated><author>", b"<author>")) == [
        "feed has 0 atom:updated (exactly one is required)"]
    assert atom_problems(good.replace(b"urn:x:2", b"page.html")) == [
        "entry 1: id 'page.html' is not an absolute IRI"]
    assert atom_problems(good.replace(b"2019-03-12T00:00:00Z</updated><author>", b"2019-03-12</updated><author>")) \
        == ["feed: updated '2019-03-12' is not an RFC 3339 date-time"]
    assert atom_problems(good.replace(b"<author><name>A</name></author>", b"")) == [
        "entry 1 has no author and neither has the feed"]


def test_build_writes_a_valid_atom_feed_of_published_releases(root, tmp_path):
    """releases.xml validates; its entries are 1.2.3 then 1.2.2 (the draft is left out, also with
    --drafts), dated by their release dates, linking their pages; the feed's updated is the newest."""
    for args in ((), ("--drafts",)):
        out = built(root, tmp_path / f"out{len(args)}", *args)
        xml = (out / "releases.xml").read_bytes()
        assert atom_problems(xml) == []
        feed = etree.fromstring(xml)
        entries = feed.findall(ATOM + "entry")
        assert [e.findtext(ATOM + "title") for e in entries] == ["Test API 1.2.3", "Test API 1.2.2"]
        assert [e.findtext(ATOM + "updated") for e in entries] == ["2019-03-12T00:00:00Z", "2018-11-20T00:00:00Z"]
        assert feed.findtext(ATOM + "updated") == "2019-03-12T00:00:00Z"
        assert [e.find(ATOM + "link").get("href") for e in entries] == [
            "overview_release_notes_1_2_3.html", "overview_release_notes_1_2_2.html"]
        content = entries[1].findtext(ATOM + "content")
        assert '<a href="https://tickets.example/issues/583">#583</a>' in content  # tickets link everywhere
        assert "Clarify the &lt;slot&gt; search" in content
        assert "<p>Earlier.</p>" in content and "<p>Wider window.</p>" in content  # markdown, rendered


def test_feed_ids_are_stable_and_absolute_urls_where_the_site_has_one(root, tmp_path):
    """Without `url` the ids are name-based UUIDs, the same in two builds (and the files are
    byte-identical); with `url: https://spec.example` and baseurl /api, ids and links are absolute."""
    first = (built(root, tmp_path / "a") / "releases.xml").read_bytes()
    second = (built(root, tmp_path / "b") / "releases.xml").read_bytes()
    assert first == second
    ids = [e.text for e in etree.fromstring(first).iter(ATOM + "id")]
    assert all(i.startswith("urn:uuid:") for i in ids) and len(set(ids)) == 3
    config = root / "_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace('baseurl: ""', 'baseurl: "/api"\nurl: https://spec.example'),
                      encoding="utf-8")
    feed = etree.fromstring((built(root, tmp_path / "c") / "releases.xml").read_bytes())
    assert atom_problems(etree.tostring(feed)) == []
    assert feed.findtext(ATOM + "id") == "https://spec.example/api/releases.xml"
    entry = feed.find(ATOM + "entry")
    assert entry.findtext(ATOM + "id") == "https://spec.example/api/overview_release_notes_1_2_3.html"
    assert entry.find(ATOM + "link").get("href") == "https://spec.example/api/overview_release_notes_1_2_3.html"


def test_releases_json_lists_published_releases_with_changes_tickets_areas_and_pages(root, tmp_path):
    """releases.json: 1.2.3 and 1.2.2 (no draft), each with its date, tickets (numbers and links),
    areas, pages changed and changes."""
    data = json.loads((built(root, tmp_path / "out") / "releases.json").read_text(encoding="utf-8"))
    assert (data["specification"], data["version"], data["feed"]) == ("Test API", "1.2.3", "releases.xml")
    assert [(r["version"], r["date"], r["url"]) for r in data["releases"]] == [
        ("1.2.3", "2019-03-12", "overview_release_notes_1_2_3.html"),
        ("1.2.2", "2018-11-20", "overview_release_notes_1_2_2.html")]
    newest, older = data["releases"]
    assert (newest["tickets"], newest["areas"], newest["pages_changed"]) == (
        [601], ["Appointment Management"], ["amend.html"])
    [change] = newest["changes"]
    assert change["title"] == "Amending a cancelled appointment is no longer supported"
    assert change["url"] == "overview_release_notes_1_2_3.html#ticket-601"
    assert change["tickets"] == [{"number": 601, "url": "https://tickets.example/issues/601"}]
    assert change["pages_changed"] == [{"link": "amend.html#payload-request-body", "text": None, "changes": []}]
    assert change["description"] == "- Refused now."
    assert (older["tickets"], older["areas"], older["changes"][0]["title"]) == (
        [583, 584], ["Foundations"], "Clarify the <slot> search")


def test_the_releases_index_links_the_feeds(root):
    """The releases index offers the Atom feed and the JSON, and the checker finds both."""
    site = build_site(root)
    index = next(p for p in site.pages if p.source.url == "overview_release_notes.html")
    assert 'href="releases.xml"' in index.html and 'href="releases.json"' in index.html
    assert {"releases.xml", "releases.json"} <= set(site.outputs)
    assert not [d for d in site.all_diagnostics() if d.severity == "error"]


def test_an_undated_old_release_is_in_json_not_in_the_feed(root, tmp_path):
    """`date: unknown` (an imported old release): releases.json says null; the feed has no entry for
    it (an Atom entry needs a date); release check accepts it."""
    make_site(root, {"releases/1.0.0/release.yml": "version: 1.0.0\nstatus: published\ndate: unknown\n",
                     "releases/1.0.0/first-version.md": "---\ntitle: First version\ntickets: none\n"
                                                        "affects: [Core]\n---\n\n- First version published.\n"})
    out = built(root, tmp_path / "out")
    data = json.loads((out / "releases.json").read_text(encoding="utf-8"))
    assert [(r["version"], r["date"]) for r in data["releases"]][-1] == ("1.0.0", None)
    assert data["releases"][-1]["changes"][0]["tickets"] == []
    titles = [e.findtext(ATOM + "title") for e in etree.fromstring((out / "releases.xml").read_bytes())
              .findall(ATOM + "entry")]
    assert "Test API 1.0.0" not in titles
    page = (out / "overview_release_notes_1_0_0.html").read_text(encoding="utf-8")
    assert "Test API 1.0.0 released (date not recorded)" in page
    release_page = next(p for p in build_site(root).pages if p.source.url == "overview_release_notes_1_0_0.html")
    assert [h.text for h in release_page.headings] == ["1.0.0 changes", "First version"]  # no Introduction
    assert run_cli(["release", "check", "1.0.0", "--source", root]) == 0
