"""How specsite's modules import each other: no cycle, and a command line that starts without
loading any stage (`specsite --version` stays fast; bench/bench_speed.py measures it)."""
from __future__ import annotations

import ast
import subprocess
import sys

from conftest import REPO

PACKAGE = REPO / "specsite"


def _modules() -> dict:
    """Dotted name -> path of every module of the package."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(REPO).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imports(name: str, path, modules: dict) -> set:
    """The specsite modules `name` imports, at module level or inside a function."""
    nodes = ast.walk(ast.parse(path.read_text(encoding="utf-8")))
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


def test_no_import_cycle_even_through_imports_inside_functions():
    """Imports inside functions keep start-up lazy; none of them may close a cycle either (a cycle
    through a submodule and its own package's __init__ counts too)."""
    modules = _modules()
    graph = {n: _imports(n, p, modules) for n, p in modules.items()}
    assert _cycle(graph, modules) == []


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


LAZY = ("specsite.releases.model", "specsite.releases.render", "sass", "rapidfuzz", "pygments",
        "importlib.metadata", "multiprocessing", "lxml", "bs4", "dateutil", "hashlib", "json",
        # a Jekyll site renders in its own layouts: our Jinja theme and navigation stay unloaded
        "jinja2", "specsite.theme", "specsite.nav",
        # python-liquid's translation extraction, and inspect (only dataclasses would use it)
        "liquid.messages", "babel", "inspect", "ast", "csv",
        # what a build records for the parse cache's render reuse: --no-cache records nothing
        "specsite.build.render_cache",
        # Rouge's lexers ported (specsite.rouge): each imported with its language's first block
        "specsite.rouge", "specsite.rouge.python", "specsite.rouge.json", "specsite.rouge.go",
        # the Sass page compiler, unicodedata (non-ASCII heading ids, slugify) and base64 (its
        # Liquid filters): loaded by the first page, heading or filter that needs them
        "specsite.sass", "unicodedata", "base64")


def _build_loads(tmp_path, files: dict) -> set:
    """The LAZY modules loaded by a build of a site made of `files`, in a fresh interpreter."""
    src = tmp_path / "site"
    for rel, text in files.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text, encoding="utf-8")
    script = ("import sys; from specsite.cli import main; "
              f"code = main(['build', '--source', {str(src)!r}, '--out', {str(tmp_path / 'out')!r}, '--no-cache']); "
              f"print('LOADED', code, ' '.join(m for m in {LAZY!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120)
    line = next((l for l in result.stdout.splitlines() if l.startswith("LOADED")), None)
    assert line is not None, result.stdout + result.stderr
    _, code, *loaded = line.split()
    assert code == "0", result.stdout + result.stderr
    return set(loaded)


JEKYLL_SITE = {
    "_config.yml": "title: Small\n",
    "_layouts/default.html": "<!DOCTYPE html><html><head><title>{{ page.title }}</title></head>"
                             "<body>{{ content }}</body></html>\n",
    "index.md": "---\nlayout: default\ntitle: Home\n---\n# Home\n\nSee [about](about.html).\n",
    "about.md": "---\nlayout: default\ntitle: About\n---\n# About\n\nBack [home](index.html).\n",
}


def test_a_jekyll_layout_build_loads_only_what_the_site_needs(tmp_path):
    """No release entries, no Sass page, no code block, no broken link, a few pages: the releases
    model and renderer, libsass, Pygments, rapidfuzz, the process pool, the Jinja theme and
    inspect are not imported (issue 14)."""
    assert _build_loads(tmp_path, JEKYLL_SITE) == set()


def test_a_broken_link_like_no_name_of_the_site_does_not_load_rapidfuzz(tmp_path):
    """A did-you-mean is looked for only where a name has enough letters in common with the link
    (diagnostics._reachable); the favicon a layout links to on every page resembles no page."""
    files = dict(JEKYLL_SITE, **{"_layouts/default.html": JEKYLL_SITE["_layouts/default.html"].replace(
        "<title>", '<link rel="icon" href="{{ site.baseurl }}/images/favicon.ico"><title>')})
    assert _build_loads(tmp_path, files) == set()
    files["index.md"] += "\nSee [the about page](abuot.html).\n"  # near about.html: a hint is wanted
    assert _build_loads(tmp_path, files) == {"rapidfuzz"}


def test_a_code_block_and_a_sass_page_load_pygments_and_libsass_but_no_entry_points(tmp_path):
    """What the site uses loads; Pygments' plugin look-up (importlib.metadata) still does not.
    A language with a ported Rouge lexer loads that lexer alone (go); another one (zig) loads Pygments."""
    files = dict(JEKYLL_SITE, **{
        "code.md": "---\nlayout: default\ntitle: Code\n---\n```python\nprint('hi')\n```\n",
        "css/main.scss": "---\n---\n$c: red;\nbody { color: $c; }\n"})
    # json: the Sass source map (libsass' own `import inspect` gets a stand-in: lean_imports.libsass)
    assert _build_loads(tmp_path, files) == {"specsite.rouge", "specsite.rouge.python", "specsite.sass", "sass", "json"}
    files["go.md"] = "---\nlayout: default\ntitle: Go\n---\n```go\nfunc main() {}\n```\n"
    assert _build_loads(tmp_path / "go", files) == {"specsite.rouge", "specsite.rouge.python", "specsite.rouge.go",
                                                    "specsite.sass", "sass", "json"}
    files["zig.md"] = "---\nlayout: default\ntitle: Zig\n---\n```zig\nconst x = 1;\n```\n"
    assert _build_loads(tmp_path / "zig", files) == {"specsite.rouge", "specsite.rouge.python", "specsite.rouge.go",
                                                     "pygments", "specsite.sass", "sass", "json"}


def test_a_mention_loads_lxml_but_not_inspect(tmp_path):
    """jekyll-mentions re-writes a body that mentions someone with lxml; lxml.etree's own imports
    of inspect and gzip get stand-ins (lean_imports.lxml), so neither loads with it."""
    files = dict(JEKYLL_SITE, **{"_config.yml": "title: Small\nplugins: [jekyll-mentions]\n",
                                 "index.md": JEKYLL_SITE["index.md"] + "\nThanks @octocat.\n"})
    assert _build_loads(tmp_path, files) == {"lxml"}


def test_the_faster_spellings_of_third_party_patterns_match_the_same_strings():
    """Each spelling lean_imports compiles in place of a third-party pattern matches exactly what
    that pattern matches: every code point in each character class (first and following position)."""
    import re

    from specsite.lean_imports import FAST_PATTERNS
    every = [chr(c) for c in range(0x110000)]
    for pattern, spelling in FAST_PATTERNS.items():
        ours, theirs = re.compile(spelling), re.compile(pattern)
        assert ours.pattern != theirs.pattern
        for text in ("\n".join(every), "\n".join("a" + c for c in every)):
            assert ours.findall(text) == theirs.findall(text), pattern


def test_yaml_and_liquid_compile_the_faster_spellings():
    script = ("import specsite.build, liquid.context; from specsite.yamlpsych import _yaml; _yaml(); import yaml.reader; "
              "from specsite.lean_imports import FAST_PATTERNS as F; "
              "print(sorted(F.values()) == sorted([yaml.reader.Reader.NON_PRINTABLE.pattern, liquid.context.RE_PROPERTY.pattern]))")
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "True", result.stderr


def test_every_dataclass_has_a_docstring():
    """dataclasses makes a docstring from inspect.signature for a class that has none: about
    0.2 ms per class at every start (21 of a build's 46 classes had none)."""
    missing = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.ClassDef) and ast.get_docstring(node) is None
                    and any("dataclass" in ast.unparse(d) for d in node.decorator_list)):
                missing.append(f"{path.relative_to(REPO)}: {node.name}")
    assert missing == []


