"""Undo commands for the export dialog: redacting secrets in the review itself (see commands.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from clearsight.record.redact import Secret
from clearsight.ui.editing.commands import ServiceCommand

if TYPE_CHECKING:
    from clearsight.services.root import Services


class RedactInReview(ServiceCommand):
    """Replaces secrets where they were typed; undo puts the texts back as they were."""

    def __init__(self, service: Services, review_id: int, secrets: list[Secret]) -> None:
        n = len(secrets)
        super().__init__(f"Redact {n} secret{'s' if n != 1 else ''} in the review")
        self.service, self.review_id, self.secrets = service, review_id, secrets
        self.before: dict[str, str] = {}

    def apply(self) -> None:
        paths = sorted({s.field for s in self.secrets})
        self.before = self.service.redaction.texts_in_review(self.review_id, paths)
        self.service.redaction.redact_in_review(self.review_id, self.secrets)

    def revert(self) -> None:
        self.service.redaction.restore_in_review(self.review_id, self.before)
