"""The learned scorer as the detector uses it: what it is loaded from, and what its verdict
does to the rules' findings in a sentence."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from clearsight.language.explain import Explanations
from clearsight.language.features import WordClasses
from clearsight.language.findings import Finding
from clearsight.language.scorer import Model, Scored
from clearsight.resources_access import resource_text

CLASSES = ("lexicons", "classes.toml")
MODEL = ("lexicons", "blame_model.json")


@dataclass(frozen=True)
class Learned:
    """The scorer and what it needs; None in a detector made of rules alone."""

    model: Model
    classes: WordClasses
    explanations: Explanations


def load_learned(extra_classes: Mapping[str, Sequence[str]] | None = None) -> Learned:
    """The shipped scorer, word classes and explanations (with a team's extra words)."""
    classes = WordClasses.from_toml(resource_text(*CLASSES), "resources/lexicons/classes.toml")
    if extra_classes:
        classes = classes.merged(extra_classes)
    return Learned(
        Model.from_json(resource_text(*MODEL), "resources/lexicons/blame_model.json"),
        classes,
        Explanations.from_toml(resource_text(*CLASSES), "resources/lexicons/classes.toml"),
    )


def rule_keys(found: Sequence[Finding], guarded: set[str]) -> list[str]:
    """The blame rules that fired in a sentence, as the scorer's "r:" features, by category
    and by id; then the categories whose rule matched but was kept quiet by its guard: such a
    match is evidence too."""
    blame = [f for f in found if f.family == "blame"]
    keys = sorted({f.category for f in blame} | {f.rule_id for f in blame})
    return keys + sorted("~" + category for category in guarded)


def judged(
    learned: Learned, scored: Scored | None, threshold: float, found: list[Finding]
) -> list[Finding]:
    """The sentence's findings after the scorer's verdict: kept, dropped or added to."""
    if scored is None or scored.logit < threshold:
        # The sentence reads as blameless: a rule's word alone is not blame here. The
        # team's own phrases stay: the team decided them.
        return [f for f in found if f.family != "blame" or f.category == "team"]
    out = list(found)
    for span in scored.spans:
        # A rule's flag in the same clause already marks it, with a sharper reason.
        lo, hi = span.clause_start, span.clause_end
        if any(f.family == "blame" and f.start < hi and lo < f.end for f in out):
            continue
        out.append(learned.explanations.finding(span.reason, span.start, span.end))
    return out
