"""A redaction in the review itself can be undone: the texts it replaced are put back."""

from __future__ import annotations

from clearsight.record.redact import find_secrets
from clearsight.services.demo import add_demo
from clearsight.services.root import Services

TOKEN = "ghp_" + "d" * 36


def test_texts_before_a_redaction_are_restored(service: Services) -> None:
    review = add_demo(service)
    detail = service.reviews.get_review(review)
    service.reviews.set_field(review, "impact", f"Impact, and {TOKEN}")
    event = detail.events[2]
    service.timeline.set_event(event.id, event.at, f"Token {TOKEN} posted")
    records = service.records
    before_form = records.export_review(review)
    secrets = find_secrets(before_form)
    paths = sorted({s.field for s in secrets})
    before = service.redaction.texts_in_review(review, [*paths, "review.nowhere"])
    assert set(before) == set(paths)  # a path with no text is left out
    service.redaction.redact_in_review(review, secrets)
    assert find_secrets(records.export_review(review)) == []
    service.redaction.restore_in_review(review, before)
    assert records.export_review(review)["review"] == before_form["review"] | {
        "history": records.export_review(review)["review"]["history"]
    }
    assert len(find_secrets(records.export_review(review))) == len(secrets)
