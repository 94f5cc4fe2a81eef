"""Long random tokens with no label and no known prefix: an AWS secret key pasted alone, a
session token, a key from a service no rule knows.

A token is a run of 32 or more base64 or URL-safe characters. Postmortems are full of long runs
that are not secrets (commit SHAs, UUIDs, digests, file paths, pod names, CamelCase class
names), so a run counts only when what is left after taking those out still looks random:

- it is split at ``/ + _ = -`` and the parts that are explained drop out: hex of 7 or more
  (SHAs, UUIDs, digests, signatures), numbers, parts of 3 characters or fewer, and parts that
  read as words (lower case, or Capitalized and ACRONYM pieces with vowels like a language's);
- at least 20 characters must be left, with upper and lower case, and a digit unless the case
  changes as often as chance would have it;
- their Shannon entropy is at least 3.5 bits a character (random base64 of that length has
  about 4.2 and more), and the case/digit pieces are short (a new piece every 3 characters at
  most; identifiers run 6 or more).

Tokens inside a URL are left to the rules (webhooks, passwords, query parameters): the random
IDs in document and dashboard links are not secrets. Nor are certificates and public keys
("-----BEGIN CERTIFICATE-----", "ssh-ed25519 AAAA..."). A token of AWS's secret-key shape (40
base64 characters) is named an AWS secret key when the text speaks of AWS.
"""

from __future__ import annotations

import math
import re
from collections import Counter

MIN_UNEXPLAINED = 20
MIN_BITS = 3.5
MIN_PIECE_RATE = 0.3  # pieces per character
NO_DIGIT_PIECE_RATE = 0.45

_TOKEN = re.compile(r"(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{32,}={0,2}")
_URL = re.compile(r"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,30}://[^\s<>\"'`]+")
_PUBLIC = re.compile(
    r"-----BEGIN (?:CERTIFICATE|PUBLIC KEY|RSA PUBLIC KEY|PGP PUBLIC KEY BLOCK)-----[\s\S]*?"
    r"(?:-----END [A-Z ]{0,30}-----|\Z)"
    r"|(?<![A-Za-z0-9-])(?:ssh-(?:rsa|dss|ed25519)|ecdsa-sha2-nistp\d{3}|sk-ssh-ed25519@openssh\.com)"
    r"\s{1,5}AAAA[A-Za-z0-9+/]{1,16384}={0,3}"
)
_PARTS = re.compile(r"[/+_=-]+")
_PIECE = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")
_WORD_PIECE = re.compile(r"[A-Z][a-z]{2,}|[a-z]{2,}|[A-Z]{2,5}")
_HEX = re.compile(r"[0-9a-fA-F]+")
_AWS_SECRET = re.compile(r"[A-Za-z0-9/+]{40}")
_AWS_CONTEXT = re.compile(r"(?i)\baws|amazon|\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")
# Subresource-integrity hashes ("sha512-<base64>") are digests, not secrets.
_DIGEST_PREFIX = ("sha1-", "sha256-", "sha384-", "sha512-")
_VOWELS = frozenset("aeiouyAEIOUY")


def random_tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each random-looking token outside a URL, a certificate or a
    public key."""
    found: list[tuple[int, int, str]] = []
    public: list[tuple[int, int]] | None = None
    aws: bool | None = None
    j = 0  # the tokens come in order: the first public span that may still hold one
    for m in _TOKEN.finditer(text):
        token = m.group().rstrip("=")
        if not looks_random(token):
            continue
        if public is None:
            public = _public_spans(text)
        while j < len(public) and public[j][1] <= m.start():
            j += 1
        if j < len(public) and public[j][0] <= m.start() and m.end() <= public[j][1]:
            continue
        kind = "high-entropy token"
        if _AWS_SECRET.fullmatch(token):
            if aws is None:
                aws = _AWS_CONTEXT.search(text) is not None
            kind = "AWS secret key" if aws else kind
        found.append((m.start(), m.end(), kind))
    return found


def _public_spans(text: str) -> list[tuple[int, int]]:
    lower = text.lower()
    spans = [u.span() for u in _URL.finditer(text)] if "://" in text else []
    if "-----begin" in lower or "ssh-" in lower or "ecdsa-" in lower:
        spans += [p.span() for p in _PUBLIC.finditer(text)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def looks_random(token: str) -> bool:
    if token.lower().startswith(_DIGEST_PREFIX):
        return False
    rest = "".join(p for p in _PARTS.split(token) if not _explained(p))
    if len(rest) < MIN_UNEXPLAINED:
        return False
    if not (any(c.islower() for c in rest) and any(c.isupper() for c in rest)):
        return False
    rate = len(_PIECE.findall(rest)) / len(rest)
    has_digit = any(c.isdigit() for c in rest)
    if not has_digit and rate < NO_DIGIT_PIECE_RATE:
        return False
    return rate >= MIN_PIECE_RATE and shannon_bits(rest) >= MIN_BITS


def shannon_bits(text: str) -> float:
    """Shannon entropy of the characters of ``text``, in bits per character."""
    n = len(text)
    return -sum(c / n * math.log2(c / n) for c in Counter(text).values()) if n else 0.0


def _explained(part: str) -> bool:
    if len(part) <= 3 or part.isdigit():
        return True
    if len(part) >= 7 and _HEX.fullmatch(part):
        return True
    return _wordlike(part)


def _wordlike(part: str) -> bool:
    """lower-case words, or CamelCase/ACRONYM pieces with vowels, digits only at the end."""
    letters = part.rstrip("0123456789")
    if not letters.isalpha() or not letters.isascii():
        return False
    if letters.islower():
        return True
    if not all(_WORD_PIECE.fullmatch(p) for p in _PIECE.findall(letters)):
        return False
    return sum(c in _VOWELS for c in letters) / len(letters) >= 0.3
