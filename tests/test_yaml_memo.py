"""yaml_memo.YamlMemo: what load_yaml gives, as a fresh copy each time, kept while the text is the same."""
from __future__ import annotations

import datetime as dt

import pytest

from specsite.frontmatter import LineDict, LineList, YamlError, load_yaml
from specsite.yaml_memo import YamlMemo

TEXT = """\
title: Site
base: &base {layout: page, tags: [a, b]}
defaults:
  - scope: {path: pages}
    values:
      <<: *base
      date: 2024-01-02 03:04:05 +00:00
  - scope: {path: ''}
    values: {when: 2024-01-02, at: 2024-01-02T03:04:05Z}
"""


def _shape(value):
    """The value with the lines the loader records, for comparing."""
    if isinstance(value, dict):
        return (type(value), getattr(value, "line", None), dict(getattr(value, "key_lines", {})),
                {k: _shape(v) for k, v in value.items()})
    if isinstance(value, list):
        return (type(value), getattr(value, "line", None), list(getattr(value, "item_lines", [])),
                [_shape(v) for v in value])
    if isinstance(value, dt.datetime):
        return (value, value.tzinfo is dt.timezone.utc, str(value))
    return (type(value), value)


@pytest.mark.parametrize("offset", [0, 3])
def test_a_kept_text_loads_as_load_yaml_loads_it(offset):
    memo = YamlMemo()
    first = memo.load(TEXT, offset)
    again = YamlMemo(memo.used).load(TEXT, offset)  # as the next build reads it from the cache
    expected = _shape(load_yaml(TEXT, offset))
    assert _shape(first) == expected and _shape(again) == expected
    assert isinstance(again, LineDict) and isinstance(again["defaults"], LineList)
    assert memo.added and list(memo.used) == list(memo.known)


def test_each_load_is_a_fresh_copy():
    memo = YamlMemo()
    memo.load(TEXT)["defaults"][0]["values"]["layout"] = "changed"
    assert memo.load(TEXT)["defaults"][0]["values"]["layout"] == "page"


def test_an_unchanged_text_is_not_added_and_a_bad_one_is_not_kept():
    kept = YamlMemo()
    kept.load(TEXT)
    memo = YamlMemo(kept.used)
    memo.load(TEXT)
    assert not memo.added
    with pytest.raises(YamlError):
        memo.load("a: [1, 2\n")
    assert len(memo.known) == 1 and not memo.added
