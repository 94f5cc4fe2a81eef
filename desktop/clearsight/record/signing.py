"""Ed25519 keys that belong to people, and signatures over signed statements.

Each person makes their own key on their own machine (`clearsight keys init`): the private key
stays in that machine's OS keyring through clearsight.secrets (never a file, never the
database), and only the public key is registered with their person record. So a facilitator's
machine can sign only as the person whose key it holds.

A key is named by its fingerprint, written as ssh writes them: "SHA256:" and the unpadded
base64 of the SHA-256 of the raw 32-byte public key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from clearsight.errors import UserError
from clearsight.secrets import Secrets

MY_KEY = "signing-key"  # the keyring entry of this machine user's own key
KEY_TYPE = "ed25519"
NO_KEYRING = (
    "No keyring on this machine: a signing key needs one to be kept safely. Install and "
    "unlock a keyring (e.g. GNOME Keyring or KWallet), then run `clearsight keys init`."
)


class SigningKey:
    """This machine's private key; it signs statements and never leaves the keyring."""

    def __init__(self, key: Ed25519PrivateKey) -> None:
        self._key = key
        self.public_key = public_bytes(key.public_key())
        self.fingerprint = fingerprint(self.public_key)

    def sign(self, message: bytes) -> bytes:
        return self._key.sign(message)


def public_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def fingerprint(public_key: bytes) -> str:
    digest = hashlib.sha256(public_key).digest()
    return "SHA256:" + base64.b64encode(digest).decode().rstrip("=")


def my_key(secrets: Secrets) -> SigningKey | None:
    """This machine user's key, or None when they have not made one (or have no keyring)."""
    stored = secrets.get(MY_KEY)
    if not stored:
        return None
    try:
        raw = base64.b64decode(stored, validate=True)
        return SigningKey(Ed25519PrivateKey.from_private_bytes(raw))
    except (binascii.Error, ValueError):
        raise UserError(
            "The signing key in this machine's keyring is damaged; make a new one with "
            "`clearsight keys init --replace` and register it again."
        ) from None


def make_key(secrets: Secrets, replace: bool = False) -> SigningKey:
    """A new key pair for this machine user, its private half kept in the keyring."""
    if not secrets.persistent:
        raise UserError(NO_KEYRING)
    if my_key(secrets) is not None and not replace:
        raise UserError("This machine already has your signing key (--replace makes a new one).")
    key = Ed25519PrivateKey.generate()
    if not secrets.set(MY_KEY, base64.b64encode(key.private_bytes_raw()).decode()):
        raise UserError(NO_KEYRING)
    return SigningKey(key)


def verify(public_key: bytes, signature: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def public_key_text(public_key: bytes) -> str:
    return base64.b64encode(public_key).decode()


def parse_public_key(text: str) -> bytes:
    """The raw key from its base64 text; ValueError when it is not an Ed25519 public key."""
    try:
        raw = base64.b64decode(text, validate=True)
    except binascii.Error:
        raise ValueError("the public key is not base64") from None
    if len(raw) != 32:
        raise ValueError(f"an Ed25519 public key is 32 bytes, this one is {len(raw)}")
    return raw
