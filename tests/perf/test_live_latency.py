"""How soon another client sees a write (goal: p95 under 1 s), on SQLite and PostgreSQL.

Run: pytest tests/perf -m perf -s -k latency
A `clearsight watch` process, or another window in a process of its own (the app's window,
offscreen: tests/helpers/window_follower.py), follows the review while this process makes 200
edits, one at a time, each waiting for the follower's line: the time from the write's commit
to the line (for the window: to the page showing the new text). The baseline is the write
alone (its commit), in the same run.
"""

from __future__ import annotations

import os
import queue
import statistics
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from clearsight.db.store import open_store
from clearsight.services.demo import add_demo
from clearsight.services.root import Services
from tests.cli.test_live import _watch, lines_of
from tests.db.conftest import keyring_password
from tests.helpers.pg import pg_url_or_skip, reset_schema, store_password_in_keyring

pytestmark = pytest.mark.perf
Follower = Callable[
    [str, int, dict[str, str]], tuple[subprocess.Popen[str], queue.Queue[str], threading.Thread]
]
EDITS = 200


def _window(
    database: str, review: int, env: dict[str, str]
) -> tuple[subprocess.Popen[str], queue.Queue[str], threading.Thread]:
    """Another window, in its own process (tests/helpers/window_follower.py)."""
    root = Path(__file__).resolve().parents[2]
    path = os.pathsep.join([str(root / "desktop"), str(root)])
    command = ["-m", "tests.helpers.window_follower", database, str(review)]
    return lines_of(command, {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": path, **env})


def _latencies(
    database: str, env: dict[str, str], follower: Follower = _watch
) -> tuple[list[float], list[float]]:
    store = open_store(database, password_provider=keyring_password)
    service = Services(store)
    review = add_demo(service)
    child, lines, reader = follower(database, review, env)
    seen, writes = [], []
    try:
        started, tries = False, 0
        while not started:  # the watcher follows writes made once it has started
            tries += 1
            service.changes.set_review_text(review, "impact", f"is it there yet? ({tries})")
            try:
                lines.get(timeout=2)
                started = True
            except queue.Empty:
                pass
        for n in range(EDITS):
            start = time.perf_counter()
            service.changes.set_review_text(review, "impact", f"edit {n}")
            committed = time.perf_counter()
            # A watcher prints a JSON line per change; a window its impact at each read.
            while not _is_edit(lines.get(timeout=30), n):
                pass
            seen.append(time.perf_counter() - committed)
            writes.append(committed - start)
    finally:
        child.terminate()
        child.wait(10)
        reader.join(10)
        for pipe in (child.stdout, child.stderr):
            if pipe is not None:
                pipe.close()
        store.close()
    return seen, writes


def _is_edit(line: str, n: int) -> bool:
    return line.startswith("{") or line.strip() == f"edit {n}"


def _report(name: str, seen: list[float], writes: list[float]) -> float:
    p95 = statistics.quantiles(seen, n=20)[-1]
    print(
        f"\n{name}: another client sees a write: median {statistics.median(seen) * 1000:.0f} ms,"
        f" p95 {p95 * 1000:.0f} ms over {len(seen)} edits (goal p95 < 1000 ms); the write "
        f"itself median {statistics.median(writes) * 1000:.1f} ms"
    )
    return p95


def test_latency_on_sqlite(tmp_path: Path) -> None:
    assert _report("SQLite", *_latencies(str(tmp_path / "team.sqlite3"), {})) < 5


def test_latency_to_another_window_on_sqlite(tmp_path: Path) -> None:
    database = str(tmp_path / "team.sqlite3")
    assert _report("SQLite, another window", *_latencies(database, {}, _window)) < 5


@pytest.mark.pg
def test_latency_to_another_window_on_postgresql() -> None:
    url = pg_url_or_skip()
    reset_schema(url)
    store_password_in_keyring(url)
    env = {"PGPASSWORD": os.environ["CLEARSIGHT_TEST_PG_PASSWORD"]}
    assert _report("PostgreSQL, another window", *_latencies(url, env, _window)) < 5


@pytest.mark.pg
def test_latency_on_postgresql() -> None:
    url = pg_url_or_skip()
    reset_schema(url)
    store_password_in_keyring(url)
    env = {"PGPASSWORD": os.environ["CLEARSIGHT_TEST_PG_PASSWORD"]}
    assert _report("PostgreSQL", *_latencies(url, env)) < 5
