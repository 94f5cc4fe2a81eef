"""The demo review: a realistic incident written for Clearsight, shipped as machine-form JSON."""

from __future__ import annotations

import json

from clearsight.resources_access import resource_text
from clearsight.review.service import RecordService, ReviewService


def add_demo(service: ReviewService) -> int:
    """Add the demo review and return its id. It goes through the same import as any file."""
    data = json.loads(resource_text("demo", "review.json"))
    return RecordService(service.store).import_review(data, "the demo review")
