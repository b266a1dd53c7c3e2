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


LIQUID_UNUSED = ("liquid.builtin.loaders.file_system_loader", "liquid.builtin.loaders.choice_loader",
                 "liquid.builtin.loaders.package_loader", "liquid.builtin.loaders.caching_file_system_loader",
                 "liquid.static_analysis", "liquid.utils.html", "html.parser", "liquid.future")


def test_liquid_starts_without_loaders_analysis_and_html_parser_which_work_when_used(tmp_path):
    (tmp_path / "a.html").write_text("<b>{{ x }}</b>", encoding="utf-8")
    script = (f"import sys\nfrom specsite import lean_imports\nlean_imports.liquid()\n"
              f"print([m for m in {LIQUID_UNUSED!r} if m in sys.modules])\n"
              "import liquid\n"
              f"env = liquid.Environment(loader=liquid.FileSystemLoader({str(tmp_path)!r}))\n"
              "print(env.get_template('a.html').render(x=1), env.from_string('{{ y | strip_html | upcase }}')"
              ".render(y='<i>a</i>'))\n"
              "print(sorted(env.from_string('{{ a | upcase | split: \",\" }}').analyze().filters))\n"
              "import liquid.static_analysis as s, liquid.future\n"
              "print(s.RE_PROPERTY.fullmatch('a\u00e9') is not None, isinstance(liquid.ChoiceLoader([]), "
              "liquid.builtin.loaders.choice_loader.ChoiceLoader), callable(liquid.future.Environment))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:4] == ["[]", "<b>1</b> A", "['split', 'upcase']", "True True True"]


def test_rapidfuzz_starts_without_its_distance_package_which_works_when_used():
    script = ("import sys\nfrom specsite import lean_imports\nlean_imports.rapidfuzz()\n"
              "from rapidfuzz import fuzz, process\n"
              "print(process.extractOne('abuot', ['index', 'about'], scorer=fuzz.ratio, score_cutoff=60)[:2],"
              " 'rapidfuzz.distance' in sys.modules, 'rapidfuzz.distance.Levenshtein' in sys.modules)\n"
              "print(fuzz.partial_ratio_alignment('abc', 'xabcx').dest_start)\n"
              "from rapidfuzz.distance import Levenshtein, ScoreAlignment\n"
              "import rapidfuzz\n"
              "print(Levenshtein.distance('ab', 'ac'), rapidfuzz.distance.ScoreAlignment is ScoreAlignment)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:3] == ["('about', 80.0) False False", "1", "1 True"]


def test_html_starts_without_its_entity_tables_and_unescapes_as_with_them():
    """`html` imported with python-liquid reads html.entities' table at its first entity: the
    same text out of unescape as the real table gives (names with and without ';', prefixes)."""
    script = ("import sys; from specsite import lean_imports; lean_imports.liquid(); import html\n"
              "print('html.entities' in sys.modules, html.unescape('no entity at all'))\n"
              "text = 'a &amp; b &eacute; &notin &notit; &#x41; &lt;&gt &nbsp;x &ampere; &Aacute &bogus;'\n"
              "ours = html.unescape(text)\n"
              "import html.entities, importlib; plain = importlib.reload(html)\n"
              "print(ours == plain.unescape(text), dict(html._html5) == html.entities.html5 if hasattr(html, '_html5') else 0)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    first, second = done.stdout.splitlines()
    assert first == "False no entity at all" and second.startswith("True")


def test_urllib_parse_and_shutil_start_without_ipaddress_zlib_bz2_and_lzma_which_work_when_used():
    """(-S: this machine's site hooks import all of them before any specsite code runs.) shutil
    offers the archive formats it offered with the real modules."""
    import os
    import shutil
    import specsite
    root = os.path.dirname(os.path.dirname(specsite.__file__))
    script = (f"import sys; sys.path.insert(0, {root!r}); from specsite import lean_imports\n"
              "lean_imports.urllib_parse(); lean_imports.shutil(); import shutil, urllib.parse\n"
              "print([m for m in ('ipaddress', 'zlib', 'bz2', 'lzma') if m in sys.modules])\n"
              "print(sorted(name for name, _ in shutil.get_archive_formats()))\n"
              "print(urllib.parse.urlsplit('http://[::1]:80/a').hostname)\n"
              "try:\n    urllib.parse.urlsplit('http://[1.2.3.4]/')\nexcept ValueError as err:\n    print(err)\n"
              "import bz2, lzma, ipaddress, zlib\n"
              "print(bz2.decompress(bz2.compress(b'x')), type(ipaddress.ip_address('::1')).__name__, zlib.crc32(b'x'))")
    done = subprocess.run([sys.executable, "-S", "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["[]", str(sorted(name for name, _ in shutil.get_archive_formats())), "::1",
                                        "An IPv4 address cannot be in brackets", "b'x' IPv6Address 2363233923"]


def test_pathlib_starts_without_ntpath_and_windows_paths_still_work():
    """(-S: this machine's site hooks import ntpath before any specsite code runs.)"""
    import os
    import specsite
    root = os.path.dirname(os.path.dirname(specsite.__file__))
    script = (f"import sys; sys.path.insert(0, {root!r}); from specsite import lean_imports\n"
              "lean_imports.pathlib(); import pathlib\n"
              "print('ntpath' in sys.modules)\n"
              "print(pathlib.PureWindowsPath('C:/a/b').parent, pathlib.PureWindowsPath('C:/A').as_uri())\n"
              "print(pathlib._windows_flavour.pathmod.splitdrive('C:/x'))\n"
              "import ntpath; print(ntpath.__name__, type(ntpath).__name__)")
    done = subprocess.run([sys.executable, "-S", "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["False", "C:\\a file:///C:/A", "('C:', '/x')", "ntpath module"]


def test_liquid_starts_without_threading_and_its_caches_lock_with_the_same_lock():
    """(-S: this machine's site hooks import threading first.) threading.Lock is _thread's
    allocate_lock, so python-liquid's thread-safe caches hold the very lock type they held."""
    import os
    import specsite
    root = os.path.dirname(os.path.dirname(specsite.__file__))
    site = [p for p in sys.path if p.endswith("site-packages")]
    script = (f"import sys; sys.path[:0] = [{root!r}, *{site!r}]; from specsite import lean_imports\n"
              "lean_imports.liquid(); import _thread\n"
              "print('threading' in sys.modules)\n"
              "from liquid.utils.lru_cache import ThreadSafeLRUCache, Lock\n"
              "cache = ThreadSafeLRUCache(2); cache['a'] = 1\n"
              "print(Lock is _thread.allocate_lock, type(cache._lock) is _thread.LockType, cache['a'])\n"
              "import threading; print(threading.Lock is _thread.allocate_lock, threading.active_count())")
    done = subprocess.run([sys.executable, "-S", "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["False", "True True 1", "True 1"]
