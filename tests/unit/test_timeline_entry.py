"""The timeline entry line: forms, zones, midnight and daylight saving."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from clearsight.timeline.entry import parse_entry
from clearsight.timeline.zones import to_utc, zone, zone_label

BERLIN = zone("Europe/Berlin")
DAY = date(2026, 3, 15)


def at(h: int, m: int, s: int = 0, day: int = 15, month: int = 3) -> datetime:
    return datetime(2026, month, day, h, m, s, tzinfo=UTC)


@pytest.mark.parametrize(
    ("line", "expected", "text"),
    [
        ("09:14 deploy v2.31.4 to canary", at(9, 14), "deploy v2.31.4 to canary"),
        ("09:14:05 alert fired", at(9, 14, 5), "alert fired"),
        ("[09:14] - alert fired", at(9, 14), "alert fired"),
        ("2026-03-15 14:23Z page sent", at(14, 23), "page sent"),
        ("2026-03-15T14:23:00+01:00 page sent", at(13, 23), "page sent"),
        ("9:05   two   spaces  ", at(9, 5), "two spaces"),
    ],
)
def test_forms_in_utc(line: str, expected: datetime, text: str) -> None:
    entry = parse_entry(line, UTC, None, DAY)
    assert (entry.at, entry.text) == (expected, text)


def test_relative_to_the_previous_event() -> None:
    assert parse_entry("+5m rollback", UTC, at(14, 0), DAY).at == at(14, 5)
    assert parse_entry("+1h30m all clear", UTC, at(14, 0), DAY).at == at(15, 30)
    assert parse_entry("+90s retry", UTC, at(14, 0), DAY).at == at(14, 1, 30)
    with pytest.raises(ValueError, match="previous event"):
        parse_entry("+5m first", UTC, None, DAY)


def test_a_wall_time_in_the_display_zone_is_stored_in_utc() -> None:
    assert parse_entry("09:14 x", BERLIN, None, DAY).at == at(8, 14)
    assert parse_entry("09:14Z x", BERLIN, None, DAY).at == at(9, 14)


def test_times_without_dates_cross_midnight() -> None:
    assert parse_entry("00:05 after midnight", UTC, at(23, 50), DAY).at == at(0, 5, day=16)
    # An earlier entry typed late stays on its day; one just before midnight goes back a day.
    assert parse_entry("23:40 before", UTC, at(23, 50), DAY).at == at(23, 40)
    assert parse_entry("23:55 before", UTC, at(0, 10, day=16), DAY).at == at(23, 55)


def test_daylight_saving_gap_and_overlap() -> None:
    with pytest.raises(ValueError, match="does not exist"):
        parse_entry("02:30 in the gap", BERLIN, None, date(2026, 3, 29))
    entry = parse_entry("02:30 twice", BERLIN, None, date(2026, 10, 25))
    assert entry.at == at(0, 30, day=25, month=10)  # the first 02:30 (CEST, UTC+2)
    assert "happened twice" in entry.note
    assert to_utc(date(2026, 10, 25), datetime(2026, 1, 1, 12).time(), BERLIN)[1] == ""


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("", "Start with a time"),
        ("deploy at some point", "Start with a time"),
        ("25:00 late", "not a time of day"),
        ("09:14", "Start with a time"),
        ("09:14   ", "Say what happened"),
        ("+ rollback", "give a duration"),
        ("2026-02-30 10:00Z x", "not a date"),
    ],
)
def test_bad_lines_say_what_is_wrong(line: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_entry(line, UTC, at(9, 0), DAY)


def test_zones() -> None:
    assert zone("") is UTC and zone("utc") is UTC
    with pytest.raises(ValueError, match="unknown time zone 'Mars/Olympus'"):
        zone("Mars/Olympus")
    assert zone_label(at(12, 0), BERLIN) == "Europe/Berlin (UTC+01:00)"
    assert zone_label(at(12, 0, month=7), BERLIN) == "Europe/Berlin (UTC+02:00)"
