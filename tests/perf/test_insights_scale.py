"""The Insights figures over a year of 5,000 reviews (goal: the page draws in under 500 ms, so
the figures in under 300 ms), on SQLite and PostgreSQL, and the report's renderings.

Run: pytest tests/perf -m perf -s -k insights_scale
The archive comes from tests/helpers/archive.py (5,000 reviews, ~105,000 timeline events,
~17,000 action items and factors, their history). Printed: the first call (nothing remembered
yet: the words of every factor are read afresh) and the median of the next runs, each measured
around the service call as the window makes it (a transaction, seven queries, the figures),
with the CPU time beside it, since a busy shared machine shows in the wall time; then the
Markdown and PDF reports of the same figures. Reported, not asserted.
"""

from __future__ import annotations

import statistics
import time
from datetime import UTC, date, datetime
from typing import Any

import pytest

from clearsight.db.store import Store
from clearsight.record.report_markdown import render_report_markdown
from clearsight.record.report_pdf import render_report_pdf
from clearsight.review.insight_words import factor_words
from clearsight.services.root import Services
from tests.helpers.archive import build_archive
from tests.perf.conftest import analyze, backend

pytestmark = pytest.mark.perf
REVIEWS = 5_000
RUNS = 7
GOAL_MS = 300
YEAR = (date(2026, 1, 1), date(2026, 12, 31))
AS_OF = datetime(2026, 12, 31, 23, 59, tzinfo=UTC)


def _timed(fn: Any) -> tuple[float, float, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000, out


def _figures(store: Store, label: str) -> None:
    with store.engine.begin() as connection:
        build_archive(connection, REVIEWS)
    analyze(store)
    insights = Services(store).insights
    factor_words.cache_clear()

    def year(severity: Any = None) -> Any:
        return insights.figures(*YEAR, severity=severity, now=AS_OF)

    first_ms, first_cpu, figures = _timed(year)
    runs = [_timed(year)[:2] for _ in range(RUNS)]  # each result let go, as a window would
    wall = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[1] for r in runs)
    sev1 = statistics.median(_timed(lambda: year("SEV-1"))[0] for _ in range(3))
    md = statistics.median(_timed(lambda: render_report_markdown(figures))[0] for _ in range(3))
    pdf = statistics.median(_timed(lambda: render_report_pdf(figures))[0] for _ in range(3))
    print(
        f"\n{label}: {len(figures.review_ids)} reviews in the year; the figures: first call "
        f"{first_ms:.0f} ms (CPU {first_cpu:.0f} ms), then median of {RUNS} {wall:.0f} ms "
        f"(CPU {cpu:.0f} ms; goal < {GOAL_MS} ms); SEV-1 only {sev1:.0f} ms; "
        f"Markdown report {md:.0f} ms, PDF report {pdf:.0f} ms"
    )


def test_insights_scale(empty_store: Store) -> None:
    _figures(empty_store, backend(empty_store))
