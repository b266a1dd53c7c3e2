"""Jekyll's `sassify` and `scssify` filters (Jekyll::Filters): the text compiled by the site's
Sass converter with no page to associate (jekyll-sass-converter 2.2: the input is "stdin", no
source map), with the site's `sass:` style, load paths and add_charset. A Sass error stops
Jekyll's build; here it is the filter's error, reported at the page's line. Registered by
build.renderers.make_liquid (inside specsite.liquid, the import of specsite.sass closed a cycle)."""
from __future__ import annotations

from pathlib import Path


def register(env, site_of, source_root: Path) -> None:
    """Add both filters to `env`; `site_of()` gives the site's configuration (the `site` drop)."""
    def make(syntax: str):
        def convert(value) -> str:
            from liquid.exceptions import FilterError
            from .sass import SassSettings, compile_sass
            settings = SassSettings.from_site(site_of() or {}, source_root)
            result = compile_sass("" if value is None else str(value), path="stdin", syntax=syntax,
                                  load_paths=settings.load_paths, style=settings.style, sourcemap=False,
                                  line_comments=settings.line_comments, add_charset=settings.add_charset,
                                  source_root=source_root)
            if result.diagnostics:
                raise FilterError(f"{syntax}ify: {result.diagnostics[0].message}")
            return result.css
        return convert
    env.filters["sassify"] = make("sass")
    env.filters["scssify"] = make("scss")
