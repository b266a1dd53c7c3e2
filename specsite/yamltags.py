"""Where Psych (Jekyll's YAML, `Psych.safe_load(..., permitted_classes: [Date, Time], aliases: true)`)
builds other values than PyYAML's SafeLoader: merge keys (ToRuby#revive_hash), tags it does not
know, `!!set`, `!!omap`, `!!binary`, and base-60 floats. Installed on yamlpsych's loader class."""
from __future__ import annotations


MERGE_TAG, STR_TAG, VALUE_TAG = "tag:yaml.org,2002:merge", "tag:yaml.org,2002:str", "tag:yaml.org,2002:value"
_RUBY_TAGS = ("!ruby/", "tag:ruby.yaml.org,2002:")


def is_merge_key(node) -> bool:
    """Psych merges at a key `<<` whose tag is not an explicit !!str: a plain `<<` and a quoted
    '<<' too (Psych's node of a quoted scalar has no tag)."""
    if node.value != "<<" or type(node).__name__ != "ScalarNode":
        return False
    return node.tag == MERGE_TAG or (node.tag == STR_TAG and node.style in ("'", '"'))


def merge_into(result: dict, value_node, value):
    """ToRuby#revive_hash at a merge key: a mapping (or an alias of one) is `hash.merge!`d where the
    key stands (it overrides the keys before it, later keys override it); a list of mappings is
    merged last-to-first into one hash first; anything else — a scalar, a list, a list with a
    non-mapping in it — is kept as the plain key "<<" (merge! raised TypeError). Returns the keys
    it set."""
    kind = type(value_node).__name__
    if kind == "SequenceNode" and isinstance(value, list):
        if all(isinstance(item, dict) for item in value):
            merged: dict = {}
            for item in reversed(value):
                merged.update(item)
            result.update(merged)
            return list(merged)
    elif isinstance(value, dict):
        result.update(value)
        return list(value)
    result["<<"] = value
    return ["<<"]


def install(loader_class, yaml) -> None:
    """Psych's readings of tags on `loader_class` (a SafeLoader subclass)."""
    constructor = yaml.constructor

    def construct_unknown(loader, node):
        """A tag Psych has no class for is ignored: the value as if untagged (`!custom thing` is
        "thing", `!!python/x 1` is 1); a Ruby class tag is refused as safe_load refuses it."""
        tag = node.tag or ""
        if tag.startswith(_RUBY_TAGS):
            name = tag.split(":", 2)[-1] if tag.startswith("!ruby/") else tag.rsplit(":", 1)[-1]
            raise constructor.ConstructorError(None, None, f"Tried to load unspecified class: {name}", node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            implicit = loader.resolve(yaml.ScalarNode, node.value, (True, False)) if not node.style else STR_TAG
            node = yaml.ScalarNode(implicit, node.value, node.start_mark, node.end_mark, node.style)
        elif isinstance(node, yaml.SequenceNode):
            node = yaml.SequenceNode(loader.DEFAULT_SEQUENCE_TAG, node.value, node.start_mark, node.end_mark,
                                     node.flow_style)
        else:
            node = yaml.MappingNode(loader.DEFAULT_MAPPING_TAG, node.value, node.start_mark, node.end_mark,
                                    node.flow_style)
        return loader.construct_object(node, deep=True)

    def construct_set(loader, node):
        raise constructor.ConstructorError(None, None, "Tried to load unspecified class: Psych::Set", node.start_mark)

    def construct_omap(loader, node):
        """Psych::Omap is a Hash, made as ToRuby#visit_Psych_Nodes_Sequence makes it: each item's
        first child is a key and its last child the value (`map[accept(a.children.first)] = accept
        a.children.last`), so an item of several keys (`- name: :type` / `type: string`) gives its
        first key the last key's value, and the children between are never read (a `:type` there is
        no Symbol error); a scalar or empty item stops Psych (NoMethodError), and `!!omap` on a
        mapping is a class safe_load refuses."""
        if not isinstance(node, yaml.SequenceNode):
            raise constructor.ConstructorError(None, None, "Tried to load unspecified class: Psych::Omap",
                                               node.start_mark)
        result = {}
        for item in node.value:
            if isinstance(item, yaml.MappingNode) and item.value:
                first, last = item.value[0][0], item.value[-1][1]
            elif isinstance(item, yaml.SequenceNode) and item.value:
                first, last = item.value[0], item.value[-1]
            else:
                raise constructor.ConstructorError(
                    None, None, "an !!omap item that is no mapping or list of pairs (Psych stops: undefined "
                    "method 'first' for nil)", item.start_mark)
            result[loader.construct_object(first, deep=True)] = loader.construct_object(last, deep=True)
        return result

    def construct_binary(loader, node):
        """Psych's !!binary is the decoded bytes as a (binary) String."""
        return ruby_unpack_base64(loader.construct_scalar(node)).decode("utf-8", "replace")

    loader_class.add_constructor(None, construct_unknown)
    loader_class.add_constructor("tag:yaml.org,2002:set", construct_set)
    loader_class.add_constructor("tag:yaml.org,2002:omap", construct_omap)
    loader_class.add_constructor("tag:yaml.org,2002:binary", construct_binary)


_B64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}


