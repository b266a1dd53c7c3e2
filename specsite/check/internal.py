"""Internal links and anchors, checked on what the build recorded (no second parse of our HTML)."""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field, replace
from urllib.parse import unquote

from .. import rules
from ..diagnostics import Diagnostic, Names, closest
from ..parse import Link
from .policy import Policy, apply_policy
from .unbuilt import unbuilt_posts, unbuilt_source

SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "ftp:", "file:", "news:", "irc:", "sms:")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
ALWAYS_OK_FRAGMENTS = frozenset({"", "top"})
IMAGE_TAGS = frozenset({"img", "source", "video", "audio"})

@dataclass
class SiteIndex:
    """What exists in the built site: output files, and the ids of every HTML page."""

    baseurl: str = ""
    files: set = field(default_factory=set)
    ids: dict = field(default_factory=dict)  # page url -> set of ids
    lower: dict = field(default_factory=dict)  # lower-cased url -> url
    titles: dict = field(default_factory=dict)
    sources: dict = field(default_factory=dict)  # source file (pages/a.md) -> the page it builds (a.html)
    root: str = ""  # the source folder (its unbuilt posts, looked for when a link is broken)
    suggesters: dict = field(default_factory=dict, repr=False, compare=False)  # see names()

    def __post_init__(self):
        # served where Jekyll's relative_url writes it: ensure_leading_slash(baseurl.chomp("/"))
        # (`baseurl: blog` is /blog)
        self.baseurl = "/" + self.baseurl.strip("/") if self.baseurl.strip("/") else ""

    def add_file(self, url: str):
        self.files.add(url)
        self.lower.setdefault(url.lower(), url)

    def add_page(self, url: str, ids, title=None):
        self.add_file(url)
        self.ids[url] = set(ids)
        if title:
            self.titles[url] = title

    def names(self, pages: bool) -> Names:
        """The page (or file) names as one `Names`, made once for all the broken links of a
        check. Files in sorted order: of two equally close, the same one whatever the hash seed
        (a set's order is not)."""
        return self._made(pages, self.ids, Names) if pages else self._made(pages, self.files, _sorted_names)

    def built_as(self, stem: str) -> list:
        """The pages built from a source file named `stem` (`practitioner_role.md`), sorted: a link
        written as the name the file would have without its permalink (`practitioner_role.html`)
        means the page its permalink moved (`practitioner_role_old.html`)."""
        return self._made("stems", self.sources, self._stems).get(stem, [])

    def same_name(self, pages: bool) -> dict:
        """`_name` -> the pages (or files) of that name, sorted."""
        return self._made(("name", pages), self.ids if pages else self.files, _by_name)

    def _made(self, key, made_from, make):
        """`make(made_from)`, kept under `key` for every broken link of a check, made again only when
        pages or files were added to `made_from` since: what names, built_as and same_name share."""
        known = self.suggesters.get(key)
        if known is None or known[0] != len(made_from):
            known = self.suggesters[key] = (len(made_from), make(made_from))
        return known[1]

    def _stems(self, sources: dict) -> dict:
        stems: dict = {}
        for source, url in sorted(sources.items()):
            if url in self.ids:
                stems.setdefault(_stem(source.rpartition("/")[2]), []).append(url)
        return stems


def _sorted_names(files) -> Names:
    return Names(sorted(files))


def _by_name(urls) -> dict:
    grouped: dict = {}
    for url in sorted(urls):
        grouped.setdefault(_name(url), []).append(url)
    return grouped


_SIMPLE = re.compile(r"^[\w.-]+$")
MISSING_BASEURL = "\0missing-baseurl"


