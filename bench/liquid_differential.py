#!/usr/bin/env python3
"""Differential test of Liquid, YAML front matter and Jekyll's variables: specsite against Jekyll 4.3.1.

    python3 bench/liquid_differential.py [--cases 1000] [--seed 1] [--chunk 150] [--mutation 0.05]
                                         [--corpus /work/corpora/liqx3] [--specsite-only] [--show 3] [--repo DIR]
                                         [--no-layouts]

Generates --cases random pages (bench/liquid_cases.py: filters, tags, operators, drops, YAML values,
a few mutated templates for lax parsing and errors; and what layouts write: sort/where_exp/group_by_exp
chains over site.pages and the collections, date formats, includes with parameters, unless --no-layouts) into sites of --chunk pages each under
CORPUS/seed-S/, builds each with `jekyll build` (run from /, so Bundler stays out) and with
`python3 -m specsite build` (this checkout), and compares, per case: whether the build fails on
it (Jekyll stops at the first error: here a page that raises is recorded and the build goes
on, as if it were run again without that page; specsite's failing pages are moved out and the site
built again), its output unit by unit, and whether it warns.

Printed: the figures (cases, differing cases) and a table of the differing cases grouped by cause
(the feature of the first differing unit, and how it differs), with examples. --specsite-only
reuses the Jekyll builds of an earlier run of the same seed (results in CORPUS/seed-S/jekyll.json),
to measure a fix quickly; --repo runs another checkout's specsite (a `git archive` of main, for
the figures before a branch's fixes). Exit status 0; the figures are the result.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import liquid_cases  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CASE_RE = re.compile(r"(?:cases|_data)/(c\d{5})")
MARK_RE = re.compile(r"@@(\d+)@@")
SPECSITE_DIAG = re.compile(r"^((?:cases|_data)/(c\d{5})[^:]*):(\d+)(?::\d+)?: (error|warning)\[[^\]]*\]: (.*)$", re.M)
JEKYLL_LINE = re.compile(r"\(line (\d+)\)")
ANSI = re.compile(r"\x1b\[\d+m")


@dataclass
class Side:
    """One tool's verdicts for one chunk: failing cases (name -> message, line) and warning cases."""
    failed: dict = field(default_factory=dict)
    warned: dict = field(default_factory=dict)
    unattributed: str = ""
    out: str = ""


def write_chunk(src: Path, config: str, cases: list) -> None:
    shutil.rmtree(src, ignore_errors=True)
    for rel, text in {**liquid_cases.SKELETON, "_config.yml": config}.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text, encoding="utf-8")
    (src / "cases").mkdir()
    for case in cases:
        (src / "cases" / (case.name + case.ext)).write_text(case.page(), encoding="utf-8")
        if case.data is not None:
            (src / "_data" / (case.name + ".yml")).write_text(case.data, encoding="utf-8")


def remove_case(src: Path, name: str) -> None:
    for path in list((src / "cases").glob(name + ".*")) + list((src / "_data").glob(name + ".yml")):
        path.unlink()


# `jekyll build` with one change: a page whose rendering raises is recorded (DIFF-FAIL) and written
# empty, and the build goes on, as if Jekyll were run again without it (the cases are independent)
JEKYLL_BUILD = r"""
require "jekyll"
STDOUT.sync = true
module DiffRescue
  def run
    STDOUT.puts "DIFF-START\t#{document.relative_path}"
    super
  rescue Exception => e
    STDOUT.puts "DIFF-FAIL\t#{document.relative_path}\t#{e.message.gsub(/\s+/, " ")}"
    ""
  end
end
Jekyll::Renderer.prepend(DiffRescue)
Jekyll::Commands::Build.process("source" => ARGV[0], "destination" => ARGV[1])
"""


def _memory_limit() -> None:
    """At most 4 GB of address space for each Jekyll run: a case that makes Ruby grow without end
    (seen with the layout units: 20 GB in one chunk of a shared machine) fails alone, not the machine."""
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))


