#!/usr/bin/env python3
"""Build and check a synthetic spec site with specsite, and its peers side by side.

    python bench/bench_site.py [--pages 2000] [--runs 3] [--peers] [--corpus-script PATH]

Makes the corpus with shared/bench/make_corpus.py (plain flavor for specsite, jekyll and mkdocs
flavors for the peers), then prints, per tool, the median wall time of --runs runs, pages per
second and the peak memory (max RSS of the process tree, from wait4). specsite's `check` results
are compared with the corpus' list of deliberately broken links (recall, false reports).
Peers run only with --peers and only where installed: `mkdocs build`, `jekyll build`,
`htmlproofer` on Jekyll's _site, `linkchecker` on the same folder.
Runs alternate between tools so that machine noise hits each alike.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_CORPUS_SCRIPT = REPO.parent / "shared" / "bench" / "make_corpus.py"
OUT = HERE / "out"


def run(cmd, cwd=None, env=None):
    """(seconds, peak RSS in MB, exit code) of one command, children included."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    return seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def corpus(script: Path, pages: int, flavor: str) -> Path:
    target = OUT / f"corpus-{pages}-{flavor}"
    if not (target / "expected-broken.tsv").exists():
        shutil.rmtree(target, ignore_errors=True)
        subprocess.run([sys.executable, str(script), str(target), "--pages", str(pages), "--seed", "1",
                        "--flavor", flavor], check=True, stderr=subprocess.DEVNULL)
    return target


def recall(site: Path) -> str:
    report = OUT / "check.json"
    subprocess.run([sys.executable, str(REPO / "build_site.py"), "check", "--source", str(site),
                    "--format", "json", "--output", str(report)], stderr=subprocess.DEVNULL)
    expected = {tuple(line.rstrip("\n").split("\t")) for line in open(site / "expected-broken.tsv")}
    found = {(d["file"], d["target"]) for d in json.loads(report.read_text()) if d["severity"] == "error"}
    hit = len(expected & found)
    return f"recall {hit}/{len(expected)} ({100 * hit / max(1, len(expected)):.0f}%), false reports {len(found - expected)}"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--peers", action="store_true", help="also time installed peers")
    ap.add_argument("--corpus-script", type=Path, default=DEFAULT_CORPUS_SCRIPT)
    args = ap.parse_args(argv)
    OUT.mkdir(exist_ok=True)
    plain = corpus(args.corpus_script, args.pages, "plain")
    py = sys.executable
    tools = {
        "specsite build, cold (+internal check, write)": [py, str(REPO / "build_site.py"), "build", "--no-cache",
                                                        "--source", str(plain), "--out", str(OUT / "specsite-site")],
        "specsite check (no write)": [py, str(REPO / "build_site.py"), "check", "--source", str(plain)],
    }
    cwd = {}
    if args.peers:
        if shutil.which("mkdocs"):
            mk = corpus(args.corpus_script, args.pages, "mkdocs")
            tools["mkdocs build"] = ["mkdocs", "build", "-q", "-f", str(mk / "mkdocs.yml")]
        if shutil.which("jekyll"):
            jk = corpus(args.corpus_script, args.pages, "jekyll")
            tools["jekyll build (cold: --disable-disk-cache)"] = [
                "jekyll", "build", "-q", "--disable-disk-cache", "-s", str(jk), "-d", str(jk / "_site")]
            cwd["jekyll build (cold: --disable-disk-cache)"] = jk
    results: dict = {name: [] for name in tools}
    for _ in range(args.runs):
        for name, cmd in tools.items():
            results[name].append(run(cmd, cwd=cwd.get(name)))
    if args.peers and shutil.which("jekyll"):
        jk = OUT / f"corpus-{args.pages}-jekyll" / "_site"
        html_tools = {"specsite check --html (Jekyll's _site)": [py, str(REPO / "build_site.py"), "check",
                                                              "--html", str(jk)]}
        if shutil.which("htmlproofer"):
            html_tools["htmlproofer (Jekyll's _site)"] = ["htmlproofer", str(jk), "--disable-external",
                                                           "--checks", "Links,Images"]
        if shutil.which("linkchecker") and args.pages <= 500:  # ~0.3 s a page: too slow for more
            html_tools["linkchecker (Jekyll's _site)"] = ["linkchecker", "--no-status", "--no-warnings",
                                                          "--ignore-url=^https?:", str(jk / "index.html")]
        for name in html_tools:
            results[name] = []
        for _ in range(args.runs):
            for name, cmd in html_tools.items():
                results[name].append(run(cmd))
    print(f"{args.pages} pages, median of {args.runs} runs, {os.cpu_count()} cores")
    print(f"{'tool':45} {'median s':>9} {'pages/s':>9} {'peak MB':>8}  exit")
    for name, runs in results.items():
        seconds = statistics.median(r[0] for r in runs)
        peak = max(r[1] for r in runs)
        print(f"{name:45} {seconds:9.2f} {args.pages / seconds:9.0f} {peak:8.0f}  {runs[-1][2]}")
    print("specsite check:", recall(plain))


if __name__ == "__main__":
    main()
