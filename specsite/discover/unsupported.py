"""Warnings for the Jekyll features specsite does not run (Ruby plugins, plugin gems, gem themes,
other markdown engines), each at the line that asks for it."""
from __future__ import annotations

import re
from pathlib import Path
from types import MappingProxyType

from ..config import SiteConfig
from ..diagnostics import Diagnostics
from ..frontmatter import item_line
from ..kramdown_options import gfm_quirks, not_followed
from ..plugins import SUPPORTED as PLUGINS_RUN
from ..plugins import ruby_plugin_tags
from ..safety import inside, refusal
from .filter import renders_as_jekyll

# What a Jekyll plugin listed in _config.yml adds that a reader of the site would miss.
KNOWN_PLUGINS = MappingProxyType({
    "jekyll-seo-tag": "{% seo %} renders nothing",
    "jekyll-feed": "no feed.xml is written and {% feed_meta %} renders nothing",
    "jekyll-sitemap": "no sitemap.xml is written",
    "jekyll-redirect-from": "the redirect pages of `redirect_from:` are not written",
    "jekyll-relative-links": "links to .md files are not rewritten to their pages",
    "jekyll-github-metadata": "site.github is empty",
    "jekyll-paginate": "paginator is empty and no page2/… pages are written",
    "jekyll-gist": "{% gist %} renders nothing",
    "jemoji": ":emoji: codes stay as text",
    "jekyll-mentions": "@mentions stay as text",
    "jekyll-remote-theme": "the remote theme is not used",
})
# {% include_cached %} is {% include %}; the GitHub Pages plugins run natively (specsite.plugins)
SUPPORTED_PLUGINS = frozenset({"jekyll-include-cache"}) | frozenset(PLUGINS_RUN)
# markdown engines Jekyll 3 ran and Jekyll 4 refuses (a plugin gem such as jekyll-commonmark brings others)
_GONE_ENGINES = frozenset({"redcarpet", "rdiscount", "maruku"})
_GEM = re.compile(r"""^\s*gem\s+["']([\w.-]+)["'](.*)$""")


def unsupported(config: SiteConfig, diags: Diagnostics):
    """Warnings for the Jekyll features specsite does not run: Ruby plugins, plugin gems, gem
    themes, other markdown engines. Each at the line that asks for it; the site still builds."""
    src, cfg = config.source, config.config_file or "_config.yml"
    plugins_dir = src / str(config.site.get("plugins_dir") or "_plugins")
    if plugins_dir.is_dir() and inside(plugins_dir, src):
        defined = ruby_plugin_tags(src, str(config.site.get("plugins_dir") or "_plugins"))
        for path in sorted(plugins_dir.rglob("*.rb")):
            rel = path.relative_to(src).as_posix()
            names = sorted(name for name, (file, _) in defined.items() if file == rel)
            what = f" (it defines {', '.join(names)})" if names else ""
            diags.warning(rel, 1, "jekyll-unsupported",
                          f"Ruby plugin {path.name} is not run{what}: the tags, filters and pages it adds "
                          "are missing")
    names = config.site.get("plugins")
    kept = _safe_mode_plugins(config)
    for index, name in enumerate(names if isinstance(names, list) else []):
        line = item_line(names, index, config.key_lines.get("plugins"))
        if kept is not None and str(name) not in kept:
            _safe_mode_warning(cfg, line, str(name), config.key_lines.get("safe"), diags)
        else:
            _plugin_warning(cfg, line, str(name), "'plugins:'", diags)
    if config.site.get("gems"):
        diags.warning(cfg, config.key_lines.get("gems"), "jekyll-unsupported",
                      "'gems:' is ignored by Jekyll 4 (and by specsite): the plugins it names are not loaded",
                      hint="Rename the key to 'plugins:'.")
    _gemfile_plugins(src, diags)
    _theme_warnings(config, cfg, diags)
    sass = config.site.get("sass")
    if isinstance(sass, dict) and str(sass.get("implementation") or "sassc") != "sassc":
        diags.warning(cfg, getattr(sass, "key_lines", {}).get("implementation"), "jekyll-unsupported",
                      f"sass implementation '{sass['implementation']}' is not used: Sass is compiled with "
                      "libsass, as with sassc (Jekyll's default), so the CSS may differ from dart-sass's",
                      hint="Remove the key, or commit the compiled CSS instead of the .scss page.")
    engine = str(config.site.get("markdown") or "kramdown")
    # Markdown#get_processor: kramdown, or a class a plugin defined in Jekyll::Converters::Markdown
    # (CommonMarkGhPages); any other name, such as a lower-case one (`gfm`, Jekyll 2/3's engines),
    # is "not a valid Markdown processor" and Jekyll 4 stops the build
    if engine.lower() in _GONE_ENGINES or engine.lower() != "kramdown" and not engine[:1].isupper():
        diags.warning(cfg, config.key_lines.get("markdown"), "jekyll-unsupported",
                      f"markdown: {engine} is read as kramdown with input GFM; Jekyll 4 stops the build at it "
                      "('not a valid Markdown processor': kramdown is its only one)",
                      hint="Write markdown: kramdown (or remove the line) so that Jekyll 4 builds the site.")
    elif engine.lower() != "kramdown":
        diags.warning(cfg, config.key_lines.get("markdown"), "jekyll-unsupported",
                      f"markdown: {engine} is read as kramdown with input GFM")
    kramdown = config.site.get("kramdown")
    kinput = str(kramdown.get("input") or "GFM") if isinstance(kramdown, dict) else "GFM"
    if kinput.lower() != "gfm":
        line = getattr(kramdown, "key_lines", {}).get("input")
        diags.warning(cfg, line, "jekyll-unsupported",
                      f"kramdown input '{kinput}' is read as GFM (kramdown's own syntax may render differently)")
    for key, message in not_followed(kramdown):
        diags.warning(cfg, getattr(kramdown, "key_lines", {}).get(key), "jekyll-unsupported", message,
                      hint=f"Remove {key} from kramdown: in _config.yml, or accept the difference.")
    if isinstance(kramdown, dict) and "paragraph_end" not in gfm_quirks(kramdown):
        diags.warning(cfg, getattr(kramdown, "key_lines", {}).get("gfm_quirks"), "jekyll-unsupported",
                      "kramdown gfm_quirks without paragraph_end is not followed: kramdown then needs a blank "
                      "line after a paragraph before a heading or list, specsite starts them on the next line",
                      hint="Add paragraph_end to gfm_quirks (kramdown's default), or put blank lines there.")


