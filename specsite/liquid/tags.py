"""Jekyll's Liquid tags: include (with parameters, variable names, include_relative,
include_cached), highlight, link, post_url, and the fallback for a plugin's unknown tag."""
from __future__ import annotations

import html
import io
import re

from liquid import Node, Tag
from liquid.builtin.illegal import Illegal
from liquid.context import ReadOnlyChainMap, builtin
from liquid.exceptions import ContextDepthError, LiquidError, LiquidInterrupt, LiquidSyntaxError, StopRender
from liquid.parser import get_parser
from liquid.template import BoundTemplate
from liquid.token import TOKEN_EOF, TOKEN_EXPRESSION, TOKEN_TAG
from liquid.undefined import is_undefined

from ..plugins.common import tag_markup
from .ruby_lax import RefusedMarkup

# Jekyll's include syntax: name=value pairs, values quoted or variables.
_PARAM = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|'([^'\\]*(?:\\.[^'\\]*)*)'|([\w.\-\[\]'"]+))""")
# IncludeTag::FULL_VALID_SYNTAX: the whole parameter text is such pairs, each ended by a space
_FULL_VALID = re.compile(r"""\s*(?:([\w-]+)\s*=\s*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|'([^'\\]*(?:\\.[^'\\]*)*)'|([\w.-]+))"""
                         r"""(?=\s|\Z)\s*)*\Z""")
_VARIABLE_FILE = re.compile(r"(?P<variable>[^{]*(\{\{\s*[\w\-.]+\s*(\|.*)?\}\}[^\s{}]*)+)(?P<params>.*)", re.S)


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
        renderer = context.env.specsite
        template = renderer.include_template(name, context, self.token, relative=self.relative)
        if template is None:  # missing: reported, and rendered as nothing
            return False
        # (Jekyll sets `include` only when the tag has parameters: one without them sees the
        # enclosing include's, `include.x` of the file that includes it)
        namespace = {"include": params} if self.params else {}
        if template.__class__ is not BoundTemplate:
            with context.extend(namespace, template=template):
                template.render_with_context(context, buffer, partial=True)
            return True
        _render_included(template, context, buffer, namespace)
        return True


def _render_included(template, context, buffer, namespace) -> None:
    """`with context.extend(namespace, template=template): template.render_with_context(context,
    buffer, partial=True)` as python-liquid 2 runs it, without its two context managers (an
    include runs a hundred times a page): the same depth checks, namespaces, template switch
    and handling of what a node raises."""
    scope = context.scope
    limit = context.env.context_depth_limit
    if scope.size() > limit:
        raise ContextDepthError("maximum context depth reached, possible recursive include", token=None)
    saved = context.template
    context.template = template
    scope.push(namespace)
    try:
        partial = template.make_partial_namespace(True, {})
        if scope.size() > limit:
            raise ContextDepthError("maximum context depth reached, possible recursive include", token=None)
        scope.push(partial)
        try:
            render_nodes(template, context, buffer, partial=True)
        finally:
            scope.pop()
    finally:
        context.template = saved
        scope.pop()


def render_nodes(template, context, buffer, *, partial: bool) -> None:
    """The loop of BoundTemplate.render_with_context (python-liquid 2) over the template's nodes,
    each node's render_to_output called straight when no tag is disabled (all Node.render
    checks): StopRender and errors handled as it does. A break or continue outside any loop ends
    the template's render there, as Ruby Liquid's interrupt does (each BlockBody stops while
    `context.interrupt?`; no loop pops it), where python-liquid made it a syntax error."""
    env = template.env
    direct = not context.disabled_tags
    for node in template.nodes:
        try:
            if direct:
                node.render_to_output(context, buffer)
            else:
                node.render(context, buffer)
        except LiquidInterrupt:
            if not partial:
                break
            raise  # (a partial template's break or continue ends the enclosing loop's iteration)
        except StopRender:
            break
        except LiquidError as err:
            env.error(err, token=node.token)


def render_flat(template, variables: dict, counters: dict | None = None) -> str:
    """template.render(**variables), its globals one dict: python-liquid chains the variables,
    the template's matter and its globals (a ReadOnlyChainMap, asked in that order), and every
    name not found nearer walks that chain. The same values, the nearest first. `counters`: the
    build's increment/decrement counters (Liquid keeps them in the site payload Jekyll hands
    every render), in place of the context's own."""
    context = template.context_class(template, globals={**template.globals, **template.matter, **variables})
    if counters is not None:
        context.counters = counters
        context.scope = ReadOnlyChainMap(context.locals, context.globals, builtin, counters)
    buffer = template._get_buffer()
    if template.__class__ is not BoundTemplate:
        template.render_with_context(context, buffer)
        return buffer.getvalue()
    # render_with_context's `with context.extend(namespace=...)`, without its generator-made
    # context manager: the same depth check, no template switch
    namespace = template.make_partial_namespace(False, {})
    scope = context.scope
    if scope.size() > context.env.context_depth_limit:
        raise ContextDepthError("maximum context depth reached, possible recursive include", token=None)
    scope.push(namespace)
    try:
        render_nodes(template, context, buffer, partial=False)
    finally:
        scope.pop()
    return buffer.getvalue()


def _render_to_str(template, context) -> str:
    buf = io.StringIO()
    template.render_with_context(context, buf, partial=True)
    return buf.getvalue()


# Expression::LITERALS as an include parameter reads them (context[value]); `empty` and `blank`
# are MethodLiterals, whose to_liquid is ""
_LITERALS = {"true": True, "false": False, "nil": None, "null": None, "empty": "", "blank": ""}


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
            file_part, rest = (markup.split(None, 1) + [""])[:2]  # Jekyll: markup.split(/\s+/, 2)
        if not file_part:
            raise LiquidError("include needs a file name: {% include file.html %}", token=token)
        if rest.strip() and not _FULL_VALID.match(rest.strip()):  # (IncludeTag#validate_params: the build stops)
            raise RefusedMarkup(f"Invalid syntax for include tag: {rest.strip()} (valid syntax: "
                              f"{{% {self.name} file.ext param='value' param2=variable %}})", token=token)
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
        # (HighlightBlock#render: `context["highlighter_prefix"] || ""`, the same for the suffix)
        prefix, suffix = (context.resolve(name, default=None) for name in ("highlighter_prefix", "highlighter_suffix"))
        buffer.write(_or_blank(prefix) + context.env.specsite.highlight_tag(code, self.lang, self.linenos)
                     + _or_blank(suffix))
        return True


def _or_blank(value) -> str:
    """Ruby's `value || ""` as text: nil and false are ''."""
    return "" if value is None or value is False or is_undefined(value) else str(value)


class HighlightTag(Tag):
    """`{% highlight json [linenos] %}…{% endhighlight %}`: Pygments, in the markup Jekyll's
    highlight tag gives (`<figure class="highlight">`, a rouge-table with line numbers)."""

    name = "highlight"
    end = "endhighlight"
    block = True

    def parse(self, stream):
        token = stream.eat(TOKEN_TAG)
        markup = _markup(stream)
        lang = markup.split()[0].lower() if markup else "text"  # Jekyll's HighlightBlock downcases it
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
        renderer = context.env.specsite
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
        if name == "raw":  # (the lexer only knows raw with its endraw: Liquid's Raw takes the rest of
            # the template as its body and stops the parse there, so nothing after it is a tag)
            opening = token.source.rfind("{%", 0, token.start_index + 1)  # (named at its `{%`)
            raise LiquidSyntaxError("{% raw %} is never closed", token=token._replace(start_index=max(opening, 0)))
        tag_markup(stream)
        self.env.specsite.note_unknown_tag(token)
        return IgnoredNode(token)


_FENCE_LIKE = re.compile(r"(?m)^([ \t]*)([`~])(?=\2\2)")


def highlight_markup(code: str, lang: str, linenos: bool, highlight_code=None) -> str:
    """Jekyll's highlight tag markup. Its blank lines stay: the markdown that runs after Liquid
    reads the figure as one raw HTML block, as kramdown does (markdown/islands: a block with a
    <pre> is a raw island); a code line like ``` is written with an entity (no fence)."""
    inner = highlight_code(code, lang) if highlight_code else html.escape(code, quote=False)
    inner = inner.rstrip("\n")
    if linenos:
        count = code.count("\n") + 1
        numbers = "".join(f"{n}\n" for n in range(1, count + 1))
        inner = (f'<table class="rouge-table"><tbody><tr><td class="gutter gl"><pre class="lineno">'
                 f'{numbers}</pre></td><td class="code"><pre>{inner}\n</pre></td></tr></tbody></table>')
    safe = html.escape(lang, quote=True)
    out = (f'<figure class="highlight"><pre><code class="language-{safe.replace("+", "-")}" '
           f'data-lang="{safe}">{inner}</code></pre></figure>')
    if "\n" in out and ("`" in out or "~" in out):  # a code line like ``` is no fence for the markdown after
        out = _FENCE_LIKE.sub(lambda m: m.group(1) + ("&#96;" if m.group(2) == "`" else "&#126;"), out)
    return out


def find_post(name: str, posts) -> str | None:
    """The URL of the post `{% post_url name %}` names, from (source path, URL) pairs."""
    match = re.match(r"^(.+/)*(\d+-\d+-\d+)-(.*)$", name)
    if match:
        path, date, slug = match.group(1) or "", match.group(2), match.group(3)
        exact = re.compile(rf"^(?:_posts/{re.escape(path)}|{re.escape(path)}_posts/?)"
                           rf"{re.escape(date)}-{re.escape(slug)}\.[^.]+$")
        for rel, url in posts:
            if exact.match(rel):
                return url
        for rel, url in posts:  # Jekyll's older matching: same date and slug anywhere
            if re.search(rf"(?:^|/){re.escape(date)}-{re.escape(slug)}\.[^./]+$", rel):
                return url
    return None
