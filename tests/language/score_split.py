"""Score Clearsight's blame detector and three prose linters on one split of the blame corpus.

Run from the repository root:
    .venv/bin/python -m tests.language.score_split --split train
    .venv/bin/python -m tests.language.score_split --split train --workdir DIR --by-writer
    .venv/bin/python -m tests.language.score_split --split test   (the lead, once per round)

Prints a Markdown table: clearsight (shipped rules and learned scorer), clearsight with the
rules alone, then write-good, alex and proselint; --by-writer adds a clearsight row per writer.
The splits are tests/language/corpus.py's: training writers and TEST_WRITERS. Every run on the
test split is appended to tests/data/corpus/SCORED.md with its date and commit, and the count
of runs so far is printed; the train split records nothing.

The peers need the package registries (PyPI and npm) and npm on PATH: proselint goes into a
venv of its own and write-good and alex into a node prefix, in --workdir (kept and reused) or
a throwaway folder, never into the project. A peer that cannot be installed or run gets a
"not run: reason" row; the clearsight rows run in process and never need the network. Any
warning a peer gives on a row counts as a blame flag; Clearsight counts a row as flagged when
a blame-family finding is raised with the row's names.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from clearsight.language import Detector, is_blame
from clearsight.language.detector import LEXICON
from clearsight.resources_access import resource_text
from tests.language.corpus import CORPUS, Row, test_rows, training_rows

ROOT = Path(__file__).resolve().parents[2]
SCORED = CORPUS / "SCORED.md"
SCORED_HEADER = """# Scorings of the test split

