#!/usr/bin/env bash
# mypy (strict, see pyproject.toml) on the Qt-free code under its import names.
# The folders are mapped under `clearsight` only at install time (package-dir), so mypy is
# shown the same layout through a tree of symlinks.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-$top/.venv/bin/python}
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
mkdir "$tree/clearsight"
for entry in "$top"/desktop/*; do
  name=$(basename "$entry")
  [ "$name" = ui ] || ln -s "$entry" "$tree/clearsight/$name"
done
ln -s "$top/db" "$tree/clearsight/db"
cd "$top"
MYPYPATH="$tree" "$python" -m mypy --config-file "$top/pyproject.toml" -p clearsight "$@"
