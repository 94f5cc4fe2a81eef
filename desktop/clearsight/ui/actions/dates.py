"""Due dates: as people type them, re-dated with a reason, and the team's due windows (a
setting kept with the data) that give a new item its default date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from clearsight import preferences as prefs
from clearsight.errors import UserError
from clearsight.review.actions import (  # noqa: F401 (parse_windows: used by the dialog)
    DEFAULT_WINDOWS,
    Windows,
    parse_due,
    parse_windows,
    team_windows,
    window_text,
)
from clearsight.review.data import ReviewDetail
from clearsight.ui.actions.commands import SetAction
from clearsight.ui.actions.prompt import Field, Prompt
from clearsight.ui.editing.commands import Ref, SetSetting

if TYPE_CHECKING:
    from clearsight.ui.actions.model import ActionRow
    from clearsight.ui.editing.session import ReviewSession

# An item added in this sitting still has its default date: moving it is no re-date to explain.
FRESH_REASON = "Set in the review meeting"


class DueMixin:
    """ActionsPage's due dates and windows (see actions.py for the attributes it relies on)."""

    session: ReviewSession
    prompt: Prompt
    detail: ReviewDetail | None
    windows: Windows
    today: Callable[[], date]
    _fresh: list[Ref]

    def _row(self, action_id: int) -> ActionRow | None:
        raise NotImplementedError

    def _ref(self, action_id: int) -> Ref:
        raise NotImplementedError

    def _set(self, action_id: int, changes: dict[str, Any], label: str, reason: str = "") -> bool:
        raise NotImplementedError

    def default_due(self) -> date:
        raise NotImplementedError

    def due_entered(self, action_id: int, text: str) -> bool:
        """Set the due date typed for an item; a date that replaces an agreed one asks why."""
        row = self._row(action_id)
        if row is None or self.detail is None:
            return False
        try:
            due = parse_due(text, self.today())
        except ValueError as err:
            self.prompt.tell(f"{row.label}: {err}")
            return False
        old = row.action.due
        if due is None:
            self.prompt.tell(
                f"{row.label} needs a due date: an item without one is a wish. The "
                f"{self.detail.severity} window ends {self.default_due().isoformat()}."
            )
            return False
        if due == old:
            return True
        ref = self._ref(action_id)
        label = f"Due {row.label} {due.isoformat()}"
        if old is None:
            return self._set(action_id, {"due": due}, label)
        if any(r is ref for r in self._fresh):
            return self._set(action_id, {"due": due}, label, FRESH_REASON)
        self.prompt.ask(
            f"{row.label} moves from {old.isoformat()} to {due.isoformat()}. Why? The reason "
            "is kept in the item's history.",
            [Field("reason", "Reason:", "e.g. waiting for the vendor's fix")],
            "Re-date",
            lambda values: self._redate(ref, due, values["reason"], label),
        )
        return True

    def _redate(self, ref: Ref, due: date, reason: str, label: str) -> str | None:
        self.session.execute(SetAction(self.session.service, ref, {"due": due}, label, reason))
        return None

    def edit_windows(self) -> None:
        try:
            stored = self.session.service.settings.get(prefs.DUE_WINDOWS)
        except UserError as err:
            self.session.report("windows", err, self.edit_windows, unsaved=False)
            return
        self.prompt.ask(
            "Due windows, counted from the review meeting: a number of days, or "
            "\u201cquarter\u201d for the end of its quarter. A team setting: it holds for every "
            "review; items already dated keep their dates.",
            [
                Field(sev, f"{sev}:", text=str(self.windows.get(sev, DEFAULT_WINDOWS[sev])))
                for sev in DEFAULT_WINDOWS
            ],
            "Save windows",
            lambda values: self._save_windows(stored, values),
        )

    def _save_windows(self, stored: Any, values: dict[str, str]) -> str | None:
        try:
            new = parse_windows(values)
        except ValueError as err:
            return str(err)
        if new != self.windows:
            command = SetSetting(
                self.session.service, prefs.DUE_WINDOWS, stored, new, "Change the due windows"
            )
            self.session.execute(command)
        return None
