"""Ruby's view of Liquid values, which Jekyll's filters print with: nil, Time in local time,
`to_s`, `inspect` and `to_json`."""
from __future__ import annotations

import datetime as dt

from ..yamltags import RubyKey
from .rubystr import float_s, inspect, local, nil, output, time_s


_v, _local, _to_s, _inspect = nil, local, output, inspect


def jsonify(value):
    import json  # here: only the jsonify filter needs it (2–3 ms to import)
    floats: list = []
    try:
        text = json.dumps(_json_ready(value, floats=floats), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except ValueError:  # Ruby's JSON.generate: "Infinity not allowed in JSON" (the build stops)
        from liquid.exceptions import FilterValueError
        raise FilterValueError("jsonify: NaN and Infinity are not allowed in JSON", token=None) from None
    for index, number in enumerate(floats):  # (Float#to_s: 1.0e-06, 1.0e+20, where Python writes 1e-06)
        text = text.replace(f'"\\u0000{index}\\u0000"', float_s(number), 1)
    return text


def _json_ready(value, depth: int = 0, floats: list | None = None):
    value = _v(value)
    if value.__class__ is RubyKey:  # (a Hash's true or 1.0 beside "true" or 1, as a value: [true, "b"])
        value = value.value
    if depth > 20:
        return None
    if value.__class__ is float and floats is not None and value - value == 0 and float_s(value) != repr(value):
        floats.append(value)
        return f"\0{len(floats) - 1}\0"  # (a placeholder for Ruby's text of a finite float: NaN stays an error)
    if isinstance(value, dict):
        own = getattr(value, "json_hash", None)  # (a page or document drop: jekyll/drops.Drop)
        if own is not None:
            value = own(collapse=depth >= 2)
        # (a key is written as Ruby's to_s: YAML's `yes:` key is true, written "true"; a list key
        # `? [x, y]` is Array#to_s, its inspect)
        pairs = [(k if k.__class__ is str else _inspect(list(k)) if k.__class__ is tuple else _to_s(k),
                  _json_ready(v, depth + 1, floats)) for k, v in value.items()]
        written = dict(pairs)
        return written if len(written) == len(pairs) else _JsonPairs(pairs)
    if isinstance(value, (list, tuple)):
        return [_json_ready(x, depth + 1, floats) for x in value]
    if isinstance(value, dt.datetime):
        return time_s(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, range):  # (Range#to_json: its to_s, "1..5")
        return f"{value.start}..{value.stop - 1}"
    own = getattr(value, "json_hash", None)  # (`jekyll`: jekyll_drop.JekyllDrop)
    return str(value) if own is None else _json_ready(own(), depth, floats)


class _JsonPairs(dict):
    """A Hash two of whose keys write alike ("true" and true, 1 and "1"): Ruby's JSON.generate
    writes both members; json's encoder asks a dict subclass for its items()."""

    def __init__(self, pairs: list):
        super().__init__(pairs)
        self.pairs = pairs

    def items(self):
        return self.pairs
