"""The demo review: a realistic incident written for Clearsight, shipped as machine-form JSON."""

from __future__ import annotations

import json

from clearsight.resources_access import resource_text
from clearsight.services.root import Services


def add_demo(service: Services) -> int:
    """Add the demo review and return its id. It goes through the same import as any file."""
    data = json.loads(resource_text("demo", "review.json"))
    return service.records.import_review(data, "the demo review")
