"""A page or document as Jekyll's `jsonify` and `inspect` print it whole (a search.json that
writes `{{ site.posts | jsonify }}`, a debug `{{ page | inspect }}`).

A document's Liquid value is a DocumentDrop (jekyll/drops/drop.rb, document_drop.rb): its `to_h`
is its content methods, then its data's other keys; `jsonify` (to_json, hash_for_json) writes a
document met 2 or more levels deep with its previous/next collapsed (no content, output,
excerpt, previous, next), so that the chain ends; `inspect` is `JSON.pretty_generate(to_h)`.
A page's is Convertible#to_liquid, a Hash: its data, then content, dir, excerpt, name, path,
url; it inspects as a Hash. Inside an array (`site.posts | inspect`) Liquid holds the Ruby
objects themselves, which inspect as `#<Jekyll::Document path collection=label>` and
`#<Jekyll::Page @relative_path="path">`."""
from __future__ import annotations

from .rubystr import float_s, string_inspect, to_s

# DocumentDrop#to_h's first keys: its content methods, in the order Ruby 3.1 lists them
# (Jekyll 4.3.1's output: `{{ post.keys | jsonify }}`)
CONTENT_METHODS = ("name", "id", "relative_path", "excerpt", "title", "categories", "collection", "next", "tags",
                   "previous", "content", "output", "path", "url", "date")
_METHOD_KEYS = frozenset(CONTENT_METHODS)
_COLLAPSED = frozenset(("content", "output", "excerpt", "next", "previous"))  # NESTED_OBJECT_FIELD_BLACKLIST


def document_hash(drop, collapse: bool = False) -> dict:
    """DocumentDrop#hash_for_json: `collapse` (2 or more levels deep) gives previous and next
    as DocumentDrop#collapse_document makes them: without content, output, excerpt, previous, next."""
    values = _hash(drop, CONTENT_METHODS)
    if collapse:
        for key in ("previous", "next"):
            if values[key] is not None:
                values[key] = _hash(values[key], _KEPT)
    return values


_KEPT = tuple(key for key in CONTENT_METHODS if key not in _COLLAPSED)


def document_keys(drop) -> list:
    """DocumentDrop#keys (its to_h's keys, without their values): what Liquid's InputIterator
    yields for a document given to map, join, uniq, …, as Jekyll's Drop#each yields each key
    (and its value, which the one-argument block drops)."""
    keys = list(CONTENT_METHODS)
    if "draft" in drop:
        keys.append("draft")
    keys.extend(key for key in drop if key not in _METHOD_KEYS and key != "draft")
    return keys


_COLLECTION_KEYS = ["label", "files", "docs", "output", "relative_directory", "directory"]


def collection_keys(collection) -> list:
    """CollectionDrop#keys: its methods, then the collection's metadata keys from _config.yml (a
    permalink only when it has one: CollectionDrop has no permalink method)."""
    return _COLLECTION_KEYS + [key for key in collection if key not in _COLLECTION_KEYS
                               and (key != "permalink" or collection[key] is not None)]


def _hash(drop, methods) -> dict:
    values = {key: _method(drop, key) for key in methods}
    if "draft" in drop:  # (Document#initialize sets data["draft"] before anything else)
        values["draft"] = drop["draft"]
    for key, value in drop.items():
        if key not in _METHOD_KEYS and key not in values:
            values[key] = value
    return values


def _method(drop, key):
    if key in ("previous", "next"):
        siblings = drop.siblings
        return None if siblings is None else siblings[key == "next"]
    if key == "output":
        return drop.placed_output()
    if key == "excerpt":  # DocumentDrop#excerpt: fallback_data["excerpt"].to_s
        try:
            return to_s(drop["excerpt"])
        except KeyError:
            return ""
    if key == "content":
        try:
            return drop["content"]
        except KeyError:
            return None
    return drop.get(key)


def page_hash(drop, content=None) -> dict:
    """Page#to_liquid of a page's drop (`content`: in its place, the raw text its layouts read)."""
    if content is None and ("content" in drop or drop._lazy or drop._ordered):
        content = drop["content"]
    data = {key: drop[key] for key in _data_keys(drop)}
    if "excerpt" not in data and "excerpt" in drop._lazy:  # (page_excerpts: Page#excerpt, its PageExcerpt's output)
        data["excerpt"] = drop.own_excerpt()
    return page_data_hash(data, content=content, dir=drop.get("dir"),
                          name=drop.get("name"), path=drop.get("path"), url=drop.get("url"))


