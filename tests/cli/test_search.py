"""`clearsight search`: hits as text and JSON, filters, and a plain message with exit 2 for
input it cannot use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clearsight.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_prints_hits_as_text_and_json(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "demo")[0] == 0
    code, out, _ = run(capsys, "search", "connection pool")
    assert code == 0 and "[connection]" in out and "[pool]" in out
    code, out, _ = run(capsys, "search", "pool", "--json", "--severity", "SEV-2", "--limit", "3")
    hits = json.loads(out)
    assert code == 0 and len(hits) == 3
    assert set(hits[0]) == {
        "review_id", "title", "severity", "status", "incident_start", "part", "row_id",
        "snippet", "score",
    }  # fmt: skip
    assert all(h["severity"] == "SEV-2" and "[pool" in h["snippet"].lower() for h in hits)
    code, out, _ = run(capsys, "search", "pool", "--json", "--severity", "SEV-4")
    assert (code, json.loads(out)) == (0, [])
    code, out, err = run(capsys, "search", "zebra")
    assert (code, out) == (0, "") and "no review matches" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--from", "2026-13-01"], "--from: '2026-13-01' is not a date"),
        (["--to", "yesterday"], "--to: 'yesterday' is not a date"),
        (["--from", "2026-05-01", "--to", "2026-04-01"], "is after --to"),
        (["--severity", "SEV-9"], "unknown severity"),
        (["--status", "lost"], "unknown status"),
        (["--limit", "0"], "--limit"),
    ],
)
def test_bad_input_is_a_plain_message_and_exit_2(
    db: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, "search", "pool", *argv)
    assert code == 2 and out == "" and message in err and "Traceback" not in err


def test_hostile_queries_are_searched_not_parsed(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "demo")
    for query in ('"', "AND OR", "*", "'", "NEAR(", "x" * 10_000):
        code, out, _ = run(capsys, "search", query, "--json")
        assert code == 0 and isinstance(json.loads(out), list)
