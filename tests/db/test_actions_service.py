"""Action items in the store: owners, history of re-dates and status moves, prior reviews."""

from __future__ import annotations

from datetime import date

import pytest

from clearsight.errors import UserError
from clearsight.services.root import Services

TODAY = date(2026, 4, 20)


@pytest.fixture
def review_id(service: Services) -> int:
    return service.reviews.create_review("Pool exhaustion", "SEV-2")


@pytest.fixture
def kenji(service: Services) -> int:
    return service.people.add_person("Kenji Watanabe", "kenji")


def test_owner_must_be_a_person_not_a_team(service: Services, review_id: int, kenji: int) -> None:
    team = service.people.add_person("Platform team", "platform-team")
    with pytest.raises(UserError, match="is a group"):
        service.actions.add_action(review_id, "Add a canary gate", owner_id=team)
    item = service.actions.add_action(
        review_id, "Add a canary gate", owner_id=kenji, due="2026-04-10"
    )
    [data] = service.reviews.get_review(review_id).actions
    assert (data.id, data.owner and data.owner.name, data.due) == (
        item,
        "Kenji Watanabe",
        date(2026, 4, 10),
    )
    with pytest.raises(UserError, match="not a date"):
        service.actions.set_action(item, due="next week")


def test_redating_and_status_keep_history(service: Services, review_id: int, kenji: int) -> None:
    item = service.actions.add_action(
        review_id, "Load-test pool changes", owner_id=kenji, due="2026-04-10"
    )
    old = service.actions.set_action(item, reason="Needs the new load rig", due="2026-05-01")
    assert old == {"due": date(2026, 4, 10)}
    with pytest.raises(UserError, match="Done needs evidence"):
        service.actions.set_action(item, status="done")
    with pytest.raises(UserError, match="needs a reason"):
        service.actions.set_action(item, status="dropped")
    service.actions.set_action(item, status="done", evidence="PAY-881 merged")
    [entry] = [x for x in service.actions.all_actions() if x.action.id == item]
    assert [(h.field, h.old, h.new, h.reason) for h in entry.history] == [
        ("due", "2026-04-10", "2026-05-01", "Needs the new load rig"),
        ("status", "open", "done", ""),
    ]


def test_prior_open_actions_overdue_first(service: Services, review_id: int, kenji: int) -> None:
    other = service.reviews.create_review("Earlier incident", "SEV-3")
    later = service.actions.add_action(other, "Later one", owner_id=kenji, due="2026-05-30")
    overdue = service.actions.add_action(other, "Overdue one", owner_id=kenji, due="2026-04-01")
    done = service.actions.add_action(other, "Done one", owner_id=kenji, due="2026-03-01")
    service.actions.set_action(done, status="done", evidence="shipped")
    service.actions.add_action(review_id, "This review's own", owner_id=kenji, due="2026-04-01")
    prior = service.actions.prior_open_actions(review_id, TODAY)
    assert [x.action.id for x in prior] == [overdue, later]
    assert prior[0].overdue(TODAY) and prior[0].review_title == "Earlier incident"
    # The agenda's count agrees with the list, in one query.
    assert service.actions.count_overdue(review_id, TODAY) == 1
    assert service.actions.count_overdue(other, TODAY) == 1  # this review's own, seen from there


def test_delete_restore_and_factor_links(service: Services, review_id: int, kenji: int) -> None:
    factor = service.factors.add_factor(review_id, "No canary gate for config")
    item = service.actions.add_action(review_id, "Gate config", owner_id=kenji, due="2026-04-10")
    service.actions.link_action_factor(item, factor)
    assert service.reviews.get_review(review_id).factors[0].action_ids == (item,)
    data = service.actions.delete_action(item)
    assert service.reviews.get_review(review_id).factors[0].is_open
    again = service.actions.restore_action(data)
    assert service.reviews.get_review(review_id).factors[0].action_ids == (again,)


def test_a_person_who_owns_items_cannot_be_deleted(
    service: Services, review_id: int, kenji: int
) -> None:
    service.actions.add_action(review_id, "Gate config", owner_id=kenji, due="2026-04-10")
    with pytest.raises(UserError, match="owns 1 action item"):
        service.people.delete_person(kenji)
    loner = service.people.add_person("Nobody Special")
    service.people.delete_person(loner)
    assert [p.name for p in service.people.list_people()] == ["Kenji Watanabe"]


def test_people_usage_counts_owned_items_and_reviews(
    service: Services, review_id: int, kenji: int
) -> None:
    other = service.reviews.create_review("Earlier incident", "SEV-3")
    service.actions.add_action(review_id, "Gate config", owner_id=kenji, due="2026-04-10")
    service.actions.add_action(other, "Alert on pool waits", owner_id=kenji, due="2026-04-11")
    service.reviews.add_participant(review_id, kenji, "attendee")
    service.reviews.add_participant(review_id, kenji, "notetaker")  # two roles, one review
    service.reviews.add_participant(other, kenji, "approver")
    lena = service.people.add_person("Lena Fischer", "lfischer")
    service.reviews.add_participant(other, lena, "facilitator")
    service.people.add_person("Nobody Special")
    assert service.people.people_usage() == {kenji: (2, 2), lena: (0, 1)}


def test_import_refuses_team_owners_and_missing_dates(service: Services) -> None:
    from clearsight.errors import InputError

    records = service.records
    data = {
        "schema": "clearsight.review",
        "version": 1,
        "review": {
            "title": "Imported",
            "severity": "SEV-2",
            "people": [{"name": "QA team", "handle": "qa"}, {"name": "Kenji", "handle": "kenji"}],
            "actions": [
                {"what": "Write tests", "owner": "qa", "due": "2026-04-01"},
                {"what": "Gate config", "owner": "kenji"},
            ],
        },
    }
    with pytest.raises(InputError) as err:
        records.import_review(data, "x.json")
    text = str(err.value)
    assert "review.actions[0].owner ('Write tests')" in text
    assert "review.actions[1].due: missing" in text
    assert service.reviews.count_reviews() == 0


def test_an_item_and_its_factor_links_are_added_together(
    service: Services, review_id: int, kenji: int
) -> None:
    factor = service.factors.add_factor(review_id, "No canary gate for config")
    with pytest.raises(UserError, match="no factor 999"):
        service.actions.add_action(
            review_id, "Gate config", factor_ids=(factor, 999), owner_id=kenji
        )
    assert service.reviews.get_review(review_id).actions == []  # nothing half-added
    item = service.actions.add_action(
        review_id, "Gate config", factor_ids=(factor,), owner_id=kenji
    )
    assert service.reviews.get_review(review_id).factors[0].action_ids == (item,)
