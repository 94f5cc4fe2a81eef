"""Tags on both backends: one tag however it is cased, suggestions by prefix and use, search
by tag, related reviews by shared tags and like factors, and a final review still taggable."""

from __future__ import annotations

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
