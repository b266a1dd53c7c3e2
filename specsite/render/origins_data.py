"""The values of a site's data files, each at its first place: a link made from a data value
(`href="{{ item.url }}"` with `url: /x.html` in a sidebar file) is reported at the data-file line,
where its author fixes it (origins.Origins)."""
from __future__ import annotations

import re

from .origins_patterns import Origin

# A data line's value: `^[ \t]*(?:-[ \t]+)?(?:[\w.-]+[ \t]*:[ \t]*)?(["']?)(.+?)\1[ \t]*$` (re.M), whose
# lazy end tried `\1[ \t]*$` at every character; here the rest of the line is taken whole (the same
# prefixes match: each needs a character after it in both) and its end cut in data_value.
_DATA_LINE = r"""[ \t]*(?:-[ \t]+)?(?:[\w.-]+[ \t]*:[ \t]*)?(["']?)(.+)$"""
_FIRST_LINE = re.compile(_DATA_LINE, re.M)
_NEXT_LINE = re.compile("\n" + _DATA_LINE, re.M)  # (a literal first: sre's search skips to each newline)


def data_values(data: dict[str, str]) -> dict[str, tuple]:
    """A data value -> (file, offset) of its first place (`data`: source-relative path -> text)."""
    values: dict[str, tuple] = {}
    for rel, text in data.items():
        for m in data_lines(text):
            value, start = data_value(m)
            value = value.strip()
            if value and value not in values and not value.startswith("#"):  # (the first place kept)
                values[value] = (rel, start)
            if value.startswith("[") and value.endswith("]"):  # a flow sequence's items: `- [/docs/a.md, A]`
                for item in _FLOW_ITEM.finditer(value, 1, len(value) - 1):
                    found = item.group(2)
                    if found not in values and not found.startswith("#"):
                        values[found] = (rel, start + text[start:].find(value) + item.start(2))
    return values


_FLOW_ITEM = re.compile(r"""[ \t]*(["']?)([^,"'\[\]{}]+?)\1[ \t]*(?:,|$|(?=\]))""")


def data_origin(values: dict, data: dict[str, str], baseurl: str, target: str) -> Origin | None:
    """The data-file line that holds the link `target` (`values`: data_values(data))."""
    if not target:  # (no data value is empty: `url: /` is not `href=""` with its "/" put back)
        return None
    path = target.split("#", 1)[0] if not target.startswith("#") else target
    # (the whole target first, its fragment kept: `url: /index.html#feedback` is not `url: /index.html`)
    whole = target[len(baseurl):] if baseurl and target.startswith(baseurl) else target
    stripped = path[len(baseurl):] if baseurl and path.startswith(baseurl) else path
    forms = (target, "/" + whole.lstrip("/"), path, stripped, "/" + stripped.lstrip("/"), stripped.lstrip("/"))
    # then as the markdown file's name (`- [/docs/start.md, Start]` that a template writes with
    # `replace: '.md', '.html'`)
    for value in (*forms, *(_as_markdown(form) for form in forms if ".html" in form)):
        found = values.get(value)
        if found is not None:
            rel, start = found
            text = data[rel]
            return Origin(rel, text.count("\n", 0, start) + 1, start - (text.rfind("\n", 0, start) + 1) + 1)
    return None


def _as_markdown(form: str) -> str:
    """`a/b.html#x` as `a/b.md#x`."""
    path, hash_, fragment = form.partition("#")
    return (path[:-5] + ".md" if path.endswith(".html") else path) + hash_ + fragment




def nested_text(text: str) -> str:
    """A `_config.yml`'s text with its top-level lines blanked (the lines kept, so the values'
    lines and columns are the file's): its lists and nested mappings — a `defaults:` value a
    layout writes from a page's front matter (`{{ page.x }}`), a nav's `link: /x` — are where
    their author edits a link, while a top-level `baseurl: /docs` or `logo: /img/logo.png` would
    match a layout's own `{{ 'img/logo.png' | relative_url }}` by chance."""
    return "\n".join("" if line[:1] not in ("", " ", "\t", "-", "#") else line for line in text.split("\n"))


def data_lines(text: str):
    """The _DATA_LINE matches of each line of `text`, in order (a `^` pattern is tried at every
    character)."""
    first = _FIRST_LINE.match(text)
    if first is not None:
        yield first
    yield from _NEXT_LINE.finditer(text, first.end() if first is not None else 0)


def data_value(m: re.Match) -> tuple[str, int]:
    """(value, offset) of a _DATA_LINE match, as the lazy pattern's group 2 reads it: within
    quotes, up to the closing quote that only spaces or tabs follow (`key: ""` has none after
    its first character: its value is the two quotes); else up to the line's trailing spaces
    and tabs, and at least one character (`key:  ` gives a space)."""
    quote, rest = m.group(1), m.group(2)
    end = rest.rstrip(" \t")
    if quote:
        if len(end) > 1 and end[-1] == quote:
            return end[:-1], m.start(2)
        end = quote + end  # (no closing quote: the opening one is part of the value)
    return end or rest[:1], m.start(1)
