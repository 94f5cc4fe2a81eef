"""`clearsight export -o PATH` writes only where the user said, and never over what they did
not ask to replace: an existing file needs --force, and a symlink, a folder, a FIFO, a device
or a database is refused whatever the flags. Each refusal exits 2 and changes nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from clearsight.cli import main


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cli.sqlite3"
    monkeypatch.setenv("CLEARSIGHT_DATABASE", str(path))
    return path


@pytest.fixture
def review(db: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["demo"]) == 0
    return capsys.readouterr().out.strip()


def export(
    capsys: pytest.CaptureFixture[str], review: str, path: Path, *more: str
) -> tuple[int, str]:
    code = main(["export", review, "-o", str(path), *more])
    return code, capsys.readouterr().err


def test_an_existing_file_needs_force_and_is_then_replaced_whole(
    capsys: pytest.CaptureFixture[str], review: str, tmp_path: Path
) -> None:
    target = tmp_path / "record.md"
    target.write_text("my notes\n", encoding="utf-8")
    code, err = export(capsys, review, target)
    assert code == 2 and "already exists" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "my notes\n"
    assert export(capsys, review, target, "--force")[0] == 0
    assert target.read_text(encoding="utf-8").startswith("# ")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_a_symlink_is_never_written_through(
    capsys: pytest.CaptureFixture[str], review: str, tmp_path: Path
) -> None:
    real = tmp_path / "real.md"
    real.write_text("kept\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "nowhere.md")
    for path in (link, dangling):
        for force in ((), ("--force",)):
            code, err = export(capsys, review, path, *force)
            assert code == 2 and "symbolic link" in err
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "kept\n"
    assert dangling.is_symlink() and not (tmp_path / "nowhere.md").exists()


def test_the_database_is_never_replaced(
    capsys: pytest.CaptureFixture[str], review: str, db: Path, tmp_path: Path
) -> None:
    before = db.read_bytes()
    code, err = export(capsys, review, db, "--force")
    assert code == 2 and "is a database" in err
    assert db.read_bytes() == before
    assert main(["list"]) == 0
    assert capsys.readouterr().out.split()[0] == review  # the demo is still there
    other = tmp_path / "another.sqlite3"
    other.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    assert export(capsys, review, other, "--force")[0] == 2


def test_a_fifo_and_a_folder_are_refused_without_blocking(
    capsys: pytest.CaptureFixture[str], review: str, tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    code, err = export(capsys, review, fifo, "--force")
    assert code == 2 and "not a plain file" in err
    folder = tmp_path / "folder.md"
    folder.mkdir()
    code, err = export(capsys, review, folder, "--force")
    assert code == 2 and "is a folder" in err


def test_a_read_only_file_is_not_replaced(
    capsys: pytest.CaptureFixture[str], review: str, tmp_path: Path
) -> None:
    target = tmp_path / "locked.md"
    target.write_text("locked\n", encoding="utf-8")
    target.chmod(0o444)
    code, err = export(capsys, review, target, "--force")
    assert code == 2 and "read-only" in err
    assert target.read_text(encoding="utf-8") == "locked\n"
