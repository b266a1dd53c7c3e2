#!/usr/bin/env python3
"""Incremental rebuilds: a one-page edit under `serve`, and `build` of unchanged sources.

    python bench/bench_rebuild.py [--pages 2000] [--runs 5] [--sample-site] [--peers]

1. serve: the preview's rebuild after appending a line to one page (median of --runs edits),
   on the repository's sample site (--sample-site) and on a synthetic corpus of --pages pages.
2. build of unchanged sources: `specsite build` with a warm parse cache vs a cold one
   (--no-cache), and with --peers `jekyll build` warm (.jekyll-cache) vs cold
   (--disable-disk-cache), alternating runs; the warm and cold specsite outputs are compared
   byte for byte.
"""
from __future__ import annotations

import argparse
import filecmp
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from bench_site import OUT, DEFAULT_CORPUS_SCRIPT, corpus, run  # noqa: E402
from specsite.serve import Preview  # noqa: E402


def edit_rebuilds(source: Path, runs: int) -> list[float]:
    preview = Preview(source, log=open("/dev/null", "w"))
    preview.rebuild()
    page = sorted((source / "pages").rglob("*.md"))[len(list((source / "pages").rglob("*.md"))) // 2]
    original = page.read_text(encoding="utf-8")
    times = []
    try:
        for n in range(runs):
            page.write_text(original + f"\nEdited paragraph {n}.\n", encoding="utf-8")
            started = time.perf_counter()
            preview.rebuild()
            times.append(time.perf_counter() - started)
    finally:
        page.write_text(original, encoding="utf-8")
    return times


def same_tree(a: Path, b: Path) -> bool:
    cmp = filecmp.dircmp(a, b)
    stack = [cmp]
    while stack:
        c = stack.pop()
        if c.left_only or c.right_only or c.diff_files or c.funny_files:
            return False
        mismatch = filecmp.cmpfiles(c.left, c.right, c.common_files, shallow=False)[1]
        if mismatch:
            return False
        stack.extend(c.subdirs.values())
    return True


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sample-site", action="store_true")
    ap.add_argument("--peers", action="store_true")
    ap.add_argument("--corpus-script", type=Path, default=DEFAULT_CORPUS_SCRIPT)
    args = ap.parse_args(argv)
    OUT.mkdir(exist_ok=True)
    if args.sample_site:
        copy = OUT / "sample-site"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(REPO, copy, ignore=shutil.ignore_patterns(".git", "build", "bench", "tests", ".specsite-cache"))
        t = edit_rebuilds(copy, args.runs)
        print(f"serve, sample site, one-page edit: median {1000 * statistics.median(t):.0f} ms "
              f"(min {1000 * min(t):.0f}, max {1000 * max(t):.0f}, {len(t)} edits)")
    plain = corpus(args.corpus_script, args.pages, "plain")
    t = edit_rebuilds(plain, args.runs)
    print(f"serve, {args.pages} pages, one-page edit: median {1000 * statistics.median(t):.0f} ms "
          f"(min {1000 * min(t):.0f}, max {1000 * max(t):.0f}, {len(t)} edits)")

    py = sys.executable
    tools = {
        "specsite build, cold (--no-cache)": [py, str(REPO / "build_site.py"), "build", "--no-cache",
                                              "--source", str(plain), "--out", str(OUT / "cold")],
        "specsite build, unchanged sources (warm cache)": [py, str(REPO / "build_site.py"), "build",
                                                           "--source", str(plain), "--out", str(OUT / "warm")],
    }
    subprocess.run(tools["specsite build, unchanged sources (warm cache)"], stderr=subprocess.DEVNULL)
    cwd = {}
    if args.peers and shutil.which("jekyll"):
        jk = corpus(args.corpus_script, args.pages, "jekyll")
        tools["jekyll build, cold (--disable-disk-cache)"] = ["jekyll", "build", "-q", "--disable-disk-cache",
                                                             "-s", str(jk), "-d", str(jk / "_site")]
        tools["jekyll build, unchanged sources (.jekyll-cache)"] = ["jekyll", "build", "-q", "-s", str(jk),
                                                                    "-d", str(jk / "_site")]
        subprocess.run(tools["jekyll build, unchanged sources (.jekyll-cache)"], cwd=jk, stdout=subprocess.DEVNULL)
        cwd = {name: jk for name in tools if name.startswith("jekyll")}
    results = {name: [] for name in tools}
    for _ in range(args.runs):
        for name, cmd in tools.items():
            results[name].append(run(cmd, cwd=cwd.get(name)))
    # (no memory column: these children are forked from a process that already holds a preview,
    # and ru_maxrss counts the parent's pages from before exec)
    print(f"{'build':50} {'median s':>9}")
    for name, runs in results.items():
        print(f"{name:50} {statistics.median(r[0] for r in runs):9.2f}")
    print("warm output byte-identical to cold:", same_tree(OUT / "cold", OUT / "warm"))


if __name__ == "__main__":
    main()
