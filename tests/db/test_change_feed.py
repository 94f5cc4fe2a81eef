"""The change feed on both backends: every write leaves a record in its transaction, another
client reads what changed since, and a write on an old revision is refused, never lost."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest

from clearsight.db.store import Store, open_store
from clearsight.services.changes import StaleRevision
from clearsight.services.demo import add_demo
from clearsight.services.root import Services
from tests.db.conftest import keyring_password


def test_each_write_leaves_a_record_of_its_review(any_store: Store) -> None:
    service = Services(any_store)
    review = add_demo(service)
    start = service.changes.latest(review)
    at = datetime(2026, 3, 15, 14, 30, tzinfo=UTC)
    event = service.timeline.add_event(review, at, "Rollback finished")
    tree = service.reviews.get_review(review).trees[0]
    service.whys.set_node_text(tree.nodes[0].id, "The pool was sized for the old traffic")
    service.reviews.set_field(review, "impact", "18,420 failed checkouts")
    service.timeline.delete_event(event)
    seen = [(c.entity, c.action) for c in service.changes.since(start, review)]
    assert seen == [
        ("timeline_event", "insert"),
        ("why_node", "update"),
        ("review", "update"),
        ("timeline_event", "delete"),
    ]
    assert {c.review_id for c in service.changes.since(start, review)} == {review}
    assert service.changes.since(start, review + 1) == []  # another review's feed is quiet
    assert all(c.who == any_store.client for c in service.changes.since(start))


def test_another_client_reads_what_changed_and_a_stale_write_is_refused(database: str) -> None:
    mine = open_store(database, password_provider=keyring_password)
    theirs = open_store(database, password_provider=keyring_password)
    try:
        me, them = Services(mine), Services(theirs)
        review = add_demo(me)
        seen = me.changes.revision("review", review)
        after = them.changes.latest(review)
        them.changes.set_review_text(review, "summary", "Their summary", if_revision=seen)
        [change] = me.changes.since(after, review)
        assert (change.entity, change.row_id, change.who) == ("review", review, theirs.client)
        with pytest.raises(StaleRevision, match=f"changed since revision {seen}"):
            me.changes.set_review_text(review, "summary", "My summary", if_revision=seen)
        assert me.reviews.get_review(review).summary == "Their summary"  # not overwritten
    finally:
        mine.close()
        theirs.close()


def test_of_two_writes_on_one_revision_exactly_one_lands(database: str) -> None:
    stores = [open_store(database, password_provider=keyring_password) for _ in range(2)]
    try:
        review = add_demo(Services(stores[0]))
        seen = Services(stores[0]).changes.revision("review", review)
        results: list[str] = []
        ready = threading.Barrier(2)

        def write(store: Store, text: str) -> None:
            ready.wait()
            try:
                Services(store).changes.set_review_text(review, "impact", text, seen)
                results.append(text)
            except StaleRevision:
                results.append("stale")

        threads = [
            threading.Thread(target=write, args=(store, f"impact {n}"))
            for n, store in enumerate(stores)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert sorted(results)[-1] == "stale" and len(results) == 2
        [landed] = [r for r in results if r != "stale"]
        assert Services(stores[1]).reviews.get_review(review).impact == landed
    finally:
        for store in stores:
            store.close()
