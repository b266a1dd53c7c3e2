"""specsite/jekyll/filter_arity.py: a wrapped filter gets the arguments Ruby's method would (the
`key: value` ones as one Hash after the others, python-liquid's own keywords passed on) and
refuses Ruby's wrong counts with Ruby's message; compared with the plain form on every shape."""
from __future__ import annotations

import itertools

import pytest
from liquid.exceptions import FilterArgumentError

from specsite.jekyll.filter_arity import _checked, ruby_arity_message


def _plain(func, required: int, optional: int, options: bool = False):
    """The wrapper as first written: the Hash built on every call."""
    def filter_(value, *args, **kwargs):
        named = {key: kwargs.pop(key) for key in list(kwargs) if key not in ("context", "environment")}
        given = 1 + len(args) + bool(named)
        if not required <= given <= required + optional:
            raise FilterArgumentError(ruby_arity_message(given, required, optional), token=None)
        if named and options:
            return func(value, *args, **named, **kwargs)
        return func(value, *args, named, **kwargs) if named else func(value, *args, **kwargs)
    return filter_


def _record(value, *args, **kwargs):
    return value, args, kwargs


def _outcome(wrapper, *args, **kwargs):
    try:
        return wrapper(*args, **kwargs)
    except FilterArgumentError as err:
        return str(err)


@pytest.mark.parametrize("required,optional,options", [(1, 0, False), (2, 0, False), (1, 2, True), (2, 1, False)])
def test_each_call_gets_what_the_plain_wrapper_gave(required, optional, options):
    keywords = [{}, {"context": "C"}, {"environment": "E"}, {"n": 1}, {"n": 1, "context": "C"},
                {"allow_false": True, "m": 2, "environment": "E"}, {"context": "C", "n": 1}]
    for count, kwargs in itertools.product(range(4), keywords):
        args = tuple(range(count))
        fast, plain = _checked(_record, required, optional, options), _plain(_record, required, optional, options)
        assert _outcome(fast, "v", *args, **dict(kwargs)) == _outcome(plain, "v", *args, **dict(kwargs)), \
            (count, kwargs)


def test_a_wrong_count_is_rubys_error():
    with pytest.raises(FilterArgumentError, match=r"wrong number of arguments \(given 1, expected 2\)"):
        _checked(_record, 2, 0)("v", context="C")
    with pytest.raises(FilterArgumentError, match=r"given 3, expected 1\.\.2"):
        _checked(_record, 1, 1)("v", 1, n=2)
