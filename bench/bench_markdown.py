"""Markdown conversion alone, on recorded inputs: CPU time per site group and byte-equality
against another checkout (issue 14's markdown speed work).

  bench_markdown.py record INPUTS.pkl GROUP SRC [SRC ...]  # every MarkdownRenderer._convert input of
                                                           # `build --no-cache` of each site (a copy)
  bench_markdown.py run INPUTS.pkl [--runs 3] [--out RESULTS.pkl]
  bench_markdown.py same A.pkl B.pkl                       # two `run --out` results: byte-equal?
  bench_markdown.py ab INPUTS.pkl OTHER_CHECKOUT [--runs 4] [--show]  # this checkout and another in one
                                                           # process, input by input, in turns: byte-equal?
                                                           # CPU? (--show: each differing input's first line)

Run each with PYTHONPATH set to the checkout to measure (e.g. a `git worktree add` of main); compare
checkouts in the same minute, alternating, and read the medians (the machine is shared). `ab` does
the alternating itself, one input at a time (the other checkout's specsite imported under another
name from a copy): a load that comes and goes weighs on both alike.
"""
from __future__ import annotations

import collections
import os
import pickle
import shutil
import statistics
import sys
import tempfile
import time


def record(path: str, group: str, sources: list) -> None:
    os.environ["SPECSITE_JOBS"] = "1"  # (in this process: the workers' inputs would be lost)
    from specsite.cli import main
    from specsite.markdown import renderer
    records, site = [], [None]
    init, convert = renderer.MarkdownRenderer.__init__, renderer.MarkdownRenderer._convert

    def recording_init(self, **options):
        options.pop("highlighter", None)
        self.recorded_options = options
        init(self, **options)

    def recording_convert(self, text):
        records.append((group, site[0], self.recorded_options, text))
        return convert(self, text)
    renderer.MarkdownRenderer.__init__, renderer.MarkdownRenderer._convert = recording_init, recording_convert
    for source in sources:
        site[0] = source
        work = tempfile.mkdtemp(prefix="mdbench")
        copy = os.path.join(work, "src")
        shutil.copytree(source, copy, symlinks=True, ignore=shutil.ignore_patterns(".git", ".specsite-cache", "_site"))
        before = len(records)
        main(["build", "--no-cache", "--source", copy, "--out", os.path.join(work, "out")])
        print(f"{group} {source}: {len(records) - before} inputs", file=sys.stderr)
        shutil.rmtree(work)
    old = pickle.load(open(path, "rb")) if os.path.exists(path) else []
    with open(path, "wb") as f:
        pickle.dump(old + records, f)


def run(path: str, runs: int, out: str | None) -> None:
    from specsite.highlight import Highlighter
    from specsite.markdown.renderer import MarkdownRenderer
    records = pickle.load(open(path, "rb"))

    def one_pass(collect: bool):
        times, results, key, renderer = collections.Counter(), [], None, None
        for group, site, options, text in records:
            if (group, site, id(options)) != key:  # a renderer per site, as a build has
                key, renderer = (group, site, id(options)), MarkdownRenderer(highlighter=Highlighter(), **options)
            start = time.process_time()
            result = renderer._convert(text)
            times[group] += time.process_time() - start
            if collect:
                results.append(repr(result))
        return times, results
    first, results = one_pass(collect=True)
    warm = [one_pass(collect=False)[0] for _ in range(runs)]
    groups = list(dict.fromkeys(r[0] for r in records))
    print(f"{'group':8s} {'inputs':>6s} {'first':>7s} {'warm median':>12s}")
    for group in groups + ["total"]:
        pick = (lambda t: sum(t.values())) if group == "total" else (lambda t, g=group: t[g])
        count = len(records) if group == "total" else sum(r[0] == group for r in records)
        print(f"{group:8s} {count:6d} {pick(first):7.3f} {statistics.median(map(pick, warm)):12.3f}")
    if out:
        with open(out, "wb") as f:
            pickle.dump(results, f)


def ab(path: str, other: str, runs: int, show: bool = False) -> int:
    """This checkout's and `other`'s renderers over the same inputs, each input timed for both in
    turns (which goes first alternating by round); exit 1 when any result differs."""
    import gc
    import importlib
    gc.disable()  # (as a build runs)
    work = tempfile.mkdtemp(prefix="mdab")  # (kept to the end: modules are imported when first used)
    try:
        shutil.copytree(os.path.join(other, "specsite"), os.path.join(work, "specsite_other"),
                        ignore=shutil.ignore_patterns("__pycache__"))
        sys.path.insert(0, work)
        sides = []
        for package in ("specsite", "specsite_other"):
            highlight = importlib.import_module(f"{package}.highlight")
            renderer = importlib.import_module(f"{package}.markdown.renderer")
            sides.append((highlight.Highlighter, renderer.MarkdownRenderer))
        records = pickle.load(open(path, "rb"))
        renderers, key, pairs = [None, None], None, []
        for group, site, options, text in records:  # a renderer per site, as a build has
            if (group, site, id(options)) != key:
                key = (group, site, id(options))
                renderers = [make(highlighter=light(), **options) for light, make in sides]
            pairs.append((renderers, text))
        differ = 0
        for k, ((mine, theirs), text) in enumerate(pairs):
            a, b = mine._convert(text), theirs._convert(text)
            if repr(a) != repr(b):
                differ += 1
                if show:  # (the input's group, site, and its first differing line in each tree)
                    la, lb = a.html.splitlines(), b.html.splitlines()
                    at = next((n for n, (x, y) in enumerate(zip(la, lb)) if x != y), min(len(la), len(lb)))
                    print(f"input {k} {records[k][0]} {records[k][1]}:\n  this:  {la[at:at + 1]}\n  other: {lb[at:at + 1]}")
        clock, spent = time.process_time, [0.0, 0.0]
        for round_ in range(runs):
            order = (0, 1) if round_ % 2 == 0 else (1, 0)
            for renderers, text in pairs:
                for side in order:
                    start = clock()
                    renderers[side]._convert(text)
                    spent[side] += clock() - start
    finally:
        shutil.rmtree(work)
    print(f"{len(pairs)} inputs, {len(pairs) - differ} identical; CPU a round: this {spent[0] / runs:.3f} s, "
          f"{other} {spent[1] / runs:.3f} s ({spent[0] / spent[1]:.3f}x)")
    return 1 if differ else 0


def same(a: str, b: str) -> int:
    one, two = pickle.load(open(a, "rb")), pickle.load(open(b, "rb"))
    differ = [i for i, (x, y) in enumerate(zip(one, two)) if x != y]
    print(f"{len(one) - len(differ)}/{len(one)} identical" + (f"; first differing input: {differ[0]}" if differ else ""))
    return 1 if differ or len(one) != len(two) else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["record"] and len(args) >= 4:
        record(args[1], args[2], args[3:])
    elif args[:1] == ["run"] and len(args) >= 2:
        runs = int(args[args.index("--runs") + 1]) if "--runs" in args else 3
        run(args[1], runs, args[args.index("--out") + 1] if "--out" in args else None)
    elif args[:1] == ["ab"] and len(args) >= 3:
        sys.exit(ab(args[1], args[2], int(args[args.index("--runs") + 1]) if "--runs" in args else 4, "--show" in args))
    elif args[:1] == ["same"] and len(args) == 3:
        sys.exit(same(args[1], args[2]))
    else:
        sys.exit(__doc__)
