"""The labelled blame corpus and its writer split (see tests/data/corpus/README.md).

The test split is every row of the writers in TEST_WRITERS. It is scored only when a round of
work is finished (tests/language/score_split.py, which counts its runs in SCORED.md), and it is
never read to write or tune rules, word classes or weights: the training script refuses it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
WRITTEN = CORPUS / "written"
TEST_WRITERS = frozenset({"w06", "w08"})
# The first sentences, written with the rules: training only.
EARLIER = {"blame_dev.jsonl": "repo-dev", "blame_fresh.jsonl": "repo-fresh"}
Row = dict[str, Any]


def read(path: Path, writer: str | None = None) -> list[Row]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if writer is not None:
            row.setdefault("writer", writer)
            row.setdefault("register", writer)
        row["where"] = f"{path.name}:{n}"
        rows.append(row)
    return rows


def training_rows() -> list[Row]:
    rows: list[Row] = []
    for name, writer in EARLIER.items():
        rows += read(CORPUS / name, writer)
    for path in sorted(WRITTEN.glob("*.jsonl")):
        if path.stem not in TEST_WRITERS:
            rows += read(path)
    return rows


def test_rows() -> list[Row]:
    rows: list[Row] = []
    for writer in sorted(TEST_WRITERS):
        rows += read(WRITTEN / f"{writer}.jsonl")
    return rows
