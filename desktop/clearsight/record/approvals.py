"""Do a record's sign-offs prove who approved it? Checked from the carried form alone.

Every sign-off must carry a signed approval statement that names its signer, their key and
the required approvers; a standing one must be for this content; a voided one must carry a
signed statement voiding it. A record marked final must have all its required approvers.
Against a list of trusted keys each signature must also be by a key trusted for its signer;
without one, the fingerprints are printed to compare by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from clearsight.record import statement as st
from clearsight.record.signing import fingerprint, verify
from clearsight.record.trusted_keys import TrustedKeys


@dataclass
class Findings:
    passed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    signed: set[str] = field(default_factory=set)  # required approvers with a standing signature


def _hex(value: Any) -> bytes | None:
    try:
        return bytes.fromhex(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def _signed(text: Any, signature: Any, public_key: Any) -> st.Statement | None:
    """The statement, when ``signature`` verifies over its exact text with ``public_key``."""
    sig, key = _hex(signature), _hex(public_key)
    if not isinstance(text, str) or sig is None or key is None:
        return None
    if not verify(key, sig, text.encode()):
        return None
    return st.read(text)


def check(
    form: dict[str, Any], digest: str, trusted: TrustedKeys | None, require_all: bool = False
) -> Findings:
    """``require_all``: fail unless every required approver signed this content (a record
    marked final always needs them all)."""
    review = form["review"]
    required = st.required_approvers(form)
    found = Findings()
    for signoff in review.get("signoffs", []):
        _check_one(found, signoff, review, digest, required, trusted)
    missing = [p for p in required if p not in found.signed]
    if review.get("status") == "final" and missing:
        found.failed.append(f"the record says final, but not signed by: {', '.join(missing)}")
    elif require_all and missing:
        found.failed.append(f"not signed off by: {', '.join(missing) or 'anyone'}")
    elif not found.signed:
        found.passed.append("not signed off: only the content is checked")
    return found


def _check_one(
    found: Findings,
    signoff: dict[str, Any],
    review: dict[str, Any],
    digest: str,
    required: list[str],
    trusted: TrustedKeys | None,
) -> None:
    who = str(signoff.get("person", "?"))
    approval = _signed(
        signoff.get("statement"), signoff.get("signature"), signoff.get("public_key")
    )
    if approval is None or approval.kind != st.APPROVAL:
        found.failed.append(f"{who}'s sign-off carries no valid signed statement")
        return
    key = bytes.fromhex(signoff["public_key"])
    fp = fingerprint(key)
    if (approval.get("signer"), approval.get("key"), approval.get("signed_at")) != (
        who,
        fp,
        signoff.get("signed_at"),
    ):
        found.failed.append(f"{who}'s sign-off does not match the statement it signed")
        return
    if signoff.get("voided_at"):
        _check_void(found, signoff, who, trusted)
        return
    if approval.get("review") != review.get("uid"):
        found.failed.append(f"{who}'s sign-off was signed for another review")
        return
    if approval.get("content") != digest:
        # Signed before the record last changed: true, but it approves nothing here.
        found.passed.append(
            f"{who}'s sign-off of {signoff.get('signed_at')} is for an earlier "
            "version of the record and does not count"
        )
        return
    if who not in required or approval.get("approvers") != required:
        found.failed.append(f"{who} signed for another list of approvers than the review's")
        return
    if trusted is None:
        found.passed.append(f"{who} signed with key {fp}: compare it with the team's key list")
    elif trusted.trusts(who, key):
        found.passed.append(f"{who} signed with a trusted key ({fp})")
    else:
        found.failed.append(f"{who}'s signature is by key {fp}, which is not trusted for {who}")
        return
    found.signed.add(who)


def _check_void(
    found: Findings, signoff: dict[str, Any], who: str, trusted: TrustedKeys | None
) -> None:
    void = _signed(
        signoff.get("void_statement"), signoff.get("void_signature"), signoff.get("void_key")
    )
    if void is None or void.kind != st.VOID:
        found.failed.append(
            f"{who}'s sign-off is marked void without a signed statement voiding it"
        )
        return
    key = bytes.fromhex(signoff["void_key"])
    by = str(void.get("by"))
    matches = (
        void.get("signature") == signoff.get("signature")
        and void.get("voided_at") == signoff.get("voided_at")
        and void.get("reason") == signoff.get("void_reason")
        and void.get("key") == fingerprint(key)
    )
    if not matches:
        found.failed.append(f"{who}'s voided sign-off does not match the statement voiding it")
    elif trusted is not None and not trusted.trusts(by, key):
        found.failed.append(f"{who}'s sign-off was voided by {by} with a key not trusted for them")
