"""Jekyll's Excerpt#extract_excerpt: the excerpt is the text before the separator, its Liquid
blocks left open there closed (sanctify_liquid_tags), plus each link reference definition after
it (`[label]: …`, footnote definitions `[^1]: …` too) whose `[label]` the excerpt uses, so that
its links and footnotes resolve (MKDWN_LINK_REF_REGEX)."""
from __future__ import annotations

import re

from ..lazy_re import LazyPattern
from .rubystr import to_s as _to_s

_DEFINITION = LazyPattern(r"^ {0,3}(\[[^\]]+\])(:.+)$", re.M)


def with_definitions(head: str, tail: str) -> str:
    """`head` and, after a blank line, the definitions in `tail` it refers to (one a line)."""
    if "]:" not in tail:
        return head
    found = [m.group(1) + m.group(2) for m in _DEFINITION.finditer(tail) if m.group(1) in head]
    return head + "\n\n" + "\n".join(found) if found else head


# Excerpt::LIQUID_TAG_REGEX, and the tags Jekyll 4.3's Liquid registers as blocks (liquid_block?:
# Liquid::Template.tags[name] < Liquid::Block): Liquid 5's and Jekyll's highlight
_LIQUID_TAG = LazyPattern(r"{%-?\s*(\w+)\s*.*?-?%}", re.S)
_BLOCKS = frozenset("capture case comment for if ifchanged raw tablerow unless highlight".split())


def open_blocks(head: str) -> list:
    """The block tags of `head` whose `{% endname` is nowhere in it (the ones sanctified closes),
    as (name, offset of its tag), last first."""
    if "{%" not in head:
        return []
    found, names = [], set()
    for m in reversed(list(_LIQUID_TAG.finditer(head))):
        name = m.group(1)
        if name in _BLOCKS and name not in names and not re.search(r"{%%-?\s*end%s.*?\s*-?%%}" % name, head, re.S):
            names.add(name)
            found.append((name, m.start()))
    return found


def sanctified(head: str) -> str:
    """Excerpt#sanctify_liquid_tags: for each block tag in `head` (last first) whose
    `{% endname` is nowhere in it, `\n{% endname %}` is added, so that a separator inside a
    block (`{% highlight %}` code with a blank line) does not leave the excerpt's Liquid open."""
    if "{%" not in head:
        return head
    for name in reversed(_LIQUID_TAG.findall(head)):
        if name in _BLOCKS and not re.search(r"{%%-?\s*end%s.*?\s*-?%%}" % name, head, re.S):
            head += "\n{%% end%s %%}" % name
    return head


def excerpt_separator(meta, site_separator) -> str:
    """Document#excerpt_separator: (the front matter's || the site's).to_s."""
    own = meta.get("excerpt_separator")
    return _to_s(site_separator if own is None or own is False else own)


def _excerpt(body: str, separator: str, fenced: bool = True) -> str:
    """Excerpt#extract_excerpt on the document's content. After front matter that content
    starts past YAML_FRONT_MATTER_REGEXP's `---\\s*$\\n?`: the blank lines after the closing
    fence (spaces too) are gone. A post without front matter keeps them: its first paragraph
    after a blank first line is not the excerpt, "" is. A Windows-edited file's body keeps its
    "\\r\\n" (discover.reader), so the default "\\n\\n" is nowhere in it: the whole text, as in Jekyll."""
    text = _past_fence(body) if fenced else body
    if separator not in text:
        return text
    head, tail = text.split(separator, 1)
    return with_definitions(sanctified(head), tail)  # (the link and footnote definitions it uses)


def _past_fence(body: str) -> str:
    """The body as Jekyll's content: the whitespace that `\\s*$\\n?` takes after the closing
    `---` line (the reader took that line's own newline), up to the last newline in it."""
    rest = body.lstrip(" \t\n\r\f\v")
    if not rest:
        return ""
    cut = body.rfind("\n", 0, len(body) - len(rest))
    return body[cut + 1:] if cut >= 0 else body
