"""Jekyll's Liquid filters with Jekyll's semantics (jekyll/lib/jekyll/filters*.rb, utils.rb)."""
from __future__ import annotations

import datetime as dt
import functools
import io
import json
import random
import re
import unicodedata
from urllib.parse import quote, quote_plus

from liquid.filter import with_context
from liquid.undefined import is_undefined

_CJK = "\u1100-\u11ff\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3040-\u30ff\u3190-\u319f" \
       "\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f"


@functools.lru_cache(maxsize=None)
def _cjk():
    """(one CJK character, a run of other non-space characters): compiled when first used, as
    these classes cost 9 ms to compile at start-up."""
    return re.compile(f"[{_CJK}]"), re.compile(f"[^{_CJK}\\s]+")


def _v(value):
    """Liquid's undefined is Ruby's nil."""
    return None if is_undefined(value) else value


# -- dates ----------------------------------------------------------------------------------------

def _date(value):
    """Liquid::Utils.to_date: a datetime from a date, a time, a date string, a Unix time or 'now'."""
    value = _v(value)
    if isinstance(value, dt.datetime):
        return value.astimezone().replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return dt.datetime.fromtimestamp(value)
    if isinstance(value, str):
        text = value.strip()
        if text in ("now", "today"):
            return dt.datetime.now()
        if text.isdigit():
            return dt.datetime.fromtimestamp(int(text))
        from .jekyll import to_date
        found = to_date(text)
        if found is not None:
            return found
        for fmt in ("%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%a, %d %b %Y %H:%M:%S %z",
                    "%Y/%m/%d", "%d/%m/%Y"):
            try:
                parsed = dt.datetime.strptime(text, fmt)
            except ValueError:
                continue
            return parsed.astimezone().replace(tzinfo=None) if parsed.tzinfo else parsed
    return None


def _ordinal(day: int) -> str:
    if 11 <= day <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _stringify_date(value, month: str, type_=None, style=None):
    value = _v(value)
    if value is None or value == "":
        return value
    date = _date(value)
    if date is None:
        return value
    if type_ == "ordinal":
        day = f"{date.day}{_ordinal(date.day)}"
        if style == "US":
            return f"{date.strftime(month)} {day}, {date.year}"
        return f"{day} {date.strftime(month)} {date.year}"
    return f"{date.day:02d} {date.strftime(month)} {date.year}"


def date_to_string(value, type_=None, style=None):
    """'27 Jan 2011'; 'ordinal' gives '27th Jan 2011', with 'US' 'Jan 27th, 2011'."""
    return _stringify_date(value, "%b", _v(type_), _v(style))


def date_to_long_string(value, type_=None, style=None):
    return _stringify_date(value, "%B", _v(type_), _v(style))


def _local(date: dt.datetime) -> dt.datetime:
    return date.astimezone() if date.tzinfo is None else date


def date_to_xmlschema(value):
    value = _v(value)
    date = _date(value)
    return value if date is None else _local(date).replace(microsecond=0).isoformat()  # Time#xmlschema


def date_to_rfc822(value):
    value = _v(value)
    date = _date(value)
    return value if date is None else _local(date).strftime("%a, %d %b %Y %H:%M:%S %z")


# -- strings --------------------------------------------------------------------------------------

