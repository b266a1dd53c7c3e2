"""jekyll-gist 1.5: `{% gist id [file] %}` as it renders offline — the script tag alone, since
the <noscript> copy of the code needs gist.githubusercontent.com (lib/jekyll-gist/gist_tag.rb)."""
from __future__ import annotations

import html
import re

from liquid import Node, Tag
from liquid.undefined import is_undefined

from .common import PluginTagError, tag_markup

_ARGUMENTS = re.compile(r"\A(\S+|.*(?=/).+)\s?(\S*)\Z")
_VARIABLE = re.compile(r"^[A-Za-z_][\w-]*(?:\.[\w-]+)*$")
USAGE = ("Write {% gist user/1234567 %}, {% gist user/1234567 foo.js %} or "
         "{% gist 28949e1d5ee2273f9fd3 best.md %}.")


def arguments(markup: str):
    """GistTag#determine_arguments: (gist id, file name or ''), or None when the markup is bad."""
    match = _ARGUMENTS.match(markup.strip())
    return (match.group(1).strip(), match.group(2).strip()) if match else None


def script_tag(gist_id, filename=None) -> str:
    url = f"https://gist.github.com/{gist_id}.js"
    if filename not in (None, ""):
        url = f"{url}?file={filename}"
    return f'<script src="{url}"> </script>'


def noscript_tag(code: str | None) -> str:
    """With the gist's code (fetched), the copy shown without JavaScript; offline there is none."""
    return "" if code is None else f"<noscript><pre>{html.escape(code, quote=True).replace('&#x27;', '&#39;')}</pre></noscript>"


def _lookup(context, name: str):
    """`context[name]` when the argument names a variable that is set, else the text itself."""
    if not _VARIABLE.match(name):
        return name
    try:
        value = context.get(name.split("."), token=None, default=None)
    except Exception:  # noqa: BLE001 - an unresolvable name is the literal argument
        return name
    return name if value is None or is_undefined(value) else value


class GistNode(Node):
    __slots__ = ("markup",)

    def __init__(self, token, markup):
        super().__init__(token)
        self.markup = markup
        self.blank = False

    def render_to_output(self, context, buffer) -> int:
        found = arguments(self.markup)
        if found is None:
            shown = f"{{% gist {self.markup.strip()} %}}" if self.markup.strip() else "{% gist %}"
            raise PluginTagError(f"{shown} has no gist id", hint=USAGE, token=self.token)
        gist_id, filename = (_lookup(context, part) if part else part for part in found)
        buffer.write(noscript_tag(None) + script_tag(gist_id, filename))
        return True


class GistTag(Tag):
    name = "gist"
    block = False

    def parse(self, stream):
        return GistNode(*tag_markup(stream))
