"""Phase readiness follows the data: empty, partly there, done."""

from __future__ import annotations

from datetime import UTC, datetime

from clearsight.review.readiness import DONE, PARTIAL, TODO, readiness
from clearsight.services.demo import add_demo
from clearsight.services.root import Services


def test_a_new_review_owes_everything(service: Services) -> None:
    review = service.reviews.create_review("New", "SEV-3")
    states = {k: r.state for k, r in readiness(service.reviews.get_review(review)).items()}
    assert states == {
        "prior_actions": DONE,
        "ground_rules": DONE,
        "summary": TODO,
        "timeline": TODO,
        "whys": TODO,
        "factors": TODO,
        "actions": TODO,
        "lessons": TODO,
        "signoff": TODO,
    }


def test_readiness_moves_with_the_data(service: Services) -> None:
    review = service.reviews.create_review("Moving", "SEV-3")
    at = datetime(2026, 3, 15, 14, 0, tzinfo=UTC)
    event = service.timeline.add_event(review, at, "alert fires")
    service.timeline.set_event_mark(event, "detected")
    assert readiness(service.reviews.get_review(review))["timeline"].state == PARTIAL
    assert "mitigated" in readiness(service.reviews.get_review(review))["timeline"].reason
    later = service.timeline.add_event(review, at.replace(minute=30), "rollback done")
    service.timeline.set_event_mark(later, "mitigated")
    assert readiness(service.reviews.get_review(review))["timeline"].state == DONE
    tree = service.whys.add_tree(review, "Why did checkout fail?")
    node = service.whys.add_node(tree, None, "The pool was too small for the peak")
    assert readiness(service.reviews.get_review(review))["whys"].state == PARTIAL
    service.whys.set_node_changeable(node, True)
    assert readiness(service.reviews.get_review(review))["whys"].state == DONE
    kenji = service.people.add_person("Kenji Watanabe", "kenji")
    item = service.actions.add_action(review, "Alert on pool waits")
    assert readiness(service.reviews.get_review(review))["actions"].state == PARTIAL
    service.actions.set_action(item, owner_id=kenji, due="2026-04-01")
    assert readiness(service.reviews.get_review(review))["actions"].state == DONE
    assert (
        readiness(service.reviews.get_review(review), overdue_prior=2)["prior_actions"].state
        == PARTIAL
    )


def test_the_demo_is_nearly_ready(service: Services) -> None:
    states = readiness(service.reviews.get_review(add_demo(service)))
    assert states["timeline"].state == DONE and states["factors"].state == DONE
    assert states["actions"].state == DONE and states["lessons"].state == DONE
    assert states["signoff"].state == TODO
