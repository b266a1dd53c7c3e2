"""Jekyll's string filters (jekyll/lib/jekyll/filters.rb, utils.rb): escaping, words, slugs."""
from __future__ import annotations

import functools
import re
from urllib.parse import quote, quote_plus

from .ruby import _inspect, _to_s, _v
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
    """Addressable's normalize_component: spaces and non-ASCII %-encoded, reserved characters and
    existing %XX kept."""
    text = str(_v(value) or "")
    return quote(text, safe="!#$&'()*+,/:;=?@[]~-._%")


def number_of_words(value, mode=None):
    text = str(_v(value) or "")
    mode = _v(mode)
    if mode == "cjk":
        char, word = _cjk()
        return len(char.findall(text)) + len(word.findall(text))
    if mode == "auto":
        char, word = _cjk()
        cjk = len(char.findall(text))
        return len(text.split()) if cjk == 0 else cjk + len(word.findall(text))
    return len(text.split())


def array_to_sentence_string(value, connector="and"):
    value = _v(value)
    if isinstance(value, str):  # (Jekyll indexes a string: its characters, and `[0...-1].join` fails)
        if len(value) > 2:
            from liquid.exceptions import FilterValueError
            raise FilterValueError(f"array_to_sentence_string: undefined method `join' for a string "
                                   f"({_inspect(value)}): give it an array", token=None)
        value = list(value)
    items = [_to_s(x) for x in (value if isinstance(value, (list, tuple)) else ([] if value is None else [value]))]
    connector = _to_s(_v(connector)) if _v(connector) is not None else "and"
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return f"{items[0]} {connector} {items[1]}"
    return f"{', '.join(items[:-1])}, {connector} {items[-1]}"


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
        return text if cased else text.lower()
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
    return slug if cased else slug.lower()


def smartify(value):
    """Jekyll's smartify (smartypants.smartify) of the value's to_s; nil is ""."""
    from .smartypants import smartify as smarty
    value = _v(value)
    return smarty(to_s(value) if value is not None else "")


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
