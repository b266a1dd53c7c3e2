"""The Liquid renderer of a build: one environment for the site, its includes found and parsed
once, each page body or layout rendered into text, a source map and diagnostics."""
from __future__ import annotations

import dataclasses
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from liquid.builtin.tags.for_tag import ForNode
from liquid.exceptions import LiquidError, LiquidSyntaxError, TemplateNotFoundError
from liquid.token import TOKEN_OUTPUT, TOKEN_TAG, Token

from .. import plugins
from ..diagnostics import Diagnostic, ERROR, WARNING, closest
from ..jekyll import filters as jekyll_filters
from ..jekyll.drops import related_site
from ..paths import source_rel
from .compiler import compile_loops, compile_template
from .environment import _Environment, _fatal, in_ruby_words
from .errors import IncludeParseError, _line_col, diagnostic, unknown_filters, unterminated_output
from .include_files import IncludeFiles
from .kept import KeptBodies
from .kept_trees import template as kept_template
from .cycle import RubyCycleTag
from .lax_case import RubyCase
from .lax import LaxAssign, LaxCapture, LaxIf, LaxOutput, LaxUnless, RubyDecrement, RubyEcho, RubyIncrement
from .late_reversed import LaxFor, LaxTablerow
from .ruby_lax import RefusedMarkup, unknown_tag_message
from .source_map import SourceMap, has_liquid
from .tags import (PLUGIN_TAGS, HighlightTag, IncludeCachedTag, JekyllIncludeRelativeTag, JekyllIncludeTag, LinkTag,
                   PostUrlTag, UnknownTag, find_post, highlight_markup, render_flat)
from .unwritten import unwritten_source

# Jekyll's IncludeTag VALID_FILENAME_CHARS and INVALID_SEQUENCES (Ruby's \w is ASCII)
_URL_WITH_SCHEME = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")
_VALID_INCLUDE_NAME = re.compile(r"^[\w/.\-()+~#@]+$", re.ASCII)
_INVALID_INCLUDE_NAME = re.compile(r"[./]{2,}")

@dataclass(frozen=True)
class LiquidResult:
    """A rendered template, with where each piece of its output came from."""
    text: str
    source_map: SourceMap
    diagnostics: tuple = ()
    includes: tuple = ()  # include names used, for dependency tracking
    outputs: tuple = ()  # (text, file, line, column) of each {{ output }} a layout wrote
    failed: bool = False  # the template did not render (its error in `diagnostics`): `text` is it as written


# a filter's name followed by its arguments with no ':' between (`| replace "a", b`)
_NO_COLON = re.compile(r"""\|\s*(\w+)\s+(?=["'\w])""")


