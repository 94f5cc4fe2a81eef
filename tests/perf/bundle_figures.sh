#!/usr/bin/env bash
# The bundle's figures: its size on disk, and how long `clearsight --version` takes from the
# bundle against the venv's console script (median of 5 runs each, and their ratio).
#
#   bash packaging/build_bundle.sh && bash tests/perf/bundle_figures.sh
#   bash tests/perf/bundle_figures.sh DIST/clearsight VENV/bin/clearsight
#
# Defaults: dist/clearsight and .venv/bin/clearsight (bash packaging/setup.sh makes the venv).
# The two take turns, after one untimed run each, so a busy machine or a cold disk cache
# slows both alike. Not a pytest test: it needs a built bundle.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bundle=${1:-$repo/dist/clearsight}
venv_exe=${2:-$repo/.venv/bin/clearsight}
runs=5

die() { printf 'bundle_figures.sh: error: %s\n' "$*" >&2; exit 1; }
[ -x "$bundle/clearsight" ] || die "no bundle at $bundle (build it: bash packaging/build_bundle.sh)"
[ -x "$venv_exe" ] || die "no $venv_exe (make it: bash packaging/setup.sh, or pass the venv's clearsight as the second argument)"

export QT_QPA_PLATFORM=offscreen
# Milliseconds one run of "$@" --version takes, wall clock.
time_ms() {
  local start end
  start=$(date +%s%N)
  "$@" --version >/dev/null
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}
median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }

time_ms "$bundle/clearsight" >/dev/null
time_ms "$venv_exe" >/dev/null
bundle_ms=()
venv_ms=()
for _ in $(seq "$runs"); do
  bundle_ms+=("$(time_ms "$bundle/clearsight")")
  venv_ms+=("$(time_ms "$venv_exe")")
done
b=$(median "${bundle_ms[@]}")
v=$(median "${venv_ms[@]}")

echo "bundle size: $(du -sh "$bundle" | cut -f1) ($bundle)"
echo "clearsight --version, median of $runs: bundle ${b} ms, venv ${v} ms, ratio $(awk -v b="$b" -v v="$v" 'BEGIN { printf "%.2f", (v > 0 ? b / v : 0) }')"
echo "  bundle runs (ms): ${bundle_ms[*]}"
echo "  venv runs (ms):   ${venv_ms[*]}"
