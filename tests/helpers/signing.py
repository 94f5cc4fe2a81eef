"""Signing keys in tests: each approver's own "machine" is a keyring namespace of its own."""

from __future__ import annotations

from clearsight.record.signing import SigningKey, make_key
from clearsight.secrets import Secrets
from clearsight.services.root import Services


def machine(name: str) -> Secrets:
    """The keyring of one person's computer (the tests' memory keyring, its own service)."""
    return Secrets(service=f"clearsight-test-machine-{name}")


def own_key(service: Services, person_id: int) -> SigningKey:
    """Makes ``person_id``'s key on their machine and registers its public half."""
    key = make_key(machine(str(person_id)))
    service.keys.register(person_id, key.public_key)
    return key


def sign_all(service: Services, review_id: int) -> None:
    """Every approver signs the review from their own machine: it becomes final."""
    for person in service.reviews.get_review(review_id).people_in("approver"):
        service.signoff.sign_off(review_id, person.id, own_key(service, person.id))
