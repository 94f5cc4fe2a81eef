"""The CLI in-process: exit codes, messages that name the problem, nothing half-created."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from clearsight import __version__
from clearsight.cli import main


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cli.sqlite3"
    monkeypatch.setenv("CLEARSIGHT_DATABASE", str(path))
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"clearsight {__version__}"


def test_new_list_show(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "new",
        "--title",
        "DNS outage",
        "--severity",
        "sev1",
        "--incident-start",
        "2026-11-01T10:00Z",
        "--incident-id",
        "INC-9",
    )
    assert code == 0 and out.strip() == "1"
    code, out, _ = run(capsys, "list")
    assert code == 0 and "SEV-1" in out and "DNS outage" in out and "2026-11-01" in out
    code, out, _ = run(capsys, "show", "1", "--json")
    doc = json.loads(out)
    assert (doc["schema"], doc["version"]) == ("clearsight.review", 1)
    assert doc["review"]["incident_id"] == "INC-9"
    assert doc["review"]["incident_start"] == "2026-11-01T10:00:00Z"


def test_demo_then_export_then_import(
    db: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "demo")
    assert code == 0
    demo_id = out.strip()
    _, out, _ = run(capsys, "show", demo_id, "--json")
    exported = tmp_path / "review.json"
    exported.write_text(out)
    code, out, _ = run(capsys, "import", str(exported))
    assert code == 0 and out.strip() == "2"
    _, out, _ = run(capsys, "list", "--json")
    assert [r["title"] for r in json.loads(out)] == [
        json.loads(exported.read_text())["review"]["title"]
    ] * 2


def test_import_from_stdin(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = {
        "schema": "clearsight.review",
        "version": 1,
        "review": {"title": "From a pipe", "severity": "SEV-4"},
    }
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(doc)))
    code, out, _ = run(capsys, "import", "-")
    assert code == 0 and out.strip() == "1"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{\n  "schema": "clearsight.review",\n  "version": 1,\n}', "line 4, column 1"),
        ('{"schema": "clearsight.review", "version": 3, "review": {}}', "version"),
        (
            '{"schema": "clearsight.review", "version": 1, '
            '"review": {"title": "t", "severity": "SEV-0"}}',
            "review.severity: unknown severity",
        ),
        (
            '{"schema": "clearsight.review", "version": 1, "review": {"title": "t", '
            '"severity": "SEV-1", "incident_end": "2026-02-30T10:00Z"}}',
            "review.incident_end",
        ),
    ],
)
def test_bad_import_exits_2_and_creates_nothing(
    db: Path, tmp_path: Path, content: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    code, out, err = run(capsys, "import", str(bad))
    assert code == 2 and out == ""
    assert str(bad) in err and message in err and "nothing was changed" in err
    assert not db.exists()  # the database was not even opened
    run(capsys, "new", "--title", "after")
    _, out, _ = run(capsys, "list", "--json")
    assert [r["title"] for r in json.loads(out)] == ["after"]


def test_missing_file_and_missing_review(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "import", "/nonexistent/review.json")
    assert code == 2 and "/nonexistent/review.json" in err
    code, _, err = run(capsys, "show", "42")
    assert code == 2 and "no review 42" in err


def test_bad_severity_on_new(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "new", "--title", "x", "--severity", "critical")
    assert code == 2 and "severity" in err


def test_not_a_database_is_left_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database")
    code, _, err = run(capsys, "--database", str(path), "list")
    assert code == 2 and "not a Clearsight database" in err
    assert path.read_text() == "not a database"


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["show"])
    assert exit_.value.code == 2


def test_postgres_url_with_a_password_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--database", "postgresql+psycopg://ana:pw@localhost/r", "list")
    assert code == 2 and "no password in the database URL" in err
    assert "pw" not in err.replace("password", "")


def test_set_password_is_only_for_postgres(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "set-password")
    assert code == 2 and "PostgreSQL" in err


def test_lint_exit_codes_and_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "postmortem.md"
    doc.write_text(
        "# Causes\n\nThe deploy failed to finish.\n\n```\nBob should have checked\n```\n\n"
        "Tevita skipped the canary.\n",
        encoding="utf-8",
    )
    clean = tmp_path / "clean.md"
    clean.write_text("The pool ran out of connections at 14:06 UTC.\n", encoding="utf-8")
    assert run(capsys, "lint", str(clean)) == (0, "", "")
    # Tevita is not in the list of common given names: only --names makes him a person.
    assert run(capsys, "lint", str(doc))[0] == 0
    code, out, _ = run(capsys, "lint", "--names", "Tevita,@dana", str(doc))
    assert code == 1
    assert out.startswith(f"{doc}:9:1: person-as-cause.")  # the code block is skipped
    code, out, _ = run(capsys, "lint", "--names", "Tevita", "--format", "json", str(doc))
    assert code == 1
    assert json.loads(out)["line"] == 9


def test_lint_of_a_missing_file_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "lint", "no-such-file.md")
    assert code == 2
    assert "no-such-file.md" in err


def test_timeline_add_import_and_show(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "new", "--title", "Pool", "--incident-start", "2026-03-15T14:00Z")
    review = out.strip()
    assert run(capsys, "timeline-add", review, "14:02 deploy", "+9m alert fires")[0] == 0
    log = tmp_path / "channel.log"
    log.write_text("[14:12] kenji: ack, looking\n[14:53] amara: errors back to normal\n")
    code, out, _ = run(capsys, "timeline-import", review, str(log))
    assert (code, out) == (0, "added 2 events; 0 were already on the timeline\n")
    code, out, _ = run(capsys, "timeline-import", review, str(log))
    assert out == "added 0 events; 2 were already on the timeline\n"
    code, out, _ = run(capsys, "timeline", review)
    assert code == 0
    assert "2026-03-15 14:12:00  kenji: ack, looking" in out
    assert "Time to detect:         \u2014" in out


def test_timeline_import_with_bad_lines_adds_nothing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = run(capsys, "new", "--title", "X", "--incident-start", "2026-03-15T14:00Z")[1]
    log = tmp_path / "channel.log"
    log.write_text("[14:12] kenji: ack\nno time here\n")
    code, _, err = run(capsys, "timeline-import", review.strip(), str(log))
    assert code == 2
    assert "line 2: no time and name" in err and "nothing was imported" in err
    code, out, err = run(capsys, "timeline-import", review.strip(), str(log), "--skip-bad")
    assert out == "added 1 event; 0 were already on the timeline\n"
    assert "skipped line 2" in err
    code, _, err = run(capsys, "timeline-add", review.strip(), "soon: deploy")
    assert code == 2 and "line 1 ('soon: deploy'): Start with a time" in err


def test_actions_across_reviews(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "demo")[0] == 0
    code, out, _ = run(capsys, "actions", "--format", "json")
    items = json.loads(out)
    assert code == 0 and len(items) == 4
    assert all(item["owner"] and item["due"] for item in items)
    assert all("history" in item and item["factors"] for item in items)
    code, out, _ = run(capsys, "actions", "--overdue", "--format", "csv")
    assert out.splitlines() == [out.splitlines()[0]]  # the demo's dates follow the calendar
    from clearsight.db.store import open_store
    from clearsight.services.root import Services

    store = open_store(str(db))
    late = items[0]["id"]
    Services(store).actions.set_action(late, "the vendor's date", due=date(2020, 1, 31))
    store.close()
    code, out, _ = run(capsys, "actions", "--overdue", "--format", "csv")
    lines = out.splitlines()
    assert lines[0].startswith("review_id,review,id,what")
    assert len(lines) == 2 and f",{late}," in lines[1]
    code, out, err = run(capsys, "actions", "--open")
    assert code == 0 and out.count("OVERDUE") == 1


def test_export_redacts_and_verify_checks(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = run(capsys, "demo")[1].strip()
    token = "ghp_" + "b" * 36
    from clearsight.db.store import open_store
    from clearsight.services.root import Services

    store = open_store(str(db))
    service = Services(store)
    service.reviews.set_field(int(review), "impact", f"Retries used the deploy token {token}.")
    store.close()
    out_md = tmp_path / "record.md"
    code, out, err = run(capsys, "export", review, "-o", str(out_md))
    assert (code, out.strip()) == (0, str(out_md))
    assert "redacted: review.impact: GitHub token" in err and token not in err
    text = out_md.read_text(encoding="utf-8")
    assert token not in text and "\\[redacted GitHub token\\]" in text
    assert run(capsys, "verify", str(out_md))[0] == 0
    out_md.write_text(text.replace("Checkout", "Checkin", 1), encoding="utf-8")
    code, out, _ = run(capsys, "verify", str(out_md))
    assert code == 1 and "FAILED: the Markdown differs" in out
    code, _, err = run(
        capsys,
        "export",
        review,
        "-o",
        str(tmp_path / "a.json"),
        "--format",
        "json",
        "--allow-secrets",
    )
    assert code == 0 and token in (tmp_path / "a.json").read_text(encoding="utf-8")
    assert run(capsys, "verify", str(tmp_path / "missing.md"))[0] == 2
    # A folder that does not exist: exit 2, nothing written.
    assert run(capsys, "export", review, "-o", str(tmp_path / "no" / "x.md"))[0] == 2


def test_an_export_is_readable_by_others_and_a_locked_folder_is_a_clear_error(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os
    import stat

    review = run(capsys, "demo")[1].strip()
    out = tmp_path / "record.md"
    assert run(capsys, "export", review, "-o", str(out))[0] == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    from clearsight.errors import UserError
    from clearsight.record.export import write_atomically

    def full_disk() -> bytes:
        raise OSError(28, "No space left on device")

    with pytest.raises(UserError, match="could not write the export"):
        write_atomically(tmp_path / "x.md", full_disk)
    assert not (tmp_path / "x.md").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_an_exported_record_imports_back(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = run(capsys, "demo")[1].strip()
    for fmt in ("md", "pdf"):
        out = tmp_path / f"record.{fmt}"
        assert run(capsys, "export", review, "--format", fmt, "-o", str(out))[0] == 0
        code, new_id, err = run(capsys, "import", str(out))
        assert code == 0, err
        shown = json.loads(run(capsys, "show", new_id.strip(), "--json")[1])
        assert shown["review"]["title"].startswith("Checkout API returned errors")
        assert len(shown["review"]["timeline"]) == 15
