"""An item's status, ticket and factors, asked for in the page's prompt: done needs the
evidence, dropped a reason; the ticket and the factors an item closes can be set there when
the table is too narrow for their columns."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clearsight.review.action_rows import STATUS_LABELS
from clearsight.review.data import ReviewDetail
from clearsight.ui.actions.commands import SetAction, SetActionFactors
from clearsight.ui.actions.prompt import Field, Prompt
from clearsight.ui.editing.commands import Ref

if TYPE_CHECKING:
    from clearsight.ui.actions.model import ActionRow
    from clearsight.ui.editing.session import ReviewSession


class FieldsMixin:
    """ActionsPage's status, ticket and factor questions (see actions.py for the attributes
    it relies on)."""

    session: ReviewSession
    prompt: Prompt
    detail: ReviewDetail | None

    def _row(self, action_id: int) -> ActionRow | None:
        raise NotImplementedError

    def _current_row(self) -> ActionRow | None:
        raise NotImplementedError

    def _ref(self, action_id: int) -> Ref:
        raise NotImplementedError

    def _set(self, action_id: int, changes: dict[str, Any], label: str, reason: str = "") -> bool:
        raise NotImplementedError

    def status_chosen(self, action_id: int, status: str) -> bool:
        row = self._row(action_id)
        if row is None:
            return False
        a = row.action
        if status == a.status:
            return True
        ref = self._ref(action_id)
        if status == "done":
            self.prompt.ask(
                f"{row.label} is done: what shows it? A link to the change, the alert or the "
                "test, or a line that says where to look.",
                [
                    Field(
                        "evidence",
                        "Evidence:",
                        "e.g. https://git.example.com/pay/pull/482",
                        a.evidence,
                    )
                ],
                "Mark done",
                lambda values: self._close(
                    ref,
                    {"status": "done", "evidence": values["evidence"]},
                    f"Mark {row.label} done",
                ),
            )
            return True
        if status == "dropped":
            self.prompt.ask(
                f"Why is {row.label} dropped? The reason stays in the record.",
                [Field("reason", "Reason:", "e.g. covered by A2; the service is being retired")],
                "Drop item",
                lambda values: self._close(
                    ref,
                    {"status": "dropped", "status_reason": values["reason"]},
                    f"Drop {row.label}",
                    values["reason"],
                ),
            )
            return True
        changes: dict[str, Any] = {"status": status}
        if a.status == "dropped":
            changes["status_reason"] = ""
        return self._set(action_id, changes, f"{STATUS_LABELS[status]}: {row.label}")

    def _close(self, ref: Ref, changes: dict[str, Any], label: str, reason: str = "") -> str | None:
        self.session.execute(SetAction(self.session.service, ref, changes, label, reason))
        return None

    def _status_of_selected(self, status: str) -> None:
        row = self._current_row()
        if row is not None:
            self.status_chosen(row.action.id, status)

    # ---- factors ------------------------------------------------------------------------------
    def factor_choices(self) -> list[tuple[int, str]]:
        factors = self.detail.factors if self.detail else []
        return [(f.id, f"F{n}  {f.text}") for n, f in enumerate(factors, 1)]

    def set_factors(self, action_id: int, factor_ids: list[int]) -> bool:
        row = self._row(action_id)
        if row is None:
            return False
        old, new = set(row.action.factor_ids), set(factor_ids)
        if old == new:
            return True
        refs = self.session.refs
        command = SetActionFactors(
            self.session.service,
            self._ref(action_id),
            [refs.get("factor", f) for f in sorted(new - old)],
            [refs.get("factor", f) for f in sorted(old - new)],
            f"Link factors of {row.label}",
        )
        return self.session.execute(command)

    def ask_ticket(self) -> None:
        row = self._current_row()
        if row is None:
            return
        action_id = row.action.id
        self.prompt.ask(
            f"The ticket for {row.label} in the team's tracker:",
            [Field("ticket", "Ticket:", "ABC-123, #123 or a link", row.action.ticket, False)],
            "Save ticket",
            lambda v: self._answer(
                self._set(action_id, {"ticket": v["ticket"]}, f"Set ticket of {row.label}")
            ),
        )

    def ask_factors(self) -> None:
        row = self._current_row()
        if row is None or self.detail is None:
            return
        action_id, linked = row.action.id, set(row.action.factor_ids)
        options = [(f, text, f in linked) for f, text in self.factor_choices()]
        if not options:
            self.prompt.tell("No contributing factors yet: add them on the factors page.")
            return
        self.prompt.tick(
            f"Which factors does {row.label} close?",
            options,
            "Save",
            lambda ids: self._answer(self.set_factors(action_id, ids)),
        )

    @staticmethod
    def _answer(saved: bool) -> str | None:
        # A refusal by the service is in the window's banner; the prompt closes either way.
        return None
