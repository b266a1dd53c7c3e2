"""A CSV data file Ruby's CSV parser refuses stops Jekyll 4.3.1's build (CSV::MalformedCSVError,
where Python's csv module reads on): specsite reports a data-file error at the line, in Ruby's
words; what Ruby reads (doubled quotes, a quoted line break) is read the same. Where `jekyll` is
installed each file is built by it too."""
from __future__ import annotations

import shutil

import pytest

from conftest import build_site, diagnostics_of, jekyll_build, make_site
from specsite.discover.data import ruby_csv_problem

JEKYLL = shutil.which("jekyll")
REFUSED = {  # file, its text, the line Ruby names, Ruby's words
    "unclosed": ("x.csv", 'a,b\n"unclosed,2\n', 2, "Unclosed quoted field"),
    "inch-mark": ("x.csv", 'a,b\n5" screen,2\n', 2, "Illegal quoting"),
    "after-quote": ("x.csv", 'a,b\n"x"y,2\n', 2, "Any value after quoted field isn't allowed"),
    "blank-before-quote": ("x.csv", 'a,b\n1,2\n3, "q"\n', 3, "Illegal quoting"),
    "tsv": ("x.tsv", 'a\tb\n"x"\t2\nq"\t3\n', 3, "Illegal quoting"),
}
READ = 'a,b\n"x ""q"" y",2\n"multi\nline",3\n'


def _files(name, text):
    return {"_config.yml": "title: t\n", f"_data/{name}": text, "a.md": "---\n---\n{{ site.data.x | jsonify }}\n"}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_csv_ruby_refuses_is_a_data_file_error_at_its_line(tmp_path, case):
    name, text, line, words = REFUSED[case]
    site = build_site(make_site(tmp_path / "site", _files(name, text)))
    [found] = diagnostics_of(site, "data-file")
    assert (found.path, found.line, found.severity) == (f"_data/{name}", line, "error") and words in found.message


def test_what_ruby_reads_is_no_problem():
    assert ruby_csv_problem(READ, ",") is None


@pytest.mark.skipif(JEKYLL is None, reason="jekyll is not installed")
@pytest.mark.parametrize("case", sorted(REFUSED))
def test_jekyll_fails_on_it_with_those_words(tmp_path, case):
    name, text, line, words = REFUSED[case]
    run = jekyll_build(make_site(tmp_path / "site", _files(name, text)), tmp_path / "out", check=False)
    assert run.returncode != 0 and f"{words} in line {line}." in run.stderr + run.stdout
