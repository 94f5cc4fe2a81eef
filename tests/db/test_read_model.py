"""The read model: a reload of the parts an edit touches gives what a full read gives, and a
read costs the same number of queries however many rows the review has."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from sqlalchemy import event

from clearsight.review.data import TOUCHES, ReviewDetail
from clearsight.services.root import Services

AT = datetime(2026, 3, 15, 9, 0, tzinfo=UTC)


def _review(service: Services, actions: int = 3) -> tuple[int, int, int]:
    rid = service.reviews.create_review("Queue stalled", "SEV-2")
    tree = service.whys.add_tree(rid, "Why did the queue stall?")
    node = service.whys.add_node(tree, None, "The consumer lost its lease")
    factor = service.factors.add_factor(rid, "Leases expire silently", node_id=node)
    for n in range(actions):
        service.actions.add_action(rid, f"Alert on lease loss {n}", factor_ids=(factor,))
    service.timeline.add_event(rid, AT, "Queue depth alert")
    return rid, node, factor


EDITS: dict[str, Callable[[Services, int, int, int], object]] = {
    "timeline": lambda s, rid, node, factor: s.timeline.add_event(rid, AT, "Consumer restarted"),
    "whys": lambda s, rid, node, factor: s.whys.delete_node(node),
    "factors": lambda s, rid, node, factor: s.factors.delete_factor(factor),
    "actions": lambda s, rid, node, factor: s.actions.add_action(
        rid, "Runbook step", factor_ids=(factor,)
    ),
    "lessons": lambda s, rid, node, factor: s.reviews.add_lesson(rid, "lucky", "Low traffic"),
    "figures": lambda s, rid, node, factor: s.reviews.add_figure(rid, "Jobs delayed", "4,100"),
    "review": lambda s, rid, node, factor: s.reviews.set_field(rid, "severity", "SEV-1"),
    "flags": lambda s, rid, node, factor: s.flags.dismiss_flag(rid, "summary", "x.y", "words"),
}


@pytest.mark.parametrize("part", sorted(EDITS))
def test_a_reload_of_the_touched_parts_equals_a_full_read(service: Services, part: str) -> None:
    rid, node, factor = _review(service)
    before: ReviewDetail = service.reviews.get_review(rid)
    EDITS[part](service, rid, node, factor)
    partial = service.reviews.get_review(rid, TOUCHES[part], before)
    assert partial == service.reviews.get_review(rid)
    assert partial != before


def test_a_read_takes_the_same_queries_for_3_or_60_action_items(service: Services) -> None:
    counts = []
    for actions in (3, 60):
        rid, _, _ = _review(service, actions)
        seen: list[str] = []

        def count(*args: object, seen: list[str] = seen) -> None:
            seen.append(str(args[2]))

        event.listen(service.store.engine, "before_cursor_execute", count)
        try:
            service.reviews.get_review(rid)
        finally:
            event.remove(service.store.engine, "before_cursor_execute", count)
        counts.append(len(seen))
    assert counts[0] == counts[1]
    assert counts[0] <= 20  # the review, then one SELECT per list it holds


def test_the_demo_meets_today_and_nothing_in_it_is_overdue(service: Services) -> None:
    from clearsight.services.demo import add_demo

    today = datetime(2031, 7, 9, tzinfo=UTC).date()
    detail = service.reviews.get_review(add_demo(service, today))
    assert detail.meeting_at is not None and detail.meeting_at.date() == today
    assert detail.incident_start is not None
    assert (today - detail.incident_start.date()).days == 3
    assert all(a.due is not None and a.due > today for a in detail.actions)
    events = [e.at for e in detail.events]
    assert events == sorted(events) and events[0].date() == detail.incident_start.date()
