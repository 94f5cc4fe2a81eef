"""A redaction in the review itself can be undone: the texts it replaced are put back."""

from __future__ import annotations

from clearsight.record.demo import add_demo
from clearsight.record.redact import find_secrets
from clearsight.review.service import RecordService, ReviewService

TOKEN = "ghp_" + "d" * 36


def test_texts_before_a_redaction_are_restored(service: ReviewService) -> None:
    review = add_demo(service)
    detail = service.get_review(review)
    service.set_field(review, "impact", f"Impact, and {TOKEN}")
    event = detail.events[2]
    service.set_event(event.id, event.at, f"Token {TOKEN} posted")
    records = RecordService(service.store)
    before_form = records.export_review(review)
    secrets = find_secrets(before_form)
    paths = sorted({s.field for s in secrets})
    before = service.texts_in_review(review, [*paths, "review.nowhere"])
    assert set(before) == set(paths)  # a path with no text is left out
    service.redact_in_review(review, secrets)
    assert find_secrets(records.export_review(review)) == []
    service.restore_in_review(review, before)
    assert records.export_review(review)["review"] == before_form["review"] | {
        "history": records.export_review(review)["review"]["history"]
    }
    assert len(find_secrets(records.export_review(review))) == len(secrets)
