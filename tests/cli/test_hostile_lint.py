"""`clearsight lint` and opening PostgreSQL on hostile input: long names, huge files, no driver."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from clearsight.cli import main
from tests.cli.hostile import (
    _stdin,
    _write,
    refused,
    run,
)


# ---- lint -----------------------------------------------------------------------------------
def test_lint_names_with_a_very_long_name(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _stdin(monkeypatch, b"Kenji skipped the canary.\n")
    err = refused(capsys, "lint", "--names", "Kenji," + "a" * 600)
    assert "--names: name 2 ('aaaaaaaaaa" in err and "600 characters; the most is 200" in err


def test_lint_names_of_the_longest_allowed_length_still_work(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    long = "K" + "a" * 199
    names = ",".join(long[: n + 1] for n in range(1, 200))  # a 199-deep trie
    _stdin(monkeypatch, f"{long} skipped the canary.\n".encode())
    assert run(capsys, "lint", "--names", names)[0] == 1


class _Stdin:
    """Standard input in blocks, as a pipe gives it."""

    def __init__(self, blocks: Iterator[bytes]) -> None:
        self.buffer = self
        self._blocks = blocks

    def read(self, size: int = -1) -> bytes:
        return next(self._blocks, b"")


def test_lint_streams_its_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from clearsight.language import lint

    monkeypatch.setattr(lint, "CHUNK", 1 << 14)
    monkeypatch.setattr(lint, "MOST_PIECE", 1 << 16)
    first = b"## Summary\n\nKenji skipped the canary.\n\n" + b"The pool filled up.\n\n" * 800
    printed: list[str] = []

    def blocks() -> Iterator[bytes]:
        yield first
        printed.append(capsys.readouterr().out)  # what was out before the next block was read
        for _ in range(8):
            yield b"The pool filled up again.\n\n" * 700

    monkeypatch.setattr(sys, "stdin", _Stdin(blocks()))
    assert main(["lint", "--names", "Kenji"]) == 1
    assert printed[0].startswith("<stdin>:3:1: person-as-cause")


def test_lint_line_numbers_across_pieces(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from clearsight.language import lint

    monkeypatch.setattr(lint, "CHUNK", 1 << 12)
    monkeypatch.setattr(lint, "MOST_PIECE", 1 << 14)
    filler = "The pool filled up.\n\n" * 600  # 13 kB: several pieces
    text = (
        f"# Summary\n\n{filler}```\n{filler}Kenji broke it\n```\n<!--\n{filler}Kenji broke it -->"
        f"\n{filler}  Kenji skipped the canary.\n"
    )
    path = _write(tmp_path, "pm.md", text)
    code, out, _ = run(capsys, "lint", "--names", "Kenji", path)
    line = text.count("\n", 0, text.index("  Kenji skipped")) + 1
    assert code == 1 and out.splitlines() == [
        f"{path}:{line}:3: person-as-cause.skipped-step: " + out.split("skipped-step: ")[1].strip()
    ]


# ---- the PostgreSQL driver ------------------------------------------------------------------
def test_postgres_without_its_driver(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if not installed
    err = refused(capsys, "--database", "postgresql+psycopg://ana@localhost/cs", "list")
    assert "The PostgreSQL driver (psycopg) is not installed" in err
    assert "pip install 'clearsight[postgres]'" in err
