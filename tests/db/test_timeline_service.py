"""The timeline in the store: events in time order, one event per mark, idempotent imports."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from clearsight.errors import UserError
from clearsight.services.root import Services

T0 = datetime(2026, 3, 15, 14, 0, tzinfo=UTC)


@pytest.fixture
def review_id(service: Services) -> int:
    return service.reviews.create_review("Timeline", "SEV-3")


def test_events_come_back_in_time_order(service: Services, review_id: int) -> None:
    late = service.timeline.add_event(review_id, T0 + timedelta(minutes=9), "later")
    early = service.timeline.add_event(review_id, T0, "  first   thing ")
    events = service.reviews.get_review(review_id).events
    assert [(e.id, e.text) for e in events] == [(early, "first thing"), (late, "later")]
    service.timeline.set_event(late, T0 - timedelta(minutes=1), "now earliest")
    assert [e.id for e in service.reviews.get_review(review_id).events] == [late, early]


def test_a_mark_sits_on_one_event(service: Services, review_id: int) -> None:
    a = service.timeline.add_event(review_id, T0, "a", mark="detected")
    b = service.timeline.add_event(review_id, T0 + timedelta(minutes=1), "b")
    assert service.timeline.set_event_mark(b, "Detected") == (None, a)
    marks = {e.id: e.mark for e in service.reviews.get_review(review_id).events}
    assert marks == {a: None, b: "detected"}
    assert service.timeline.set_event_mark(b, None) == ("detected", None)
    with pytest.raises(UserError, match="unknown mark 'fixed'"):
        service.timeline.set_event_mark(a, "fixed")


def test_delete_and_restore_keep_mark_and_key(service: Services, review_id: int) -> None:
    [event], _ = service.timeline.import_events(review_id, [("k1", T0, "imported")])
    service.timeline.set_event_mark(event, "trigger")
    data = service.timeline.delete_event(event)
    assert service.reviews.get_review(review_id).events == []
    again = service.timeline.restore_event(review_id, data)
    [back] = service.reviews.get_review(review_id).events
    assert (back.id, back.mark, back.source_key, back.text) == (again, "trigger", "k1", "imported")


def test_reimporting_skips_what_is_there(service: Services, review_id: int) -> None:
    items = [("k1", T0, "one"), ("k2", T0 + timedelta(minutes=1), "two")]
    added, skipped = service.timeline.import_events(review_id, items)
    assert (len(added), skipped) == (2, 0)
    added, skipped = service.timeline.import_events(review_id, [*items, ("k3", T0, "three")])
    assert (len(added), skipped) == (1, 2)
    service.timeline.delete_events(review_id, added)
    assert len(service.reviews.get_review(review_id).events) == 2


def test_a_failed_import_adds_nothing(service: Services, review_id: int) -> None:
    with pytest.raises(UserError, match="needs a text"):
        service.timeline.import_events(review_id, [("k1", T0, "fine"), ("k2", T0, "   ")])
    assert service.reviews.get_review(review_id).events == []


def test_events_need_zoned_times_and_words(service: Services, review_id: int) -> None:
    with pytest.raises(UserError, match="needs a zone"):
        service.timeline.add_event(review_id, datetime(2026, 3, 15, 14, 0), "naive")
    with pytest.raises(UserError, match="There is no review 999"):
        service.timeline.add_event(999, T0, "x")


def test_the_display_zone_is_checked(service: Services, review_id: int) -> None:
    service.reviews.set_field(review_id, "display_zone", "Europe/Berlin")
    assert service.reviews.get_review(review_id).display_zone == "Europe/Berlin"
    with pytest.raises(UserError, match="unknown time zone"):
        service.reviews.set_field(review_id, "display_zone", "Mars/Olympus")


def test_deleting_several_events_is_all_or_nothing(service: Services, review_id: int) -> None:
    other = service.reviews.create_review("Other", "SEV-3")
    mine = service.timeline.add_event(review_id, T0, "mine")
    theirs = service.timeline.add_event(other, T0, "theirs")
    with pytest.raises(UserError, match=f"no timeline event {theirs} in this review"):
        service.timeline.delete_events(review_id, [mine, theirs])
    assert len(service.reviews.get_review(review_id).events) == 1  # nothing went
    assert len(service.reviews.get_review(other).events) == 1
    assert service.timeline.delete_events(review_id, [mine, theirs], strict=False)[0].text == "mine"
    assert len(service.reviews.get_review(other).events) == 1