def resolve(target: str, page: str, baseurl: str = ""):
    """(path, fragment) of a link from `page`; path '' means the same page; None if it leaves the site."""
    path, _, fragment = target.partition("#")
    if _SIMPLE.match(path) and "/" not in page and path not in (".", ".."):
        return path, (unquote(fragment) if "%" in fragment else fragment)  # the common case: a sibling page
    path = path.split("?", 1)[0]
    path = unquote(path)
    fragment = unquote(fragment)
    if not path:
        return "", fragment
    if path.startswith("/"):
        if baseurl and (path == baseurl or path.startswith(baseurl + "/")):
            path = path[len(baseurl):]
        elif baseurl and page:
            # served at /spec/…, a bare /x.html written in a page is outside the site (navigation
            # data, recorded from the root "", is baseurl-relative: the theme prefixes it)
            return MISSING_BASEURL, fragment
        joined = path.lstrip("/")
    else:
        joined = posixpath.join(posixpath.dirname(page), path)
    if joined in ("", "."):
        return "index.html", fragment
    trailing = joined.endswith("/")
    norm = posixpath.normpath(joined)
    if norm.startswith("../") or norm == "..":
        if baseurl:
            return None, fragment  # served under /base/, it leaves the site
        while norm.startswith("../") or norm == "..":  # a URL's '..' stops at the root, as browsers resolve it
            norm = norm[3:] if norm.startswith("../") else ""
    if norm == ".":
        norm = ""
    if trailing or norm == "":
        norm = f"{norm}/index.html".lstrip("/")
    return norm, fragment


def is_external(target: str) -> bool:
    return bool(EXTERNAL.match(target.strip()))


class LinkMemo:
    """Verdicts kept between preview rebuilds, per group of links (one page's): they stand while
    the group is the very same recorded tuple and the ids of every page it points at are
    unchanged, so an edit re-checks only its own page and the links into that page."""

    def __init__(self):
        self.groups: dict = {}
        self.files_sig = None

    def begin(self, index: SiteIndex) -> dict:
        files_sig = hash(frozenset(index.files))
        if files_sig != self.files_sig:
            self.groups.clear()
            self.files_sig = files_sig
        return {url: hash(frozenset(ids)) for url, ids in index.ids.items()}

    def check(self, key, links, index, sigs) -> list:
        known = self.groups.get(key)
        if known is not None and known[0] is links and all(sigs.get(t) == s for t, s in known[1]):
            return known[2]
        targets = set()
        found = []
        for link in links:
            target = link.target.strip()
            path = resolve(target, link.page, index.baseurl)[0] if target and not is_external(target) else None
            targets.add(path or link.page)
            finding = check_link(link, index)
            if finding is not None:
                found.append(finding)
        self.groups[key] = (links, tuple((t, sigs.get(t)) for t in targets), found)
        return found


def check_links(links, index: SiteIndex, *, severity=None, ignore=(), memo: LinkMemo | None = None
                ) -> list[Diagnostic]:
    """`links`: Links, or with a memo, (key, tuple of Links) groups. Raw findings, unless
    `severity`/`ignore` are given (then through the one policy)."""
    if memo is not None:
        sigs = memo.begin(index)
        raw = [f for key, group in links for f in memo.check(key, group, index, sigs)]
    else:
        fine: set = set()
        raw = [f for f in (check_link(link, index, fine) for link in links) if f is not None]
    if severity or ignore:
        return apply_policy(raw, Policy.of(severity, ignore))
    return raw


def check_first_links(links, index: SiteIndex, key) -> list[Diagnostic]:
    """check_links of each link's first occurrence by key(link), in one loop: only a link with a
    finding is keyed (a repeat has the same verdict: one found fine is skipped by check_link's
    `fine` set before it is keyed). A build's check of 2,000 pages (55,181 links, 18,666
    verdicts) keyed every link first: a quarter of its time."""
    fine: set = set()
    seen: set = set()
    raw = []
    for link in links:
        target, page = link.target, link.page
        verdict = (target, page.rpartition("/")[0], not page) if target[:1] not in "#?" else (target, page)
        if verdict in fine:
            continue
        found = _check_link(link, index)
        if found is None:
            fine.add(verdict)
            continue
        first = key(link)
        if first not in seen:
            seen.add(first)
            raw.append(found)
    return raw


_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:")


