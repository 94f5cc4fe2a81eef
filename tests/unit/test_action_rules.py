"""Action item rules: a person as owner, due windows by severity, tickets."""

from __future__ import annotations

from datetime import date

import pytest

from clearsight.review.actions import (
    due_flags,
    due_window,
    is_incomplete,
    item_flags,
    owner_refusal,
    quarter_end,
    ticket_flag,
)

REVIEW_DAY = date(2026, 3, 18)


@pytest.mark.parametrize(
    "owner",
    [
        "@platform-team",
        "QA team",
        "ops",
        "SRE",
        "everyone",
        "the backend squad",
        "TBD",
        "the on-call",
        "Payments org",
        "devops",
        "nobody",
        "  ",
        "all of us",
        "Team Payments",
    ],
)
def test_team_like_owners_are_refused(owner: str) -> None:
    assert owner_refusal(owner) is not None


@pytest.mark.parametrize("owner", ["Kenji Watanabe", "@kenji", "Amara", "Teaman Okafor"])
def test_people_can_own(owner: str) -> None:
    assert owner_refusal(owner) is None


def test_due_windows_by_severity() -> None:
    assert due_window("SEV-1", REVIEW_DAY) == date(2026, 4, 1)
    assert due_window("SEV-2", REVIEW_DAY) == date(2026, 4, 15)
    assert due_window("SEV-3", REVIEW_DAY) == date(2026, 3, 31)
    assert due_window("SEV-4", REVIEW_DAY) == date(2026, 6, 16)
    assert due_window("SEV-2", REVIEW_DAY, {"SEV-2": 7}) == date(2026, 3, 25)
    assert [quarter_end(date(2026, m, 1)).month for m in (1, 4, 8, 12)] == [3, 6, 9, 12]


def test_due_flags() -> None:
    today = date(2026, 3, 20)
    assert due_flags(date(2026, 4, 10), "SEV-2", REVIEW_DAY, today, date(2026, 3, 15)) == []
    [late] = due_flags(date(2026, 6, 1), "SEV-2", REVIEW_DAY, today, None)
    assert late.message == "Due 2026-06-01 is beyond the SEV-2 window (by 2026-04-15)."
    [past] = due_flags(date(2026, 3, 19), "SEV-2", REVIEW_DAY, today, None)
    assert "in the past" in past.message
    [before] = due_flags(date(2026, 3, 1), "SEV-2", REVIEW_DAY, today, date(2026, 3, 15))
    assert "before the incident" in before.message
    [none] = due_flags(None, "SEV-2", REVIEW_DAY, today, None)
    assert none.blocking


def test_tickets() -> None:
    assert ticket_flag("PAY-1234") is None
    assert ticket_flag("#123") is None
    assert ticket_flag("https://tracker.example/PAY/1") is None
    assert ticket_flag("org/repo#12") is None
    missing, bad = ticket_flag(""), ticket_flag("soon")
    assert missing is not None and not missing.blocking
    assert bad is not None and "not an issue key" in bad.message


def test_an_item_without_owner_or_date_is_incomplete() -> None:
    args = ("SEV-2", REVIEW_DAY, date(2026, 3, 20), None)
    assert is_incomplete(item_flags("Add a canary gate", None, date(2026, 4, 1), "", *args))
    assert is_incomplete(item_flags("Add a canary gate", 3, None, "PAY-1", *args))
    flags = item_flags("Add a canary gate", 3, date(2026, 4, 1), "", *args)
    assert not is_incomplete(flags) and [f.field for f in flags] == ["ticket"]


def test_duplicate_items_are_found() -> None:
    from clearsight.review.actions import duplicates

    whats = ["Add a canary gate.", "Alert on pool waits", "add a  canary gate", ""]
    assert duplicates(whats) == [(0, 2)]
