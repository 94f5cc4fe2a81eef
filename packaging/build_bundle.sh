#!/usr/bin/env bash
# Build Clearsight as a one-folder bundle that runs without Python: dist/clearsight/clearsight.
# Linux here; the same spec (packaging/clearsight.spec) builds on Windows and macOS, each on its
# own OS (see the README, "Building the bundle").
#
#   bash packaging/build_bundle.sh             # build dist/clearsight/
#   bash packaging/build_bundle.sh --install   # build, then install for this user (below)
#
# Options: --dist DIR (default dist), --work DIR (default build/bundle), --venv DIR (the build
# venv, default build/bundle-venv), --install, --no-build (with --install: install the bundle
# already in --dist).
# --install copies the bundle to ~/.local/opt/clearsight, links ~/.local/bin/clearsight, and puts
# the .desktop file, the metainfo and the icons under $XDG_DATA_HOME (~/.local/share).
# Environment: PYTHON=/path/to/python3.11+ to choose the interpreter.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Folders given on the command line are relative to where the script was started from.
absolute() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$PWD/$1" ;; esac; }
dist=$repo/dist
work=$repo/build/bundle
venv=$repo/build/bundle-venv
install=0
build=1
while [ $# -gt 0 ]; do
  case $1 in
    --dist | --work | --venv)
      if [ $# -lt 2 ] || [ -z "$2" ]; then echo "build_bundle.sh: $1 needs a folder" >&2; exit 2; fi
      case $1 in
        --dist) dist=$(absolute "$2") ;;
        --work) work=$(absolute "$2") ;;
        --venv) venv=$(absolute "$2") ;;
      esac
      shift 2 ;;
    --install) install=1; shift ;;
    --no-build) build=0; shift ;;
    -h | --help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build_bundle.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
  esac
done
[ "$build" = 1 ] || [ "$install" = 1 ] || { echo "build_bundle.sh: --no-build only makes sense with --install" >&2; exit 2; }
cd "$repo"
bundle=$dist/clearsight
app_id=org.clearsight.Clearsight

# shellcheck source=packaging/common.sh
source "$repo/packaging/common.sh"

# --- the build venv --------------------------------------------------------------------------
# PyInstaller lives here and only here: it is not a runtime dependency of the app, and the
# project's own .venv has the package installed editable, which PyInstaller cannot analyse.
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

if [ "$build" = 1 ]; then
  python=$(pick_python) || die "needs Python 3.11 or newer and found none (tried \$PYTHON, python3, python3.13, python3.12, python3.11)"
  "$python" -c 'import venv, ensurepip' 2>/dev/null ||
    die "$python cannot create a venv (no venv/ensurepip module); on Debian: apt-get install python3-venv"
  # The bundle carries libpython; a Python built without it (pyenv's default) cannot be bundled.
  if [ "$(uname -s)" = Linux ] &&
    [ "$("$python" -c 'import sysconfig; print(sysconfig.get_config_var("Py_ENABLE_SHARED"))')" != 1 ]; then
    die "$python has no shared libpython, which PyInstaller needs; use Debian's /usr/bin/python3 (PYTHON=/usr/bin/python3) or rebuild it with --enable-shared"
  fi

  mkdir -p "$dist" "$work" "$(dirname "$venv")"
  # Two builds at once (a developer's and the slow test's) would fight over one venv.
  exec 9>"$venv.lock"
  if command -v flock >/dev/null 2>&1; then
    flock -w 1800 9 || die "another build holds $venv.lock for more than 30 minutes"
  fi

  if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    step "build venv: reusing $venv"
  else
    rm -rf "$venv"
    step "build venv: creating $venv with $("$python" --version)"
    quiet "creating the build venv" "$python" -m venv "$venv"
  fi

  # pip builds a local folder in place, leaving build/lib behind, whose stale files a later
  # wheel would pick up; so the wheel is built from a clean copy of the clone's working tree
  # (uncommitted files included: the bundle is of what is on disk).
  src=$work/src
  rm -rf "$src"
  mkdir -p "$src"
  tar -C "$repo" -cf - --exclude-vcs --exclude=./.venv --exclude=./build --exclude=./dist \
    --exclude='*.egg-info' --exclude=__pycache__ --exclude='./.*_cache' --exclude=./tests . |
    tar -C "$src" -xf -

  # Dependencies are installed again only when pyproject.toml changes; the app always is.
  stamp=$venv/.clearsight-bundle-deps
  want_stamp=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want_stamp" ]; then
    step "build venv: installing clearsight[postgres,bundle] and PyInstaller (the first time downloads ~200 MB)"
    rm -f "$stamp"
    quiet "pip install" "$venv/bin/python" -m pip install --disable-pip-version-check -q "${src}[postgres,bundle]"
    printf '%s\n' "$want_stamp" >"$stamp"
  fi
  step "build venv: installing this working tree's clearsight (not editable)"
  quiet "pip install of the app" "$venv/bin/python" -m pip install --disable-pip-version-check -q \
    --no-deps --force-reinstall "$src"
  version=$("$venv/bin/python" -c 'import clearsight; print(clearsight.__version__)')

  # --- PyInstaller -----------------------------------------------------------------------------
  step "PyInstaller: building $bundle (a few minutes)"
  # Run from the work folder so nothing in the clone shadows the installed package.
  (cd "$work" && quiet "PyInstaller" "$venv/bin/pyinstaller" --noconfirm --log-level WARN \
    --distpath "$dist" --workpath "$work/pyinstaller" "$repo/packaging/clearsight.spec")
  [ -x "$bundle/clearsight" ] || die "PyInstaller finished but $bundle/clearsight is missing"

  # A smoke run: the bundle starts and knows its version without any Python on PATH.
  got=$(env -i PATH=/usr/bin:/bin HOME="$work" QT_QPA_PLATFORM=offscreen "$bundle/clearsight" --version 2>&1) ||
    die "the bundle does not start: $bundle/clearsight --version said: $got"
  [ "$got" = "clearsight $version" ] || die "the bundle says '$got', expected 'clearsight $version'"
  step "built $bundle ($(du -sh "$bundle" | cut -f1)); try: $bundle/clearsight --version"
