from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from clearsight.review import rules


@pytest.mark.parametrize("text", ["SEV-2", "sev2", "Sev 2", "2", " sev_2 "])
def test_severity_spellings(text: str) -> None:
    assert rules.parse_severity(text) == "SEV-2"


@pytest.mark.parametrize("text", ["SEV-5", "", "high", "sev-12"])
def test_unknown_severity(text: str) -> None:
    with pytest.raises(ValueError, match="unknown severity"):
        rules.parse_severity(text)


def test_instants_are_utc() -> None:
    assert rules.parse_instant("2026-03-15T14:23Z") == datetime(2026, 3, 15, 14, 23, tzinfo=UTC)
    assert rules.parse_instant("2026-03-15T16:23:00+02:00") == datetime(
        2026, 3, 15, 14, 23, tzinfo=UTC
    )
    assert rules.parse_instant("2026-03-15 14:23") == datetime(2026, 3, 15, 14, 23, tzinfo=UTC)
    assert rules.format_instant(datetime(2026, 3, 15, 14, 23, 5, 999, tzinfo=UTC)) == (
        "2026-03-15T14:23:05Z"
    )


@pytest.mark.parametrize("text", ["yesterday", "15/03/2026", "2026-13-01T00:00Z", ""])
def test_bad_instants(text: str) -> None:
    with pytest.raises(ValueError):
        rules.parse_instant(text)


def test_dates() -> None:
    assert rules.parse_date("2026-03-29") == date(2026, 3, 29)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        rules.parse_date("29.03.2026")


def test_titles_and_handles() -> None:
    assert rules.clean_title("  Checkout \n down ") == "Checkout down"
    with pytest.raises(ValueError):
        rules.clean_title(" ")
    assert rules.clean_handle("@priya") == "priya"
    assert rules.clean_handle("") is None
    with pytest.raises(ValueError, match="handle"):
        rules.clean_handle("priya raman")


def test_agenda_has_every_phase_in_meeting_order() -> None:
    assert [key for key, _ in rules.PHASES] == [
        "prior_actions",
        "ground_rules",
        "summary",
        "timeline",
        "whys",
        "factors",
        "actions",
        "lessons",
        "signoff",
    ]
