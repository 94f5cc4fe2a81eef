#!/usr/bin/env bash
# mypy (strict, see [tool.mypy] in pyproject.toml) on the Qt-free code, the tree as it is:
# the import path is the folder path (desktop/clearsight/...), and the window's folder is left out.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-$top/.venv/bin/python}
cd "$top"
"$python" -m mypy --config-file "$top/pyproject.toml" "$@"
