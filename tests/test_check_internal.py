"""The internal link checker (specsite.check.internal) and the positions the build records for it.

Unit tests of `resolve`, `check_link` (every rule of RULES), `duplicate_ids` and the
`specsite.severity` / `specsite.ignore` options, then small sites built in memory to check that a
finding lands on the file, line and column where the author wrote the link (a page, an include,
a sidebar data file, a release entry).

Tests marked xfail(strict=True) describe the correct behaviour of an engine bug that is still
open; each reason names the input, what is expected and what the engine does instead.
"""
from __future__ import annotations

import re

import pytest

from conftest import build_site, diagnostics_of, make_site, output_of
from specsite.check.internal import (MISSING_BASEURL, SiteIndex, check_first_links, check_link, check_links,
                                     duplicate_ids, resolve)
from specsite.rules import RULES
from specsite.diagnostics import ERROR, INFO, WARNING
from specsite.parse import Anchor, Link

CONFIG = "title: Check Spec\nversion: 1.0.0\nkramdown:\n  input: GFM\n  auto_ids: true\nspecsite: {}\n"


# -- resolve ------------------------------------------------------------------------------------


@pytest.mark.parametrize("target, page, baseurl, expected", [
    ("amend.html", "index.html", "", ("amend.html", "")),
    ("amend.html#payload-request-body", "index.html", "", ("amend.html", "payload-request-body")),
    ("#response", "amend.html", "", ("", "response")),
    ("#", "amend.html", "", ("", "")),
    ("amend.html#donn%C3%A9es", "index.html", "", ("amend.html", "données")),
    ("amend.html#donn%C3%A9es", "guide/index.html", "", ("guide/amend.html", "données")),
    ("amend.html?version=2#response", "index.html", "", ("amend.html", "response")),
    ("my%20page.html", "index.html", "", ("my page.html", "")),
    ("../amend.html#request", "guide/index.html", "", ("amend.html", "request")),
    ("..", "guide/index.html", "", ("index.html", "")),
    ("./", "guide/index.html", "", ("guide/index.html", "")),
    ("guide/", "index.html", "", ("guide/index.html", "")),
    ("guide/../amend.html", "index.html", "", ("amend.html", "")),
    ("/amend.html", "guide/index.html", "", ("amend.html", "")),
    ("/spec/amend.html#response", "guide/index.html", "/spec", ("amend.html", "response")),
    ("/spec/", "index.html", "/spec", ("index.html", "")),
    ("/spec", "index.html", "/spec", ("index.html", "")),
    ("/specification.html", "index.html", "/spec", (MISSING_BASEURL, "")),  # not under /spec/
    ("/amend.html", "", "", ("amend.html", "")),  # a sidebar url: no page of its own
    ("../../outside.html", "index.html", "", ("outside.html", "")),  # a URL's '..' stops at the root
    ("../outside.html", "guide/index.html", "", ("outside.html", "")),
    ("../../outside.html", "guide/index.html", "", ("outside.html", "")),
    ("../../outside.html", "guide/index.html", "/spec", (None, "")),  # under /spec/ it leaves the site
], ids=lambda v: repr(v) if isinstance(v, str) else None)
def test_resolve_gives_the_output_path_and_the_decoded_fragment(target, page, baseurl, expected):
    """resolve() maps a link to (output path, fragment): relative, root- and baseurl-absolute, ../, dir/ and %XX."""
    assert resolve(target, page, baseurl) == expected


# -- check_link on a hand-made index --------------------------------------------------------------


def make_index(baseurl: str = "") -> SiteIndex:
    index = SiteIndex(baseurl=baseurl)
    index.add_page("index.html", {"overview", "downloads"}, "Home")
    for source, url in (("pages/fhir/practitioner.md", "practitioner_old.html"),
                        ("pages/fhir/practitioner_role.md", "practitioner_role_old.html")):  # (permalinks)
        index.add_page(url, set())
        index.sources[source] = url
    index.add_page("amend.html", {"request", "payload-request-body", "response", "données"}, "Amend")
    index.add_page("guide/index.html", {"steps"}, "Guide")
    for url in ("images/diagram.svg", "downloads/spec.pdf", "downloads/openapi.json"):
        index.add_file(url)
    return index


def link(target: str, page: str = "index.html", tag: str = "a") -> Link:
    return Link(target, "pages/x.md", 7, 12, tag, page)


@pytest.mark.parametrize("target, page, tag", [
    ("amend.html", "index.html", "a"),
    ("amend.html#payload-request-body", "index.html", "a"),
    ("#overview", "index.html", "a"),
    ("#", "index.html", "a"),
    ("#top", "amend.html", "a"),
    ("#TOP", "amend.html", "a"),
    ("index.html#top", "amend.html", "a"),
    ("amend.html#donn%C3%A9es", "index.html", "a"),
    ("/spec/amend.html#response", "guide/index.html", "a"),
    ("/spec/", "amend.html", "a"),
    ("guide/", "index.html", "a"),
    ("guide", "index.html", "a"),  # a folder without its slash, as a web server redirects it
    ("amend", "index.html", "a"),  # an extension-less link, as GitHub Pages serves it
    ("amend#response", "index.html", "a"),
    ("../amend.html#request", "guide/index.html", "a"),
    ("./#steps", "guide/index.html", "a"),
    ("images/diagram.svg", "index.html", "img"),
    ("downloads/spec.pdf", "index.html", "a"),
    ("downloads/spec.pdf#page=2", "index.html", "a"),  # fragments of non-HTML files are not checked
    ("mailto:team@example.org?subject=Spec", "index.html", "a"),
    ("MAILTO:team@example.org", "index.html", "a"),
    ("tel:+441234567890", "index.html", "a"),
    ("https://www.hl7.org/fhir/STU3/", "index.html", "a"),
    ("//cdn.example.org/lib.js", "index.html", "script"),
    ("urn:ietf:rfc:3986", "index.html", "a"),
    ("data:image/png;base64,iVBORw0KGgo=", "index.html", "img"),
])
def test_valid_links_give_no_finding(target, page, tag):
    """Every kind of valid target (page, #anchor, %XX, baseurl, dir/, image, download, other schemes) passes."""
    assert check_link(link(target, page, tag), make_index("/spec")) is None


