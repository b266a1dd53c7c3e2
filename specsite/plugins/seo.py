"""jekyll-seo-tag 2.8: `{% seo %}`, its values computed as its drops compute them
(lib/jekyll-seo-tag/{drop,author_drop,image_drop,json_ld_drop}.rb), rendered with its template."""
from __future__ import annotations

import re

from liquid import Node, Tag
from liquid.undefined import is_undefined

from ..jekyll import filters as jekyll_filters
from .common import JEKYLL_VERSION, absolute_url, blank, first_present, tag_markup, template_source

VERSION = "2.8.0"
TITLE_SEPARATOR = " | "
# `(?<=[{}]|[>,]\n)\s+(?!-)` in Ruby; Python's look-behind needs one width per alternative.
MINIFY = r"(?:(?<=[{}])|(?<=[>,]\n))\s+(?!-)"
HOMEPAGE_OR_ABOUT = re.compile(r"^/(about/)?(index.html?)?$", re.M)
_ESCAPE_ONCE = re.compile(r"[\"><']|&(?!([a-zA-Z]+|(#\d+));)")
_HTML_ESCAPE = {"&": "&amp;", ">": "&gt;", "<": "&lt;", '"': "&quot;", "'": "&#39;"}
_STRIP_BLOCKS = re.compile(r"<script.*?</script>|<!--.*?-->|<style.*?</style>", re.S)
_STRIP_TAGS = re.compile(r"<.*?>", re.S)
_PLAIN_WORDS = re.compile(r"[A-Za-z0-9]+(?: [A-Za-z0-9]+)*")


def _value(value):
    return None if is_undefined(value) else value


def _get(mapping: dict, key: str):
    """mapping[key] or None: a `jekyll.Drop` makes `excerpt` and `content` when first read."""
    try:
        return _value(mapping[key])
    except KeyError:
        return None


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def escape_once(text: str) -> str:
    return _ESCAPE_ONCE.sub(lambda m: _HTML_ESCAPE[m.group(0)[0]], text)


def strip_html(text: str) -> str:
    return _STRIP_TAGS.sub("", _STRIP_BLOCKS.sub("", text))


def _absolute(url: str) -> bool | None:
    """UrlHelper#absolute_url?: whether the string has a scheme."""
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", url))


def _memo(method):
    """Compute once per tag rendering, as the Ruby drop memoises (@title ||= …)."""
    name = method.__name__

    def cached(self):
        if name not in self._cache:
            self._cache[name] = method(self)
        return self._cache[name]
    cached.__doc__ = method.__doc__
    return cached


