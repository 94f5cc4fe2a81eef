"""Forms of blame the fourth round of issue 13 taught the detector, each beside a blameless twin
that shares its words. Every sentence is written for this test (none is from the corpus), and
none is linted with ``names``: a reader of real text does not know who the people are."""

from __future__ import annotations

import pytest

from clearsight.language.detector import Detector
from clearsight.language.features import WordClasses, feature_names
from clearsight.language.learned import load_learned
from clearsight.language.text import join_answers, sentences
from clearsight.language.tokens import tokens

# (blame, its blameless twin)
PAIRS = [
    # Hindsight in the passive about a check a person makes, against a thing's duty.
    (
        "The restore procedure should have been tested before anyone relied on it.",
        "The restore job should have completed before the backups rotated.",
    ),
    # Self-blame with no slip word: a duty not done.
    (
        "We never did proper due diligence on the storage vendor.",
        "We did due diligence on the storage vendor before signing in March.",
    ),
    # A culprit question and its answer written as two sentences.
    (
        "Cause of the data loss? Human error.",
        "Cause of the data loss? A firmware bug in the RAID card.",
    ),
    ("Root cause? Someone on the night shift.", "Root cause? A race in the cache eviction code."),
    # A company, named only by a made-up name, as the actor of an omission.
    (
        "Brantwell Logistics failed to notify its customers for two days.",
        "The notification service failed to start after the upgrade.",
    ),
    (
        "Kestrova failed to notify customers until the story broke.",
        "The mail relay failed to deliver the alerts until the queue drained.",
    ),
    # Asking who did a deed, against asking who holds a role.
    (
        "Who approved the schema change on a Friday afternoon?",
        "Who has the deploy lock this afternoon?",
    ),
    # Personnel action on the people involved, against the same words about a thing.
    (
        "The technician involved has been withdrawn from field duties pending reassessment.",
        "The faulty sensor has been withdrawn from service pending a firmware fix.",
    ),
    (
        "Two operators received formal warnings after the outage.",
        "Two dashboards showed warnings after the outage.",
    ),
    # Blame late in a long sentence, against the same sentence with a system cause.
    (
        "Between 09:10 and 11:45 UTC, checkout requests in three regions timed out while the "
        "payment queue backed up behind a stalled consumer, and the recovery took as long as it "
        "did because the on-call engineer ignored the first four pages.",
        "Between 09:10 and 11:45 UTC, checkout requests in three regions timed out while the "
        "payment queue backed up behind a stalled consumer, and the recovery took as long as it "
        "did because the pager routed the first four pages to a retired phone number.",
    ),
    # A quoted finding the sentence endorses, against a quoted claim it agrees is no blame.
    (
        'The auditor said the bank "failed to test its backups", a finding the bank has not '
        "disputed.",
        'The bank said the outage was "a storage fault, not a people problem", and the auditor '
        "agreed.",
    ),
]


def blamed(text: str) -> bool:
    return any(f.family == "blame" for f in Detector.default().analyse(text))


@pytest.mark.parametrize(("blame", "twin"), PAIRS)
def test_blame_is_flagged_and_its_twin_is_not(blame: str, twin: str) -> None:
    assert blamed(blame), blame
    assert not blamed(twin), twin


def test_a_short_question_and_its_fragment_answer_are_one_sentence() -> None:
    text = "Root cause? Human error. Next steps are below."
    spans = join_answers(text, sentences(text))
    assert [text[a:b] for a, b in spans] == ["Root cause? Human error.", "Next steps are below."]
    # Not across lines, not two questions, not a long answer.
    for apart in (
        "Root cause?\nHuman error.",
        "Who is on call? Who has the lock?",
        "Root cause? The cache layer dropped writes for most of the morning across every region.",
    ):
        assert len(join_answers(apart, sentences(apart))) == 2, apart


def test_fillers_and_stage_directions_leave_the_clause_whole() -> None:
    spoken = [(t.lemma, t.clause) for t in tokens("the, uh, dba dropped it [laughs] so")]
    assert spoken == [("the", 0), ("dba", 0), ("drop", 0), ("it", 0), ("so", 1)]


def classes() -> WordClasses:
    return load_learned().classes


def test_a_check_in_passive_hindsight_is_a_duty_unless_a_thing_does_it() -> None:
    def hindsight(text: str) -> set[str]:
        return {n for n in feature_names(text.lower(), classes()) if n.startswith("h:")}

    assert "h:passive>DUTY" in hindsight("The config should have been checked beforehand.")
    assert "h:passive>DUTY" in hindsight("This should have been caught by the reviewer.")
    assert "h:passive>DUTY" not in hindsight("This should have been caught by the type checker.")
    assert "h:passive>DUTY" not in hindsight("The alert should have fired.")


def test_a_capitalised_name_ending_like_a_company_is_an_actor() -> None:
    text = "Corvena Health Systems failed to notify the patients."
    names = feature_names(text.lower(), classes(), original=text)
    assert "k:fail>DUTY" in names
    assert "c:AGENT" in names
    product = "Kubernetes failed to schedule the pods."
    assert "c:AGENT" not in feature_names(product.lower(), classes(), original=product)