def check_link(link: Link, index: SiteIndex, fine: set | None = None) -> Diagnostic | None:
    """The finding of one link, or None. `fine`: the caller's set of links found fine in this
    check (the same index), each as what its verdict depends on: its target and the page's
    folder (and whether there is a page: a root-relative link from navigation data), or the
    page itself for a link into the same page (`#x`). A layout writes the same links on every
    page, and most pages sit in a few folders."""
    raw = link.target
    if fine is not None:
        page = link.page
        if raw[:1] not in "#?":  # (a path before any '#' or '?': not a link into the page itself, nor empty)
            key = (raw, page.rpartition("/")[0], not page)
        else:
            key = (raw, page)
        if key in fine:
            return None
        found = _check_link(link, index)
        if found is None:
            fine.add(key)
        return found
    return _check_link(link, index)


def _check_link(link: Link, index: SiteIndex) -> Diagnostic | None:
    raw = link.target
    target = raw.strip()

    def finding(rule, message, hint=None):
        return Diagnostic(link.path, link.line, link.column, rule, rules.severity(rule), message, hint, raw)

    if not target:
        return finding("empty-link", "link target is empty", "Write the page or #anchor it should go to.")
    if ":" in target or target[:2] == "//":  # (each of the three tests needs one: most targets have neither)
        lowered = target.lower()
        if lowered.startswith(SKIP_SCHEMES) or EXTERNAL.match(target):
            return None
        if _SCHEME.match(lowered):
            return None  # some other scheme (urn:, …): not ours to check
    if target != raw:  # (a browser drops them: the target is checked without; its own finding first)
        found = _check_link(link._replace(target=target), index)
        if found is not None:
            return replace(found, target=raw)
        if raw.strip(" ") == target:
            return finding("link-whitespace", f"link target '{raw}' has spaces around it",
                           f"Remove the spaces: '{target}'.")
        return finding("link-whitespace", f"link target '{target}' has {_blanks(raw, target)} around it",
                       f"Remove the {_blanks(raw, target)}: '{target}'.")
    path, fragment = resolve(target, link.page, index.baseurl)
    if path == MISSING_BASEURL:
        fixed = index.baseurl + target
        return finding("broken-link", f"'{target}' leaves out the site's baseurl '{index.baseurl}': "
                       "on the server it points outside the site", f"Write '{fixed}' or a relative link.")
    if path is None:
        return finding("link-escapes-site", f"'{target}' climbs out of the site with '..'",
                       "Link to a page inside the site.")
    if path == "":
        path = link.page
    if path not in index.files and _climbs(target, link.page):
        return finding("link-escapes-site", f"'{target}' climbs out of the site with '..'; a browser stops at "
                       f"the root, where '{path}' does not exist", "Link to a page inside the site.")
    if path not in index.files:
        if path + "/index.html" in index.files or (path + ".html") in index.files and "." not in path.rsplit("/", 1)[-1] \
                and not _folder(index, path):
            # (only an extensionless "x" is served as x.html: "post-3.0-fix" has one, ".0-fix"; and not
            # where a folder x/ is written: the server sends x to x/, as `jekyll serve` does)
            path = path + "/index.html" if path + "/index.html" in index.files else path + ".html"
        elif (path + ".html") in index.files:
            return finding("broken-link", f"page '{path}/index.html' does not exist in the site: '{target}' names "
                           f"the folder '{path}/', where a server sends it, not the page '{path}.html'",
                           f"Link to '{posixpath.basename(path)}.html', or give that page a permalink ending in "
                           "'/' (it is then the folder's index.html).")
        else:
            return _missing(link, path, raw, index)
    if fragment.lower() in ALWAYS_OK_FRAGMENTS or path not in index.ids:
        return None
    ids = index.ids[path]
    if fragment in ids:
        return None
    same_page = path == link.page
    where = "this page" if same_page else f"'{path}'"
    suggestion = closest(fragment, sorted(ids))  # (sorted: ties go the same way in every run)
    if suggestion is None and fragment.lower() in {i.lower() for i in ids}:
        suggestion = next(i for i in ids if i.lower() == fragment.lower())
    hint = f"Did you mean '#{suggestion}'?" if suggestion else \
        f"Correct the fragment, or give a heading or element on {where} the id '{fragment}'."
    return Diagnostic(link.path, link.line, link.column, "broken-anchor", rules.severity("broken-anchor"),
                      f"anchor '#{fragment}' does not exist on {where}", hint, raw)


