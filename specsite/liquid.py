"""Liquid as Jekyll runs it: a python-liquid environment with Jekyll's include tags and filters,
plus a source map from the rendered text back to the page and include lines."""
from __future__ import annotations

import bisect
import dataclasses
import html
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from liquid import Environment, Node, Tag
from liquid.builtin.illegal import Illegal
from liquid.exceptions import LiquidError, LiquidSyntaxError, TemplateNotFoundError, UnknownFilterError
from liquid.parser import get_parser
from liquid.token import TOKEN_EOF, TOKEN_EXPRESSION, TOKEN_OUTPUT, TOKEN_TAG

from . import jekyll_filters
from . import plugins
from .plugins.common import tag_markup
from .liquid_lax import LaxAssign, LaxIf, LaxOutput, LaxUnless
from .diagnostics import Diagnostic, ERROR, WARNING, closest

_TOKEN = re.compile(
    r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}|\{%.*?%\}|\{\{.*?\}\}", re.S)
_HAS_LIQUID = re.compile(r"\{[{%]")
# Jekyll's include syntax: name=value pairs, values quoted or variables.
_PARAM = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|'([^'\\]*(?:\\.[^'\\]*)*)'|([\w.\-\[\]'"]+))""")
_VARIABLE_FILE = re.compile(r"(?P<variable>[^{]*(\{\{\s*[\w\-.]+\s*(\|.*)?\}\}[^\s{}]*)+)(?P<params>.*)", re.S)


def _cheaper_hot_paths():
    """Two of python-liquid's hottest paths, same results with less work (a Documentation Theme
    layout resolves ~40,000 variable paths a build; ontowiki-docs' layouts 6 % faster):
    a path's plain str/int segments skip the ABC isinstance check for a nested path, and the
    output limit counts an ASCII piece's bytes without encoding it (str.isascii() is O(1))."""
    from io import StringIO

    from liquid.builtin.expressions.path import Path as LiquidPath
    from liquid.exceptions import OutputStreamLimitError
    from liquid.output import LimitedStringIO

    plain = frozenset((str, int))

    def evaluate(self, context):
        return context.get([p if p.__class__ in plain else p.evaluate(context) if isinstance(p, LiquidPath) else p
                            for p in self.path], token=self.token)

    def write(self, text: str) -> int:
        if text:
            self.size += len(text) if text.isascii() else len(text.encode("utf-8"))
            if self.size > self.limit:
                raise OutputStreamLimitError("output stream limit reached", token=None)
        return StringIO.write(self, text)
    LiquidPath.evaluate = evaluate  # python-liquid 2.x, which pyproject pins (>=2.0,<3)
    LimitedStringIO.write = write


_cheaper_hot_paths()


def has_liquid(text: str) -> bool:
    return bool(_HAS_LIQUID.search(text))


# --- source map -------------------------------------------------------------------------

@dataclass
class SourceMap:
    """Maps offsets in Liquid's output back to offsets in its source.

    Literal text reaches the output unchanged, so each literal piece is found in the output in
    order; output between two pieces came from the tags between them.
    """

    source: str
    out_starts: list = field(default_factory=list)
    src_starts: list = field(default_factory=list)
    lengths: list = field(default_factory=list)
    tags: list = field(default_factory=list)  # (src_start, src_end) of every tag, in order

    @classmethod
    def identity(cls, text: str) -> "SourceMap":
        return cls(text, [0], [0], [len(text)], [])

    @classmethod
    def align(cls, source: str, output: str) -> "SourceMap":
        smap = cls(source)
        cursor = 0
        prev_end = 0
        trim_left = False
        pieces = []
        for match in _TOKEN.finditer(source):
            pieces.append((prev_end, match.start(), trim_left, match.group(0)[2] == "-"))
            if match.group(1) is not None:
                pieces.append((match.start(1), match.end(1), False, False))
            else:
                smap.tags.append((match.start(), match.end()))
            trim_left = match.group(0)[-3] == "-"
            prev_end = match.end()
        pieces.append((prev_end, len(source), trim_left, False))
        last = len(pieces) - 1
        for number, (start, end, lstrip, rstrip) in enumerate(pieces):
            text = source[start:end]
            if lstrip:
                stripped = text.lstrip()
                start += len(text) - len(stripped)
                text = stripped
            if rstrip:
                text = text.rstrip()
            if not text:
                continue
            found = output.find(text, cursor)
            if number == last and end == len(source) and output.endswith(text):
                found = max(found, len(output) - len(text))  # the tail is the tail, not a look-alike
            if found < 0:
                continue  # e.g. the body of a false {% if %}
            smap.out_starts.append(found)
            smap.src_starts.append(start)
            smap.lengths.append(len(text))
            cursor = found + len(text)
        return smap

    def locate(self, out_offset: int):
        """(source offset, None) for literal text; (None, [tag spans]) for tag output."""
        i = bisect.bisect_right(self.out_starts, out_offset) - 1
        if i >= 0 and out_offset < self.out_starts[i] + self.lengths[i]:
            return self.src_starts[i] + out_offset - self.out_starts[i], None
        lo = self.src_starts[i] + self.lengths[i] if i >= 0 else 0
        hi = self.src_starts[i + 1] if i + 1 < len(self.src_starts) else len(self.source)
        spans = [t for t in self.tags if t[0] >= lo and t[1] <= hi]
        if not spans:
            return lo, None
        return None, spans


# --- Jekyll tags ------------------------------------------------------------------------

class IncludeNode(Node):
    __slots__ = ("file_template", "file_name", "params", "relative")

    def __init__(self, token, file_name, file_template, params, relative):
        super().__init__(token)
        self.file_name = file_name
        self.file_template = file_template
        self.params = params
        self.relative = relative
        self.blank = False

    def render_to_output(self, context, buffer) -> int:
        name = self.file_name
        if self.file_template is not None:
            name = _render_to_str(self.file_template, context).strip()
        params = {}
        for key, literal, value in self.params:
            params[key] = value if literal else _resolve(context, value)
        renderer: LiquidRenderer = context.env.specsite
        template = renderer.include_template(name, context, self.token, relative=self.relative)
        if template is None:  # missing: reported, and rendered as nothing
            return False
        with context.extend({"include": params}, template=template):
            template.render_with_context(context, buffer, partial=True)
        return True


def _render_to_str(template, context) -> str:
    buf = io.StringIO()
    template.render_with_context(context, buf, partial=True)
    return buf.getvalue()


_LITERALS = {"true": True, "false": False, "nil": None, "null": None}


def _resolve(context, expression: str):
    if expression in _LITERALS:
        return _LITERALS[expression]
    if re.fullmatch(r"-?\d+(?:\.\d+)?", expression):
        return float(expression) if "." in expression else int(expression)
    parts: list = []
    for piece in re.findall(r"[^.\[\]]+|\[[^\]]*\]", expression):
        if piece.startswith("["):
            inner = piece[1:-1].strip()
            parts.append(inner.strip("'\"") if inner[:1] in "'\"" else (
                int(inner) if inner.lstrip("-").isdigit() else _resolve(context, inner)))
        else:
            parts.append(piece)
    try:
        return context.get(parts, token=None, default=None)
    except Exception:  # noqa: BLE001 - an unresolvable variable is nil, as in Jekyll
        return None


def _markup(stream) -> str:
    return stream.current.value.strip() if stream.current.kind == TOKEN_EXPRESSION else ""


class JekyllIncludeTag(Tag):
    """`{% include file.html key="value" key2=variable %}` with `include.key` inside the file."""

    name = "include"
    block = False
    relative = False

    def parse(self, stream):
        token = stream.eat(TOKEN_TAG)
        markup = _markup(stream)
        variable = _VARIABLE_FILE.match(markup)
        if variable and "{{" in markup:
            file_part, rest = variable.group("variable").strip(), variable.group("params")
        else:
            file_part, _, rest = markup.partition(" ")
        if not file_part:
            raise LiquidError("include needs a file name: {% include file.html %}", token=token)
        params = []
        for m in _PARAM.finditer(rest):
            if m.group(2) is not None:
                params.append((m.group(1), True, m.group(2).replace('\\"', '"')))
            elif m.group(3) is not None:
                params.append((m.group(1), True, m.group(3).replace("\\'", "'")))
            else:
                params.append((m.group(1), False, m.group(4)))
        file_template = self.env.from_string(file_part) if "{{" in file_part else None
        return IncludeNode(token, file_part, file_template, params, self.relative)


class JekyllIncludeRelativeTag(JekyllIncludeTag):
    name = "include_relative"
    relative = True


class IncludeCachedTag(JekyllIncludeTag):
    """jekyll-include-cache's `{% include_cached %}`: the same output as `{% include %}`."""

    name = "include_cached"


class HighlightNode(Node):
    __slots__ = ("lang", "body", "linenos")

    def __init__(self, token, lang, body, linenos):
        super().__init__(token)
        self.lang, self.body, self.linenos = lang, body, linenos
        self.blank = False

    def render_to_output(self, context, buffer) -> int:
        buf = io.StringIO()
        self.body.render(context, buf)
        code = re.sub(r"\A(?:\r?\n)+|(?:\r?\n)+\Z", "", buf.getvalue())
        buffer.write(context.env.specsite.highlight_tag(code, self.lang, self.linenos))
        return True


class HighlightTag(Tag):
    """`{% highlight json [linenos] %}…{% endhighlight %}`: Pygments, in the markup Jekyll's
    highlight tag gives (`<figure class="highlight">`, a rouge-table with line numbers)."""

    name = "highlight"
    end = "endhighlight"
    block = True

    def parse(self, stream):
        token = stream.eat(TOKEN_TAG)
        markup = _markup(stream)
        lang = markup.split()[0] if markup else "text"
        if stream.current.kind == TOKEN_EXPRESSION:
            next(stream)
        body = get_parser(self.env).parse_block(stream, (self.end, TOKEN_EOF))
        if not stream.current.is_tag(self.end):
            raise LiquidError("highlight is not closed: add {% endhighlight %}", token=token)
        return HighlightNode(token, lang, body, "linenos" in markup.split()[1:] or "linenos=" in markup)


class _UrlNode(Node):
    __slots__ = ("argument", "template", "kind")

    def __init__(self, token, argument, template, kind):
        super().__init__(token)
        self.argument, self.template, self.kind = argument, template, kind
        self.blank = False

    def render_to_output(self, context, buffer) -> int:
        argument = _render_to_str(self.template, context).strip() if self.template else self.argument
        renderer: LiquidRenderer = context.env.specsite
        buffer.write(renderer.link_url(argument, self.token) if self.kind == "link"
                     else renderer.post_url(argument, self.token))
        return True


class LinkTag(Tag):
    """`{% link pages/x.md %}`: the URL of a page, document or file, baseurl included."""

    name = "link"
    block = False

    def parse(self, stream):
        token = stream.eat(TOKEN_TAG)
        markup = _markup(stream)
        template = self.env.from_string(markup) if "{{" in markup or "{%" in markup else None
        return _UrlNode(token, markup, template, self.name)


class PostUrlTag(LinkTag):
    """`{% post_url 2019-03-12-release %}`: the URL of that post."""

    name = "post_url"


class IgnoredNode(Node):
    def render_to_output(self, context, buffer) -> int:
        return False


# Plugins whose tags sites use most, for a warning that names what is missing.
PLUGIN_TAGS = {"seo": "jekyll-seo-tag", "feed_meta": "jekyll-feed", "gist": "jekyll-gist",
               "avatar": "jekyll-avatar", "octicon": "jekyll-octicons", "github_edit_link": "jekyll-github-edit-link",
               "twitter": "jekyll-twitter-plugin", "youtube": "a YouTube plugin", "asset": "jekyll-assets",
               "bibliography": "jekyll-scholar", "cite": "jekyll-scholar", "tabs": "jekyll-tabs", "tab": "jekyll-tabs"}
_CONTROL = {"else", "elsif", "when", "endraw", "endcomment", "enddoc"}


class UnknownTag(Illegal):
    """A tag no one registered: in Jekyll a plugin's (`{% seo %}`). It renders as nothing and is
    a warning at its line; a stray `{% endif %}` or `{% else %}` is still a syntax error."""

    def parse(self, stream):
        token = stream.current
        name = token.value if token.kind == TOKEN_TAG else ""
        known_end = name.startswith("end") and name[3:] in self.env.tags
        if not name or known_end or name in _CONTROL or not re.fullmatch(r"[A-Za-z_][\w-]*", name):
            return super().parse(stream)
        tag_markup(stream)
        self.env.specsite.note_unknown_tag(token)
        return IgnoredNode(token)


# --- the renderer -----------------------------------------------------------------------

class _Environment(Environment):
    """python-liquid, strict; while `lax` is set (a second parse of a template that strict parsing
    refused), errors are noted as warnings and the offending tag or output is skipped — as
    Jekyll's lax Liquid (error_mode: warn) lets `{% if a = b %}` or `{{ x | f | }}` pass."""

    lax = False
    parsing = None  # the tag or output token being parsed (lax mode), for errors without a place
    # A page that loops forever or writes megabytes is a mistake: stop it with an error at its line.
    loop_iteration_limit = 1_000_000
    output_stream_limit = 50_000_000

    def error(self, exc, msg=None, token=None):
        if not self.lax:
            return super().error(exc, msg, token)
        if not isinstance(exc, LiquidError):
            exc = exc(msg, token=token)
        place = token if token is not None and token.start_index >= 0 else self.parsing
        if place is not None and (not exc.token or exc.token.start_index < 0):
            exc.token = place
        self.specsite.note_lax_error(exc)
        return None

    def track_parsing(self):
        """Wrap every tag's get_node so that, in lax mode, errors know where they are."""
        for tag in self.tags.values():
            original = tag.get_node

            def get_node(stream, _original=original):
                if self.lax:
                    self.parsing = stream.current
                return _original(stream)
            tag.get_node = get_node


def _fatal(err: LiquidSyntaxError) -> bool:
    """Syntax errors that Jekyll's lax parser rejects too: unclosed blocks, unterminated tags."""
    message = str(getattr(err, "message", err))
    return any(text in message for text in ("expected tag end", "end of file", "expected '}}'", "expected '%}'",
                                             "unexpected tag", "missing tag name", "raw", "comment"))



@dataclass(frozen=True)
class LiquidResult:
    text: str
    source_map: SourceMap
    diagnostics: tuple = ()
    includes: tuple = ()  # include names used, for dependency tracking
    outputs: tuple = ()  # (text, file, line, column) of each {{ output }} a layout wrote


class LiquidRenderer:
    """One Liquid environment for the site; `render` turns a page body into text + source map.

    `files` maps source paths to URLs for `{% link %}`; `posts` lists (source path, URL) for
    `{% post_url %}`."""

    def __init__(self, include_dirs, site_vars: dict, *, source_root: Path, highlight,
                 markdownify=None, baseurl="", url="", files: dict | None = None, posts=None,
                 highlight_code=None, plugin_names=(), ruby_tags=None):
        self.include_dirs = [Path(d) for d in include_dirs]
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
        self.env.tags["if"], self.env.tags["unless"] = LaxIf(self.env), LaxUnless(self.env)
        plugins.register(self.env, plugin_names)
        self.ruby_tags = dict(ruby_tags or {})  # tag/filter name -> (_plugins file, line)
        self.env.track_parsing()
        jekyll_filters.register(self.env, baseurl=baseurl, url=url, markdownify=markdownify)
        self.globals = site_vars
        self.files = {k.lstrip("/"): v for k, v in (files or {}).items()}
        self.posts = list(posts or ())
        self._includes: dict[Path, object] = {}
        self._found: dict = {}  # (name, folder) -> include file or None
        self._layouts: dict[str, object] = {}  # layout rel -> parsed template
        self.recorded: list | None = None  # (text, token) of each output while a layout renders
        self._output_positions: dict = {}
        self._include_sources: dict[str, Path] = {}
        self._used: set = set()
        self._current: list = []
        self._notes: list = []  # diagnostics found while parsing or rendering the current page
        self._page: tuple = ("", "", 1)  # (rel, text, line offset) of the page being rendered

    def include_names(self) -> list[str]:
        names = []
        for base in self.include_dirs:
            if base.is_dir():
                names += [p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file()]
        return names

    def find_include(self, name: str, relative_to: Path | None = None) -> Path | None:
        """The include's file; looked up once per build (a sidebar include runs on every page)."""
        key = (name, relative_to)
        if key not in self._found:
            self._found[key] = self._find_include(name, relative_to)
        return self._found[key]

    def _find_include(self, name: str, relative_to: Path | None) -> Path | None:
        bases = [relative_to] if relative_to is not None else self.include_dirs
        if relative_to is None:
            name = name.lstrip("/")  # `{% include /examples/x.xml %}`: Jekyll joins it to _includes/
        for base in bases:
            candidate = (base / name).resolve()
            if candidate.is_file() and candidate.is_relative_to(base.resolve()) or (
                    relative_to is not None and candidate.is_file()
                    and candidate.is_relative_to(self.source_root)):
                return candidate
        return None

    def include_template(self, name, context, token, *, relative=False):
        page_dir = self._current[-1] if relative and self._current else None
        path = self.find_include(name, page_dir)
        if path is None:
            where = "next to the page" if relative else ", ".join(
                _display(d, self.source_root) if d.resolve().is_relative_to(self.source_root)
                else "the theme's includes" for d in self.include_dirs if d.exists())
            match = None if relative else closest(name, self.include_names())
            # noted, not raised: the page renders on without it, so every missing include and
            # every broken link of the page is reported in one run
            err = TemplateNotFoundError(f"include file '{name}' not found (looked in {where})", token=token)
            rel, text, offset = self._page
            self._notes.append(dataclasses.replace(
                self._diagnostic(err, text, rel, offset),
                hint=f"Did you mean '{match}'?" if match else "Create the file or correct the name."))
            return None
        template = self._includes.get(path)
        if template is None:
            rel = _display(path, self.source_root)
            try:
                source = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                raise LiquidError(f"include file '{name}' ({rel}) is not UTF-8 text; save it as UTF-8",
                                  token=token) from None
            self._include_sources[source] = path
            try:
                template = self.parse(source, rel)
            except LiquidError as err:
                if err.token is None or err.token.start_index < 0:
                    raise IncludeParseError(rel, source, err) from None
                raise
            self._notes.extend(self._unknown_filters(template, source, rel, 1))
            self._includes[path] = template
        self._used.add(path)
        return template

    def parse(self, source: str, name: str, globals_: dict | None = None):
        """A template; one that strict parsing refuses for an expression Jekyll's lax parser
        accepts is parsed again leniently, each problem a warning at its line."""
        try:
            return self.env.from_string(source, name=name, globals=globals_)
        except LiquidSyntaxError as err:
            if _fatal(err):
                raise
        self.env.lax = True
        try:
            return self.env.from_string(source, name=name, globals=globals_)
        finally:
            self.env.lax = False

    def note_lax_rewrite(self, token, markup: str, cleaned: str):
        self._note(token, WARNING, "liquid-syntax",
                   f"Liquid syntax error in '{' '.join(markup.split())}'; read as '{cleaned}', as Jekyll's "
                   "lax Liquid reads it", hint=f"Write '{cleaned}'.")

    def note_lax_error(self, err: LiquidError):
        message = str(getattr(err, "message", err)).split("\n")[0].rstrip(".")
        self._note(err.token, WARNING, "liquid-syntax",
                   f"Liquid syntax error: {message}; skipped (Jekyll's lax Liquid lets it pass)")

    # -- Jekyll's URL tags -------------------------------------------------------------------
    def link_url(self, argument: str, token) -> str:
        """`{% link %}`: the page's URL with the baseurl; a missing target is left for the
        checker to report as a broken link (its URL is made as if it existed)."""
        rel = argument.strip().lstrip("/")
        url = self.files.get(rel, "/" + rel)
        return self.env.filters["relative_url"](url)

    def post_url(self, argument: str, token) -> str:
        name = argument.strip().lstrip("/")
        match = re.match(r"^(.+/)*(\d+-\d+-\d+)-(.*)$", name)
        if match:
            path, date, slug = match.group(1) or "", match.group(2), match.group(3)
            exact = re.compile(rf"^(?:_posts/{re.escape(path)}|{re.escape(path)}_posts/?)"
                               rf"{re.escape(date)}-{re.escape(slug)}\.[^.]+$")
            for rel, url in self.posts:
                if exact.match(rel):
                    return self.env.filters["relative_url"](url)
            for rel, url in self.posts:  # Jekyll's older matching: same date and slug anywhere
                if re.search(rf"(?:^|/){re.escape(date)}-{re.escape(slug)}\.[^./]+$", rel):
                    return self.env.filters["relative_url"](url)
        names = [re.sub(r"^.*?_posts/|\.[^.]+$", "", rel) for rel, _ in self.posts]
        self._note(token, ERROR, "broken-link", f"{{% post_url {name} %}}: no such post in _posts/",
                   hint=(f"Did you mean '{closest(name, names)}'?" if closest(name, names) else None))
        return ""

    def highlight_tag(self, code: str, lang: str, linenos: bool) -> str:
        """Jekyll's highlight tag markup; blank lines are written as `&#10;` so that the block
        stays one HTML block for the markdown that runs after Liquid."""
        inner = self.highlight_code(code, lang) if self.highlight_code else html.escape(code, quote=False)
        inner = inner.rstrip("\n")
        if linenos:
            count = code.count("\n") + 1
            numbers = "".join(f"{n}\n" for n in range(1, count + 1))
            inner = (f'<table class="rouge-table"><tbody><tr><td class="gutter gl"><pre class="lineno">'
                     f'{numbers}</pre></td><td class="code"><pre>{inner}\n</pre></td></tr></tbody></table>')
        safe = html.escape(lang, quote=True)
        out = (f'<figure class="highlight"><pre><code class="language-{safe.replace("+", "-")}" '
               f'data-lang="{safe}">{inner}</code></pre></figure>')
        return re.sub(r"\n(?=[ \t]*(?:\n|$))", "&#10;", out)

    # -- diagnostics ---------------------------------------------------------------------------
    def note_unknown_tag(self, token):
        if token.value == "raw":  # the lexer only knows raw with its endraw
            self._note(token, ERROR, "liquid-error", "{% raw %} is never closed",
                       "Add {% endraw %} where the literal text should end.")
            return
        plugin = PLUGIN_TAGS.get(token.value)
        ruby = self.ruby_tags.get(token.value)
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
            return _display(include, self.source_root), line, col
        return rel, offset, None

    def render(self, text: str, *, path: Path, page: dict, line_offset: int) -> LiquidResult:
        """Render one page body; errors become diagnostics and the body is kept as written."""
        if not has_liquid(text):
            return LiquidResult(text, SourceMap.identity(text))
        rel = _display(path, self.source_root)

        def template():
            parsed = self.parse(text, rel, {"page": page, **self.globals})
            self._notes.extend(self._unknown_filters(parsed, text, rel, line_offset))
            return parsed
        return self._render(text, rel, line_offset, path.parent, template, {})

    def render_layout(self, layout, *, page_path: Path, variables: dict) -> LiquidResult:
        """A layout rendered for one page: `variables` (page, content, layout) over site/jekyll.
        The template is parsed once per build, so its parse warnings are reported once."""
        def template():
            parsed = self._layouts.get(layout.rel)
            if parsed is None:
                parsed = self._layouts[layout.rel] = self.parse(layout.body, layout.rel, self.globals)
                self._notes.extend(self._unknown_filters(parsed, layout.body, layout.rel, layout.body_line))
            return parsed
        self.recorded = []
        try:
            result = self._render(layout.body, layout.rel, layout.body_line, page_path.parent, template, variables,
                                  align=False)
            positions = self._output_positions
            written = []
            for text, token in self.recorded:
                where = positions.get(token)
                if where is None:
                    where = positions[token] = self._position(token)
                written.append((text, *where))
        finally:
            self.recorded = None
        return dataclasses.replace(result, outputs=tuple(written))

    def _render(self, text, rel, line_offset, folder, template, variables, align=True) -> LiquidResult:
        """Errors become diagnostics and the text is kept as written. `folder`: where
        include_relative looks (the page's folder, also inside its layouts, as in Jekyll)."""
        self._used = set()
        self._notes = []
        self._current.append(folder)
        self._page = (rel, text, line_offset)
        try:
            output = template().render(**variables)
        except IncludeParseError as err:
            return LiquidResult(text, SourceMap.identity(text), tuple(self._notes) + (err.diagnostic(),))
        except LiquidError as err:
            return LiquidResult(text, SourceMap.identity(text), tuple(self._notes) + (
                self._diagnostic(err, text, rel, line_offset),))
        except RecursionError:
            return LiquidResult(text, SourceMap.identity(text), (Diagnostic(
                rel, line_offset, None, "liquid-error", ERROR,
                "includes nest too deeply (an include includes itself?)"),))
        finally:
            self._current.pop()
        includes = tuple(sorted(str(p) for p in self._used))
        smap = SourceMap.align(text, output) if align else SourceMap.identity(output)
        return LiquidResult(output, smap, tuple(self._notes), includes)

    def _unknown_filters(self, template, text, rel, line_offset):
        try:
            filters = template.analyze(include_partials=False).filters
        except Exception:  # noqa: BLE001 - analysis is advisory only
            return
        for name, spans in filters.items():
            if name in self.env.filters:
                continue
            for span in spans:
                line, col = _line_col(text, span.index)
                ruby = self.ruby_tags.get(name)
                by = f"defined by {ruby[0]}:{ruby[1]}, a Ruby plugin specsite cannot run" if ruby else \
                    "a Jekyll plugin?"
                yield Diagnostic(rel, line + line_offset - 1, col, "liquid-unsupported", WARNING,
                                 f"unknown Liquid filter '{name}' ({by}); it is ignored", hint=None)

    def _diagnostic(self, err: LiquidError, text: str, rel: str, line_offset: int) -> Diagnostic:
        message = str(err.message if hasattr(err, "message") else err).split("\n")[0]
        token = err.token
        file, line, col = rel, None, None
        if token is not None and token.start_index >= 0:
            if token.source == text:
                line, col = _line_col(text, token.start_index)
                line += line_offset - 1
            else:
                include = self._include_sources.get(token.source)
                line, col = _line_col(token.source, token.start_index)
                file = _display(Path(include), self.source_root) if include else (
                    str(err.template_name) if err.template_name else rel)
        if line is None:
            unclosed = _unclosed_block(text)  # "expected endif, found end of template" has no token
            if unclosed is not None:
                line, col = _line_col(text, unclosed)
                line += line_offset - 1
                tag = _BLOCK_TAG.match(text, unclosed).group(2)
                message = f"{{% {tag} %}} is never closed"
            else:
                line = line_offset
        rule = "missing-include" if isinstance(err, TemplateNotFoundError) else "liquid-error"
        hint = None
        if rule == "liquid-error" and "never closed" in message:
            hint = f"Add {{% end{tag} %}} where the block should end."
        elif rule == "liquid-error" and "expected" in message and "end" in message:
            hint = "Close every {% if %}, {% for %}, {% capture %} and {% raw %} block."
        if isinstance(err, UnknownFilterError):
            rule = "liquid-unsupported"
        return Diagnostic(file, line, col, rule, ERROR, message.rstrip("."), hint)


class IncludeParseError(Exception):
    """A Liquid syntax error in an include that python-liquid reports without a position."""

    def __init__(self, rel: str, source: str, err: LiquidError):
        super().__init__(str(err))
        self.rel, self.source, self.err = rel, source, err

    def diagnostic(self) -> Diagnostic:
        message = str(self.err.message if hasattr(self.err, "message") else self.err).split("\n")[0]
        unclosed = _unclosed_block(self.source)
        line, col, hint = 1, None, None
        if unclosed is not None:
            line, col = _line_col(self.source, unclosed)
            tag = _BLOCK_TAG.match(self.source, unclosed).group(2)
            message, hint = f"{{% {tag} %}} is never closed", f"Add {{% end{tag} %}} where the block should end."
        return Diagnostic(self.rel, line, col, "liquid-error", ERROR, message, hint)


_BLOCK_TAG = re.compile(r"\{%-?\s*(end)?(if|unless|for|case|capture|raw|comment|tablerow|highlight)\b[^%]*-?%\}")


def _unclosed_block(text: str) -> int | None:
    """Offset of the block tag ({% if %}, {% for %}, …) that is never closed, if any."""
    stack: list = []
    for m in _BLOCK_TAG.finditer(text):
        if stack and stack[-1][0] in ("raw", "comment") and not (m.group(1) and m.group(2) == stack[-1][0]):
            continue  # inside raw/comment nothing is a tag
        if m.group(1):
            if stack and stack[-1][0] == m.group(2):
                stack.pop()
        else:
            stack.append((m.group(2), m.start()))
    return stack[-1][1] if stack else None


def _line_col(text: str, index: int):
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col


def _display(path: Path, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)
