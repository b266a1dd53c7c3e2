"""Jekyll's Liquid filters with Jekyll's semantics (jekyll/lib/jekyll/filters*.rb)."""
from __future__ import annotations

import datetime as dt
import html
import json
import re
import unicodedata
from urllib.parse import quote, quote_plus

from liquid import Markup


def _date(value):
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        text = value.strip()
        if text == "now":
            return dt.datetime.now()
        for fmt in ("%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S%z",
                    "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d", "%d %b %Y", "%d %B %Y"):
            try:
                return dt.datetime.strptime(text, fmt)
            except ValueError:
                continue
    return None


def _ordinal(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th') }"


def _date_string(value, fmt, type_=None, style=None):
    date = _date(value)
    if date is None:
        return value
    if type_ == "ordinal":
        day = _ordinal(date.day)
        if style == "US":
            return f"{date.strftime(fmt)} {day}, {date.year}"
        return f"{day} {date.strftime(fmt)} {date.year}"
    return date.strftime(fmt)


def date_to_string(value, type_=None, style=None):
    if type_ == "ordinal":
        return _date_string(value, "%b", type_, style)
    date = _date(value)
    return f"{date.day:02d} {date.strftime('%b %Y')}" if date else value


def date_to_long_string(value, type_=None, style=None):
    if type_ == "ordinal":
        return _date_string(value, "%B", type_, style)
    date = _date(value)
    return f"{date.day:02d} {date.strftime('%B %Y')}" if date else value


def date_to_xmlschema(value):
    date = _date(value)
    if date is None:
        return value
    if date.tzinfo is None:
        date = date.astimezone()
    return date.isoformat()


def date_to_rfc822(value):
    date = _date(value)
    return date.strftime("%a, %d %b %Y %H:%M:%S %z").strip() if date else value


def xml_escape(value):
    return "" if value is None else html.escape(str(value), quote=True).replace("&#x27;", "&#39;")


def cgi_escape(value):
    return quote_plus(str(value or ""), safe="")


def uri_escape(value):
    return quote(str(value or ""), safe="!#$&'()*+,/:;=?@[]~%")


def number_of_words(value, mode=None):
    text = str(value or "")
    if mode in ("cjk", "auto"):
        cjk = len(re.findall(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]", text))
        if mode == "cjk" or cjk:
            return cjk + len(re.sub(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]", " ", text).split())
    return len(text.split())


def array_to_sentence_string(value, connector="and"):
    items = [str(x) for x in (value or [])]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return f"{items[0]} {connector} {items[1]}"
    return f"{', '.join(items[:-1])}, {connector} {items[-1]}"


def normalize_whitespace(value):
    return re.sub(r"\s+", " ", str(value or "")).strip()


def slugify(value, mode="default", cased=False):
    text = str(value or "")
    if mode == "none":
        return text
    if mode == "latin":
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        mode = "default"
    patterns = {
        "raw": r"\s+",
        "default": r"[^\w]+",
        "pretty": r"[^\w._~!$&'()+,;=@]+",
        "ascii": r"[^A-Za-z0-9]+",
    }
    pattern = patterns.get(mode, patterns["default"])
    slug = re.sub(pattern, "-", text, flags=re.ASCII if mode == "ascii" else 0)
    slug = slug.replace("_", "-") if mode == "default" else slug
    slug = slug.strip("-")
    return slug if cased else slug.lower()


def jsonify(value):
    return json.dumps(value, default=_json_default, ensure_ascii=False, separators=(",", ":"))


def _json_default(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Markup):
        return str(value)
    return str(value)


def _prop(item, name):
    if isinstance(item, dict):
        return item.get(name)
    return getattr(item, name, None)


def where(value, prop, target=None):
    items = list(value.values()) if isinstance(value, dict) else list(value or [])
    result = []
    for item in items:
        field = _prop(item, prop)
        if isinstance(field, (list, tuple)):
            if target in field or str(target) in [str(x) for x in field]:
                result.append(item)
        elif field == target or (field is not None and target is not None and str(field) == str(target)):
            result.append(item)
    return result


_COND = re.compile(r"^\s*(?:(\w+)\.)?([\w.]+)\s*(==|!=|>=|<=|>|<|contains)\s*(.+?)\s*$")


def where_exp(value, variable, expression):
    """Supports `item.key OP literal` conditions joined by `and`/`or` (Jekyll's common use)."""
    items = list(value.values()) if isinstance(value, dict) else list(value or [])
    return [item for item in items if _eval_condition(item, variable, expression)]


def _eval_condition(item, variable, expression):
    ors = re.split(r"\s+or\s+", expression)
    return any(all(_eval_one(item, variable, part) for part in re.split(r"\s+and\s+", alt)) for alt in ors)


def _literal(text):
    text = text.strip()
    if text[:1] in "'\"":
        return text[1:-1]
    if text in ("true", "false"):
        return text == "true"
    if text in ("nil", "null"):
        return None
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def _eval_one(item, variable, part):
    match = _COND.match(part)
    if not match:
        name = part.strip()
        if name.startswith(variable + "."):
            return bool(_dig(item, name[len(variable) + 1:]))
        return False
    _, path, op, rhs = match.groups()
    left = _dig(item, path)
    right = _literal(rhs)
    try:
        if op == "==":
            return left == right
        if op == "!=":
            return left != right
        if op == "contains":
            return right in left if left is not None else False
        return {">": left > right, "<": left < right, ">=": left >= right, "<=": left <= right}[op]
    except TypeError:
        return False


def _dig(item, path):
    for part in path.split("."):
        item = _prop(item, part)
    return item


def group_by(value, prop):
    groups: dict = {}
    for item in value or []:
        key = _prop(item, prop)
        groups.setdefault("" if key is None else str(key), []).append(item)
    return [{"name": k, "items": v, "size": len(v)} for k, v in groups.items()]


def sort(value, prop=None, nils="first"):
    items = list(value or [])
    if prop is None:
        return sorted(items, key=lambda x: (x is not None, str(x) if not isinstance(x, (int, float)) else x))
    present = [x for x in items if _prop(x, prop) is not None]
    missing = [x for x in items if _prop(x, prop) is None]
    present.sort(key=lambda x: _prop(x, prop))
    return missing + present if nils == "first" else present + missing


def push(value, item):
    return list(value or []) + [item]


def pop(value, n=1):
    return list(value or [])[:-int(n)] if n else list(value or [])


def shift(value, n=1):
    return list(value or [])[int(n):]


def unshift(value, item):
    return [item] + list(value or [])


def inspect_(value):
    return html.escape(repr(value))


def smartify(value):
    text = str(value or "")
    text = text.replace("---", "\u2014").replace("--", "\u2013").replace("...", "\u2026")
    text = re.sub(r"(^|[\s(\[])\"", "\\1\u201c", text).replace('"', "\u201d")
    text = re.sub(r"(^|[\s(\[])'", "\\1\u2018", text).replace("'", "\u2019")
    return text


def register(env, *, baseurl: str, url: str, markdownify=None):
    """Add Jekyll's filters to a python-liquid Environment."""
    baseurl = (baseurl or "").rstrip("/")

    def relative_url(value):
        text = "" if value is None else str(value)
        if re.match(r"^[a-z][a-z0-9+.-]*:", text, re.I) or text.startswith("//"):
            return text
        return f"{baseurl}/{text.lstrip('/')}" if baseurl or True else text

    def absolute_url(value):
        text = "" if value is None else str(value)
        if re.match(r"^[a-z][a-z0-9+.-]*:", text, re.I):
            return text
        return (url or "").rstrip("/") + relative_url(text)

    filters = {
        "relative_url": relative_url, "absolute_url": absolute_url,
        "date_to_string": date_to_string, "date_to_long_string": date_to_long_string,
        "date_to_xmlschema": date_to_xmlschema, "date_to_rfc822": date_to_rfc822,
        "xml_escape": xml_escape, "cgi_escape": cgi_escape, "uri_escape": uri_escape,
        "number_of_words": number_of_words, "array_to_sentence_string": array_to_sentence_string,
        "normalize_whitespace": normalize_whitespace, "slugify": slugify, "jsonify": jsonify,
        "where": where, "where_exp": where_exp, "group_by": group_by, "sort": sort,
        "push": push, "pop": pop, "shift": shift, "unshift": unshift, "inspect": inspect_,
        "smartify": smartify,
    }
    if markdownify is not None:
        filters["markdownify"] = lambda value: markdownify("" if value is None else str(value))
    env.filters.update(filters)