class Seo:
    """Jekyll::SeoTag::Drop for one page: every value the template and the JSON-LD read."""

    def __init__(self, page: dict, site: dict, *, text: str = "", paginator=None, filters: dict):
        self.page, self.site, self.text, self.paginator = page, site, text, _dict(paginator)
        self.f = filters
        self._cache: dict = {}

    def _absolute_url(self, value):
        filter_ = self.f.get("absolute_url")
        return filter_(value) if filter_ else absolute_url(self.site, value)

    def format_string(self, value):
        """markdownify, strip_html, normalize_whitespace, escape_once; None when empty. Words of
        ASCII letters and digits between single spaces (most titles) are one paragraph to
        kramdown, with nothing to convert, escape or strip: they come back as they are."""
        if value.__class__ is str and _PLAIN_WORDS.fullmatch(value):
            return value
        markdownify = self.f.get("markdownify") or (lambda v: "" if v is None else str(v))
        text = markdownify(value)
        text = jekyll_filters.normalize_whitespace(strip_html("" if text is None else str(text)))
        text = escape_once(text)
        return text or None

    # -- titles --------------------------------------------------------------------------------
    @_memo
    def site_title(self):
        return self.format_string(first_present(self.site.get("title"), self.site.get("name")))

    @_memo
    def site_description(self):
        return self.format_string(self.site.get("description"))

    @_memo
    def page_title(self):
        return self.format_string(self.page.get("title")) or self.site_title()

    @_memo
    def title(self):
        site_title, page_title = self.site_title(), self.page_title()
        site_description = self.site_description()
        if site_title and page_title != site_title:
            title = page_title + TITLE_SEPARATOR + site_title
        elif site_description and site_title:
            tagline = self.format_string(self.site.get("tagline")) or site_description
            title = site_title + TITLE_SEPARATOR + tagline
        else:
            title = page_title or site_title
        number = self.page_number()
        return number + title if number and title else title

    def page_number(self):
        current = self.paginator.get("page")
        if not current or not isinstance(current, int) or current <= 1:
            return None
        message = self.site.get("seo_paginator_message") or "Page %<current>s of %<total>s for "
        return str(message).replace("%<current>s", str(current)).replace(
            "%<total>s", str(self.paginator.get("total_pages")))

    def show_title(self) -> bool:
        return bool(self.title()) and not re.search(r"title=false", self.text, re.I)

    # -- the rest ------------------------------------------------------------------------------
    def homepage_or_about(self) -> bool:
        return bool(HOMEPAGE_OR_ABOUT.search(str(self.page.get("url") or "")))

    def page_seo(self) -> dict:
        return _dict(self.page.get("seo"))

    @_memo
    def name(self):
        if self.page_seo().get("name"):
            return self.format_string(self.page_seo()["name"])
        if not self.homepage_or_about():
            return None
        social = _dict(self.site.get("social"))
        if social.get("name"):
            return self.format_string(social["name"])
        return self.site_title()

    @_memo
    def description(self):
        given = first_present(self.page.get("description"), _get(self.page, "excerpt"))
        return self.format_string(given) or self.site_description()

    @_memo
    def author(self) -> dict:
        """AuthorDrop: page.author, the first of page.authors, site.author; a name is looked up
        in site.data.authors."""
        sources = [self.page.get("author")]
        if isinstance(self.page.get("authors"), list):
            sources.append(self.page["authors"][0] if self.page["authors"] else None)
        sources.append(self.site.get("author"))
        resolved = next((s for s in sources if not blank(s)), None)
        if isinstance(resolved, dict):
            found = dict(resolved)
        elif isinstance(resolved, str):
            found = {"name": resolved}
            data = _dict(_dict(self.site.get("data")).get("authors")).get(resolved)
            found.update(_dict(data))
        else:
            found = {}
        twitter = first_present(found.get("twitter"), found.get("name"))
        found["twitter"] = re.sub(r"^@", "", twitter, count=1) if isinstance(twitter, str) else None
        return found

    @_memo
    def image(self) -> dict | None:
        meta = self.page.get("image")
        if isinstance(meta, dict):
            image = {"path": None, **meta}
        elif isinstance(meta, str):
            image = {"path": meta}
        else:
            image = {"path": None}
        raw = first_present(image.get("path"), image.get("facebook"), image.get("twitter"))
        if raw is None:
            return None
        absolute = self._absolute_url(raw) if isinstance(raw, str) and not _absolute(raw) else raw
        image["path"] = jekyll_filters.uri_escape(absolute)
        return image

    def _xmlschema(self, value):
        return jekyll_filters.date_to_xmlschema(value)

    def date_modified(self):
        date = first_present(self.page_seo().get("date_modified"), self.page.get("last_modified_at"),
                             self.page.get("date"))
        return self._xmlschema(date) if date else None

    def date_published(self):
        return self._xmlschema(self.page["date"]) if self.page.get("date") else None

    @_memo
    def type(self):
        if self.page_seo().get("type"):
            return self.page_seo()["type"]
        if self.homepage_or_about():
            return "WebSite"
        return "BlogPosting" if self.page.get("date") else "WebPage"

    def links(self):
        if self.page_seo().get("links"):
            return self.page_seo()["links"]
        if self.homepage_or_about():
            return _dict(self.site.get("social")).get("links")
        return None

    @_memo
    def logo(self):
        logo = self.site.get("logo")
        if not logo:
            return None
        return jekyll_filters.uri_escape(logo if _absolute(str(logo)) else self._absolute_url(logo))

    def page_locale(self):
        lang = first_present(self.page.get("lang"), self.site.get("lang"), "en_US")
        return str(first_present(self.page.get("locale"), self.site.get("locale"), lang)).replace("-", "_")

    @_memo
    def canonical_url(self):
        given = self.page.get("canonical_url")
        if blank(given):
            return re.sub(r"/index\.html$", "/", str(self._absolute_url(self.page.get("url")) or ""))
        return given

    def json_ld(self) -> str:
        """JSONLDDrop#to_json: the keys sorted, nil values left out."""
        author = self.author()
        values = {"@context": "https://schema.org", "@type": self.type()}
        if author.get("name") and (author.get("type") in (None, "Organization", "Person")):
            values["author"] = {"@type": author.get("type") or "Person", "name": author["name"]}
            if author.get("url"):
                values["author"]["url"] = author["url"]
        values["dateModified"] = self.date_modified()
        values["datePublished"] = self.date_published()
        values["description"] = self.description()
        values["headline"] = self.page_title()
        image = self.image()
        if image is not None:
            if len(image) == 1:
                values["image"] = image["path"]
            else:
                values["image"] = {k: v for k, v in image.items() if k != "path"}
                values["image"]["url"] = image["path"]
                values["image"]["@type"] = "imageObject"
        if self.type() in ("BlogPosting", "CreativeWork"):
            values["mainEntityOfPage"] = {"@type": "WebPage", "@id": self.canonical_url()}
        values["name"] = self.name()
        logo = self.logo()
        if logo:
            values["publisher"] = {"@type": "Organization", "logo": {"@type": "ImageObject", "url": logo}}
            if author.get("name"):
                values["publisher"]["name"] = author["name"]
        values["sameAs"] = self.links()
        values["url"] = self.canonical_url()
        ordered = {k: values[k] for k in sorted(values) if values[k] is not None}
        return jekyll_filters.jsonify(ordered)

    def variables(self) -> dict:
        """`seo_tag` as the template reads it."""
        return {"version": VERSION, "title?": self.show_title(), "title": self.title(),
                "page_title": self.page_title(), "site_title": self.site_title(),
                "author": self.author(), "page_locale": self.page_locale(),
                "description": self.description(), "canonical_url": self.canonical_url(),
                "image": self.image(), "json_ld": _Raw(self.json_ld())}


