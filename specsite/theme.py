"""Render stage: Jinja2 layouts of the documentation theme, the TOC, tags page and search index."""
from __future__ import annotations

import os
import re
import sys
import traceback
from importlib.util import cache_from_source
from pathlib import Path

import jinja2
from jinja2 import (ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader, TemplateNotFound,
                    TemplateSyntaxError)
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from .diagnostics import Diagnostics, did_you_mean
from .lists import split_tags
from .nav import (NavNode, Sidebar, _index_folders, auto_sidebars, build_sidebar,  # noqa: F401
                  build_topnav, current_section, markup_of, text)
from .parse import Link, ParsedPage
from .paths import source_rel
from .safety import OUTSIDE_HINT, refusal
from .apart import Job
from .searchindex import search_index_key, search_index_parts
from .theme_partials import empty_partials, tags_html
from .toc import toc_html

THEME_DIR = Path(__file__).parent / "theme"
RAW_LAYOUTS = frozenset({"none", "null", "raw", ""})
# Jekyll layouts that the documentation theme's page layout stands in for.
JEKYLL_LAYOUTS = frozenset({"default", "page", "post", "home"})


class _SiteLoader(FileSystemLoader):
    """A site's template folder: a template that is a symlink leading outside the source, or a
    FIFO or device, is not read (it is remembered in `refused` for the theme to report)."""

    def __init__(self, folder: str, root: str | None):
        super().__init__(folder)
        self.root = root
        self.refused: dict = {}  # template path -> why

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        why = refusal(filename, self.root or "/", unsafe=self.root is None)
        if why is not None:
            self.refused[filename] = why
            raise TemplateNotFound(template)
        return source, filename, uptodate


