"""A build on two cores makes what a build on one makes: parse (pages that read other pages' bodies
parsed second, in one process), render, and the write's files written into the staging folder
while the links are checked (thrown away when the build is blocked)."""
from __future__ import annotations

import os

import pytest

from conftest import build_site, make_site, run_cli, wait_for
from specsite import shares, team, write
from specsite.build import parsing, readers
from specsite.outputs import Text
from specsite.render import jekyll_site

fork_only = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")

TAGGED = "---\ntitle: Page {n}\ntags: [{tag}]\n---\n## Part {n}\n\nText of page {n}{liquid}, see [home](index.html).\n"
FILES = {
    "_config.yml": "title: Two cores\n",
    "_layouts/default.html": "<html><body>{% include nav.html %}{{ content }}</body></html>\n",
    "_includes/nav.html": "<nav>{% for p in site.pages %}<a href=\"{{ p.url }}\">{{ p.title }}</a>{% endfor %}</nav>\n",
    # lax Liquid (a warning at its line, once) in an include that many pages use
    "_includes/note.html": "{% assign x = include.content; %}<div class=\"note\">{{ include.content }}</div>\n",
    "_includes/taglogic.html": ("{% for p in site.pages %}{% if p.tags contains page.tagName %}"
                                "<p>{{ p.title }}: {{ p.content | strip_html | truncatewords: 5 }}</p>"
                                "{% endif %}{% endfor %}\n"),
    "index.md": "---\ntitle: Home\nlayout: default\n---\n# Home\n",
    "search.json": ("---\nlayout: null\n---\n[{% for p in site.pages %}{\"t\": {{ p.title | jsonify }}, "
                    "\"c\": {{ p.content | jsonify }}}{% unless forloop.last %},{% endunless %}{% endfor %}]\n"),
}
for n in range(30):
    FILES[f"pages/p{n:02}.md"] = TAGGED.format(
        n=n, tag="odd" if n % 2 else "even",
        liquid=" {% include note.html content=\"a note\" %}" if n % 3 == 0 else "")
for tag in ("odd", "even", "none"):
    FILES[f"tags/tag_{tag}.md"] = f"---\ntitle: {tag}\ntagName: {tag}\nlayout: default\n---\n{{% include taglogic.html %}}\n"


@pytest.fixture(autouse=True)
def _alone(monkeypatch):
    """Threads that other tests left running (servers, browsers) must not keep these tests on one
    core: jobs_for refuses to fork beside other threads."""
    monkeypatch.setattr(shares, "_other_threads", lambda: False)


def _site(tmp_path):
    return make_site(tmp_path / "src", FILES)


