"""Signing outside the room: a sign request goes out, a signature comes back.

`clearsight sign-request ID -o FILE` writes the record and its digest; the approver runs
`clearsight sign FILE --as HANDLE` on their own machine, which checks that the record in the
request is the one its digest names and signs the approval statement with their key;
`clearsight sign-import` checks the signature and adds it. Only statements and public keys
travel: the private key never leaves the approver's keyring.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from clearsight.errors import InputError
from clearsight.record import statement
from clearsight.record.canonical import digest_of
from clearsight.record.signing import SigningKey, fingerprint, verify
from clearsight.record.verify import check_carried
from clearsight.review.rules import format_instant

REQUEST = "clearsight.sign-request"
SIGNATURE = "clearsight.signature"


@dataclass(frozen=True)
class Returned:
    review_uid: str
    content: str
    signer: str
    approvers: list[str]
    text: str  # the approval statement as signed
    signature: bytes
    public_key: bytes


def sign(request: Any, source: str, key: SigningKey, who: str) -> dict[str, Any]:
    """The signature file for ``request``, signed as ``who`` (a handle, or a name)."""
    if not isinstance(request, dict) or request.get("kind") != REQUEST:
        raise InputError(source, ["not a Clearsight sign request"])
    form = request.get("record")
    check_carried(form, source)
    assert isinstance(form, dict)  # check_carried refuses anything else
    digest = digest_of(form)
    if request.get("content") != digest:
        raise InputError(source, ["content: the record in the request is not the one it names"])
    required = statement.required_approvers(form)
    who = who.strip().removeprefix("@")
    if who not in required:
        raise InputError(
            source, [f"--as {who}: not an approver of this review ({', '.join(required)})"]
        )
    signed_at = format_instant(datetime.now(UTC)) or ""
    text = statement.approval_text(form, digest, who, key.fingerprint, signed_at)
    return {
        "kind": SIGNATURE,
        "version": 1,
        "statement": text,
        "signature": key.sign(text.encode()).hex(),
        "public_key": key.public_key.hex(),
    }


def returned_signature(data: Any, source: str) -> Returned:
    """The checked contents of a signature file; InputError when it does not hold."""
    if not isinstance(data, dict) or data.get("kind") != SIGNATURE:
        raise InputError(source, ["not a Clearsight signature file"])
    text = data.get("statement")
    try:
        signature = bytes.fromhex(str(data.get("signature")))
        public_key = bytes.fromhex(str(data.get("public_key")))
    except ValueError:
        raise InputError(source, ["signature, public_key: expected hexadecimal"]) from None
    if not isinstance(text, str) or not verify(public_key, signature, text.encode()):
        raise InputError(source, ["the signature does not verify over its statement"])
    signed = statement.read(text)
    if signed is None or signed.kind != statement.APPROVAL:
        raise InputError(source, ["statement: not a Clearsight approval"])
    if signed.get("key") != fingerprint(public_key):
        raise InputError(source, ["statement: names another key than the one that signed it"])
    return Returned(
        str(signed.get("review")),
        str(signed.get("content")),
        str(signed.get("signer")),
        list(signed.get("approvers") or []),
        text,
        signature,
        public_key,
    )
