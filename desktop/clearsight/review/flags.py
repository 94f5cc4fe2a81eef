"""Language flags on a review: the texts the detector reads, and the facilitator's dismissals.

A dismissal names a place ("summary", "lesson:12"), a rule and the flagged words. The same
rule on the same words at the same place stays dismissed however the rest of the text changes;
a rewrite of the flagged words is a new finding and is shown again.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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


def with_texts(detail: ReviewDetail, texts: dict[str, str]) -> ReviewDetail:
    """``detail`` with the texts the widgets hold now, by place key (see text_places).

    Text edits are saved without reloading the review, so the last loaded detail lags them.
    """

    def text(key: str, old: str) -> str:
        return texts.get(key, old)

    trees = [
        dataclasses.replace(
            t,
            problem=text(f"tree:{t.id}", t.problem),
            nodes=[dataclasses.replace(n, text=text(f"why:{n.id}", n.text)) for n in t.nodes],
        )
        for t in detail.trees
    ]
    return dataclasses.replace(
        detail,
        summary=text("summary", detail.summary),
        impact=text("impact", detail.impact),
        lessons=[
            dataclasses.replace(x, text=text(f"lesson:{x.id}", x.text)) for x in detail.lessons
        ],
        events=[dataclasses.replace(e, text=text(f"event:{e.id}", e.text)) for e in detail.events],
        trees=trees,
        factors=[
            dataclasses.replace(
                f,
                text=text(f"factor:{f.id}", f.text),
                accepted_reason=text(f"risk:{f.id}", f.accepted_reason),
            )
            for f in detail.factors
        ],
        actions=[
            dataclasses.replace(
                a,
                what=text(f"action:{a.id}", a.what),
                verification=text(f"verify:{a.id}", a.verification),
            )
            for a in detail.actions
        ],
    )


def dismiss_text(reason: str) -> str:
    """The menu entry: 'Dismiss flag: false alarm'."""
    label = DISMISS_LABELS[reason]
    return f"Dismiss flag: {label[:1].lower()}{label[1:]}"


def tooltip_html(findings: Sequence[Finding]) -> str:
    """Why each finding was flagged, and its reframing question in bold."""
    parts = [f"<p>{html.escape(f.why)}<br><b>{html.escape(f.question)}</b></p>" for f in findings]
    return "<qt>" + "".join(parts) + "</qt>"