@pytest.mark.parametrize("target, page, tag, rule, message, hint", [
    ("cancel.html", "index.html", "a", "broken-link",
     "page 'cancel.html' does not exist in the site", "Create the page or correct the link."),
    ("withdrawn-notice.html", "index.html", "a", "broken-link",
     "page 'withdrawn-notice.html' does not exist in the site", "Create the page or correct the link."),
    ("amend.html#payload-request-bdy", "index.html", "a", "broken-anchor",
     "anchor '#payload-request-bdy' does not exist on 'amend.html'", "Did you mean '#payload-request-body'?"),
    ("amend.html#Response", "index.html", "a", "broken-anchor",
     "anchor '#Response' does not exist on 'amend.html'", "Did you mean '#response'?"),
    ("#nowhere-at-all-on-this-page", "index.html", "a", "broken-anchor",
     "anchor '#nowhere-at-all-on-this-page' does not exist on this page",
     "Correct the fragment, or give a heading or element on this page the id 'nowhere-at-all-on-this-page'."),
    ("images/missing.png", "index.html", "img", "missing-image",
     "image 'images/missing.png' does not exist in the site", "Add the image or correct its path."),
    ("media/intro.mp4", "index.html", "video", "missing-image",
     "image 'media/intro.mp4' does not exist in the site", "Add the image or correct its path."),
    ("Amend.html", "index.html", "a", "case-mismatch",
     "'Amend.html' exists only as 'amend.html'; it works on a case-insensitive laptop but breaks on the "
     "web server", "Write 'amend.html'."),
    ("Images/Diagram.svg", "index.html", "img", "case-mismatch",
     "'Images/Diagram.svg' exists only as 'images/diagram.svg'; it works on a case-insensitive laptop but "
     "breaks on the web server", "Write 'images/diagram.svg'."),
    (" amend.html", "index.html", "a", "link-whitespace",
     "link target ' amend.html' has spaces around it", "Remove the spaces: 'amend.html'."),
    ("amend.html ", "index.html", "a", "link-whitespace",
     "link target 'amend.html ' has spaces around it", "Remove the spaces: 'amend.html'."),
    # (a browser drops the spaces: the target is checked without them, and its own finding wins)
    ("\n  withdrawn-notice.html\n  ", "index.html", "a", "broken-link",
     "page 'withdrawn-notice.html' does not exist in the site", "Create the page or correct the link."),
    (" amend.html#payload-request-bdy", "index.html", "a", "broken-anchor",
     "anchor '#payload-request-bdy' does not exist on 'amend.html'", "Did you mean '#payload-request-body'?"),
    ("", "index.html", "a", "empty-link", "link target is empty", "Write the page or #anchor it should go to."),
    ("   ", "index.html", "a", "empty-link", "link target is empty", "Write the page or #anchor it should go to."),
    ("../../outside.html", "index.html", "a", "link-escapes-site",
     "'../../outside.html' climbs out of the site with '..'; a browser stops at the root, where "
     "'outside.html' does not exist", "Link to a page inside the site."),
    ("../../../etc/passwd", "guide/index.html", "a", "link-escapes-site",
     "'../../../etc/passwd' climbs out of the site with '..'; a browser stops at the root, where "
     "'etc/passwd' does not exist", "Link to a page inside the site."),
    ("amend.html", "guide/index.html", "a", "broken-link",
     "page 'guide/amend.html' does not exist in the site", "Did you mean 'amend.html'?"),
    ("/amendments.html", "index.html", "a", "broken-link",
     "page 'amendments.html' does not exist in the site", "Did you mean 'amend.html'?"),
    ("downloads/openapi.yaml", "index.html", "a", "broken-link",
     "file 'downloads/openapi.yaml' does not exist in the site", "Did you mean 'downloads/openapi.json'?"),
    # the name a source file would be published as without its permalink: the page it is published as
    ("practitioner_role.html", "index.html", "a", "broken-link",
     "page 'practitioner_role.html' does not exist in the site", "Did you mean 'practitioner_role_old.html'?"),
    # a web address with its scheme mistyped or left out is read as a path of the site
    ("http.//example.org/doc/VOSUbuntuNotes", "index.html", "a", "broken-link",
     "file 'http./example.org/doc/VOSUbuntuNotes' does not exist in the site: "
     "'http.//example.org/doc/VOSUbuntuNotes' is read as a path of the site, not a web address (its '://' is "
     "mistyped)", "Did you mean 'http://example.org/doc/VOSUbuntuNotes'?"),
    ("www.hl7.org/fhir", "index.html", "a", "broken-link",
     "file 'www.hl7.org/fhir' does not exist in the site: 'www.hl7.org/fhir' is read as a path of the site, "
     "not a web address (it has no scheme)", "Did you mean 'https://www.hl7.org/fhir'?"),
    ("/docs/https://forum.example.org/", "index.html", "a", "broken-link",
     "page 'docs/https:/forum.example.org/index.html' does not exist in the site: '/docs/https://forum.example.org/' "
     "is read as a path of the site, not a web address ('/docs/' is written before the address)",
     "Did you mean 'https://forum.example.org/'? Whatever writes '/docs/' (a template that puts the baseurl before "
     "every URL, say) should write a whole address as it is."),
    ("[Reference](https://www.hl7.org/fhir/reference.html)", "index.html", "a", "broken-link",
     "file '[Reference](https:/www.hl7.org/fhir/reference.html)' does not exist in the site: "
     "'[Reference](https://www.hl7.org/fhir/reference.html)' is read as a path of the site, not a web address (it "
     "is a markdown link, written where a URL belongs: an HTML attribute, or an include parameter that a template "
     "puts in one)", "Did you mean 'https://www.hl7.org/fhir/reference.html'?"),
    # '{{ site.github.repository_url }}/blob/master/{{ page.path }}' with the value empty (EIPs, apptuit, ircv3)
    ("/blob/master/EIPS/eip-155.md", "EIPS/eip-155.html", "a", "broken-link",
     "file 'blob/master/EIPS/eip-155.md' does not exist in the site: '/blob/master/EIPS/eip-155.md' is a GitHub "
     "path whose repository address is empty in this build", "Set what is written before it in _config.yml "
     "(site.github.repository_url is set only on GitHub Pages: github: {repository_url: "
     "https://github.com/OWNER/REPO}), or write the whole address."),
    ("x[y](https://www.hl7.org/)", "index.html", "a", "broken-link",  # (no path before the address)
     "file 'x[y](https:/www.hl7.org/)' does not exist in the site", "Create the file or correct the link."),
    # a target written over several lines: the message stays on one line
    ("\n    amend.html\n  ", "index.html", "a", "link-whitespace",
     "link target 'amend.html' has line breaks and spaces around it",
     "Remove the line breaks and spaces: 'amend.html'."),
])
def test_each_rule_reports_its_case_with_message_and_hint(target, page, tag, rule, message, hint):
    """A broken target gives one finding: its rule, the rule's default severity, message, hint and raw target."""
    finding = check_link(link(target, page, tag), make_index())
    assert finding is not None
    assert (finding.path, finding.line, finding.column) == ("pages/x.md", 7, 12)
    assert (finding.rule, finding.severity, finding.message, finding.hint, finding.target) == \
        (rule, RULES[rule].severity, message, hint, target)


