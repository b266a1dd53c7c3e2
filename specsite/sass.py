"""Sass and SCSS pages compiled to CSS (and a source map) as Jekyll's jekyll-sass-converter 2.2 does."""
from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import jekyll, lean_imports
from .diagnostics import ERROR, WARNING, Diagnostic

STYLES = ("nested", "expanded", "compact", "compressed")
DEFAULT_STYLE = "compact"  # the converter's default for sassc, kept for backward compatibility
PRECISION = 10  # libsass's own default, which sassc keeps (the Python binding's is 5)
_LOCATION = re.compile(r"^\s*(on|from) line (\d+)(?::(\d+))? of (.+?)\s*$", re.M)
_LINE_COMMENT = re.compile(r"/\* line (\d+), (.+?) \*/")
_SOURCES = re.compile(r'(\n\t"sources": \[\n)(.*?)(\n\t\],)', re.S)


@dataclass(frozen=True)
class SassResult:
    """A compiled Sass page: its CSS, source map and findings."""
    css: str
    map: str | None  # the .css.map JSON, when source maps are on
    diagnostics: tuple
    includes: tuple = ()  # absolute paths of the files it imported (a change recompiles the page)


@dataclass(frozen=True)
class SassSettings:
    """The `sass:` keys of _config.yml as the converter reads them (Scss#sass_configs)."""

    style: str = DEFAULT_STYLE
    load_paths: tuple = ()  # absolute folders: `load_paths:` globs, then `sass_dir` (default _sass)
    sourcemap: bool = True
    line_comments: bool = False
    add_charset: bool = False

    @classmethod
    def from_site(cls, site: dict, source: Path, env: str | None = None) -> "SassSettings":
        options = site.get("sass") if isinstance(site.get("sass"), dict) else {}
        style = str(options.get("style") or "").lstrip(":")
        mode = str(options.get("sourcemap", "always")).lstrip(":")
        env = env if env is not None else (os.environ.get("JEKYLL_ENV") or "development")
        sourcemap = mode != "never" and not (mode == "development" and env != "development")
        return cls(style if style in STYLES else DEFAULT_STYLE, load_paths(options, source) + _theme_sass(site),
                   sourcemap,
                   bool(options.get("line_comments", False)), bool(options.get("add_charset")))


def _theme_sass(site: dict) -> tuple:
    """A gem theme's _sass/, searched after the site's (jekyll-sass-converter: Theme#sass_path)."""
    if not isinstance(site.get("theme"), str):
        return ()
    from .gems import gem_theme
    theme = gem_theme(site)
    return (str(theme.sass),) if theme is not None and theme.sass is not None else ()


def load_paths(options: dict, source: Path) -> tuple:
    """`load_paths` (globs from the source folder), then `sass_dir` kept inside the source."""
    sass_dir = str(options.get("sass_dir") or "") or "_sass"
    if not sass_dir.startswith(str(source) + "/"):  # Jekyll.sanitized_path: never outside the source
        sass_dir = posixpath.normpath("/" + sass_dir).lstrip("/") or "."
    inside = sass_dir
    user = options.get("load_paths")
    patterns = [str(p) for p in (user if isinstance(user, list) else [user] if user else [])] + [inside]
    import glob  # here, not at the top: a build without Sass pages never reads load paths
    found: list = []
    for pattern in patterns:
        for path in sorted(glob.glob(pattern, root_dir=source)) if glob.has_magic(pattern) else [pattern]:
            full = os.path.normpath(os.path.join(source, path))
            if full not in found and os.path.isdir(full):
                found.append(full)
    return tuple(found)


def compile_sass(text: str, *, path: str, syntax: str = "scss", load_paths=(), style: str = DEFAULT_STYLE,
                 sourcemap: bool = True, line_comments: bool = False, add_charset: bool = False,
                 source_root: Path, locate: Callable[[int], tuple] | None = None) -> SassResult:
    """Compile a page's text (Liquid already run). `path` is the page's file from `source_root`;
    `locate` maps a line of `text` to (file, line) of the source, for errors.

    Jekyll names the input `<source>/<file name>` — the folder of the page is dropped — so imports
    relative to the page resolve from the source folder, and the map's sources are relative to it."""
    name = posixpath.basename(path)
    stem = posixpath.splitext(name)[0]
    # libsass and the temp folder's modules load with the first Sass page: most builds have none
    import json  # here, like the rest: a build without Sass pages needs none of them
    import shutil
    import tempfile

    lean_imports.libsass()  # (without inspect)
    import sass as libsass  # libsass 3.6, the engine Jekyll's sassc gem embeds

    source_root = Path(os.path.abspath(source_root))
    work = tempfile.mkdtemp(prefix="specsite-sass-")
    try:
        # Not named after the page: `@import "main"` in main.scss means _sass/main.scss (Jekyll
        # names the input <source>/main.scss, which does not exist), not the page itself.
        main = os.path.join(work, "specsite-input." + syntax)
        with open(main, "w", encoding="utf-8") as handle:
            handle.write(text)
        try:
            css, smap = libsass.compile(
                filename=main, output_style=style, source_comments=bool(line_comments), precision=PRECISION,
                include_paths=[str(source_root), *load_paths], source_map_filename=os.path.join(work, stem + ".css.map"),
                output_filename_hint=os.path.join(work, stem + ".css"), source_map_contents=True,
                omit_source_map_url=not sourcemap)
        except libsass.CompileError as err:
            return SassResult("", None, (_diagnostic(str(err), main, path, source_root, load_paths, locate),))
        sources = [os.path.normpath(os.path.join(work, s)) for s in json.loads(smap)["sources"]]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    real = os.path.join(source_root, name)  # where Jekyll says the input is
    css = _line_comments(css, main, real, source_root, sources) if line_comments else css
    css = re.sub("^\ufeff", '@charset "UTF-8";' if add_charset else "", css, count=1, flags=re.M)
    rels = [name if s == main else posixpath.relpath(s, source_root) for s in sources]
    smap = _SOURCES.sub(lambda m: m.group(1) + ",\n".join(
        "\t\t" + json.dumps(s, ensure_ascii=False) for s in rels) + m.group(3), smap, count=1)
    return SassResult(css, smap if sourcemap else None, (), tuple(s for s in sources if s != main))


