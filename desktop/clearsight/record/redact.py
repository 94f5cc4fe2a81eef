"""Secrets in a review's text, found before any export and redacted in it.

Each finding names the field (a JSON path into the machine form), the kind of secret and a
little context with every secret in it masked, so a list of findings never leaks one. The
kinds are the rules of ``secret_patterns`` (labels and known prefixes) and the random tokens
of ``secret_entropy``; the export, ``clearsight show`` and ``actions``, and the sign-off gate
all ask here.
"""

from __future__ import annotations

import copy
import functools
import re
from dataclasses import dataclass
from typing import Any

from clearsight.record.form_memo import NO_MEMO, FormMemo
from clearsight.record.secret_entropy import random_tokens
from clearsight.record.secret_patterns import RULES

CONTEXT = 24
# Shorter than any secret a rule or the entropy check finds ("pwd=abcd" is 8).
MIN_TEXT = 8
# Each hint and the rules (by rank) that run on text holding it: one substring test per hint.
HINTS: dict[str, tuple[int, ...]] = {
    hint: tuple(rank for rank, rule in enumerate(RULES) if hint in rule.hints)
    for hint in dict.fromkeys(hint for rule in RULES for hint in rule.hints)
}


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
    """The secrets in one string, in order, none overlapping another."""
    return [Secret(field, *hit) for hit in _hits(text)]


def _hits(text: str) -> tuple[tuple[str, int, int, str], ...]:
    if len(text) < MIN_TEXT:
        return ()
    return (_remembered_scan if len(text) <= REMEMBERED_TEXT else _scan)(text)


# A review's texts are scanned again on every look at the sign-off gate; most have not
# changed. Long texts are scanned afresh: remembering every version of one would grow.
REMEMBERED_TEXT = 4000


def _scan(text: str) -> tuple[tuple[str, int, int, str], ...]:
    found: list[tuple[int, int, int, str]] = []  # start, end, rank of the rule, kind
    lower = text.lower()
    ranks = {rank for hint in HINTS if hint in lower for rank in HINTS[hint]}
    for rank in sorted(ranks):
        rule = RULES[rank]
        found += [(start, end, rank, rule.kind) for start, end in rule.spans(text)]
    found += [(start, end, len(RULES), kind) for start, end, kind in random_tokens(text)]
    spans = _merged(found)
    out = []
    for i, (start, end, kind) in enumerate(spans):
        before = _masked(text, spans, i, max(0, start - CONTEXT), start)
        after = _masked(text, spans, i, end, min(len(text), end + CONTEXT))
        out.append((kind, start, end, " ".join(f"{before}[{kind}]{after}".split())))
    return tuple(out)


_remembered_scan = functools.lru_cache(maxsize=20_000)(_scan)


def _merged(found: list[tuple[int, int, int, str]]) -> list[tuple[int, int, str]]:
    """Overlapping findings as one span, so no part of a secret is left out, named by the
    first rule among them (the rules run most specific first)."""
    spans: list[tuple[int, int, str]] = []
    rank = 0
    for start, end, r, kind in sorted(found):
        if spans and start < spans[-1][1]:
            last = spans[-1]
            if r < rank:
                rank = r
                spans[-1] = (last[0], max(end, last[1]), kind)
            else:
                spans[-1] = (last[0], max(end, last[1]), last[2])
        else:
            rank = r
            spans.append((start, end, kind))
    return spans


def _masked(text: str, spans: list[tuple[int, int, str]], i: int, lo: int, hi: int) -> str:
    """text[lo:hi] with the secrets near the i-th shown as [kind], so a context never leaks
    one: the spans are sorted and apart, so only the neighbours can reach into it."""
    near = []
    j = i - 1
    while j >= 0 and spans[j][1] > lo:
        near.append(spans[j])
        j -= 1
    j = i + 1
    while j < len(spans) and spans[j][0] < hi:
        near.append(spans[j])
        j += 1
    out, pos = [], lo
    for start, end, kind in sorted(near):
        if end <= lo or start >= hi:
            continue
        out += [text[pos : max(start, lo)], f"[{kind}]"]
        pos = min(end, hi)
    out.append(text[pos:hi])
    return "".join(out)


def find_secrets(form: dict[str, Any], memo: FormMemo = NO_MEMO) -> list[Secret]:
    """Every secret in the strings of a machine form. With a ``memo``, a part of the review
    that is the very object it was last time keeps the secrets found in it then."""
    found: list[Secret] = []
    for key, value in form.items():
        if key == "review" and isinstance(value, dict):
            for part, item in value.items():
                found += memo.part(
                    f"secrets.{part}", (item,), functools.partial(_found, item, part)
                )
        else:
            _find(value, [key], found)
    return found


def _found(value: Any, part: str) -> list[Secret]:
    found: list[Secret] = []
    _find(value, ["review", part], found)
    return found


def _find(value: Any, steps: list[str | int], found: list[Secret]) -> None:
    """The secrets in every string under ``value``, but the signed statements of sign-offs
    (redacting a word in one would break its signature). A string's path is spelled only
    where a secret is: a big review has 16,000 strings and none, and the sign-off gate looks
    after every edit."""
    if type(value) is str:
        hits = _hits(value)
        if hits:
            field = _path(steps)
            found += [Secret(field, *hit) for hit in hits]
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if key in _SIGNED and _path(steps).startswith("review.signoffs["):
                continue
            steps.append(str(key))
            _find(item, steps, found)
            steps.pop()
    elif isinstance(value, list):
        for n, item in enumerate(value):
            steps.append(n)
            _find(item, steps, found)
            steps.pop()


def _path(steps: list[str | int]) -> str:
    return "".join(f"[{s}]" if type(s) is int else f".{s}" for s in steps).lstrip(".")


def redact_text(text: str, secrets: list[Secret]) -> str:
    """``text`` with each secret replaced by "[redacted <kind>]", in one pass."""
    out, pos = [], 0
    for secret in sorted(secrets, key=lambda s: s.start):
        if secret.start < pos:  # overlaps the one before: redact the rest of it too
            pos = max(pos, secret.end)
            continue
        out += [text[pos : secret.start], f"[redacted {secret.kind}]"]
        pos = secret.end
    out.append(text[pos:])
    return "".join(out)


def redacted(form: dict[str, Any], secrets: list[Secret]) -> dict[str, Any]:
    """A copy of ``form`` with every listed secret replaced by "[redacted <kind>]"."""
    out = copy.deepcopy(form)
    by_field: dict[str, list[Secret]] = {}
    for secret in secrets:
        by_field.setdefault(secret.field, []).append(secret)
    for path, found in by_field.items():
        parent, last = _place(out, path)
        if parent is not None and isinstance(parent[last], str):
            parent[last] = redact_text(parent[last], found)
    return out


_STEP = re.compile(r"\.([A-Za-z_][\w]*)|\[(\d+)\]")


# The signed statements Clearsight writes: digests, fingerprints and the review's own title
# (checked where it is typed). Redacting a word in one would break its signature.
_SIGNED = frozenset({"statement", "void_statement"})


def _place(root: Any, path: str) -> tuple[Any, str | int]:
    """The container holding the value at ``path`` and its key there; None where the form
    has no such place."""
    steps: list[str | int] = [m.group(1) or int(m.group(2)) for m in _STEP.finditer("." + path)]
    target = root
    try:
        for step in steps[:-1]:
            target = target[step]
        target[steps[-1]]
    except (KeyError, IndexError, TypeError):
        return None, ""
    return target, steps[-1]
