#!/usr/bin/env bash
# Set up Clearsight from a clone: the system libraries Qt links against (apt), a venv in .venv,
# and the package installed editable into it. Safe to run again: what is there already is kept.
#
#   bash packaging/setup.sh          # the app (SQLite + PostgreSQL driver), plus a demo review
#   bash packaging/setup.sh --dev    # also the test tools, and PostgreSQL for the db tests
#
# Options: --dev, --no-apt (you installed the system packages yourself), --no-demo.
# Environment: PYTHON=/path/to/python3.11+ to choose the interpreter.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"

dev=0
use_apt=1
demo=1
for arg in "$@"; do
  case $arg in
    --dev) dev=1 ;;
    --no-apt) use_apt=0 ;;
    --no-demo) demo=0 ;;
    -h | --help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup.sh: unknown option '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

# shellcheck source=packaging/common.sh
source "$repo/packaging/common.sh"

# --- system packages -------------------------------------------------------------------------
# Linked by Qt: without one of these, `import PySide6.QtWidgets` fails (offscreen is enough for
# tests). Without any font Qt draws empty boxes and says nothing.
qt_offscreen=(libgl1 libegl1 libglib2.0-0 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core)
# A real window (xcb) and a virtual screen for headless runs (xvfb-run).
qt_window=(libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-shape0 libxkbcommon-x11-0 xvfb xauth)

is_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# The first python >= 3.11 found: $PYTHON, then python3, then versioned names.
pick_python() {
  local cand
  for cand in ${PYTHON:-} python3 python3.13 python3.12 python3.11; do
    command -v "$cand" >/dev/null 2>&1 || continue
    if "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      command -v "$cand"
      return 0
    fi
  done
  return 1
}
has_venv() { "$1" -c 'import venv, ensurepip' >/dev/null 2>&1; }

python=$(pick_python || true)
wanted=("${qt_offscreen[@]}" "${qt_window[@]}" ca-certificates)
if [ -z "$python" ]; then
  wanted+=(python3 python3-venv) # Debian 12's python3 is 3.11
elif ! has_venv "$python"; then
  wanted+=(python3-venv) # Debian splits venv/ensurepip out of python3
fi
# The tests' tools: the server the db tests start a throwaway cluster of, and qpdf, which
# checks the structure of the exported PDFs.
[ "$dev" = 1 ] && wanted+=(postgresql qpdf)

if [ "$use_apt" = 1 ] && command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for p in "${wanted[@]}"; do is_installed "$p" || missing+=("$p"); done
  if [ "${#missing[@]}" -gt 0 ]; then
    step "installing system packages: ${missing[*]}"
    sudo=()
    if [ "$(id -u)" != 0 ]; then
      command -v sudo >/dev/null 2>&1 ||
        die "installing system packages needs root or sudo; ask an admin to run: apt-get install ${missing[*]}"
      sudo=(sudo)
    fi
    quiet "apt-get update" "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q update
    quiet "apt-get install" "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get -q -y --no-install-recommends install "${missing[@]}"
  else
    step "system packages: all present"
  fi
elif [ "$use_apt" = 1 ]; then
  warn "no apt-get here: make sure the equivalents of these are installed: ${wanted[*]}"
else
  step "system packages: skipped (--no-apt)"
fi

# --- python and the venv ---------------------------------------------------------------------
python=$(pick_python || true)
[ -n "$python" ] || die "Clearsight needs Python 3.11 or newer and found none (tried \$PYTHON, python3, python3.13, python3.12, python3.11); install one or set PYTHON=/path/to/python3.11"
has_venv "$python" || die "$python cannot create a venv (no venv/ensurepip module); on Debian: apt-get install python3-venv"

venv=$repo/.venv
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  step "venv: reusing .venv ($("$venv/bin/python" --version))"
else
  [ -e "$venv" ] && { step "venv: .venv is broken or too old, making it again"; rm -rf "$venv"; }
  step "venv: creating .venv with $python ($("$python" --version))"
  quiet "creating the venv" "$python" -m venv "$venv"
fi

# --- the package -----------------------------------------------------------------------------
extras=postgres
[ "$dev" = 1 ] && extras=postgres,dev
# Skip pip when pyproject.toml and the extras are what was installed last time: a re-run is
# quick and works offline. Any change to pyproject.toml installs again; a --dev install also
# covers a plain one.
stamp=$venv/.clearsight-installed
pyproject_hash=$(sha256sum pyproject.toml | cut -d' ' -f1)
want_stamp="$extras $pyproject_hash"
have_stamp=$(cat "$stamp" 2>/dev/null || true)
if [ -x "$venv/bin/clearsight" ] && { [ "$have_stamp" = "$want_stamp" ] || [ "$have_stamp" = "postgres,dev $pyproject_hash" ]; }; then
  step "package: clearsight[$extras] already installed"
else
  step "package: installing clearsight[$extras] into .venv (the first time downloads ~150 MB)"
  rm -f "$stamp"
  quiet "pip install" "$venv/bin/python" -m pip install --disable-pip-version-check -q -e ".[$extras]"
  printf '%s\n' "$want_stamp" >"$stamp"
fi
quiet "importing the installed package" "$venv/bin/python" -c 'import clearsight, clearsight.db.store'

# --- a demo review on first set-up -----------------------------------------------------------
# Only for a user's own default database, and only the first time (no database file yet).
if [ "$dev" = 0 ] && [ "$demo" = 1 ] && [ -z "${CLEARSIGHT_DATABASE:-}" ]; then
  db_file=$("$venv/bin/python" -c 'from clearsight.db.store import default_sqlite_path; print(default_sqlite_path())' 2>/dev/null || true)
  if [ -n "$db_file" ] && [ ! -e "$db_file" ]; then
    if review_id=$("$venv/bin/clearsight" demo 2>"$log"); then
      step "demo: added a demo review (id $review_id) to $db_file"
    else
      warn "could not add the demo review: $(tail -n 3 "$log")"
    fi
  fi
fi

step "ready: run .venv/bin/clearsight (headless: xvfb-run -a .venv/bin/clearsight)"
