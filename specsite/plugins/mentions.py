"""jekyll-mentions 1.6: `@name` in a page's text becomes a link to github.com/name. It needs no
network; and a page whose body matches the mention pattern anywhere (`@media` in a <style>) has
its whole body re-parsed and re-written by libxml2 (html-pipeline's MentionFilter on Nokogiri),
which lxml reproduces (`<img/>` becomes `<img>`, `&nbsp;` a character)."""
from __future__ import annotations

import posixpath
import re
from html import escape

from .. import jekyll, lean_imports

GITHUB = "https://github.com"
OPENING_BODY = re.compile(r"<body(.*?)>\s*")
# MentionFilter::MentionPatterns[/[\w][\w-]*/] (Ruby's ^ and $ are line anchors, \w is ASCII);
# (?=(…))\1 is the atomic group (?>…) for Pythons before 3.11.
MENTION = re.compile(r"(?:^|\W)@(?=([\w][\w-]*))\1(?!/)(?=\.+[ \t\W]|\.+$|[^0-9a-zA-Z_.]|$)",
                     re.I | re.M | re.A)
IGNORE_PARENTS = {"pre", "code", "a", "style", "script"}
MENTION_LOGINS = {"mention"}  # @mention is left alone (it has no info URL)


class MentionsConfigError(ValueError):
    """`jekyll-mentions:` is neither a URL nor a mapping with `base_url` (Jekyll stops too); the
    message says what is wrong, `hint` how to fix it."""

    hint = "Set jekyll-mentions: to a URL such as https://github.com, or to {base_url: URL}."


def base_url(page: dict, site: dict) -> str:
    value = page.get("jekyll-mentions") or site.get("jekyll-mentions")
    if value is None or value is False:
        return GITHUB
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return str(value.get("base_url", GITHUB))
    raise MentionsConfigError(f"jekyll-mentions is {type(value).__name__} {value!r}, not a URL or a mapping")


def mentionable(page: dict, site: dict) -> bool:
    """A page or document written as .html (a folder URL, or an extensionless permalink of a
    markdown or HTML source) that does not opt out with `jekyll-mentions: false`."""
    url = str(page.get("url") or "")
    ext = jekyll.permalink_ext(url)
    if url.endswith("/"):
        html = True
    elif ext:
        html = ext == ".html"
    else:
        source_ext = posixpath.splitext(str(page.get("path") or page.get("name") or ""))[1]
        html = jekyll.converter_ext(source_ext, jekyll.markdown_exts(site)) == ".html"
    return html and page.get("jekyll-mentions") is not False


def _link(base: str, login: str) -> str:
    url = base if re.search(r"[/~]\Z", base) else base + "/"
    return f"<a href='{url}{login}' class='user-mention'>@{login}</a>"


def _link_text(text: str, base: str) -> str:
    def replace(match):
        login = match.group(1)
        if login.lower() in MENTION_LOGINS:
            return match.group(0)
        return match.group(0).replace("@" + login, _link(base, login), 1)
    return MENTION.sub(replace, text)


def _filter(fragment: str, base: str) -> str:
    """MentionFilter#call on a fragment, serialised as Nokogiri serialises it."""
    lean_imports.lxml()
    import lxml.html
    from lxml import etree

    container = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for node in list(container.iter()):
        for attr in ("text", "tail") if isinstance(node.tag, str) else ("tail",):
            text = getattr(node, attr)
            if not text or "@" not in text:
                continue
            parent = node if attr == "text" else node.getparent()
            if any(a.tag in IGNORE_PARENTS for a in [parent, *parent.iterancestors()] if a is not container):
                continue
            escaped = escape(text, quote=False)
            linked = _link_text(escaped, base)
            if linked != escaped:
                _replace_text(node, attr, linked)
    # Nokogiri writes the fragment's nodes one by one: no line break is added between them, as
    # libxml2 adds none between the children of a parent whose name starts with "p".
    container.tag = "p"
    html = etree.tostring(container, method="html", encoding="unicode", pretty_print=True)
    return html[len("<p>"):html.rindex("</p>")]


def _replace_text(node, attr: str, markup: str) -> None:
    import lxml.html
    pieces = lxml.html.fragment_fromstring(f"<span>{markup}</span>")
    if attr == "text":
        node.text = pieces.text
        for index, child in enumerate(list(pieces)):
            node.insert(index, child)
    else:
        parent = node.getparent()
        node.tail = pieces.text
        at = parent.index(node) + 1
        for offset, child in enumerate(list(pieces)):
            parent.insert(at + offset, child)


def _has_mention(text: str) -> bool:
    """MENTION.search(text) is not None, tried at each `@` only: a failing search of a whole page
    tries the pattern at every character (0.5 ms a page). A match starts at its `@` (`^`) or at
    the character before it (a non-word character, as a line start's newline is)."""
    at = text.find("@")
    while at >= 0:
        if MENTION.match(text, at - 1 if at else 0):
            return True
        at = text.find("@", at + 1)
    return False


def mentionify(output: str, page: dict, site: dict) -> str:
    """The page's final HTML as jekyll-mentions leaves it (a post_render hook in Jekyll)."""
    if "@" not in output or not mentionable(page, site):
        return output
    base = base_url(page, site)
    if "<body" in output:
        match = OPENING_BODY.search(output)
        if match is None:
            return output
        head, opener, tail = output[:match.start()], match.group(0), output[match.end():]
        body, closing, rest = tail.partition("</body>")
        if not _has_mention(body):
            return output
        return head + opener + _filter(body, base) + closing + rest
    if not _has_mention(output):
        return output
    return _filter(output, base)
