"""What the plugin ports share: their Liquid templates, minified as each plugin minifies them, a
Liquid environment with Jekyll's filters for the pages they generate, and Ruby's truthiness."""
from __future__ import annotations

import functools
import re
from pathlib import Path

from liquid import Environment
from liquid.exceptions import LiquidError
from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG

from ..jekyll import filters as jekyll_filters

TEMPLATES = Path(__file__).with_name("templates")
JEKYLL_VERSION = "4.3.1"


class PluginTagError(LiquidError):
    """A plugin tag that cannot render (Jekyll stops the build): the message says what is wrong,
    `hint` how to fix it."""

    def __init__(self, message: str, *, hint: str, token=None):
        super().__init__(message, token=token)
        self.hint = hint


@functools.lru_cache(maxsize=None)
def template_source(name: str, minify: str | None = None) -> str:
    """A plugin's template as the plugin reads it: `minify` is its MINIFY_REGEX, removed."""
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    return re.sub(minify, "", text) if minify else text


def site_url(site: dict) -> tuple[str, str]:
    """(url, baseurl) as Jekyll's URL filters read them from the configuration."""
    url = site.get("url")
    base = site.get("baseurl")
    return ("" if url is None else str(url)), ("" if base is None else str(base))


def environment(site: dict) -> Environment:
    """python-liquid with Jekyll's filters, for pages that plugins write without a source file;
    its if, unless, for, assign and output read by liquid/fast_tags (the nodes python-liquid's
    own parsers build: parsing sitemap.xml and feed.xml was ~29M instructions of a build)."""
    return _environment(*site_url(site))


@functools.lru_cache(maxsize=8)
def _environment(url: str, base: str) -> Environment:
    """One environment for every generated page of a site (its filters depend on nothing else):
    making one registers every filter (~1M instructions), and a site with jekyll-feed and
    jekyll-sitemap made three a build, one with redirects one a redirect page."""
    from ..liquid.fast_tags import FAST_TAGS  # (liquid/ imports plugins/: not at load)
    env = Environment()
    for tag in FAST_TAGS:
        env.add_tag(tag)
    jekyll_filters.register(env, baseurl=base, url=url)
    return env


_PARSED: dict = {}  # (name, minify) -> the template's nodes (they hold no environment)


def _nodes(env: Environment, name: str, minify: str | None) -> list:
    """The parsed nodes of a plugin template, kept between builds (plugins/kept_templates.py)."""
    found = _PARSED.get((name, minify))
    if found is None:
        from ..liquid.kept_trees import nodes
        found = _PARSED[name, minify] = nodes(name, template_source(name, minify),
                                              lambda source: env.from_string(source).nodes)
    return found


def absolute_url(site: dict, value) -> str | None:
    url, base = site_url(site)
    return jekyll_filters.make_absolute_url(url, jekyll_filters.make_relative_url(base))(value)


def render(site: dict, name: str, minify: str | None, **variables) -> str:
    """Render one of the plugin templates for a generated page (Jekyll 4.3.1's `jekyll` drop)."""
    env = environment(site)
    template = env.template_class(env=env, nodes=_nodes(env, name, minify), globals=env.make_globals(None))
    variables.setdefault("jekyll", {"version": JEKYLL_VERSION, "environment": "development"})
    return template.render(site=site, **variables)


def blank(value) -> bool:
    """Ruby's `value.to_s.empty?` for YAML values: nil and "" are blank, {} and [] are not."""
    return value is None or value == ""


def first_present(*values):
    """Ruby's `a || b || c`: the first value that is neither nil nor false."""
    for value in values:
        if value is not None and value is not False:
            return value
    return None


def tag_markup(stream) -> tuple:
    """(token, markup) of a one-line tag: `{% name markup %}`, the markup consumed ("" when none)."""
    token = stream.expect(TOKEN_TAG)
    if stream.peek.kind != TOKEN_EXPRESSION:
        return token, ""
    next(stream)
    return token, stream.current.value