def test_every_rule_has_a_severity_and_a_description():
    """The registry declares each internal rule with error|warning|info, a one-line summary and a fix."""
    assert set(RULES) >= {"broken-link", "broken-anchor", "missing-image", "case-mismatch", "link-whitespace",
                          "empty-link", "duplicate-id", "link-escapes-site"}
    for rule in RULES.values():
        assert rule.severity in (ERROR, WARNING, INFO) and rule.summary and rule.fix and "\n" not in rule.summary


def test_duplicate_ids_reports_each_repeat_at_its_line_naming_the_first():
    """duplicate_ids() gives one warning per repeated id, at the repeat, pointing back to the first line."""
    anchors = [Anchor("same", 21), Anchor("other", 22), Anchor("same", 23), Anchor("same", 30)]
    findings = duplicate_ids("index.html", "pages/index.md", anchors)
    assert [(d.path, d.line, d.column, d.rule, d.severity, d.target) for d in findings] == [
        ("pages/index.md", 23, None, "duplicate-id", WARNING, "#same"),
        ("pages/index.md", 30, None, "duplicate-id", WARNING, "#same"),
    ]
    assert findings[0].message == ("id 'same' is defined twice on index.html (first at line 21); "
                                   "links go to the first")


def test_an_id_twice_on_one_line_says_so():
    """A heading's own id and an anchor inside it (`## <a id="x">X</a>`) on one line: the finding
    does not point back to its own line as 'the first'."""
    [finding] = duplicate_ids("index.html", "pages/index.md", [Anchor("point", 404), Anchor("point", 404)])
    assert finding.message == "id 'point' is defined twice on index.html (both on this line); links go to the first"


def test_check_first_links_is_check_links_of_each_first_occurrence():
    """A link repeated at one place (an include's loop writes it twice) is reported once, the
    first's tag deciding the rule; the findings come in the links' order, as check_links gives
    them after a first-occurrence filter on (target, path, line, column, page)."""
    key = lambda l: (l.target, l.path, l.line, l.column, l.page)  # noqa: E731
    links = [link("gone.html"), link("amend.html#nope"), link("gone.html"), link("gone.png", tag="img"),
             Link("gone.png", "pages/x.md", 7, 12, "a", "index.html"), link("amend.html#request"),
             link("#nope", "amend.html"), link("#nope", "amend.html"), Link("gone.html", "pages/y.md", 3, 1, "a", "index.html"),
             link("gone.html", "guide/index.html")]
    firsts, seen = [], set()
    for each in links:
        if key(each) not in seen:
            seen.add(key(each))
            firsts.append(each)
    expected = check_links(firsts, make_index())
    assert check_first_links(links, make_index(), key) == expected
    assert [f.rule for f in expected] == ["broken-link", "broken-anchor", "missing-image", "broken-anchor",
                                          "broken-link", "broken-link"]


# -- severity and ignore ------------------------------------------------------------------------


BROKEN = [link("cancel.html"), link("Amend.html"), link("legacy_booking.html"), link("images/gone.png", tag="img"),
          link("")]


def rules_and_severities(findings):
    return [(d.rule, d.severity, d.target) for d in findings]


def test_without_options_every_broken_link_is_reported_at_its_default_severity():
    """check_links() with no options reports all five findings with RULES' severities."""
    assert rules_and_severities(check_links(BROKEN, make_index())) == [
        ("broken-link", ERROR, "cancel.html"), ("case-mismatch", ERROR, "Amend.html"),
        ("broken-link", ERROR, "legacy_booking.html"), ("missing-image", ERROR, "images/gone.png"),
        ("empty-link", WARNING, ""),
    ]


def test_severity_option_changes_a_rules_level_and_off_silences_it():
    """severity: {broken-link: warning, empty-link: error, missing-image: off} relevels and drops findings."""
    findings = check_links(BROKEN, make_index(),
                           severity={"broken-link": WARNING, "empty-link": ERROR, "missing-image": "off"})
    assert rules_and_severities(findings) == [
        ("broken-link", WARNING, "cancel.html"), ("case-mismatch", ERROR, "Amend.html"),
        ("broken-link", WARNING, "legacy_booking.html"), ("empty-link", ERROR, ""),
    ]


def test_ignore_option_silences_findings_whose_target_matches_the_glob():
    """ignore: [{target: "legacy_*.html", reason: ...}] drops only the matching finding."""
    findings = check_links(BROKEN, make_index(),
                           ignore=[{"target": "legacy_*.html", "reason": "retired pages, kept for old links"}])
    assert [d.target for d in findings] == ["cancel.html", "Amend.html", "images/gone.png", ""]


def test_ignore_option_can_match_rule_and_file_together():
    """An ignore entry with rule and file drops a finding only when both match."""
    findings = check_links(BROKEN, make_index(), ignore=[{"rule": "case-mismatch", "file": "pages/*.md"},
                                                          {"rule": "broken-link", "file": "other/*.md"}])
    assert [d.rule for d in findings] == ["broken-link", "broken-link", "missing-image", "empty-link"]


# -- positions recorded by the build ----------------------------------------------------------


def findings_of(site):
    return [(d.path, d.line, d.column, d.rule, d.target) for d in diagnostics_of(site)]


