"""Sign-off: the gate, signed statements with each approver's own key, final is read-only,
reopening voids with a signed statement."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail

from clearsight import preferences as prefs
from clearsight.errors import UserError
from clearsight.record import statement
from clearsight.record.canonical import digest_of
from clearsight.record.signing import make_key, my_key, verify
from clearsight.secrets import Secrets
from clearsight.services.demo import add_demo
from clearsight.services.root import Services
from tests.helpers.signing import machine, own_key


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
    service.signoff.sign_off(demo, first, own_key(service, first))
    assert service.reviews.get_review(demo).status == "in_review"
    service.signoff.sign_off(demo, second, own_key(service, second))
    assert service.reviews.get_review(demo).status == "final"
    form = service.records.export_review(demo)
    digest = digest_of(form)
    signs = [s for s in form["review"]["signoffs"] if not s["voided_at"]]
    assert len(signs) == 2 and {s["digest"] for s in signs} == {digest}
    for s in signs:
        text = s["statement"].encode()
        assert verify(bytes.fromhex(s["public_key"]), bytes.fromhex(s["signature"]), text)
        said = statement.read(s["statement"])
        assert said is not None and said.get("content") == digest
        assert said.get("approvers") == ["dmorales", "lfischer"]
        assert said.get("signer") == s["person"] and said.get("signed_at") == s["signed_at"]
        assert not verify(
            bytes.fromhex(s["public_key"]), bytes.fromhex(s["signature"]), text + b" "
        )
    # Final means read-only, everywhere.
    with pytest.raises(UserError, match="read-only"):
        service.reviews.set_field(demo, "summary", "changed")
    with pytest.raises(UserError, match="read-only"):
        service.reviews.add_lesson(demo, "well", "late addition")
    tree = service.reviews.get_review(demo).trees[0]
    with pytest.raises(UserError, match="read-only"):
        service.whys.set_node_text(tree.nodes[0].id, "changed")
    # Reopening needs a reason and a registered key; it voids the signatures with a signed
    # statement and is kept in the history.
    with pytest.raises(UserError, match="needs a reason"):
        service.signoff.reopen(demo, " ", make_key(machine("facilitator")))
    with pytest.raises(UserError, match="register this machine's key"):
        service.signoff.reopen(demo, "Impact figures were wrong", make_key(machine("stranger")))
    facilitator = service.people.add_person("Priya Natarajan", "pnatarajan")
    service.signoff.reopen(demo, "Impact figures were wrong", own_key(service, facilitator))
    form = service.records.export_review(demo)
    assert all(s["voided_at"] for s in form["review"]["signoffs"])
    for s in form["review"]["signoffs"]:
        void = statement.read(s["void_statement"])
        assert void is not None and void.get("by") == "pnatarajan"
        assert void.get("signature") == s["signature"]
        assert verify(
            bytes.fromhex(s["void_key"]),
            bytes.fromhex(s["void_signature"]),
            s["void_statement"].encode(),
        )
    assert form["review"]["history"][-1]["reason"] == "Impact figures were wrong"
    service.reviews.set_field(demo, "summary", "Corrected summary with 31% of requests failing.")


def test_a_signature_for_an_earlier_version_does_not_count(service: Services, demo: int) -> None:
    first, second = approvers(service, demo)
    service.signoff.sign_off(demo, first, own_key(service, first))
    service.reviews.set_field(demo, "impact", "Customers in eu-west: 18,420 failed checkouts.")
    service.signoff.sign_off(demo, second, own_key(service, second))
    form = service.records.export_review(demo)
    current = [s for s in form["review"]["signoffs"] if s["digest"] == digest_of(form)]
    assert [s["person"] for s in current] == ["dmorales"]
    assert service.reviews.get_review(demo).status == "in_review"


def test_only_approvers_sign_and_only_when_ready(service: Services, demo: int) -> None:
    attendee = next(p.id for p in service.reviews.get_review(demo).people_in("attendee"))
    with pytest.raises(UserError, match="Only the review's approvers"):
        service.signoff.sign_off(demo, attendee, own_key(service, attendee))
    service.reviews.set_field(demo, "summary", "")
    first = approvers(service, demo)[0]
    with pytest.raises(UserError, match="Not ready to sign: The summary is empty"):
        service.signoff.sign_off(demo, first, own_key(service, first))


def test_a_machine_signs_only_as_the_person_whose_key_it_holds(
    service: Services, demo: int
) -> None:
    first, second = approvers(service, demo)
    facilitators_key = own_key(service, first)
    with pytest.raises(UserError, match="has no signing key yet"):
        service.signoff.sign_off(demo, second, facilitators_key)
    own_key(service, second)
    with pytest.raises(UserError, match="does not hold .*'s key"):
        service.signoff.sign_off(demo, second, facilitators_key)
    with pytest.raises(UserError, match="no signing key of yours"):
        service.signoff.sign_off(demo, second, None)
    assert service.records.export_review(demo)["review"]["signoffs"] == []


def test_without_a_keyring_no_key_is_made(service: Services, demo: int) -> None:
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(UserError, match="No keyring on this machine"):
        make_key(Secrets())
    assert my_key(Secrets()) is None


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
        first = approvers(service, demo)[0]
        service.signoff.sign_off(demo, first, own_key(service, first), expected_digest=seen)
