"""What the detector reports: one flagged span with its reason and a better question."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

SEVERITIES = ("blame", "caution")
FAMILIES = ("blame", "vague")
FIELDS = ("summary", "impact", "timeline", "why", "factor", "action", "lesson", "verification")


@dataclass(frozen=True)
class Finding:
    """A flagged span of the analysed text.

    ``start`` and ``end`` are offsets into the text given to ``Detector.analyse``. ``severity``
    picks the colour ("blame" is firm, "caution" is softer); ``family`` says whether the flag is
    about blame or about a vague record. ``question`` reframes the sentence toward the system.
    """

    start: int
    end: int
    rule_id: str
    category: str
    severity: str
    family: str
    why: str
    question: str


def is_blame(findings: Iterable[Finding]) -> bool:
    """True when any finding belongs to the blame family (what makes ``clearsight lint`` fail)."""
    return any(f.family == "blame" for f in findings)
