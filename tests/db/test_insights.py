"""The Insights figures read from the store, on both backends: reviews built through the
services, each number with its ids, the filters, and a handful of queries whatever the size."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event

from clearsight.db.store import Store
from clearsight.errors import UserError
from clearsight.review.insights import month_of
from clearsight.services.demo import add_demo
from clearsight.services.root import Services
from tests.helpers.signing import sign_all

NOW = datetime.now(UTC).replace(microsecond=0)
TODAY = NOW.date()


def _checkout(service: Services) -> tuple[int, dict[str, int]]:
    """A SEV-1 three weeks ago, still unsigned, with every mark and an item in each state."""
    start = NOW - timedelta(days=21)
    review = service.reviews.create_review("Checkout down", "SEV-1", start)
    for minutes, mark in ((0, "trigger"), (5, "detected"), (8, "acknowledged"),
                          (30, "mitigated"), (65, "resolved")):  # fmt: skip
        service.timeline.add_event(review, start + timedelta(minutes=minutes), mark, mark)
    service.timeline.add_event(review, start + timedelta(minutes=90), "postmortem booked")
    dana = service.people.add_person("Dana Okafor", "dana")
    kenji = service.people.add_person("Kenji Tanaka", "kenji")
    add = service.actions.add_action
    items = {
        "late": add(review, "Alert on pool saturation", owner_id=dana, due=TODAY - timedelta(5)),
        "on_time": add(review, "Canary config changes", owner_id=dana, due=TODAY + timedelta(9)),
        "overdue": add(
            review,
            "Runbook step for pools",
            owner_id=kenji,
            due=TODAY - timedelta(1),
            category="process",
        ),  # fmt: skip
        "dropped": add(review, "Rewrite the pool", owner_id=kenji, due=TODAY),
        "open": add(review, "Load-test checkout at 3x", category="detection"),
    }
    for key in ("late", "on_time"):
        service.actions.set_action(items[key], status="done", evidence="CHG-1234")
    service.actions.set_action(items["dropped"], status="dropped", status_reason="superseded")
    layers = {x.name: x.id for x in service.reviews.get_review(review).layers}
    monitoring = next(i for name, i in layers.items() if "onitoring" in name)
    service.factors.add_factor(review, "No alert on pool saturation", monitoring)
    service.factors.add_factor(review, "The pool limit was copied from another service")
    return review, items


@pytest.fixture
def built(any_store: Store) -> tuple[Services, dict[str, int], dict[str, int]]:
    service = Services(any_store)
    checkout, items = _checkout(service)
    demo = add_demo(service)  # incident a few days ago, signed off now: within 7 days
    sign_all(service, demo)
    quiet = service.reviews.create_review("Search slow", "SEV-3", NOW - timedelta(days=2))
    old = service.reviews.create_review("Old one", "SEV-1", NOW - timedelta(days=400))
    ids = {"checkout": checkout, "demo": demo, "quiet": quiet, "old": old}
    return service, ids, items


def _figures(service: Services, **kw: object):  # type: ignore[no-untyped-def]
    return service.insights.figures(TODAY - timedelta(days=60), TODAY, now=NOW, **kw)


def test_every_figure_with_its_ids(built: tuple[Services, dict[str, int], dict[str, int]]) -> None:
    service, ids, items = built
    f = _figures(service)
    assert set(f.review_ids) == {ids["checkout"], ids["demo"], ids["quiet"]}  # not the old one
    month = month_of(NOW - timedelta(days=21))
    assert ids["checkout"] in f.by_severity[month]["SEV-1"].review_ids
    times = {t.review_id: t.seconds for t in f.times}
    checkout = times[ids["checkout"]]
    assert {k: checkout[k] for k in ("detect", "acknowledge", "mitigate", "resolve")} == {
        "detect": 300.0, "acknowledge": 180.0, "mitigate": 1500.0, "resolve": 3600.0,
    }  # fmt: skip
    assert times[ids["quiet"]]["resolve"] is None
    mine = set(items.values())
    states = {k: set(b.row_ids) & mine for k, b in f.actions.items()}
    assert states == {
        "on_time": {items["on_time"]}, "late": {items["late"]}, "overdue": {items["overdue"]},
        "open": {items["open"]}, "dropped": {items["dropped"]}, "done_undated": set(),
    }  # fmt: skip
    assert f.by_owner["Dana Okafor"]["late"].review_ids == (ids["checkout"],)
    assert f.by_owner["Kenji Tanaka"]["overdue"].row_ids == (items["overdue"],)
    assert items["open"] in f.by_category["detection"]["open"].row_ids
    assert any(
        b.label.startswith("Monitoring") and ids["checkout"] in b.review_ids for b in f.layers
    )
    assert {"pool", "alert"} <= {b.label for b in f.words}
    assert f.record["on_time"].review_ids == (ids["demo"],)
    assert f.record["unsigned_late"].review_ids == (ids["checkout"],)
    assert f.record["waiting"].review_ids == (ids["quiet"],)
    assert [u.review_id for u in f.unsigned] == [ids["checkout"]]


def test_filters_and_bad_ranges(built: tuple[Services, dict[str, int], dict[str, int]]) -> None:
    service, ids, _ = built
    assert _figures(service, severity="sev1").review_ids == (ids["checkout"],)
    assert set(_figures(service, severity=["SEV-1", "SEV-3"]).review_ids) == {
        ids["checkout"], ids["quiet"],
    }  # fmt: skip
    with pytest.raises(UserError, match="unknown severity"):
        _figures(service, severity="SEV-9")
    with pytest.raises(UserError, match="starts"):
        service.insights.figures(TODAY, TODAY - timedelta(days=1))
    with pytest.raises(UserError, match="ten years"):
        service.insights.figures(date(2000, 1, 1), TODAY)
    empty = service.insights.figures(date(2020, 1, 1), date(2020, 12, 31))
    assert empty.review_ids == () and len(empty.months) == 12 and empty.unsigned == ()


def test_a_few_queries_whatever_the_number_of_reviews(
    built: tuple[Services, dict[str, int], dict[str, int]], any_store: Store
) -> None:
    service, _, _ = built
    seen: list[str] = []

    def count(*args: object) -> None:
        seen.append(str(args[2]))

    event.listen(any_store.engine, "before_cursor_execute", count)
    try:
        _figures(service)
        few = len(seen)
        for n in range(5):
            service.reviews.create_review(f"More {n}", "SEV-4", NOW - timedelta(days=n + 1))
        seen.clear()
        _figures(service)
    finally:
        event.remove(any_store.engine, "before_cursor_execute", count)
    assert len(seen) == few and sum(s.lstrip().upper().startswith("SELECT") for s in seen) <= 7