def run_jekyll(src: Path, out: Path) -> tuple[int, str]:
    shutil.rmtree(out, ignore_errors=True)
    proc = subprocess.run(["nice", "ruby", "-e", JEKYLL_BUILD, str(src), str(out)], cwd="/",
                          capture_output=True, text=True, timeout=600, preexec_fn=_memory_limit)
    return proc.returncode, proc.stdout + proc.stderr


def run_specsite(src: Path, out: Path, repo: Path = REPO) -> tuple[int, str]:
    shutil.rmtree(out, ignore_errors=True)
    proc = subprocess.run(["nice", sys.executable, "-m", "specsite", "build", "--no-cache", "--source", str(src),
                           "--out", str(out)], cwd=repo, capture_output=True, text=True, timeout=600)
    return proc.returncode, proc.stdout + proc.stderr


def bad_data_files(src: Path) -> dict:
    """{case: (message, 0)} of the cases' data files Jekyll cannot read: its data reader's error
    (Utils.safe_load_yaml_file) stops the build without naming the file, so each is read first."""
    files = sorted(str(p) for p in (src / "_data").glob("c*.yml"))
    if not files:
        return {}
    script = ('require "jekyll"; ARGV.each { |f| begin; Jekyll::Utils.safe_load_yaml_file(f); '
              'rescue Exception => e; puts "#{File.basename(f, ".yml")}\\t#{e.class}: #{e.message}"; end }')
    proc = subprocess.run(["nice", "ruby", "-e", script, *files], cwd="/", capture_output=True, text=True, timeout=600)
    return {name: (msg, 0) for name, msg in (ln.split("\t", 1) for ln in proc.stdout.splitlines() if "\t" in ln)}


def build_jekyll(chunk: Path) -> Side:
    """The failing cases from one run of JEKYLL_BUILD, then the outputs and warnings from a real
    `jekyll build` of the others: the wrapper's own code changes what Ruby has interned before
    Jekyll's drops load, and with it the order of a document's keys in jsonify and inspect."""
    side, src = Side(), chunk / "src-jekyll"
    shutil.copytree(chunk / "src", src, dirs_exist_ok=False)
    side.failed.update(bad_data_files(src))
    for name in side.failed:
        remove_case(src, name)
    for _ in range(10):  # (a page that makes Ruby run out of memory is killed with the build: taken out)
        code, log = run_jekyll(src, chunk / "jekyll")
        started = None
        for line in log.splitlines():
            if line.startswith("DIFF-START\t"):
                started = CASE_RE.search(line)
            elif line.startswith("DIFF-FAIL\t"):
                _, path, message = line.split("\t", 2)
                at = JEKYLL_LINE.search(message)
                side.failed[CASE_RE.search(path).group(1)] = (message, int(at.group(1)) if at else 0)
        if code >= 0 or started is None:
            break
        side.failed[started.group(1)] = (f"jekyll was killed (signal {-code}) rendering it", 0)
        remove_case(src, started.group(1))
    for name in side.failed:
        remove_case(src, name)
    for _ in range(20):  # (a page the real build stops on that the wrapper rendered: taken out too)
        shutil.rmtree(chunk / "jekyll", ignore_errors=True)
        proc = subprocess.run(["nice", "jekyll", "build", "-s", str(src), "-d", str(chunk / "jekyll")], cwd="/",
                              capture_output=True, text=True, timeout=600, preexec_fn=_memory_limit)
        red = [ANSI.sub("", ln) for ln in (proc.stdout + proc.stderr).splitlines() if "\x1b[31m" in ln]
        stopped = next((CASE_RE.search(ln) for ln in red if CASE_RE.search(ln)), None)
        if proc.returncode == 0 or stopped is None or stopped.group(1) in side.failed:
            break
        message = next(ln.strip() for ln in red if CASE_RE.search(ln))
        at = JEKYLL_LINE.search(message)
        side.failed[stopped.group(1)] = (message, int(at.group(1)) if at else 0)
        remove_case(src, stopped.group(1))
    if code != 0 or proc.returncode != 0:
        side.unattributed = (log + proc.stdout + proc.stderr)[-2000:]
    for line in (proc.stdout + proc.stderr).splitlines():
        if "\x1b[33m" in line and CASE_RE.search(line):
            side.warned[CASE_RE.search(line).group(1)] = ANSI.sub("", line).strip()[:160]
    shutil.rmtree(src)
    return side


