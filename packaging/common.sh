# shellcheck shell=bash
# Sourced by packaging/setup.sh and packaging/build_bundle.sh: their messages, a log for the
# noisy commands, and the quiet runner, written once. Uses the sourcing script's name.
me=$(basename "$0")

step() { printf '==> %s\n' "$*"; }
warn() { printf '%s: warning: %s\n' "$me" "$*" >&2; }
die() { printf '%s: error: %s\n' "$me" "$*" >&2; exit 1; }

log=$(mktemp -t "clearsight-${me%.sh}.XXXXXX")
trap 'rm -f "$log"' EXIT
# Runs a noisy command quietly; on failure shows the end of its output and stops.
quiet() {
  local what=$1
  shift
  if ! "$@" >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    die "$what failed (command: $*)"
  fi
}