def xml_escape(value):
    """`&`, `<`, `>`, `"` and `'` as entities (Ruby's encode(xml: :attr)); nil is ''."""
    value = _v(value)
    if value is None:
        return ""
    return (str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
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
    return re.sub(r"\s+", " ", str(_v(value) or "")).strip()


_SLUG_MODES = ("raw", "default", "pretty", "ascii", "latin")


def _slug_chars(mode: str):
    if mode == "raw":
        return lambda ch: ch.isspace()
    if mode == "ascii":
        return lambda ch: not (ch.isascii() and ch.isalnum())
    keep = "._~!$&'()+,;=@" if mode == "pretty" else ""

    def replaced(ch):  # [^\p{M}\p{L}\p{Nd}] (+ the pretty characters)
        return unicodedata.category(ch)[0] not in "ML" and unicodedata.category(ch) != "Nd" and ch not in keep
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
        text = "".join(ch if ch.isascii() else (
            unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode() or "?") for ch in text)
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
    text = str(_v(value) or "")
    text = text.replace("---", "\u2014").replace("--", "\u2013").replace("...", "\u2026")
    text = re.sub(r"(^|[\s(\[])\"", "\\1\u201c", text).replace('"', "\u201d")
    text = re.sub(r"(^|[\s(\[])'", "\\1\u2018", text).replace("'", "\u2019")
    return text


def strip_index(value):
    value = _v(value)
    if value is None or str(value) == "":
        return value
    return re.sub(r"/index\.html?$", "/", str(value))


def to_integer(value):
    value = _v(value)
    if value is True:
        return 1
    if value is False or value is None:
        return 0
    match = re.match(r"\s*[-+]?\d+", str(value))
    return int(match.group(0)) if match else 0


# -- Ruby's to_s, inspect and to_json -------------------------------------------------------------

def _to_s(value) -> str:
    """Ruby's `to_s` of a Liquid value (nil is '', arrays join, times as Ruby prints them)."""
    value = _v(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return _local(value).strftime("%Y-%m-%d %H:%M:%S %z")
    if isinstance(value, (list, tuple)):
        return "".join(_to_s(x) for x in value)
    return str(value)


def inspect_(value):
    """xml_escape(input.inspect), with Ruby's inspect."""
    return xml_escape(_inspect(value))


def _inspect(value) -> str:
    value = _v(value)
    if value is None:
        return "nil"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False).replace("#{", "\\#{")
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_inspect(k)}=>{_inspect(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_inspect(x) for x in value) + "]"
    if isinstance(value, dt.datetime):
        return _to_s(value)
    if isinstance(value, dt.date):
        return f"#<Date: {value.isoformat()}>"
    return str(value)


def jsonify(value):
    return json.dumps(_json_ready(value), ensure_ascii=False, separators=(",", ":"))


def _json_ready(value, depth: int = 0):
    value = _v(value)
    if depth > 20:
        return None
    if isinstance(value, dict):
        return {str(k): _json_ready(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_ready(x, depth + 1) for x in value]
    if isinstance(value, dt.datetime):
        return _to_s(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


# -- arrays ---------------------------------------------------------------------------------------

def _items(value):
    value = _v(value)
    if isinstance(value, dict):
        return list(value.values())
    if isinstance(value, (list, tuple)):
        return list(value)
    return None


def _prop(item, name):
    """item_property: `a.b` digs into nested values; numbers in strings become numbers."""
    found = item
    for part in str(name).split("."):
        if isinstance(found, dict):
            found = found.get(part)
        elif isinstance(found, (list, tuple)) and part.lstrip("-").isdigit():
            index = int(part)
            found = found[index] if -len(found) <= index < len(found) else None
        else:
            found = None
        if found is None:
            return None
    return _sort_input(_v(found))


def _sort_input(value):
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = str(value).strip()
        if re.fullmatch(r"-?\d+", text):
            return int(text)
        if re.fullmatch(r"-?(?:\d+\.?\d*|\.\d+)", text):
            return float(text)
    return value


def _matches(prop, target) -> bool:
    """compare_property_vs_target: nil matches nil; else as strings, any element of a list."""
    if target is None:
        return prop is None
    target = _to_s(target)
    if isinstance(prop, str):
        return prop == target
    values = prop if isinstance(prop, (list, tuple)) else ([] if prop is None else [prop])
    return any(_to_s(p) == target for p in values)


def where(value, prop=None, target=None):
    prop, target = _v(prop), _v(target)
    items = _items(value)
    if items is None or prop is None or isinstance(target, (list, dict)):
        return _v(value)
    return [item for item in items if _matches(_prop(item, prop), target)]


def find(value, prop=None, target=None):
    prop, target = _v(prop), _v(target)
    items = _items(value)
    if items is None or prop is None or isinstance(target, (list, dict)):
        return _v(value)
    return next((item for item in items if _matches(_prop(item, prop), target)), None)


def group_by(value, prop):
    items = _items(value)
    if items is None:
        return _v(value)
    groups: dict = {}
    for item in items:
        groups.setdefault(_to_s(_prop(item, _v(prop))), []).append(item)
    return [{"name": k, "items": v, "size": len(v)} for k, v in groups.items()]


def _compare(a, b) -> int:
    try:
        return (a > b) - (a < b)
    except TypeError:
        a, b = _to_s(a), _to_s(b)
        return (a > b) - (a < b)


def sort(value, prop=None, nils="first"):
    import functools
    value, prop, nils = _v(value), _v(prop), _v(nils) or "first"
    if value is None:
        return []
    items = list(value.values()) if isinstance(value, dict) else list(value) if isinstance(value, (list, tuple)) \
        else [value]
    if prop is None:
        return sorted(items, key=functools.cmp_to_key(_compare))
    order = -1 if nils == "first" else 1
    keyed = [(_prop(item, prop), item) for item in items]

    def cmp(a, b):
        if a[0] is not None and b[0] is None:
            return -order
        if a[0] is None and b[0] is not None:
            return order
        if a[0] is None:
            return 0
        return _compare(a[0], b[0])
    return [item for _, item in sorted(keyed, key=functools.cmp_to_key(cmp))]


def push(value, item):
    value = _v(value)
    return list(value) + [_v(item)] if isinstance(value, list) else value


def pop(value, n=1):
    value = _v(value)
    if not isinstance(value, list):
        return value
    count = to_integer(n)
    return value[:-count] if count > 0 else list(value)


def shift(value, n=1):
    value = _v(value)
    if not isinstance(value, list):
        return value
    return value[max(0, to_integer(n)):]


def unshift(value, item):
    value = _v(value)
    return [_v(item)] + list(value) if isinstance(value, list) else value


def sample(value, n=1):
    items = _items(value)
    if items is None:
        return _v(value)
    count = to_integer(n) if _v(n) is not None else 1
    if count == 1:
        return random.choice(items) if items else None
    return random.sample(items, min(max(count, 0), len(items)))


# -- filters that evaluate a Liquid expression per item ---------------------------------------------

def _expression_filters(env):
    """where_exp, find_exp and group_by_exp: `item.x == 1 and item.y`, evaluated by Liquid."""
    compiled: dict = {}

    def template(source: str):
        found = compiled.get(source)
        if found is None:
            found = compiled[source] = env.from_string(source)
        return found

    def evaluate(context, variable, source, item) -> str:
        buf = io.StringIO()
        with context.extend({str(variable): item}):
            template(source).render_with_context(context, buf, partial=True)
        return buf.getvalue()

    def condition(expression):
        return "{% if " + str(expression) + " %}1{% endif %}"

    @with_context
    def where_exp(value, variable, expression, *, context):
        items = _items(value)
        if items is None:
            return _v(value)
        source = condition(expression)
        return [item for item in items if evaluate(context, variable, source, item) == "1"]

    @with_context
    def find_exp(value, variable, expression, *, context):
        items = _items(value)
        if items is None:
            return _v(value)
        source = condition(expression)
        return next((item for item in items if evaluate(context, variable, source, item) == "1"), None)

    @with_context
    def group_by_exp(value, variable, expression, *, context):
        items = _items(value)
        if items is None:
            return _v(value)
        source = "{{ " + str(expression) + " }}"
        groups: dict = {}
        for item in items:
            groups.setdefault(evaluate(context, variable, source, item), []).append(item)
        return [{"name": k, "items": v, "size": len(v)} for k, v in groups.items()]

    return {"where_exp": where_exp, "find_exp": find_exp, "group_by_exp": group_by_exp}


# -- URLs -----------------------------------------------------------------------------------------

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def _normalize(url: str) -> str:
    """Addressable's normalize for a path: unsafe characters %-encoded, the rest kept."""
    return quote(url, safe="!#$&'()*+,/:;=?@[]~-._%")


def _url_of(value):
    value = _v(value)
    if isinstance(value, dict) and "url" in value:
        value = value.get("url")
    return value


def make_relative_url(baseurl: str):
    base = "" if baseurl is None else str(baseurl).rstrip("/")

    def relative_url(value):
        """Prefixes the baseurl to a path (a leading '/' added to both); URLs with a scheme stay."""
        value = _url_of(value)
        if value is None:
            return None
        text = str(value)
        if _SCHEME.match(text):
            return text
        parts = [base, text]
        return _normalize("".join(p if not p or p.startswith("/") else "/" + p for p in parts))
    return relative_url


def make_absolute_url(url: str, relative_url):
    site_url = "" if url is None else str(url)

    def absolute_url(value):
        value = _url_of(value)
        if value is None:
            return None
        text = str(value)
        if _SCHEME.match(text):
            return text
        if not site_url:
            return relative_url(text)
        return _normalize(site_url + relative_url(text))
    return absolute_url


def register(env, *, baseurl: str, url: str, markdownify=None):
    """Add Jekyll's filters to a python-liquid Environment."""
    relative_url = make_relative_url(baseurl)
    filters = {
        "relative_url": relative_url, "absolute_url": make_absolute_url(url, relative_url),
        "strip_index": strip_index,
        "date_to_string": date_to_string, "date_to_long_string": date_to_long_string,
        "date_to_xmlschema": date_to_xmlschema, "date_to_rfc822": date_to_rfc822,
        "xml_escape": xml_escape, "cgi_escape": cgi_escape, "uri_escape": uri_escape,
        "number_of_words": number_of_words, "array_to_sentence_string": array_to_sentence_string,
        "normalize_whitespace": normalize_whitespace, "slugify": slugify, "jsonify": jsonify,
        "where": where, "find": find, "group_by": group_by, "sort": sort,
        "push": push, "pop": pop, "shift": shift, "unshift": unshift, "sample": sample,
        "inspect": inspect_, "smartify": smartify, "to_integer": to_integer,
        **_expression_filters(env),
    }
    if markdownify is not None:
        filters["markdownify"] = lambda value: markdownify("" if _v(value) is None else _to_s(value))
    env.filters.update(filters)
