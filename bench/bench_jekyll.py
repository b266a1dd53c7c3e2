#!/usr/bin/env python3
"""The same Jekyll site built by specsite and by `jekyll build`, side by side.

    python bench/bench_jekyll.py [SITE] [--runs 5] [--pages 1000] [--keep]
    python bench/bench_jekyll.py --corpus [--runs 5] [--python PY]  # every site of ../shared/realsites, one table

SITE is an unchanged Jekyll site (its `_config.yml` folder). Without it, a synthetic spec site is
made with shared/bench/make_corpus.py --flavor jekyll (--pages pages, seed 1) in bench/out/.

Each run builds the site with `specsite build --no-cache` and with `jekyll build --disable-disk-cache`
(Jekyll's cold build: no .jekyll-cache from an earlier run), into fresh folders, alternating
between the two so that machine noise hits both alike. Printed: the median, fastest and
slowest wall time of the runs, peak memory (max RSS of the process tree), the speed-up, and a
parity line — the files Jekyll wrote that specsite did not write at the same path.
Jekyll runs from a scratch folder, so a site's Gemfile does not switch it to Bundler.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPUS_SCRIPT = REPO.parent / "shared" / "bench" / "make_corpus.py"
OUT = HERE / "out"
# bytecode written and read (PYTHONDONTWRITEBYTECODE unset), as an installed package has it: the same as
# bench_speed.py's (--corpus) and bench_startup.py's runs
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(cmd, cwd=None):
    """(seconds, peak RSS in MB, exit code) of one command, children included."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    proc.stderr.close()
    return seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), err


def synthetic_site(pages: int) -> Path:
    target = OUT / f"corpus-{pages}-jekyll"
    if not (target / "_config.yml").exists():
        if not CORPUS_SCRIPT.exists():
            sys.exit(f"no site given and no corpus generator at {CORPUS_SCRIPT}")
        shutil.rmtree(target, ignore_errors=True)
        subprocess.run([sys.executable, str(CORPUS_SCRIPT), str(target), "--pages", str(pages), "--seed", "1",
                        "--flavor", "jekyll"], check=True, stdout=subprocess.DEVNULL)
    return target


def files(folder: Path) -> set:
    if not folder.is_dir():
        return set()
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("site", nargs="?", type=Path, help="a Jekyll site (default: a synthetic corpus)")
    ap.add_argument("--runs", type=int, default=5, help="runs per tool; the median is reported")
    ap.add_argument("--pages", type=int, default=1000, help="pages of the synthetic corpus")
    ap.add_argument("--keep", action="store_true", help="keep both output folders (printed)")
    ap.add_argument("--corpus", action="store_true",
                    help="every real site of ../shared/realsites (a copy of each source), one table")
    ap.add_argument("--python", type=Path, default=None,
                    help="with --corpus: the interpreter that runs specsite (bench_speed.py --python)")
    args = ap.parse_args(argv)
    if args.corpus:
        return corpus(args.runs, args.python)
    site = (args.site or synthetic_site(args.pages)).resolve()
    if not (site / "_config.yml").exists() and not (site / "_config.yaml").exists():
        print(f"warning: {site} has no _config.yml", file=sys.stderr)
    jekyll = shutil.which("jekyll")
    work = Path(tempfile.mkdtemp(prefix="bench-jekyll-"))
    outs = {"specsite": work / "specsite", "jekyll": work / "jekyll"}
    tools = {"specsite build --no-cache": [sys.executable, str(REPO / "build_site.py"), "build", "--no-cache",
                                           "--source", str(site), "--out", str(outs["specsite"])]}
    if jekyll:
        tools["jekyll build --disable-disk-cache"] = [jekyll, "build", "--disable-disk-cache", "-q",
                                                      "-s", str(site), "-d", str(outs["jekyll"])]
    else:
        print("jekyll is not installed (Debian: apt-get install jekyll): timing specsite only", file=sys.stderr)
    results: dict = {name: [] for name in tools}
    scratch = work / "cwd"
    scratch.mkdir()
    try:
        for _ in range(args.runs):
            for name, cmd in tools.items():
                shutil.rmtree(outs[name.split()[0]], ignore_errors=True)  # a cold build each time
                results[name].append(run(cmd, cwd=scratch))
        report(site, results, outs)
    finally:
        if args.keep:
            print(f"outputs kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def corpus(runs: int, python: Path | None = None) -> int:
    """specsite `build` (render, check every link, write) against Jekyll's cold build on every real
    site: bench_speed.py's real-site rows (one implementation of that measure)."""
    sys.path.insert(0, str(HERE))
    import bench_speed
    return bench_speed.main(["--skip", "startup,edit,synthetic,check", "--runs", str(runs)]
                            + (["--python", str(python)] if python else []))


def report(site: Path, results: dict, outs: dict):
    specsite_files = files(outs["specsite"])
    jekyll_files = files(outs["jekyll"])
    pages = sum(1 for f in specsite_files if f.endswith(".html")) or 1
    runs = len(next(iter(results.values())))
    print(f"{site}: {pages} HTML pages, median of {runs} runs, {os.cpu_count()} cores")
    print(f"{'tool':36} {'median s':>9} {'fastest':>8} {'slowest':>8} {'pages/s':>8} {'peak MB':>8}  exit")
    medians = {}
    for name, rows in results.items():
        times = [r[0] for r in rows]
        medians[name] = statistics.median(times)
        print(f"{name:36} {medians[name]:9.2f} {min(times):8.2f} {max(times):8.2f} "
              f"{pages / medians[name]:8.0f} {max(r[1] for r in rows):8.0f}  {rows[-1][2]}")
        if rows[-1][2] != 0:
            print("   " + rows[-1][3].strip().replace("\n", "\n   ")[-2000:])
    if len(medians) == 2:
        ours, theirs = medians["specsite build --no-cache"], medians["jekyll build --disable-disk-cache"]
        print(f"specsite is {theirs / ours:.1f}x {'faster' if ours < theirs else 'slower'} than jekyll build")
        missing = sorted(jekyll_files - specsite_files)
        print(f"output parity: Jekyll wrote {len(jekyll_files)} files; specsite wrote "
              f"{len(jekyll_files) - len(missing)} of them at the same path"
              + (f"; missing: {', '.join(missing[:10])}{' …' if len(missing) > 10 else ''}" if missing else ""))


if __name__ == "__main__":
    sys.exit(main())
