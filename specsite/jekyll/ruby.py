"""Ruby's view of Liquid values, which Jekyll's filters print with: nil, Time in local time,
`to_s`, `inspect` and `to_json`."""
from __future__ import annotations

import datetime as dt

from .rubystr import inspect, local, nil, output, time_s


_v, _local, _to_s, _inspect = nil, local, output, inspect


def jsonify(value):
    import json  # here: only the jsonify filter needs it (2–3 ms to import)
    try:
        return json.dumps(_json_ready(value), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except ValueError:  # Ruby's JSON.generate: "Infinity not allowed in JSON" (the build stops)
        from liquid.exceptions import FilterValueError
        raise FilterValueError("jsonify: NaN and Infinity are not allowed in JSON", token=None) from None


def _json_ready(value, depth: int = 0):
    value = _v(value)
    if depth > 20:
        return None
    if isinstance(value, dict):
        own = getattr(value, "json_hash", None)  # (a page or document drop: jekyll/drops.Drop)
        if own is not None:
            value = own(collapse=depth >= 2)
        # (a key is written as Ruby's to_s: YAML's `yes:` key is true, written "true")
        return {k if k.__class__ is str else _to_s(k): _json_ready(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_ready(x, depth + 1) for x in value]
    if isinstance(value, dt.datetime):
        return time_s(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
