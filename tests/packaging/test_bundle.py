"""The PyInstaller bundle runs without Python: version, demo, Markdown and PDF export, window.

Slow: builds the bundle with packaging/build_bundle.sh into a temporary folder (about a minute
once the build venv exists, a few more on a fresh machine). Not in the default run; CI runs it
through packaging/test.sh, and so does `CLEARSIGHT_SLOW_TESTS=1 bash packaging/test.sh`.
Run alone: pytest -m slow tests/packaging  (it prints the size and start-up figures)
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from clearsight import APP_ID, __version__
from clearsight.cli import main

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
BUILD_TIMEOUT = 40 * 60  # a fresh machine downloads PySide6 and PyInstaller first


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A freshly built bundle folder (holding clearsight/); the build venv is reused."""
    out = tmp_path_factory.mktemp("bundle")
    build = subprocess.run(
        [
            "bash",
            str(REPO / "packaging" / "build_bundle.sh"),
            "--dist",
            str(out / "dist"),
            "--work",
            str(out / "work"),
        ],
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
    )
    assert build.returncode == 0, f"build_bundle.sh failed:\n{build.stdout}\n{build.stderr}"
    assert (out / "dist" / "clearsight" / "clearsight").is_file()
    return out / "dist"


@pytest.fixture
def exe(dist: Path) -> Path:
    return dist / "clearsight" / "clearsight"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def bundle_env(home: Path) -> dict[str, str]:
    """A bare environment: no venv, no PYTHONPATH, so the bundle cannot lean on this Python."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "QT_QPA_PLATFORM": "offscreen",
        "LANG": "C.UTF-8",
    }


def run(exe: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(exe), *args], env=bundle_env(home), capture_output=True, text=True, timeout=120
    )


def test_version(exe: Path, home: Path) -> None:
    done = run(exe, home, "--version")
    assert (done.returncode, done.stdout.strip()) == (0, f"clearsight {__version__}"), done.stderr


def test_demo_and_exports_match_the_installed_app(
    exe: Path, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    done = run(exe, home, "demo")
    assert (done.returncode, done.stdout.strip()) == (0, "1"), done.stderr
    # The default database, in the user's data folder: platformdirs works frozen.
    database = home / "data" / "Clearsight" / "clearsight.sqlite3"
    assert database.is_file()

    for fmt in ("md", "pdf"):
        frozen = tmp_path / f"bundle.{fmt}"
        done = run(exe, home, "export", "1", "--format", fmt, "-o", str(frozen))
        assert done.returncode == 0, done.stderr
        # The same record rendered by this venv's code from the same database: the bundle found
        # its fonts, lexicon and migrations through importlib.resources, or the bytes differ.
        reference = tmp_path / f"venv.{fmt}"
        args = ["--database", str(database), "export", "1", "--format", fmt, "-o", str(reference)]
        assert main(args) == 0
        capsys.readouterr()
        assert frozen.read_bytes() == reference.read_bytes()
        done = run(exe, home, "verify", str(frozen))
        assert done.returncode == 0 and "the record is intact" in done.stdout, done.stdout

    markdown = (tmp_path / "bundle.md").read_text(encoding="utf-8")
    assert markdown.startswith("# [SEV-2] Checkout API returned errors in eu-west")
    assert "## Summary" in markdown
    assert (tmp_path / "bundle.pdf").read_bytes().startswith(b"%PDF-")


def test_window_opens_the_database_and_stays_up(exe: Path, home: Path) -> None:
    window = subprocess.Popen(
        [str(exe)], env=bundle_env(home), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        # Still running after this long means Qt, its plugins and the first page loaded.
        window.wait(timeout=8)
    except subprocess.TimeoutExpired:
        pass
    else:
        out, err = window.communicate()
        pytest.fail(f"the window exited with {window.returncode}:\n{out}\n{err}")
    finally:
        window.terminate()
    _, err = window.communicate(timeout=30)
    assert "Traceback" not in err, err
    # The window shows first, then opens the database (and offers the demo on a first start).
    assert (home / "data" / "Clearsight" / "clearsight.sqlite3").is_file()


def test_install_for_a_user(dist: Path, home: Path) -> None:
    done = subprocess.run(
        [
            "bash",
            str(REPO / "packaging" / "build_bundle.sh"),
            "--install",
            "--no-build",
            "--dist",
            str(dist),
        ],
        env={**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "share")},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    opt = home / ".local" / "opt" / "clearsight"
    assert (home / ".local" / "bin" / "clearsight").resolve() == opt / "clearsight"
    entry = (home / "share" / "applications" / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    assert f"Exec={opt}/clearsight\n" in entry and f"Icon={APP_ID}\n" in entry
    assert (home / "share" / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    icons = home / "share" / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    for size in (16, 24, 32, 48, 64, 128, 256):
        header = (icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png").read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", header[16:24]) == (size, size)


def test_figures(dist: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Prints the bundle's size and its `--version` start-up time against this venv's."""
    venv_exe = Path(sys.executable).parent / "clearsight"
    if not venv_exe.is_file():
        pytest.skip(f"no console script at {venv_exe} to compare with")
    done = subprocess.run(
        [
            "bash",
            str(REPO / "tests" / "perf" / "bundle_figures.sh"),
            str(dist / "clearsight"),
            str(venv_exe),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    with capsys.disabled():  # shown in every run, CI's log included, not only with -s
        print(f"\n{done.stdout}", end="")