def _folder(index: SiteIndex, path: str) -> bool:
    """Whether the built site has a folder `path` (a file under it): the set made once, like `names`."""
    return path in index._made("folders", index.files, _folders)


def _folders(files) -> set:
    return {url[:i] for url in files for i in range(len(url)) if url[i] == "/"}


def _blanks(raw: str, target: str) -> str:
    """What surrounds a target written over several lines: 'line breaks and spaces' (a
    message stays on one line: the blanks themselves are not shown)."""
    around = raw.replace(target, "", 1)
    kinds = [word for chars, word in (("\n\r", "line breaks"), ("\t", "tabs"), (" ", "spaces"))
             if any(c in around for c in chars)]
    return " and ".join(kinds) or "blanks"


def _climbs(target: str, page: str) -> bool:
    path = target.split("#", 1)[0].split("?", 1)[0]
    if not path.startswith("../") or path.startswith("/"):
        return False
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path)).startswith("..")


def _missing(link: Link, path: str, raw: str, index: SiteIndex) -> Diagnostic:
    actual = index.lower.get(path.lower())
    if actual:
        return Diagnostic(link.path, link.line, link.column, "case-mismatch", rules.severity("case-mismatch"),
                          f"'{path}' exists only as '{actual}'; it works on a case-insensitive laptop "
                          "but breaks on the web server", f"Write '{actual}'.", raw)
    rule = "missing-image" if link.tag in IMAGE_TAGS else "broken-link"
    built = _built_from(link, path, raw, index)
    if built is not None:
        source, url, suggestion = built
        return Diagnostic(link.path, link.line, link.column, rule, rules.severity(rule),
                          f"'{path}' is not in the built site: it names the source file '{source}', which "
                          f"is published as '{url}'", f"Did you mean '{suggestion}'?", raw)
    what = "image" if rule == "missing-image" else ("page" if path.endswith(".html") else "file")
    address = _web_address(raw.strip())
    if address is not None:
        url, why, hint = address
        return Diagnostic(link.path, link.line, link.column, rule, rules.severity(rule),
                          f"{what} '{path}' does not exist in the site: '{raw.strip()}' is read as a path "
                          f"of the site, not a web address ({why})", f"Did you mean '{url}'?{hint}", raw)
    if _REPOSITORY_PATH.match(raw.strip()):
        return Diagnostic(link.path, link.line, link.column, rule, rules.severity(rule),
                          f"{what} '{path}' does not exist in the site: '{raw.strip()}' is a GitHub path whose "
                          "repository address is empty in this build", REPOSITORY_URL, raw)
    if ("{{" in raw or "{%" in raw) and link.page == link.path and link.path not in index.sources:
        return Diagnostic(link.path, link.line, link.column, rule, rules.severity(rule),
                          f"{what} '{path}' does not exist in the site: the target is template code that never "
                          "ran (the file has no front matter on its first line, so it is copied as it is)",
                          TEMPLATE_CODE, raw)
    unbuilt = _unbuilt(path, index)
    if unbuilt is not None:
        source, why, hint = unbuilt
        return Diagnostic(link.path, link.line, link.column, rule, rules.severity(rule),
                          f"{what} '{path}' does not exist in the site: it would be built from '{source}', "
                          f"which is {why}", hint, raw)
    if "{{" in raw or "{%" in raw:  # (a rendered page's: its Liquid stopped at an error, or {% raw %} kept it)
        return Diagnostic(link.path, link.line, link.column, rule, rules.severity(rule),
                          f"{what} '{path}' does not exist in the site: the target is Liquid that did not run",
                          UNRUN_LIQUID, raw)
    suggestion = _suggest(path, index, bare="/" not in raw.strip().split("#", 1)[0].split("?", 1)[0])
    hint = f"Did you mean '{suggestion}'?" if suggestion else NO_MATCH[what]
    return Diagnostic(link.path, link.line, link.column, rule, rules.severity(rule),
                      f"{what} '{path}' does not exist in the site", hint, raw)