def test_an_anchor_named_as_its_heading_is_not_a_second_id(tmp_path):
    """`## <a name="intro"></a>Intro`, `## <a href="#end" name="end">End</a>` (devcontainers' and
    LSP's headings): kramdown gives the heading the id the anchor names, and both lead to the same
    place, so no duplicate-id; `<a id="twice">` inside the heading with that id is one id twice."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": CONFIG,
        "index.md": "---\ntitle: I\n---\n\n## <a name=\"intro\"></a>Intro\n\n"
                    "## <a href=\"#end\" name=\"end\" class=\"anchor\">End</a>\n\n## <a id=\"twice\"></a>Twice\n",
    }))
    assert findings_of(site) == [("index.md", 9, None, "duplicate-id", "#twice")]


def test_ids_written_by_a_run_of_include_relative_tags_are_at_their_own_tags(tmp_path):
    """Three include_relative lines (LSP's specification.md): an id in the second file is at the
    second tag's line, not at a later one where the blank line between the tags was first found in
    the first file's output; the repeat names the line of the first inclusion."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": CONFIG,
        "regexp.md": "#### Regular Expressions\n\nText\n\n- a\n- b\n\n```ts\nx\n```\n",
        "enum.md": "#### <a href=\"#enumerations\" name=\"enumerations\"></a> Enumerations\n\nText.\n",
        "location.md": "#### Location\n\n```ts\ny\n```",
        "index.md": "---\ntitle: I\n---\n\n{% include_relative regexp.md %}\n{% include_relative enum.md %}\n"
                    "{% include_relative location.md %}\n{% include_relative enum.md %}\n",
    }))
    found = [d for d in diagnostics_of(site) if d.rule == "duplicate-id"]
    assert [(d.path, d.line) for d in found] == [("index.md", 8)]
    assert "(first at line 6)" in found[0].message


def test_links_written_by_each_pass_of_a_loop_are_at_the_loop_body_line(tmp_path):
    """A link that a `{% for %}` body writes on its second pass is at the body's line, not at the
    `{% endfor %}`; a captured piece of text that a later output repeats (`{% capture x %}zz{{ i
    }}{% endcapture %}`, then `href="#{{ x }}"`) does not move the first pass's link to the
    `{% for %}` line (meshery's error-code reference)."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": CONFIG,
        "a.md": "---\ntitle: A\n---\n<table>\n{% for i in (1..2) %}\n{% capture x %}zz{{ i }}{% endcapture %}\n"
                "<tr><td><a href=\"#{{ x }}\">t</a></td></tr>\n{% endfor %}\n</table>\n",
        "b.md": "---\ntitle: B\n---\n<table>\n{% for i in (1..2) %}\n<tr><td><a href=\"#q{{ i }}\">t</a></td></tr>\n"
                "{% endfor %}\n</table>\n",
    }))
    found = sorted((d.path, d.line, d.column, d.target) for d in diagnostics_of(site, "broken-anchor"))
    assert found == [("a.md", 7, 18, "#zz1"), ("a.md", 7, 18, "#zz2"),
                     ("b.md", 6, 18, "#q1"), ("b.md", 6, 18, "#q2")]


def test_a_captured_name_a_later_heading_repeats_does_not_move_the_links_after_it(tmp_path):
    """An `if` branch's captured text (`meshkit`) that a later loop writes in a heading is not
    where the output after the first loop came from: a link after that loop is at its own line."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": CONFIG,
        "_data/parts.yml": "- name: nsm\n  kind: adapter\n- name: meshkit\n  kind: library\n",
        "index.md": "---\ntitle: I\n---\n<table>\n{% for p in site.data.parts %}\n"
                    "{% if p.kind == 'adapter' %}{% capture link %}adapter-{{ p.name }}{% endcapture %}"
                    "{% elsif p.kind == 'x' %}{% capture link %}meshkit{% endcapture %}{% endif %}\n"
                    "<tr><td class=\"title\"><a href=\"#{{ link }}\">{{ p.name }}</a></td></tr>\n{% endfor %}\n</table>\n"
                    " <a href=\"#top-of-codes\">Top</a>\n\n"
                    "{% for p in site.data.parts %}\n<h2 class=\"t\">{{ p.name }}</h2>\n{% endfor %}\n",
    }))
    found = sorted((d.line, d.column, d.target) for d in diagnostics_of(site, "broken-anchor"))
    assert found == [(7, 32, "#adapter-nsm"), (10, 11, "#top-of-codes")]


def test_a_link_is_reported_at_the_column_of_its_target(tmp_path):
    """`[x](gone.html)` is reported at the line of the link and the column where `gone.html` starts."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": CONFIG,
        "index.md": "---\ntitle: I\n---\n\n## Links\n\nA broken page: [gone](gone.html) and [also](also-gone.html).\n",
    }))
    assert findings_of(site) == [("index.md", 7, 23, "broken-link", "gone.html"),
                                 ("index.md", 7, 45, "broken-link", "also-gone.html")]


def test_the_same_broken_target_twice_on_one_line_gets_two_columns(tmp_path):
    """Two links to one missing page on one line are two findings, each at its own column."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": CONFIG,
        "index.md": "---\ntitle: I\n---\n\n[a](gone.html) and [b](gone.html)\n",
    }))
    assert findings_of(site) == [("index.md", 5, 5, "broken-link", "gone.html"),
                                 ("index.md", 5, 24, "broken-link", "gone.html")]


def test_links_in_lists_tables_quotes_footnotes_and_islands_keep_their_line_and_column(tmp_path):
    """Links in a heading, quote, nested list, table cell, footnote, markdown="1" block and a wrapped paragraph."""
    body = "\n".join([
        "---", "title: I", "---", "",
        "## Heading with [a link](gone-h.html)",                 # 5
        "",
        "> Quoted [link](gone-q.html) here.",                     # 7
        "",
        "- item [one](gone-l1.html)",                             # 9
        "  - nested [two](gone-l2.html)",                         # 10
        "",
        "| a | b |", "|---|---|",
        "| [cell](gone-t.html) | x |",                            # 14
        "",
        "Footnote ref[^1].",
        "",
        "[^1]: The note [links](gone-f.html).",                   # 18
        "",
        '<div markdown="1">',
        "Inside [island](gone-i.html).",                          # 21
        "</div>",
        "",
        "Line one of a paragraph",
        "line two [deep](gone-deep.html) continues",              # 25
        'and ![image](gone.png "a title") ends.',                 # 26
    ]) + "\n"
    site = build_site(make_site(tmp_path, {"_config.yml": CONFIG, "index.md": body}))
    assert [(line, col, target) for _, line, col, _, target in findings_of(site)] == [
        (5, 26, "gone-h.html"), (7, 17, "gone-q.html"), (9, 14, "gone-l1.html"), (10, 18, "gone-l2.html"),
        (14, 10, "gone-t.html"), (18, 24, "gone-f.html"), (21, 17, "gone-i.html"), (25, 17, "gone-deep.html"),
        (26, 14, "gone.png"),
    ]


