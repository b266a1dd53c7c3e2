"""yamlfast.simple_mapping (the parser-free front matter path of frontmatter.load_yaml) gives
exactly what the YAML loader gives: values, their types, key order and every line kept."""
import random

import pytest

from specsite import frontmatter
from specsite.frontmatter import LineDict, LineList, YamlError
from specsite.yamlfast import simple_mapping

_KEYS = ["title", "tags", "_x", "a-b", "yes", "On", "null", "n", "y", "NULL", "key1", "Title", "<<", "a b", "1"]
_SEPS = [": ", ":  ", ":", ":\t", " : ", ": \t"]
_CHARS = list("aZ09 _.,/-:#'\"\\[]{}&*!|>%@`~?=+\t") + ["é", "—", "\u2028", "\x85", "\xa0", "\ufeff", "\x07", "😀"]
_WORDS = ["plain", "Two words", "a, b", "a - b", "x.html", "yes", "No", "OFF", "null", "Null", "~", "true",
          "1", "1.0", "0x1F", ".inf", "NaN", ".nan", "2020-01-01", "2020-01-01 10:00:00", "-x", "a: b", "a #c",
          "a#c", "'it''s'", '"a\\"b"', '"q"', "'s'", '""', "''", "[]", "[ ]", "[a, b]", "[a,b ]", "[a, yes]",
          "[a,]", "['a', \"b\"]", "[\"a]\"]", "[a, [b]]", "[1, a]", "{a: b}", "&a x", "*a", "!!str x", "|", ">",
          "e.g. a/b", "a  b", "A", "_a", "é", "x ", "- a", "a,", "?", "%x", "@x", "`x`",
          # plain values of more kinds: from '/', with any printable character, booleans, nulls, integers
          "/x/", "/", "//a", "/a b: c", "/a #b", "/a#b", "/tag_x/", "Haka – x", "über", "a (b) [c] {d}", "a | b",
          "A & B", "it's", 'a "q" b', "x:y", "x :y", "x:", "http://a.b/c?d=e&f", "C#", "a ! & * % @ ` ~ ? = + \\ ;",
          "a 😀", "a\u00a0b", "True", "FALSE", "on", "Off", "n", "Y", "NULL", "~", "", "0", "12", "007", "1_000", "-1",
          "+1", "1e3", "12:30", "0x1F", "08", "3.", "a\tb", "a\x85b", "a\ufeffb", "a\u2028b"]


def _slow(text, offset):
    """The YAML loader's answer (the fast path turned off)."""
    saved = frontmatter.simple_mapping
    frontmatter.simple_mapping = lambda text: None
    try:
        return frontmatter.load_yaml(text, offset)
    except YamlError as err:
        return ("error", err.message)
    finally:
        frontmatter.simple_mapping = saved


def _shape(value):
    """Everything the callers can see of a loaded value."""
    if isinstance(value, LineDict):
        return ("dict", value.line, [(k, type(k), _shape(v)) for k, v in value.items()], dict(value.key_lines))
    if isinstance(value, LineList):
        return ("list", value.line, value.item_lines, [_shape(v) for v in value])
    return (type(value), value)


def _random_value(rng):
    if rng.random() < 0.8:
        return rng.choice(_WORDS)
    quote = rng.choice(['"', "'", "", "[", ""])
    inner = "".join(rng.choice(_CHARS) for _ in range(rng.randrange(6)))
    return quote + inner + {"[": "]"}.get(quote, quote)


def _random_document(rng):
    lines = []
    for _ in range(rng.randrange(1, 5)):
        if rng.random() < 0.05:
            lines.append(rng.choice(["", "  ", "# comment", "---", "  indented: x"]))
            continue
        key = rng.choice(_KEYS) if rng.random() < 0.2 else rng.choice(["title", "tags", "_x", "a-b", "n"])
        sep = rng.choice(_SEPS) if rng.random() < 0.2 else ": "
        lines.append(key + sep + _random_value(rng) + rng.choice(["", "", " ", "  "]))
    return "\n".join(lines) + rng.choice(["", "\n", "\n\n"])


def test_simple_mapping_matches_the_loader_on_random_documents():
    rng = random.Random(14)
    fast_paths = 0
    for _ in range(20000):
        text, offset = _random_document(rng), rng.randrange(3)
        entries = simple_mapping(text)
        if entries is None:
            continue
        fast_paths += 1
        assert _shape(frontmatter.load_yaml(text, offset)) == _shape(_slow(text, offset)), text
    assert fast_paths > 1500  # the comparison covered many documents the fast path takes


@pytest.mark.parametrize("text", [
    'title: "Consuming Immunization"\nkeywords: scheduling, immunization, consumption\n'
    "tags: [scheduling, consumption]\nsidebar: scheduling_sidebar\npermalink: a_b.html\n",
    "\n\ntitle: x\n", "title: x\ntitle: y\n", "tags: []\n", "a: 'é — x'\n"])
def test_simple_mapping_matches_the_loader_on_typical_front_matter(text):
    assert simple_mapping(text) is not None
    assert _shape(frontmatter.load_yaml(text, 1)) == _shape(_slow(text, 1))
