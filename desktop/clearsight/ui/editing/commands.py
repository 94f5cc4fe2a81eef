"""Undo commands: each calls the review service, never the database or a widget.

The session performs a command once (``apply``) before pushing it, so a failed save never
reaches the undo stack; the push then calls ``redo()`` once more, which ``skip_next`` turns
into a no-op. ``undo()``/``redo()`` are called by QUndoStack from C++, where an exception
cannot travel: they store a ``UserError`` in ``error`` for the session to report.

Rows that an undo re-creates come back with a new id, so commands name lessons and figures
through a shared ``Ref`` that the ``RefTable`` re-points, and later commands still find them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand, QUndoStack

from clearsight.errors import UserError
from clearsight.preferences import Pref
from clearsight.review.data import TOUCHES, FigureData, LessonData

if TYPE_CHECKING:  # at run time the service arrives as an argument; importing it loads SQLAlchemy
    from clearsight.services.root import Services

TEXT_COMMAND_ID = 1001


class Ref:
    """The current id of a row whose id changes when an undo re-creates it."""

    __slots__ = ("kind", "id")

    def __init__(self, kind: str, row_id: int) -> None:
        self.kind = kind
        self.id = row_id

    def __repr__(self) -> str:
        return f"Ref({self.kind}, {self.id})"


class RefTable:
    """One Ref per row, so every command naming a row sees its re-created id."""

    def __init__(self) -> None:
        self._refs: dict[tuple[str, int], Ref] = {}

    def get(self, kind: str, row_id: int) -> Ref:
        return self._refs.setdefault((kind, row_id), Ref(kind, row_id))

    def rebind(self, ref: Ref, new_id: int) -> None:
        self.forget(ref)
        ref.id = new_id
        self._refs[(ref.kind, new_id)] = ref

    def forget(self, ref: Ref) -> None:
        """The row is gone; SQLite may give its id to a new row, which must get a new Ref."""
        if self._refs.get((ref.kind, ref.id)) is ref:
            del self._refs[(ref.kind, ref.id)]


class ServiceCommand(QUndoCommand):
    # Whether the open review is reloaded after the command runs the first time; text edits
    # are already on screen, so reloading would only move the cursor.
    reload_after_apply = True
    # The parts of the read model the command may change (review.data.TOUCHES); None: any.
    touches: frozenset[str] | None = None

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.skip_next = False
        self.error: UserError | None = None

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        self._guarded(self.apply)

    def undo(self) -> None:
        self._guarded(self.revert)

    def _guarded(self, action: Callable[[], None]) -> None:
        self.error = None
        if self.skip_next:
            self.skip_next = False
            return
        try:
            action()
        except UserError as err:
            self.error = err


def undo_step(stack: QUndoStack, undo: bool) -> UserError | None:
    """Undoes (or redoes) the stack's next step. When the service refuses it, the stack's
    index moves back without touching the data, and the refusal is returned."""
    if undo:
        stack.undo()
        command = stack.command(stack.index())
    else:
        stack.redo()
        command = stack.command(stack.index() - 1)
    error = getattr(command, "error", None)
    if error is not None:
        command.skip_next = True
        stack.redo() if undo else stack.undo()
    return error


class SetText(ServiceCommand):
    """A text edit; consecutive commits of one ``visit`` merge into one step. A visit is one
    run of typing: the field starts a new one when it is entered, when typing resumes after
    a pause, and at the end of a paragraph (see fields.TextField), so undo takes typing back
    as an editor does, not a whole box at once."""

    reload_after_apply = False

    def __init__(
        self,
        label: str,
        key: Any,
        old: str,
        new: str,
        write: Callable[[str], None],
        visit: int | None = None,
        touches: frozenset[str] | None = None,
    ) -> None:
        super().__init__(label)
        self.touches = touches
        self.key = key
        self.old = old
        self.new = new
        self.write = write
        self.visit = visit  # the run of typing; None: never merges

    def apply(self) -> None:
        self.write(self.new)

    def revert(self) -> None:
        self.write(self.old)

    def id(self) -> int:
        return TEXT_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt's name)
        if not isinstance(other, SetText) or self.visit is None:
            return False
        if other.key != self.key or other.visit != self.visit:
            return False
        self.new = other.new
        # Typed and then typed back: the step changes nothing, so the stack drops it.
        self.setObsolete(self.new == self.old)
        return True


class SetField(ServiceCommand):
    """A review field chosen from a list (severity, status): each change is one step."""

    touches = TOUCHES["review"]

    def __init__(
        self,
        service: Services,
        review_id: int,
        field: str,
        old: Any,
        new: Any,
        label: str,
        reason: str = "",
    ) -> None:
        super().__init__(label)
        self.service, self.review_id, self.field = service, review_id, field
        self.old, self.new, self.reason = old, new, reason

    def apply(self) -> None:
        self.service.reviews.set_field(self.review_id, self.field, self.new, reason=self.reason)

    def revert(self) -> None:
        # Undoing a raise of the severity lowers it again: the undo is the reason.
        self.service.reviews.set_field(
            self.review_id, self.field, self.old, reason=f"Undo: {self.text()}"
        )


class AddLesson(ServiceCommand):
    touches = TOUCHES["lessons"]

    def __init__(
        self, service: Services, refs: RefTable, review_id: int, kind: str, text: str
    ) -> None:
        super().__init__("Add lesson")
        self.service, self.refs, self.review_id = service, refs, review_id
        self.kind, self.text = kind, text
        self.ref: Ref | None = None
        self.position: int | None = None

    def apply(self) -> None:
        new_id = self.service.reviews.add_lesson(
            self.review_id, self.kind, self.text, self.position
        )
        if self.ref is None:
            self.ref = self.refs.get("lesson", new_id)
        else:
            self.refs.rebind(self.ref, new_id)

    def revert(self) -> None:
        assert self.ref is not None
        self.position = self.service.reviews.delete_lesson(self.ref.id).position
        self.refs.forget(self.ref)


class DeleteLesson(ServiceCommand):
    touches = TOUCHES["lessons"]

    def __init__(self, service: Services, refs: RefTable, review_id: int, ref: Ref) -> None:
        super().__init__("Delete lesson")
        self.service, self.refs, self.review_id, self.ref = service, refs, review_id, ref
        self.data: LessonData | None = None

    def apply(self) -> None:
        self.data = self.service.reviews.delete_lesson(self.ref.id)
        self.refs.forget(self.ref)

    def revert(self) -> None:
        assert self.data is not None
        d = self.data
        self.refs.rebind(
            self.ref, self.service.reviews.add_lesson(self.review_id, d.kind, d.text, d.position)
        )


class AddFigure(ServiceCommand):
    touches = TOUCHES["figures"]

    def __init__(
        self, service: Services, refs: RefTable, review_id: int, label: str, value: str
    ) -> None:
        super().__init__("Add impact figure")
        self.service, self.refs, self.review_id = service, refs, review_id
        self.label, self.value = label, value
        self.ref: Ref | None = None
        self.position: int | None = None

    def apply(self) -> None:
        new_id = self.service.reviews.add_figure(
            self.review_id, self.label, self.value, self.position
        )
        if self.ref is None:
            self.ref = self.refs.get("figure", new_id)
        else:
            self.refs.rebind(self.ref, new_id)

    def revert(self) -> None:
        assert self.ref is not None
        self.position = self.service.reviews.delete_figure(self.ref.id).position
        self.refs.forget(self.ref)


class SetFigure(ServiceCommand):
    touches = TOUCHES["figures"]

    # Edited in its table cell, so already on screen; a reload there would close the editor.
    reload_after_apply = False

    def __init__(
        self, service: Services, ref: Ref, old: tuple[str, str], new: tuple[str, str]
    ) -> None:
        super().__init__("Edit impact figure")
        self.service, self.ref, self.old, self.new = service, ref, old, new

    def apply(self) -> None:
        self.service.reviews.set_figure(self.ref.id, *self.new)

    def revert(self) -> None:
        self.service.reviews.set_figure(self.ref.id, *self.old)


class DeleteFigure(ServiceCommand):
    touches = TOUCHES["figures"]

    def __init__(self, service: Services, refs: RefTable, review_id: int, ref: Ref) -> None:
        super().__init__("Delete impact figure")
        self.service, self.refs, self.review_id, self.ref = service, refs, review_id, ref
        self.data: FigureData | None = None

    def apply(self) -> None:
        self.data = self.service.reviews.delete_figure(self.ref.id)
        self.refs.forget(self.ref)

    def revert(self) -> None:
        assert self.data is not None
        d = self.data
        self.refs.rebind(
            self.ref, self.service.reviews.add_figure(self.review_id, d.label, d.value, d.position)
        )


class AddParticipant(ServiceCommand):
    touches = TOUCHES["people"]

    def __init__(
        self, service: Services, review_id: int, person_id: int, role: str, name: str
    ) -> None:
        super().__init__(f"Add {name} as {role}")
        self.service, self.review_id, self.person_id, self.role = (
            service,
            review_id,
            person_id,
            role,
        )

    def apply(self) -> None:
        self.service.reviews.add_participant(self.review_id, self.person_id, self.role)

    def revert(self) -> None:
        self.service.reviews.remove_participant(self.review_id, self.person_id, self.role)


class RemoveParticipant(AddParticipant):
    def __init__(
        self, service: Services, review_id: int, person_id: int, role: str, name: str
    ) -> None:
        super().__init__(service, review_id, person_id, role, name)
        self.setText(f"Remove {name} as {role}")

    def apply(self) -> None:
        super().revert()

    def revert(self) -> None:
        super().apply()


class DismissFlag(ServiceCommand):
    """Hides one language finding; undo shows it again.

    A lesson's place goes by its Ref, so a lesson re-created by an undo keeps its dismissal.
    """

    touches = TOUCHES["flags"]

    def __init__(
        self,
        service: Services,
        review_id: int,
        place: str | Ref,
        rule_id: str,
        snippet: str,
        reason: str,
    ) -> None:
        super().__init__(f"Dismiss flag \u201c{snippet}\u201d")
        self.service, self.review_id, self.place = service, review_id, place
        self.rule_id, self.snippet, self.reason = rule_id, snippet, reason
        self.dismissal_id: int | None = None

    def place_key(self) -> str:
        place = self.place
        return f"{place.kind}:{place.id}" if isinstance(place, Ref) else place

    def apply(self) -> None:
        self.dismissal_id = self.service.flags.dismiss_flag(
            self.review_id, self.place_key(), self.rule_id, self.snippet, self.reason
        )

    def revert(self) -> None:
        assert self.dismissal_id is not None
        self.service.flags.restore_flag(self.dismissal_id)


class SetSetting(ServiceCommand):
    """A team preference kept with the data (due windows, time boxes); undo puts the old
    value back."""

    def __init__(self, service: Services, pref: Pref[Any], old: Any, new: Any, label: str):
        super().__init__(label)
        self.service, self.pref, self.old, self.new = service, pref, old, new

    def apply(self) -> None:
        self.service.settings.set(self.pref, self.new)

    def revert(self) -> None:
        self.service.settings.set(self.pref, self.old)