def ruby_unpack_base64(text: str) -> bytes:
    """Ruby's String#unpack1("m"), which Psych's !!binary uses: lenient, never an error. Characters
    outside the alphabet are skipped; a '=' ends the text at a group's third or fourth place; a
    last group of two or three characters gives one or two bytes, of one character nothing
    (`!!binary ZZZ` is "e\x96" where base64.b64decode raised "Incorrect padding")."""
    out = bytearray()
    group = []
    for ch in text:
        value = _B64.get(ch)
        if value is None:
            if ch == "=" and len(group) >= 2:
                break
            continue
        group.append(value)
        if len(group) == 4:
            a, b, c, d = group
            out += bytes(((a << 2 | b >> 4) & 255, (b << 4 | c >> 2) & 255, (c << 6 | d) & 255))
            group = []
    if len(group) >= 2:
        a, b = group[0], group[1]
        out.append((a << 2 | b >> 4) & 255)
        if len(group) == 3:
            out.append((b << 4 | group[2] >> 2) & 255)
    return bytes(out)


class RubyKey:
    """A YAML key that a Python dict would take for another (true and 1, false and 0, 1 and 1.0
    are one key to Python, two to Ruby's Hash): the boolean or float kept apart, printed as Ruby
    prints it (its to_s is its inspect)."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __hash__(self):
        return hash(("ruby-key", self.value.__class__.__name__, self.value))

    def __eq__(self, other):
        if other.__class__ is RubyKey:
            return other.value.__class__ is self.value.__class__ and other.value == self.value
        return other.__class__ is self.value.__class__ and other == self.value

    def __liquid__(self):
        """What Liquid compares and prints: the boolean or float itself."""
        return self.value

    def __str__(self) -> str:
        if self.value.__class__ is bool:
            return "true" if self.value else "false"
        from .jekyll.rubystr import float_s
        return float_s(self.value)

    __repr__ = __str__


def put_key(result: dict, key, value, lines: dict | None = None, line=None) -> None:
    """result[key] = value as Ruby's Hash does it: a boolean or a float equal to a key of another
    class already there is a key of its own (RubyKey); an integer equal to such a key takes its
    place and the other becomes a RubyKey (in place: the order stays)."""
    if key.__class__ in (bool, int, float) and key in result:
        stored = next(k for k in result if k == key and k.__class__ is not RubyKey)
        if stored.__class__ is not key.__class__:
            if key.__class__ is int:  # (the integer stays a plain key: h[1] finds it)
                items = [(RubyKey(k) if k is stored else k, v) for k, v in result.items()]
                result.clear()
                result.update(items)
                if lines is not None and stored in lines:
                    lines[RubyKey(stored)] = lines.pop(stored)
            else:
                key = RubyKey(key)
    result[key] = value
    if lines is not None:
        lines[key] = line
