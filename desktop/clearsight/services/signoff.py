"""A review's sign-off: each approver signs a statement about the record with their own key.

A machine signs only as the person whose registered key it holds; approvers elsewhere sign a
sign request on their own machine and the signature is imported. All approvers signed for the
current content makes the review final. Reopening needs a reason and voids every signature
with a statement signed by whoever reopens; it is kept in the history.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clearsight import preferences as prefs
from clearsight.db.models import Change, Person, Review, SignOff
from clearsight.errors import UserError
from clearsight.language.detector import Detector
from clearsight.record import statement
from clearsight.record.canonical import digest_of
from clearsight.record.machine_export import dump
from clearsight.record.returned import REQUEST, returned_signature
from clearsight.record.signing import SigningKey, fingerprint
from clearsight.review.data import PersonData, ReviewDetail
from clearsight.review.flags import open_findings
from clearsight.review.rules import format_instant, parse_instant
from clearsight.review.signoff import GateItem, gate_for
from clearsight.services.keys import find_person
from clearsight.services.part import Part
from clearsight.services.read import person_data
from clearsight.services.records import Records
from clearsight.services.reviews import Reviews
from clearsight.services.settings import Settings

NO_KEY = (
    "This machine has no signing key of yours to sign with: make one with "
    "`clearsight keys init --person HANDLE` (or Sign-off > Make my signing key)."
)


class Signoff(Part):
    def gate(self, review_id: int, today: date | None = None) -> list[GateItem]:
        with self._tx() as s:
            return self._gate(s, Reviews(self.store, s).get_review(review_id), today)

    def record_digest(self, review_id: int) -> str:
        with self._tx() as s:
            return digest_of(Records(self.store, s).export_review(review_id))

    def _gate(self, s: Session, detail: ReviewDetail, today: date | None = None) -> list[GateItem]:
        findings = open_findings(Detector.default(), detail)
        windows = Settings(self.store, s).get(prefs.DUE_WINDOWS)
        return gate_for(detail, findings, today or datetime.now(UTC).date(), windows)

    def sign_off(
        self, review_id: int, person_id: int, key: SigningKey | None, expected_digest: str = ""
    ) -> None:
        """Signs the record as ``person_id`` with this machine's ``key``, which must be theirs.

        ``expected_digest`` is the record the signer saw; a record changed since (by someone
        else, on a shared database) is refused rather than signed unseen.
        """
        with self._tx() as s:
            detail = Reviews(self.store, s).get_review(review_id)
            person = self._approver(s, detail, person_id)
            form, digest = self._ready(s, detail)
            if expected_digest and digest != expected_digest:
                raise UserError(
                    "The record changed since you looked at it: read it again, then sign."
                )
            if key is None:
                raise UserError(NO_KEY)
            if person.public_key != key.public_key:
                raise UserError(not_theirs(person.name, person.public_key))
            signed_at = format_instant(datetime.now(UTC))
            assert signed_at is not None
            text = statement.approval_text(
                form, digest, statement.principal(_ref(person)), key.fingerprint, signed_at
            )
            self._add(s, detail, person, text, key.sign(text.encode()), key.public_key)

    def sign_request(self, review_id: int) -> dict[str, Any]:
        """What an approver outside the room needs to sign: the record and its digest."""
        with self._tx() as s:
            detail = Reviews(self.store, s).get_review(review_id)
            form, digest = self._ready(s, detail)
            return {
                "kind": REQUEST,
                "version": 1,
                "content": digest,
                "approvers": statement.required_approvers(form),
                "record": form,
            }

    def import_signature(self, data: Any, source: str) -> PersonData:
        """Adds a signature made with ``clearsight sign`` on the approver's machine."""
        got = returned_signature(data, source)
        with self._tx() as s:
            review = s.scalar(select(Review).where(Review.uid == got.review_uid))
            if review is None:
                raise UserError(f"{source}: the signed review is not in this database.")
            detail = Reviews(self.store, s).get_review(review.id)
            person = find_person(s, got.signer)
            self._approver(s, detail, person.id)
            form, digest = self._ready(s, detail)
            if got.content != digest or got.approvers != statement.required_approvers(form):
                raise UserError(
                    f"{source}: the signature is for another version of the record: send a "
                    "new sign request."
                )
            if person.public_key != got.public_key:
                raise UserError(
                    f"{source}: signed with key {fingerprint(got.public_key)}, which is not "
                    f"{person.name}'s registered key. Register their key first "
                    "(`clearsight keys import FILE --person ...`)."
                )
            self._add(s, detail, person, got.text, got.signature, got.public_key)
            return person_data(person)

    def _approver(self, s: Session, detail: ReviewDetail, person_id: int) -> Person:
        if detail.status == "final":
            raise UserError("This review is already final.")
        if person_id not in {p.id for p in detail.people_in("approver")}:
            raise UserError("Only the review's approvers sign it off: add them on Details.")
        person = s.get(Person, person_id)
        assert person is not None
        return person

    def _ready(self, s: Session, detail: ReviewDetail) -> tuple[dict[str, Any], str]:
        """The record's machine form and digest, once nothing blocks sign-off."""
        blocking = [i for i in self._gate(s, detail) if i.blocking]
        if blocking:
            first = blocking[0].message
            more = f" (and {len(blocking) - 1} more)" if len(blocking) > 1 else ""
            raise UserError(f"Not ready to sign: {first}{more}")
        form = dump(detail)  # the record as read, in this transaction
        return form, digest_of(form)

    def _add(
        self,
        s: Session,
        detail: ReviewDetail,
        person: Person,
        text: str,
        signature: bytes,
        public_key: bytes,
    ) -> None:
        """Keeps a verified approval; the review is final once every approver has one for
        this content. Earlier sign-offs stay: one for an older version counts for nothing."""
        signed = statement.read(text)
        assert signed is not None
        signed_at = parse_instant(str(signed.get("signed_at")))
        digest = str(signed.get("content"))
        s.add(
            SignOff(
                review_id=detail.id,
                person_id=person.id,
                role="approver",
                signed_at=signed_at,
                digest=digest,
                signature=signature,
                public_key=public_key,
                statement=text,
            )
        )
        s.flush()
        current = {
            x.person_id
            for x in s.scalars(
                select(SignOff).where(
                    SignOff.review_id == detail.id,
                    SignOff.voided_at.is_(None),
                    SignOff.digest == digest,
                )
            )
        }
        review = s.get(Review, detail.id)
        assert review is not None
        if {p.id for p in detail.people_in("approver")} <= current:
            s.add(
                Change(
                    review_id=detail.id,
                    entity="review",
                    field="status",
                    old=review.status,
                    new="final",
                    reason="all approvers signed",
                )
            )
            review.status = "final"
        elif review.status == "draft":
            review.status = "in_review"

    def reopen(self, review_id: int, reason: str, key: SigningKey | None) -> None:
        """Voids every standing sign-off with a statement signed by whoever reopens."""
        if not reason.strip():
            raise UserError("Reopening a signed-off review needs a reason.")
        if key is None:
            raise UserError(NO_KEY.replace("to sign", "to reopen a signed-off review"))
        voided_at = format_instant(datetime.now(UTC))
        assert voided_at is not None
        with self._tx() as s:
            review = s.get(Review, review_id)
            if review is None:
                raise UserError(f"There is no review {review_id}.")
            if review.status != "final":
                raise UserError("Only a final review is reopened.")
            by = s.scalar(select(Person).where(Person.public_key == key.public_key))
            if by is None:
                raise UserError(
                    "Reopening voids the signatures, so it is signed too: register this "
                    "machine's key with your person first (`clearsight keys init --person ...`)."
                )
            why = f"reopened: {reason.strip()}"
            for old in review.signoffs:
                if old.voided_at is None and old.signature is not None:
                    text = statement.void_text(
                        old.signature, why, by.handle or by.name, key.fingerprint, voided_at
                    )
                    old.void_statement, old.void_signature = text, key.sign(text.encode())
                    old.void_key = key.public_key
                if old.voided_at is None:
                    old.voided_at, old.void_reason = parse_instant(voided_at), why
            s.add(
                Change(
                    review_id=review_id,
                    entity="review",
                    field="status",
                    old="final",
                    new="in_review",
                    reason=reason.strip(),
                )
            )
            review.status = "in_review"


def _ref(person: Person) -> dict[str, Any]:
    return {"handle": person.handle, "name": person.name}


def not_theirs(name: str, registered: bytes | None) -> str:
    """Why this machine cannot sign as ``name``."""
    if registered is None:
        return (
            f"{name} has no signing key yet: they run `clearsight keys init --person ...` on "
            "their own machine, or send a public key to register with `clearsight keys import`."
        )
    return (
        f"This machine does not hold {name}'s key ({fingerprint(registered)}): {name} signs on "
        "their own machine, or with `clearsight sign-request` and `clearsight sign`."
    )
