"""Why a flag of the learned scorer was raised, and the question it asks about the system.

A learned flag has no rule of its own, so its reason comes from the word class that carried
the most weight in the flagged words (an omission, a judgement, punishment...). The texts are
data, in the [explain] table of resources/lexicons/classes.toml.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass

from clearsight.errors import InputError
from clearsight.language.findings import Finding

LEARNED = "learned"  # rule ids of the scorer's flags start with this
DEFAULT = "default"


@dataclass(frozen=True)
class Reason:
    category: str
    why: str
    question: str


@dataclass(frozen=True)
class Explanations:
    reasons: Mapping[str, Reason]  # class name (or "default") -> reason

    @classmethod
    def from_toml(cls, text: str, source: str) -> Explanations:
        data = tomllib.loads(text)
        raw = data.get("explain")
        problems: list[str] = []
        reasons: dict[str, Reason] = {}
        if not isinstance(raw, dict) or DEFAULT not in raw:
            raise InputError(source, ["explain: a table with at least [explain.default]"])
        for name, entry in raw.items():
            values = [entry.get(k) if isinstance(entry, dict) else None for k in _KEYS]
            if not all(isinstance(v, str) and v.strip() for v in values):
                problems.append(f"explain.{name}: needs category, why and question")
                continue
            category, why, question = (str(v).strip() for v in values)
            if not question.endswith("?"):
                problems.append(f"explain.{name}: the question must end with '?'")
            reasons[name] = Reason(category, why, question)
        if problems:
            raise InputError(source, problems)
        return cls(reasons)

    def reason(self, feature: str) -> tuple[str, Reason]:
        """The class behind ``feature`` (the strongest of a flagged span), and its reason."""
        for name in _classes_in(feature):
            if name in self.reasons:
                return name, self.reasons[name]
        return DEFAULT, self.reasons[DEFAULT]

    def finding(self, feature: str, start: int, end: int) -> Finding:
        _, reason = self.reason(feature)
        return Finding(
            start=start,
            end=end,
            rule_id=f"{LEARNED}.{reason.category}",
            category=reason.category,
            severity="blame",
            family="blame",
            why=reason.why,
            question=reason.question,
        )


_KEYS = ("category", "why", "question")
# In a pair or a class bigram the second class is what the sentence says of the first
# ("AGENT>OMIT" is about an omission): it names the reason first.
_ORDER_SWAP = (">", "_")


def _classes_in(feature: str) -> list[str]:
    kind, _, body = feature.partition(":")
    if kind == "o":
        return [body.rpartition(">")[2]]  # "o:because>AGENT": who opens the "because" clause
    if kind in ("c", "k"):
        return [body.lstrip("~")]
    if kind in ("p", "g"):
        for sep in _ORDER_SWAP:
            if sep in body:
                first, _, second = body.partition(sep)
                return [second, first]
    return []
