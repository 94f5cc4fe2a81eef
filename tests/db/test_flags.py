"""Dismissed language flags: stored with the review, matched by place, rule and words."""

from __future__ import annotations

import pytest

from clearsight.errors import UserError
from clearsight.language.detector import Detector
from clearsight.record.demo import add_demo
from clearsight.review.flags import counts_by_phase, open_findings, review_names
from clearsight.review.service import ReviewService

BLAME = "Kenji skipped the canary, so the bad config reached every pod."


@pytest.fixture
def review_id(service: ReviewService) -> int:
    rid = service.create_review("Canary skipped", "SEV-3")
    kenji = service.add_person("Kenji Watanabe", "kenji")
    service.add_participant(rid, kenji, "attendee")
    return rid


def _open(service: ReviewService, review_id: int) -> list[tuple[str, str, str]]:
    found = open_findings(Detector.default(), service.get_review(review_id))
    return [(f.place.place, f.finding.rule_id, f.snippet) for f in found]


def test_the_reviews_people_make_a_name_a_person(service: ReviewService, review_id: int) -> None:
    assert review_names(service.get_review(review_id)) == ("@kenji", "Kenji Watanabe")
    service.set_field(review_id, "summary", BLAME)
    [(place, rule_id, snippet)] = _open(service, review_id)
    assert (place, snippet) == ("summary", "Kenji skipped")
    assert rule_id.startswith("person-as-cause.")


def test_a_dismissal_holds_while_the_rest_of_the_text_changes(
    service: ReviewService, review_id: int
) -> None:
    service.set_field(review_id, "summary", BLAME)
    [(place, rule_id, snippet)] = _open(service, review_id)
    dismissal = service.dismiss_flag(review_id, place, rule_id, snippet, "quotation")
    assert _open(service, review_id) == []
    service.set_field(review_id, "summary", "At 14:02 UTC: " + BLAME + " It took 9 minutes.")
    assert _open(service, review_id) == []
    # The same words in another field are another place: flagged there.
    service.set_field(review_id, "impact", BLAME)
    assert [p for p, _, _ in _open(service, review_id)] == ["impact"]
    service.set_field(review_id, "impact", "")
    # Undoing the dismissal shows the finding again.
    service.restore_flag(dismissal)
    assert [p for p, _, _ in _open(service, review_id)] == ["summary"]


def test_rewriting_the_flagged_words_is_a_new_finding(
    service: ReviewService, review_id: int
) -> None:
    service.set_field(review_id, "summary", BLAME)
    [(place, rule_id, snippet)] = _open(service, review_id)
    service.dismiss_flag(review_id, place, rule_id, snippet)
    service.set_field(review_id, "summary", "Kenji forgot to run the canary.")
    assert [p for p, _, _ in _open(service, review_id)] == ["summary"]


def test_findings_are_counted_per_agenda_phase(service: ReviewService, review_id: int) -> None:
    service.set_field(review_id, "summary", BLAME)
    lesson = service.add_lesson(review_id, "poorly", "Human error by the on-call engineer.")
    found = open_findings(Detector.default(), service.get_review(review_id))
    assert counts_by_phase(found) == {"summary": 1, "lessons": 1}
    assert found[1].place.place == f"lesson:{lesson}"


def test_a_dismissal_is_part_of_the_machine_form(service: ReviewService, review_id: int) -> None:
    from clearsight.review.service import RecordService

    service.set_field(review_id, "summary", BLAME)
    [(place, rule_id, snippet)] = _open(service, review_id)
    service.dismiss_flag(review_id, place, rule_id, snippet)
    records = RecordService(service.store)
    [flag] = records.export_review(review_id)["review"]["dismissed_flags"]
    assert (flag["field"], flag["rule_id"], flag["snippet"]) == (place, rule_id, snippet)
    copy = records.import_review(records.export_review(review_id), "copy.json")
    assert _open(service, copy) == []


def test_a_dismissal_needs_a_known_reason(service: ReviewService, review_id: int) -> None:
    with pytest.raises(UserError, match="Unknown reason"):
        service.dismiss_flag(review_id, "summary", "x", "words", "annoying")


def test_a_dismissal_follows_its_row_through_delete_and_undo(
    service: ReviewService, review_id: int
) -> None:
    from datetime import UTC, datetime

    factor = service.add_factor(review_id, "Insufficient testing.")
    at = datetime(2026, 3, 15, 14, 0, tzinfo=UTC)
    event = service.add_event(review_id, at, "The on-call engineer should have checked it.")
    tree = service.add_tree(review_id, "Why?")
    node = service.add_node(tree, None, "Kenji skipped the canary.")
    found = _open(service, review_id)
    assert {p.split(":")[0] for p, _, _ in found} == {"factor", "event", "why"}
    for place, rule_id, snippet in found:
        service.dismiss_flag(review_id, place, rule_id, snippet)
    assert _open(service, review_id) == []
    service.restore_factor(review_id, service.delete_factor(factor))
    service.restore_event(review_id, service.delete_event(event))
    service.restore_node(service.delete_node(node))
    service.restore_tree(review_id, service.delete_tree(tree))
    assert _open(service, review_id) == []  # still dismissed under their new ids


def test_the_demo_review_raises_no_blame_flag(service: ReviewService) -> None:
    # The demo is what a new user sees first: a blameless review, written as the guides ask.
    rid = add_demo(service)
    found = open_findings(Detector.default(), service.get_review(rid))
    assert [
        (f.place.place, f.finding.rule_id, f.snippet) for f in found if f.finding.family == "blame"
    ] == []