def _safe_mode_plugins(config: SiteConfig) -> set | None:
    """The plugins `safe: true` lets Jekyll load (PluginManager#plugin_allowed?: those of
    `whitelist:` only), None when the site is not in safe mode."""
    if config.site.get("safe") is not True:
        return None
    allowed = config.site.get("whitelist")
    return {str(n) for n in allowed} if isinstance(allowed, list) else set()


def _safe_mode_warning(path: str, line, name: str, safe_line, diags: Diagnostics):
    """A listed plugin that `safe: true` keeps Jekyll from loading (a GitHub Pages "locked value"
    copied into _config.yml: on GitHub Pages its own settings apply, in a local build none loads)."""
    effect = KNOWN_PLUGINS.get(name, "what it adds to the site is missing").replace(
        "renders nothing", "is an unknown tag (Jekyll stops where a template uses it)")
    at = f" (line {safe_line})" if safe_line else ""
    diags.warning(path, line, "jekyll-unsupported",
                  f"Jekyll plugin '{name}' is not loaded: 'safe: true'{at} loads only the plugins named in "
                  f"'whitelist:', in Jekyll too: {effect}",
                  hint="Remove 'safe: true' (GitHub Pages sets it itself), or add the plugin to 'whitelist:'.")


def _plugin_warning(path: str, line, name: str, where: str, diags: Diagnostics):
    if name in SUPPORTED_PLUGINS:
        return
    effect = KNOWN_PLUGINS.get(name, "what it adds to the site is missing")
    diags.warning(path, line, "jekyll-unsupported",
                  f"Jekyll plugin '{name}' (in {where}) is not supported: {effect}",
                  hint="Remove it if the site does without it, or accept what is left out.")


def _gemfile_plugins(src: Path, diags: Diagnostics):
    """Gems in the Gemfile's :jekyll_plugins group are loaded by Jekyll without being listed."""
    gemfile = src / "Gemfile"
    if refusal(gemfile, src) is not None or not gemfile.is_file():
        return
    in_group = False
    for number, line in enumerate(gemfile.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        stripped = line.split("#", 1)[0].strip()
        if re.match(r"^group\b.*:jekyll_plugins", stripped):
            in_group = True
            continue
        if in_group and stripped == "end":
            in_group = False
            continue
        gem = _GEM.match(stripped)
        if gem and (in_group or "jekyll_plugins" in gem.group(2)):
            _plugin_warning("Gemfile", number, gem.group(1), "the Gemfile's :jekyll_plugins group", diags)


def _theme_warnings(config: SiteConfig, cfg: str, diags: Diagnostics) -> None:
    """A gem theme that is installed is used (discover.theme); one that is not stops Jekyll's
    build; a remote theme is never fetched (Jekyll without jekyll-remote-theme ignores the key)."""
    theme = config.site.get("theme")
    if theme and isinstance(theme, str):
        from ..gems import find_gem  # only a site with `theme:` looks for gems
        if find_gem(theme.strip()) is None:
            diags.warning(cfg, config.key_lines.get("theme"), "jekyll-unsupported",
                          f"theme '{theme}' is not installed (no gems/{theme.strip()}-VERSION folder in GEM_HOME, "
                          "GEM_PATH or the system's gem folders): Jekyll stops the build (\"The "
                          f"{theme.strip()} theme could not be found.\"); specsite builds without the gem's "
                          f"layouts, _includes and assets: {_without_theme(config)}",
                          hint=f"Install it (gem install {theme.strip()}), or remove the key.")
    elif theme:
        diags.warning(cfg, config.key_lines.get("theme"), "jekyll-unsupported",
                      f"theme '{theme}' is not used (a gem theme is named by a string, as Jekyll warns): "
                      f"{_without_theme(config)}, and the gem's _includes are not available")
    if config.site.get("remote_theme"):
        diags.warning(cfg, config.key_lines.get("remote_theme"), "jekyll-unsupported",
                      f"remote_theme '{config.site['remote_theme']}' is not fetched (nor by Jekyll without the "
                      f"jekyll-remote-theme plugin): {_without_theme(config)}, and the theme's _includes and "
                      "assets are not available")


def _without_theme(config: SiteConfig) -> str:
    """What becomes of the pages the theme would have laid out (build.renderers.jekyll_layouts)."""
    templates = config.source / "templates"
    layouts = config.source / str(config.site.get("layouts_dir") or "_layouts")
    if not renders_as_jekyll(config, layouts if layouts.is_dir() else None, None, [templates]):
        return "pages are rendered in specsite's documentation theme"
    return ("a page whose layout the site does not have is written without one, its content alone, as "
            "Jekyll writes it")