def _unbuilt(path: str, index: SiteIndex):
    """unbuilt.unbuilt_source of a missing page, the source's posts and drafts listed once a check."""
    if not index.root:
        return None
    posts = index.suggesters.get("unbuilt")
    if posts is None:
        posts = index.suggesters["unbuilt"] = unbuilt_posts(index.root, index.sources)
    return unbuilt_source(path, index.root, posts) if posts else None


_MISTYPED_SCHEME = re.compile(r"(https?)[.;,]?//+(?=[^/])", re.I)  # 'http.//x', 'https//x'
_BARE_HOST = re.compile(r"www\.[\w-]+(?:\.[\w-]+)+(?:[/?#]|$)", re.I)  # 'www.example.org/x'


_INNER_ADDRESS = re.compile(r"(?:https?|ftp)://", re.I)
_PATH_BEFORE = re.compile(r"[\w.~%-]*(?:/[\w.~%-]*)*/")  # '/docsy-jekyll/' (not '[Text](')
_MARKDOWN_LINK = re.compile(r"\[[^\]]*\]\((\S+?)\)")  # '[DocumentReference](https://…)'


def _web_address(target: str) -> tuple[str, str, str] | None:
    """(the web address a relative-looking target means, why it is not one, more of the fix): a
    markdown link where a URL belongs ('[Text](https://…)'), a scheme mistyped ('http.//…') or
    left out ('www.…'), or a path written before a whole address ('/docs/https://…': a template
    that puts the baseurl before every entry of a data file); a browser reads each as a path of
    the site."""
    m = _MARKDOWN_LINK.fullmatch(target)
    if m:
        return (m.group(1), "it is a markdown link, written where a URL belongs: an HTML attribute, or an include "
                "parameter that a template puts in one", "")
    m = _MISTYPED_SCHEME.match(target)
    if m:
        return f"{m.group(1).lower()}://{target[m.end():]}", "its '://' is mistyped", ""
    if _BARE_HOST.match(target):
        return f"https://{target}", "it has no scheme", ""
    m = _INNER_ADDRESS.search(target)
    if m and m.start() > 0 and _PATH_BEFORE.fullmatch(target[:m.start()]):
        before = target[:m.start()]
        return (target[m.start():], f"'{before}' is written before the address",
                f" Whatever writes '{before}' (a template that puts the baseurl before every URL, say) should "
                "write a whole address as it is.")
    return None


# '/blob/master/x.md', '/edit/main/…': what '{{ site.github.repository_url }}/blob/…' writes when the
# value is empty (GitHub Pages sets site.github through jekyll-github-metadata; nothing else does)
_REPOSITORY_PATH = re.compile(r"/(?:blob|tree|edit|raw|commits?)/[\w.-]+/")
REPOSITORY_URL = ("Set what is written before it in _config.yml (site.github.repository_url is set only on GitHub "
                  "Pages: github: {repository_url: https://github.com/OWNER/REPO}), or write the whole address.")
UNRUN_LIQUID = ("Correct the Liquid error reported on this page (the rest of it is kept as written), or, inside "
                "{% raw %}, write the link without Liquid.")
TEMPLATE_CODE = ("Add front matter (a first line '---') for Jekyll to run its Liquid, or, for another tool's "
                 "templates, leave the folder out with exclude: in _config.yml.")
NO_MATCH = {  # the fix when nothing in the site is close enough to name
    "page": "Create the page or correct the link.",
    "file": "Create the file or correct the link.",
    "image": "Add the image or correct its path.",
}