def test_a_lazy_pattern_is_used_only_through_what_it_forwards():
    """A LazyPattern (specsite/lazy_re.py) compiles on first use; re's functions and isinstance
    would refuse it, so each module-level one is only ever read as NAME.method or NAME.attribute."""
    import re

    from specsite.lazy_re import LazyPattern
    lazy = LazyPattern(r"(a+)(b)?", re.I)
    assert "compiled" not in vars(lazy)
    real = re.compile(r"(a+)(b)?", re.I)
    assert lazy.sub(r"<\1>", "xAAb a") == real.sub(r"<\1>", "xAAb a") and lazy.groups == 2
    assert [m.span() for m in lazy.finditer("aab")] == [m.span() for m in real.finditer("aab")]
    modules, bad = _modules(), []
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        lazies = {t.id for node in tree.body if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                  and getattr(node.value.func, "id", None) == "LazyPattern" for t in node.targets}
        if not lazies:
            continue
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id in lazies and isinstance(node.ctx, ast.Load):
                if not isinstance(parents.get(node), ast.Attribute):
                    bad.append(f"{name}: {node.id} line {node.lineno}")
        for other, opath in modules.items():
            for node in ast.walk(ast.parse(opath.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and any(a.name in lazies for a in node.names) \
                        and (node.module or "").endswith(name.rpartition(".")[2]):
                    bad.append(f"{other} imports {name}'s lazy pattern")
    assert bad == []


def test_datetime_is_its_c_module_with_every_name_datetime_py_exports():
    """lean_imports.datetime: a command's `datetime` is `_datetime`, which datetime.py itself ends
    by importing everything from; each name of its `__all__` is there, the same object, and a date
    pickled under it loads under datetime.py."""
    script = ("import pickle, sys; import specsite.cli; import datetime, _datetime; "
              "print(datetime is _datetime); print(pickle.dumps(datetime.date(2020, 1, 2)).hex())")
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60)
    same, dumped = result.stdout.split()
    assert same == "True", result.stderr
    import datetime
    import pickle
    assert datetime.__name__ == "datetime" and datetime.__file__.endswith("datetime.py")  # (pytest loaded the real one)
    import _datetime
    for name in datetime.__all__:
        assert getattr(_datetime, name) is getattr(datetime, name), name
    assert pickle.loads(bytes.fromhex(dumped)) == datetime.date(2020, 1, 2)


def test_no_module_binds_a_top_level_name_twice():
    """A pattern, function or class defined again further down a module replaces the first for
    every caller, those above it too (two `_ITEM_TEXT`s in markdown/blocks.py, two `_ITEM_LINE`s in
    markdown/fences.py, each read by the code written for the other)."""
    twice = []
    for path in sorted(PACKAGE.rglob("*.py")):
        seen: dict = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign):
                names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                names = [node.name]
            else:
                names = []
            for name in names:
                if name in seen:
                    twice.append(f"{path.relative_to(REPO)}:{node.lineno}: {name} (first at line {seen[name]})")
                seen.setdefault(name, node.lineno)
    assert twice == []
