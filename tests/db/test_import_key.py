"""An imported message is in a review once: the schema says so, so two people importing the
same channel export at the same moment cannot double it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from clearsight.db import migrate
from clearsight.db.store import Store, open_store
from clearsight.services import timeline as timeline_module
from clearsight.services.root import Services
from tests.db.conftest import keyring_password

AT = datetime(2026, 3, 15, 9, 0, tzinfo=UTC)
ITEMS = [(f"slack:C1:{n}", AT + timedelta(minutes=n), f"message {n}") for n in range(50)]


def _keys(service: Services, review_id: int) -> list[str | None]:
    return [e.source_key for e in service.reviews.get_review(review_id).events]


def test_an_import_that_meets_a_concurrent_one_adds_only_what_is_new(
    any_store: Store, database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Services(any_store)
    review_id = first.reviews.create_review("Queue stalled", "SEV-2")
    other = open_store(database, password_provider=keyring_password)
    raced = False
    checked = timeline_module._checked

    def meanwhile(at: datetime, body: str) -> tuple[datetime, str]:
        # The other client imports half of the same messages while this import runs.
        nonlocal raced
        if not raced:
            raced = True
            Services(other).timeline.import_events(review_id, ITEMS[:25])
        return checked(at, body)

    monkeypatch.setattr(timeline_module, "_checked", meanwhile)
    try:
        added, skipped = first.timeline.import_events(review_id, ITEMS)
    except Exception as err:  # SQLite: the other write came first, this one is refused whole
        assert "locked" in str(err) or "busy" in str(err).lower()
        added, skipped = first.timeline.import_events(review_id, ITEMS)
    finally:
        other.close()
    keys = _keys(first, review_id)
    assert sorted(keys) == sorted(k for k, _, _ in ITEMS)  # each message once
    assert len(added) + skipped == 50 and len(added) <= 25


def test_copies_made_before_the_key_was_unique_keep_their_oldest_row(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    migrate.upgrade(engine, "0002")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO review (uid, title, severity, status, incident_id, summary, impact,"
                " display_zone, created_at, updated_at) VALUES ('u1', 'Old', 'SEV-3', 'draft',"
                " '', '', '', 'UTC', '2026-03-15 09:00:00', '2026-03-15 09:00:00')"
            )
        )
        for n, key in enumerate(["k1", "k1", "k2", None, None]):
            conn.execute(
                text(
                    "INSERT INTO timeline_event (review_id, at, text, source_key)"
                    " VALUES (1, :at, :text, :key)"
                ),
                {"at": f"2026-03-15 09:0{n}:00", "text": f"event {n}", "key": key},
            )
    engine.dispose()
    st = open_store(str(path))
    try:
        events = Services(st).reviews.get_review(1).events
    finally:
        st.close()
    assert [(e.text, e.source_key) for e in events] == [
        ("event 0", "k1"),
        ("event 2", "k2"),
        ("event 3", None),
        ("event 4", None),
    ]


def test_an_import_into_a_final_review_is_refused_and_adds_nothing(any_store: Store) -> None:
    from clearsight.db.final_guard import READ_ONLY
    from clearsight.db.models import Review
    from clearsight.errors import UserError

    service = Services(any_store)
    review_id = service.reviews.create_review("Signed", "SEV-3")
    with any_store.transaction() as s:  # as signing makes it: the status alone changes
        review = s.get(Review, review_id)
        assert review is not None
        review.status = "final"
    with pytest.raises(UserError, match=READ_ONLY[:30]):
        service.timeline.import_events(review_id, ITEMS)
    assert _keys(service, review_id) == []
