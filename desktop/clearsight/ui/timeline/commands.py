"""Undo commands for the timeline: each calls the review service (see commands.py)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from clearsight.review.data import TOUCHES, EventData
from clearsight.timeline.marks import MARK_LABELS
from clearsight.ui.editing.commands import Ref, RefTable, ServiceCommand

if TYPE_CHECKING:
    from clearsight.services.root import Services


class TimelineCommand(ServiceCommand):
    """A timeline edit: what it may change in the review is read again after it."""

    touches = TOUCHES["timeline"]


class AddEvent(TimelineCommand):
    def __init__(
        self, service: Services, refs: RefTable, review_id: int, at: datetime, text: str
    ) -> None:
        super().__init__("Add timeline event")
        self.service, self.refs, self.review_id = service, refs, review_id
        self.at, self.text = at, text
        self.ref: Ref | None = None

    def apply(self) -> None:
        new_id = self.service.timeline.add_event(self.review_id, self.at, self.text)
        if self.ref is None:
            self.ref = self.refs.get("event", new_id)
        else:
            self.refs.rebind(self.ref, new_id)

    def revert(self) -> None:
        assert self.ref is not None
        self.service.timeline.delete_event(self.ref.id)
        self.refs.forget(self.ref)


class EditEvent(TimelineCommand):
    def __init__(
        self,
        service: Services,
        ref: Ref,
        old: tuple[datetime, str],
        new: tuple[datetime, str],
    ) -> None:
        super().__init__("Edit timeline event" if old[0] == new[0] else "Change event time")
        self.service, self.ref, self.old, self.new = service, ref, old, new

    def apply(self) -> None:
        self.service.timeline.set_event(self.ref.id, *self.new)

    def revert(self) -> None:
        self.service.timeline.set_event(self.ref.id, *self.old)


class DeleteEvents(TimelineCommand):
    def __init__(
        self, service: Services, refs: RefTable, review_id: int, targets: list[Ref]
    ) -> None:
        many = len(targets) > 1
        super().__init__(f"Delete {len(targets)} events" if many else "Delete timeline event")
        self.service, self.refs, self.review_id, self.targets = service, refs, review_id, targets
        self.data: list[EventData] = []

    def apply(self) -> None:
        # One transaction: either every selected event goes, or none does.
        self.data = self.service.timeline.delete_events(
            self.review_id, [r.id for r in self.targets]
        )
        for ref in self.targets:
            self.refs.forget(ref)

    def revert(self) -> None:
        new_ids = self.service.timeline.restore_events(self.review_id, self.data)
        for ref, new_id in zip(self.targets, new_ids, strict=True):
            self.refs.rebind(ref, new_id)


class SetMark(TimelineCommand):
    """Marks an event (or clears its mark); the mark leaves whichever event held it."""

    def __init__(self, service: Services, refs: RefTable, ref: Ref, mark: str | None):
        super().__init__(f"Mark as {MARK_LABELS[mark]}" if mark else "Clear mark")
        self.service, self.refs, self.ref, self.mark = service, refs, ref, mark
        self.old: str | None = None
        self.taken_from: Ref | None = None

    def apply(self) -> None:
        old, taken_from = self.service.timeline.set_event_mark(self.ref.id, self.mark)
        self.old = old
        self.taken_from = self.refs.get("event", taken_from) if taken_from else None

    def revert(self) -> None:
        self.service.timeline.set_event_mark(self.ref.id, self.old)
        if self.taken_from is not None and self.mark:
            self.service.timeline.set_event_mark(self.taken_from.id, self.mark)


class ImportEvents(TimelineCommand):
    def __init__(
        self,
        service: Services,
        refs: RefTable,
        review_id: int,
        items: list[tuple[str, datetime, str]],
        source: str,
    ) -> None:
        super().__init__(f"Import {len(items)} events from {source}")
        self.service, self.refs, self.review_id, self.items = service, refs, review_id, items
        # Refs, not ids: an event deleted meanwhile frees its id for another row.
        self.added: list[Ref] = []
        self.skipped = 0

    def apply(self) -> None:
        ids, self.skipped = self.service.timeline.import_events(self.review_id, self.items)
        self.added = [self.refs.get("event", i) for i in ids]

    def revert(self) -> None:
        self.service.timeline.delete_events(
            self.review_id, [r.id for r in self.added], strict=False
        )
        for ref in self.added:
            self.refs.forget(ref)