def build_specsite(chunk: Path, repo: Path = REPO, jekyll_failed=()) -> Side:
    """`jekyll_failed`: the cases Jekyll failed on; an error specsite reports in an include (at
    the include's line, naming no case) is put down to those of them that run the include."""
    side, src = Side(), chunk / "src-specsite"
    shutil.copytree(chunk / "src", src, dirs_exist_ok=False)
    while True:
        code, log = run_specsite(src, chunk / "specsite", repo)
        diags = SPECSITE_DIAG.findall(log)
        errors = {name: (msg, int(line)) for _, name, line, sev, msg in diags if sev == "error"}
        if code == 0:
            side.warned = {name: msg[:160] for _, name, _, sev, msg in diags if sev == "warning"}
            break
        if not errors:
            errors = _include_errors(log, src, [n for n in jekyll_failed if n not in side.failed])
        if not errors or set(errors) & set(side.failed):
            side.unattributed = log[-2000:]
            break
        side.failed.update(errors)
        for name in errors:
            remove_case(src, name)
    shutil.rmtree(src)
    return side


INCLUDE_DIAG = re.compile(r"^_includes/([^:]+):\d+(?::\d+)?: error\[[^\]]*\]: (.*)$", re.M)


def _include_errors(log: str, src: Path, candidates: list) -> dict:
    """{case: (message, None)} for the candidates whose page runs an include specsite failed in."""
    found = {}
    for include, message in INCLUDE_DIAG.findall(log):
        for name in candidates:
            page = next(iter((src / "cases").glob(name + ".*")), None)
            if page is not None and f"include {include}" in page.read_text(encoding="utf-8", errors="replace"):
                found[name] = (f"in _includes/{include}: {message}", 0)
    return found


