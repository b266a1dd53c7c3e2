"""YAML loaded safely and read as Jekyll's Psych reads it (its scalars: ints with `_`/`,`, base 60,
floats, timestamps, Ruby symbols), each mapping and list remembering the lines of its keys and
items for diagnostics at file:line; a document whose aliases would expand past MAX_EXPANDED
values is refused (a "billion laughs" bomb)."""
from __future__ import annotations

import datetime as dt
import functools
import re

from . import lean_imports
from .yamlblock import MAP, block_document
from .yamlfast import simple_mapping
from .yamltags import VALUE_TAG, install as install_psych_tags, is_merge_key, merge_into, put_key


_FLOW_OPENERS = {"while parsing a flow sequence": ("[", "]", "list"),
                 "while parsing a flow mapping": ("{", "}", "mapping")}
# what config and data files say about YAML that does not parse when the error itself says no more
YAML_HINT = "Correct the YAML at the line named: indent nested keys evenly, and quote values that contain ': '."


# what to do, by what the parser says (libyaml's words or PyYAML's): each hint only for its own error
_PROBLEM_HINTS = (
    ("mapping values are not allowed", "Quote values that contain ': ' (title: \"A: B\"); a nested key goes "
     "under a key that has no value of its own."),
    ("did not find expected key", "Indent the keys of one mapping alike, and quote a value that goes on after "
     "a closing quote (title: '\"A\" B')."),
    ("could not find expected ':'", "Write a ':' after the key, or indent a value's next line more than its key."),
    ("cannot start any token", "Quote a value that starts with '@', '`' or '%', and indent with spaces, not tabs."),
    ("did not find expected '-' indicator", "Indent the items of one list alike; a key cannot follow a list's items at their indent."),
    ("found a tab character", "Indent with spaces, not tabs."),
    # (18F/api-standards' `sass: style: :compressed`, which Jekyll 3 read and Jekyll 4.3.1 refuses)
    ("unspecified class: Symbol", "Write the value without its leading ':' (style: compressed), or quote it to "
     "keep the ':' as text (\":x\")."),
)


# a value that starts with Liquid: YAML reads `{{ x }}` as a flow mapping, and text after its `}}` does not parse
_LIQUID_HINT = ("Liquid does not run in YAML: a value that starts with '{{' is read as a mapping. Write the value "
                "itself (url: /playbooks/dira/), or quote it to keep the text as written (url: \"{{ site.baseurl }}/x/\").")


def problem_hint(problem: str) -> str | None:
    """The fix for one kind of YAML error, or None when there is nothing more to say than its words."""
    return next((hint for words, hint in _PROBLEM_HINTS if words in problem), None)


