"""The projector's timeline: when only the newest events fit, the marked ones still show."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from clearsight.record.presenter_html import Extras, phase_html
from clearsight.review.data import EventData, ReviewDetail

START = datetime(2026, 3, 15, 9, 0, tzinfo=UTC)


def _detail(events: list[EventData]) -> ReviewDetail:
    return ReviewDetail(
        id=1, uid="u1", title="Queue stalled", severity="SEV-2", status="draft",
        incident_id="", incident_start=START, incident_end=None, meeting_at=None,
        summary="", impact="", display_zone="UTC", events=events,
    )  # fmt: skip


def test_earlier_marked_events_are_shown_before_the_newest() -> None:
    marks = {0: "trigger", 3: "detected"}
    events = [
        EventData(n, START + timedelta(minutes=n), f"event number {n}", marks.get(n))
        for n in range(30)
    ]
    text = phase_html("timeline", _detail(events), Extras(last_events=5))
    assert "event number 0" in text and "Trigger" in text
    assert "event number 3" in text and "Detected" in text
    assert "event number 4" not in text  # unmarked and not among the newest
    assert text.index("event number 3") < text.index("event number 25")
    assert "23 earlier events not shown" in text
    assert all(f"event number {n}" in text for n in range(25, 30))


def test_all_events_fit_and_nothing_is_said_about_hidden_ones() -> None:
    events = [EventData(n, START + timedelta(minutes=n), f"event {n}") for n in range(3)]
    text = phase_html("timeline", _detail(events), Extras(last_events=10))
    assert "not shown" not in text and "event 2" in text
