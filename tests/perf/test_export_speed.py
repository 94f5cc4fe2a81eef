"""Speed of the exports on a large review (goals: Markdown under 0.1 s, PDF under 2 s).

Run: pytest tests/perf -m perf -s -k export
The review (500 events, 100 why nodes, 30 factors, 20 actions) goes in through the machine-form
import, like any file. The baseline is the machine export of the same review in the same
process, so a busy machine shows in both numbers.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from clearsight.db.store import Store
from clearsight.record.canonical import digest_of
from clearsight.record.markdown_export import render_markdown
from clearsight.record.pdf_export import extract_form, render_pdf
from clearsight.services.root import Services
from tests.perf.big_review import review_form

pytestmark = pytest.mark.perf
GOAL_S = 2.0


def _seconds(fn: Any) -> float:
    begin = time.perf_counter()
    fn()
    return time.perf_counter() - begin


def test_large_review_renders_in_under_two_seconds(store: Store) -> None:
    records = Services(store).records
    review_id = records.import_review(review_form(), "the perf review")
    baseline = min(_seconds(lambda: records.export_review(review_id)) for _ in range(3))
    form = records.export_review(review_id)
    digest = digest_of(form)
    first = _seconds(lambda: render_pdf(form, digest))  # includes loading the fonts
    runs = [_seconds(lambda: render_pdf(form, digest)) for _ in range(3)]
    pdf = render_pdf(form, digest)
    print(
        f"\nmachine export {baseline * 1000:.0f} ms; PDF first {first * 1000:.0f} ms, "
        f"then best {min(runs) * 1000:.0f} ms, worst {max(runs) * 1000:.0f} ms; "
        f"{len(pdf) // 1024} KiB, {pdf.count(b'/Type /Page') - pdf.count(b'/Type /Pages')} pages"
    )
    assert extract_form(pdf) == form
    assert max(first, *runs) < GOAL_S


def test_large_review_renders_markdown_in_under_a_tenth_of_a_second(store: Store) -> None:
    records = Services(store).records
    review_id = records.import_review(review_form(), "the perf review")
    baseline = min(_seconds(lambda: records.export_review(review_id)) for _ in range(3))
    form = records.export_review(review_id)
    digest = digest_of(form)
    runs = [_seconds(lambda: render_markdown(form, digest)) for _ in range(5)]
    text = render_markdown(form, digest)
    print(
        f"\nmachine export {baseline * 1000:.0f} ms; Markdown best {min(runs) * 1000:.1f} ms, "
        f"worst {max(runs) * 1000:.1f} ms; {len(text) // 1024} KiB"
    )
    assert max(runs) < 0.1
