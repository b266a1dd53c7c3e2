#!/usr/bin/env bash
# Refresh the locked environments from pyproject.toml's ranges: `bash requirements/lock.sh`.
#
#   requirements/test.txt   runtime + test + ci extras  (the README's test command and .ci/run)
#   requirements/bench.txt  runtime + test + ci + bench extras, same pins as test.txt
#
# uv's universal resolution keeps environment markers, so one lock installs on every Python
# that pyproject allows (3.10+) and every platform; plain pip installs it (hashes checked).
# uv runs from a throwaway venv at a pinned version, so nothing else is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION=0.13.9
tool=$(mktemp -d)
trap 'rm -rf "$tool"' EXIT
python3 -m venv "$tool/venv"
"$tool/venv/bin/python" -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
compile() {
  "$tool/venv/bin/uv" pip compile pyproject.toml --quiet --universal --python-version 3.10 \
    --generate-hashes --no-header --index-url https://pypi.org/simple "$@"
}
header() {
  printf '# Locked by `bash requirements/lock.sh` (uv %s, universal, Python >= 3.10) from pyproject.toml.\n' "$UV_VERSION"
  printf '# Install: python3 -m pip install -r requirements/%s && python3 -m pip install --no-deps -e .\n' "$1"
}
{ header test.txt; compile --extra test --extra ci; } > requirements/test.txt.new
mv requirements/test.txt.new requirements/test.txt
{ header bench.txt; compile --extra test --extra ci --extra bench --constraint requirements/test.txt; } > requirements/bench.txt.new
mv requirements/bench.txt.new requirements/bench.txt
echo "requirements/test.txt: $(grep -c '==' requirements/test.txt) pins; requirements/bench.txt: $(grep -c '==' requirements/bench.txt) pins"