class _Raw(str):
    """JSON already made: `| jsonify` passes it through."""


def render_seo(env, page: dict, site: dict, *, text: str = "", paginator=None, jekyll_vars=None) -> str:
    """The `{% seo %}` output for a page, with `env`'s filters (the site's url and baseurl)."""
    seo = Seo(page, site, text=text, paginator=paginator, filters=env.filters)
    template = _template(env)
    jekyll_vars = jekyll_vars if isinstance(jekyll_vars, dict) else {"version": JEKYLL_VERSION}
    return template.render(site=site, page=page, paginator=paginator, seo_tag=seo.variables(),
                           jekyll=jekyll_vars)


def _template(env):
    """The gem's template, parsed once per Liquid environment and kept on it (a build's), and
    compiled as layouts are: it runs on every page."""
    template = getattr(env, "specsite_seo_template", None)
    if template is None:
        from ..liquid.kept_trees import nodes  # (kept between builds, parsed by this environment)
        source = template_source("seo.html", MINIFY).replace("seo_tag.json_ld | jsonify", "seo_tag.json_ld")
        parsed = nodes("seo.html", source, lambda text: env.from_string(text).nodes, env)
        template = env.specsite_seo_template = env.template_class(env=env, nodes=parsed, globals=env.make_globals(None))
        renderer = getattr(env, "specsite", None)  # a build's LiquidRenderer (liquid/ imports plugins/)
        if renderer is not None:
            renderer.compile(template)
    return template


class SeoNode(Node):
    __slots__ = ("text",)

    def __init__(self, token, text):
        super().__init__(token)
        self.text = text
        self.blank = False

    def render_to_output(self, context, buffer) -> int:
        site, page = _value(context.resolve("site")), _value(context.resolve("page"))
        # The gem's template is not the layout's: its outputs are left out of the layout's record,
        # or a page's `image:` written in og:image would be taken for the layout's own `src="{{
        # page.image }}"` and its link reported at another output of the layout (gw2-developers).
        renderer = getattr(context.env, "specsite", None)
        recorded = getattr(renderer, "recorded", None)
        if recorded is not None:
            renderer.recorded = None
        try:
            buffer.write(render_seo(context.env, _dict(page), _dict(site), text=self.text,
                                    paginator=_value(context.resolve("paginator")),
                                    jekyll_vars=_value(context.resolve("jekyll"))))
        finally:
            if recorded is not None:
                renderer.recorded = recorded
        return True


class SeoTag(Tag):
    """`{% seo %}`, `{% seo title=false %}`."""

    name = "seo"
    block = False

    def parse(self, stream):
        return SeoNode(*tag_markup(stream))