def test_links_in_code_spans_and_fenced_code_are_not_links(tmp_path):
    """Markdown and HTML links inside `code` and ``` fences are text: nothing is recorded or reported."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": CONFIG,
        "index.md": "---\ntitle: I\n---\n\nCode: `[x](gone.html)` and `<a href=\"gone.html\">`.\n\n"
                    "```html\n<a href=\"gone.html#x\">x</a>\n<img src=\"gone.png\">\n```\n\n"
                    "    [indented](gone.html)\n",
    }))
    assert findings_of(site) == []
    assert [k.target for p in site.pages for k in p.links] == []


def test_a_broken_link_in_an_include_is_reported_at_the_include_file_and_line(tmp_path):
    """A link written in _includes/related.html is reported there (line 3, its column), not at the page."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": CONFIG,
        "_includes/related.html": '<p>Related:\n<a href="index.html#top">top</a> and\n'
                                  '<a href="withdrawn.html">gone</a>.</p>\n',
        "index.md": "---\ntitle: I\n---\n\nIntro.\n\n{% include related.html %}\n",
    }))
    assert findings_of(site) == [("_includes/related.html", 3, 10, "broken-link", "withdrawn.html")]


def test_an_include_used_on_two_pages_reports_its_broken_link_once(tmp_path):
    """The same broken link reached through one include from two pages is one finding at the include."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": CONFIG,
        "_includes/related.html": '<a href="withdrawn.html">gone</a>\n',
        "index.md": "---\ntitle: I\n---\n\n{% include related.html %}\n",
        "other.md": "---\ntitle: O\n---\n\n{% include related.html %}\n",
    }))
    assert findings_of(site) == [("_includes/related.html", 1, 10, "broken-link", "withdrawn.html")]


def test_a_link_passed_as_an_include_parameter_is_reported_at_the_include_tag(tmp_path):
    """`{% include x.html target="gone.html" %}`: the target is written in the page, at the tag's line."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": CONFIG,
        "_includes/x.html": '<a href="{{ include.target }}">x</a>\n',
        "index.md": "---\ntitle: I\n---\n\nIntro.\n\n{% include x.html target=\"gone.html\" %}\n",
    }))
    assert findings_of(site) == [("index.md", 7, 27, "broken-link", "gone.html")]


def test_sidebar_links_are_reported_at_the_data_file_line(tmp_path):
    """A sidebar url to a missing page or anchor is reported at its `url:` line in _data/sidebars/."""
    sidebar = "\n".join([
        "entries:", "- title: Main", "  folders:", "  - title: Pages", "    output: web", "    folderitems:",
        "    - title: Home", "      url: /index.html", "      output: web",
        "    - title: Gone", "      url: /retired.html", "      output: web",                      # 11
        "    - title: Bad anchor", "      url: /index.html#nowhere", "      output: web",        # 14
    ]) + "\n"
    site = build_site(make_site(tmp_path, {
        "_config.yml": CONFIG + "defaults:\n  - scope: {path: \"\"}\n    values: {sidebar: main_sidebar}\n",
        "_data/sidebars/main_sidebar.yml": sidebar,
        "index.md": "---\ntitle: I\n---\n\n## Intro\n",
    }))
    assert findings_of(site) == [
        ("_data/sidebars/main_sidebar.yml", 11, None, "broken-link", "/retired.html"),
        ("_data/sidebars/main_sidebar.yml", 14, None, "broken-anchor", "/index.html#nowhere"),
    ]


def test_a_broken_pages_changed_link_is_reported_at_the_release_entry(tmp_path):
    """A release entry's pages_changed link to a missing page is broken-link at the entry's `link:` line."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": CONFIG,
        "index.md": "---\ntitle: I\n---\n\n## Intro\n",
        "releases/1.0.0/release.yml": "version: 1.0.0\nstatus: published\ndate: 2024-05-01\n"
                                      "introduction: The first release.\n",
        "releases/1.0.0/7-first.md": "---\ntitle: First change\ntickets: [7]\naffects: [Core]\npages_changed:\n"
                                     "  - link: index.html#intro\n  - link: gone.html\n---\n\nA change.\n",
    }))
    assert findings_of(site) == [("releases/1.0.0/7-first.md", 7, None, "broken-link", "gone.html")]


def test_duplicate_heading_ids_are_reported_at_the_second_heading(tmp_path):
    """Two `{#same}` headings on a page: warning[duplicate-id] at the second heading's line."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": CONFIG,
        "index.md": "---\ntitle: I\n---\n\n## One {#same}\n\nText.\n\n## Two {#same}\n",
    }))
    [d] = diagnostics_of(site)
    assert (d.path, d.line, d.rule, d.severity, d.target) == ("index.md", 9, "duplicate-id", WARNING, "#same")
    assert "(first at line 5)" in d.message


def test_a_raw_html_id_repeating_a_heading_id_is_a_duplicate(tmp_path):
    """`<a id="intro">` after `## Intro` defines 'intro' twice: duplicate-id at the raw HTML's line."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": CONFIG,
        "index.md": "---\ntitle: I\n---\n\n## Intro\n\n<a id=\"intro\"></a>\n",
    }))
    assert findings_of(site) == [("index.md", 7, None, "duplicate-id", "#intro")]


# -- engine bugs ----------------------------------------------------------------------------------


def test_a_link_whose_text_is_its_target_is_reported_at_the_target(tmp_path):
    """`[gone.html](gone.html)`: the column is the target's (17), not the link text's (6)."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": CONFIG,
        "index.md": "---\ntitle: I\n---\n\nSee [gone.html](gone.html) here.\n",
    }))
    assert findings_of(site) == [("index.md", 5, 17, "broken-link", "gone.html")]


