"""`_data/**` (YAML, JSON, CSV, TSV) as Jekyll's `site.data`."""
from __future__ import annotations

import io
import re
from pathlib import Path

from ..diagnostics import Diagnostics
from ..frontmatter import YamlError, load_yaml
from ..yamlpsych import YAML_HINT, bom_as_column
from ..safety import OUTSIDE_HINT, refusal, walk_files


def load_data(data_dir: Path, diags: Diagnostics, *, root: Path | None = None, unsafe: bool = False, load=None):
    """`_data/**` (YAML, JSON, CSV, TSV) as nested mappings, like Jekyll's `site.data`. `load`:
    what reads a YAML text (a cached build's yaml_memo.YamlMemo.load), load_yaml when None."""
    data: dict = {}
    files: dict = {}
    if not data_dir.is_dir():
        return data, files
    load = load or load_yaml
    source = root or data_dir.parent
    base = data_dir.parent

    def refused(path, why):
        diags.warning(_shown(path, source), None, "unsafe-path" if "outside" in why else "special-file",
                      f"this data file {why}", hint=OUTSIDE_HINT if "outside" in why else
                      "Remove it from the data folder.")

    why = refusal(data_dir, source, unsafe)
    if why is not None:
        refused(data_dir, why)
        return data, files
    folders: set = set()
    found = [(path, path.relative_to(data_dir).parts)
             for path in walk_files(data_dir, source, unsafe=unsafe, refused=refused)]
    for path, parts in sorted(((p, parts) for p, parts in found if _read_by_jekyll(parts)), key=_jekyll_order):
        rel = _shown(path, base)
        keys = [data_key(part) for part in parts[:-1]] + [data_key(path.stem)]
        text = ""
        try:
            text = _data_text(path)
            value = _read_data(path.suffix.lower(), text, load)
            if value is not _SKIP and text.startswith(_BOM):
                _warn_bom(diags, rel, path, text, value, load)
        except YamlError as err:
            hint = _BOM_HINT if text.startswith(_BOM) else _CSV_HINT if err.message.startswith("invalid CSV") else (
                _JSON_HINT if err.message.startswith("invalid JSON") else
                err.hint or YAML_HINT if err.message.startswith("invalid YAML") else err.hint)
            diags.error(rel, err.line, "data-file", err.message, column=err.column, hint=hint)
            continue
        except (ValueError, UnicodeDecodeError, OSError) as err:
            diags.error(rel, None, "data-file", f"cannot read data file: {err}", hint=(
                "Save it as UTF-8." if isinstance(err, UnicodeDecodeError) else
                "Check the file's permissions." if isinstance(err, OSError) else "Correct the file's syntax."))
            continue
        if value is _SKIP:
            continue
        node = data
        for depth, key in enumerate(keys[:-1], 1):
            existing = node.get(key)
            if not isinstance(existing, dict) or tuple(keys[:depth]) not in folders:
                existing = node[key] = {}  # (a folder's hash replaces a file's of its name: read_data_to)
                folders.add(tuple(keys[:depth]))
            node = existing
        node[keys[-1]] = value
        files["/".join(keys)] = rel
    return data, files


# DataReader#read_data_to lists a folder as Dir["*.{yaml,yml,json,csv,tsv}"] then its folders:
# the files by extension in that order (case-sensitive), each group sorted, the folders last
_EXTENSIONS = (".yaml", ".yml", ".json", ".csv", ".tsv")


def _read_by_jekyll(parts: tuple) -> bool:
    """Whether DataReader reads the file: no dot-name on its way (the glob's `*` skips them; `_`,
    `#` names are read) and one of its extensions as written (`x.YML` is not)."""
    return not any(part.startswith(".") for part in parts) and parts[-1].endswith(_EXTENSIONS)


def _jekyll_order(item) -> list:
    """Where DataReader reads a file: a later file of the same key wins (`a.yml`, then `a.json`),
    and site.data's keys keep the order they were first read in."""
    _, parts = item
    last = parts[-1]
    group = next(n for n, ext in enumerate(_EXTENSIONS) if last.endswith(ext))
    return [(len(_EXTENSIONS), part) for part in parts[:-1]] + [(group, last)]


