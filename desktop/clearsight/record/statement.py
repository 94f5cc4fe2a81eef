"""The statements approvers sign: what a signature says, spelled out.

A signature over the bare content digest would say nothing of who signed or who else had to:
so each approval signs a small statement naming the review, its content digest, the required
approvers, the signer, their key and the time. Voiding a sign-off is itself a signed statement
naming the signature it voids. Each statement is stored and exported as its exact text (the
bytes signed), so a reader checks the signature first and then reads its fields.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

APPROVAL = "clearsight.approval"
VOID = "clearsight.void"
VERSION = 1


def principal(person: dict[str, Any]) -> str:
    """How a person of the machine form is named in statements and trusted-key lists."""
    return str(person.get("handle") or person.get("name") or "")


def required_approvers(form: dict[str, Any]) -> list[str]:
    review = form.get("review", {})
    return sorted(
        principal(p) for p in review.get("people", []) if "approver" in p.get("roles", [])
    )


def _text(fields: dict[str, Any]) -> str:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def approval_text(
    form: dict[str, Any], digest: str, signer: str, key_fingerprint: str, signed_at: str
) -> str:
    return _text(
        {
            "kind": APPROVAL,
            "version": VERSION,
            "review": form.get("review", {}).get("uid", ""),
            "title": form.get("review", {}).get("title", ""),
            "content": digest,
            "approvers": required_approvers(form),
            "signer": signer,
            "key": key_fingerprint,
            "signed_at": signed_at,
        }
    )


def void_text(
    voided_signature: bytes, reason: str, by: str, key_fingerprint: str, voided_at: str
) -> str:
    return _text(
        {
            "kind": VOID,
            "version": VERSION,
            "signature": voided_signature.hex(),
            "reason": reason,
            "by": by,
            "key": key_fingerprint,
            "voided_at": voided_at,
        }
    )


@dataclass(frozen=True)
class Statement:
    kind: str
    fields: dict[str, Any]

    def get(self, key: str) -> Any:
        return self.fields.get(key)


def read(text: str | None) -> Statement | None:
    """The statement in ``text``, or None when it is not one Clearsight writes."""
    if not text:
        return None
    try:
        fields = json.loads(text)
    except ValueError:
        return None
    if not isinstance(fields, dict) or fields.get("version") != VERSION:
        return None
    kind = fields.get("kind")
    if kind not in (APPROVAL, VOID):
        return None
    return Statement(str(kind), fields)
