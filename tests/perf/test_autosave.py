"""One autosave commit: the service call a debounced text edit makes (goal: median < 20 ms).

Run: pytest tests/perf -m perf -s
The baseline is a bare sqlite3 UPDATE + COMMIT of the same text on a WAL file in the same
process, so a busy machine shows up in both numbers.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from pathlib import Path

import pytest

from clearsight.services.root import Services

pytestmark = pytest.mark.perf
ROUNDS = 300


def _median_ms(fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for i in range(ROUNDS):
        start = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def test_autosave_commit_median(service: Services, tmp_path: Path) -> None:
    review_id = service.reviews.create_review("Perf", "SEV-2")
    text = "Between 14:06 and 14:53 UTC, 31% of checkout requests failed. " * 8

    app_ms = _median_ms(lambda i: service.reviews.set_field(review_id, "summary", f"{text}{i}"))

    bare = sqlite3.connect(tmp_path / "bare.sqlite3")
    bare.execute("PRAGMA journal_mode=WAL")
    bare.execute("CREATE TABLE review (id INTEGER PRIMARY KEY, summary TEXT)")
    bare.execute("INSERT INTO review VALUES (1, '')")
    bare.commit()

    def bare_commit(i: int) -> None:
        bare.execute("UPDATE review SET summary=? WHERE id=1", (f"{text}{i}",))
        bare.commit()

    bare_ms = _median_ms(bare_commit)
    bare.close()
    print(
        f"\nautosave commit: median {app_ms:.2f} ms; bare sqlite3 commit {bare_ms:.2f} ms; "
        f"ratio {app_ms / bare_ms:.1f}x"
    )
    assert app_ms < 20
