"""The timeline in the store: events in time order, one event per mark, idempotent imports."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from clearsight.errors import UserError
from clearsight.review.service import ReviewService

T0 = datetime(2026, 3, 15, 14, 0, tzinfo=UTC)


@pytest.fixture
def review_id(service: ReviewService) -> int:
    return service.create_review("Timeline", "SEV-3")


def test_events_come_back_in_time_order(service: ReviewService, review_id: int) -> None:
    late = service.add_event(review_id, T0 + timedelta(minutes=9), "later")
    early = service.add_event(review_id, T0, "  first   thing ")
    events = service.get_review(review_id).events
    assert [(e.id, e.text) for e in events] == [(early, "first thing"), (late, "later")]
    service.set_event(late, T0 - timedelta(minutes=1), "now earliest")
    assert [e.id for e in service.get_review(review_id).events] == [late, early]


def test_a_mark_sits_on_one_event(service: ReviewService, review_id: int) -> None:
    a = service.add_event(review_id, T0, "a", mark="detected")
    b = service.add_event(review_id, T0 + timedelta(minutes=1), "b")
    assert service.set_event_mark(b, "Detected") == (None, a)
    marks = {e.id: e.mark for e in service.get_review(review_id).events}
    assert marks == {a: None, b: "detected"}
    assert service.set_event_mark(b, None) == ("detected", None)
    with pytest.raises(UserError, match="unknown mark 'fixed'"):
        service.set_event_mark(a, "fixed")


def test_delete_and_restore_keep_mark_and_key(service: ReviewService, review_id: int) -> None:
    [event], _ = service.import_events(review_id, [("k1", T0, "imported")])
    service.set_event_mark(event, "trigger")
    data = service.delete_event(event)
    assert service.get_review(review_id).events == []
    again = service.restore_event(review_id, data)
    [back] = service.get_review(review_id).events
    assert (back.id, back.mark, back.source_key, back.text) == (again, "trigger", "k1", "imported")


def test_reimporting_skips_what_is_there(service: ReviewService, review_id: int) -> None:
    items = [("k1", T0, "one"), ("k2", T0 + timedelta(minutes=1), "two")]
    added, skipped = service.import_events(review_id, items)
    assert (len(added), skipped) == (2, 0)
    added, skipped = service.import_events(review_id, [*items, ("k3", T0, "three")])
    assert (len(added), skipped) == (1, 2)
    service.delete_events(review_id, added)
    assert len(service.get_review(review_id).events) == 2


def test_a_failed_import_adds_nothing(service: ReviewService, review_id: int) -> None:
    with pytest.raises(UserError, match="needs a text"):
        service.import_events(review_id, [("k1", T0, "fine"), ("k2", T0, "   ")])
    assert service.get_review(review_id).events == []


def test_events_need_zoned_times_and_words(service: ReviewService, review_id: int) -> None:
    with pytest.raises(UserError, match="needs a zone"):
        service.add_event(review_id, datetime(2026, 3, 15, 14, 0), "naive")
    with pytest.raises(UserError, match="There is no review 999"):
        service.add_event(999, T0, "x")


def test_the_display_zone_is_checked(service: ReviewService, review_id: int) -> None:
    service.set_field(review_id, "display_zone", "Europe/Berlin")
    assert service.get_review(review_id).display_zone == "Europe/Berlin"
    with pytest.raises(UserError, match="unknown time zone"):
        service.set_field(review_id, "display_zone", "Mars/Olympus")


def test_deleting_several_events_is_all_or_nothing(service: ReviewService, review_id: int) -> None:
    other = service.create_review("Other", "SEV-3")
    mine = service.add_event(review_id, T0, "mine")
    theirs = service.add_event(other, T0, "theirs")
    with pytest.raises(UserError, match=f"no timeline event {theirs} in this review"):
        service.delete_events(review_id, [mine, theirs])
    assert len(service.get_review(review_id).events) == 1  # nothing went
    assert len(service.get_review(other).events) == 1
    assert service.delete_events(review_id, [mine, theirs], strict=False)[0].text == "mine"
    assert len(service.get_review(other).events) == 1
