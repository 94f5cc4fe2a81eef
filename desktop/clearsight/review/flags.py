"""Language flags on a review: the texts the detector reads, and the facilitator's dismissals.

A dismissal names a place ("summary", "lesson:12"), a rule and the flagged words. The same
rule on the same words at the same place stays dismissed however the rest of the text changes;
a rewrite of the flagged words is a new finding and is shown again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from clearsight.db.models import DismissedFlag
from clearsight.db.store import Store
from clearsight.errors import UserError
from clearsight.language.detector import Detector
from clearsight.language.findings import Finding
from clearsight.review import rules
from clearsight.review.data import DismissalData, ReviewDetail

DISMISS_REASONS = ("false_alarm", "quotation")
DISMISS_LABELS = {"false_alarm": "False alarm", "quotation": "A quotation"}


@dataclass(frozen=True)
class TextPlace:
    """One free-text field of a review, as the language checks see it."""

    place: str  # the key a dismissal is stored under: "summary", "lesson:12"
    phase: str  # the agenda phase that shows it (rules.PHASES keys)
    field: str | None  # the detector's field (language.findings.FIELDS); None: blame only
    label: str  # what the Language panel calls it
    text: str


@dataclass(frozen=True)
class OpenFinding:
    place: TextPlace
    finding: Finding

    @property
    def snippet(self) -> str:
        return self.place.text[self.finding.start : self.finding.end]


def text_places(detail: ReviewDetail) -> list[TextPlace]:
    """Every free-text field of the review, in agenda order."""
    places = [
        TextPlace("summary", "summary", "summary", "Summary", detail.summary),
        TextPlace("impact", "summary", "impact", "Impact", detail.impact),
    ]
    for event in detail.events:
        label = f"Timeline {event.at:%H:%M} UTC"
        places.append(TextPlace(f"event:{event.id}", "timeline", "timeline", label, event.text))
    for t_number, tree in enumerate(detail.trees, 1):
        places.append(
            TextPlace(f"tree:{tree.id}", "whys", "why", f"Why tree {t_number}", tree.problem)
        )
        for node in tree.nodes:
            label = f"Why tree {t_number}, level {tree.depth(node.id)}"
            places.append(TextPlace(f"why:{node.id}", "whys", "why", label, node.text))
    for n, factor in enumerate(detail.factors, 1):
        places.append(
            TextPlace(f"factor:{factor.id}", "factors", "factor", f"Factor {n}", factor.text)
        )
        if factor.accepted_reason:
            label = f"Factor {n}, accepted risk"
            places.append(
                TextPlace(f"risk:{factor.id}", "factors", None, label, factor.accepted_reason)
            )
    for n, action in enumerate(detail.actions, 1):
        label = f"Action A{n}"
        places.append(TextPlace(f"action:{action.id}", "actions", "action", label, action.what))
        if action.verification:
            places.append(
                TextPlace(
                    f"verify:{action.id}",
                    "actions",
                    "verification",
                    f"{label}, how we will know",
                    action.verification,
                )
            )
    for kind in rules.LESSON_KINDS:
        for n, lesson in enumerate(x for x in detail.lessons if x.kind == kind):
            label = f"{rules.LESSON_LABELS[kind]} {n + 1}"
            places.append(TextPlace(f"lesson:{lesson.id}", "lessons", "lesson", label, lesson.text))
    return places


def review_names(detail: ReviewDetail) -> tuple[str, ...]:
    """The names and @handles of the review's people: a person as the cause is found by them."""
    names: set[str] = set()
    for part in detail.participants:
        names.add(part.person.name)
        if part.person.handle:
            names.add("@" + part.person.handle)
    return tuple(sorted(names))


def is_dismissed(
    place: str, rule_id: str, snippet: str, dismissals: Iterable[DismissalData]
) -> bool:
    return any(
        d.place == place and d.rule_id == rule_id and d.snippet == snippet for d in dismissals
    )


def open_findings(
    detector: Detector, detail: ReviewDetail, include_vague: bool = True
) -> list[OpenFinding]:
    """Every finding in the review that no one dismissed, in agenda order."""
    names = review_names(detail)
    found: list[OpenFinding] = []
    for place in text_places(detail):
        for finding in detector.analyse(place.text, names, place.field, include_vague):
            item = OpenFinding(place, finding)
            if not is_dismissed(place.place, finding.rule_id, item.snippet, detail.dismissals):
                found.append(item)
    return found


def counts_by_phase(found: Sequence[OpenFinding]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in found:
        counts[item.place.phase] = counts.get(item.place.phase, 0) + 1
    return counts


def move_dismissals(s: Session, review_id: int, moves: dict[str, str]) -> None:
    """Re-points dismissals when an undo brings a row back under a new id, so a flag that was
    dismissed on it stays dismissed ("factor:12" -> "factor:31")."""
    if not moves:
        return
    rows = s.scalars(
        select(DismissedFlag).where(
            DismissedFlag.review_id == review_id, DismissedFlag.field.in_(list(moves))
        )
    )
    for row in rows:
        row.field = moves[row.field]


class FlagsMixin:
    """ReviewService's dismissals (see service.py): one transaction each, undoable."""

    store: Store

    def dismiss_flag(
        self, review_id: int, place: str, rule_id: str, snippet: str, reason: str = "false_alarm"
    ) -> int:
        if reason not in DISMISS_REASONS:
            raise UserError(f"Unknown reason {reason!r}: use {' or '.join(DISMISS_REASONS)}.")
        if not place or not rule_id or not snippet:
            raise UserError("A dismissal needs the place, the rule and the flagged words.")
        with self.store.transaction() as s:
            row = DismissedFlag(
                review_id=review_id, field=place, rule_id=rule_id, snippet=snippet, reason=reason
            )
            s.add(row)
            s.flush()
            return row.id

    def restore_flag(self, dismissal_id: int) -> None:
        """Undo a dismissal: the finding is shown again."""
        with self.store.transaction() as s:
            row = s.get(DismissedFlag, dismissal_id)
            if row is not None:
                s.delete(row)
