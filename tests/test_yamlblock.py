"""yamlblock.block_document (frontmatter.load_yaml's parser-free path for nested block YAML: a
_config.yml, a sidebar, front matter over several lines) gives exactly what the YAML loader
gives wherever it answers: values, their types, key order and every line kept, on random
documents (nesting, lists at their key's indentation, comments, blank lines, plain scalars over
several lines, odd indentation, characters the loader treats specially) and on every YAML file
and front matter of the fixtures."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from specsite import frontmatter
from specsite.frontmatter import YamlError
from specsite.yamlblock import block_document
from test_yamlfast import _WORDS, _shape

FIXTURES = Path(__file__).resolve().parent / "fixtures"
_KEYS = ["title", "url", "output", "folders", "items", "a b", "allowed-tags", "x.y", "_k", "k2", "yes", "On",
         "null", "n", "404", "1.5", "2020-01-01", "0x1", "012", "a/b", "Z", "Worker:-jobs", "a-(with-SSL)", "a:",
         "a:b:c", "k [1]", "a,b", "x" * 130, "é", "Author's", "a#b", "a ", "1.", "6.25"]
_MORE_WORDS = ["127.0.0.1", "1.0", "1.", ".5", ".inf", "0o7", "012", "1_000", "12:30", "1:2:3", "2020-01-01",
               "2020-1-1 1:00:00", "6.0", "3.0.1", "v1.2", "10px", "1e5", "1.0e+5", "0", "00", "9", "(a)", "$x",
               "_x", "search...", "...", ".hidden/", "a: b", "a:", "é", "Ääkköset ja ö", "web, pdf",
               "https://a.b/c", "/x.html", "-", "- a", "#x", "a #b", "a#b", "'q'", '"q"', '"a\\nb"', "'it''s'",
               "[a, b]", "[]", "[a, [b]]", "{a: 1}", "&x a", "*x", "&y 1.5", "*y", "&x 'q'", "&x [a]", "&x",
               "&x-_1 v # c", "*x-_1", "*z", "&xé a", "*x b", "&x &y a", "!t a", "|", ">", "@x", "`x`", "%x", "?x",
               "~", "true", "No", "OFF", "a\u00a0b", "a\tb", "1.25", "01.5", "1.0e5", "1.2.3", "[dm+d, x]", "[_pages]",
               "[a+, +b]", "[7]", "x:y", "a:b: c", "1:20"]
_VALUES = _WORDS + _MORE_WORDS
_TYPICAL = ["Palvelusopimus 2008", "web, pdf", "/haka_liite_1.html", "homepage", "true", "4000", "127.0.0.1",
            "Haka", "https://wiki.eduuni.fi/x", "search...", "x.html", "6.0", "No results found.", "page", "A (b)"]


def _slow(text, offset):
    """The YAML loader's answer (both parser-free paths turned off)."""
    saved = frontmatter.simple_mapping, frontmatter.block_document
    frontmatter.simple_mapping = frontmatter.block_document = lambda text: None
    try:
        return frontmatter.load_yaml(text, offset)
    except YamlError as err:
        return ("error", err.message)
    finally:
        frontmatter.simple_mapping, frontmatter.block_document = saved


def _fast(text, offset):
    saved = frontmatter.simple_mapping
    frontmatter.simple_mapping = lambda text: None  # (the block path itself, on flat mappings too)
    try:
        return frontmatter.load_yaml(text, offset)
    finally:
        frontmatter.simple_mapping = saved


def _scalar(rng) -> str:
    value = rng.choice(_VALUES) if rng.random() < 0.3 else rng.choice(_TYPICAL)
    if rng.random() < 0.1 and value and value[0].isalnum():  # over several lines
        value += "\n" + " " * rng.randrange(0, 6) + rng.choice(_TYPICAL + _VALUES[:20])
    if rng.random() < 0.1:
        value += rng.choice([" # c", "  #c", "#c", " ", "  "])
    return value


def _node(rng, indent: int, depth: int, lines: list, key_line: bool) -> None:
    """Lines of a random mapping or list at `indent` (appended to `lines`)."""
    if rng.random() < 0.4:
        for _ in range(rng.randrange(1, 4)):
            _value(rng, indent, depth, lines, indent * " " + "-", entry=True)
    else:
        for _ in range(rng.randrange(1, 4)):
            key = rng.choice(_KEYS) if rng.random() < 0.3 else rng.choice(_KEYS[:6])
            _value(rng, indent, depth, lines, indent * " " + key + rng.choice([":", ":", ":", " :"]), entry=False)
    if rng.random() < 0.1:
        lines.append(rng.choice(["", "  ", "# comment", "   # c", "---", "..."]))


def _block_scalar(rng, indent: int, lines: list, head: str) -> None:
    """A literal or folded block scalar: its header, then lines as deep as its first, deeper,
    shallower, blank (some with spaces), a comment-like line, a list-like line."""
    lines.append(head + " " + rng.choice(["|", ">", "|-", ">-", "|+", ">+", "> # c", "|  ", "|2", ">1-", "|x"]))
    depth = indent + rng.choice([1, 2, 2, 2, 4, 0])
    for _ in range(rng.randrange(0, 6)):
        lines.append(rng.choice([
            " " * depth + rng.choice(_TYPICAL), " " * depth + rng.choice(_TYPICAL), " " * (depth + rng.choice([1, 2, 3])) + "x y",
            "", " " * rng.randrange(0, 8), " " * depth + "# not a comment", " " * depth + "- item", " " * depth + "k: v",
            " " * max(0, depth - 1) + "shallower"]))