def test_a_prose_mention_of_the_target_before_the_link_does_not_move_the_finding(tmp_path):
    """Prose naming gone.html on line 5, the link on line 6: the finding is at 6:16."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": CONFIG,
        "index.md": "---\ntitle: I\n---\n\nFirst line mentions gone.html\nand [the page](gone.html) here.\n",
    }))
    assert findings_of(site) == [("index.md", 6, 16, "broken-link", "gone.html")]


def test_empty_links_are_reported_at_their_own_line_and_column(tmp_path):
    """`[empty]()` on line 6 and `[x](<>)` on line 7: two findings, at 6:18 and 7:17 (where the target would start)."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": CONFIG,
        "index.md": "---\ntitle: I\n---\n\nLine one\nline two [empty]() here\nline three [x](<>) end\n",
    }))
    assert findings_of(site) == [("index.md", 6, 18, "empty-link", ""), ("index.md", 7, 17, "empty-link", "")]


def test_raw_html_links_with_single_quoted_or_bare_attributes_are_checked(tmp_path):
    """`<a href='index.html'>` and `<a href=index.html>` pass; `<a href='gone.html'>`, `<img src='gone.png'>` are broken."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": CONFIG,
        "index.md": "---\ntitle: I\n---\n\n"
                    "<a href='index.html'>single</a> <a href=index.html>bare</a>\n"
                    "<a href='gone.html'>bad</a> <img src='gone.png' alt=''>\n",
    }))
    assert findings_of(site) == [("index.md", 6, 10, "broken-link", "gone.html"),
                                 ("index.md", 6, 39, "missing-image", "gone.png")]


def test_an_anchor_with_equal_id_and_name_is_not_a_duplicate(tmp_path):
    """`<a id="legacy" name="legacy"></a>` (the HTML4-compatible form) defines one anchor, no duplicate-id."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": CONFIG,
        "index.md": "---\ntitle: I\n---\n\n<a id=\"legacy\" name=\"legacy\"></a>\n\n[back](#legacy)\n",
    }))
    assert findings_of(site) == []


def test_duplicate_id_findings_follow_the_severity_option_off(tmp_path):
    """With `severity: {duplicate-id: "off"}` a page with two `{#same}` headings has no finding."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": CONFIG + "specsite:\n  severity: {duplicate-id: \"off\"}\n",
        "index.md": "---\ntitle: I\n---\n\n## One {#same}\n\n## Two {#same}\n",
    }))
    assert findings_of(site) == []


def test_duplicate_id_findings_follow_the_severity_option_error(tmp_path):
    """With `severity: {duplicate-id: error}` the duplicate id is error[duplicate-id]."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": CONFIG + "specsite:\n  severity: {duplicate-id: error}\n",
        "index.md": "---\ntitle: I\n---\n\n## One {#same}\n\n## Two {#same}\n",
    }))
    assert [(d.rule, d.severity) for d in diagnostics_of(site)] == [("duplicate-id", ERROR)]


def test_duplicate_id_findings_follow_the_ignore_option(tmp_path):
    """`ignore: [{target: "#same", reason: ...}]` silences the duplicate-id finding of id 'same'."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": CONFIG + "specsite:\n  ignore:\n    - {target: \"#same\", reason: kept for old links}\n",
        "index.md": "---\ntitle: I\n---\n\n## One {#same}\n\n## Two {#same}\n",
    }))
    assert findings_of(site) == []


def layout_site(tmp_path, first_toc: bool, second_toc: bool):
    """a.md links to b.html#toc-title, the id of the layout's 'Contents' heading (only on pages with a TOC)."""
    def page(title, toc, extra=""):
        return f"---\ntitle: {title}\ntoc: {str(toc).lower()}\n---\n\n## One\n\n## Two\n\n{extra}"
    return build_site(make_site(tmp_path, {
        "_config.yml": CONFIG,
        "a.md": page("A", first_toc, "[contents of b](b.html#toc-title)\n"),
        "b.md": page("B", second_toc),
    }))


@pytest.mark.parametrize("first_toc, second_toc", [
    (False, True),
    (True, False),
    (True, True),
    (False, False),
], ids=["only-b-has-toc", "only-a-has-toc", "both", "neither"])
def test_anchors_the_layout_adds_are_checked_against_the_page_that_has_them(tmp_path, first_toc, second_toc):
    """A link to b.html#toc-title is broken exactly when the built b.html has no id="toc-title"."""
    site = layout_site(tmp_path, first_toc, second_toc)
    has_id = 'id="toc-title"' in output_of(site, "b.html")
    assert has_id == second_toc
    expected = [] if has_id else [("a.md", 10, 17, "broken-anchor", "b.html#toc-title")]
    assert findings_of(site) == expected


@pytest.mark.parametrize("heading, theme_id", [("Content", "content"), ("Top", "top"),
                                               ("Search results", "search-results")])
def test_a_heading_id_that_the_layout_also_uses_is_not_passed_silently(tmp_path, heading, theme_id):
    """`## Content` gives id="content", the layout's <main id="content">: the page must not pass with it twice."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": CONFIG,
        "index.md": f"---\ntitle: I\n---\n\nIntro.\n\n## {heading}\n",
    }))
    html = output_of(site, "index.html")
    twice = len(re.findall(rf'\sid="{re.escape(theme_id)}"', html)) > 1
    reported = [(d.path, d.line, d.rule) for d in diagnostics_of(site)] == [("index.md", 7, "duplicate-id")]
    assert reported or not twice


def test_a_broken_link_in_a_site_template_is_reported_at_the_template_line(tmp_path):
    """A literal link in the site's own layout is checked once, at the template file:line:col."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": "title: T\n",
        "index.md": "---\ntitle: Home\n---\n\nHello.\n",
        "templates/layouts/page.html": (
            "<html><body>\n<a href=\"{{ root }}index.html\">home</a>\n"
            "<a href=\"{{ root }}gone.html\">gone</a>\n{{ content }}\n</body></html>\n"),
    }))
    found = [(d.path, d.line, d.column, d.rule, d.target) for d in site.all_diagnostics()]
    assert found == [("templates/layouts/page.html", 3, 10, "broken-link", "gone.html")]


