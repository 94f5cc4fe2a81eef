"""Tags on both backends: one tag however it is cased, suggestions by prefix and use, search
by tag, related reviews by shared tags and like factors, and a final review still taggable."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import update

from clearsight.db.models import Review
from clearsight.db.store import Store
from clearsight.errors import UserError
from clearsight.services.root import Services


def test_tags_suggest_filter_and_relate(any_store: Store) -> None:
    service = Services(any_store)
    first = service.reviews.create_review("Checkout errors after a pool change", "SEV-2")
    second = service.reviews.create_review("Checkout slow after a config push", "SEV-3")
    third = service.reviews.create_review("Search out of disk", "SEV-3")
    payments = service.tags.tag(first, "service: payments")
    assert service.tags.tag(second, "Service: PAYMENTS").id == payments.id  # one tag
    service.tags.tag(second, "trigger: config change")
    service.tags.tag(third, "service: search")
    service.tags.tag(first, "service: payments")  # twice on one review: once
    assert [t.label for t in service.tags.of(second)] == [
        "service: payments",
        "trigger: config change",
    ]
    assert [(t.label, t.uses) for t in service.tags.all()][0] == ("service: payments", 2)
    assert [t.label for t in service.tags.all("se")] == ["service: payments", "service: search"]
    assert [t.label for t in service.tags.all("trigger: c")] == ["trigger: config change"]
    hits = service.search.search("checkout", tag="service: payments")
    assert {h.review_id for h in hits} == {first, second}
    assert service.search.search("checkout", tag="trigger: payments") == []  # kind matters
    assert {h.review_id for h in service.search.search("checkout", tag="payments")} == {
        first,
        second,
    }
    [related] = service.tags.related(first)
    assert (related.review_id, related.shared) == (second, ("service: payments",))
    assert related.why() == "service: payments"
    service.tags.untag(second, payments.id)
    assert service.tags.related(first) == []
    with pytest.raises(UserError, match="needs a name"):
        service.tags.tag(first, "service:")
    with any_store.transaction() as s:  # a signed-off record can still be filed
        s.execute(update(Review).where(Review.id == third).values(status="final"))
    service.tags.tag(third, "capacity")
    assert "capacity" in [t.label for t in service.tags.of(third)]


def test_tags_on_factors_count_find_and_relate_their_reviews(any_store: Store) -> None:
    service = Services(any_store)
    first = service.reviews.create_review("Checkout errors", "SEV-2")
    second = service.reviews.create_review("Search slow", "SEV-3")
    pool = service.factors.add_factor(first, "The pool was sized by hand")
    disk = service.factors.add_factor(second, "Disk alerts went nowhere")
    capacity = service.tags.tag_factor(pool, "theme: capacity")
    service.tags.tag_factor(disk, "Capacity")
    service.tags.tag_factor(disk, "Capacity")  # twice: once
    assert [t.label for t in service.tags.of_factor(disk)] == ["capacity"]
    assert [(t.label, t.uses) for t in service.tags.all()] == [("capacity", 2)]
    assert {h.review_id for h in service.search.search("disk", tag="capacity")} == {second}
    [related] = service.tags.related(first)
    assert (related.review_id, related.shared) == (second, ("capacity",))
    service.tags.untag_factor(pool, capacity.id)
    assert service.tags.of_factor(pool) == [] and service.tags.related(first) == []
    service.factors.delete_factor(disk)  # the factor goes: so does its tag's use
    assert [(t.label, t.uses) for t in service.tags.all()] == [("capacity", 0)]


def test_the_insights_count_tags_on_reviews_and_their_factors(any_store: Store) -> None:
    service = Services(any_store)
    first = service.reviews.create_review("Checkout errors", "SEV-2")
    second = service.reviews.create_review("Search slow", "SEV-3")
    service.tags.tag(first, "service: payments")
    factor = service.factors.add_factor(second, "The disk filled")
    service.tags.tag_factor(factor, "service: payments")
    service.tags.tag_factor(factor, "capacity")
    today = date.today()
    figures = service.insights.figures(today - timedelta(days=1), today + timedelta(days=1))
    assert [(b.label, b.review_ids) for b in figures.tags] == [
        ("service: payments", (first, second)),
        ("capacity", (second,)),
    ]


def test_renaming_a_tag_into_another_merges_them_everywhere(any_store: Store) -> None:
    service = Services(any_store)
    first = service.reviews.create_review("Checkout errors", "SEV-2")
    second = service.reviews.create_review("Search slow", "SEV-3")
    factor = service.factors.add_factor(second, "The disk filled")
    service.tags.tag(first, "payment")
    service.tags.tag(second, "payment")
    service.tags.tag(second, "service: payments")
    service.tags.tag_factor(factor, "payment")
    assert service.tags.rename("payment", "Payment").label == "Payment"  # a new spelling
    merged = service.tags.rename("payment", "service: payments")
    assert [(t.label, t.uses) for t in service.tags.all()] == [("service: payments", 3)]
    assert [t.id for t in service.tags.of(second)] == [merged.id]  # once, not twice
    assert [t.id for t in service.tags.of_factor(factor)] == [merged.id]
    with pytest.raises(UserError, match="no tag"):
        service.tags.rename("payment", "x")
