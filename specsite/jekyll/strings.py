"""Jekyll's string filters (jekyll/lib/jekyll/filters.rb, utils.rb): escaping, words, slugs."""
from __future__ import annotations

import functools
import re
from urllib.parse import quote_plus

from .addressable import _component
from .ruby import _inspect, _to_s, _v
from ..rubycase import ruby_downcase
from .rubystr import to_s

_CJK = "\u1100-\u11ff\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3040-\u30ff\u3190-\u319f" \
       "\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f"


@functools.lru_cache(maxsize=None)
def _cjk():
    """(one CJK character, a run of other non-space characters): compiled when first used, as
    these classes cost 9 ms to compile at start-up."""
    return re.compile(f"[{_CJK}]"), re.compile(f"[^{_CJK}\\s]+")



def xml_escape(value):
    """`&`, `<`, `>`, `"` and `'` as entities (Ruby's encode(xml: :attr)); nil is ''."""
    value = _v(value)
    if value is None:
        return ""
    return (to_s(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&apos;"))


def cgi_escape(value):
    """CGI.escape: spaces become '+', everything but letters, digits and `_.-~` is %-encoded."""
    return quote_plus(str(_v(value) or ""), safe="~")


def uri_escape(value):
    """Addressable::URI.normalize_component with its default class (reserved and unreserved
    characters kept): %XX sequences decoded first, the text NFKC-normalised (U+3000 is a space,
    `ǅ` is `Dž`, `①` is `1`), then every byte outside the class encoded (`%` alone is `%25`)."""
    if _v(value) is None:  # (normalize_component(nil) is nil)
        return None
    return _component(str(_v(value)), _URI_CLASS)


_URI_CLASS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"
                       ":/?#[]@!$&'()*+,;=")


_AWK_FIELD = re.compile(r"[^ \t\n\v\f\r]+")


def awk_split(text: str, limit: int = 0) -> list:
    """Ruby's `String#split(" ", limit)` (and `split` with no pattern): fields between runs of
    ASCII whitespace only (a U+3000 ideographic space or a no-break space is part of a word, where
    Python's str.split() splits); with a limit, the last field is the rest of the text as it is,
    and trailing whitespace short of the limit gives a last empty field (`"a b ".split(" ", 5)`)."""
    if limit == 1:
        return [text] if text else []
    parts, end = [], 0
    for field in _AWK_FIELD.finditer(text):
        if limit and len(parts) == limit - 1:
            parts.append(text[field.start():])
            return parts
        parts.append(field.group())
        end = field.end()
    if limit and end < len(text):
        parts.append("")
    return parts


def number_of_words(value, mode=None):
    text = str(_v(value) or "")
    mode = _v(mode)
    if mode == "cjk":
        char, word = _cjk()
        return len(char.findall(text)) + len(word.findall(text))
    if mode == "auto":
        char, word = _cjk()
        cjk = len(char.findall(text))
        return len(awk_split(text)) if cjk == 0 else cjk + len(word.findall(text))
    return len(awk_split(text))


def array_to_sentence_string(value, connector="and"):
    """Jekyll's: by `array.length`, "#{array[0]} #{connector} #{array[1]}" or
    "#{array[0...-1].join(", ")}, #{connector} #{array[-1]}" (join flattens nested lists, the
    last item prints its to_s; a nil connector is ""). A string is indexed by character and
    cannot join; a hash's [0] is nil; anything without a length is Ruby's NoMethodError."""
    from .ruby_types import no_method
    value, connector = _v(value), _v(connector)
    connector = to_s(connector)
    if isinstance(value, dict):  # Hash#length, Hash#[0] is nil, Hash#[0...-1] is nil
        count = len(value)
        if count > 2:
            raise no_method("join", None)
        return ["", "", f" {connector} "][count]
    if not isinstance(value, (str, list, tuple)):
        raise no_method("length", value)
    if isinstance(value, str) and len(value) > 2:
        raise no_method("join", value[:-1])
    items = list(value)
    if not items:
        return ""
    if len(items) == 1:
        return to_s(items[0])
    if len(items) == 2:
        return f"{to_s(items[0])} {connector} {to_s(items[1])}"
    return f"{', '.join(to_s(x) for x in _flat(items[:-1]))}, {connector} {to_s(items[-1])}"


def _flat(items):
    """Array#join's items: nested arrays flattened."""
    for item in items:
        if isinstance(item, (list, tuple)):
            yield from _flat(item)
        else:
            yield item


def normalize_whitespace(value):
    # (Ruby's \s and strip: ASCII whitespace only, a no-break space stays)
    return re.sub(r"[ \t\r\n\f\v]+", " ", to_s(value)).strip(" \t\r\n\f\v\0")  # (input.to_s: 0 is "0")


_SLUG_MODES = ("raw", "default", "pretty", "ascii", "latin")
# I18n::Backend::Transliterator::HashTransliterator::DEFAULT_APPROXIMATIONS (i18n 1.10), which
# Jekyll's slugify "latin" applies (I18n.transliterate): any other non-ASCII character is "?"
_LATIN_FROM = ('ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝàáâãäåçèéêëìíîïðñòóôõöøùúûüýÿĀā'
               'ĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩĪīĬĭĮįİıĴĵĶķĸĹĺĻļĽľĿ'
               'ŀŁłŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽž')
_LATIN_TO = ('AAAAAACEEEEIIIIDNOOOOOxOUUUUYaaaaaaceeeeiiiidnoooooouuuuyyAa'
             'AaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiJjKkkLlLlLlL'
             'lLlNnNnNnOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZz')
_LATIN = {**{ord(k): v for k, v in zip(_LATIN_FROM, _LATIN_TO)},
           **{ord(k): v for k, v in {'Æ': 'AE', 'Þ': 'Th', 'ß': 'ss', 'æ': 'ae', 'þ': 'th', 'Ĳ': 'IJ', 'ĳ': 'ij', 'ŉ': "'n",
                                         'Ŋ': 'NG', 'ŋ': 'ng', 'Œ': 'OE', 'œ': 'oe'}.items()}}


def _slug_chars(mode: str):
    if mode == "raw":
        return lambda ch: ch.isspace()
    if mode == "ascii":
        return lambda ch: not (ch.isascii() and ch.isalnum())
    keep = "._~!$&'()+,;=@" if mode == "pretty" else ""
    from unicodedata import category  # (a shared library: loaded by the first slugify, not by every build)

    def replaced(ch):  # [^\p{M}\p{L}\p{Nd}] (+ the pretty characters)
        return category(ch)[0] not in "ML" and category(ch) != "Nd" and ch not in keep
    return replaced


def slugify(value, mode=None, cased=False):
    """Utils.slugify: runs of characters the mode does not keep become one '-', the ends are
    trimmed, the result is lower case unless `cased`."""
    value, mode = _v(value), _v(mode)
    if value is None:
        return None
    text = str(value)
    mode = mode or "default"
    if mode not in _SLUG_MODES:
        return text if cased else ruby_downcase(text)
    if mode == "latin":
        text = "".join(ch if ch.isascii() else _LATIN.get(ord(ch), "?") for ch in text)
    replaced = _slug_chars(mode)
    out, run = [], False
    for ch in text:
        if replaced(ch):
            if not run:
                out.append("-")
            run = True
        else:
            out.append(ch)
            run = False
    slug = "".join(out)
    slug = slug[1:] if slug.startswith("-") else slug
    slug = slug[:-1] if slug.endswith("-") else slug
    return slug if cased else ruby_downcase(slug)


def smartify(value, *, quotes: tuple | None = None):
    """Jekyll's smartify (smartypants.smartify) of the value's to_s; nil is "". `quotes`: the
    site's kramdown smart_quotes, when not the default."""
    from .smartypants import smartify as smarty
    value = _v(value)
    return ascii_entities(value, smarty(to_s(value) if value is not None else "", quotes))


def ascii_entities(value, converted: str) -> str:
    """kramdown's entity_to_str in a US-ASCII document: `to_s` of a number, or the inspect of a
    list or hash whose first item's (key's) inspect is one (Array#inspect takes its encoding),
    cannot hold “ or —, so kramdown writes them as numeric entities (&#8220;); a string's
    converted text (UTF-8) keeps the characters."""
    if value is None or value.__class__ is str or converted.isascii() or not _us_ascii(value) \
            or not to_s(value).isascii():
        return converted
    return "".join(ch if ch.isascii() else f"&#{ord(ch)};" for ch in converted)


def _us_ascii(value) -> bool:
    """Whether Ruby's inspect of `value` is a US-ASCII string (a String's is UTF-8)."""
    if isinstance(value, str):
        return False
    if isinstance(value, (list, tuple)):
        return not value or _us_ascii(_v(value[0]))
    if isinstance(value, dict):
        return not value or _us_ascii(next(iter(value)))
    return True


def strip_index(value):
    value = _v(value)
    if value is None or str(value) == "":
        return value
    return re.sub(r"/index\.html?$", "/", str(value))


def append(value, suffix):
    """Liquid's `input.to_s + string.to_s` (an array's to_s is its inspect)."""
    return to_s(value) + to_s(suffix)


def prepend(value, prefix):
    return to_s(prefix) + to_s(value)


def to_integer(value):
    value = _v(value)
    if value is True:
        return 1
    if value is False or value is None:
        return 0
    match = re.match(r"\s*[-+]?\d+", str(value))
    return int(match.group(0)) if match else 0


# -- Ruby's to_s, inspect and to_json -------------------------------------------------------------

def inspect_(value):
    """xml_escape(input.inspect), with Ruby's inspect."""
    return xml_escape(_inspect(value))