class YamlError(Exception):
    """Bad YAML with the 1-based line and column in the file it came from."""

    def __init__(self, message: str, line: int | None, column: int | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.hint = hint  # what to do about it, when the error says more than "invalid YAML"


class LineDict(dict):
    """A mapping loaded from YAML that remembers the line of each key (1-based, in its file)."""

    line: int = 0
    key_lines: dict = {}  # replaced per instance by the loader; read-only default


class HashKey(LineDict):
    """A mapping as a key (`published: {{ site.x }}` is a flow mapping whose one key is the mapping
    `{ site.x }`): Psych's Hash takes any object as a key, so Jekyll keeps the front matter; hashed
    by its items so that Python can too."""

    def __hash__(self):
        try:
            return hash(tuple(self.items()))
        except TypeError:  # (a list or mapping among its values)
            return hash(repr(self))


class LineList(list):
    line: int = 0
    item_lines: list


_UTC = dt.timezone.utc
_ZERO_OFFSET = dt.timezone(dt.timedelta(0), "+00:00")  # a zero offset that is not the UTC singleton


def _yaml():
    """PyYAML, imported when a text needs its parser: the plainest front matter does not, nor
    does a cached build's configuration and data, which the parse cache holds (yaml_memo.py);
    its non-printable class compiled the fast way (5 ms otherwise)."""
    lean_imports.yaml()
    import yaml
    return yaml


_SYMBOL_TAG = "tag:specsite,2026:ruby-symbol"
_SYMBOL = re.compile(r":.", re.S)  # (Psych's ScalarScanner: /^:./)
# Psych's float (ScalarScanner::FLOAT, base 60, inf and nan): a sign before `.5` too, and no '_'
# after the point (`1.5_0` is a string to Ruby, 1.5 to PyYAML's resolver); `-.` alone is a string
_PSYCH_FLOAT = re.compile(r"""^(?:[-+]?(?:[0-9][0-9_,]*)?\.[0-9]*(?:[eE][-+][0-9]+)?(?<![-+.]\.)(?<!^\.)
                          |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
                          |[-+]?\.(?:inf|Inf|INF)
                          |\.(?:nan|NaN|NAN))$""", re.X)
# Psych's integer (ScalarScanner::INTEGER and its base 60): ',' may group digits (`1,000` is 1000),
# and base 60 has one or two `:NN` groups, from any digit (`0:30`)
_PSYCH_INT = re.compile(r"""^(?:[-+]?0b[0-1_,]+
                        |[-+]?0[0-7_,]+
                        |[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)
                        |[-+]?0x[0-9a-fA-F_,]+
                        |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9]){1,2})$""", re.X)


# Psych's ScalarScanner::TIME and its date pattern: one-digit months, days and hours, an offset
# without a colon (`+0530`, as `jekyll new` writes a post's date) or of hours alone (`-8`)
_PSYCH_TIMESTAMP = re.compile(r"""^(?:-?\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?(?:\s*(?:Z|[-+]\d{1,2}:?(?:\d\d)?))?
                              |\d{4}-(?:1[012]|0\d|\d)-(?:[12]\d|3[01]|0\d|\d))$""", re.X)
_TIME_PARTS = re.compile(r"(\d+):(\d+):(\d+)(?:\.(\d*))?\s*(Z|[-+]\d+(?::\d\d)?)?")
_OFFSET_PARTS = re.compile(r"([+\-]?\d{1,2}):?(\d{1,2})?")


def psych_timestamp(text: str):
    """Psych's value of a timestamp scalar (ScalarScanner#parse_time, Date.strptime): a Date; a
    UTC time for `Z`; without an offset, that UTC instant in the local zone; else a time at its
    fixed offset (Ruby's arithmetic: `-0:30` is +00:30). ValueError for no calendar day."""
    day, clock = (re.split(r"[ tT]", text.strip(), maxsplit=1) + [""])[:2]  # (Ruby: split(/[ tT]/, 2))
    year, month, mday = (int(part) for part in re.match(r"(-?\d{4})-(\d{1,2})-(\d{1,2})", day).groups())
    if not clock:
        return dt.date(year, month, mday)
    found = _TIME_PARTS.search(clock)
    hour, minute, second = int(found.group(1)), int(found.group(2)), int(found.group(3))
    micro = int((found.group(4) or "").ljust(6, "0")[:6] or 0)
    value = dt.datetime(year, month, mday, hour, minute, second, micro)
    zone = found.group(5)
    if zone == "Z":
        return value.replace(tzinfo=_UTC)
    if zone is None:
        return _utc_as_local(value)
    hours, minutes = _OFFSET_PARTS.fullmatch(zone).groups()
    offset = int(hours) * 3600
    offset += -int(minutes or 0) * 60 if offset < 0 else int(minutes or 0) * 60
    return value.replace(tzinfo=dt.timezone(dt.timedelta(seconds=offset)) if offset else _ZERO_OFFSET)


def _psych_int(text: str) -> int:
    """Psych's value of an integer scalar: base 60 as its tokenize adds it up (each part's to_i
    times 60 ** |index - 2|: `1:30` is 5400, `1:30:45` 5445), else Integer() of the text without
    ',' and '_' (0b, 0x, a leading 0 for octal)."""
    if ":" in text:
        return sum(int(part.replace("_", "")) * 60 ** abs(index - 2) for index, part in enumerate(text.split(":")))
    text = text.replace(",", "").replace("_", "")
    sign, digits = (-1, text[1:]) if text[0] == "-" else (1, text.lstrip("+"))
    if digits[:2] in ("0b", "0x"):
        return sign * int(digits[2:], 2 if digits[1] == "b" else 16)
    if len(digits) > 1 and digits[0] == "0":
        return sign * int(digits, 8)
    return sign * int(digits)


def _utc_as_local(value: dt.datetime) -> dt.datetime:
    """Psych's parse_time of a time without an offset: `Time.at(Time.utc(...).to_i, us)`, that
    instant in UTC shown in the local zone (the site's `timezone:`), not a local wall-clock time."""
    try:
        return value.replace(tzinfo=_UTC).astimezone()
    except (ValueError, OverflowError):  # (year 1 or 9999: the C library cannot convert it)
        return value


@functools.cache  # one loader class per line offset: a pure function of an int
def _loader(line_offset: int):
    yaml = _yaml()

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when available: 5x faster
        pass

    def construct_mapping(loader, node, deep=False):
        result = LineDict()
        result.line = node.start_mark.line + 1 + line_offset
        result.key_lines = {}
        for key_node, value_node in node.value:
            if is_merge_key(key_node):  # (Psych's merge, in its place among the keys)
                merged = merge_into(result, value_node, loader.construct_object(value_node, deep=True))
                for key in merged:
                    result.key_lines[key] = key_node.start_mark.line + 1 + line_offset
                continue
            key = _key("=" if key_node.tag == VALUE_TAG else loader.construct_object(key_node, deep=True))
            if not isinstance(key, (str, int, float, bool, dt.date, tuple, HashKey)) and key is not None:
                raise yaml.constructor.ConstructorError(
                    None, None, "found an unhashable key", key_node.start_mark)
            put_key(result, key, loader.construct_object(value_node, deep=True), result.key_lines,
                    key_node.start_mark.line + 1 + line_offset)
        return result

    def construct_sequence(loader, node, deep=False):
        result = LineList(loader.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1 + line_offset
        result.item_lines = [child.start_mark.line + 1 + line_offset for child in node.value]
        return result

    def construct_timestamp(loader, node):
        text = loader.construct_scalar(node)
        try:
            return psych_timestamp(text)
        except (ValueError, OverflowError, AttributeError):  # 2019-02-30: not a date; the caller says so, at its line
            return text

    def construct_float(loader, node):
        if ":" in node.value:  # base 60 as Psych's tokenize adds it: each part's to_f * 60 ** |i - 2|
            parts = node.value.replace("_", "").replace(",", "").split(":")
            return sum(float(part) * 60 ** abs(index - 2) for index, part in enumerate(parts))
        if "," in node.value:  # (Psych drops ',' as it drops '_': `1,000.5` is 1000.5)
            node = yaml.ScalarNode(node.tag, node.value.replace(",", ""), node.start_mark, node.end_mark, node.style)
        return yaml.constructor.SafeConstructor.construct_yaml_float(loader, node)

    def construct_symbol(loader, node):
        raise yaml.constructor.ConstructorError(None, None, "Tried to load unspecified class: Symbol (a plain "
                                                f"'{node.value[:40]}' is a Ruby symbol, which Jekyll's YAML refuses)",
                                                node.start_mark)

    # Psych reads a plain scalar `:name` as a Symbol, which Jekyll's safe loading refuses: the
    # configuration and data files stop the build, front matter is dropped with a warning
    Loader.add_implicit_resolver(_SYMBOL_TAG, _SYMBOL, [":"])
    # Psych's float and integer in place of PyYAML's (the same first characters)
    psych = {"tag:yaml.org,2002:float": _PSYCH_FLOAT, "tag:yaml.org,2002:int": _PSYCH_INT,
             "tag:yaml.org,2002:timestamp": _PSYCH_TIMESTAMP}
    Loader.yaml_implicit_resolvers = {
        first: [(tag, psych.get(tag, regexp)) for tag, regexp in found]
        for first, found in Loader.yaml_implicit_resolvers.items()}
    Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
    Loader.add_constructor(_SYMBOL_TAG, construct_symbol)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, construct_sequence)
    Loader.add_constructor("tag:yaml.org,2002:timestamp", construct_timestamp)
    Loader.add_constructor("tag:yaml.org,2002:float", construct_float)
    install_psych_tags(Loader, yaml)
    Loader.construct_document = _construct_document(line_offset)
    if not Loader.yaml_path_resolvers:
        Loader.resolve = _resolver(Loader)
    return Loader


def _key(key):
    """A list as a key (`? [a, b]`: Psych's Hash takes any object) is kept as a tuple, which
    inspects and iterates as the list; a mapping as a HashKey."""
    if isinstance(key, dict) and not isinstance(key, HashKey):
        frozen = HashKey(key)
        frozen.line, frozen.key_lines = getattr(key, "line", 0), getattr(key, "key_lines", {})
        return frozen
    if isinstance(key, list):
        frozen = tuple(_key(item) for item in key)
        try:
            hash(frozen)
        except TypeError:
            return key
        return frozen
    return key


def _construct_int(loader, node):
    text = loader.construct_scalar(node)
    try:
        return _psych_int(text)
    except ValueError:  # (`!!int x`: Psych's Integer() raises too)
        raise _yaml().constructor.ConstructorError(None, None, f"invalid value for Integer(): {text!r}",
                                                   node.start_mark) from None


def _resolver(loader_class):
    """The resolver's `resolve` (called for every node) with each first character's implicit
    resolvers (and the wildcard ones) joined once, not at every scalar; the same tags."""
    yaml = _yaml()
    wildcard = tuple(loader_class.yaml_implicit_resolvers.get(None, ()))
    table = {first: tuple(found) + wildcard for first, found in loader_class.yaml_implicit_resolvers.items()}
    scalar_node, sequence_node = yaml.ScalarNode, yaml.SequenceNode
    scalar_tag = loader_class.DEFAULT_SCALAR_TAG
    sequence_tag, mapping_tag = loader_class.DEFAULT_SEQUENCE_TAG, loader_class.DEFAULT_MAPPING_TAG

    def resolve(loader, kind, value, implicit):
        if kind is scalar_node:
            if implicit[0]:
                for tag, regexp in table.get(value[:1], wildcard):
                    if regexp.match(value):
                        return tag
            return scalar_tag
        return sequence_tag if kind is sequence_node else mapping_tag
    return resolve


_STR, _MERGE, _VALUE = "tag:yaml.org,2002:str", "tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"


def _construct_document(line_offset: int):
    """The loader's construct_document, walking the nodes itself: a string is its node's value,
    a plain mapping or list is built here as the constructors above build it, anything else (and
    a mapping with merge keys) goes to the loader's constructors; an alias gets the object its
    anchor made (the loader's own table). The same values as construct_object's walk, a third of
    the time: its per-node bookkeeping (generators, recursion tables) was most of loading YAML."""
    yaml = _yaml()
    mapping_tag = yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG
    sequence_tag = yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG
    scalar_node, mapping_node, sequence_node = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode

    def construct_document(loader, root):
        made = loader.constructed_objects

        def build(node):
            kind = type(node)
            if kind is scalar_node and node.tag == _STR:
                return node.value
            if node in made:
                return made[node]
            if kind is mapping_node and node.tag == mapping_tag and not any(
                    key.tag in (_MERGE, _VALUE) or is_merge_key(key) for key, _ in node.value):
                result = LineDict()
                result.line = node.start_mark.line + 1 + line_offset
                lines = result.key_lines = {}
                for key_node, value_node in node.value:
                    key = _key(build(key_node))
                    if not isinstance(key, (str, int, float, bool, dt.date, tuple, HashKey)) and key is not None:
                        raise yaml.constructor.ConstructorError(
                            None, None, "found an unhashable key", key_node.start_mark)
                    put_key(result, key, build(value_node), lines, key_node.start_mark.line + 1 + line_offset)
            elif kind is sequence_node and node.tag == sequence_tag:
                result = LineList(build(child) for child in node.value)
                result.line = node.start_mark.line + 1 + line_offset
                result.item_lines = [child.start_mark.line + 1 + line_offset for child in node.value]
            else:
                return loader.construct_object(node, deep=True)
            made[node] = result
            return result

        try:
            return build(root)
        finally:
            loader.constructed_objects = {}
            loader.recursive_objects = {}
    return construct_document


def item_line(seq, index: int, default=None):
    """The line of item `index` of a YAML list, when it was loaded with lines."""
    lines = getattr(seq, "item_lines", None)
    if lines and index < len(lines):
        return lines[index]
    return getattr(seq, "line", default) or default


# Aliases are YAML (Jekyll's SafeYAML reads them: `<<: *defaults`), but a few lines of them can
# stand for billions of values ("billion laughs"), and whatever walks the value — a digest, a
# jsonify, a loop — would never end. A document may expand to this many values at most.
MAX_EXPANDED = 100_000


def _expanded_size(root, line_offset: int):
    """Count the values `root` stands for with its aliases expanded; raise YamlError at the line
    of the alias use that passes MAX_EXPANDED, or at an alias inside the value it names."""
    yaml = _yaml()
    sizes: dict = {}
    active: set = set()

    def size(node, mark) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise YamlError("invalid YAML: an alias refers to the value that contains it",
                            mark.line + 1 + line_offset, mark.column + 1)
        active.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            for child in node.value:
                total += size(child, child.start_mark if id(child) not in sizes else node.start_mark)
                _check(total, node.start_mark)
        elif isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                total += size(key_node, key_node.start_mark) + size(value_node, key_node.start_mark)
                _check(total, key_node.start_mark)
        active.discard(key)
        sizes[key] = total
        return total

    def _check(total, mark):
        if total > MAX_EXPANDED:
            raise YamlError(f"invalid YAML: its aliases (*name) expand to more than {MAX_EXPANDED:,} values; "
                            "write the values out, or use fewer aliases of aliases",
                            mark.line + 1 + line_offset, mark.column + 1)

    size(root, root.start_mark)


def bom_as_column(text: str) -> str:
    """Jekyll reads `_config.yml` and `_data` files without dropping a byte-order mark (no `bom|`
    in those File.read calls), and libyaml 0.2.5 skips the mark but counts it as a column: the
    first line is indented by one, so a block mapping or list ends at the first line in column 0
    (Psych returns what it read by then). A space in its place reads the same (compared with Psych)."""
    return " " + text[1:] if text.startswith("\ufeff") else text


def load_yaml(text: str, line_offset: int = 0):
    """Safe-load YAML; mappings become LineDicts. `line_offset` is added to every line."""
    entries = simple_mapping(text)  # the plainest front matter, without the parser (same result)
    if entries is not None:
        return _line_dict(entries, line_offset)
    tree = block_document(text)  # plain nested mappings and lists (a config, a sidebar): the same
    if tree is not None:
        try:
            return _built(tree, line_offset + 1)
        except RecursionError:
            pass  # nested deeper than the stack allows here: the loader reads it or words why not
    loader_class = _loader(line_offset)
    yaml = _yaml()
    try:
        loader = loader_class(text)
        try:
            # Psych.safe_load returns the stream's first document as soon as it is read (parse_stream
            # with a block that returns): what follows it (`---`, a `%YAML` line, anything) is never read
            node = loader.get_node() if loader.check_node() else None
            if node is None:
                return None
            if "*" in text:
                _expanded_size(node, line_offset)
            return loader.construct_document(node)
        finally:
            loader.dispose()
    except RecursionError:
        raise YamlError("invalid YAML: the values nest too deeply", line_offset + 1) from None
    except yaml.MarkedYAMLError as err:
        if err.context_mark and "quoted scalar" in (err.context or "") and "end of stream" in (err.problem or ""):
            mark = err.context_mark  # an unclosed quote: where it opens, not where the text ends
            raise YamlError("invalid YAML: this quoted value is never closed", mark.line + 1 + line_offset,
                            mark.column + 1, hint="Close the quote at the end of the value (a \" inside \"…\" is "
                            "written \\\", a ' inside '…' is written '').") from None
        opened = _FLOW_OPENERS.get(err.context or "")
        if err.context_mark and opened:
            mark = err.context_mark  # an unclosed [ or {: Psych points at where it opens, not where parsing gave up
            raise YamlError(f"invalid YAML: this '{opened[0]}' is never closed ({err.problem})", mark.line + 1 + line_offset,
                            mark.column + 1, hint=f"Close it with '{opened[1]}' where the {opened[2]} ends, or quote the "
                            f"value if the '{opened[0]}' is part of the text (title: \"{opened[0]}Draft{opened[1]} Notes\").") from None
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 + line_offset if mark else None
        column = mark.column + 1 if mark else None
        problem = err.problem or str(err)
        if err.context:
            problem = f"{problem} ({err.context})"
        hint = problem_hint(problem)
        if mark is not None and "{{" in (text.splitlines()[mark.line:mark.line + 1] or [""])[0]:
            hint = _LIQUID_HINT  # (idmanagement.gov's `url: {{ site.baseurl }}/playbooks/dira/`: Jekyll stops too)
        raise YamlError(f"invalid YAML: {problem}", line, column, hint=hint) from None
    except yaml.YAMLError as err:
        raise YamlError(f"invalid YAML: {err}", line_offset + 1) from None


def _line_dict(entries: list, line_offset: int) -> LineDict:
    """What the loader's constructors make of yamlfast.simple_mapping's entries."""
    result = LineDict()
    result.line = entries[0][2] + 1 + line_offset
    result.key_lines = {}
    for key, value, number in entries:
        line = number + 1 + line_offset
        if isinstance(value, list):
            value = LineList(value)
            value.line = line
            value.item_lines = [line] * len(value)
        result[key] = value
        result.key_lines[key] = line
    return result


def _built(tree, offset: int):
    """What the loader's constructors make of a yamlblock tree (`offset`: added to its 0-based lines)."""
    if type(tree) is not tuple:
        return tree
    kind, line, items = tree
    if kind == MAP:
        result = LineDict()
        result.key_lines = lines = {}
        for key, number, value in items:
            result[key] = _built(value, offset)
            lines[key] = number + offset
    else:
        result = LineList(_built(value, offset) for _, value in items)
        result.item_lines = [number + offset for number, _ in items]
    result.line = line + offset
    return result