def _value(rng, indent: int, depth: int, lines: list, head: str, entry: bool) -> None:
    kind = rng.random()
    if kind > 0.92:
        _block_scalar(rng, indent, lines, head)
        return
    if depth < 4 and kind < 0.35:
        lines.append(head + rng.choice(["", "", " ", " # c"]))
        if rng.random() < 0.05:
            lines.append(rng.choice(["", "# c"]))
        step = rng.choice([2, 2, 2, 4, 1, 0, 3]) if not entry else rng.choice([2, 2, 4, 1, 0])
        _node(rng, indent + step, depth + 1, lines, False)
    elif depth < 4 and kind < 0.5:
        # a mapping on the list item's line, or a key's value on its own line
        if entry:
            space = rng.choice([" ", " ", "   "])
            column = len(head) + len(space)
            key = rng.choice(_KEYS[:6])
            sub: list = []
            _value(rng, column, depth + 1, sub, key + ":", entry=False)
            lines.append(head + space + sub[0].lstrip(" "))
            lines.extend(sub[1:])
            for _ in range(rng.randrange(0, 3)):
                _value(rng, column + rng.choice([0, 0, 0, 1, -1]), depth + 1, lines,
                       (column + rng.choice([0, 0, 0, 1, -1])) * " " + rng.choice(_KEYS[:6]) + ":", entry=False)
        else:
            lines.append(head + " " + _scalar(rng))
    else:
        text = _scalar(rng)
        first, *more = text.split("\n")
        lines.append(head + rng.choice([" ", " ", "  "]) + first)
        for line in more:  # a continuation: as deep as the value's collection, deeper, or not
            lines.append(" " * max(0, indent + rng.choice([1, 2, 2, 4, 0, -1])) + line.lstrip(" "))


def _document(rng) -> str:
    lines: list = []
    if rng.random() < 0.1:
        lines.append(rng.choice(["---", "--- # c", "---  ", "# a comment", "", "  "]))
    _node(rng, rng.choice([0, 0, 0, 0, 1, 2]), 0, lines, False)
    return "\n".join(lines) + rng.choice(["", "\n", "\n\n"])


def test_block_documents_match_the_loader_on_random_documents():
    rng = random.Random(2026)
    answered = nested = blocks = 0
    header = re.compile(r"(?:: |- )[|>][+-]?(?: |$)", re.M)
    for _ in range(40000):
        text, offset = _document(rng), rng.randrange(3)
        if block_document(text) is None:
            continue
        answered += 1
        nested += "\n " in text
        blocks += header.search(text) is not None
        assert _shape(_fast(text, offset)) == _shape(_slow(text, offset)), text
    # many nested documents it reads, many with block scalars
    assert answered > 9000 and nested > 4000 and blocks > 1000, (answered, nested, blocks)


def _named(rng, text: str) -> str:
    """`text` with some of its values named (`&aN value`) and some later ones aliases of a name
    given before (`*aN`), or of one not given, or named twice."""
    lines, names = [], []
    for line in text.split("\n"):
        head, sep, value = line.partition(": ") if ": " in line else line.partition("- ")
        if sep and value and rng.random() < 0.4:
            if names and rng.random() < 0.5:
                value = "*" + rng.choice(names * 4 + ["nope"]) + rng.choice(["", "", "", " # c", " x"])
            else:
                names.append(rng.choice(["a", "a-1", "b_2", "c"]) + str(len(names) if rng.random() < 0.95 else 0))
                value = "&" + names[-1] + rng.choice([" ", " ", "  "]) + value
        lines.append(head + sep + value)
    return "\n".join(lines)


def test_named_scalars_and_aliases_match_the_loader_on_random_documents():
    rng = random.Random(14)
    answered = aliased = 0
    for _ in range(10000):
        text, offset = _named(rng, _document(rng)), rng.randrange(3)
        if block_document(text) is None:
            continue
        answered += 1
        aliased += ": *" in text or "- *" in text
        assert _shape(_fast(text, offset)) == _shape(_slow(text, offset)), text
    assert answered > 2000 and aliased > 100, (answered, aliased)  # (a sidebar-like document: few)


def _fixture_texts():
    for path in sorted(FIXTURES.rglob("*")):
        if path.suffix in (".yml", ".yaml") and path.is_file():
            yield path, path.read_text(encoding="utf-8", errors="replace"), 0
        elif path.suffix in (".md", ".html", ".markdown") and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            if text.startswith("---\n") and "\n---" in text[3:]:
                yield path, text[4:text.index("\n---", 3) + 1], 1


def test_block_documents_match_the_loader_on_the_fixtures():
    answered = 0
    for path, text, offset in _fixture_texts():
        if block_document(text) is None:
            continue
        answered += 1
        assert _shape(_fast(text, offset)) == _shape(_slow(text, offset)), path
    assert answered > 40