def _line_comments(css: str, main: str, real: str, root: Path, sources) -> str:
    """`/* line 4, main.scss */` names files from the source folder, as sassc does when Jekyll runs
    there (the usual way), whatever folder specsite was started from."""
    cwd, known = os.getcwd(), set(sources)

    def fix(match):
        file = os.path.normpath(os.path.join(cwd, match.group(2)))
        if file not in known:
            return match.group(0)  # a comment of the author's that looks like one
        return f"/* line {match.group(1)}, {os.path.relpath(real if file == main else file, root)} */"
    return _LINE_COMMENT.sub(fix, css)


def _diagnostic(error: str, main: str, path: str, root: Path, load_paths, locate) -> Diagnostic:
    """libsass's "Error: …  on line L:C of FILE  from line …" as a finding at the file and line."""
    first = error.strip().splitlines()[0] if error.strip() else "Sass error"
    message = first[len("Error: "):] if first.startswith("Error: ") else first
    places = []
    for match in _LOCATION.finditer(error):
        file = os.path.normpath(os.path.join(os.getcwd(), match.group(4)))
        line, column = int(match.group(2)), int(match.group(3)) if match.group(3) else None
        if file == main:
            file, line = locate(line) if locate else (path, line)
        else:
            file = os.path.relpath(file, root) if Path(file).is_relative_to(root) else file
        places.append((file, line, column))
    file, line, column = places[0] if places else (path, None, None)
    if len(places) > 1:
        message += f" (imported from {places[-1][0]}:{places[-1][1]})"
    return Diagnostic(file, line, column, "sass-error", ERROR, message.rstrip(".") + ".",
                      _hint(message, root, load_paths))


def _hint(message: str, root: Path, load_paths) -> str:
    if message.startswith("File to import not found"):
        where = ", ".join(os.path.relpath(p, root) + "/" for p in load_paths) or "_sass/"
        return (f"Sass looks in the source folder and in {where}; a partial is named _name.scss "
                "(set sass: sass_dir or load_paths in _config.yml for other folders).")
    if message.startswith("Undefined variable"):
        return "Define the variable before this line, or @import the partial that defines it first."
    if message.startswith(("Undefined mixin", "no mixin named")):
        return "Define the mixin with @mixin, or @import the partial that defines it first."
    return "Fix the Sass at this position; Jekyll stops the build on the same error."


def compile_page(page, text: str, *, site: dict, source_root: Path,
                 locate: Callable[[int], tuple] | None = None) -> tuple[SassResult, tuple]:
    """A .scss/.sass page's CSS, and the other files it writes: ((map output path, map),)."""
    settings = SassSettings.from_site(site, source_root)
    syntax = "sass" if page.rel.lower().endswith(".sass") else "scss"
    result = compile_sass(text, path=page.rel, syntax=syntax, load_paths=settings.load_paths,
                          style=settings.style, sourcemap=settings.sourcemap,
                          line_comments=settings.line_comments, add_charset=settings.add_charset,
                          source_root=source_root, locate=locate)
    if result.map is None:
        return result, ()
    target = map_output(page, site)
    if target is None or target == page.url:
        line = getattr(page.meta, "key_lines", {}).get("permalink")
        note = Diagnostic(page.rel, line, None, "sass-sourcemap", WARNING,
                          f"the source map would be written to {page.url}, over the stylesheet "
                          "(Jekyll does so and reports a conflict); specsite writes the stylesheet only",
                          "Drop the permalink and name the file after its output, or set "
                          "sass: {sourcemap: never} in _config.yml.")
        return SassResult(result.css, None, result.diagnostics + (note,), result.includes), ()
    return result, ((target, result.map),)


def map_output(page, site: dict) -> str | None:
    """Where Jekyll writes the map: a page named `<name>.css.map` beside the page, with the page's
    front matter (SourceMapPage), so a permalink gives it the stylesheet's own URL."""
    rel = posixpath.join(posixpath.dirname(page.rel), posixpath.splitext(posixpath.basename(page.rel))[0] + ".css.map")
    return jekyll.page_output(rel, page.meta, str(site.get("permalink") or "date"), jekyll.markdown_exts(site))


is_sass = jekyll.is_sass  # (its home is jekyll/urls.py, beside SASS_EXTS: callers that only ask need not import this module)
