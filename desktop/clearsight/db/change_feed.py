"""Every write leaves a change record, in the same transaction: the live feed.

One hook after each flush, rather than one call in every service method, so no write can
forget it. Each new, changed or deleted row of a review becomes a record (which review, which
table and row, what happened, which client); a row's revision is the id of its newest record.
On PostgreSQL the hook also sends NOTIFY, which the server delivers when the transaction
commits, so listening windows learn of it at once; on SQLite they poll the newest id.
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, insert, or_, select, text
from sqlalchemy.orm import Session

from clearsight.db.models import (
    ActionFactorLink,
    Change,
    ChangeRecord,
    Factor,
    FactorTag,
    FactorWhyLink,
    Person,
    Presence,
    Review,
    ReviewTag,
    Setting,
    Tag,
    WhyNode,
    WhyTree,
    utcnow,
)
from clearsight.db.write_base import BASED_ON, StaleWrite
from clearsight.review.room import user_name

CHANNEL = "clearsight_changes"
POLL_S = 0.5  # SQLite has no notifications: the newest record is read this often
# The history is written beside a change it explains; presence is renewed every few seconds
# by each open window and read on its own (services/presence.py), not a change of the review.
NOT_RECORDED = (ChangeRecord, Change, Presence)
GLOBAL = (Person, Setting, Tag)  # about every review: a change to them has no review


def client_name() -> str:
    """Who this client is, in the records: the user, the machine, and a part of its own (two
    windows of one user on one machine are two clients)."""
    user = user_name()
    return f"{user}@{socket.gethostname()} {os.getpid()}-{uuid.uuid4().hex[:6]}"[:200]


def record_changes(session: Session, who: str) -> None:
    """Writes a record for each row the flush that just ran wrote (install after_flush)."""
    rows: list[dict[str, Any]] = []
    at = utcnow()
    owners: dict[tuple[type, int], int | None] = {}  # one look-up per tree or factor a flush
    for action, objects in (
        ("insert", session.new),
        ("update", session.dirty),
        ("delete", session.deleted),
    ):
        for obj in objects:
            if isinstance(obj, NOT_RECORDED):
                continue
            if action == "update" and not session.is_modified(obj, include_collections=True):
                continue
            row_id = _row_id(obj)
            if row_id is None:
                continue
            rows.append(
                {
                    "review_id": review_of(session, obj, owners),
                    "entity": obj.__tablename__,
                    "row_id": row_id,
                    "action": action,
                    "at": at,
                    "who": who,
                }
            )
    if not rows:
        return
    base = BASED_ON.get()
    if base is not None:
        _refuse_stale(session, rows, base, who)
    connection = session.connection()
    connection.execute(insert(ChangeRecord), rows)
    if connection.dialect.name == "postgresql":
        for review in sorted({r["review_id"] or 0 for r in rows}):
            connection.execute(text("SELECT pg_notify(:c, :r)"), {"c": CHANNEL, "r": str(review)})


def _refuse_stale(session: Session, rows: list[dict[str, Any]], base: int, who: str) -> None:
    """Raises StaleWrite when another client changed a row this flush changed or deleted
    after ``base``. It runs after the flush's own writes: on PostgreSQL the row lock they took
    makes a concurrent writer of the same row wait for this commit and then see its record;
    on SQLite the write lock does the same for the whole file."""
    changed = {(r["entity"], r["row_id"]) for r in rows if r["action"] != "insert"}
    if not changed:
        return
    found = session.execute(
        select(
            ChangeRecord.entity, ChangeRecord.row_id, ChangeRecord.who, func.max(ChangeRecord.id)
        )
        .where(
            ChangeRecord.id > base,
            ChangeRecord.who != who,
            or_(
                *(
                    (ChangeRecord.entity == entity) & (ChangeRecord.row_id == row_id)
                    for entity, row_id in sorted(changed)
                )
            ),
        )
        .group_by(ChangeRecord.entity, ChangeRecord.row_id, ChangeRecord.who)
        .limit(1)
    ).first()
    if found is not None:
        raise StaleWrite(found[0], int(found[1]), str(found[2]), int(found[3]))


def _row_id(obj: Any) -> int | None:
    if isinstance(obj, FactorWhyLink | ActionFactorLink | FactorTag):
        return int(obj.factor_id)  # a link is a change to its factor
    if isinstance(obj, ReviewTag):
        return int(obj.tag_id)  # the review's tag of that id (the review is its review_id)
    row_id = getattr(obj, "id", None)
    return row_id if isinstance(row_id, int) else None


def review_of(session: Session, obj: Any, owners: dict[tuple[type, int], int | None]) -> int | None:
    if isinstance(obj, GLOBAL):
        return None
    if isinstance(obj, Review):
        return int(obj.id)
    review_id = getattr(obj, "review_id", None)
    if isinstance(review_id, int):
        return review_id
    # A why answer belongs to its tree's review, a link to its factor's: the 500 answers of an
    # imported review ask about a few dozen trees.
    if isinstance(obj, WhyNode):
        owner: tuple[Any, int] = (WhyTree, obj.tree_id)
    elif isinstance(obj, FactorWhyLink | ActionFactorLink | FactorTag):
        owner = (Factor, obj.factor_id)
    else:
        return None
    if owner not in owners:
        model, row_id = owner
        with session.no_autoflush:
            owners[owner] = session.scalar(select(model.review_id).where(model.id == row_id))
    return owners[owner]


def waiter(store: Any) -> Callable[[], None]:
    """A wait until there may be new records: a NOTIFY on PostgreSQL (the caller reads by id
    after each, so nothing sent while it was busy is missed), a short sleep on SQLite."""
    if store.url.get_backend_name() != "postgresql":
        return lambda: time.sleep(POLL_S)
    raw = store.engine.raw_connection().driver_connection
    raw.autocommit = True
    raw.execute(f"LISTEN {CHANNEL}")

    def wait() -> None:
        for _ in raw.notifies(timeout=5.0, stop_after=1):
            pass

    return wait
