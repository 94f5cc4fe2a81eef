"""Secrets redacted in the review itself, wherever they were typed."""

from __future__ import annotations

from clearsight.record.redact import find_secrets
from clearsight.services.demo import add_demo
from clearsight.services.root import Services

TOKEN = "ghp_" + "c" * 36


def test_secrets_everywhere_are_replaced_in_the_store(service: Services) -> None:
    review = add_demo(service)
    detail = service.reviews.get_review(review)
    service.reviews.set_field(review, "summary", f"Summary with {TOKEN}.")
    event = detail.events[3]
    service.timeline.set_event(event.id, event.at, f"Posted {TOKEN} in the channel")
    lesson = next(x for x in detail.lessons if x.kind == "poorly")
    service.reviews.set_lesson_text(lesson.id, f"A token {TOKEN} was pasted")
    node = detail.trees[1].children(detail.trees[1].children(None)[0].id)[0]
    service.whys.set_node_text(node.id, f"The token {TOKEN} was in a config file")
    service.actions.set_action(detail.actions[1].id, verification=f"password=hunter2222 {TOKEN}")
    records = service.records
    secrets = find_secrets(records.export_review(review))
    assert len({s.field for s in secrets}) == 5
    assert service.redaction.redact_in_review(review, secrets) == 5
    form = records.export_review(review)
    assert find_secrets(form) == []
    assert TOKEN not in str(form)
    assert form["review"]["summary"] == "Summary with [redacted GitHub token]."
