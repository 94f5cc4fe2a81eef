"""A factor like one of an earlier review is found, with how that review's actions fared; an
unlike one is not, and the review's own factors never count."""

from __future__ import annotations

from datetime import date, timedelta

from clearsight.db.store import Store
from clearsight.services.root import Services


def test_a_factor_like_an_earlier_one_is_found_with_its_actions(any_store: Store) -> None:
    service = Services(any_store)
    earlier = service.reviews.create_review("Checkout errors in March", "SEV-2")
    old = service.factors.add_factor(
        earlier, "The database connection pool was exhausted under peak load"
    )
    service.factors.add_factor(earlier, "Alert thresholds were tuned for the old traffic")
    late = date.today() - timedelta(days=3)
    a1 = service.actions.add_action(earlier, "Size the pool from measured peak", factor_ids=(old,))
    service.actions.set_action(a1, "", due=late)
    a2 = service.actions.add_action(earlier, "Alert on pool saturation", factor_ids=(old,))
    service.actions.set_action(a2, "", status="done", evidence="PR 4411 merged")
    other = service.reviews.create_review("Search cluster out of disk", "SEV-3")
    service.factors.add_factor(other, "Disk usage alerts went to an unwatched channel")
    now = service.reviews.create_review("Checkout errors again", "SEV-2")
    mine = service.factors.add_factor(now, "Connection pool exhausted at peak load again")
    twin = service.factors.add_factor(now, "The database connection pool was exhausted")
    [found] = service.recurring.similar_factors(mine)
    assert (found.review_id, found.factor_id) == (earlier, old)
    assert found.likeness >= 0.5
    assert found.fared() == "2 actions: 1 done, 1 overdue"
    assert [f.factor_id for f in service.recurring.similar_factors(twin)] == [old]  # not mine
    unlike = service.factors.add_factor(now, "Runbook link pointed at a retired wiki")
    assert service.recurring.similar_factors(unlike) == []
    nothing = service.factors.add_factor(now, "It is the")
    assert service.recurring.similar_factors(nothing) == []
