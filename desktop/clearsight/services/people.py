"""The people directory: who can take part in reviews and own action items."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from clearsight.db.models import ActionItem, Participant, Person
from clearsight.errors import UserError
from clearsight.review import rules
from clearsight.review.data import PersonData
from clearsight.services.part import Part
from clearsight.services.read import person_data


class People(Part):
    def list_people(self) -> list[PersonData]:
        with self._tx() as s:
            return [person_data(p) for p in s.scalars(select(Person).order_by(Person.name))]

    def add_person(self, name: str, handle: str | None = None, email: str | None = None) -> int:
        try:
            person = Person(
                name=rules.clean_name(name),
                handle=rules.clean_handle(handle),
                email=(email or "").strip() or None,
            )
        except ValueError as err:
            raise UserError(str(err)) from err
        with self._tx() as s:
            if person.handle and s.scalar(select(Person).where(Person.handle == person.handle)):
                raise UserError(f"Someone already has the handle @{person.handle}.")
            s.add(person)
            try:
                s.flush()
            except IntegrityError as err:
                _raise_if_handle_taken(err, person.handle)
                raise
            return person.id

    def update_person(
        self, person_id: int, name: str, handle: str | None, email: str | None
    ) -> None:
        try:
            values = (
                rules.clean_name(name),
                rules.clean_handle(handle),
                (email or "").strip() or None,
            )
        except ValueError as err:
            raise UserError(str(err)) from err
        with self._tx() as s:
            person = s.get(Person, person_id)
            if person is None:
                raise UserError(f"There is no person {person_id}.")
            clash = values[1] and s.scalar(
                select(Person).where(Person.handle == values[1], Person.id != person_id)
            )
            if clash:
                raise UserError(f"Someone already has the handle @{values[1]}.")
            person.name, person.handle, person.email = values
            try:
                s.flush()
            except IntegrityError as err:
                _raise_if_handle_taken(err, values[1])
                raise

    def people_usage(self) -> dict[int, tuple[int, int]]:
        """Per person id: (action items they own, reviews they take part in). People with
        neither are left out."""
        with self._tx() as s:
            owned: dict[int, int] = {
                person: count
                for person, count in s.execute(
                    select(ActionItem.owner_id, func.count(ActionItem.id))
                    .where(ActionItem.owner_id.is_not(None))
                    .group_by(ActionItem.owner_id)
                )
                if person is not None
            }
            reviews: dict[int, int] = {
                person: count
                for person, count in s.execute(
                    select(
                        Participant.person_id, func.count(func.distinct(Participant.review_id))
                    ).group_by(Participant.person_id)
                )
            }
        return {
            person: (owned.get(person, 0), reviews.get(person, 0))
            for person in owned.keys() | reviews.keys()
        }

    def delete_person(self, person_id: int) -> None:
        """Removes someone from the directory; refused while they own items or take part."""
        with self._tx() as s:
            person = s.get(Person, person_id)
            if person is None:
                raise UserError(f"There is no person {person_id}.")
            owned = list(s.scalars(select(ActionItem).where(ActionItem.owner_id == person_id)))
            if owned:
                titles = "; ".join(f"\u201c{a.what}\u201d" for a in owned[:5])
                more = f" and {len(owned) - 5} more" if len(owned) > 5 else ""
                raise UserError(
                    f"{person.name} owns {len(owned)} action item(s): {titles}{more}. "
                    "Give them another owner first."
                )
            if s.scalar(select(Participant.id).where(Participant.person_id == person_id)):
                raise UserError(f"{person.name} takes part in a review; remove them from it first.")
            s.delete(person)


def _raise_if_handle_taken(err: IntegrityError, handle: str | None) -> None:
    """Another client saved the same handle between our check and our write (a team database).

    Only the handle's unique constraint means that; any other violation is a bug and is left
    to go on as it is.
    """
    if handle and "handle" in str(err.orig):
        raise UserError(f"Someone already has the handle @{handle}.") from err
