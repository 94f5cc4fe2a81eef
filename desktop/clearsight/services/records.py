"""The review as a whole document: the machine form out (export, sign-off digest) and in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from clearsight.db.models import Review
from clearsight.record import approvals
from clearsight.record.canonical import digest_of
from clearsight.record.machine_export import dump
from clearsight.record.machine_import import parse
from clearsight.record.trusted_keys import TrustedKeys
from clearsight.services.keys import Keys
from clearsight.services.part import Part
from clearsight.services.read import review_detail
from clearsight.services.record_build import build


@dataclass(frozen=True)
class Imported:
    id: int
    note: str = ""  # why the review was not imported as it came, if it was not


class Records(Part):
    def export_review(self, review_id: int) -> dict[str, Any]:
        with self._tx() as s:
            return dump(review_detail(s, review_id))

    def import_review(self, data: Any, source: str) -> int:
        """A review from machine-form data; a bad document raises InputError and adds nothing."""
        return self.create_from(parse(data, source))

    def create_from(self, parsed: dict[str, Any], trusted: TrustedKeys | None = None) -> int:
        """Create a review from data that ``machine_import.parse`` already checked."""
        return self.imported(parsed, trusted).id

    def imported(self, parsed: dict[str, Any], trusted: TrustedKeys | None = None) -> Imported:
        """Creates the review; its sign-offs come too only when every signature verifies
        against a trusted key (this database's registered keys and ``trusted``). Otherwise it
        becomes a draft without them, never a final record, and the note says why."""
        with self._tx() as s:
            keys = Keys(self.store, s).trusted()
            if trusted is not None:
                keys.keys += trusted.keys
            parsed = dict(parsed)
            note = _doubt(parsed, keys)
            taken = parsed.get("uid") and s.scalar(
                select(Review).where(Review.uid == parsed["uid"])
            )
            signed = bool(parsed["signoffs"]) or parsed["status"] == "final"
            if not note and taken and signed:
                note = "this record is already in the database (same uid), so this is a draft copy"
            if note and signed:
                parsed.update(signoffs=[], status="draft")
            if note or taken:
                parsed["uid"] = None  # a new review: a kept uid would claim the signed record
            return Imported(build(s, parsed).id, note)


def _doubt(parsed: dict[str, Any], trusted: TrustedKeys) -> str:
    """Why the carried sign-offs cannot be kept, or "" when they hold (or there are none)."""
    form = parsed.get("form")
    if not parsed["signoffs"] and parsed["status"] != "final":
        return ""
    if not isinstance(form, dict):
        return "its sign-offs cannot be checked"
    found = approvals.check(form, digest_of(form), trusted)
    if found.failed:
        return "its sign-offs do not verify against trusted keys: " + "; ".join(found.failed[:3])
    return ""
