"""Speed of the exports on a large review (goals: Markdown under 0.1 s, PDF under 2 s).

Run: pytest tests/perf -m perf -s -k export
The review (500 events, 100 why nodes, 30 factors, 20 actions) goes in through the machine-form
import, like any file. The baseline is the machine export of the same review in the same
process, so a busy machine shows in both numbers.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from clearsight.db.store import Store
from clearsight.record.canonical import digest_of
from clearsight.record.markdown_export import render_markdown
from clearsight.record.pdf_export import extract_form, render_pdf
from clearsight.review.rules import MARKS, format_instant
from clearsight.services.root import Services

pytestmark = pytest.mark.perf
GOAL_S = 2.0
LAYERS = ("Code review", "Tests and staging", "Deploy gate", "Alerting", "Runbook", "Capacity")
SENTENCE = (
    "the payment service queued requests while the pool stayed exhausted and the alert "
    "waited five minutes before paging the on-call engineer about checkout errors"
)
WORDS = SENTENCE.split(" ")


def _text(n: int, words: int) -> str:
    return " ".join(WORDS[(n + i) % len(WORDS)] for i in range(words)).capitalize() + "."


def large_review() -> dict[str, Any]:
    start = datetime(2026, 3, 15, 9, 0, tzinfo=UTC)
    marks = {40 + 60 * i: mark for i, mark in enumerate(MARKS)}
    people = [
        {"name": f"Person {i}", "handle": f"p{i}", "email": None, "roles": ["attendee"]}
        for i in range(8)
    ]
    people[0]["roles"] = ["facilitator"]
    people[1]["roles"] = ["approver", "attendee"]
    trees = []
    for t in range(5):  # 5 trees of 20 answers: chains of 4 with a branch at each level
        nodes: list[dict[str, Any]] = []
        for c in range(5):
            chain: list[dict[str, Any]] = []
            for depth in range(4):
                key = f"w{t * 20 + c * 4 + depth + 1}"
                chain.append({"key": key, "text": _text(t + c + depth, 18), "children": []})
                if depth:
                    chain[depth - 1]["children"].append(chain[depth])
            nodes.append(chain[0])
        trees.append({"problem": _text(t, 12), "nodes": nodes})
    review = {
        "title": "Checkout API returned errors in eu-west after a pool-size change",
        "severity": "SEV-1",
        "status": "in_review",
        "incident_id": "INC-9000",
        "incident_start": format_instant(start),
        "incident_end": format_instant(start + timedelta(minutes=500)),
        "meeting_at": format_instant(start + timedelta(days=2)),
        "summary": _text(1, 80),
        "impact": _text(2, 60),
        "impact_figures": [{"label": f"Figure {i}", "value": f"{i * 7}%"} for i in range(8)],
        "people": people,
        "timeline": [
            {
                "at": format_instant(start + timedelta(minutes=i)),
                "text": _text(i, 10 + i % 25),
                "mark": marks.get(i),
            }
            for i in range(500)
        ],
        "why_trees": trees,
        "defense_layers": list(LAYERS),
        "factors": [
            {
                "key": f"f{i + 1}",
                "layer": LAYERS[i % len(LAYERS)],
                "text": _text(i, 20),
                "accepted_risk": i % 7 == 0,
                "accepted_reason": "Known and watched" if i % 7 == 0 else "",
                "why_nodes": [f"w{i * 3 + 1}"],
            }
            for i in range(30)
        ],
        "actions": [
            {
                "what": _text(i, 25),
                "category": ("prevention", "detection", "mitigation", "process")[i % 4],
                "owner": f"p{i % 8}",
                "due": "2026-03-29",
                "ticket": f"PAY-{1400 + i}",
                "verification": _text(i + 3, 12),
                "status": "open",
                "factors": [f"f{i + 1}", f"f{(i + 7) % 30 + 1}"],
            }
            for i in range(20)
        ],
        "lessons": {kind: [_text(i, 15) for i in range(4)] for kind in ("well", "poorly", "lucky")},
    }
    return {"schema": "clearsight.review", "version": 1, "review": review}


def _seconds(fn: Any) -> float:
    begin = time.perf_counter()
    fn()
    return time.perf_counter() - begin


def test_large_review_renders_in_under_two_seconds(store: Store) -> None:
    records = Services(store).records
    review_id = records.import_review(large_review(), "the perf review")
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
    review_id = records.import_review(large_review(), "the perf review")
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
