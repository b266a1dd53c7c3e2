"""Ruby's view of Liquid values, which Jekyll's filters print with: nil, Time in local time,
`to_s`, `inspect` and `to_json`."""
from __future__ import annotations

import datetime as dt
import json

from liquid.undefined import is_undefined


def _v(value):
    """Liquid's undefined is Ruby's nil."""
    return None if is_undefined(value) else value



def _local(date: dt.datetime) -> dt.datetime:
    return date.astimezone() if date.tzinfo is None else date



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
