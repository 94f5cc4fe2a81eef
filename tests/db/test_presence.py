"""Who is in the review: each window's row, seen by the others, gone when closed or silent."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from clearsight.db.models import Presence, Review, utcnow
from clearsight.db.store import Store, open_store
from clearsight.errors import UserError
from clearsight.services.demo import add_demo
from clearsight.services.root import Services
from tests.db.conftest import keyring_password


def test_windows_see_each_other_and_forget_the_silent(database: str) -> None:
    stores = [open_store(database, password_provider=keyring_password) for _ in range(3)]
    try:
        ana, bob, cat = (Services(s) for s in stores)
        review = add_demo(ana)
        ana.presence.here(review, "Ana", "facilitator", "timeline")
        bob.presence.here(review, "Bob", "notetaker", "whys", "Why 2")
        cat.presence.here(review, "Cat", "attendee", "timeline")
        seen = [(p.person, p.role, p.phase, p.field) for p in ana.presence.present(review)]
        assert seen == [("Bob", "notetaker", "whys", "Why 2"), ("Cat", "attendee", "timeline", "")]
        everyone = [p.person for p in bob.presence.present(review, others_only=False)]
        assert everyone == ["Ana", "Bob", "Cat"]  # the facilitator first
        bob.presence.here(review, "Bob", "notetaker", "factors")  # renewed, moved on
        assert [p.phase for p in cat.presence.present(review) if p.person == "Bob"] == ["factors"]
        cat.presence.gone()
        assert [p.person for p in ana.presence.present(review)] == ["Bob"]
        with ana.store.transaction() as s:  # Bob's laptop went to sleep a while ago
            s.execute(
                update(Presence)
                .where(Presence.client == bob.store.client)
                .values(seen_at=utcnow() - timedelta(seconds=60))
            )
        assert ana.presence.present(review) == []
        assert ana.changes.since(0, review)[-1].entity != "presence"  # not a change of it
        with pytest.raises(UserError, match="unknown role"):
            ana.presence.here(review, "Ana", "boss")
        ana.reviews.delete_review(review)  # the review goes: so do its rows
        assert ana.presence.present(review, others_only=False) == []
    finally:
        for store in stores:
            store.close()


def test_a_signed_off_review_still_shows_who_is_in_it(any_store: Store) -> None:
    service = Services(any_store)
    review = add_demo(service)
    with any_store.transaction() as s:  # final, as signing leaves it
        s.execute(update(Review).where(Review.id == review).values(status="final"))
    service.presence.here(review, "Ana", "observer", "signoff")
    assert [p.person for p in service.presence.present(review, others_only=False)] == ["Ana"]