Every scoring of the test split (the rows of tests/language/corpus.py's TEST_WRITERS) is
appended here by `python -m tests.language.score_split --split test`, with its date and commit.
The test split is never used for tuning: rules, word classes, weights and thresholds are written
and tuned on the training writers only, so these figures say how the detector does on writers
it has not read.
"""
HEADER = "| tool | precision | recall | F1 | rows |"
RULE = "| --- | --- | --- | --- | --- |"


@dataclass(frozen=True)
class Peer:
    """A prose linter: install it into the workdir (returns its version), then flag rows."""

    name: str
    install: Callable[[Path], str]
    run: Callable[[Path, list[Path]], set[int]]  # (workdir, one file per row) -> row indices


# --- scoring and the table ---


def scores(flagged: set[int], rows: Sequence[Row]) -> tuple[float, float, float]:
    """Precision, recall and F1 of the flagged row indices against the rows' labels."""
    positives = {n for n, row in enumerate(rows) if row["label"] == "blame"}
    tp = len(flagged & positives)
    precision = tp / len(flagged) if flagged else 0.0
    recall = tp / len(positives) if positives else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def table_row(tool: str, flagged: set[int], rows: Sequence[Row]) -> str:
    p, r, f1 = scores(flagged, rows)
    return f"| {tool} | {p:.3f} | {r:.3f} | {f1:.3f} | {len(rows)} |"


def failed_row(tool: str, error: Exception) -> str:
    reason = " ".join(str(error).split()).replace("|", "/")[:160]
    return f"| {tool} | not run: {reason} | | | |"


def flag_rows(detector: Detector, rows: Sequence[Row]) -> set[int]:
    return {
        n
        for n, row in enumerate(rows)
        if is_blame(detector.analyse(row["text"], names=row.get("names", [])))
    }


def by_writer_rows(flagged: set[int], rows: Sequence[Row]) -> list[str]:
    lines = []
    for writer in sorted({row["writer"] for row in rows}):
        index = [n for n, row in enumerate(rows) if row["writer"] == writer]
        subset = [rows[n] for n in index]
        mine = {i for i, n in enumerate(index) if n in flagged}
        lines.append(table_row(f"clearsight, writer {writer}", mine, subset))
    return lines


# --- the peers: installs are skipped when the workdir already holds the tool ---


def _env() -> dict[str, str]:
    return {**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0"}


def _check(cmd: list[str]) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        lines = (done.stderr.strip() or done.stdout.strip()).splitlines() or ["no output"]
        # npm's last line only points at its log; its "error code" line says what went wrong.
        reason = next((line for line in lines if "error code" in line), lines[-1])
        raise RuntimeError(f"{' '.join(cmd[:3])} failed: {reason}")


def _run(cmd: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    # The linters exit non-zero when they find something, so the exit code alone is no error.
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=_env(), timeout=600)
    if done.returncode != 0 and not (done.stdout.strip() or done.stderr.strip()):
        raise RuntimeError(f"{Path(cmd[0]).name} exited {done.returncode} with no output")
    return done


def install_proselint(workdir: Path) -> str:
    venv = workdir / "proselint-venv"
    python = venv / "bin" / "python"
    if not (venv / "bin" / "proselint").exists():
        _check([sys.executable, "-m", "venv", str(venv)])
        _check([str(python), "-m", "pip", "install", "--quiet", "proselint"])
    code = "import importlib.metadata as m; print(m.version('proselint'))"
    return subprocess.run([str(python), "-c", code], capture_output=True, text=True).stdout.strip()


def install_npm(package: str) -> Callable[[Path], str]:
    # One install per package, so one failing does not take the other's row with it.
    def install(workdir: Path) -> str:
        prefix = workdir / "node"
        if not (prefix / "node_modules" / ".bin" / package).exists():
            npm = shutil.which("npm")
            if npm is None:
                raise RuntimeError("npm not found on PATH")
            _check([npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", package])
        manifest = prefix / "node_modules" / package / "package.json"
        return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])

    return install


def run_proselint(workdir: Path, files: list[Path]) -> set[int]:
    exe = workdir / "proselint-venv" / "bin" / "proselint"
    done = _run([str(exe), "check", "-o", "json", *map(str, files)])
    result = json.loads(done.stdout)["result"]  # {file URI: {"diagnostics": [...]}}
    return {int(Path(uri).stem) for uri, found in result.items() if found["diagnostics"]}


def run_write_good(workdir: Path, files: list[Path]) -> set[int]:
    exe = workdir / "node" / "node_modules" / ".bin" / "write-good"
    done = _run([str(exe), *(f.name for f in files)], cwd=files[0].parent)
    # Each file with suggestions gets a header line "In NNNNN.txt"; the echoed sentence lines
    # can start with "In" too, so match whole known names only.
    lines = set(done.stdout.splitlines())
    return {n for n, f in enumerate(files) if f"In {f.name}" in lines}


def run_alex(workdir: Path, files: list[Path]) -> set[int]:
    exe = workdir / "node" / "node_modules" / ".bin" / "alex"
    # -t: plain text, not Markdown; -q: list only files with warnings. The report is on stderr.
    done = _run([str(exe), "-q", "-t", *(f.name for f in files)], cwd=files[0].parent)
    lines = set(done.stderr.splitlines())
    return {n for n, f in enumerate(files) if f.name in lines}


PEERS = (
    Peer("write-good", install_npm("write-good"), run_write_good),
    Peer("alex", install_npm("alex"), run_alex),
    Peer("proselint", install_proselint, run_proselint),
)


def write_rows(rows: Sequence[Row], folder: Path) -> list[Path]:
    # One file per row, so whole-document checks cannot see across rows and each warning maps
    # back to its row by file name; one process per tool still reads all the files.
    shutil.rmtree(folder, ignore_errors=True)  # a reused workdir may hold another split's rows
    folder.mkdir(parents=True)
    files = []
    for index, row in enumerate(rows):
        path = folder / f"{index:05d}.txt"
        path.write_text(row["text"] + "\n", encoding="utf-8")
        files.append(path)
    return files


def peer_row(peer: Peer, workdir: Path, rows: Sequence[Row], files: list[Path]) -> str:
    try:
        version = peer.install(workdir)
        flagged = peer.run(workdir, files)
    except (OSError, ValueError, KeyError, RuntimeError, subprocess.SubprocessError) as error:
        return failed_row(peer.name, error)
    return table_row(f"{peer.name} {version}".strip(), flagged, rows)


# --- the report and the record ---


def commit() -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(done.stderr.strip())
        return done.stdout.strip()

    try:
        head = git("rev-parse", "--short", "HEAD")
        return head + ("+dirty" if git("status", "--porcelain") else "")
    except (OSError, RuntimeError):
        return "unknown"


def report(
    split: str,
    rows: Sequence[Row],
    workdir: Path,
    by_writer: bool = False,
    peers: Sequence[Peer] = PEERS,
    revision: str | None = None,
) -> list[str]:
    """The header lines, then the Markdown table."""
    ours = flag_rows(Detector.default(), rows)
    rules = Detector.from_toml(resource_text(*LEXICON), "en.toml")
    table = [
        HEADER,
        RULE,
        table_row("clearsight", ours, rows),
        table_row("clearsight, rules only", flag_rows(rules, rows), rows),
    ]
    if by_writer:
        table += by_writer_rows(ours, rows)
    if peers:
        files = write_rows(rows, workdir / f"rows-{split}")
        table += [peer_row(peer, workdir, rows, files) for peer in peers]
    writers = sorted({row["writer"] for row in rows})
    return [
        f"Split: {split}",
        f"Rows: {len(rows)}",
        f"Positives (labelled blame): {sum(row['label'] == 'blame' for row in rows)}",
        f"Writers: {', '.join(writers)}",
        f"Commit: {revision or commit()}",
        "",
        *table,
    ]


def record(lines: Sequence[str], scored: Path, when: datetime, revision: str) -> int:
    """Append one scoring of the test split to ``scored``; return how many it now holds."""
    text = scored.read_text(encoding="utf-8") if scored.exists() else SCORED_HEADER
    stamp = when.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = text.rstrip("\n") + f"\n\n## {stamp}, commit {revision}\n\n" + "\n".join(lines) + "\n"
    scored.write_text(text, encoding="utf-8")
    return sum(line.startswith("## ") and ", commit " in line for line in text.splitlines())


def run(
    split: str,
    rows: Sequence[Row],
    workdir: Path,
    by_writer: bool = False,
    peers: Sequence[Peer] = PEERS,
    scored: Path = SCORED,
) -> list[str]:
    """The report's lines; on the test split also recorded in ``scored``, with the count."""
    revision = commit()
    lines = report(split, rows, workdir, by_writer, peers, revision)
    if split != "test":
        return lines
    count = record(lines, scored, datetime.now(UTC), revision)
    times = "once" if count == 1 else f"{count} times"
    return [*lines, "", f"Recorded in {scored}: the test split has now been scored {times}."]


def main(argv: list[str] | None = None, scored: Path = SCORED) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--split", choices=("train", "test"), required=True)
    parser.add_argument("--workdir", type=Path, help="install the peers here (kept; reused)")
    parser.add_argument("--by-writer", action="store_true", help="a clearsight row per writer")
    parser.add_argument(
        "--writers",
        help="training writers only, comma-separated: new writers scored before the model "
        "is trained on them give a figure on writing it has not read",
    )
    args = parser.parse_args(argv)
    if args.writers and args.split == "test":
        parser.error("--writers picks training writers; the test split is scored whole")
    rows = test_rows() if args.split == "test" else training_rows()
    if args.writers:
        wanted = {w.strip() for w in args.writers.split(",") if w.strip()}
        unknown = wanted - {row["writer"] for row in rows}
        if unknown:
            parser.error(f"--writers: no training rows by {', '.join(sorted(unknown))}")
        rows = [row for row in rows if row["writer"] in wanted]
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        lines = run(args.split, rows, args.workdir.resolve(), args.by_writer, PEERS, scored)
    else:
        with tempfile.TemporaryDirectory(prefix="clearsight-score-") as folder:
            lines = run(args.split, rows, Path(folder), args.by_writer, PEERS, scored)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