def units_of(html: str) -> dict[int, str]:
    parts = MARK_RE.split(html)
    return {int(parts[i]): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def unit_at_line(case, line: int, body_offset: int) -> str:
    """The feature of the unit on `line` of the page (body line if body_offset, else file line)."""
    front_lines = case.front.count("\n") + 2
    body_line = line - (0 if body_offset else front_lines)
    seen = 0
    for unit in case.units:
        seen += unit.text.count("\n") + 1
        if body_line <= seen:
            return unit.feature
    return "case"


def compare_case(case, chunk: Path, jek: Side, spec: Side) -> list[tuple[str, str, str]]:
    """[(cause, feature, detail)] for one case; empty when specsite matches Jekyll."""
    name, found = case.name, []
    if name in jek.failed or name in spec.failed:
        if (name in jek.failed) != (name in spec.failed):
            who, (msg, line) = ("jekyll", jek.failed[name]) if name in jek.failed else ("specsite", spec.failed[name])
            feature = unit_at_line(case, line, who == "jekyll") if line else "case"
            found.append((f"fails only in {who}", feature, msg[:160]))
        return found
    rel = f"cases/{name}.html"
    theirs = (chunk / "jekyll" / rel).read_text(encoding="utf-8") if (chunk / "jekyll" / rel).exists() else None
    ours = (chunk / "specsite" / rel).read_text(encoding="utf-8") if (chunk / "specsite" / rel).exists() else None
    if theirs != ours:
        if theirs is None or ours is None:
            found.append(("page written by one only", "case", f"jekyll={theirs is not None} specsite={ours is not None}"))
        else:
            a, b = units_of(theirs), units_of(ours)
            keys = sorted(set(a) | set(b))
            bad = [k for k in keys if a.get(k) != b.get(k)] or [-1]
            k = bad[0]
            feature = case.units[k].feature if 0 <= k < len(case.units) else "case"
            found.append(("output", feature, f"unit {k}: {case.units[k].text if k >= 0 else ''!r}\n"
                          f"      jekyll:   {a.get(k, theirs)[:200]!r}\n      specsite: {b.get(k, ours)[:200]!r}"))
    if (name in jek.warned) != (name in spec.warned):
        who, said = ("jekyll", jek.warned) if name in jek.warned else ("specsite", spec.warned)
        found.append((f"warns only in {who}", "case", said[name]))
    return found


def side_to_json(side: Side) -> dict:
    return {"failed": side.failed, "warned": side.warned, "unattributed": side.unattributed}


def side_from_json(data: dict) -> Side:
    return Side({k: tuple(v) for k, v in data["failed"].items()}, dict(data["warned"]), data["unattributed"])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--chunk", type=int, default=150)
    parser.add_argument("--mutation", type=float, default=0.05)
    parser.add_argument("--corpus", type=Path, default=Path("/work/corpora/liqx3"))
    parser.add_argument("--specsite-only", action="store_true")
    parser.add_argument("--show", type=int, default=3, help="examples printed per cause")
    parser.add_argument("--repo", type=Path, default=REPO, help="the specsite checkout to run (default: this one)")
    parser.add_argument("--no-layouts", action="store_true",
                        help="leave out the layout units (bench/liquid_cases.layout_units): the corpus before them")
    args = parser.parse_args(argv)
    root = args.corpus / f"seed-{args.seed}"
    config, cases = liquid_cases.make_cases(args.seed, args.cases, args.mutation, layouts=not args.no_layouts)
    chunks = [cases[i:i + args.chunk] for i in range(0, len(cases), args.chunk)]
    saved = json.loads((root / "jekyll.json").read_text()) if args.specsite_only else {}
    if args.specsite_only and saved.get("cases") != args.cases:
        sys.exit("--specsite-only needs an earlier full run with the same --seed and --cases")
    jekyll_sides = {}
    results = []
    for n, group in enumerate(chunks):
        chunk = root / f"chunk{n:03d}"
        if not args.specsite_only:
            write_chunk(chunk / "src", config, group)
            jekyll_sides[n] = build_jekyll(chunk)
        jek = jekyll_sides.get(n) or side_from_json(saved["chunks"][str(n)])
        spec = build_specsite(chunk, args.repo, tuple(jek.failed))
        for note, side in (("jekyll", jek), ("specsite", spec)):
            if side.unattributed:
                print(f"chunk {n}: {note} failed on no case it names:\n{side.unattributed}", file=sys.stderr)
        for case in group:
            results += [(case.name, *d) for d in compare_case(case, chunk, jek, spec)]
        print(f"chunk {n + 1}/{len(chunks)}: jekyll fails {len(jek.failed)}, specsite fails {len(spec.failed)}, "
              f"differing so far {len({r[0] for r in results})}", file=sys.stderr, flush=True)
    if not args.specsite_only:
        (root / "jekyll.json").write_text(json.dumps({"cases": args.cases, "chunks": {
            str(n): side_to_json(s) for n, s in jekyll_sides.items()}}, indent=1))
    (root / "results.json").write_text(json.dumps(results, indent=0))  # (for a closer look than the table)
    report(args, cases, results)
    return 0


def report(args, cases, results) -> None:
    differing = {r[0] for r in results if not r[1].startswith("warns")}
    warn_only = {r[0] for r in results if r[1].startswith("warns")} - differing
    print(f"seed {args.seed}: {len(cases)} cases, {len(differing)} differing (output or failure), "
          f"{len(warn_only)} more differ only in warnings")
    groups = defaultdict(list)
    for name, cause, feature, detail in results:
        groups[(cause, feature.replace("~mut", ""), "~mut" in feature)].append((name, detail))
    print(f"\n{'cases':>5}  {'how':<24} {'feature':<24} mutated")
    for (cause, feature, mutated), items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        print(f"{len(items):>5}  {cause:<24} {feature:<24} {'yes' if mutated else ''}")
    if args.show:
        print()
        for (cause, feature, mutated), items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            print(f"== {cause} / {feature}{' (mutated)' if mutated else ''}")
            for name, detail in items[: args.show]:
                print(f"  {name}: {detail}")
    print("\nby feature:", dict(Counter(f.replace("~mut", "") for _, c, f, _ in results if not c.startswith("warns"))))


if __name__ == "__main__":
    raise SystemExit(main())
