"""The team's trusted keys: a plain text list, one line a person, like ssh's allowed_signers.

    # comment
    alice ed25519 q1N8...= Alice Ng
    "Dana Ruiz" ed25519 Xk2p...= Dana Ruiz

Each line: who (the person's handle, or their name in quotes when they have no handle), the
key type, the base64 public key, then the name to show. Anyone can check a signature by hand
from this line with any Ed25519 library.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, field
from pathlib import Path

from clearsight.errors import InputError
from clearsight.record import limits
from clearsight.record.signing import KEY_TYPE, fingerprint, parse_public_key, public_key_text

HEADER = (
    "# Clearsight trusted signing keys: who, key type, public key (base64), name.\n"
    "# A signature counts only when its key is listed here for its signer.\n"
)


@dataclass(frozen=True)
class TrustedKey:
    who: str
    public_key: bytes
    name: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def line(self) -> str:
        name = f" {self.name}" if self.name and self.name != self.who else ""
        return f"{shlex.quote(self.who)} {KEY_TYPE} {public_key_text(self.public_key)}{name}"


@dataclass
class TrustedKeys:
    keys: list[TrustedKey] = field(default_factory=list)

    def trusts(self, who: str, public_key: bytes) -> bool:
        return any(k.who == who and k.public_key == public_key for k in self.keys)

    def text(self) -> str:
        return HEADER + "".join(k.line() + "\n" for k in self.keys)


def parse(text: str, source: str) -> TrustedKeys:
    """The keys in ``text``; InputError naming each bad line and what is wrong with it."""
    found, problems = TrustedKeys(), []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            found.keys.append(parse_line(line))
        except ValueError as err:
            problems.append(f"line {n}: {err}")
    if problems:
        raise InputError(source, limits.listed(problems))
    return found


def parse_line(line: str) -> TrustedKey:
    try:
        words = shlex.split(line)
    except ValueError as err:
        raise ValueError(f"cannot read the line ({err})") from None
    if len(words) < 3:
        raise ValueError("expected: who, key type, public key, [name]")
    who, kind, key = words[:3]
    if kind != KEY_TYPE:
        raise ValueError(f"key type {limits.shown(kind)}: only {KEY_TYPE} keys are used")
    return TrustedKey(who, parse_public_key(key), " ".join(words[3:]) or who)


def read_file(path: Path) -> TrustedKeys:
    data = limits.read_file(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(str(path), ["not a trusted-keys list (not UTF-8 text)"]) from None
    return parse(text, str(path))
