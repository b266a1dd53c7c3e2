"""Start-up and exit shortcuts change nothing a user sees: python-liquid's stand-ins leave the
real modules importable, and the process entry's fast exit keeps output and exit codes."""
from __future__ import annotations

import subprocess
import sys

from conftest import FIXTURES, REPO

PROBE = """
import sys, types
import specsite.build  # python-liquid imported through specsite.lean_imports
assert "liquid" in sys.modules
for name in ("asyncio", "babel.messages", "liquid.extra"):
    assert name not in sys.modules, name + " was imported at start-up (or its stand-in left behind)"
import asyncio, babel.messages, liquid.extra
for module in (asyncio, babel.messages, liquid.extra):
    assert type(module) is types.ModuleType, module
from liquid import Environment
env = Environment(extra=True)  # the extras load when asked for
assert env.from_string("{{ 'a,b' | split: ',' | size }}").render() == "2"
import liquid.builtin.loaders.file_system_loader as loader
assert loader.asyncio.get_running_loop is asyncio.get_running_loop  # the async loader still works
import liquid.messages
assert liquid.messages.Catalog().locale is None  # translation extraction still works
print("ok")
"""


def test_liquid_stand_ins_leave_the_real_modules_importable():
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout, result.stderr) == (0, "ok\n", "")


def test_process_entry_keeps_output_and_exit_code(tmp_path):
    """build_site.py exits through os._exit: the findings and summary still reach a pipe, and
    the exit code is the command's (1: the fixture has broken links)."""
    result = subprocess.run([sys.executable, str(REPO / "build_site.py"), "check", "--source",
                             str(FIXTURES / "check-fail"), "--format", "json"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stdout.rstrip().endswith("]") and '"rule": "broken-link"' in result.stdout
    ok = subprocess.run([sys.executable, "-m", "specsite", "check", "--source", str(FIXTURES / "check-pass")],
                        cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr


def test_cheaper_liquid_paths_resolve_and_limit_as_before():
    """specsite.liquid's faster variable paths and output limit: nested paths, first/size, and the
    limit still counted in UTF-8 bytes (5 characters of 'é' are 10 bytes)."""
    import specsite.liquid  # noqa: F401 - installs the cheaper paths
    from liquid import Environment
    from liquid.exceptions import OutputStreamLimitError

    class Limited(Environment):
        output_stream_limit = 10

    env = Limited()
    assert env.from_string("{{ a[b.c] }}|{{ x.first }}|{{ x.size }}|{{ y[0] }}").render(
        a={"k": "v"}, b={"c": "k"}, x=[1, 2], y=["z"]) == "v|1|2|z"
    assert env.from_string("{{ s }}").render(s="ééééé") == "ééééé"  # 10 bytes: at the limit
    try:
        env.from_string("{{ s }}x").render(s="ééééé")  # 11 bytes, 6 characters
    except OutputStreamLimitError:
        pass
    else:
        raise AssertionError("the output limit counted characters, not bytes")
