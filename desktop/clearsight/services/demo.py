"""The demo review: a realistic incident written for Clearsight, shipped as machine-form JSON.

Its dates move with the calendar: the review meeting is today and the incident three days
before, so the demo's action items are due in the coming days, never already overdue.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

from clearsight.resources_access import resource_text
from clearsight.review.rules import format_instant, parse_instant
from clearsight.services.root import Services


def add_demo(service: Services, today: date | None = None) -> int:
    """Add the demo review and return its id. It goes through the same import as any file."""
    data = json.loads(resource_text("demo", "review.json"))
    return service.records.import_review(
        moved_to(data, today or datetime.now(UTC).date()), "the demo review"
    )


def moved_to(data: dict[str, Any], today: date) -> dict[str, Any]:
    """The demo with every date moved by whole days so that its meeting falls on ``today``."""
    review = data["review"]
    days = timedelta(days=(today - parse_instant(review["meeting_at"]).date()).days)

    def instant(value: str | None) -> str | None:
        return format_instant(parse_instant(value) + days) if value else value

    for key in ("incident_start", "incident_end", "meeting_at"):
        review[key] = instant(review[key])
    for rows, key in ((review["timeline"], "at"), (review.get("history", []), "at")):
        for row in rows:
            row[key] = instant(row[key])
    for flag in review.get("dismissed_flags", []):
        flag["dismissed_at"] = instant(flag.get("dismissed_at"))
    for action in review["actions"]:
        if action.get("due"):
            action["due"] = (date.fromisoformat(action["due"]) + days).isoformat()
    return data