class _OwnEnvironment(Environment):
    """specsite's own templates (trusted). Their values are mostly plain dicts (page, site, toc
    entries): `x.name` reads the key at once instead of first failing an attribute look-up (a
    fifth of a page's render); a name of a dict method still means the method, as in Jinja."""

    def getattr(self, obj, attribute):
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _KeptTemplates(FileSystemBytecodeCache):
    """specsite's own templates compiled once, their code kept beside specsite's bytecode (its
    __pycache__, trusted as the .pyc files there are): compiling the theme's nine templates
    again was the longest part of the render stage, which runs before the write's workers
    start. Jinja reads a kept template only for the same Jinja bytecode and Python version and
    the same template source (its checksum); it is written as Python's own bytecode is (never
    with PYTHONDONTWRITEBYTECODE), and a folder that cannot be written leaves each build
    compiling them as before."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a damaged file (Jinja checks only the code's part): compiled anew
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        if sys.dont_write_bytecode:
            return
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


_KEPT_FOLDER = os.path.dirname(cache_from_source(os.path.abspath(__file__)))


def _kept_name() -> str:
    """The kept templates' file names: Jinja checks the template's source and its bytecode format,
    not its own version, whose compiled code calls its runtime (an upgraded Jinja beside the same
    templates would run the old one's code), nor the settings they were compiled with (this
    module's, named by its file's stamp: a specsite that compiles them otherwise keeps its own)."""
    stamp = os.stat(__file__)
    return (f"theme.{sys.implementation.cache_tag}.jinja-{getattr(jinja2, '__version__', '')}"
            f".{stamp.st_mtime_ns:x}-{stamp.st_size:x}.%s.jinja")


def _environment(template_dirs: tuple, root: str | None = None, known: dict | None = None,
                 reload: bool = True) -> Environment:
    """One Jinja2 environment per set of template folders, kept in `known` (the session's) across
    preview rebuilds (Jinja recompiles a template only when its file changed). A site's templates
    are untrusted: they run sandboxed (no reaching into Python), and are read only inside `root`
    (None: --unsafe); with none, only specsite's own run, unsandboxed (a tenth of a page's render
    went to the sandbox's checks on every attribute). `reload`: a template is checked for changes
    each time it is used (the preview; a build's templates do not change while it runs)."""
    known = {} if known is None else known
    env = known.get((template_dirs, root))
    if env is None:
        loaders: list = [_SiteLoader(d, root) for d in template_dirs]
        loaders.append(FileSystemLoader(str(THEME_DIR / "templates")))
        if template_dirs:  # (a site's templates: compiled in each build, kept nowhere)
            env = SandboxedEnvironment(loader=ChoiceLoader(loaders), autoescape=True, auto_reload=reload)
        else:
            env = _OwnEnvironment(loader=ChoiceLoader(loaders), autoescape=True, auto_reload=reload,
                                  bytecode_cache=_KeptTemplates(_KEPT_FOLDER, _kept_name()))
        known[(template_dirs, root)] = env
    return env


class Theme:
    """The Jinja2 environment: the site's `templates/` first, then the packaged theme."""

    def __init__(self, template_dirs, *, site: dict, diags: Diagnostics, source_root: Path,
                 unsafe: bool = False, environments: dict | None = None, reload: bool = True):
        """`environments`: the session's Jinja2 environments (Session.jinja), reused across rebuilds
        (`reload`: templates edited since are read again)."""
        self.env = _environment(tuple(str(d) for d in template_dirs), None if unsafe else str(source_root),
                                environments, reload)
        self.diags = diags
        self.site = dict(site, **self._site_options(site))
        self.source_root = source_root
        self.template_dirs = [Path(d) for d in template_dirs]
        self._sidebar_html: dict = {}
        self._templates: dict = {}
        self._partials: dict = {}  # the navigation's and the footer's output by what it depends on
        self._nav_pages: dict = {}  # id(nav) -> (nav, the pages it links to)

    def _site_options(self, site: dict) -> dict:
        """What the Documentation Theme's keys say (site_title names the tab, topnav_title the
        header; HTML in them is the author's) and the theme's `logo` and `favicon` (site paths)."""
        config = site.get("config")
        values = getattr(config, "site", None) or {}
        lines = getattr(config, "key_lines", None) or {}
        brand = values.get("topnav_title") or values.get("site_title") or site.get("title")
        options = {"brand": Markup(markup_of(brand)) if markup_of(brand) else text(brand),
                   "tab_title": text(values.get("site_title") or site.get("title"))}
        for key in ("logo", "favicon"):
            value = values.get(key)
            if value in (None, ""):
                continue
            path = str(value).strip().lstrip("/")
            root = getattr(config, "source", None)
            if not isinstance(value, str) or root is not None and not (Path(root) / path).is_file():
                self.diags.warning("_config.yml", lines.get(key), "missing-image",
                                   f"'{key}: {value}' is not a file of the site",
                                   hint=f"Give the path of an image in the site, such as images/{key}.png.")
                continue
            options[key] = path
        return options

    def layouts(self) -> list[str]:
        names = set()
        for base in self.template_dirs + [THEME_DIR / "templates"]:
            names.update(p.stem for p in (base / "layouts").glob("*.html"))
        return sorted(names)

    def template(self, name: str):
        """A compiled template, or None after reporting why it cannot be used."""
        if name in self._templates:
            return self._templates[name]
        template = None
        try:
            template = self.env.get_template(name)
        except TemplateSyntaxError as err:
            path = source_rel(err.filename, self.source_root, resolve=True) if err.filename else name
            self.diags.error(path, err.lineno, "template-error", f"template syntax error: {err.message}")
        except TemplateNotFound:
            template = None
        for loader in self.env.loader.loaders:
            for filename, why in getattr(loader, "refused", {}).items():
                self.diags.warning(source_rel(filename, self.source_root, resolve=True), None, "unsafe-path",
                                   f"template {why}", hint=OUTSIDE_HINT)
            getattr(loader, "refused", {}).clear()
        self._templates[name] = template
        return template

    def layout_name(self, page, has_jekyll_layout) -> str | None:
        """The theme layout for a page; "" means raw output; None means unknown (reported)."""
        layout = page.meta.get("layout", "page")
        layout = "" if layout is None else str(layout)
        if layout in RAW_LAYOUTS:
            return ""
        if self.template(f"layouts/{layout}.html") is not None:
            return layout
        if layout in JEKYLL_LAYOUTS or has_jekyll_layout(layout):
            return "page"
        line = getattr(page.meta, "key_lines", {}).get("layout")
        self.diags.warning(page.rel, line, "unknown-layout", f"unknown layout '{layout}'; the page is "
                           "shown in the 'page' layout",
                           hint=did_you_mean(layout, self.layouts()) or
                           f"Known layouts: {', '.join(self.layouts())}.")
        return "page"

    def sidebar_html(self, sidebar: Sidebar | None, root: str, page_url: str) -> Markup:
        if sidebar is None:
            return Markup("")
        key = (sidebar.name, root)
        html = self._sidebar_html.get(key)
        if html is None:
            template = self.template("partials/sidebar.html")
            html = template.render(sidebar=sidebar, root=root) if template else ""
            self._sidebar_html[key] = html
        marker = f'data-page="{escape(page_url)}"'
        html = html.replace(marker, marker + ' aria-current="page"')
        for folder in sidebar.folders_of.get(page_url, ()):
            mark = f'data-folder="{folder}"'
            html = html.replace(mark, mark + " open")
        return Markup(html)

    def render_page(self, parsed: ParsedPage, layout: str, *, sidebar: Sidebar | None, nav: list,
                    extra: dict) -> str:
        found = self._page_context(parsed, layout, sidebar, nav, extra)
        if found is not None:
            template, context = found
            try:
                return template.render(context)
            except Exception as err:  # noqa: BLE001 - a template bug must name the template, not crash
                self._runtime_error(err, template, parsed.source)
        return parsed.html

    def page_data(self, parsed: ParsedPage, layout: str, *, sidebar: Sidebar | None, nav: list,
                  extra: dict) -> bytes:
        """render_page's text as UTF-8, each piece the template gives encoded alone: one non-ASCII
        character (the menu button's) made the whole joined page a two-byte string, whose
        encoding cost ten times a copy's (a tenth of the write's CPU at 2,000 pages)."""
        found = self._page_context(parsed, layout, sidebar, nav, extra)
        if found is not None:
            template, context = found
            try:
                return b"".join([piece.encode("utf-8", "surrogateescape") for piece in template.generate(context)])
            except Exception as err:  # noqa: BLE001 - as render_page
                self._runtime_error(err, template, parsed.source)
        return parsed.html.encode("utf-8", "surrogateescape")

    def _page_context(self, parsed: ParsedPage, layout: str, sidebar: Sidebar | None, nav: list, extra: dict):
        """(the layout's template, the context it renders the page with), or None: the page is its
        body as it is (no layout, or the layout cannot be used)."""
        page = parsed.source
        if layout == "":
            return None
        template = self.template(f"layouts/{layout}.html")
        if template is None:
            return None
        root = "../" * page.url.count("/")
        meta = dict(page.meta)
        summary = meta.get("summary")
        meta.update(url=page.url, title=text(meta.get("title")), summary=text(summary) if summary else None,
                    tags=split_tags(meta.get("tags")), toc=meta.get("toc", True) is not False)
        toc = [{"level": h.level, "id": h.id, "text": h.text} for h in parsed.headings
               if h.id and h.level in (2, 3)] if meta["toc"] else []
        tags = [{"name": t, "url": f"tags.html#tag-{tag_slug(t)}"} for t in meta["tags"]]
        context = dict(site=self.site, page=meta, content=Markup(parsed.html), root=root, toc=toc,
                       tags=tags, nav=nav, sidebar=sidebar, nav_current=current_section(nav, sidebar, page.url),
                       sidebar_html=self.sidebar_html(sidebar, root, page.url),
                       history=extra.get("history", []), banner=extra.get("banner"),
                       extra_head=Markup(extra.get("extra_head", "")))
        if not self.template_dirs:  # specsite's own partials (toc, tags, banner, history): their output, made in Python
            context["toc_html"] = Markup(toc_html(toc))
            context["tags_html"] = Markup(tags_html(tags, root))
            context.update((name, Markup(made)) for name, made in empty_partials(context).items())
            try:
                self._shared_partials(context, nav, page.url)
            except Exception as err:  # noqa: BLE001 - as render_page
                self._runtime_error(err, template, page)
                return None
        return template, context

    def _shared_partials(self, context: dict, nav: list, url: str) -> None:
        """specsite's own top navigation and footer, each rendered once for all the pages that show
        the same one (and given to the layout, which includes them only when not given): the
        footer is the site's; the navigation differs only by `root`, the current section, whether
        there is a sidebar, and the page itself where the navigation links to it."""
        linked = self._nav_pages.get(id(nav))
        if linked is None:
            linked = self._nav_pages[id(nav)] = (nav, frozenset(
                node.page for item in nav for node in (item, *item.children) if node.page))
        key = (id(nav), context["root"], url if url in linked[1] else None, id(context["nav_current"]),
               bool(context["sidebar_html"]))
        shared = self._partials.get(key)
        if shared is None:
            topnav, footer = self.template("partials/topnav.html"), self.template("partials/footer.html")
            if topnav is None or footer is None:
                return
            shared = self._partials[key] = (Markup(topnav.render(context)), Markup(footer.render(site=self.site)),
                                            context["nav_current"])
        context["topnav_html"], context["footer_html"] = shared[0], shared[1]

    def _runtime_error(self, err, template, page):
        frames = [f for f in traceback.extract_tb(err.__traceback__)
                  if f.filename and f.filename.endswith((".html", ".jinja", ".j2"))]
        where = frames[-1] if frames else None
        path = source_rel(where.filename, self.source_root, resolve=True) if where else template.name
        self.diags.error(path, where.lineno if where else None, "template-error",
                         f"template failed while rendering {page.url}: {err}")


def tag_slug(tag: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", str(tag).lower()).strip("-")


def search_index(pages, memo: dict | None = None) -> tuple:
    """The client-side full-text index (see searchindex.py), titles decoded as the theme shows them:
    (a function that makes it in pieces, one that makes its key, the apart.Job that makes it in a
    fresh process or None); `memo`: the session's documents of unchanged pages
    (Session.search_documents)."""
    pages = list(pages)
    pieces, inputs = search_index_parts(pages, text, memo=memo)
    job = None if inputs is None else Job("specsite.searchindex", "index_of_documents", inputs, each="document")
    return pieces, lambda: search_index_key(pages, text), job


def tags_page_body(pages) -> str:
    """Body of tags.html: every tag with the pages that carry it."""
    by_tag: dict = {}
    for parsed in pages:
        for tag in split_tags(parsed.source.meta.get("tags")):
            by_tag.setdefault(tag, []).append(parsed.source)
    parts, items_of = [], {}  # (a page's item once, for each of its tags: 8,000 escapes at 2,000 pages)
    for tag in sorted(by_tag, key=str.lower):
        items = "".join(items_of.get(id(p)) or items_of.setdefault(id(p), _tag_item(p))
                        for p in sorted(by_tag[tag], key=lambda p: str(p.meta.get("title") or "")))
        parts.append(f'<h2 id="tag-{escape(tag_slug(tag))}">{escape(tag)}</h2>\n<ul>{items}</ul>')
    return "\n".join(parts)


def _tag_item(page) -> str:
    return f'<li><a href="{escape(page.url)}">{escape(text(page.meta.get("title") or page.url))}</a></li>'


_TEMPLATE_LINK = re.compile(r"""\b(href|src)\s*=\s*(["'])((?:\{\{-?\s*root\s*-?\}\})?[^"'{}]*)\2""")


def template_links(template_dirs, source_root: Path) -> list[Link]:
    """Literal links written in the site's own templates (`href="x.html"`, `href="{{ root }}x.html"`),
    checked once as links from the site root; links built from variables are the data's."""
    links = []
    for base in template_dirs:
        paths = [p for sub in ("layouts", "partials") for p in sorted((Path(base) / sub).rglob("*.html"))]
        for path in paths:  # (templates/includes/ are Liquid includes: checked inside pages)
            if refusal(path, source_root) is not None:
                continue  # reported when the template is loaded
            rel = source_rel(path, source_root, resolve=True)
            text = path.read_text(encoding="utf-8", errors="replace")
            for m in _TEMPLATE_LINK.finditer(text):
                target = re.sub(r"^\{\{-?\s*root\s*-?\}\}", "", m.group(3))
                if not target or target.startswith("#"):
                    continue  # same-page anchors depend on the page the layout wraps
                line = text.count("\n", 0, m.start(3)) + 1
                col = m.start(3) - (text.rfind("\n", 0, m.start(3)) + 1) + 1
                links.append(Link(target, rel, line, col, "link" if m.group(1) == "href" else "img", ""))
    return links
