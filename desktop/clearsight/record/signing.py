"""Ed25519 signatures over a record's digest, with each person's private key in the keyring.

The first time someone signs on a machine a key pair is made; the private key goes to the OS
keyring through clearsight.secrets (never a file, never the database) and the public key is
kept with the person and with each sign-off. Without a keyring there is no key to keep, so
the approval is recorded without a signature and the caller says so.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from clearsight.secrets import Secrets


@dataclass(frozen=True)
class Signature:
    signature: bytes
    public_key: bytes  # raw 32 bytes


def key_name(database: str, person_id: int) -> str:
    """The keyring entry of a person's signing key for one database."""
    return f"signing-key:{database}:person-{person_id}"


def public_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def sign_digest(secrets: Secrets, name: str, digest: str) -> Signature | None:
    """Signs ``digest`` with the key under ``name``, made on first use; None without a keyring."""
    if not secrets.persistent:
        return None
    stored = secrets.get(name)
    if stored:
        key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(stored))
    else:
        key = Ed25519PrivateKey.generate()
        raw = key.private_bytes_raw()
        if not secrets.set(name, base64.b64encode(raw).decode()):
            return None  # the keyring refused it: a key that cannot be kept signs nothing
    return Signature(key.sign(digest.encode()), public_bytes(key.public_key()))


def verify_digest(public_key: bytes, signature: bytes, digest: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, digest.encode())
    except (InvalidSignature, ValueError):
        return False
    return True
