"""`clearsight watch`, `revision` and `set --if-revision`, as a script uses them: a watcher
in its own process sees another client's write within a second, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from clearsight.db.store import open_store
from clearsight.services.demo import add_demo
from clearsight.services.root import Services
from tests.cli.hostile import run
from tests.db.conftest import keyring_password
from tests.helpers.pg import pg_url_or_skip, reset_schema, store_password_in_keyring

Capsys = pytest.CaptureFixture[str]


def test_set_if_revision_writes_once_and_then_exits_3(db: Path, capsys: Capsys) -> None:
    review = run(capsys, "demo")[1].strip()
    seen = run(capsys, "revision", review)[1].strip()
    code, out, _ = run(
        capsys, "set", review, "impact", "18,420 failed checkouts", "--if-revision", seen
    )
    assert code == 0 and int(out) > int(seen)
    code, _, err = run(capsys, "set", review, "impact", "mine", "--if-revision", seen)
    assert code == 3 and f"changed since revision {seen}" in err
    assert json.loads(run(capsys, "show", review, "--json")[1])["review"]["impact"] == (
        "18,420 failed checkouts"
    )
    code, _, err = run(capsys, "set", review, "severity", "SEV-1")
    assert code == 2 and "not a text field" in err


def _watch(
    database: str, review: int, env: dict[str, str]
) -> tuple[subprocess.Popen[str], queue.Queue[str], threading.Thread]:
    command = ["-m", "clearsight", "--database", database, "watch", str(review)]
    return lines_of(command, env)


def lines_of(
    args: list[str], env: dict[str, str]
) -> tuple[subprocess.Popen[str], queue.Queue[str], threading.Thread]:
    """A Python child whose output lines arrive in a queue, as it prints them."""
    child = subprocess.Popen(
        [sys.executable, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **env},
    )
    lines: queue.Queue[str] = queue.Queue()
    assert child.stdout is not None
    out = child.stdout
    reader = threading.Thread(target=lambda: [lines.put(line) for line in out], daemon=True)
    reader.start()
    return child, lines, reader


def _sees_a_write(database: str, env: dict[str, str] | None = None) -> float:
    store = open_store(database, password_provider=keyring_password)
    try:
        service = Services(store)
        review = add_demo(service)
        child, lines, reader = _watch(database, review, env or {})
        try:
            # The watcher is ready once it has read the newest record: wait for it to print
            # the first change, made after it started.
            deadline = time.monotonic() + 30
            written = 0.0
            while time.monotonic() < deadline:
                written = time.monotonic()
                service.changes.set_review_text(review, "summary", f"Summary at {written}")
                try:
                    line = lines.get(timeout=2)
                except queue.Empty:
                    continue
                change = json.loads(line)
                assert (change["entity"], change["row"], change["who"]) == (
                    "review",
                    review,
                    store.client,
                )
                return time.monotonic() - written
            raise AssertionError(child.stderr.read() if child.stderr else "no output")
        finally:
            child.terminate()
            child.wait(10)
            reader.join(10)  # the pipe ends with the child
            for pipe in (child.stdout, child.stderr):
                if pipe is not None:
                    pipe.close()
    finally:
        store.close()


def test_watch_sees_a_write_on_sqlite(tmp_path: Path) -> None:
    path = str(tmp_path / "team.sqlite3")
    assert _sees_a_write(path) < 2.0


@pytest.mark.pg
def test_watch_sees_a_write_on_postgresql() -> None:
    url = pg_url_or_skip()
    reset_schema(url)
    store_password_in_keyring(url)
    # A script runs unattended: libpq's PGPASSWORD, as for psql.
    seen = _sees_a_write(url, {"PGPASSWORD": os.environ["CLEARSIGHT_TEST_PG_PASSWORD"]})
    assert seen < 2.0
