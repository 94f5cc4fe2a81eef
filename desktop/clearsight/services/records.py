"""The review as a whole document: the machine form out (export, sign-off digest) and in."""

from __future__ import annotations

from typing import Any

from clearsight.record.machine_export import dump
from clearsight.record.machine_import import parse
from clearsight.services.part import Part
from clearsight.services.read import review_detail
from clearsight.services.record_build import build


class Records(Part):
    def export_review(self, review_id: int) -> dict[str, Any]:
        with self._tx() as s:
            return dump(review_detail(s, review_id))

    def import_review(self, data: Any, source: str) -> int:
        """A review from machine-form data; a bad document raises InputError and adds nothing."""
        return self.create_from(parse(data, source))

    def create_from(self, parsed: dict[str, Any]) -> int:
        """Create a review from data that ``machine_import.parse`` already checked."""
        with self._tx() as s:
            return build(s, parsed).id
