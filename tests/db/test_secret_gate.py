"""The sign-off gate blocks on every kind of secret the detector knows, wherever it was typed,
and a signed record (digests, signatures, keys in hex) is not taken for one."""

from __future__ import annotations

from datetime import timedelta

import pytest

from clearsight.errors import UserError
from clearsight.record.redact import find_secrets
from clearsight.services.demo import add_demo
from clearsight.services.root import Services
from tests.helpers.signing import own_key, sign_all
from tests.unit.test_secret_detection import GCP_JSON, SAMPLES, Sample


@pytest.fixture
def demo(service: Services) -> int:
    review = add_demo(service)
    assert not any(g.blocking for g in service.signoff.gate(review))
    return review


def _first_approver(service: Services, review: int) -> int:
    return service.reviews.get_review(review).people_in("approver")[0].id


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: f"{s.kind}: {s.text[:24]}")
def test_each_kind_blocks_sign_off(service: Services, demo: int, sample: Sample) -> None:
    service.reviews.set_field(demo, "impact", f"While it lasted: {sample.text}")
    blocking = [g for g in service.signoff.gate(demo) if g.blocking]
    assert [g.phase for g in blocking] == ["summary"]
    assert blocking[0].message.startswith(f"A secret ({sample.kind}) in review.impact:")
    assert sample.secret not in blocking[0].message
    with pytest.raises(UserError, match="Not ready to sign"):
        first = _first_approver(service, demo)
        service.signoff.sign_off(demo, first, own_key(service, first))
    # Once redacted in the review, nothing blocks.
    secrets = find_secrets(service.records.export_review(demo))
    service.redaction.redact_in_review(demo, secrets)
    assert not any(g.blocking for g in service.signoff.gate(demo))


def test_a_service_account_in_an_action_blocks_on_the_actions_page(
    service: Services, demo: int
) -> None:
    action = service.reviews.get_review(demo).actions[0]
    service.actions.set_action(action.id, evidence=GCP_JSON)
    blocking = [g for g in service.signoff.gate(demo) if g.blocking]
    assert {g.phase for g in blocking} == {"actions"}
    assert sorted(g.message.split(" in review.")[0] for g in blocking) == [
        "A secret (GCP service-account key)",
        "A secret (private key)",
    ]


def test_a_secret_in_a_timeline_event_blocks_on_the_timeline(service: Services, demo: int) -> None:
    event = service.reviews.get_review(demo).events[2]
    token = next(s for s in SAMPLES if s.kind == "high-entropy token")
    service.timeline.set_event(event.id, event.at + timedelta(seconds=1), token.text)
    blocking = [g for g in service.signoff.gate(demo) if g.blocking]
    assert [(g.phase, g.message.split(" in review.")[0]) for g in blocking] == [
        ("timeline", "A secret (high-entropy token)")
    ]


def test_a_signed_record_is_not_a_secret(service: Services, demo: int) -> None:
    """Digests, Ed25519 signatures and public keys are long hex: never flagged."""
    sign_all(service, demo)
    form = service.records.export_review(demo)
    assert form["review"]["status"] == "final" and form["review"]["signoffs"][0]["signature"]
    assert find_secrets(form) == []
