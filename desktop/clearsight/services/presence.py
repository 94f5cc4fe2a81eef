"""Who is in the review now: each open window says where its person is every few seconds.

A row a window (its client name), renewed by ``here`` and read by ``present``; rows older
than ``STALE_S`` are someone who closed the laptop or lost the network, and are not shown.
The facilitator's row says which phase the room is on, for the windows that follow it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from clearsight.db.models import Presence, utcnow
from clearsight.errors import UserError
from clearsight.review.room import ROLES, PresenceData
from clearsight.services.part import Part, review_row

STALE_S = 10.0  # three missed renewals: the window is gone


class Present(Part):
    def here(
        self,
        review_id: int,
        person: str,
        role: str,
        phase: str = "",
        field: str = "",
        clock: str = "",
    ) -> None:
        """This window has ``review_id`` open: on ``phase``, typing in ``field`` ("" when
        not typing); a facilitator's window also says its meeting ``clock``."""
        if role not in ROLES:
            raise UserError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
        client = self.store.client
        with self._tx() as s:
            values = {
                "review_id": review_id,
                "person": person[:200],
                "role": role,
                "phase": phase[:50],
                "field": field[:100],
                "seen_at": _now(s),
                "clock": clock if role == "facilitator" else "",
            }
            # One statement, not read-then-write: the window's beat runs on a worker, and
            # closing the review may delete the row between a read and a write.
            found = s.execute(update(Presence).where(Presence.client == client).values(values))
            if not getattr(found, "rowcount", 0):
                review_row(s, review_id)
                s.add(Presence(client=client, **values))

    def gone(self) -> None:
        """This window closed the review."""
        with self._tx() as s:
            s.execute(delete(Presence).where(Presence.client == self.store.client))

    def present(self, review_id: int, others_only: bool = True) -> list[PresenceData]:
        """Who has ``review_id`` open now, facilitators first, then by name."""
        with self._tx() as s:
            since = _now(s) - timedelta(seconds=STALE_S)
            query = select(Presence).where(
                Presence.review_id == review_id, Presence.seen_at >= since
            )
            if others_only:
                query = query.where(Presence.client != self.store.client)
            rows = [
                PresenceData(r.client, r.person, r.role, r.phase, r.field, r.clock)
                for r in s.scalars(query)
            ]
        return sorted(rows, key=lambda p: (ROLES.index(p.role), p.person.lower(), p.client))


def _now(s: Session) -> Any:
    """Now by the database's clock on a server, so that laptops whose clocks differ agree on
    who is still there; a SQLite file is on this machine, whose clock is the one to use."""
    if s.get_bind().dialect.name == "postgresql":
        return func.timezone("UTC", func.now())
    return utcnow()
