"""Clearsight's blame detector next to general prose linters, on the labelled dev corpus.

Run from the repository root:
    /tmp/venv/bin/python tests/perf/compare_tools.py            (or .venv/bin/python ...)
    /tmp/venv/bin/python tests/perf/compare_tools.py --workdir DIR   (reuse installed tools)

Needs the package registries (PyPI and npm) and node/npm on PATH: proselint goes into a venv
of its own and write-good and alex into a node prefix, both in a throwaway folder, never
into the project. Any warning a tool gives on a sentence counts as a blame flag; Clearsight
counts blame-family findings with the row's names, as tests/unit/test_language_corpus.py does.
Not a pytest test (no test_ prefix): it needs the network and takes about a minute.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from clearsight.language import Detector, is_blame

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus" / "blame_dev.jsonl"
Flagger = Callable[[Path, list[Path]], set[int]]


def _rows() -> list[dict[str, Any]]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _write_sentences(rows: list[dict[str, Any]], folder: Path) -> list[Path]:
    # One file per sentence, so whole-document checks cannot see across sentences and each
    # warning maps back to its row by file name; one process still reads all 250 files.
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for index, row in enumerate(rows):
        path = folder / f"{index:03d}.txt"
        path.write_text(row["text"] + "\n", encoding="utf-8")
        files.append(path)
    return files


def _run(cmd: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    # The linters exit non-zero when they find something, so the exit code alone is no error.
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=_env(), timeout=600)
    if done.returncode != 0 and not (done.stdout.strip() or done.stderr.strip()):
        raise RuntimeError(f"{Path(cmd[0]).name} exited {done.returncode} with no output")
    return done


def _env() -> dict[str, str]:
    return {**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0"}


def _check(cmd: list[str]) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        tail = (done.stderr.strip() or done.stdout.strip()).splitlines()[-1:] or ["no output"]
        raise RuntimeError(f"{' '.join(cmd[:3])} failed: {tail[0]}")


# --- installs: skipped when --workdir already holds the tool ---


def _install_proselint(workdir: Path) -> str:
    venv = workdir / "proselint-venv"
    python = venv / "bin" / "python"
    if not (venv / "bin" / "proselint").exists():
        _check([sys.executable, "-m", "venv", str(venv)])
        _check([str(python), "-m", "pip", "install", "--quiet", "proselint"])
    return _pip_version(python, "proselint")


def _pip_version(python: Path, package: str) -> str:
    code = f"import importlib.metadata as m; print(m.version({package!r}))"
    return subprocess.run([str(python), "-c", code], capture_output=True, text=True).stdout.strip()


def _install_npm(workdir: Path, package: str) -> str:
    # One install per package, so one failing does not take the other's row with it.
    prefix = workdir / "node"
    if not (prefix / "node_modules" / ".bin" / package).exists():
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm not found on PATH")
        _check([npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", package])
    manifest = prefix / "node_modules" / package / "package.json"
    return json.loads(manifest.read_text(encoding="utf-8"))["version"]


# --- runs: each returns the indices of the sentences that got any warning ---


def _proselint(workdir: Path, files: list[Path]) -> set[int]:
    exe = workdir / "proselint-venv" / "bin" / "proselint"
    done = _run([str(exe), "check", "-o", "json", *map(str, files)])
    result = json.loads(done.stdout)["result"]  # {file URI: {"diagnostics": [...]}}
    return {int(Path(uri).stem) for uri, found in result.items() if found["diagnostics"]}


def _write_good(workdir: Path, files: list[Path]) -> set[int]:
    exe = workdir / "node" / "node_modules" / ".bin" / "write-good"
    done = _run([str(exe), *(f.name for f in files)], cwd=files[0].parent)
    # Each file with suggestions gets a header line "In NNN.txt"; the echoed sentence lines
    # can start with "In" too, so match whole known names only.
    lines = set(done.stdout.splitlines())
    return {n for n, f in enumerate(files) if f"In {f.name}" in lines}


def _alex(workdir: Path, files: list[Path]) -> set[int]:
    exe = workdir / "node" / "node_modules" / ".bin" / "alex"
    # -t: plain text, not Markdown; -q: list only files with warnings. The report is on stderr.
    done = _run([str(exe), "-q", "-t", *(f.name for f in files)], cwd=files[0].parent)
    lines = set(done.stderr.splitlines())
    return {n for n, f in enumerate(files) if f.name in lines}


def _clearsight(rows: list[dict[str, Any]]) -> set[int]:
    detector = Detector.default()  # inside the timing: loading the lexicon is its start-up
    return {
        n
        for n, row in enumerate(rows)
        if is_blame(detector.analyse(row["text"], names=row["names"]))
    }


# --- scoring and the table ---


def _scores(flagged: set[int], rows: list[dict[str, Any]]) -> tuple[float, float, float]:
    positives = {n for n, row in enumerate(rows) if row["label"] == "blame"}
    tp = len(flagged & positives)
    precision = tp / len(flagged) if flagged else 0.0
    recall = tp / len(positives) if positives else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _row(tool: str, flagged: set[int], seconds: float, rows: list[dict[str, Any]]) -> str:
    p, r, f1 = _scores(flagged, rows)
    return f"| {tool} | {p:.3f} | {r:.3f} | {f1:.3f} | {seconds:.2f} |"


def _failed_row(tool: str, error: Exception) -> str:
    reason = " ".join(str(error).split()).replace("|", "/")[:160]
    return f"| {tool} | not run: {reason} | | | |"


def _external(
    tool: str,
    install: Callable[[], str],
    run: Flagger,
    workdir: Path,
    rows: list[dict[str, Any]],
    files: list[Path],
) -> str:
    try:
        version = install()
        start = time.perf_counter()
        flagged = run(workdir, files)
        seconds = time.perf_counter() - start
    except (OSError, ValueError, KeyError, RuntimeError, subprocess.SubprocessError) as error:
        return _failed_row(tool, error)
    return _row(f"{tool} {version}", flagged, seconds, rows)


def compare(workdir: Path) -> list[str]:
    """The report's lines: the corpus counts, then the Markdown table."""
    rows = _rows()
    files = _write_sentences(rows, workdir / "sentences")
    start = time.perf_counter()
    ours = _clearsight(rows)
    table = [
        "| tool | precision | recall | F1 | wall time (s) |",
        "| --- | --- | --- | --- | --- |",
        _row("clearsight (in-process)", ours, time.perf_counter() - start, rows),
    ]
    externals: list[tuple[str, Callable[[], str], Flagger]] = [
        ("proselint", lambda: _install_proselint(workdir), _proselint),
        ("write-good", lambda: _install_npm(workdir, "write-good"), _write_good),
        ("alex", lambda: _install_npm(workdir, "alex"), _alex),
    ]
    for tool, install, run in externals:
        table.append(_external(tool, install, run, workdir, rows, files))
    positives = sum(row["label"] == "blame" for row in rows)
    return [
        f"{len(rows)} sentences, {positives} labelled blame (positives).",
        "A flag is any warning from the tool (a blame-family finding for Clearsight).",
        "",
        *table,
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, help="install and work here (kept; reused)")
    args = parser.parse_args(argv)
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        report = compare(args.workdir.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="clearsight-compare-") as folder:
            report = compare(Path(folder))
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
