"""Review of branch `small` (kept_modules.py, kept_file.py): the bytecode served from the kept
file must be what the import system would give, and a damaged file must never stop a command.
Skipped where specsite has no kept_modules (main before `small` is merged)."""
from __future__ import annotations

import marshal
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

kept_modules = pytest.importorskip("specsite.kept_modules")
from specsite import kept_file  # noqa: E402

PACKAGE = Path(kept_modules.__file__).resolve().parent
PROBE = """\
import sys
from specsite.cli import main
code = main(["build", "--source", sys.argv[1], "--out", sys.argv[2], "--no-cache"])
import specsite.parse as p
print("CODE", int(code))
print("FILE", p.parse_page.__code__.co_filename)
print("LOADER", type(p.__spec__.loader).__name__)
"""


def _tree(root: Path) -> Path:
    shutil.copytree(PACKAGE, root / "specsite", ignore=shutil.ignore_patterns("__pycache__"))
    return root


def _run(tmp_path: Path, tree: Path) -> subprocess.CompletedProcess:
    site = tmp_path / "site"
    if not site.exists():
        site.mkdir()
        (site / "_config.yml").write_text("title: T\n")
        (site / "index.md").write_text("---\n---\n# Hi {{ site.title }}\n")
    (tmp_path / "probe.py").write_text(PROBE)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}
    env["PYTHONPATH"] = str(tree)
    return subprocess.run([sys.executable, str(tmp_path / "probe.py"), str(site), str(tmp_path / "out")],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)


def _field(result, name):
    return next(line.split(" ", 1)[1] for line in result.stdout.splitlines() if line.startswith(name + " "))


def test_code_of_a_copied_tree_names_its_own_files(tmp_path):
    """Kept code comes from a .pyc that may have been compiled elsewhere (cp -a, a moved venv):
    like SourceLoader.get_code, the kept loader names this tree's source in the code."""
    a = _tree(tmp_path / "a")
    assert _run(tmp_path, a).returncode == 0  # writes a's .pyc files (co_filename a/...)
    b = tmp_path / "b"
    shutil.copytree(a, b)  # (mtimes kept: its .pyc files are valid for its sources)
    first = _run(tmp_path, b)  # keeps b's modules
    second = _run(tmp_path, b)  # serves them
    assert _field(first, "FILE").startswith(str(b))
    assert _field(second, "LOADER") == "_KeptLoader"
    assert _field(second, "FILE").startswith(str(b)), _field(second, "FILE")


def _damage(path: str, name: str) -> None:
    """Change bytes of `name`'s value until marshal.loads raises SystemError (not EOF/Value/TypeError)."""
    kept = kept_file.KeptFile.open(path, kept_modules.KEY)
    offset, length = kept.index[name]
    begin = kept.start + offset
    kept.close()
    data = bytearray(Path(path).read_bytes())
    for j in range(begin, begin + length):
        for value in range(256):
            saved = data[j]
            data[j] = value
            try:
                marshal.loads(bytes(data[begin:begin + length]))
            except SystemError:
                Path(path).write_bytes(bytes(data))
                return
            except Exception:  # noqa: BLE001
                pass
            data[j] = saved
    raise AssertionError("no damage found")


def test_a_damaged_kept_module_is_imported_from_its_source(tmp_path):
    """marshal.loads of a damaged code object raises SystemError: the module is imported from
    its source (and kept anew), never an internal error."""
    a = _tree(tmp_path / "a")
    assert _run(tmp_path, a).returncode == 0
    assert _run(tmp_path, a).returncode == 0  # keeps the modules imported by a build
    _damage(kept_modules.FILE.replace(str(PACKAGE), str(a / "specsite")), "specsite.parse")
    result = _run(tmp_path, a)
    assert _field(result, "CODE") == "0" and "internal error" not in result.stderr, result.stderr[-800:]
    assert _field(result, "LOADER") == "SourceFileLoader"
