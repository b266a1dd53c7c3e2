"""What Ruby's CSV parser refuses in a `_data` CSV or TSV file (Jekyll reads them with
CSV.read(headers: true)): Python's csv module reads a quote inside an unquoted field, text after a
closing quote and an unclosed quote as text, where Ruby raises CSV::MalformedCSVError and Jekyll's
build stops. The file's line, as Ruby's message names it."""
from __future__ import annotations

from ..yamlpsych import YamlError

_HINT = ('Quote a field that holds a quote and double the quotes inside it ("say ""hi"""), or '
         'write the field without quotes.')


def malformed(text: str, sep: str) -> YamlError | None:
    """The first MalformedCSVError Ruby's CSV would raise on `text` (fields split by `sep`), or None."""
    if '"' not in text:  # (the usual data file: nothing to check)
        return None
    line, i, n, field_start = 1, 0, len(text), True
    while i < n:
        c = text[i]
        if field_start and c == '"':
            opened = line
            i += 1
            while True:
                j = text.find('"', i)
                if j < 0:
                    return YamlError(f"Unclosed quoted field in line {opened}.", opened, None, _HINT)
                line += text.count("\n", i, j)
                if text.startswith('""', j):
                    i = j + 2
                    continue
                i = j + 1
                break
            if i < n and text[i] not in (sep, "\n", "\r"):
                return YamlError(f"Any value after quoted field isn't allowed in line {line}.", line, None, _HINT)
            field_start = False
        elif c == sep:
            field_start, i = True, i + 1
        elif c == "\n":
            line, field_start, i = line + 1, True, i + 1
        elif c == '"':
            return YamlError(f"Illegal quoting in line {line}.", line, None, _HINT)
        else:
            field_start, i = False, i + 1
    return None