def page_data_hash(data, **attributes) -> dict:
    """Page#to_liquid: deep_merge_hashes(data, {content, dir, excerpt, name, path, url}): the
    page's data in order (a front matter `url:` keeps its place, with the page's own value), then
    the attributes it lacks; a nil attribute leaves the data's value (Page#excerpt is
    data["excerpt"].to_s when that is truthy, else nil: a front matter `excerpt: false` stays)."""
    values = dict(data)
    excerpt = values.get("excerpt")
    content = attributes["content"]
    values.update(content=values.get("content") if content is None else content, dir=attributes["dir"],
                  excerpt=excerpt if excerpt is None or excerpt is False else to_s(excerpt),
                  name=attributes["name"], path=attributes["path"], url=attributes["url"])
    return values


def page_size(drop) -> int:
    """Liquid's size of a page's to_liquid Hash: its data's keys and the attributes they lack."""
    keys = _data_keys(drop)
    return len(keys) + sum(key not in keys for key in ("content", "dir", "excerpt", "name", "path", "url"))


def _data_keys(drop) -> list:
    """The page's data keys, in order (a front matter `content:` is left out: Drop.set_content
    may add the key at the end)."""
    keys = [key for key in drop if key != "content"]
    end = _appended_at(keys)
    return keys[:end] + ["title"] * ("title" in keys[end:] and drop["title"] is not None)


# the keys drops.page_drop gives a page after its front matter's, in order (a key the front matter
# has keeps its place); of them only a title is data, and only when it is not nil
_APPENDED = ("title", "url", "path", "name", "output", "dir")


def _appended_at(keys: list) -> int:
    """Where the longest run at the end of a page drop's keys that page_drop appended starts."""
    end, last = len(keys), len(_APPENDED)
    while end and keys[end - 1] in _APPENDED[:last]:
        last = _APPENDED.index(keys[end - 1])
        end -= 1
    return end


def nested_inspect(drop) -> str:
    """The Ruby object an array holds, inspected."""
    if drop._document:
        return f"#<Jekyll::Document {drop.get('relative_path')} collection={drop.get('collection')}>"
    return f"#<Jekyll::Page @relative_path={string_inspect(str(drop.get('path')))}>"


def pretty_json(value, depth: int = 0) -> str:
    """JSON.pretty_generate of a value made ready for JSON (ruby._json_ready), as Ruby's json 2.6
    writes it: two-space indents, an empty array as `[` blank line `]`, an empty hash as `{` `}`."""
    import json  # here: only inspect needs it
    pad = "  " * depth
    if isinstance(value, dict):
        inner = ",\n".join(f"{pad}  {json.dumps(k, ensure_ascii=False)}: {pretty_json(v, depth + 1)}"
                           for k, v in value.items())
        return "{\n" + inner + ("\n" if inner else "") + pad + "}"
    if isinstance(value, list):
        inner = ",\n".join(f"{pad}  {pretty_json(v, depth + 1)}" for v in value)
        return "[\n" + inner + "\n" + pad + "]"
    if isinstance(value, float):
        return float_s(value)
    return json.dumps(value, ensure_ascii=False)


class CollectionHash(dict):
    """A collection in site.collections (a CollectionDrop in Jekyll): looked up as a dict, written
    as CollectionDrop#to_s, its docs' Array#inspect; no `size` (0)."""

    __slots__ = ()

    def ruby_to_s(self) -> str:
        from .rubystr import inspect
        return inspect(self.get("docs") or [])

    def ruby_size(self) -> int:
        return 0

    def ruby_inspect(self, nested: bool = False) -> str:
        """Drop#inspect, JSON.pretty_generate(to_h), inside an array too (SiteDrop#collections
        holds CollectionDrops): its docs are Documents, which JSON writes as their to_s."""
        from .ruby import _json_ready
        return pretty_json(_json_ready(self.json_hash()))

    def json_hash(self, collapse: bool = False) -> dict:
        """Drop#to_h as JSON writes it (jsonify's to_json, inspect's pretty_generate): its keys
        in CollectionDrop#keys' order, its docs as their to_s (a Document has no to_json)."""
        values = {key: self.get(key) for key in collection_keys(self)}
        values["docs"] = [to_s(doc) for doc in values["docs"] or ()]
        return values

    def ruby_keys(self) -> list:
        """CollectionDrop#keys: what a for loop or map over it yields (Drop#each)."""
        return collection_keys(self)