def _suggest(path: str, index: SiteIndex, bare: bool = False) -> str | None:
    """A target close enough to help: a file of the same name in another folder first (the
    closest path of them), then, for a page named by its file name alone (`bare`), the page a
    source file of that name is published as under another permalink, else the closest path
    whose own name is like the missing one's (a shared folder alone made 'news/feed.xml' look
    like 'news/index.html')."""
    pages = path.endswith(".html")
    name = _name(path)
    same = index.same_name(pages).get(name) or (index.built_as(_stem(name)) if pages and bare else None)
    if same:
        return closest(path, same, cutoff=0) or same[0]
    suggestion = index.names(pages=pages).closest(path)
    if suggestion is None or not _alike(_stem(name), _stem(_name(suggestion))):
        return None
    return suggestion


def _alike(missing: str, found: str) -> bool:
    """Whether two names are alike enough to suggest one for the other: close as a whole (without
    '.html', which alone made 'withdrawn.html' look like 'tags.html'), and, past the start and
    end they share, differing as a typo does — one holds the other, or what is left of each is
    alike too ('marathon-tasks' is not 'marathon-groups', nor 'tag_overview' 'assurance_overview')."""
    if closest(missing, [found]) is None:
        return False
    head = len(posixpath.commonprefix([missing, found]))
    tail = len(posixpath.commonprefix([missing[head:][::-1], found[head:][::-1]]))
    left, right = missing[head:len(missing) - tail], found[head:len(found) - tail]
    return not left or not right or max(len(left), len(right)) <= 2 or closest(left, [right], cutoff=0.5) is not None


def _name(path: str) -> str:
    """What a reader calls the target: its file name, or its folder's for an index page."""
    head, _, last = path.rstrip("/").rpartition("/")
    return head.rpartition("/")[2] if last == "index.html" else last


def _stem(name: str) -> str:
    return posixpath.splitext(name)[0] or name


def _built_from(link: Link, path: str, raw: str, index: SiteIndex):
    """(source, url, suggested target) when a link names a source file (`[x](other.md)`, as on
    GitHub), read from the page's address or from the file that holds the link."""
    if not index.sources:
        return None
    written = raw.strip().split("#", 1)[0].split("?", 1)[0]
    fragment = raw.strip()[len(written):] if "#" in raw else ""
    fragment = fragment[fragment.find("#"):] if "#" in fragment else ""
    candidates = [path]
    if written and not written.startswith("/") and link.path:
        candidates.append(posixpath.normpath(posixpath.join(posixpath.dirname(link.path), unquote(written))))
    for source in candidates:
        url = index.sources.get(source)
        if url is not None:
            relative = posixpath.relpath(url, posixpath.dirname(link.page) or ".")
            return source, url, relative + fragment
    return None


def duplicate_ids(page_url: str, path: str, anchors) -> list[Diagnostic]:
    """An id defined twice on a page, at the second one's line: in the include that wrote it
    (an included SVG's ids), naming the page; at the page's line when one include line wrote both
    (the file included twice: the page's second include tag is where to change it)."""
    seen: dict = {}
    findings = []
    for anchor in anchors:
        first = seen.get(anchor.id)
        if first is None:
            seen[anchor.id] = anchor
            continue
        here, there = _id_place(anchor, path, first), _id_place(first, path, anchor)
        said = "both on this line" if here == there else f"first at line {there[1]}" if here[0] == there[0] \
            else f"first at {there[0]}:{there[1]}"
        findings.append(Diagnostic(here[0], here[1], None, "duplicate-id", rules.severity("duplicate-id"),
                                   f"id '{anchor.id}' is defined twice on {page_url} ({said}); links go to the first",
                                   "Give one of them another id.", "#" + anchor.id))
    return findings


def _id_place(anchor, page: str, other) -> tuple:
    """(file, line) of an id: its include's line, unless the other definition is that same line."""
    if anchor.path and (other.path, other.at) != (anchor.path, anchor.at):
        return anchor.path, anchor.at
    return page, anchor.line
