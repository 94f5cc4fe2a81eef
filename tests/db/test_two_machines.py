"""Two people on two machines, one team database (SQLite and PostgreSQL): each signs with the
key in their own keyring, and neither machine can sign for the other."""

from __future__ import annotations

import pytest

from clearsight.db.store import open_store
from clearsight.errors import UserError
from clearsight.record import approvals
from clearsight.record.canonical import digest_of
from clearsight.record.signing import make_key, my_key
from clearsight.services.demo import add_demo
from clearsight.services.root import Services
from tests.db.conftest import keyring_password
from tests.helpers.signing import machine


def test_each_approver_signs_on_their_own_machine(database: str) -> None:
    # Two connections to one database, as two laptops in the meeting room would have.
    lenas_store = open_store(database, password_provider=keyring_password)
    diegos_store = open_store(database, password_provider=keyring_password)
    try:
        lenas, diegos = Services(lenas_store), Services(diegos_store)
        review = add_demo(lenas)
        lena, diego = lenas.reviews.get_review(review).people_in("approver")
        lenas_keyring, diegos_keyring = machine("lena"), machine("diego")
        lenas.keys.register(lena.id, make_key(lenas_keyring).public_key)
        diegos.keys.register(diego.id, make_key(diegos_keyring).public_key)

        # Lena's machine cannot sign for Diego, however it asks.
        with pytest.raises(UserError, match="does not hold Diego Morales's key"):
            lenas.signoff.sign_off(review, diego.id, my_key(lenas_keyring))
        lenas.signoff.sign_off(review, lena.id, my_key(lenas_keyring))
        with pytest.raises(UserError, match="does not hold Lena Fischer's key"):
            diegos.signoff.sign_off(review, lena.id, my_key(diegos_keyring))
        diegos.signoff.sign_off(review, diego.id, my_key(diegos_keyring))

        form = lenas.records.export_review(review)
        assert form["review"]["status"] == "final"
        found = approvals.check(form, digest_of(form), lenas.keys.trusted(), require_all=True)
        assert found.failed == [] and found.signed == {"dmorales", "lfischer"}
        keys = {s["person"]: s["public_key"] for s in form["review"]["signoffs"]}
        assert keys["lfischer"] != keys["dmorales"]
    finally:
        lenas_store.close()
        diegos_store.close()
