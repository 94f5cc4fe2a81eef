"""People's public signing keys: registered with their person record, listed as trusted keys.

Only public keys are ever in the database. A person makes their key pair on their own machine
and registers the public half here (from that machine, or from a key file they send); the
team's trusted-key list is exported from these rows.
"""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from clearsight.db.models import Person
from clearsight.errors import UserError
from clearsight.record.signing import fingerprint
from clearsight.record.trusted_keys import TrustedKey, TrustedKeys
from clearsight.review.data import PersonData
from clearsight.services.part import Part, row_of
from clearsight.services.read import person_data


class Keys(Part):
    def register(self, who: str | int, public_key: bytes, replace: bool = False) -> PersonData:
        """Registers ``public_key`` as the signing key of ``who`` (an id, handle or name)."""
        with self._tx() as s:
            person = find_person(s, who)
            if person.public_key == public_key:
                return person_data(person)
            if person.public_key is not None and not replace:
                raise UserError(
                    f"{person.name} already has key {fingerprint(person.public_key)}; "
                    "--replace registers the new one (their earlier signatures keep the key "
                    "that made them)."
                )
            holder = s.scalar(select(Person).where(Person.public_key == public_key))
            if holder is not None:
                raise UserError(f"That key is already registered for {holder.name}.")
            person.public_key = public_key
            s.flush()
            return person_data(person)

    def holder_of(self, public_key: bytes) -> PersonData | None:
        """The person whose registered key this is."""
        with self._tx() as s:
            found = s.scalar(select(Person).where(Person.public_key == public_key))
            return person_data(found) if found is not None else None

    def trusted(self) -> TrustedKeys:
        """Everyone's registered key, as the team's trusted-key list."""
        with self._tx() as s:
            rows = s.scalars(
                select(Person).where(Person.public_key.is_not(None)).order_by(Person.name)
            )
            return TrustedKeys(
                [
                    TrustedKey(p.handle or p.name, p.public_key, p.name)
                    for p in rows
                    if p.public_key is not None
                ]
            )


def find_person(s: Session, who: str | int) -> Person:
    """The person with this id, or the one with this handle (with or without @) or name."""
    if isinstance(who, int):
        return row_of(s, Person, who, "person")  # type: ignore[no-any-return]
    text = who.strip()
    handle = text.removeprefix("@")
    found = list(s.scalars(select(Person).where(or_(Person.handle == handle, Person.name == text))))
    if not found:
        raise UserError(f"There is no person {text!r}: add them first (People, or `import`).")
    if len(found) > 1:
        raise UserError(f"{len(found)} people are called {text!r}: give their handle instead.")
    return found[0]
