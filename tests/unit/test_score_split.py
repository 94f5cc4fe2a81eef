"""tests/language/score_split.py on hand-made rows: the arithmetic, the table and the record.

No peer is installed and neither the real test split nor the real SCORED.md is touched: the
rows are written here and the record goes to tmp_path.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.language import score_split
from tests.language.corpus import Row

ROWS: list[Row] = [
    {
        "text": "Priya forgot to rotate the key again.",
        "label": "blame",
        "names": ["Priya"],
        "writer": "a",
    },
    {
        "text": "The key rotation job has no alert when it fails.",
        "label": "blameless",
        "names": [],
        "writer": "a",
    },
    {"text": "Bob ignored the page, as usual.", "label": "blame", "names": ["Bob"], "writer": "b"},
    {"text": "The page went to a muted channel.", "label": "blameless", "names": [], "writer": "b"},
]


def test_scores() -> None:
    # Rows 0 and 2 are blame: flagging 0 and 1 is one true positive out of two flags.
    assert score_split.scores({0, 1}, ROWS) == (0.5, 0.5, 0.5)
    assert score_split.scores({0, 2}, ROWS) == (1.0, 1.0, 1.0)
    precision, recall, f1 = score_split.scores({0}, ROWS)
    assert (precision, recall) == (1.0, 0.5)
    assert f1 == pytest.approx(2 / 3)
    assert score_split.scores(set(), ROWS) == (0.0, 0.0, 0.0)
    assert score_split.scores({1, 3}, ROWS) == (0.0, 0.0, 0.0)


def test_table_rows() -> None:
    row = score_split.table_row("tool 1.0", {0}, ROWS)
    assert row == "| tool 1.0 | 1.000 | 0.500 | 0.667 | 4 |"
    failed = score_split.failed_row("alex", RuntimeError("npm  failed:\n a | b"))
    assert failed == "| alex | not run: npm failed: a / b | | | |"
    assert score_split.by_writer_rows({0, 1}, ROWS) == [
        "| clearsight, writer a | 0.500 | 1.000 | 0.667 | 2 |",
        "| clearsight, writer b | 0.000 | 0.000 | 0.000 | 2 |",
    ]


def _broken(workdir: Path) -> str:
    raise RuntimeError("npm not found on PATH")


def test_report_with_offline_peers(tmp_path: Path) -> None:
    def first_row(workdir: Path, files: list[Path]) -> set[int]:
        assert [f.read_text(encoding="utf-8") for f in files] == [r["text"] + "\n" for r in ROWS]
        return {0}

    peers = [
        score_split.Peer("fake", lambda workdir: "9.9", first_row),
        score_split.Peer("missing", _broken, first_row),
    ]
    lines = score_split.report("train", ROWS, tmp_path, by_writer=True, peers=peers, revision="x")
    assert lines[:6] == [
        "Split: train",
        "Rows: 4",
        "Positives (labelled blame): 2",
        "Writers: a, b",
        "Commit: x",
        "",
    ]
    assert lines[6:8] == [score_split.HEADER, score_split.RULE]
    tools = [line.split(" | ")[0].removeprefix("| ") for line in lines[8:]]
    assert tools == [
        "clearsight",
        "clearsight, rules only",
        "clearsight, writer a",
        "clearsight, writer b",
        "fake 9.9",
        "missing",
    ]
    assert lines[-2] == "| fake 9.9 | 1.000 | 0.500 | 0.667 | 4 |"
    assert lines[-1] == "| missing | not run: npm not found on PATH | | | |"


def test_only_the_test_split_is_recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = score_split.SCORED
    before = real.read_bytes() if real.exists() else None
    scored = tmp_path / "SCORED.md"

    lines = score_split.run("train", ROWS, tmp_path, peers=(), scored=scored)
    assert not scored.exists()
    assert not any("scored" in line for line in lines)

    lines = score_split.run("test", ROWS, tmp_path, peers=(), scored=scored)
    assert lines[-1].endswith("the test split has now been scored once.")
    text = scored.read_text(encoding="utf-8")
    assert text.startswith(score_split.SCORED_HEADER)
    assert "never used for tuning" in text
    assert "| clearsight | " in text and "UTC, commit " in text

    # The CLI path: test_rows() is replaced by the hand-made rows, and no peer runs.
    monkeypatch.setattr(score_split, "test_rows", lambda: ROWS)
    monkeypatch.setattr(score_split, "PEERS", ())
    argv = ["--split", "test", "--workdir", str(tmp_path / "work")]
    assert score_split.main(argv, scored=scored) == 0
    text = scored.read_text(encoding="utf-8")
    assert text.count("UTC, commit ") == 2
    assert text.count(score_split.SCORED_HEADER) == 1
    assert (real.read_bytes() if real.exists() else None) == before


def test_writers_picks_training_writers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(score_split, "training_rows", lambda: ROWS)
    monkeypatch.setattr(score_split, "PEERS", ())
    scored = tmp_path / "SCORED.md"
    argv = ["--split", "train", "--workdir", str(tmp_path / "work"), "--writers", "b"]
    assert score_split.main(argv, scored=scored) == 0
    out = capsys.readouterr().out
    assert "Rows: 2\n" in out and "Writers: b\n" in out
    assert "| clearsight | 1.000 | 1.000 | 1.000 | 2 |" in out
    assert not scored.exists()

    for wrong in (["--split", "train", "--writers", "c"], ["--split", "test", "--writers", "a"]):
        with pytest.raises(SystemExit) as exited:
            score_split.main(wrong, scored=scored)
        assert exited.value.code == 2
    assert "no training rows by c" in capsys.readouterr().err
