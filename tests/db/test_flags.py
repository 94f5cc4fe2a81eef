"""Dismissed language flags: stored with the review, matched by place, rule and words."""

from __future__ import annotations

import pytest

from clearsight.errors import UserError
from clearsight.language.detector import Detector
from clearsight.review.flags import counts_by_phase, open_findings, review_names
from clearsight.services.demo import add_demo
from clearsight.services.root import Services

BLAME = "Kenji skipped the canary, so the bad config reached every pod."


@pytest.fixture
def review_id(service: Services) -> int:
    rid = service.reviews.create_review("Canary skipped", "SEV-3")
    kenji = service.people.add_person("Kenji Watanabe", "kenji")
    service.reviews.add_participant(rid, kenji, "attendee")
    return rid


def _open(service: Services, review_id: int) -> list[tuple[str, str, str]]:
    found = open_findings(Detector.default(), service.reviews.get_review(review_id))
    return [(f.place.place, f.finding.rule_id, f.snippet) for f in found]


def test_the_reviews_people_make_a_name_a_person(service: Services, review_id: int) -> None:
    assert review_names(service.reviews.get_review(review_id)) == ("@kenji", "Kenji Watanabe")
    service.reviews.set_field(review_id, "summary", BLAME)
    [(place, rule_id, snippet)] = _open(service, review_id)
    assert (place, snippet) == ("summary", "Kenji skipped")
    assert rule_id.startswith("person-as-cause.")


def test_a_dismissal_holds_while_the_rest_of_the_text_changes(
    service: Services, review_id: int
) -> None:
    service.reviews.set_field(review_id, "summary", BLAME)
    [(place, rule_id, snippet)] = _open(service, review_id)
    dismissal = service.flags.dismiss_flag(review_id, place, rule_id, snippet, "quotation")
    assert _open(service, review_id) == []
    service.reviews.set_field(
        review_id, "summary", "At 14:02 UTC: " + BLAME + " It took 9 minutes."
    )
    assert _open(service, review_id) == []
    # The same words in another field are another place: flagged there.
    service.reviews.set_field(review_id, "impact", BLAME)
    assert [p for p, _, _ in _open(service, review_id)] == ["impact"]
    service.reviews.set_field(review_id, "impact", "")
    # Undoing the dismissal shows the finding again.
    service.flags.restore_flag(dismissal)
    assert [p for p, _, _ in _open(service, review_id)] == ["summary"]


def test_rewriting_the_flagged_words_is_a_new_finding(service: Services, review_id: int) -> None:
    service.reviews.set_field(review_id, "summary", BLAME)
    [(place, rule_id, snippet)] = _open(service, review_id)
    service.flags.dismiss_flag(review_id, place, rule_id, snippet)
    service.reviews.set_field(review_id, "summary", "Kenji forgot to run the canary.")
    assert [p for p, _, _ in _open(service, review_id)] == ["summary"]


def test_findings_are_counted_per_agenda_phase(service: Services, review_id: int) -> None:
    service.reviews.set_field(review_id, "summary", BLAME)
    lesson = service.reviews.add_lesson(review_id, "poorly", "Human error by the on-call engineer.")
    found = open_findings(Detector.default(), service.reviews.get_review(review_id))
    assert counts_by_phase(found) == {"summary": 1, "lessons": 1}
    assert found[1].place.place == f"lesson:{lesson}"


def test_a_dismissal_is_part_of_the_machine_form(service: Services, review_id: int) -> None:

    service.reviews.set_field(review_id, "summary", BLAME)
    [(place, rule_id, snippet)] = _open(service, review_id)
    service.flags.dismiss_flag(review_id, place, rule_id, snippet)
    records = service.records
    [flag] = records.export_review(review_id)["review"]["dismissed_flags"]
    assert (flag["field"], flag["rule_id"], flag["snippet"]) == (place, rule_id, snippet)
    copy = records.import_review(records.export_review(review_id), "copy.json")
    assert _open(service, copy) == []


def test_a_dismissal_needs_a_known_reason(service: Services, review_id: int) -> None:
    with pytest.raises(UserError, match="Unknown reason"):
        service.flags.dismiss_flag(review_id, "summary", "x", "words", "annoying")


def test_a_dismissal_follows_its_row_through_delete_and_undo(
    service: Services, review_id: int
) -> None:
    from datetime import UTC, datetime

    factor = service.factors.add_factor(review_id, "Insufficient testing.")
    at = datetime(2026, 3, 15, 14, 0, tzinfo=UTC)
    event = service.timeline.add_event(
        review_id, at, "The on-call engineer should have checked it."
    )
    tree = service.whys.add_tree(review_id, "Why?")
    node = service.whys.add_node(tree, None, "Kenji skipped the canary.")
    found = _open(service, review_id)
    assert {p.split(":")[0] for p, _, _ in found} == {"factor", "event", "why"}
    for place, rule_id, snippet in found:
        service.flags.dismiss_flag(review_id, place, rule_id, snippet)
    assert _open(service, review_id) == []
    service.factors.restore_factor(review_id, service.factors.delete_factor(factor))
    service.timeline.restore_event(review_id, service.timeline.delete_event(event))
    service.whys.restore_node(service.whys.delete_node(node))
    service.whys.restore_tree(review_id, service.whys.delete_tree(tree))
    assert _open(service, review_id) == []  # still dismissed under their new ids


def test_the_demo_review_raises_no_blame_flag(service: Services) -> None:
    # The demo is what a new user sees first: a blameless review, written as the guides ask.
    rid = add_demo(service)
    found = open_findings(Detector.default(), service.reviews.get_review(rid))
    assert [
        (f.place.place, f.finding.rule_id, f.snippet) for f in found if f.finding.family == "blame"
    ] == []
