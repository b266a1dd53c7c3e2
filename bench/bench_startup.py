#!/usr/bin/env python3
"""Start-up cost of a real build (issue 14 goals 1-2): the import time of what a Jekyll-layout
build loads, and the wall and CPU time of `specsite --version` and of `build --no-cache` of a
one-page site and of small real sites, for one or more specsite trees side by side (before/after
a change), and of `build` with the parse cache after a one-page edit of a 140-page Jekyll site
(bench_speed.py's edit row, with CPU time).

    python bench/bench_startup.py [--runs 7] [--tree NAME=PATH ...] [--sites hakaspecs,dose-syntax]
                                  [--edit-pages 140]

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
# the modules a Jekyll-layout build imports before it reads the site, loaded as `build` loads
# them where the tree has the means (the compilations and modules kept by the last run, the
# collector off)
IMPORT = """
import time
started = time.process_time()
import specsite.cli
try:
    from specsite.compile_cache import compile_cache
    from specsite.commands.args import loading
except ImportError:
    import specsite.build, specsite.commands.build
else:
    try:
        from specsite.kept_modules import kept_modules
    except ImportError:
        from contextlib import nullcontext as kept_modules
    with compile_cache(), kept_modules(), loading():
        import specsite.build, specsite.commands.build
print((time.process_time() - started) * 1000)
"""

def env(tree: Path) -> dict:
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**base, "PYTHONPATH": str(tree)}


def import_ms(tree: Path) -> float:
    """CPU ms of importing specsite.cli and what `build` loads, in a fresh process of `tree`."""
    result = subprocess.run([sys.executable, "-c", IMPORT], cwd=tree, env=env(tree), capture_output=True, text=True,
                            check=True)
    return float(result.stdout.split()[-1])

EMPTY = {"_layouts/default.html": "{{content}}\n", "index.md": "---\nlayout: default\n---\nhi\n"}


def timed(tree: Path, args: list) -> tuple[float, float]:
    """(wall ms, CPU ms: user + system) of `build_site.py ARGS` in a fresh process of `tree`."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(tree / "build_site.py"), *args], cwd=tree, env=env(tree),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return (time.perf_counter() - started) * 1000, (usage.ru_utime + usage.ru_stime) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--tree", action="append", default=[], help="NAME=PATH of a specsite tree (default: this one)")
    parser.add_argument("--sites", default="hakaspecs,dose-syntax")
    parser.add_argument("--edit-pages", type=int, default=140, help="pages of the one-page-edit site (0: no edit row)")
    args = parser.parse_args()
    trees = {name: Path(path).resolve() for name, path in (t.split("=", 1) for t in args.tree)} or {"this": REPO}
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}; {args.runs} runs each, medians in ms")
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty"
        for rel, text in EMPTY.items():
            (empty / rel).parent.mkdir(parents=True, exist_ok=True)
            (empty / rel).write_text(text, encoding="utf-8")
        sources = {"empty site": empty}
        for site in filter(None, args.sites.split(",")):
            sources[site] = Path(tmp) / site
            shutil.copytree(SITES / site / "source", sources[site])
        commands = {"specsite --version": lambda name: ["--version"]}
        for label, source in sources.items():
            commands[f"build --no-cache {label}"] = (
                lambda name, source=source, label=label: ["build", "--source", str(source), "--out",
                                                          str(Path(tmp) / f"out-{name}-{label}"), "--no-cache"])
        edited = {}
        if args.edit_pages:
            commands[f"build (cache) after a one-page edit, {args.edit_pages} pages"] = \
                lambda name: ["build", "--source", str(Path(tmp) / f"edit-{name}"),
                              "--out", str(Path(tmp) / f"edit-out-{name}")]
            from bench_speed import corpus  # the GP Connect-sized Jekyll site of bench_speed's edit row
            site = corpus(args.edit_pages, "jekyll")
            for name in trees:
                shutil.copytree(site, Path(tmp) / f"edit-{name}")
                page = sorted((Path(tmp) / f"edit-{name}").rglob("*.md"))
                page = page[len(page) // 2]
                edited[name] = (page, page.read_text(encoding="utf-8"))
        imports = {name: [] for name in trees}
        rows = {(what, name): [] for what in commands for name in trees}
        for name, tree in trees.items():  # warm-up: bytecode written, files cached, the edit site's cache made
            import_ms(tree)
            for what, argv in commands.items():
                timed(tree, argv(name))
        for n in range(args.runs):
            for name, tree in trees.items():
                imports[name].append(import_ms(tree))
                if name in edited:
                    page, text = edited[name]
                    page.write_text(text + f"\nEdited paragraph {n}.\n", encoding="utf-8")
                for what, argv in commands.items():
                    rows[(what, name)].append(timed(tree, argv(name)))
    print(f"{'':52}" + "".join(f"{name + ' wall':>14}{name + ' cpu':>14}" for name in trees))
    label = "import specsite.cli + the build's stages (CPU)"
    print(f"{label:52}" + "".join(f"{statistics.median(imports[n]):14.1f}{'':14}" for n in trees))
    for what in commands:
        cells = ""
        for n in trees:
            got = rows[(what, n)]
            cells += f"{statistics.median(w for w, _ in got):14.1f}{statistics.median(c for _, c in got):14.1f}"
        print(f"{what:52}" + cells)
    print(f"load average {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")


if __name__ == "__main__":
    main()
