"""Secrets in a review's text, found before any export and redacted in it.

Each finding names the field (a JSON path into the machine form), the kind of secret and a
little context with the secret itself masked, so a list of findings never leaks one.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any

# (kind, pattern); a group named "secret" narrows what is redacted (the key name stays).
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, flags))
    for kind, pattern, flags in (
        (
            "private key",
            r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?"
            r"(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)",
            0,
        ),
        ("AWS access key", r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\b", 0),
        (
            "AWS secret key",
            r"(?i)aws_?secret_?access_?key\s*[:=]\s*[\"']?(?P<secret>[A-Za-z0-9/+=]{40})",
            0,
        ),
        ("Google API key", r"\bAIza[0-9A-Za-z_-]{35}\b", 0),
        ("GitHub token", r"\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})", 0),
        ("GitLab token", r"\bglpat-[A-Za-z0-9_-]{20,}", 0),
        ("Slack token", r"\bxox[abposr]-[A-Za-z0-9-]{10,}", 0),
        (
            "Slack webhook",
            r"https://hooks\.slack\.com/services/[A-Za-z0-9]+/[A-Za-z0-9]+/[A-Za-z0-9]+",
            0,
        ),
        ("JWT", r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}", 0),
        ("bearer token", r"(?i)\bbearer\s+(?P<secret>[A-Za-z0-9._~+/-]{16,}=*)", 0),
        (
            "password in URL",
            r"\b[a-z][a-z0-9+.-]*://[^\s:/@]+:(?P<secret>[^\s@/]+)@[^\s/]+",
            re.IGNORECASE,
        ),
        (
            "password",
            r"(?i)\b(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?token|auth[_-]?token|"
            r"client[_-]?secret)\b\s*[:=]\s*[\"']?(?!\[redacted)(?P<secret>[^\s\"',;]{4,})",
            0,
        ),
    )
)
CONTEXT = 24


@dataclass(frozen=True)
class Secret:
    field: str  # JSON path in the machine form: review.timeline[3].text
    kind: str
    start: int
    end: int
    context: str  # the text around it, the secret shown as [kind]

    def describe(self) -> str:
        return f"{self.field}: {self.kind} ({self.context})"


def find_in_text(text: str, field: str) -> list[Secret]:
    spans: list[tuple[int, int, str]] = []
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            start, end = m.span("secret") if "secret" in pattern.groupindex else m.span()
            if any(s < end and start < e for s, e, _ in spans):
                continue  # already covered by a more specific kind
            spans.append((start, end, kind))
    out = []
    for start, end, kind in sorted(spans):
        before = text[max(0, start - CONTEXT) : start]
        after = text[end : end + CONTEXT]
        context = " ".join(f"{before}[{kind}]{after}".split())
        out.append(Secret(field, kind, start, end, context))
    return out


def find_secrets(form: dict[str, Any]) -> list[Secret]:
    """Every secret in the strings of a machine form."""
    found: list[Secret] = []
    for path, text in _strings(form, ""):
        found += find_in_text(text, path)
    return found


def redact_text(text: str, secrets: list[Secret]) -> str:
    for secret in sorted(secrets, key=lambda s: s.start, reverse=True):
        text = text[: secret.start] + f"[redacted {secret.kind}]" + text[secret.end :]
    return text


def redacted(form: dict[str, Any], secrets: list[Secret]) -> dict[str, Any]:
    """A copy of ``form`` with every listed secret replaced by "[redacted <kind>]"."""
    out = copy.deepcopy(form)
    by_field: dict[str, list[Secret]] = {}
    for secret in secrets:
        by_field.setdefault(secret.field, []).append(secret)
    for path, text in list(_strings(out, "")):
        if path in by_field:
            _set(out, path, redact_text(text, by_field[path]))
    return out


_STEP = re.compile(r"\.([A-Za-z_][\w]*)|\[(\d+)\]")


def _strings(value: Any, path: str) -> list[tuple[str, str]]:
    if isinstance(value, str):
        return [(path, value)]
    out: list[tuple[str, str]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            out += _strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            out += _strings(item, f"{path}[{n}]")
    return out


def _set(root: Any, path: str, value: str) -> None:
    steps = [m.group(1) or int(m.group(2)) for m in _STEP.finditer("." + path)]
    target = root
    for step in steps[:-1]:
        target = target[step]
    target[steps[-1]] = value
