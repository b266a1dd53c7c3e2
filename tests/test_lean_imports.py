"""specsite.lean_imports: python-liquid starts without the modules a build does not use, and each
of them still works when it is used after all."""
from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from specsite import lean_imports
lean_imports.liquid()
print(sorted(m for m in ("importlib_resources", "dateutil.parser", "asyncio", "babel.messages", "liquid.messages")
             if m in sys.modules))
from liquid import Environment
print(Environment().from_string('{{ "March 14, 2016" | date: "%b %d, %y" }}').render())
import dateutil.parser, importlib_resources
print(callable(dateutil.parser.parse), callable(importlib_resources.files))
import liquid
print(list(liquid.extract_from_template(Environment().from_string("hi"))), liquid.MessageTuple(1, "t", "m", []).lineno)
"""


def test_stand_ins_are_not_imported_and_the_real_modules_work_when_used():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:4] == ["[]", "Mar 14, 16", "True True", "[] 1"]


def test_dataclasses_start_without_inspect_and_use_it_when_a_class_has_no_docstring():
    script = ("import sys; from specsite import lean_imports; lean_imports.dataclasses(); import dataclasses\n"
              "@dataclasses.dataclass(frozen=True)\nclass Documented:\n    '''Has one.'''\n    a: int = 1\n"
              "print('inspect' in sys.modules, Documented(2) == Documented(2))\n"
              "@dataclasses.dataclass\nclass Bare:\n    a: int\n    b: str = 'x'\n"
              "print('inspect' in sys.modules, Bare.__doc__)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:2] == ["False True", "True Bare(a: int, b: str = 'x')"]
