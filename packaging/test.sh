#!/usr/bin/env bash
# The full test suite, as CI runs it: set-up with the test tools, lint, format, types, then
# pytest against SQLite and a throwaway PostgreSQL server. Arguments go to pytest.
#
#   bash packaging/test.sh                 # everything
#   bash packaging/test.sh tests/unit -x   # a part
#
# With CI set in the environment the PostgreSQL tests must run: a missing server fails the run
# (CLEARSIGHT_REQUIRE_PG=1), where locally those tests skip with a reason.
# CI also runs the slow tests (pytest -m slow tests/packaging: building the bundle, minutes);
# locally they run with CLEARSIGHT_SLOW_TESTS=1.
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo" || exit 1

step() { printf '==> %s\n' "$*"; }
die() { printf 'test.sh: error: %s\n' "$*" >&2; exit 1; }

bash packaging/setup.sh --dev || die "set-up failed (bash packaging/setup.sh --dev), see above"
py=$repo/.venv/bin/python

failed=()
step "ruff check"
"$repo/.venv/bin/ruff" check desktop db tests || failed+=("ruff check")
step "ruff format --check"
"$repo/.venv/bin/ruff" format --check desktop db tests || failed+=("ruff format --check")

# mypy: packaging/typecheck.sh when there is one (strict on the Qt-free code); otherwise on the
# targets listed one per line in packaging/mypy-targets ('#' starts a comment); otherwise none.
if [ -f packaging/typecheck.sh ]; then
  step "mypy (packaging/typecheck.sh)"
  PYTHON=$py bash packaging/typecheck.sh || failed+=("mypy")
elif [ -f packaging/mypy-targets ]; then
  mapfile -t mypy_targets < <(sed 's/#.*//; s/^[[:space:]]*//; s/[[:space:]]*$//; /^$/d' packaging/mypy-targets)
  if [ "${#mypy_targets[@]}" -gt 0 ]; then
    step "mypy ${mypy_targets[*]}"
    "$py" -m mypy "${mypy_targets[@]}" || failed+=("mypy")
  else
    step "mypy: packaging/mypy-targets lists nothing, skipped"
  fi
else
  step "mypy: neither packaging/typecheck.sh nor packaging/mypy-targets, skipped"
fi

# --- PostgreSQL ------------------------------------------------------------------------------
if [ -n "${CI:-}" ]; then
  export CLEARSIGHT_REQUIRE_PG=1
fi
if ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  # A free port, so two runs (or a developer's own server) do not collide.
  port=$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  pg_log=$(mktemp -t clearsight-pg.XXXXXX)
  if pg_env=$(PGPORT=$port bash tests/helpers/pg_throwaway.sh 2>"$pg_log"); then
    eval "$pg_env"
    pg_stop=$CLEARSIGHT_TEST_PG_STOP
    unset CLEARSIGHT_TEST_PG_STOP
    trap 'eval "$pg_stop"' EXIT
    trap 'exit 130' INT TERM
    export CLEARSIGHT_TEST_PG_URL CLEARSIGHT_TEST_PG_PASSWORD
    step "PostgreSQL: throwaway server on 127.0.0.1:$port"
  else
    cat "$pg_log" >&2
    [ -n "${CI:-}" ] && die "could not start the throwaway PostgreSQL server (tests/helpers/pg_throwaway.sh)"
    step "PostgreSQL: the throwaway server did not start (above); the PostgreSQL tests will skip"
  fi
  rm -f "$pg_log"
else
  [ -n "${CI:-}" ] && die "no PostgreSQL server binaries under /usr/lib/postgresql although CI needs them; setup.sh --dev installs Debian's postgresql package"
  step "PostgreSQL: not installed (apt-get install postgresql); the PostgreSQL tests will skip"
fi

# --- pytest ----------------------------------------------------------------------------------
step "pytest $*"
QT_QPA_PLATFORM=offscreen "$py" -m pytest "$@"
rc=$?
if [ "$rc" = 5 ]; then
  printf '\ntest.sh: error: PYTEST COLLECTED NO TESTS (exit code 5): a run that tests nothing is a failure\n' >&2
  exit 5
fi

# --- slow tests: the PyInstaller bundle ------------------------------------------------------
# The run above leaves them out (pyproject.toml's addopts: -m 'not perf and not slow'); this
# run's -m replaces that one.
if [ -n "${CI:-}" ] || [ -n "${CLEARSIGHT_SLOW_TESTS:-}" ]; then
  step "pytest -m slow tests/packaging (builds the bundle)"
  QT_QPA_PLATFORM=offscreen "$py" -m pytest -m slow tests/packaging
  slow_rc=$?
  [ "$slow_rc" = 5 ] && printf '\ntest.sh: error: no slow test collected in tests/packaging (exit code 5)\n' >&2
  [ "$rc" = 0 ] && rc=$slow_rc
fi
if [ "${#failed[@]}" -gt 0 ]; then
  printf "\ntest.sh: error: failed before pytest: %s\n" "$(IFS=,; echo "${failed[*]}")" >&2
  [ "$rc" = 0 ] && rc=1
fi
exit "$rc"
