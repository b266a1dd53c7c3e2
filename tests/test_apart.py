"""A fresh process writing one file (specsite/apart.py): a job made of one part per input is
shared with this process, which makes the last batches once it is free, and the file is the
one a single process writes."""
from __future__ import annotations

import os

import pytest

from specsite import apart, searchindex

spawn_only = pytest.mark.skipif(not hasattr(os, "posix_spawn"), reason="needs posix_spawn")


def _inputs(n: int, words: int = 1) -> list:
    return [(f"p{k}.html", f"<p>Words of page {k}</p><h2 id=\"s{k}\">Part {k}</h2><p>{'more ' * words}{k % 7}</p>",
             f"Page {k}", "", f"k{k % 3}") for k in range(n)]


def test_parts_come_in_input_order_whatever_order_the_made_batches_come_in():
    messages = [("in", 0, [0, 1]), ("made", 4, [80, 90]), ("in", 1, [2, 3]), ("made", 3, [60, 70]),
                ("in", 2, [4, 5]), ("made", 5, [100])]
    assert list(apart._in_order(iter(messages), lambda v: v * 10, 6)) == [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]


def test_parts_all_made_by_this_process_come_in_order_too():
    messages = [("made", 1, ["c"]), ("made", 0, ["a", "b"])]
    assert list(apart._in_order(iter(messages), str.upper, 2)) == ["a", "b", "c"]


def test_a_batch_that_never_came_fails_the_child_instead_of_writing_a_short_file():
    with pytest.raises(ValueError):
        list(apart._in_order(iter([("in", 0, [1]), ("made", 2, [3])]), str, 3))


@spawn_only
def test_a_shared_job_writes_what_one_process_writes(tmp_path, monkeypatch):
    """The child makes the first batches, this process the last ones (finish at once: it takes
    every batch not yet sent: the pipe, 1 MB, holds three of these, the child is still starting),
    and the file is the index that one process makes."""
    monkeypatch.setattr(apart, "_BATCH", 3)
    inputs = _inputs(40, words=20000)
    target = tmp_path / "index.js"
    running = apart.start(apart.Job("specsite.searchindex", "index_of_documents", inputs, each="document"),
                          str(target))
    assert running is not None
    assert running.finish()
    assert running.feed.left < running.feed.batches  # (this process made some)
    assert target.read_text(encoding="utf-8") == "".join(searchindex.index_of(inputs))


@spawn_only
def test_a_child_that_fails_is_seen_by_finish(tmp_path):
    running = apart.start(apart.Job("specsite.searchindex", "no_such_function", _inputs(5), each="document"),
                          str(tmp_path / "index.js"))
    assert running is not None and running.finish() is False


@spawn_only
def test_a_child_begun_before_it_is_told_where_to_write_keeps_what_it_made(tmp_path, monkeypatch):
    """A build starts the child before render (spawn), gives it the job once the pages are known
    (begin) and names the file once the write's folder exists (aim): the text made before that
    is kept, and the file is the index one process makes."""
    monkeypatch.setattr(apart, "_BATCH", 3)
    inputs = _inputs(40, words=20000)
    job = apart.Job("specsite.searchindex", "index_of_documents", inputs, each="document")
    running = apart.spawn()
    assert running is not None
    running.begin(job)
    assert job.running is running
    running.feed.help()  # (the last batches made here, and sent while the child has no file yet)
    assert running.feed.left < running.feed.batches
    target = tmp_path / "index.js"
    assert running.aim(str(target)) is running
    assert running.finish()
    assert target.read_text(encoding="utf-8") == "".join(searchindex.index_of(inputs))


@spawn_only
def test_a_child_never_told_where_to_write_is_stopped_and_writes_nothing(tmp_path):
    running = apart.spawn()
    assert running is not None
    running.begin(apart.Job("specsite.searchindex", "index_of_documents", _inputs(5), each="document"))
    running.release()
    assert running.pid == 0 and os.listdir(tmp_path) == []
    apart.spawn().release()  # (one not yet begun: its pipe is closed too)
