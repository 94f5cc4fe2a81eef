"""The owner of an action item: one person from the directory, never a team or a role.

A typed name is matched against the people directory; a team-like name is refused with the
reason right under the table (and the editor keeps the text to fix); a name that could be
several people asks which; a new name offers to add the person inline.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStringListModel

from clearsight.errors import UserError
from clearsight.review.actions import owner_refusal
from clearsight.review.data import PersonData
from clearsight.review.people import match_people
from clearsight.ui.actions.prompt import Field, Prompt
from clearsight.ui.editing.commands import Ref

if TYPE_CHECKING:
    from clearsight.ui.actions.model import ActionRow
    from clearsight.ui.editing.session import ReviewSession


class OwnerMixin:
    """ActionsPage's owner handling (see actions.py for the attributes it relies on)."""

    session: ReviewSession
    prompt: Prompt
    people: list[PersonData]
    people_model: QStringListModel

    def _row(self, action_id: int) -> ActionRow | None:
        raise NotImplementedError

    def _ref(self, action_id: int) -> Ref:
        raise NotImplementedError

    def _set(self, action_id: int, changes: dict[str, Any], label: str, reason: str = "") -> bool:
        raise NotImplementedError

    def owner_entered(self, action_id: int, text: str) -> bool:
        """Make the person ``text`` names the owner; False (and the reason below the table)
        when ``text`` is a team, a role or a placeholder. A name that could be several
        people asks which; a new name offers to add the person."""
        self.prompt.close_prompt()  # a question about the last owner typed is answered now
        row = self._row(action_id)
        if row is None:
            return False
        name = " ".join(text.split())
        owner = row.action.owner
        if not name:
            if owner is None:
                return True
            return self._set(action_id, {"owner_id": None}, f"Clear owner of {row.label}")
        if owner is not None and name.casefold() in (owner.label.casefold(), owner.name.casefold()):
            return True
        refusal = owner_refusal(name)
        if refusal:
            self.prompt.tell(f"{row.label}: {refusal}")
            return False
        found = match_people(self.people, name)
        if len(found) == 1:
            return self.set_owner(action_id, found[0])
        if found:
            choices: list[tuple[str, Callable[[], Any]]] = [
                (p.label, lambda p=p: self.set_owner(action_id, p)) for p in found
            ]
            choices.append(
                (
                    f"Someone else called {name}\u2026",
                    lambda: self.offer_new_person(action_id, name),
                )
            )
            self.prompt.choose(f"Which {name} owns {row.label}?", choices)
            return True
        self.offer_new_person(action_id, name)
        return True

    def set_owner(self, action_id: int, person: PersonData) -> bool:
        row = self._row(action_id)
        if row is None:
            return False
        if row.action.owner is not None and row.action.owner.id == person.id:
            return True
        label = f"Make {person.name} owner of {row.label}"
        return self._set(action_id, {"owner_id": person.id}, label)

    def offer_new_person(self, action_id: int, name: str) -> None:
        row = self._row(action_id)
        if row is None:
            return
        ref = self._ref(action_id)
        self.prompt.ask(
            f"\u201c{name}\u201d is not in the people directory yet. Add them, as the owner of "
            f"{row.label}?",
            [
                Field("name", "Name:", "first and last name", name),
                Field("handle", "Handle:", "optional, e.g. nina.p", required=False),
                Field("email", "Email:", "optional", required=False),
            ],
            "Add and make owner",
            lambda values: self._add_person_as_owner(ref, values),
        )

    def _add_person_as_owner(self, ref: Ref, values: dict[str, str]) -> str | None:
        name, handle, email = values["name"], values["handle"].lstrip("@"), values["email"]
        refusal = owner_refusal(name) or (owner_refusal("@" + handle) if handle else None)
        if refusal:
            return refusal
        try:
            person_id = self.session.service.people.add_person(name, handle or None, email or None)
            self.people = self.session.service.people.list_people()
        except UserError as err:  # a taken handle: fixed here, nothing typed is lost
            return str(err)
        self.people_model.setStringList([p.label for p in self.people])
        person = next((p for p in self.people if p.id == person_id), None)
        if person is None:
            person = PersonData(person_id, name, handle or None, email or None)
        self.set_owner(ref.id, person)
        return None