def _shown(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


# DataReader#sanitize_filename: `name.gsub(%r![^\w\s-]+|(?<=^|\b\s)\s+(?=$|\s?\b)!, "").gsub(%r!\s+!, "_")`,
# with Ruby's ASCII \w: a letter such as 'é' goes; a space run goes only after a word's first space or
# at the start ('a  b' → 'a_b'), so a trailing one stays ('trail ' → 'trail_')
_UNSAFE_IN_KEY = re.compile(r"[^\w\s-]+|(?:(?<=^)|(?<=\b\s))\s+(?=$|\s?\b)", re.ASCII)
_SPACES = re.compile(r"\s+", re.ASCII)


def data_key(name: str) -> str:
    """DataReader#sanitize_filename: 'error-codes' stays, 'my file' → 'my_file', 'v1.2' → 'v12'."""
    return _SPACES.sub("_", _UNSAFE_IN_KEY.sub("", name))


_SKIP = object()


_BOM = "\ufeff"  # a byte-order mark, as the text of a file that starts with one has it


def _data_text(path: Path) -> str:
    """A data file's text, read once ("" for a name Jekyll reads no data from)."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        with open(path, encoding="utf-8", newline="") as handle:  # Ruby's CSV keeps a quoted field's "\r\n"
            return handle.read()
    return path.read_text(encoding="utf-8") if suffix in (".yml", ".yaml", ".json") else ""


def _read_data(suffix: str, text: str, load):
    if suffix in (".yml", ".yaml"):
        return load(bom_as_column(text))
    if suffix == ".json":
        import json  # here: most sites' data is YAML (json is 2–3 ms to import)
        try:  # (Jekyll reads JSON as YAML: a byte-order mark is a blank column there, and none here)
            return json.loads(bom_as_column(text))
        except json.JSONDecodeError as err:
            raise YamlError(f"invalid JSON: {err.msg}", err.lineno, err.colno) from None
    if suffix in (".csv", ".tsv"):
        problem = ruby_csv_problem(text, "\t" if suffix == ".tsv" else ",") if '"' in text else None
        if problem is not None:  # (CSV::MalformedCSVError stops Jekyll's build)
            raise YamlError(f"invalid CSV: {problem[0].rstrip('.')} (Ruby's CSV refuses it: Jekyll stops the build)",
                            problem[1], None)
        import csv  # here: few sites have CSV data
        rows = csv.DictReader(io.StringIO(text, newline=""), delimiter="\t" if suffix == ".tsv" else ",")
        try:
            return [{k: (v if v != "" else None) for k, v in row.items()} for row in rows]  # Ruby's CSV: empty is nil
        except csv.Error as err:  # reported as the other unreadable data files are
            raise ValueError(str(err)) from None
    return _SKIP


def ruby_csv_problem(text: str, sep: str) -> tuple | None:
    """(Ruby's words, line) for what Ruby's CSV parser refuses where Python's reads on: a quote inside
    an unquoted field ('5" screen'), text after a quoted field ('"a"b'), a quoted field never closed.
    Lines count from 1 at the file's first line (the header row); a quoted field may span lines."""
    line, i, n, at_start = 1, 0, len(text), True
    while i < n:
        char = text[i]
        if char == '"' and at_start:
            first = line
            while True:
                end = text.find('"', i + 1)
                if end < 0:
                    return f"Unclosed quoted field in line {first}.", first
                line += text.count("\n", i + 1, end)
                i = end + 1
                if not text.startswith('"', i):
                    break
            if i < n and text[i] not in (sep, "\n", "\r"):
                return f"Any value after quoted field isn't allowed in line {line}.", line
            at_start = False
            continue
        if char == '"':
            return f"Illegal quoting in line {line}.", line
        at_start = char in (sep, "\n", "\r")
        line += char == "\n"
        i += 1
    return None


def config_byte_order_mark(config, diags: Diagnostics) -> None:
    """Configuration#safe_load_file reads `_config.yml` with no `bom|` either (config.py reads it
    as Jekyll does): warned where the mark leaves settings out."""
    path = config.source / config.config_file if config.config_file else None
    if path is None or not _starts_with_bom(path):
        return
    try:
        whole = load_yaml(path.read_text(encoding="utf-8")[1:])
    except (YamlError, OSError, UnicodeDecodeError):
        return
    left = [str(k) for k in (whole if isinstance(whole, dict) else {}) if k not in config.site]
    if left:
        diags.warning(config.config_file, 1, "byte-order-mark", "the file starts with a byte-order mark, which "
                      "Jekyll's YAML reader takes as one column of indent: it reads the settings up to the first "
                      f"line in column 0, and leaves out {', '.join(repr(k) for k in left[:5])}"
                      f"{' …' if len(left) > 5 else ''}", hint="Save it as UTF-8 without a byte-order mark.")


_JSON_HINT = ("Correct the JSON at the place named: keys and strings in double quotes, no comma after the "
              "last item, a value after each ':'.")
_CSV_HINT = 'Quote a field that holds a quote, and double the quotes inside it: "5"" screen".'
_BOM_HINT = ("The file starts with a byte-order mark, which Jekyll's YAML reader takes as one column of indent "
             "(it fails here as well): save it as UTF-8 without a byte-order mark.")


def _starts_with_bom(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(3) == b"\xef\xbb\xbf"


def _warn_bom(diags: Diagnostics, rel: str, path: Path, text: str, value, load) -> None:
    """Where the byte-order mark changes what Jekyll reads: YAML cut short, a CSV first column
    whose name starts with the mark (`row.Name` is nil)."""
    hint = "Save it as UTF-8 without a byte-order mark."
    if path.suffix.lower() in (".csv", ".tsv"):
        first = next(iter(value[0]), "") if value and isinstance(value[0], dict) else ""
        diags.warning(rel, 1, "byte-order-mark", f"the file starts with a byte-order mark, which Jekyll keeps "
                      f"in the first column's name ('{first.lstrip(chr(0xFEFF))}' is found only with the mark)",
                      hint=hint)
        return
    try:
        intended = load(text[1:]) if path.suffix.lower() != ".json" else value
    except YamlError:
        intended = None
    if intended != value:
        diags.warning(rel, 1, "byte-order-mark", "the file starts with a byte-order mark, which Jekyll's YAML "
                      "reader takes as one column of indent: the data ends at the first line that starts in "
                      "column 0 (Jekyll reads less than the file holds)", hint=hint)