def test_a_root_absolute_link_without_the_baseurl_is_broken(tmp_path):
    """With baseurl /spec, `/b.html` points outside the site on the server; `/spec/b.html` works."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": "title: T\nbaseurl: /spec\n",
        "a.md": "---\ntitle: A\n---\n\n[good](/spec/b.html) and [bad](/b.html)\n",
        "b.md": "---\ntitle: B\n---\n\nB.\n",
    }))
    found = [(d.path, d.line, d.rule, d.target, d.hint) for d in site.all_diagnostics()]
    assert found == [("a.md", 5, "broken-link", "/b.html", "Write '/spec/b.html' or a relative link.")]


def test_footnote_ids_are_kramdowns(tmp_path):
    """Footnotes get kramdown's ids (fn:1, fnref:1), so links written for Jekyll keep working."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": "title: T\n",
        "a.md": "---\ntitle: A\n---\n\nText[^1] and [the note](#fn:1).\n\n[^1]: The note.\n",
    }))
    page = next(p for p in site.pages if p.source.url == "a.html")
    assert {"fn:1", "fnref:1"} <= {a.id for a in page.anchors}
    assert site.all_diagnostics() == []


def test_output_paths_that_differ_only_in_case_are_a_warning(tmp_path):
    """B.html and b.html would overwrite each other on macOS and Windows."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": "title: T\n",
        "one.md": "---\ntitle: One\npermalink: B.html\n---\n\n1\n",
        "two.md": "---\ntitle: Two\npermalink: b.html\n---\n\n2\n",
    }))
    assert [(d.path, d.line, d.rule) for d in site.all_diagnostics()] == [("two.md", 3, "case-collision")]


def test_names_suggests_what_closest_suggests():
    """Names (grouped by length for many queries) gives closest()'s answer, ties to the first."""
    from specsite.diagnostics import Names, closest
    choices = ["a.html", "b.html", "ab.html", "patient_read.html", "patient_read_v2.html", "Index.html", "x" * 40, ""]
    words = ["", "a", "c.html", "patient_reed.html", "patient_read_v1.html", "index.html", "x" * 30, "zzzz"]
    names = Names(choices)
    for word in words:
        for cutoff in (0.6, 0.85):
            assert names.closest(word, cutoff) == closest(word, choices, cutoff), word
    assert Names([]).closest("a") is None


def test_a_root_link_in_an_html_page_is_at_its_attribute_not_at_a_closing_tag_before_it(tmp_path):
    """`<a href="/">` after `<p>404</p>` (EGAProtocol's 404.html): the `/` of `</p>` is no `<url>`
    autolink, so the broken link is at its href, not at the closing tag's slash."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": CONFIG,
        "404.html": "---\ntitle: Not found\n---\n<section>\n  <p class=\"label\">404</p>\n  <h1>Gone.</h1>\n"
                    "  <a href=\"/\" class=\"btn\">Home</a>\n</section>\n",
    }))
    assert findings_of(site) == [("404.html", 7, 12, "broken-link", "/")]


def test_an_id_in_a_raw_html_block_is_at_its_own_line(tmp_path):
    """`<body id="overview"></body>` after a list (the GSA API template's pages): cmark gives raw
    HTML no data-sourcepos, so the nearest one before it is the list's; the duplicate id is
    reported at the line that writes it. A heading's own id keeps its heading's line."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": CONFIG,
        "index.md": "---\ntitle: I\n---\n### Overview\n\n- a\n- b\n\n\n<body id=\"overview\"></body>\n\n"
                    "Text <span id=\"inline\">x</span>\nmore <span id=\"inline\">y</span>\n",
    }))
    found = [(d.path, d.line, d.target) for d in diagnostics_of(site, "duplicate-id")]
    assert found == [("index.md", 10, "#overview"), ("index.md", 13, "#inline")]


def test_a_missing_file_is_pointed_to_one_of_its_name_in_another_folder():
    """A file of the same name elsewhere is the suggestion, not a page that only shares the folder."""
    index = make_index()
    index.add_page("news/index.html", set(), "News")
    index.add_file("feed.xml")
    finding = check_link(link("docs.example.org/feed.xml", "news/index.html"), index)
    assert finding.hint == "Did you mean 'feed.xml'?"


def test_a_suggestion_that_only_shares_the_folder_is_not_made():
    """'news/rss.xml' is not like 'news/index.html': no did-you-mean, the rule's fix instead."""
    index = make_index()
    index.add_page("news/index.html", set(), "News")
    finding = check_link(link("rss.xml", "news/index.html"), index)
    assert (finding.message, finding.hint) == ("file 'news/rss.xml' does not exist in the site",
                                               "Create the file or correct the link.")


def test_a_page_named_with_folders_is_not_matched_to_a_source_file_by_name():
    """Only a page named by its file name alone means the source file of that name: a link into
    other folders ('edit/master/search.html', a repository link whose base is missing) is not
    'search/index.html', the page search.md is published as."""
    index = make_index()
    index.add_page("search/index.html", set())
    index.sources["search.md"] = "search/index.html"
    assert check_link(link("search.html"), index).hint == "Did you mean 'search/index.html'?"
    assert check_link(link("edit/master/search.html"), index).hint == "Create the page or correct the link."


def test_a_static_html_files_own_broken_link_does_not_name_the_file_as_its_carrier(tmp_path):
    """An HTML file without front matter in a Jekyll site is scanned as written: its broken link is
    its own line's, not a layout line carried by pages (no '(on x.html)' naming the file itself)."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": CONFIG, "_layouts/default.html": "<html><body>{{ content }}</body></html>\n",
        "index.md": "---\nlayout: default\n---\n# Home\n",
        "static/x.html": '<html><body><a href="gone.html">gone</a></body></html>\n'}))
    [finding] = diagnostics_of(site, "broken-link")
    assert (finding.path, finding.line) == ("static/x.html", 1)
    assert finding.message == "page 'static/gone.html' does not exist in the site" and not finding.carried_by


def test_a_layout_link_broken_only_on_a_page_whose_front_matter_failed_points_to_it(tmp_path):
    """A page whose front matter is invalid YAML is built at its default URL (pages/news.html,
    not its permalink news.html): the layout's relative links break there alone, and each such
    finding names the front matter's line as the fix to make first."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": CONFIG + "defaults:\n  - scope: {path: \"\"}\n    values: {layout: default}\n",
        "_layouts/default.html": '<html><body><a href="other.html">Other</a>{{ content }}</body></html>\n',
        "index.md": "---\n---\n# Home\n", "other.md": "---\n---\n# Other\n",
        "pages/news.md": "---\ntitle: News: today\npermalink: /news.html\n---\n# News\n"}))
    [finding] = diagnostics_of(site, "broken-link")
    assert (finding.path, finding.carried_by) == ("_layouts/default.html", ("pages/news.html",))
    assert finding.hint.startswith("It is broken only on pages/news.html, whose front matter has a problem "
                                   "(pages/news.md:2:")
    assert finding.hint.endswith("): fix that first. Did you mean 'other.html'?")


