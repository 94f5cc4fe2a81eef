"""A review's timeline: events, their marks, and imports from the incident channel.

Times arrive as UTC instants (the entry line and the importers do the zone work); each method
is one transaction, and those that remove or move something return what an undo needs.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clearsight.db import final_guard
from clearsight.db.models import Review, TimelineEvent
from clearsight.errors import UserError
from clearsight.review import rules
from clearsight.review.data import EventData
from clearsight.services.flags import move_dismissals
from clearsight.services.part import Part
from clearsight.services.read import event_data


def _checked(at: datetime, text: str) -> tuple[datetime, str]:
    if at.tzinfo is None:
        raise UserError("An event time needs a zone (times are stored in UTC).")
    clean = " ".join(text.split())
    if not clean:
        raise UserError("An event needs a text: say what happened.")
    return at, clean


class Timeline(Part):
    def add_event(self, review_id: int, at: datetime, text: str, mark: str | None = None) -> int:
        at, text = _checked(at, text)
        with self._tx() as s:
            if s.get(Review, review_id) is None:
                raise UserError(f"There is no review {review_id}.")
            event = TimelineEvent(review_id=review_id, at=at, text=text)
            s.add(event)
            s.flush()
            if mark:
                self._move_mark(s, review_id, event, mark)
            return event.id

    def set_event(self, event_id: int, at: datetime, text: str) -> None:
        at, text = _checked(at, text)
        with self._tx() as s:
            event = self._event(s, event_id)
            event.at, event.text = at, text

    def delete_event(self, event_id: int) -> EventData:
        with self._tx() as s:
            event = self._event(s, event_id)
            data = event_data(event)
            s.delete(event)
            return data

    def restore_event(self, review_id: int, data: EventData) -> int:
        """Puts a deleted event back (for undo), with its mark and import key."""
        return self.restore_events(review_id, [data])[0]

    def restore_events(self, review_id: int, items: list[EventData]) -> list[int]:
        """Puts deleted events back in one transaction; returns their new ids in order."""
        with self._tx() as s:
            events = []
            for data in items:
                event = TimelineEvent(
                    review_id=review_id, at=data.at, text=data.text, source_key=data.source_key
                )
                s.add(event)
                s.flush()
                if data.mark:
                    self._move_mark(s, review_id, event, data.mark)
                events.append(event)
            moves = {f"event:{d.id}": f"event:{e.id}" for d, e in zip(items, events, strict=True)}
            move_dismissals(s, review_id, moves)
            return [e.id for e in events]

    def set_event_mark(self, event_id: int, mark: str | None) -> tuple[str | None, int | None]:
        """Marks the event (None clears it). A mark sits on one event, so it leaves any other.

        Returns (the event's old mark, the event the mark was taken from) for undo.
        """
        with self._tx() as s:
            event = self._event(s, event_id)
            old = event.mark
            taken_from = self._move_mark(s, event.review_id, event, mark) if mark else None
            if not mark:
                event.mark = None
            return old, taken_from

    def import_events(
        self, review_id: int, items: Iterable[tuple[str, datetime, str]]
    ) -> tuple[list[int], int]:
        """Adds (key, time, text) items in one transaction; keys already there are skipped.

        Returns the new event ids and how many were skipped as already imported.
        """
        with self._tx() as s:
            review = s.get(Review, review_id)
            if review is None:
                raise UserError(f"There is no review {review_id}.")
            final_guard.refuse_if_final(s, review_id)  # the bulk insert below passes no flush
            known = set(
                s.scalars(
                    select(TimelineEvent.source_key).where(
                        TimelineEvent.review_id == review_id,
                        TimelineEvent.source_key.is_not(None),
                    )
                )
            )
            rows: list[dict[str, object]] = []
            skipped = 0
            for key, at, text in items:
                if key in known:
                    skipped += 1
                    continue
                at, text = _checked(at, text)
                rows.append({"review_id": review_id, "at": at, "text": text, "source_key": key})
                known.add(key)
            if not rows:
                return [], skipped
            # One INSERT for all rows (a chat log can hold 100,000 lines), ids in row order.
            bulk = insert(TimelineEvent).returning(TimelineEvent.id, sort_by_parameter_order=True)
            try:
                with s.begin_nested():
                    return list(s.scalars(bulk, rows)), skipped
            except IntegrityError:
                pass
            # Someone imported some of these messages meanwhile: add the rest one by one.
            added: list[int] = []
            for row in rows:
                try:
                    with s.begin_nested():
                        added += s.scalars(insert(TimelineEvent).returning(TimelineEvent.id), [row])
                except IntegrityError:
                    skipped += 1
            return added, skipped

    def delete_events(
        self, review_id: int, event_ids: Iterable[int], strict: bool = True
    ) -> list[EventData]:
        """Removes several events of ``review_id`` in one transaction; returns them for undo.

        ``strict``: a missing event refuses the whole delete (nothing is removed); otherwise it
        is passed over (the undo of an import whose events were since deleted by hand).
        """
        with self._tx() as s:
            gone = []
            for event_id in event_ids:
                event = s.get(TimelineEvent, event_id)
                if event is None or event.review_id != review_id:
                    if strict:
                        raise UserError(f"There is no timeline event {event_id} in this review.")
                    continue
                gone.append(event_data(event))
                s.delete(event)
            return gone

    @staticmethod
    def _event(s: Session, event_id: int) -> TimelineEvent:
        event = s.get(TimelineEvent, event_id)
        if event is None:
            raise UserError(f"There is no timeline event {event_id} (it may have been deleted).")
        return event

    @staticmethod
    def _move_mark(s: Session, review_id: int, event: TimelineEvent, mark: str) -> int | None:
        try:
            mark = rules.parse_choice(mark, rules.MARKS, "mark")
        except ValueError as err:
            raise UserError(str(err)) from err
        holder = s.scalars(
            select(TimelineEvent).where(
                TimelineEvent.review_id == review_id,
                TimelineEvent.mark == mark,
                TimelineEvent.id != event.id,
            )
        ).first()
        if holder is not None:
            holder.mark = None
        event.mark = mark
        return holder.id if holder is not None else None