fi

# --- install for this user -------------------------------------------------------------------
if [ "$install" = 1 ]; then
  [ -x "$bundle/clearsight" ] || die "no bundle at $bundle to install (build it first, without --no-build)"
  [ -n "${HOME:-}" ] || die "HOME is not set: cannot tell where to install"
  opt=$HOME/.local/opt/clearsight
  bin=$HOME/.local/bin
  share=${XDG_DATA_HOME:-$HOME/.local/share}
  step "installing the bundle to $opt"
  mkdir -p "$(dirname "$opt")" "$bin" "$share/applications" "$share/metainfo"
  # Copied beside the old one and swapped in, so a failed copy leaves the old install working.
  rm -rf "$opt.new"
  cp -a "$bundle" "$opt.new"
  rm -rf "$opt.old"
  [ -e "$opt" ] && mv "$opt" "$opt.old"
  mv "$opt.new" "$opt"
  rm -rf "$opt.old"
  ln -sfn "$opt/clearsight" "$bin/clearsight"

  # The .desktop file in packaging/ says Exec=clearsight (a PATH lookup, right for a system
  # package); a user's desktop session often lacks ~/.local/bin on PATH, so this copy names the
  # executable by its full path.
  sed -e "s|^Exec=clearsight|Exec=$opt/clearsight|" -e "/^Exec=/a TryExec=$opt/clearsight" \
    "packaging/$app_id.desktop" >"$share/applications/$app_id.desktop"
  cp "packaging/$app_id.metainfo.xml" "$share/metainfo/"

  # The sizes desktops ask the hicolor theme for. A size that resources/icons lacks is drawn
  # from the SVG by the build venv's Qt; without a build venv it is left out and the desktop
  # scales the SVG instead.
  icons=resources/icons
  mkdir -p "$share/icons/hicolor/scalable/apps"
  cp "$icons/$app_id.svg" "$share/icons/hicolor/scalable/apps/"
  for size in 16 24 32 48 64 128 256; do
    dest=$share/icons/hicolor/${size}x${size}/apps
    mkdir -p "$dest"
    if [ -f "$icons/hicolor/${size}x${size}/apps/$app_id.png" ]; then
      cp "$icons/hicolor/${size}x${size}/apps/$app_id.png" "$dest/"
    elif [ -x "$venv/bin/python" ]; then
      QT_QPA_PLATFORM=offscreen quiet "drawing the ${size}px icon" "$venv/bin/python" \
        packaging/render_icon.py "$icons/$app_id.svg" "$size" "$dest/$app_id.png"
    else
      printf 'build_bundle.sh: warning: no %spx icon and no build venv to draw it; the SVG stands in\n' "$size" >&2
    fi
  done
  # Refresh the desktop's caches where the tools exist; a desktop without them rescans itself.
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$share/applications" || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
  fi
  step "installed: $bin/clearsight, and Clearsight in the desktop's menu (Office)"
  case ":$PATH:" in
    *":$bin:"*) ;;
    *) printf 'build_bundle.sh: note: %s is not on PATH; add it to run clearsight from a terminal\n' "$bin" >&2 ;;
  esac
fi