def test_a_page_links_written_by_an_include_in_its_body_name_the_page(tmp_path):
    """`{% include nav.html %}` in a page's body (Slim's blog/index.html) writes a broken link
    reported at the include's line: the finding says on which page, as a layout line's does, and
    the same line's findings on two pages are one entry."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": CONFIG, "_layouts/default.html": "<html><body>{{ content }}</body></html>\n",
        "_includes/nav.html": '<div>\n  <a href="/contribute">Contribute</a>\n</div>\n',
        "blog/index.html": "---\nlayout: default\n---\n{% include nav.html %}\n<p>Blog</p>\n",
        "news.md": "---\nlayout: default\n---\n{% include nav.html %}\n"}))
    [finding] = diagnostics_of(site, "broken-link")
    assert (finding.path, finding.line) == ("_includes/nav.html", 2)
    assert sorted(finding.carried_by) == ["blog/index.html", "news.html"]
    assert "(on 2 pages: " in finding.message


def test_template_code_in_a_copied_file_says_it_never_ran(tmp_path):
    """A file whose front matter is not on its first line (or another tool's template, a Hugo
    partial in the source) is copied as it is: a link that is still template code says so and how
    to have it run or left out, with no did-you-mean."""
    site = build_site(make_site(tmp_path, {
        "_config.yml": CONFIG, "_layouts/default.html": "<html><body>{{ content }}</body></html>\n",
        "index.md": "---\nlayout: default\n---\n# Home\n",
        "site/layouts/partials/nav.html": '<nav>\n<a href="{{ .link }}">x</a></nav>\n'}))
    [finding] = diagnostics_of(site, "broken-link")
    assert (finding.path, finding.line, finding.target) == ("site/layouts/partials/nav.html", 2, "{{ .link }}")
    assert finding.message.endswith("the target is template code that never ran (the file has no front matter on "
                                    "its first line, so it is copied as it is)")
    assert finding.hint.startswith("Add front matter (a first line '---') for Jekyll to run its Liquid")


@pytest.mark.parametrize("target, hint", [
    ("marathon-tasks/", "Create the page or correct the link."),  # ('marathon-' alone is shared)
    ("tag_overview.html", "Create the page or correct the link."),  # ('_overview.html' alone)
    ("develop_medicationrequest_identifier.html", "Create the page or correct the link."),
    ("develop_medicationrequest_intnet.html", "Did you mean 'develop_medicationrequest_intent.html'?"),  # a typo
    ("Model_Resource.html", "Did you mean 'Ontowiki_Model_Resource.html'?"),  # one name holds the other
    ("HTTP_Parameters.html", "Did you mean 'HTTP-Parameters.html'?"),
])
def test_a_did_you_mean_differs_from_the_missing_name_as_a_typo_does(target, hint):
    """Names that share a long start or end but differ in their core are not suggested for each
    other (xs27 epma: every missing develop_medicationrequest_* page suggested ..._intent.html)."""
    index = SiteIndex()
    for url in ("marathon-groups/index.html", "assurance_overview.html", "develop_medicationrequest_intent.html",
                "Ontowiki_Model_Resource.html", "HTTP-Parameters.html"):
        index.add_page(url, set())
    assert check_link(link(target), index).hint == hint


def test_the_index_suggestions_see_pages_added_after_a_first_broken_link():
    """names, built_as and same_name are made once per check, and again when pages or files were
    added since (one memo, SiteIndex._made, serves the three)."""
    index = SiteIndex()
    index.add_page("a/intro.html", set())
    index.sources["pages/intro.md"] = "a/intro.html"
    first = (index.names(True), index.same_name(True), index.built_as("guide"))
    assert index.names(True) is first[0] and index.same_name(True) is first[1] and first[2] == []
    index.add_page("b/intro.html", set())
    index.add_page("guide_old.html", set())
    index.sources["pages/guide.md"] = "guide_old.html"
    assert index.names(True) is not first[0]
    assert sorted(u for urls in index.same_name(True).values() for u in urls) == [
        "a/intro.html", "b/intro.html", "guide_old.html"]
    assert index.built_as("guide") == ["guide_old.html"]
    fresh = SiteIndex(files=set(index.files), ids=dict(index.ids), sources=dict(index.sources))
    assert check_link(link("guide.html"), index).hint == check_link(link("guide.html"), fresh).hint


def test_an_extensionless_link_to_a_page_beside_a_folder_of_its_name_goes_to_the_folder():
    """`/the-basics` is served as the-basics.html only where no folder the-basics/ is written: else a
    server (and `jekyll serve`) sends it to the-basics/, which has no index.html (OESS's docs: a page
    with `permalink: /the-basics` and pages under the-basics/). check_built.py reads it so too."""
    index = make_index()
    index.add_page("the-basics.html", set(), "Introduction")
    index.add_page("about.html", set(), "About")
    assert check_link(link("/about"), index) is None
    assert check_link(link("/the-basics"), index) is None  # (no folder yet)
    index.add_page("the-basics/oess-api.html", set(), "API")
    finding = check_link(link("/the-basics"), index)
    assert (finding.rule, finding.message) == ("broken-link", "page 'the-basics/index.html' does not exist in the "
                                               "site: '/the-basics' names the folder 'the-basics/', where a server "
                                               "sends it, not the page 'the-basics.html'")
    assert finding.hint.startswith("Link to 'the-basics.html'")


def test_a_rendered_pages_link_that_is_unrun_liquid_says_so():
    """A page whose Liquid stopped at an error keeps its text as written (swirl's 404.html: a link
    `{{ '/' | relative_url }}` after `{% end if %}`): the link is Liquid that did not run, not a
    file to create."""
    finding = check_link(link("{{ '/' | relative_url }}", "404.html"), make_index())
    assert finding.message == ("file '{{ '/' | relative_url }}' does not exist in the site: the target is "
                               "Liquid that did not run")
    assert finding.hint.startswith("Correct the Liquid error reported on this page")
