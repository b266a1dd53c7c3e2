#!/usr/bin/env python3
"""Start-up cost of a real build (issue 14 goals 1-2): the import time of what a Jekyll-layout
build loads, and the wall time of `build --no-cache` of small real sites, for one or more
specsite trees side by side (before/after a change).

    python bench/bench_startup.py [--runs 7] [--tree NAME=PATH ...] [--sites hakaspecs,dose-syntax]

Each figure is the median of --runs fresh processes, trees alternated run by run so that machine
noise hits them alike; bytecode is written and read (PYTHONDONTWRITEBYTECODE unset), as for an
installed package. Each site is copied to a temporary folder first (never built in ../shared).
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

REPO = Path(__file__).resolve().parent.parent
SITES = REPO.parent / "shared" / "realsites"
# the modules a Jekyll-layout build imports before it reads the site
IMPORT = "import specsite.build, specsite.commands.build"


def env(tree: Path) -> dict:
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**base, "PYTHONPATH": str(tree)}


def import_ms(tree: Path) -> float:
    """specsite's own share of the import (python -X importtime, cumulative of the top-level specsite.* imports)."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-c", IMPORT], cwd=tree, env=env(tree),
                            capture_output=True, text=True, check=True)
    total = 0
    for line in result.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[2].startswith(" specsite"):  # top level: one space of indent
            total += int(parts[1])
    return total / 1000


def build_ms(tree: Path, source: Path, out: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, str(tree / "build_site.py"), "build", "--source", str(source), "--out", str(out),
                    "--no-cache"], cwd=tree, env=env(tree), capture_output=True)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--tree", action="append", default=[], help="NAME=PATH of a specsite tree (default: this one)")
    parser.add_argument("--sites", default="hakaspecs,dose-syntax")
    args = parser.parse_args()
    trees = {name: Path(path).resolve() for name, path in (t.split("=", 1) for t in args.tree)} or {"this": REPO}
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}; {args.runs} runs each, medians in ms")
    with tempfile.TemporaryDirectory() as tmp:
        sites = {}
        for site in args.sites.split(","):
            sites[site] = Path(tmp) / site
            shutil.copytree(SITES / site / "source", sites[site])
        rows = {("import", name): [] for name in trees}
        rows.update({(site, name): [] for site in sites for name in trees})
        for name, tree in trees.items():  # warm-up: bytecode written, files cached
            import_ms(tree)
            for site, source in sites.items():
                build_ms(tree, source, Path(tmp) / f"out-{name}-{site}")
        for _ in range(args.runs):
            for name, tree in trees.items():
                rows[("import", name)].append(import_ms(tree))
                for site, source in sites.items():
                    rows[(site, name)].append(build_ms(tree, source, Path(tmp) / f"out-{name}-{site}"))
    print(f"{'':28}" + "".join(f"{name:>12}" for name in trees))
    for what in ["import"] + list(sites):
        label = "import (specsite.*)" if what == "import" else f"build --no-cache {what}"
        print(f"{label:28}" + "".join(f"{statistics.median(rows[(what, n)]):12.1f}" for n in trees))
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")


if __name__ == "__main__":
    main()
