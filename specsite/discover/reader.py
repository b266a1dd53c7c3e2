"""Jekyll's reader: walk the source (pages and static files, posts, drafts, collections) and
read each file into a SourcePage or StaticFile, with the diagnostics Jekyll would give."""
from __future__ import annotations

import datetime as dt
import os
import posixpath
from pathlib import Path
from stat import S_ISDIR, S_ISREG

from .. import jekyll
from ..config import SiteConfig, deep_merge, fold_defaults
from ..diagnostics import Diagnostics
from ..frontmatter import LineDict, Split, UnclosedFrontMatter, YamlError, first_line, has_yaml_header, split
from ..jekyll.dates import DefaultDate
from ..jekyll.url_errors import UrlError
from ..safety import OUTSIDE_HINT, kind, refusal, walk_files
from .filter import ALWAYS_EXCLUDED, EntryFilter, specsite_releases, specsite_templates
from .model import SourcePage, StaticFile


class Reader:
    """Finds what Jekyll reads: pages and static files, posts (any `_posts/`), drafts, collections."""

    def __init__(self, config: SiteConfig, diags: Diagnostics, session=None, *, as_jekyll: bool, own: bool):
        """`as_jekyll`: the site is written as Jekyll writes it (filter.renders_as_jekyll), so `sidebar:`
        is its layouts' data; `own`: specsite's own source (filter.specsite_own), whose releases/
        and templates/ are specsite's inputs."""
        self.config, self.diags = config, diags
        self.as_jekyll, self.own = as_jekyll, own
        self.releases_dir = None  # releases/, when the walk left it to release notes (specsite_releases)
        self.session = session
        self.filter = EntryFilter(config)
        self.md_exts = jekyll.markdown_exts(config.site)
        self.collections = config.collections
        self._unmade: set = set()  # the collections whose permalink Jekyll cannot make a URL of (reported)
        self.now = getattr(session, "now", None) or dt.datetime.now()  # Site#time: when the reader starts
        self.show_drafts = bool(config.site.get("show_drafts"))  # not --drafts: that is for releases
        self.future = bool(config.site.get("future"))
        self.unpublished = bool(config.site.get("unpublished"))
        self.style = config.permalink_style
        self.config_key = hash((repr(sorted(config.site.items(), key=lambda kv: str(kv[0]))),
                                config.drafts, self.now.date()))

    def writes(self, label: str) -> bool:
        return label == "posts" or bool((self.collections.get(label) or {}).get("output", False))

    def hidden_in_the_future(self, meta) -> bool:
        """Publisher#hidden_in_the_future?: a collection's document dated after now is read and
        listed but not written (Document#write?) unless `future: true`; posts are not even read."""
        return not self.future and meta.get("date") is not None and meta["date"] > self.now

    # -- walking -------------------------------------------------------------------------------
    def items(self):
        """(kind, rel, label, folder) for every file, kind: file | post | draft | doc."""
        yield from self._tree()
        coll_dir = self.config.collections_dir
        for label in self.collections:
            if label == "posts":
                continue
            folder = posixpath.join(coll_dir, "_" + label) if coll_dir else "_" + label
            for rel in self._files_in(folder):
                yield ("doc", rel, label, folder)

    def _tree(self):
        src, out = self.config.source, self.config.out
        for dirpath, dirnames, filenames in os.walk(src, followlinks=True):
            base = Path(dirpath)
            rel_dir = base.relative_to(src).as_posix()
            rel_dir = "" if rel_dir == "." else rel_dir
            yield from self._posts_in(rel_dir, dirnames)
            kept = []
            for name in sorted(dirnames):
                rel = f"{rel_dir}/{name}" if rel_dir else name
                full = base / name
                if full.resolve() == out or not self._keep_dir(rel, name, full) or not self._walked(rel, full):
                    continue
                real, here = os.path.realpath(full), os.path.realpath(base)
                if here == real or here.startswith(real.rstrip(os.sep) + os.sep):
                    continue  # a symlink to a folder that contains it: walking it would never end
                kept.append(name)
            dirnames[:] = kept
            for name in sorted(filenames):
                rel = f"{rel_dir}/{name}" if rel_dir else name
                if rel in ("_config.yml", "_config.yaml"):
                    continue
                if self.filter.keep(rel) and self._walked(rel, os.path.join(dirpath, name)):  # (a str: no Path per file)
                    yield ("file", rel, None, rel_dir)

    def _walked(self, rel: str, path) -> bool:
        """_readable for an entry of a folder the walk accepted: a plain file or folder there (not
        a symlink, not special) is inside the source as its folder is, without resolving its path."""
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            mode = 0
        return S_ISREG(mode) or S_ISDIR(mode) or self._readable(rel, Path(path))

    def _readable(self, rel: str, path: Path) -> bool:
        """Symlinks are followed only inside the source (Jekyll's safe mode, as on GitHub Pages);
        FIFOs, sockets and devices are never read (reading one may never end)."""
        why = refusal(path, self.config.source, self.config.unsafe)
        if why is not None:
            self.diags.warning(rel, None, "unsafe-path" if "outside" in why else "special-file",
                               f"this {'folder' if kind(path) == 'dir' else 'file'} {why}",
                               hint=OUTSIDE_HINT if "outside" in why else "Remove it from the source folder.")
            return False
        return True

    def _keep_dir(self, rel: str, name: str, full: Path) -> bool:
        if "/" not in rel and not self.filter.included(rel, True):
            if name in ALWAYS_EXCLUDED:
                return False
            if name == "templates" and self.own and specsite_templates(full):
                return False
            if name == "releases" and specsite_releases(full, self.own):
                self.releases_dir = full
                return False
        return name != "__pycache__" and self.filter.keep(rel, is_dir=True)

    def _posts_in(self, rel_dir: str, dirnames):
        coll_dir = self.config.collections_dir
        if coll_dir and not (rel_dir + "/").startswith(coll_dir + "/"):
            return
        for special, item_kind in (("_posts", "post"), ("_drafts", "draft")):
            if special not in dirnames or (item_kind == "draft" and not self.show_drafts):
                continue
            folder = f"{rel_dir}/{special}" if rel_dir else special
            for rel in self._files_in(folder):
                entry = rel[len(folder) + 1:]
                if item_kind == "post" and not jekyll.POST_NAME.match(entry):
                    continue
                yield (item_kind, rel, "posts", folder)

    def _files_in(self, folder: str):
        root = self.config.source / folder
        if not root.is_dir() or not self._readable(folder, root):
            return

        def refused(path, why):
            rel = path.relative_to(self.config.source).as_posix()
            self._readable(rel, path)

        for full in walk_files(root, self.config.source, unsafe=self.config.unsafe, refused=refused):
            rel = full.relative_to(self.config.source).as_posix()
            entry = rel[len(folder) + 1:]
            if any(part.startswith(".") for part in entry.split("/")[:-1]):
                continue
            if self.filter.keep(rel, entry):
                yield rel

    # -- reading -------------------------------------------------------------------------------
    def load(self, kind: str, rel: str, label: str | None, folder: str):
        """What a file is (page, static file, or nothing), remembered while the file's size and
        modification time and the configuration stay the same (a preview rebuild then reads only
        the files that changed)."""
        path = self.config.source / rel
        session = self.session
        try:
            stat = path.stat() if session is not None and session.remember_by_stat else None
        except OSError:
            stat = None
        if stat is None:
            return self._load(kind, rel, label, folder)
        key = (str(self.config.source), kind, label, folder, stat.st_mtime_ns, stat.st_size, self.config_key)
        known = session.files.get(rel)
        if known is not None and known[0] == key:
            self.diags.extend(known[2])
            return known[1]
        before = len(self.diags.items)
        result = self._load(kind, rel, label, folder)
        if len(session.files) > session.MAX_FILES:
            session.files.clear()
        session.files[rel] = (key, result, tuple(self.diags.items[before:]))
        return result

    def _load(self, kind: str, rel: str, label: str | None, folder: str):
        path = os.path.join(self.config.source, rel)
        try:
            with open(path, "rb") as handle:
                head = first_line(handle, handle.read(8))
                fm = has_yaml_header(head)
                # a page is read whole, once; a static file's head is all that is read
                data = head + handle.read() if fm or kind not in ("file", "doc") else None
        except OSError as err:
            message, hint = _unreadable(path, err)
            self.diags.error(rel, None, "unreadable-file", message, hint=hint)
            return None
        if not fm and kind in ("file", "doc") and head.startswith(b"\xef\xbb\xbf") and has_yaml_header(head[3:]):
            self.diags.warning(rel, 1, "byte-order-mark", "the file starts with a byte-order mark, so Jekyll does not "
                               "see its front matter: it is copied as a static file, not rendered",
                               hint="Save it as UTF-8 without a byte-order mark.")
        if kind == "file":
            return self._page(rel, path, data) if fm else StaticFile(rel, rel)
        if kind == "doc" and not fm:
            if not self.writes(label):  # listed in site.static_files and collection.files, not written
                return StaticFile(rel, "", collection=label)
            template = jekyll.collection_template(self.collections.get(label), label, self.style)
            return StaticFile(rel, jekyll.collection_static_output(rel, label, folder, template), collection=label)
        return self._document(rel, Path(path), data, label, folder, draft=kind == "draft")

    def _read(self, rel: str, data: bytes, raw_ok: bool = False):
        """(front matter, Split) or None after reporting; _STATIC for binary files. `raw_ok`: a page
        Jekyll writes even when it is not UTF-8 (see _unreadable_page)."""
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            if not has_yaml_header(data):
                return _STATIC
            line = data.count(b"\n", 0, err.start) + 1
            col = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
            if raw_ok and b"{{" not in data and b"{%" not in data:
                return self._unreadable_page(rel, data, err, line, col)
            self.diags.error(rel, line, "encoding", f"the file is not UTF-8 text (byte 0x{data[err.start]:02X})",
                             column=col, hint="Save it as UTF-8.")
            return None
        # (a "\r\n" is kept, as Jekyll reads a file: a CRLF post has no "\n\n" to end its excerpt at;
        # kramdown reads it as "\n" (markdown.renderer); the Liquid lexer still writes template text's as "\n")
        try:
            # the memo is for a cache (on disk or the preview's): a --no-cache build splits each file once
            memo = self.session.front_matter if self.session and self.session.cache is not None else None
            parts = split(text, lenient=True, memo=memo, jekyll=True)
        except UnclosedFrontMatter as err:  # Jekyll: a page without data, the whole text its content
            self.diags.warning(rel, err.line, "front-matter", "front matter is not closed: the file is built as a "
                               "page without front matter, its whole text (the first '---' too) as the content "
                               "(as Jekyll does)", column=err.column,
                               hint="Add a line '---' after the front matter, or remove the first '---' line.")
            return Split(LineDict(), text.lstrip("\ufeff"), 1)
        except YamlError as err:
            self.diags.error(rel, err.line, "front-matter", err.message, column=err.column,
                             hint="Front matter is YAML between two '---' lines at the top of the file.")
            return None
        if parts.error is not None:
            err = parts.error
            if self.config.site.get("strict_front_matter") not in (None, False):  # Jekyll re-raises: the build fails
                self.diags.error(rel, err.line, "front-matter", f"{err.message} (strict_front_matter: true, "
                                 "so Jekyll stops the build)", column=err.column,
                                 hint=(err.hint + " " if err.hint else "") + "Fix the YAML, or remove strict_front_matter from _config.yml.")
                return None
            self.diags.warning(rel, err.line, "front-matter", f"{err.message}; the page is built without its "
                               "front matter, at its default URL (as Jekyll does; a post or document also "
                               "loses the title and date of its file name)", column=err.column,
                               hint=err.hint or "Correct the YAML between the '---' lines at the line named.")
        return parts

    def page_from(self, rel: str, data: bytes):
        """A page (or a static file, or None after reporting) read from `data`, as if it were the
        site's file `rel` (a gem theme's asset)."""
        return self._page(rel, None, data)

    def _unreadable_page(self, rel: str, data: bytes, err, line: int, col: int) -> Split:
        """Convertible#read: matching the front matter pattern on text that is not UTF-8 raises, which
        Jekyll reports ("Error reading file … invalid byte sequence in UTF-8") and goes on: the page
        has no front matter data (its defaults still apply) and its whole file, bytes as they are,
        is the content. Without Liquid (Liquid would fail on it) and not converted (kramdown fails
        on it), Jekyll writes it, those bytes as they are: so does specsite (read with
        surrogateescape, which outputs.Text writes back as the bytes)."""
        self.diags.warning(rel, line, "encoding", f"the file is not UTF-8 text (byte 0x{data[err.start]:02X}): "
                           "Jekyll cannot read its front matter, and writes the whole file, front matter and "
                           "those bytes too, with only the defaults' settings (a browser shows them as "
                           "U+FFFD, the page's charset being UTF-8)", column=col,
                           hint="Save it as UTF-8.")
        return Split(LineDict(), data.decode("utf-8", "surrogateescape"), 1)

    def _page(self, rel: str, path, data: bytes):
        parts = self._read(rel, data, raw_ok=posixpath.splitext(rel)[1].lower() not in self.md_exts)
        if parts is None or parts is _STATIC or parts.meta is None:
            return None if parts is None else StaticFile(rel, rel)
        matched = self.config.matching_defaults(rel, "pages")
        meta = _with_lines(LineDict({**fold_defaults(matched, keep_on_nil=False), **parts.meta}), parts.meta)
        if not self._published(meta) or not self._valid_types(rel, meta):
            return None
        ext = posixpath.splitext(rel)[1].lower()
        try:
            url, output_ext = jekyll.page_url(rel, meta, self.style, self.md_exts)
        except UrlError as err:
            return self._unmade_url(rel, meta, err)
        self._escaped(rel, meta, meta.get("permalink"), url)
        out = jekyll.destination(url, output_ext, document=False)
        if not self._writable(rel, meta, out):
            return None
        # (config.liquid_data, from the entries matched above)
        view = deep_merge(fold_defaults(matched, keep_on_nil=True), parts.meta) if self.config.defaults else None
        page = SourcePage(rel, meta, parts.body, parts.body_line, out, ext in self.md_exts, None, url,
                          view=None if view == meta else view)
        if self.config.site.get("page_excerpts") and "{%" in parts.body and meta.get("excerpt") in (None, False):
            from ..jekyll.drops import _html_page  # (Page#generate_excerpt?: an HTML page, page_excerpts on)
            if _html_page(page):
                self._excerpt_blocks(rel, meta, parts)
        return page

    def _valid_types(self, rel: str, meta) -> bool:
        """Front matter keys specsite acts on must have the right kind of value; a list where a
        permalink belongs would name a file "['x.html']"."""
        lines = getattr(meta, "key_lines", {})
        permalink = meta.get("permalink")
        if permalink is not None and permalink is not False and not isinstance(permalink, str):
            # (`permalink: false` is no permalink to Jekyll: URL#generated_permalink `if @permalink`)
            self.diags.error(rel, lines.get("permalink"), "front-matter",
                             f"'permalink' must be text, e.g. permalink: page.html, not {permalink!r}",
                             hint="Write one address, quoted if it holds ':' or starts with '['.")
            return False
        for key, what in (("layout", "a layout name"), ("sidebar", "a sidebar name")):
            value = meta.get(key)
            if key == "sidebar" and isinstance(value, (dict, list)) and self.as_jekyll:
                continue  # (the site's layouts read it: Minimal Mistakes' `sidebar: {nav: docs}` or list)
            if value is not None and not isinstance(value, str):
                self.diags.warning(rel, lines.get(key), "front-matter",
                                   f"'{key}' should be {what}, not {value!r}; it names none",
                                   hint=f"Write one name ({key}: name), or remove the line.")
        title = meta.get("title")
        if isinstance(title, dict):  # (`title: # Getting Started` then an indented key: the comment
            # leaves 'title:' empty and the indented line becomes its value, as in Aviator forks)
            self.diags.warning(rel, lines.get("title"), "front-matter",
                               f"'title' should be text, not a mapping ({', '.join(map(str, title))}: the more "
                               "indented lines under 'title:' became its value)",
                               hint="Write the title on the 'title:' line and indent the next key like it; quote "
                                    "a title that holds ' #' (a YAML comment) or ': '.")
        elif isinstance(title, list):
            self.diags.warning(rel, lines.get("title"), "front-matter", f"'title' should be text, not {title!r}",
                               hint="Quote it if it contains ':' or starts with '['.")
        return True

    def _document(self, rel: str, path: Path, data: bytes, label: str, folder: str, *, draft: bool = False):
        parts = self._read(rel, data)
        if parts is None or parts is _STATIC:
            return None
        front = parts.meta if parts.meta is not None else LineDict()
        bare = parts.error is not None  # (invalid YAML, read without it: Jekyll's read_post_data never runs)
        if front.get("categories") is not None and not isinstance(front["categories"], (str, list)):
            front, bare = self._unmergeable_categories(rel, front), True
        meta = deep_merge(self.config.front_matter_defaults(rel, label), front)
        problems: list = []  # (a date Jekyll refuses or specsite does not read)
        coll = self.config.collections_dir  # (Document#relative_path: from the collections_dir)
        doc_rel, doc_folder = (rel[len(coll) + 1:], folder[len(coll) + 1:]) \
            if coll and rel.startswith(coll + "/") and folder.startswith(coll + "/") else (rel, folder)
        meta = jekyll.document_meta(doc_rel, meta, label, doc_folder, now=self.now, draft=draft,
                                    mtime=path.stat().st_mtime, problems=problems, bare=bare)
        for problem in problems:
            self.diags.add(rel, getattr(front, "key_lines", {}).get("date") or 1, "front-matter",
                           "error" if problem.error else "warning", problem.message, hint=problem.hint)
        meta = _with_lines(LineDict(meta), front)
        if not self._published(meta) or (label == "posts" and self.hidden_in_the_future(meta)) \
                or not self._valid_types(rel, meta):
            return None
        if label == "posts" and not self.future and meta["date"].__class__ is DefaultDate:
            # (Publisher#hidden_in_the_future? asked Document#date, which set data["date"]: a draft's
            # modification time then sorts it among the posts by date, not by path)
            meta["date"] = dt.datetime.combine(meta["date"].date(), meta["date"].timetz())
        template = jekyll.collection_template(self.collections.get(label), label, self.style)
        try:
            url, output_ext = jekyll.document_url(doc_rel, meta, label, template, self.md_exts)
        except UrlError as err:
            return self._unmade_url(rel, meta, err, label)
        self._escaped(rel, meta, meta.get("permalink") or template, url)
        out = jekyll.document_output(url, output_ext)
        if not self._writable(rel, meta, out):
            return None
        ext = posixpath.splitext(rel)[1].lower()
        if not bare and meta.get("excerpt") in (None, False) and "{%" in parts.body:
            self._excerpt_blocks(rel, meta, parts)
        return SourcePage(rel, meta, parts.body, parts.body_line, out, ext in self.md_exts, label, url, bare=bare,
                          front_matter=parts.meta is not None, doc_path=doc_rel if doc_rel != rel else None)

    def _unmergeable_categories(self, rel: str, front) -> LineDict:
        """Document#merge_categories! unions the categories with the front matter's: an Integer, a
        Hash, true or a date there is a TypeError, which Document#read logs ("could not read file")
        and goes on without the front matter (none of it merged, no date or title from the file
        name): the document is read as one whose YAML is invalid."""
        from ..jekyll.ruby_types import ruby_class
        kind = ruby_class(front["categories"])
        self.diags.warning(rel, getattr(front, "key_lines", {}).get("categories"), "front-matter",
                           f"'categories' is a{'n' if kind[0] in 'AEIOU' else ''} {kind}: Jekyll cannot read the "
                           f"document (\"could not read file: no implicit conversion of {kind} into Array\") and builds "
                           "it without its front matter, dated with the build's time", hint="Write the categories as a "
                           "list, categories: [a, b], or as text, categories: a b.")
        return LineDict()

    def _excerpt_blocks(self, rel: str, meta, parts) -> None:
        """Jekyll's Excerpt#sanctify_liquid_tags warns ("Excerpt modified in ...") when the excerpt
        separator falls inside a Liquid block: the excerpt gets the block's end tag added."""
        from ..jekyll.excerpt_refs import _past_fence, excerpt_separator
        from ..jekyll.excerpt_refs import open_blocks
        separator = excerpt_separator(meta, self.config.site.get("excerpt_separator", "\n\n"))
        body = _past_fence(parts.body) if parts.meta is not None else parts.body
        if not separator or separator not in body:
            return
        head = body.split(separator, 1)[0]
        for name, at in open_blocks(head):
            line = (parts.body_line or 1) + parts.body[:len(parts.body) - len(body)].count("\n") + head.count("\n", 0, at)
            self.diags.warning(rel, line, "excerpt",
                               f"the excerpt ends inside this {{% {name} %}} block (its separator {separator!r} is in "
                               f"the block): Jekyll closes it with {{% end{name} %}} in the excerpt",
                               hint="Give the document an `excerpt` or an `excerpt_separator` in its front matter.")

    def _published(self, meta) -> bool:
        return self.unpublished or meta.get("published", True) is not False

    def _writable(self, rel, meta, out: str) -> bool:
        """An output path no file system can hold (a NUL byte from '%00', a name over 255 bytes)
        is an error at the permalink, not a failure while writing."""
        if "\x00" in out:
            problem = "contains a NUL character (from '%00')"
        elif (len(out) > 255 or len(out) > 63 and not out.isascii()) and any(  # (no name can be longer: a
                len(part.encode("utf-8", "surrogatepass")) > 255 for part in out.split("/")):  # character is 1-4 bytes)
            problem = "has a file or folder name longer than 255 bytes"
        else:
            return True
        self.diags.error(rel, meta.key_lines.get("permalink"), "permalink-invalid",
                         f"the output path of this page {problem}; it cannot be written",
                         hint="Use letters, digits, '-', '_' and '/' in the permalink.")
        return False

    def _unmade_url(self, rel, meta, err, label: str | None = None) -> None:
        """Jekyll stops the build while making this page's URL (jekyll/url_errors.py): so does
        specsite, at the permalink (a collection's or the site's, for every document: reported once)."""
        line = meta.key_lines.get(err.key)
        if line is None and err.in_template and label is not None:
            written = self.config.site.get("collections")  # (as read: its lines)
            written = written.get(label) if isinstance(written, dict) else None
            at = getattr(written, "key_lines", {}).get("permalink") if (self.collections.get(label) or {}).get(
                "permalink") else self.config.key_lines.get("permalink") if label == "posts" else None
            if at is not None:
                if label in self._unmade:
                    return None
                self._unmade.add(label)
                self.diags.error(self.config.config_file or "_config.yml", at, "permalink-invalid",
                                 f"Jekyll cannot make the URLs of the {label} collection: {err}",
                                 hint="Use only Jekyll's placeholders (:title, :year, :output_ext, …) after a ':'.")
                return None
        self.diags.error(rel, line or 1, "permalink-invalid", f"Jekyll cannot make the URL of this page: {err}",
                         hint="Use letters, digits, '-', '_' and '/' in the permalink, and only Jekyll's "
                              "placeholders (:title, :year, :output_ext, …) after a ':'.")

    def _escaped(self, rel, meta, permalink, url: str):
        """A permalink whose '..' climbs out of the site: Jekyll's URL#sanitize_url drops every '..'
        and builds the page inside the site (at `url`); a warning, so that the author sees where."""
        if permalink is None or ".." not in str(permalink) or not jekyll.escapes(str(permalink)):
            return
        self.diags.warning(rel, meta.key_lines.get("permalink"), "permalink-escapes",
                           f"permalink '{permalink}' climbs out of the site; Jekyll drops its '..' and writes "
                           f"the page at '{url}'", hint=f"Write the permalink as '{url}'.")


_STATIC = object()  # a file without front matter: copied as it is


def _with_lines(meta: LineDict, front) -> LineDict:
    meta.line = getattr(front, "line", 2)
    meta.key_lines = getattr(front, "key_lines", {})
    return meta


def _unreadable(path: str, err: OSError) -> tuple[str, str]:
    """What is wrong with a file that cannot be opened, and the fix: a dangling symbolic link
    (Jekyll stops on it with ENOENT) is named with its target, not as a permissions problem."""
    if os.path.islink(path) and not os.path.exists(path):
        return (f"a symbolic link to '{os.readlink(path)}', which does not exist (Jekyll stops on it too)",
                "Correct the link's target, or remove the link.")
    return f"cannot read the file: {err.strerror}", "Check the file's permissions."
