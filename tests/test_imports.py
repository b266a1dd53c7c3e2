"""How specsite's modules import each other: no cycle, and a command line that starts without
loading any stage (`specsite --version` stays fast; bench/bench_speed.py measures it)."""
from __future__ import annotations

import ast
import subprocess
import sys

from conftest import REPO

PACKAGE = REPO / "specsite"
COMMAND_LINE = ("specsite.cli", "specsite.commands", "specsite.serve", "specsite.servepages",
                "specsite.check.command", "specsite.diff", "specsite.releases.command", "specsite.crash")


def _modules() -> dict:
    """Dotted name -> path of every module of the package."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(REPO).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imports(name: str, path, modules: dict, *, in_functions: bool) -> set:
    """The specsite modules `name` imports (at module level, or anywhere)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = ast.walk(tree) if in_functions else tree.body
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else [])) if node.level else node.module
            targets = [module] + [f"{module}.{a.name}" for a in node.names]
        else:
            continue
        found |= {t for t in targets if t in modules and t != name}
    return found


def _cycle(graph: dict, among) -> list:
    """A cycle through any of the modules `among`, as a list of names, or []."""
    for start in among:
        stack, seen = [(start, [start])], set()
        while stack:
            node, trail = stack.pop()
            for nxt in graph.get(node, ()):
                if nxt == start:
                    return trail + [start]
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, trail + [nxt]))
    return []


def test_no_module_level_import_cycle():
    modules = _modules()
    graph = {n: _imports(n, p, modules, in_functions=False) for n, p in modules.items()}
    assert _cycle(graph, modules) == []


def test_the_command_line_has_no_cycle_even_through_imports_inside_functions():
    """The commands import their stages when they run; no stage imports a command back."""
    modules = _modules()
    graph = {n: _imports(n, p, modules, in_functions=True) for n, p in modules.items()}
    assert _cycle(graph, [m for m in modules if m.startswith(COMMAND_LINE)]) == []


def test_the_argument_parser_loads_no_stage():
    """Declaring every command (what `--version` and `--help` need) imports none of the stages."""
    script = ("import sys; import specsite.cli as cli; cli.make_parser(); "
              "print(' '.join(sorted(m for m in sys.modules if m.startswith('specsite'))))")
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60)
    loaded = set(result.stdout.split())
    assert "specsite.commands.serve" in loaded, result.stderr
    stages = {"specsite.build", "specsite.discover", "specsite.parse", "specsite.config", "specsite.serve",
              "specsite.check.report", "specsite.diff.compare", "specsite.releases.command", "specsite.liquid"}
    assert loaded & stages == set()
