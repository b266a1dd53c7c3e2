"""Work shared over forked processes (specsite.shares): the parse stage of a large site."""
from __future__ import annotations

import os

import pytest

from conftest import FIXTURES, build_site, wait_for
from specsite import shares
from specsite.build import parsing
from specsite.outputs import Text

SITE = FIXTURES / "jekyll-layouts"
fork_only = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


@fork_only
def test_items_come_back_in_order_whichever_process_did_them():
    done = shares.map_shared(lambda i: (i * i, os.getpid()), 50, 2)
    assert [square for square, _ in done] == [i * i for i in range(50)]


@fork_only
def test_a_worker_sends_packed_results():
    done = shares.map_shared(lambda i: [i, os.getpid()], 40, 2, pack=tuple)
    assert [r[0] for r in done] == list(range(40))
    assert all(isinstance(r, tuple) for r in done if r[1] != os.getpid())  # packed by a worker
    assert all(isinstance(r, list) for r in done if r[1] == os.getpid())  # done here: as made


@fork_only
def test_an_error_in_a_worker_is_raised_here():
    def work(i):
        if i == 5:
            raise ZeroDivisionError("item 5")
        return i
    with pytest.raises(ZeroDivisionError, match="item 5"):
        shares.map_shared(work, 10, 2)


def test_few_items_or_one_job_stay_in_this_process(monkeypatch):
    assert shares.jobs_for(3, 40) == 1
    monkeypatch.setenv("SPECSITE_JOBS", "1")
    assert shares.jobs_for(1000, 40) == 1


@fork_only
def test_forked_parsing_gives_the_same_site(monkeypatch):
    """Pages parsed in a forked worker: the same documents, ids, links and diagnostics."""
    serial = build_site(SITE)
    monkeypatch.setattr(parsing, "PARALLEL_MIN_PAGES", 1)
    monkeypatch.setattr(shares.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(shares, "_other_threads", lambda: False)  # (threads other tests left running)
    monkeypatch.delenv("SPECSITE_JOBS", raising=False)
    calls = []
    real = parsing.map_shared
    monkeypatch.setattr(parsing, "map_shared", lambda *a, **k: calls.append(a[1:3]) or real(*a, **k))
    forked = build_site(SITE)
    assert calls and calls[0][1] == 2
    assert forked.outputs.keys() == serial.outputs.keys()
    assert all(forked.outputs[u] == serial.outputs[u] for u in serial.outputs if isinstance(serial.outputs[u], Text))
    assert sorted(d.format() for d in forked.all_diagnostics()) == sorted(d.format() for d in serial.all_diagnostics())


@fork_only
def test_the_first_item_s_error_is_raised_as_one_process_raises_it(tmp_path):
    """Items 1 and the last fail: one process raises item 1's error. When a worker holds item 1
    (this process is held at item 0 until a worker has started) until this process has reached
    the last one, item 1's error is still the one raised here."""
    started, at_last, here, count = tmp_path / "started", tmp_path / "at-last", os.getpid(), 30

    def work(i):
        if os.getpid() != here:
            started.touch()
        elif i == 0:
            wait_for(started)
        if i == count - 1:
            at_last.touch()
        if i == 1 and os.getpid() != here:
            wait_for(at_last)
        if i in (1, count - 1):
            raise ValueError(i)
        return i

    with pytest.raises(ValueError) as raised:
        shares.map_shared(work, count, 2)
    assert raised.value.args == (1,)