def _two_cores(monkeypatch):
    monkeypatch.setattr(shares.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(shares, "_other_threads", lambda: False)  # (threads other tests left running)
    monkeypatch.delenv("SPECSITE_JOBS", raising=False)


def _same(one, two):
    assert two.outputs.keys() == one.outputs.keys()
    for url, content in one.outputs.items():
        if isinstance(content, Text):
            assert two.outputs[url] == content, url
    assert [d.format() for d in two.diagnostics.items] == [d.format() for d in one.diagnostics.items]
    assert [d.format() for d in two.all_diagnostics()] == [d.format() for d in one.all_diagnostics()]


def test_the_readers_are_the_pages_whose_liquid_reads_other_pages_bodies(tmp_path):
    from specsite.build.renderers import make_renderers
    from specsite.config import load_config
    from specsite.diagnostics import Diagnostics
    from specsite.discover import discover
    from specsite.session import Session
    root = _site(tmp_path)
    config = load_config(root, root / "build")
    sources = discover(config, Diagnostics(), Session())
    found = readers.body_readers(sources.pages, make_renderers(config, sources).liquid)
    # search.json, and the tag pages through their include; not the pages that pass
    # {{ include.content }} to a callout, nor the layout's nav (titles, not bodies)
    assert sorted(sources.pages[i].rel for i in found) == [
        "search.json", "tags/tag_even.md", "tags/tag_none.md", "tags/tag_odd.md"]


@fork_only
@pytest.mark.parametrize("how", ["team", "forks"])
def test_two_cores_build_what_one_builds(tmp_path, monkeypatch, how):
    """Parse (readers second, here), render and the staged write on two processes, with the build's
    worker (team.Team) or a fork per stage: the same outputs and the same diagnostics in the
    same order (the include's lax-Liquid warning once, though both processes parsed it)."""
    root = _site(tmp_path)
    monkeypatch.setenv("SPECSITE_JOBS", "1")
    one = build_site(root, write=True, out=tmp_path / "one")
    assert sum(d.rule == "liquid-syntax" for d in one.diagnostics.items) == 1
    _two_cores(monkeypatch)
    calls = []
    real_start, real_share = shares.start, team.Team.share
    monkeypatch.setattr(shares, "start", lambda *a, **k: calls.append(("fork", a[1])) or real_start(*a, **k))
    monkeypatch.setattr(team.Team, "share", lambda self, *a, **k: calls.append(("team", a[1])) or real_share(self, *a, **k))
    if how == "forks":
        monkeypatch.setattr(team.Team, "start", classmethod(lambda cls, *a: None))
    for module in (parsing, jekyll_site):
        monkeypatch.setattr(module, "PARALLEL_MIN_PAGES", 1)
    monkeypatch.setattr(write, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(write, "start_share", lambda *a, **k: calls.append(("write", a[1])) or real_start(*a, **k))
    two = build_site(root, write=True, out=tmp_path / "two")
    # parse, the readers (shared: no cache), render; the write
    assert [k for k, _ in calls] == ["team" if how == "team" else "fork"] * 3 + ["write"]
    _same(one, two)
    for rel in one.outputs:
        assert (tmp_path / "two" / rel).read_bytes() == (tmp_path / "one" / rel).read_bytes(), rel


def test_a_template_warning_comes_once_whichever_process_parsed_the_template_first(tmp_path):
    """Two processes each parse the include with the lax Liquid (its warning with their first
    page that uses it): the later page (in page order) is parsed again here, without it; the
    earlier keeps it, as in one process."""
    from specsite.build.renderers import make_renderers
    from specsite.config import load_config
    from specsite.diagnostics import Diagnostics
    from specsite.discover import discover
    from specsite.session import Session
    root = _site(tmp_path)
    config = load_config(root, root / "build")
    sources = discover(config, Diagnostics(), Session())
    pages = [p for p in sources.pages if p.rel in ("pages/p00.md", "pages/p03.md")]

    def parsed(renderers, page):
        before = renderers.liquid.parsed_templates()
        result = parsing._parse_one(page, renderers.liquid, renderers.markdown)
        return result, renderers.liquid.parsed_templates() - before

    one = make_renderers(config, sources)
    serial = [parsed(one, page)[0].diagnostics for page in pages]
    assert [len(d) for d in serial] == [1, 0]
    worker, here = make_renderers(config, sources), make_renderers(config, sources)
    (first_result, first_new), (second_result, second_new) = parsed(worker, pages[0]), parsed(here, pages[1])
    assert len(second_result.diagnostics) == 1 and first_new == second_new  # brought twice
    fresh, first = [first_result, second_result], [first_new, second_new]
    parsing._announced_once(pages, fresh, first, here.liquid, here.markdown)
    assert [r.diagnostics for r in fresh] == serial


@fork_only
def test_a_blocked_build_throws_the_staged_files_away(tmp_path, monkeypatch, capsys):
    """The staging folder's files are written while the links are checked: a build the check
    blocks (--strict and a broken link) leaves the last site as it was, and no folder beside it."""
    root = _site(tmp_path)
    out = tmp_path / "out"
    _two_cores(monkeypatch)
    monkeypatch.setattr(write, "PARALLEL_MIN_FILES", 1)
    assert run_cli(["build", "--source", root, "--out", out]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (root / "pages/p01.md").write_text("---\ntitle: P\n---\n[gone](nowhere.html)\n", encoding="utf-8")
    started = []
    real = write.start_share
    monkeypatch.setattr(write, "start_share", lambda *a, **k: started.append(a[1]) or real(*a, **k))
    assert run_cli(["build", "--source", root, "--out", out, "--strict"]) == 1
    assert started  # the files were being written when the check blocked the build
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(os.listdir(tmp_path)) == ["out", "src"]


@fork_only
def test_a_team_shares_items_and_both_processes_get_all_of_them(tmp_path, monkeypatch):
    """Both processes run the same calls; with both=True each returns every result; the worker
    ends at the end of the block and writes nothing (its output goes nowhere)."""
    seen = tmp_path / "seen"
    _two_cores(monkeypatch)
    with team.Team.start(100, 1) as crew:
        first = crew.share(lambda i: (i, os.getpid()), 60, both=True)
        if crew.worker:  # (before its part of the next share: this process waits for that)
            with open(seen, "a") as handle:
                handle.write(f"worker {first == sorted(first)} {len({pid for _, pid in first})}\n")
            print("never shown")
        second = crew.share(lambda i: i * i, 40)
    assert [i for i, _ in first] == list(range(60)) and second == [i * i for i in range(40)]
    assert seen.read_text().startswith("worker True")


@fork_only
def test_a_share_started_early_is_finished_here():
    share = shares.start(lambda i: i * 3, 100, 2)
    assert share is not None
    assert share.finish() == [i * 3 for i in range(100)]


@fork_only
def test_a_team_share_raises_the_first_item_s_error_as_one_process_does(tmp_path):
    """Items 1 and the last fail: one process raises item 1's error. Here the worker takes item 1
    (this process is held at item 0 until the worker has started) and is held there until this
    process has reached the last item: this process must still raise item 1's error, not its own."""
    started, at_last = tmp_path / "started", tmp_path / "at-last"
    count = 30

    def work(i):
        if crew.worker and not started.exists():
            started.touch()
        if not crew.worker and i == 0:
            wait_for(started)
        if i == count - 1:
            at_last.touch()
        if crew.worker and i == 1:
            wait_for(at_last)
        if i in (1, count - 1):
            raise ValueError(i)
        return i

    with pytest.raises(ValueError) as raised:
        with team.Team.start(100, 1) as crew:
            crew.share(work, count, last=True)
    assert raised.value.args == (1,)


@fork_only
def test_the_team_worker_keeps_none_of_the_results_it_has_sent(tmp_path):
    """Memory (issue 14): a worker that only sends (both=False) holds no result once it is sent;
    it kept them all until the share ended: ~100 MB of parsed pages at 10,000 pages."""
    import time
    import weakref
    seen = tmp_path / "seen"

    class Held:
        def __init__(self, value):
            self.value = value

    made: list = []

    def work(i):
        time.sleep(0.005)  # (both processes take items)
        result = Held(i)
        if crew.worker:
            with open(seen, "a") as handle:
                handle.write(f"{sum(ref() is not None for ref in made)}\n")
            made.append(weakref.ref(result))
        return result

    with team.Team.start(100, 1) as crew:
        got = crew.share(work, 40, pack=lambda held: held.value, unpack=lambda i, value: Held(value), last=True)
    assert [held.value for held in got] == list(range(40))
    alive = [int(line) for line in seen.read_text().split()]
    assert len(alive) >= 2 and max(alive) == 0


THEMED = {"_config.yml": "title: Apart\nspecsite: {}\n", "index.md": "---\ntitle: Home\n---\n# Home\n"}
for n in range(45):
    THEMED[f"pages/t{n:02}.md"] = (f"---\ntitle: Topic {n}\nkeywords: [k{n}]\n---\n## Part {n}\n\n"
                                   f"Words of topic {n}, see [home](../index.html).\n\n### Deeper\n\nMore {n}.\n")


def _search_index_of(tmp_path, monkeypatch, name, function=None):
    """The search index a two-core build writes; (its text, whether a fresh process was started)."""
    from specsite import apart
    _two_cores(monkeypatch)
    monkeypatch.setattr(write, "APART_MIN_INPUTS", 0)
    started = []
    real_start = apart.start

    def spied(job, target):
        if function is not None:
            job = apart.Job(job.module, function, job.inputs)
        running = real_start(job, target)
        started.append(running is not None)
        return running
    monkeypatch.setattr(write, "start_apart", spied)
    root = make_site(tmp_path / f"src-{name}", THEMED)
    out = tmp_path / f"out-{name}"
    assert run_cli(["build", "--no-cache", "--source", root, "--out", out]) == 0
    return (out / "assets/search-index.js").read_text(encoding="utf-8"), started


@fork_only
def test_a_large_search_index_is_written_by_a_fresh_process_as_this_process_writes_it(tmp_path, monkeypatch):
    """Memory (issue 14): at 10,000 pages a forked writer of the search index copied ~240 MB of
    the build's heap; a fresh process (apart.py), fed the index's inputs through a pipe, writes
    the very same file, and this process writes the pages meanwhile."""
    text, started = _search_index_of(tmp_path, monkeypatch, "apart")
    assert started == [True]
    one = build_site(make_site(tmp_path / "src-one", THEMED))
    assert text == one.outputs["assets/search-index.js"].read()
    assert '"t":"Topic 44"' in text and not list(tmp_path.glob(".out-apart*"))


@fork_only
def test_a_fresh_process_that_fails_leaves_the_search_index_to_this_process(tmp_path, monkeypatch):
    text, started = _search_index_of(tmp_path, monkeypatch, "failed", function="no_such_function")
    assert started == [True]  # it started, and exited 1 before writing
    one = build_site(make_site(tmp_path / "src-one", THEMED))
    assert text == one.outputs["assets/search-index.js"].read()


@fork_only
def test_a_blocked_build_stops_the_fresh_process_and_writes_nothing(tmp_path, monkeypatch):
    from specsite import apart
    _two_cores(monkeypatch)
    monkeypatch.setattr(write, "APART_MIN_INPUTS", 0)
    stopped = []
    real_stop = apart.Running.stop
    monkeypatch.setattr(apart.Running, "stop", lambda self: stopped.append(self.pid) or real_stop(self))
    root = make_site(tmp_path / "src", dict(THEMED, **{"pages/broken.md": "---\ntitle: B\n---\n[x](nowhere.html)\n"}))
    assert run_cli(["build", "--no-cache", "--source", root, "--out", tmp_path / "out", "--strict"]) == 1
    assert len(stopped) == 1 and stopped[0] > 0
    assert sorted(os.listdir(tmp_path)) == ["src"]


@fork_only
def test_a_large_search_index_begins_in_a_fresh_process_before_render(tmp_path, monkeypatch):
    """The fresh process is started before parse, ahead of the worker's fork (its interpreter
    starts while the renderers are made on one core; the worker leaves it to this process), given
    the index's job as soon as render knows its pages (render runs on one core: the other makes
    the index's first documents meanwhile), and told where to write by the write: the file is the
    one a single process writes."""
    import sys
    from specsite import apart, build, team
    _two_cores(monkeypatch)
    monkeypatch.setattr(build, "APART_MIN_INPUTS", 0)
    monkeypatch.setattr(sys.modules["specsite.build.render"], "APART_MIN_INPUTS", 0)
    seen = []
    real_spawn, real_start = build.spawn_apart, team.Team.start.__func__
    monkeypatch.setattr(build, "spawn_apart", lambda: (seen.append("spawn"), real_spawn())[1])
    monkeypatch.setattr(team.Team, "start", classmethod(lambda cls, *a: (seen.append("fork"), real_start(cls, *a))[1]))
    for name in ("begin", "aim"):
        real = getattr(apart.Running, name)
        monkeypatch.setattr(apart.Running, name, lambda self, value, real=real, name=name: (
            seen.append(name), real(self, value))[1])
    monkeypatch.setattr(write, "start_apart", lambda job, target: pytest.fail("started again"))
    root = make_site(tmp_path / "src", THEMED)
    assert run_cli(["build", "--no-cache", "--source", root, "--out", tmp_path / "out"]) == 0
    assert seen == ["spawn", "fork", "begin", "aim"]
    one = build_site(make_site(tmp_path / "src-one", THEMED))
    text = (tmp_path / "out/assets/search-index.js").read_text(encoding="utf-8")
    assert text == one.outputs["assets/search-index.js"].read()


@fork_only
def test_a_child_begun_on_an_index_the_write_does_not_make_is_stopped_before_the_write(tmp_path, monkeypatch):
    """An edit rebuilt with the cache writes its few new files in place (or links the last
    build's index): the child begun before render is stopped when the write starts, not at the
    build's end, and the site is the one a build without the cache writes."""
    import sys
    from specsite import apart, build
    _two_cores(monkeypatch)
    monkeypatch.setattr(build, "APART_MIN_INPUTS", 0)
    monkeypatch.setattr(sys.modules["specsite.build.render"], "APART_MIN_INPUTS", 0)
    events = []
    real_stop = apart.Running.stop
    monkeypatch.setattr(apart.Running, "stop", lambda self: events.append("stop") or real_stop(self))
    real_finish = write.Staging.finish
    monkeypatch.setattr(write.Staging, "finish", lambda self, *a, **k: events.append("write") or real_finish(self, *a, **k))
    root = make_site(tmp_path / "src", THEMED)
    assert run_cli(["build", "--source", root, "--out", tmp_path / "out"]) == 0
    events.clear()
    (root / "pages" / "t03.md").write_text("---\ntitle: Topic 3\n---\n## Part 3\n\nEdited.\n", encoding="utf-8")
    assert run_cli(["build", "--source", root, "--out", tmp_path / "out"]) == 0
    assert events[:2] == ["stop", "write"]
    assert run_cli(["build", "--no-cache", "--source", root, "--out", tmp_path / "cold"]) == 0
    for name in ("assets/search-index.js", "pages/t03.html"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "cold" / name).read_bytes()


def _nested_files() -> dict:
    """50 files in nested folders (the write forks a worker from PARALLEL_MIN_FILES)."""
    return {f"d{k % 5}/sub{k % 3}/f{k:02}.html": Text(f"<p>{k}</p>\n") for k in range(50)}


@fork_only
@pytest.mark.parametrize("worker", ["writes", "dies first", "none"])
def test_the_folders_are_made_by_whichever_process_writes_first(tmp_path, monkeypatch, worker):
    """Without files to link, the staging folder's subfolders are made by the write's worker while
    this process checks the links, not before; a worker that dies before making them, or no
    worker at all, leaves them to this process: every file is written all the same."""
    _two_cores(monkeypatch)
    files, parent = _nested_files(), os.getpid()
    if worker == "dies first":
        chunk = write.Staging._write_chunk
        monkeypatch.setattr(write.Staging, "_write_chunk",
                            lambda self, k: os._exit(1) if os.getpid() != parent else chunk(self, k))
    elif worker == "none":
        monkeypatch.setattr(write, "start_share", lambda *a, **k: None)
    out = tmp_path / "out"
    staging = write.Staging(out, files, tmp_path / "src")
    assert staging.unmade and sorted(os.listdir(staging.temp)) == []  # (nothing made before start)
    staging.start()
    assert staging.finish() == len(files)
    assert {p.relative_to(out).as_posix(): p.read_text() for p in out.rglob("*.html")} == \
        {rel: text.value for rel, text in files.items()}


@fork_only
def test_the_kept_values_the_worker_took_reach_this_process_with_its_last_results(tmp_path, monkeypatch):
    """The team's worker reports, with its last share's results, which values of the run's blobs
    it took (kept_bundle.report): this process counts them as its own when it saves the blob."""
    import marshal
    from specsite import kept_bundle
    _two_cores(monkeypatch)
    key, values = ("test", 2), {f"v{i}": i for i in range(10)}
    blob = marshal.dumps(values)
    head = marshal.dumps((key, len(blob)))
    blob_file = tmp_path / "single.b.marshal"
    blob_file.write_bytes(len(head).to_bytes(8, "little") + head + blob)
    monkeypatch.setattr(kept_bundle, "_OPEN", [])
    bundle = kept_bundle.Bundle.of_command(str(tmp_path / "single.marshal"), "b", key)
    assert bundle.get("v0") == 0  # (read before the fork, as a build's blobs are)

    took = tmp_path / "took"

    def work(i):
        if crew.worker:
            bundle.served.add(f"v{i}")
            took.touch()
        else:
            wait_for(took)  # (the worker takes an item before this process does any)
        return i

    with team.Team.start(100, 1) as crew:
        assert crew.share(work, 10, last=True) == list(range(10))
    assert bundle.elsewhere and bundle.elsewhere <= set(values)