@pytest.mark.parametrize("text", [
    "entries:\n- title: sidebar\n  #product: x\n  folders:\n  - title: A 2008\n    output: web, pdf\n"
    "    folderitems:\n\n    - title: Jäsen\n      url: /a.html\n\n      subfolders:\n      - title: L\n",
    "host: 127.0.0.1\nport: 4000\nexclude:\n  - .idea/\n  - Gemfile\ndefaults:\n  -\n    scope:\n      path: \"\"\n"
    "    values:\n      layout: \"page\"\nsidebars:\n- home_sidebar\n",
    "title: x\nsummary: This is\n  over two lines \n", "# only a note\nallowed-tags:\n",
    "---\nhost: 127.0.0.1\n", "topnav:\n- title: Topnav\n  items:\n    - title: Haka\n      external_url: https://a.b/c\n\n"])
def test_typical_config_and_data_are_read_without_the_loader(text):
    assert block_document(text) is not None
    assert _shape(_fast(text, 1)) == _shape(_slow(text, 1))


@pytest.mark.parametrize("text", [
    "a: .5\n", "a: 1.5e+3\n", "a: 012\n", "a: 2020-01-01\n", "a: &x\n  b: c\nd: *x\n", "a: *x\n", "a: &x b\nc: &x d\n",
    "a: &x [b]\nc: *x\n", "a: *x\nb: &x c\n", "a:\n\tb: c\n", "a: 'it''s'\n",
    "a: \"x\\ty\"\n", "a: |2\n   x\n", "a: >1-\n  x\n", "a: |x\n  y\n", "a: |\n    \n  x\n", "a: b\n c: d\n", "- - a\n", "a:\n  b\n", "a: x\n\n  y\n", "a: x\n# c\n  y\n", "a: b\n---\nc: d\n", "--- a: b\n",
    "a: {b: c}\n", "? a\n: b\n", "a: b: c\n", "a: b\n  - c\n", "", "# nothing\n"])
def test_what_needs_the_loader_is_left_to_it(text):
    assert block_document(text) is None


@pytest.mark.parametrize("text", [
    "something: &hello Greetings earthling!\nmyref: *hello\n", "- &n 12\n- *n\n- x: *n\n", "a: &q 'x y' # c\nb: [c]\nd: *q\n",
    "a: &long a plain\n  over two lines\nb:\n  - *long\n"])
def test_a_named_scalar_and_its_alias_are_read_as_the_loader_reads_them(text):
    assert block_document(text) is not None  # (ontowiki-docs' _data/samplelist.yml: no PyYAML for it)
    assert _shape(_fast(text, 2)) == _shape(_slow(text, 2))


@pytest.mark.parametrize("text", [
    "feedback: > \n  This is my feedback.\n  Even if I include linebreaks here,\n    \nblock: |\n    Preserved. \n"
    "    Helpful for code,\n       white spacing.",  # (ontowiki-docs' _data/samplelist.yml)
    "description: >- # this means to ignore newlines\n  A site\n  about things.\nbaseurl: \"\"\n",  # (a theme's config)
    "a: |\n  x\n   y\n\n  z\nb: 1\n", "a: >\n  x\n  y\n\n  z\n   w\n  v\nb: 1\n", "a: |+\n  x\n\n\nb: 1\n",
    "- |\n a\n- >\n b\n c\n", "a:\n  b: |\n    x\n    # kept\n  c: 1\n", "a: |\nb: 1\n", "a: &n >\n  x\nb: *n\n"])
def test_a_block_scalar_is_read_as_the_loader_reads_it(text):
    assert block_document(text) is not None  # (no PyYAML for a `description: >-` of a config)
    assert _shape(_fast(text, 1)) == _shape(_slow(text, 1))


@pytest.mark.parametrize("key", ["k" * 1024, "a:b" + "k" * 1021, "x" + "é" * 1023])
def test_a_key_of_1024_characters_is_read_and_one_longer_refused_as_by_the_loader(key):
    for text in (key + ": 1\n", "x:\n  " + key + ": 1\n", "- " + key + ": 1\n"):
        assert block_document(text) is not None
        assert _shape(_fast(text, 0)) == _shape(_slow(text, 0))
        longer = text.replace(key, key + "k")
        assert block_document(longer) is None
        with pytest.raises(YamlError):
            frontmatter.load_yaml(longer, 0)


def test_hundreds_of_nested_levels_go_to_the_loader():
    deep = "".join(" " * i + "a:\n" for i in range(600)) + " " * 600 + "b: 1\n"
    assert block_document(deep) is None
    value = frontmatter.load_yaml(deep, 0)
    for _ in range(600):
        value = value["a"]
    assert value == {"b": 1}


def test_the_flat_front_matter_path_refuses_a_key_the_loader_refuses():
    from specsite.yamlfast import simple_mapping
    assert simple_mapping("k" * 1024 + ": 1\n") == [("k" * 1024, 1, 0)]
    assert simple_mapping("k" * 1025 + ": 1\n") is None
