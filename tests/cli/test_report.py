"""`clearsight report`: Markdown and PDF written (the PDF's text read back), the figures as JSON,
exit 2 with a plain message for input it cannot use, and the export rules for the file."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from clearsight.cli import main

TODAY = datetime.now(UTC).date()
RANGE = ["--from", (TODAY - timedelta(days=90)).isoformat(), "--to", TODAY.isoformat()]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_markdown_report_has_every_section_as_tables(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "demo")[0] == 0
    target = tmp_path / "report.md"
    code, out, err = run(capsys, "report", *RANGE, "-o", str(target))
    assert (code, out.strip(), err) == (0, str(target), "")
    text = target.read_text()
    for heading in (
        "# Insights: ",
        "## Reviews by severity per month",
        "## Time to detect, acknowledge, mitigate and resolve",
        "## Action items",
        "## Contributing factors",
        "## Time to a signed-off record",
    ):
        assert heading in text
    assert "| Month | SEV-1 | SEV-2 | SEV-3 | SEV-4 | Total |" in text
    assert "| Total | 0 | 1 | 0 | 0 | 1 |" in text


def test_pdf_report_is_written_and_reads_as_text(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "demo")
    target = tmp_path / "report.pdf"
    code, _, err = run(capsys, "report", *RANGE, "--severity", "SEV-2", "-o", str(target))
    assert code == 0 and err == ""
    data = target.read_bytes()
    assert data.startswith(b"%PDF-") and b"%%EOF" in data[-64:]
    if shutil.which("pdftotext") is None:
        pytest.skip("no pdftotext to read the PDF's text back")
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    for words in ("Insights:", "severity: SEV-2", "Reviews by severity per month",
                  "Time to resolve in minutes", "Open, not yet due", "Page 1 of"):  # fmt: skip
        assert words in text, words


def test_json_lists_the_reviews_behind_each_number(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "demo")
    demo = int(out)
    code, out, _ = run(capsys, "report", *RANGE, "--json")
    data = json.loads(out)
    assert code == 0 and data["review_ids"] == [demo]
    assert data["record"]["waiting"]["review_ids"] == [demo]
    assert sum(b["count"] for b in data["actions"].values()) == len(
        data["actions"]["open"]["row_ids"]
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--from", "2026-13-01", "--to", "2026-12-31"], "--from: '2026-13-01' is not a date"),
        (["--from", "2026-01-01", "--to", "soon"], "--to: 'soon' is not a date"),
        (["--from", "2026-05-01", "--to", "2026-04-01"], "is after --to"),
        ([*RANGE, "--severity", "SEV-9"], "unknown severity"),
        ([*RANGE, "--as-of", "today"], "--as-of"),
        ([*RANGE, "--record-days", "-1"], "give 0 to 365"),
        (["--from", "1990-01-01", "--to", "2026-01-01"], "at most ten years"),
        (RANGE, "-o report.md"),
    ],
)
def test_bad_input_is_a_plain_message_and_exit_2(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    extra = [] if argv is RANGE else ["-o", str(tmp_path / "r.md")]
    code, out, err = run(capsys, "report", *argv, *extra)
    assert code == 2 and out == "" and message in err and "Traceback" not in err
    assert not (tmp_path / "r.md").exists()


def test_a_name_that_does_not_say_the_format_is_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "report", *RANGE, "-o", str(tmp_path / "report.txt"))
    assert code == 2 and "name a .md or a .pdf file" in err


def test_never_over_the_database_nor_a_file_not_named_for_replacing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, "demo")
    code, _, err = run(capsys, "report", *RANGE, "-o", str(db))
    assert code == 2 and "name a .md or a .pdf file" in err
    # A database under a report's name is still a database, even with --force.
    odd = tmp_path / "team.pdf"
    shutil.copy(db, odd)
    monkeypatch.setenv("CLEARSIGHT_DATABASE", str(odd))
    code, _, err = run(capsys, "report", *RANGE, "-o", str(odd), "--force")
    assert code == 2 and "is a database" in err
    with closing(sqlite3.connect(odd)) as conn:
        assert conn.execute("SELECT count(*) FROM review").fetchone() == (1,)
    kept = tmp_path / "kept.md"
    kept.write_text("mine")
    code, _, err = run(capsys, "report", *RANGE, "-o", str(kept))
    assert code == 2 and "already exists" in err and kept.read_text() == "mine"
    assert run(capsys, "report", *RANGE, "-o", str(kept), "--force")[0] == 0
    assert kept.read_text().startswith("# Insights")
