"""Durations from marks, out-of-order marks as problems, and the strip's geometry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from clearsight.timeline.marks import durations, format_duration, impact_window, marked, problems
from clearsight.timeline.strip import layout

T0 = datetime(2026, 3, 15, 14, 2, tzinfo=UTC)


def minutes(n: int) -> datetime:
    return T0 + timedelta(minutes=n)


def by_key(times: dict[str, datetime]) -> dict[str, str]:
    return {d.key: format_duration(d.value) for d in durations(times)}


def test_durations_from_the_marks() -> None:
    times = marked(
        [
            (minutes(0), "trigger"),
            (minutes(9), "detected"),
            (minutes(12), "acknowledged"),
            (minutes(20), None),
            (minutes(51), "mitigated"),
            (minutes(79), "resolved"),
        ]
    )
    assert by_key(times) == {
        "detect": "9 min",
        "acknowledge": "3 min",
        "mitigate": "42 min",
        "resolve": "1 h 10 min",
        "user_facing": "51 min",
    }
    assert problems(times) == []
    assert impact_window(times) == (minutes(0), minutes(51))


def test_missing_marks_give_no_duration_and_user_facing_falls_back_to_resolved() -> None:
    times = {"trigger": minutes(0), "resolved": minutes(30)}
    assert by_key(times) == {
        "detect": "\u2014",
        "acknowledge": "\u2014",
        "mitigate": "\u2014",
        "resolve": "\u2014",
        "user_facing": "30 min",
    }


def test_out_of_order_marks_are_problems_never_negative_durations() -> None:
    times = {"trigger": minutes(10), "detected": minutes(20), "mitigated": minutes(5)}
    found = {(p.earlier, p.later) for p in problems(times)}
    assert found == {("trigger", "mitigated"), ("detected", "mitigated")}
    assert "Mitigated (14:07) is before Detected (14:22)" in problems(times)[-1].message
    values = {d.key: d.value for d in durations(times)}
    assert values["mitigate"] is None and values["user_facing"] is None
    assert values["detect"] == timedelta(minutes=10)
    assert impact_window(times) is None


def test_escalation_must_follow_detection() -> None:
    times = {"detected": minutes(10), "escalated": minutes(3)}
    assert [(p.earlier, p.later) for p in problems(times)] == [("detected", "escalated")]


def test_format_duration() -> None:
    assert format_duration(timedelta(seconds=35)) == "35 s"
    assert format_duration(timedelta(hours=2, minutes=5)) == "2 h 05 min"
    assert format_duration(timedelta(days=3, hours=4)) == "3 d 4 h"


def test_strip_layout_keeps_flags_apart_and_inside() -> None:
    events = [
        (minutes(0), "trigger"),
        (minutes(4), "detected"),
        (minutes(5), "acknowledged"),
        (minutes(47), "mitigated"),
        (minutes(79), "resolved"),
    ]
    strip = layout(events, 0, 1000, lambda s: len(s) * 9.0, UTC)
    assert len(strip.ticks) == 5 and all(0 <= x <= 1000 for x in strip.ticks)
    # Close marks climb to other levels; a flag near the right edge points left.
    assert [f.level for f in strip.flags][:3] == [0, 1, 2]
    assert strip.flags[-1].leftward
    assert strip.shade is not None and strip.shade[0] < strip.shade[1]
    labels = [label for _, label in strip.axis]
    assert labels[0] == "14:00" and all(label.endswith("0") for label in labels)
    assert layout([], 0, 100, len, UTC).ticks == []
