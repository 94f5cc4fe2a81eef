"""Sign-off: the gate, signatures over the digest, final is read-only, reopening voids."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail

from clearsight import preferences as prefs
from clearsight.errors import UserError
from clearsight.record.canonical import digest_of
from clearsight.record.signing import verify_digest
from clearsight.secrets import Secrets
from clearsight.services.demo import add_demo
from clearsight.services.root import Services


@pytest.fixture
def demo(service: Services) -> int:
    return add_demo(service)


def approvers(service: Services, review_id: int) -> list[int]:
    return [p.id for p in service.reviews.get_review(review_id).people_in("approver")]


def test_the_gate_blocks_and_warns(service: Services) -> None:
    review = service.reviews.create_review("Bare", "SEV-2")
    gate = service.signoff.gate(review)
    blocking = {g.message for g in gate if g.blocking}
    assert "The summary is empty." in blocking
    assert "The timeline has no detected mark." in blocking
    assert "No approvers: add who signs the record." in blocking
    service.reviews.set_field(review, "summary", "Bob should have checked the canary.")
    assert any(
        g.blocking and g.message.startswith("Blame in Summary")
        for g in service.signoff.gate(review)
    )


def test_the_demo_is_ready_to_sign(service: Services, demo: int) -> None:
    # Its dates follow the calendar (services/demo.py): no item is overdue, nothing blocks.
    assert not [g.message for g in service.signoff.gate(demo) if g.blocking]


def test_all_approvers_sign_and_the_review_is_final(service: Services, demo: int) -> None:
    first, second = approvers(service, demo)
    secrets = Secrets()
    assert service.signoff.sign_off(demo, first, secrets) is True
    assert service.reviews.get_review(demo).status == "in_review"
    assert service.signoff.sign_off(demo, second, secrets) is True
    assert service.reviews.get_review(demo).status == "final"
    form = service.records.export_review(demo)
    digest = digest_of(form)
    signs = [s for s in form["review"]["signoffs"] if not s["voided_at"]]
    assert len(signs) == 2 and {s["digest"] for s in signs} == {digest}
    # Another digest: the last hex digit changed (never to itself).
    other = digest[:-1] + ("1" if digest[-1] == "0" else "0")
    for s in signs:
        assert verify_digest(bytes.fromhex(s["public_key"]), bytes.fromhex(s["signature"]), digest)
        assert not verify_digest(
            bytes.fromhex(s["public_key"]), bytes.fromhex(s["signature"]), other
        )
    # Final means read-only, everywhere.
    with pytest.raises(UserError, match="read-only"):
        service.reviews.set_field(demo, "summary", "changed")
    with pytest.raises(UserError, match="read-only"):
        service.reviews.add_lesson(demo, "well", "late addition")
    tree = service.reviews.get_review(demo).trees[0]
    with pytest.raises(UserError, match="read-only"):
        service.whys.set_node_text(tree.nodes[0].id, "changed")
    # Reopening needs a reason, voids the signatures and is kept in the history.
    with pytest.raises(UserError, match="needs a reason"):
        service.signoff.reopen(demo, " ")
    service.signoff.reopen(demo, "Impact figures were wrong")
    form = service.records.export_review(demo)
    assert all(s["voided_at"] for s in form["review"]["signoffs"])
    assert form["review"]["history"][-1]["reason"] == "Impact figures were wrong"
    service.reviews.set_field(demo, "summary", "Corrected summary with 31% of requests failing.")


def test_a_changed_record_voids_earlier_signatures(service: Services, demo: int) -> None:
    first, second = approvers(service, demo)
    service.signoff.sign_off(demo, first, Secrets())
    service.reviews.set_field(demo, "impact", "Customers in eu-west: 18,420 failed checkouts.")
    service.signoff.sign_off(demo, second, Secrets())
    form = service.records.export_review(demo)
    standing = [s for s in form["review"]["signoffs"] if not s["voided_at"]]
    assert [s["person"] for s in standing] == ["dmorales"]
    assert service.reviews.get_review(demo).status == "in_review"


def test_only_approvers_sign_and_only_when_ready(service: Services, demo: int) -> None:
    attendee = next(p.id for p in service.reviews.get_review(demo).people_in("attendee"))
    with pytest.raises(UserError, match="Only the review's approvers"):
        service.signoff.sign_off(demo, attendee, Secrets())
    service.reviews.set_field(demo, "summary", "")
    with pytest.raises(UserError, match="Not ready to sign: The summary is empty"):
        service.signoff.sign_off(demo, approvers(service, demo)[0], Secrets())


def test_without_a_keyring_the_approval_has_no_signature(service: Services, demo: int) -> None:
    keyring.set_keyring(fail.Keyring())
    assert service.signoff.sign_off(demo, approvers(service, demo)[0], Secrets()) is False
    [sign] = service.records.export_review(demo)["review"]["signoffs"]
    assert sign["signature"] is None and sign["public_key"] is None


def test_a_broken_windows_setting_and_done_items_do_not_upset_the_gate(
    service: Services, demo: int
) -> None:

    service.settings.set_setting(prefs.DUE_WINDOWS.key, {"SEV-2": "two weeks", "SEV-1": True})
    gate = service.signoff.gate(demo)  # the defaults stand in for what cannot be read
    assert not any(g.blocking for g in gate)
    first = service.reviews.get_review(demo).actions[0]
    service.actions.set_action(
        first.id, status="done", evidence="PAY-1412 merged", due="2027-12-01"
    )
    assert not any(g.target == f"action:{first.id}" for g in service.signoff.gate(demo))


def test_a_record_changed_since_it_was_read_is_not_signed(service: Services, demo: int) -> None:
    seen = service.signoff.record_digest(demo)
    service.reviews.set_field(demo, "impact", "Changed by a colleague on the shared database.")
    with pytest.raises(UserError, match="changed since you looked"):
        service.signoff.sign_off(demo, approvers(service, demo)[0], Secrets(), expected_digest=seen)
