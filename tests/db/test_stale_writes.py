"""Optimistic concurrency for every row: a write made on what a client read refuses to land on
a row another client changed since, on both backends, and never refuses without a reason."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from clearsight.db.store import open_store
from clearsight.db.write_base import StaleWrite, based_on
from clearsight.services.demo import add_demo
from clearsight.services.root import Services
from tests.db.conftest import keyring_password


@pytest.fixture
def two(database: str) -> Iterator[tuple[Services, Services]]:
    stores = [open_store(database, password_provider=keyring_password) for _ in range(2)]
    yield Services(stores[0]), Services(stores[1])
    for store in stores:
        store.close()


def test_an_edit_of_a_row_changed_since_it_was_read_is_refused(
    two: tuple[Services, Services],
) -> None:
    me, them = two
    review = add_demo(me)
    event = me.reviews.get_review(review).events[0]
    seen = me.changes.latest(review)
    them.timeline.set_event(event.id, event.at, "Their wording")
    with based_on(seen), pytest.raises(StaleWrite, match="changed this timeline event") as err:
        me.timeline.set_event(event.id, event.at, "My wording")
    assert err.value.who == them.store.client
    assert me.reviews.get_review(review).events[0].text == "Their wording"  # theirs stands
    with based_on(me.changes.latest(review)):  # read again: now the edit is on theirs
        me.timeline.set_event(event.id, event.at, "My wording")
    assert me.reviews.get_review(review).events[0].text == "My wording"


def test_deleting_a_row_changed_since_it_was_read_is_refused(
    two: tuple[Services, Services],
) -> None:
    me, them = two
    review = add_demo(me)
    lesson = me.reviews.get_review(review).lessons[0]
    seen = me.changes.latest(review)
    them.reviews.set_lesson_text(lesson.id, "They rewrote this lesson")
    with based_on(seen), pytest.raises(StaleWrite):
        me.reviews.delete_lesson(lesson.id)
    assert [x.text for x in me.reviews.get_review(review).lessons].count(
        "They rewrote this lesson"
    ) == 1


def test_edits_of_other_rows_and_own_edits_are_not_conflicts(
    two: tuple[Services, Services],
) -> None:
    me, them = two
    review = add_demo(me)
    detail = me.reviews.get_review(review)
    seen = me.changes.latest(review)
    first, second = detail.events[0], detail.events[1]
    them.timeline.set_event(second.id, second.at, "Their row")
    them.timeline.add_event(review, datetime(2026, 3, 15, 15, 0, tzinfo=UTC), "Their new row")
    them.reviews.set_field(review, "impact", "Their impact")
    with based_on(seen):
        me.timeline.set_event(first.id, first.at, "My row")  # another row: fine
        me.timeline.set_event(first.id, first.at, "My row, again")  # my own change: fine
        me.reviews.add_lesson(review, "well", "A new lesson")  # a new row: fine
    texts = [e.text for e in me.reviews.get_review(review).events]
    assert {"My row, again", "Their row", "Their new row"} <= set(texts)


def test_of_two_edits_of_one_row_on_one_read_exactly_one_lands(
    two: tuple[Services, Services],
) -> None:
    """The check and the write are one step: two clients racing for one row cannot both pass
    the check before either has written."""
    review = add_demo(two[0])
    event = two[0].reviews.get_review(review).events[0]
    seen = two[0].changes.latest(review)
    outcomes: list[str] = []
    start = threading.Barrier(2)

    def write(service: Services, text: str) -> None:
        start.wait()
        try:
            with based_on(seen):
                service.timeline.set_event(event.id, event.at, text)
            outcomes.append(text)
        except StaleWrite:
            outcomes.append("refused")
        except Exception as err:  # a busy SQLite file is a retryable refusal, never a loss
            outcomes.append(f"refused: {err}")

    threads = [
        threading.Thread(target=write, args=(service, name))
        for service, name in zip(two, ("mine", "theirs"), strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    landed = [o for o in outcomes if not o.startswith("refused")]
    assert len(landed) == 1, outcomes
    assert two[0].reviews.get_review(review).events[0].text == landed[0]