class LiquidRenderer:
    """One Liquid environment for the site; `render` turns a page body into text + source map.

    `files` maps source paths to URLs for `{% link %}`; `posts` lists (source path, URL) for
    `{% post_url %}`."""

    def __init__(self, include_dirs, site_vars: dict, *, source_root: Path, highlight,
                 markdownify=None, baseurl="", url="", files: dict | None = None, posts=None,
                 highlight_code=None, plugin_names=(), ruby_tags=None, render_order=None,
                 unseen_tags=True, refused_plugins=frozenset()):
        self.include_files = IncludeFiles(include_dirs, source_root)
        self.source_root = source_root
        self.highlight = highlight
        self.highlight_code = highlight_code
        self.env = _Environment(strict_filters=False)
        self.env.specsite = self
        for tag in (JekyllIncludeTag, JekyllIncludeRelativeTag, IncludeCachedTag, HighlightTag,
                    LinkTag, PostUrlTag):
            self.env.tags[tag.name] = tag(self.env)
        self.env.tags["illegal"] = UnknownTag(self.env)
        self.env.tags[TOKEN_OUTPUT] = LaxOutput(self.env)
        self.env.tags["assign"] = LaxAssign(self.env)
        self.env.tags["capture"] = LaxCapture(self.env)
        self.env.tags["increment"], self.env.tags["decrement"] = RubyIncrement(self.env), RubyDecrement(self.env)
        self.env.tags["cycle"] = RubyCycleTag(self.env)
        self.env.tags["echo"] = RubyEcho(self.env)
        self.env.tags["if"], self.env.tags["unless"] = LaxIf(self.env), LaxUnless(self.env)
        self.env.tags["for"] = LaxFor(self.env)  # (a `reversed` after limit/offset is ignored)
        self.env.tags["tablerow"] = LaxTablerow(self.env)
        self.env.tags["case"] = RubyCase(self.env)
        plugins.register(self.env, plugin_names)
        self.ruby_tags = dict(ruby_tags or {})  # tag/filter name -> (_plugins file, line)
        self.unseen_tags = unseen_tags  # plugins.unseen_tags: code specsite cannot read may add tags
        self.refused_plugins = refused_plugins  # plugins.safe_refused: listed, not loaded (their tags unknown)
        self.env.track_parsing()
        jekyll_filters.register(self.env, baseurl=baseurl, url=url, markdownify=markdownify)
        self.globals = site_vars
        self.render_order = render_order  # jekyll.render_order.RenderOrder: set to each page rendered
        self.files = None if files is None else dict(files)  # None: unknown (no link is missing)
        self.posts = list(posts or ())
        self._includes: dict[Path, object] = {}
        self._known: dict = {}  # an include's name (not include_relative's) -> (its file, its template)
        self._layouts: dict[str, object] = {}  # layout rel -> parsed template
        self.recorded: list | None = None  # (text, token) of each output while a layout renders
        self._output_positions: dict = {}  # id(token) -> (the token, (its file, line, column))
        self._include_sources: dict[str, Path] = {}
        self._used: set = set()
        self._nested: set = set()  # rels of the pages render_nested is rendering
        self._current: list = []
        self._notes: list = []  # diagnostics found while parsing or rendering the current page
        self._page: tuple = ("", "", 1)  # (rel, text, line offset) of the page being rendered
        self._page_rels: dict = {}  # a page's path -> its source-relative path (each layout of it asks)
        self._kept = KeptBodies(site_vars.get("site") or {})  # bodies other pages' Liquid reads again
        # increment/decrement counters shared by every render of the build, as Jekyll's one site
        # payload keeps them (Liquid's context.environments.first); None: no template uses them
        self.counters: dict | None = None
        # Jekyll's `content` and `layout` as the renders before this page's left them, for its
        # body (build.render sets them while it renders in Jekyll's order); None: not tracked
        self.payload: dict | None = None

    def parsed_templates(self) -> set:
        """The layouts (rel) and includes (path) parsed so far: a template's parse warnings come
        with the render that parses it first (build/render_cache.py keeps track)."""
        return {*self._layouts, *(str(path) for path in self._includes)}

    def find_include(self, name: str, relative_to: Path | None = None) -> Path | None:
        """The include's file; looked up once per build (a sidebar include runs on every page)."""
        return self.include_files.find(name, relative_to)

    def include_template(self, name, context, token, *, relative=False):
        """The parsed include `name` (None when it cannot be had: noted). A name found before is
        not validated and looked up again (an include tag runs on every page)."""
        known = None if relative else self._known.get(name)
        if known is not None:
            self._used.add(known[0])
            return known[1]
        if _INVALID_INCLUDE_NAME.search(name) or not _VALID_INCLUDE_NAME.match(name):
            # Jekyll's IncludeTag#validate_file_name raises (the build stops): noted as an error
            rel, text, offset = self._page
            err = LiquidError(f"Invalid syntax for include tag. File contains invalid characters or sequences: {name}",
                              token=token)
            self._notes.append(dataclasses.replace(
                self._diagnostic(err, text, rel, offset),
                hint="Jekyll accepts letters, digits and _ / . - ( ) + ~ # @ in an include's name, and no two"
                     " of . and / in a row ('..', './', '//')."))
            return None
        page_dir = self._current[-1] if relative and self._current else None
        path = self.include_files.find(name, page_dir)
        if path is None:
            # noted, not raised: the page renders on without it, so every missing include and
            # every broken link of the page is reported in one run
            message, hint = self.include_files.missing(name, relative)
            rel, text, offset = self._page
            self._notes.append(dataclasses.replace(
                self._diagnostic(TemplateNotFoundError(message, token=token), text, rel, offset), hint=hint))
            return None
        template = self._includes.get(path)
        if template is None:
            rel = source_rel(path, self.source_root)  # (find_include's path is resolved)
            try:
                source = path.read_bytes().decode("utf-8-sig")  # (Inclusion reads "bom|utf-8": the mark
                # goes, a "\r\n" stays)
            except UnicodeDecodeError:
                raise LiquidError(f"include file '{name}' ({rel}) is not UTF-8 text; save it as UTF-8",
                                  token=token) from None
            if relative and self.render_order is not None and rel in self.render_order.body_first:
                source = self.render_order.body_first[rel]  # (a page rendered first: its parsed body, jekyll.partials)
            self._include_sources[source] = path
            self._kept.include(path, source)
            try:
                template = kept_template(self, source, rel)
            except LiquidError as err:
                if err.token is None or err.token.start_index < 0:
                    raise IncludeParseError(rel, source, err) from None
                raise
            self._notes.extend(self._unknown_filters(template, source, rel, 1))
            compile_template(template, self.env.autoescape)  # an include runs on many pages
            self._includes[path] = template
        self._used.add(path)
        if not relative:
            self._known[name] = (path, template)
        return template

    def compile(self, template):
        """`template` compiled into closures (a template that runs on every page: a plugin's)."""
        compile_template(template, self.env.autoescape)
        return template

    def notes_so_far(self) -> list:
        return self._notes

    def parse(self, source: str, name: str, globals_: dict | None = None):
        """A template; one that strict parsing refuses for an expression Jekyll's lax parser
        accepts is parsed again leniently, each problem a warning at its line."""
        if "}" in source:
            at = unterminated_output(source)
            if at is not None:  # (python-liquid reads on to the next `}}`)
                end = source.find("}", at) + 1
                raise LiquidSyntaxError(f"Variable '{source[at:end]}' was not properly terminated with "
                                        "regexp: /\\}\\}/", token=Token(TOKEN_OUTPUT, source[at:end], at, source))
        try:
            return self.env.from_string(source, name=name, globals=globals_)
        except LiquidSyntaxError as err:
            if _fatal(err):
                raise in_ruby_words(err) from None
        self.env.lax = True
        try:
            template = self.env.from_string(source, name=name, globals=globals_)
        finally:
            self.env.lax = False
        template.specsite_lax = True  # errors.unknown_filters: its markup is not the source's
        return template

    def note_lax_rewrite(self, token, markup: str, cleaned: str):
        flat = ' '.join(markup.split())
        # `| replace "a", b`: the ':' after a filter's name left out, which lax Liquid reads as
        # dropping the first argument; the fix is the ':', not what Jekyll made of it
        intended = _NO_COLON.sub(lambda m: f"| {m.group(1)}: ", flat)
        hint = (f"Write '{intended}' (a filter's arguments follow a ':'); '{cleaned}' is what Jekyll runs now."
                if intended not in (flat, cleaned) else f"Write '{cleaned}'.")
        self._note(token, WARNING, "liquid-syntax",
                   f"Liquid syntax error in '{flat}'; read as '{cleaned}', as Jekyll's lax Liquid reads it", hint=hint)

    def note_number_word(self, token, markup: str):
        self._note(token, WARNING, "liquid-syntax",
                   f"Liquid syntax error in '{' '.join(markup.split())}': a number run into a name (1e3) is no "
                   "number to Liquid; read as a variable (nil), as Jekyll's lax Liquid reads it",
                   hint="Write the number in full (1000), or quote it.")

    def note_lax_error(self, err: LiquidError):
        message = str(getattr(err, "message", err)).split("\n")[0].rstrip(".")
        self._note(err.token, WARNING, "liquid-syntax",
                   f"Liquid syntax error{_in_markup(err.token)}: {message}; skipped (Jekyll's lax Liquid lets it pass)")

    # -- Jekyll's URL tags -------------------------------------------------------------------
    def link_url(self, argument: str, token) -> str:
        """`{% link %}`: the page's URL with the baseurl; a missing target stops Jekyll's build: an
        error at the tag (its URL is made as if it existed, for the rest of the page). A URL with a
        scheme (`https://x/`) is no file of the site: Jekyll stops the build ("Could not find
        document"); it is an error at the tag, and the URL is written as given."""
        if _URL_WITH_SCHEME.match(argument.strip()):
            url = argument.strip()
            self._note(token, ERROR, "broken-link",
                       f"{{% link {url} %}}: the link tag takes a file of the site, not a URL; Jekyll stops the "
                       "build here (\"Could not find document\")", hint=f"Write the URL without the tag: {url}")
            return url
        rel = argument.strip()
        url = None if self.files is None else self.files.get(rel)
        if url is None:
            url = "/" + rel.lstrip("/")
            if self.files is not None:
                self._missing_link(token, rel)
        return self.env.filters["relative_url"](url)

    def _missing_link(self, token, rel: str) -> None:
        """Jekyll's link tag stops the build when no written page, document, generated page or
        static file has that path ("Could not find document"): an error at the tag."""
        unwritten = unwritten_source(self.source_root, rel.lstrip("/"))
        if unwritten is not None:
            why, hint = unwritten
            self._note(token, ERROR, "broken-link", f"{{% link {rel} %}}: '{rel}' is {why}, so it is not in the "
                       "site; Jekyll stops the build here (\"Could not find document\")", hint=hint)
            return
        paths = [k for k in self.files if not k.startswith("/")]
        match = closest(rel.lstrip("/"), paths)
        if match is None:  # (the right name in another folder: the closest name's first path)
            name = closest(rel.rsplit("/", 1)[-1], {p.rsplit("/", 1)[-1] for p in paths})
            match = next((p for p in paths if p.rsplit("/", 1)[-1] == name), None)
        hint = f"Did you mean '{match}'?" if match else "Give the file's path from the source folder."
        self._note(token, ERROR, "broken-link", f"{{% link {rel} %}}: no page, document or file '{rel}' in the "
                   "site; Jekyll stops the build here (\"Could not find document\")", hint=hint)

    def post_url(self, argument: str, token) -> str:
        name = argument.strip().lstrip("/")
        url = find_post(name, self.posts)
        if url is not None:
            return self.env.filters["relative_url"](url)
        names = [re.sub(r"^.*?_posts/|\.[^.]+$", "", rel) for rel, _ in self.posts]
        match = closest(name, names)
        self._note(token, ERROR, "broken-link", f"{{% post_url {name} %}}: no such post in _posts/",
                   hint=f"Did you mean '{match}'?" if match else None)
        return ""

    def highlight_tag(self, code: str, lang: str, linenos: bool) -> str:
        return highlight_markup(code, lang, linenos, self.highlight_code)

    # -- diagnostics ---------------------------------------------------------------------------
    def note_unknown_tag(self, token):
        if token.value == "raw":  # the lexer only knows raw with its endraw
            self._note(token, ERROR, "liquid-error", "{% raw %} is never closed",
                       "Add {% endraw %} where the literal text should end.")
            return
        plugin = PLUGIN_TAGS.get(token.value)
        plugin = None if plugin in self.refused_plugins else plugin
        ruby = self.ruby_tags.get(token.value)
        if not (plugin or ruby or self.unseen_tags):  # (BlockBody: no tag registered by that name)
            raise RefusedMarkup(unknown_tag_message(token), token=token)
        by = (f"defined by {ruby[0]}:{ruby[1]}, a Ruby plugin specsite cannot run" if ruby else
              f"the {plugin} plugin's tag" if plugin else "a Jekyll plugin's tag?")
        self._note(token, WARNING, "liquid-unsupported",
                   f"unknown Liquid tag '{token.value}' ({by}); it renders as nothing")

    def _note(self, token, severity, rule, message, hint=None):
        file, line, col = self._position(token)
        self._notes.append(Diagnostic(file, line, col, rule, severity, message, hint))

    def _position(self, token):
        rel, text, offset = self._page
        if token is None or token.start_index < 0:
            return rel, offset, None
        start = token.start_index
        if token.kind == TOKEN_TAG:  # the tag's `{%`, not its name
            opening = token.source.rfind("{%", 0, start + 1)
            start = opening if opening >= 0 and "%}" not in token.source[opening:start] else start
        if token.source == text:
            line, col = _line_col(text, start)
            return rel, line + offset - 1, col
        include = self._include_sources.get(token.source)
        line, col = _line_col(token.source, start)
        if include:
            return source_rel(include, self.source_root), line, col  # (resolved: find_include's)
        return rel, offset, None

    def render(self, text: str, *, path: Path, page: dict, line_offset: int, markdown: bool = False) -> LiquidResult:
        """Render one page body; errors become diagnostics and the body is kept as written.
        `markdown`: the body is converted as markdown next, so a highlight tag's output has a line
        break before and after it (Renderer#assign_highlighter_options!: the Markdown converter's
        highlighter_prefix and highlighter_suffix)."""
        if not has_liquid(text):
            return LiquidResult(text, SourceMap.identity(text))
        rel = self._page_rel(path)
        if self.render_order is not None:
            self.render_order.current, self.render_order.in_body = rel, True

        def template():
            parsed = self.parse(text, rel, {"page": page, **self.globals})
            self._notes.extend(self._unknown_filters(parsed, text, rel, line_offset))
            if any(node.__class__ is ForNode for node in parsed.nodes):
                compile_loops(parsed, self.env.autoescape)
            return parsed
        variables = self._document_site(page)
        if self.payload is not None:
            variables = {**self.payload, **variables}
        if markdown and "highlight" in text:
            variables = {**variables, "highlighter_prefix": "\n", "highlighter_suffix": "\n"}
        result = self._render(text, rel, line_offset, path.parent, template, variables)
        if not self._nested and not result.diagnostics:  # (a page's own render)
            self._kept.keep((path, text, line_offset), result.text, self._used)
        return result

    def render_nested(self, text: str, *, path: Path, page: dict, line_offset: int,
                      own: bool = True) -> tuple | None:
        """Another page's Liquid, rendered while a page renders (its `content` read through
        site.posts): the text (its findings are its own render's) and the includes it read, or
        None for a page whose Liquid is running now. The outer render's state is kept; the
        includes it read count for it (and, through count_includes, for each later reader).
        `own`: `page` is the page's own (not an excerpt's ExcerptDrop), so what its own render
        made of the same text may be reused."""
        rel = self._page_rel(path)  # (source_rel(path, root, resolve=True), found once per page)
        if rel == self._page[0] or rel in self._nested:
            return None
        kept = self._kept.get((path, text, line_offset)) if own else None
        if kept is not None:  # what its own render made (kept.py)
            self._used |= kept[1]
            return kept
        with self._inside(rel):
            result = self.render(text, path=path, page=page, line_offset=line_offset)
            used = frozenset(self._used)
        if not own:  # an excerpt's text is its own (sanctified): what stops its render stops Jekyll's
            self._notes.extend(d for d in result.diagnostics if d.severity == ERROR)
        return result.text, used

    def render_layout_nested(self, layout, *, page_path: Path, variables: dict) -> tuple:
        """A layout rendered for another document while a page renders (its `output` read through
        site.posts): the text and the includes it read; the outer render's state is kept, as in
        render_nested."""
        with self._inside():
            result = self.render_layout(layout, page_path=page_path, variables=variables)
            text = variables["content"] if result.failed else result.text  # (as the page's own render)
            used = frozenset(self._used)
        return text, used

    @contextmanager
    def _inside(self, rel: str | None = None):
        """Another page's Liquid (`rel`) or layout rendered inside this page's render: this
        render's state kept and put back after it, the includes the inner one read counted for
        this one too."""
        order = self.render_order
        saved = self._used, self._notes, self._page, self.recorded, (order.current, order.in_body) if order is not None else None
        counters = self.counters
        if counters is not None:  # (an excerpt renders with a payload of its own: Excerpt#output's site_payload)
            self.counters = {}
        if rel is not None:
            self._nested.add(rel)
        self.recorded = None
        self._used = set()  # (render() leaves it alone for a text without Liquid)
        try:
            yield
        finally:
            self._nested.discard(rel)
            used = self._used
            self._used, self._notes, self._page, self.recorded, current = saved
            self.counters = counters
            self._used |= used
            if order is not None:
                order.current, order.in_body = current

    def take_notes(self) -> list:
        """What was reported since the last page's render (a feed reading an excerpt renders it
        after every page: its errors are the build's), emptied."""
        notes, self._notes = self._notes, []
        self._page = ("", "", 1)  # (no page's Liquid is running: render_nested renders any)
        return notes

    def count_includes(self, includes) -> None:
        """Includes read by another page's Liquid made for an earlier reader: this render read
        them too (its cached parse depends on them)."""
        self._used |= includes

    def render_layout(self, layout, *, page_path: Path, variables: dict) -> LiquidResult:
        """A layout rendered for one page: `variables` (page, content, layout) over site/jekyll.
        The template is parsed once per build, so its parse warnings are reported once."""
        def template():
            parsed = self._layouts.get(layout.rel)
            if parsed is None:
                parsed = self._layouts[layout.rel] = kept_template(self, layout.body, layout.rel, self.globals)
                self._notes.extend(self._unknown_filters(parsed, layout.body, layout.rel, layout.body_line))
                compile_template(parsed, self.env.autoescape)
            return parsed
        if self.render_order is not None:
            self.render_order.current, self.render_order.in_body = self._page_rel(page_path), False
        self.recorded = []
        try:
            site = self._document_site(variables.get("page"))
            result = self._render(layout.body, layout.rel, layout.body_line, page_path.parent, template,
                                  {**variables, **site} if site else variables, align=False)
            positions = self._output_positions
            written = []
            for text, token in self.recorded:  # (by the token's id: hashing a Token hashes its four values)
                known = positions.get(id(token))
                if known is None or known[0] is not token:
                    known = positions[id(token)] = (token, self._position(token))
                written.append((text, *known[1]))
        finally:
            self.recorded = None
        return LiquidResult(result.text, result.source_map, result.diagnostics, result.includes, tuple(written),
                            result.failed)

    def _page_rel(self, path: Path) -> str:
        """The page's source-relative path, its symlinks followed: found once (its body and each
        of its layouts ask)."""
        rel = self._page_rels.get(path)
        if rel is None:
            # source_rel(path, root, resolve=True), its folder resolved once for all the pages in
            # it: realpath(folder/name) is realpath(folder)/name unless that is a symlink itself
            # (in strings: pathlib's join, is_symlink and relative_to were 14 us a page)
            resolved = os.path.join(self.include_files.resolved(path.parent), path.name)
            if os.path.islink(resolved):
                resolved = os.path.realpath(resolved)  # (Path.resolve)
            root = str(self.source_root)
            root = root if root.endswith("/") else root + "/"  # (`/` alone ends with one)
            rel = resolved[len(root):] if resolved.startswith(root) else Path(path).as_posix()
            self._page_rels[path] = rel
        return rel

    def _document_site(self, page) -> dict:
        """{"site": ...} with the document's related_posts for a document's render (SiteDrop's
        current_document), {} for a page's."""
        site = self.globals.get("site")
        related = related_site(site, page) if site is not None and page is not None else None
        return {} if related is None else {"site": related}

    def _render(self, text, rel, line_offset, folder, template, variables, align=True) -> LiquidResult:
        """Errors become diagnostics and the text is kept as written. `folder`: where
        include_relative looks (the page's folder, also inside its layouts, as in Jekyll)."""
        self._used = set()
        self._notes = []
        self._current.append(folder)
        self._page = (rel, text, line_offset)
        try:
            output = render_flat(template(), variables, self.counters)
        except IncludeParseError as err:
            return LiquidResult(text, SourceMap.identity(text), tuple(self._notes) + (err.diagnostic(),), failed=True)
        except LiquidError as err:
            return LiquidResult(text, SourceMap.identity(text), tuple(self._notes) + (
                self._diagnostic(err, text, rel, line_offset),), failed=True)
        except RecursionError:
            return LiquidResult(text, SourceMap.identity(text), (Diagnostic(
                rel, line_offset, None, "liquid-error", ERROR,
                "includes nest too deeply (an include includes itself?)"),), failed=True)
        finally:
            self._current.pop()
        includes = tuple(sorted(str(p) for p in self._used))
        smap = SourceMap.align(text, output) if align else SourceMap.identity(output)
        return LiquidResult(output, smap, tuple(self._notes), includes)

    def _unknown_filters(self, template, text, rel, line_offset):
        return unknown_filters(template, text, rel, line_offset, self.env.filters, self.ruby_tags)

    def _diagnostic(self, err: LiquidError, text: str, rel: str, line_offset: int) -> Diagnostic:
        return diagnostic(err, text, rel, line_offset, self._include_sources, self.source_root)


def _in_markup(token) -> str:
    """` in '{%- endfor- %}'`: the tag or output that holds the token a lax parse skipped (the
    parser's own words name a token kind, "expected content, found expression", not the text)."""
    if token is None or token.start_index < 0:
        return ""
    source, at = token.source, token.start_index
    starts = [i for i in (source.rfind("{%", 0, at + 1), source.rfind("{{", 0, at + 1)) if i >= 0]
    if not starts:
        return ""
    start = max(starts)
    end = source.find("%}" if source.startswith("{%", start) else "}}", at)
    text = " ".join(source[start:end + 2].split()) if end >= 0 and end - start < 200 else ""
    return f" in '{text}'" if text else ""

