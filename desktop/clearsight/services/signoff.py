"""A review's sign-off: approvers sign the record's digest; all signed makes it final.

Reopening a final review needs a reason, voids every signature and is kept in the history.
A signature made on a record that has changed since is voided when the next person signs, so
every standing signature signs the record as it is.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from clearsight import preferences as prefs
from clearsight.db.models import Change, Person, Review, SignOff
from clearsight.errors import UserError
from clearsight.language.detector import Detector
from clearsight.record.canonical import digest_of
from clearsight.record.machine_export import dump
from clearsight.record.signing import key_name, sign_digest
from clearsight.review.data import ReviewDetail
from clearsight.review.flags import open_findings
from clearsight.review.signoff import GateItem, gate_for
from clearsight.secrets import Secrets
from clearsight.services.part import Part
from clearsight.services.records import Records
from clearsight.services.reviews import Reviews
from clearsight.services.settings import Settings


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
        self, review_id: int, person_id: int, secrets: Secrets, expected_digest: str = ""
    ) -> bool:
        """Records the approval of ``person_id``; returns whether it carries a signature.

        ``expected_digest`` is the record the signer saw; a record changed since (by someone
        else, on a shared database) is refused rather than signed unseen.
        """
        with self._tx() as s:
            detail = Reviews(self.store, s).get_review(review_id)
            if detail.status == "final":
                raise UserError("This review is already final.")
            approvers = {p.id: p for p in detail.people_in("approver")}
            if person_id not in approvers:
                raise UserError("Only the review's approvers sign it off: add them on Details.")
            blocking = [i for i in self._gate(s, detail) if i.blocking]
            if blocking:
                first = blocking[0].message
                more = f" (and {len(blocking) - 1} more)" if len(blocking) > 1 else ""
                raise UserError(f"Not ready to sign: {first}{more}")
            digest = digest_of(dump(detail))  # the record as read above, in this transaction
            if expected_digest and digest != expected_digest:
                raise UserError(
                    "The record changed since you looked at it: read it again, then sign."
                )
            signature = sign_digest(secrets, key_name(str(self.store.url), person_id), digest)
            now = datetime.now(UTC)
            standing = list(
                s.scalars(
                    select(SignOff).where(
                        SignOff.review_id == review_id, SignOff.voided_at.is_(None)
                    )
                )
            )
            for old in standing:
                if old.digest != digest or old.person_id == person_id:
                    old.voided_at = now
                    old.void_reason = (
                        "signed again"
                        if old.person_id == person_id
                        else "the record changed after this signature"
                    )
            person = s.get(Person, person_id)
            assert person is not None
            if signature is not None:
                person.public_key = signature.public_key
            s.add(
                SignOff(
                    review_id=review_id,
                    person_id=person_id,
                    role="approver",
                    signed_at=now,
                    digest=digest,
                    signature=signature.signature if signature else None,
                    public_key=signature.public_key if signature else None,
                )
            )
            s.flush()
            signed = {
                x.person_id
                for x in s.scalars(
                    select(SignOff).where(
                        SignOff.review_id == review_id, SignOff.voided_at.is_(None)
                    )
                )
            }
            review = s.get(Review, review_id)
            assert review is not None
            if set(approvers) <= signed:
                s.add(
                    Change(
                        review_id=review_id,
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
        return signature is not None

    def reopen(self, review_id: int, reason: str) -> None:
        if not reason.strip():
            raise UserError("Reopening a signed-off review needs a reason.")
        now = datetime.now(UTC)
        with self._tx() as s:
            review = s.get(Review, review_id)
            if review is None:
                raise UserError(f"There is no review {review_id}.")
            if review.status != "final":
                raise UserError("Only a final review is reopened.")
            for old in review.signoffs:
                if old.voided_at is None:
                    old.voided_at, old.void_reason = now, f"reopened: {reason.strip()}"
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
