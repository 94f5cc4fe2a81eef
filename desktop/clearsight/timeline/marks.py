"""Marks on timeline events and the durations they give, with out-of-order marks as problems.

A mark sits on at most one event. The durations follow the usual incident metrics:
time to detect (trigger to detected), to acknowledge (detected to acknowledged), to mitigate
(detected to mitigated), to resolve (detected to resolved), and the user-facing duration
(trigger to mitigated: when users stopped feeling it; resolved when nothing was mitigated).
A pair in the wrong order is reported as a problem to fix, never shown as a negative time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

MARK_LABELS = {
    "trigger": "Trigger / fault start",
    "detected": "Detected",
    "acknowledged": "Acknowledged",
    "escalated": "Escalated",
    "mitigated": "Mitigated",
    "resolved": "Resolved",
    "all_clear": "All clear",
}
# One colour per mark, dark enough for white text and distinct on a washed-out projector:
# red-orange for the fault, blues for noticing it, green for the fix. The window and the PDF
# export share it; it lives here because the export must not import Qt.
MARK_COLORS = {
    "trigger": "#b3261e",
    "detected": "#c25e00",
    "acknowledged": "#8a6d00",
    "escalated": "#7b1fa2",
    "mitigated": "#1565c0",
    "resolved": "#2e7d32",
    "all_clear": "#37474f",
}
# The order the marks must come in; escalated only has to follow detection.
ORDER = ("trigger", "detected", "acknowledged", "mitigated", "resolved", "all_clear")


@dataclass(frozen=True)
class Duration:
    key: str
    label: str
    start_mark: str
    end_mark: str
    value: timedelta | None  # None when a mark is missing or the two are out of order


@dataclass(frozen=True)
class MarkProblem:
    earlier: str  # the mark that should come first
    later: str
    message: str


DURATIONS = (
    ("detect", "Time to detect", "trigger", "detected"),
    ("acknowledge", "Time to acknowledge", "detected", "acknowledged"),
    ("mitigate", "Time to mitigate", "detected", "mitigated"),
    ("resolve", "Time to resolve", "detected", "resolved"),
    ("user_facing", "User-facing duration", "trigger", "mitigated"),
)


def marked(events: Iterable[tuple[datetime, str | None]]) -> dict[str, datetime]:
    """Mark -> time, from (time, mark) pairs; the first event carrying a mark wins."""
    found: dict[str, datetime] = {}
    for at, mark in events:
        if mark and mark not in found:
            found[mark] = at
    return found


def problems(times: Mapping[str, datetime]) -> list[MarkProblem]:
    """Every pair of marks in the wrong order (each pair once, nearest neighbours only)."""
    out: list[MarkProblem] = []
    present = [m for m in ORDER if m in times]
    for i, earlier in enumerate(present):
        for later in present[i + 1 :]:
            if times[later] < times[earlier]:
                out.append(_problem(earlier, later, times))
    if "escalated" in times and "detected" in times and times["escalated"] < times["detected"]:
        out.append(_problem("detected", "escalated", times))
    return out


def _problem(earlier: str, later: str, times: Mapping[str, datetime]) -> MarkProblem:
    return MarkProblem(
        earlier,
        later,
        f"{MARK_LABELS[later]} ({times[later]:%H:%M}) is before {MARK_LABELS[earlier]} "
        f"({times[earlier]:%H:%M}): move one of the two marks.",
    )


def durations(times: Mapping[str, datetime]) -> list[Duration]:
    out = []
    for key, label, start, end in DURATIONS:
        if key == "user_facing" and "mitigated" not in times:
            end = "resolved"
        value = None
        if start in times and end in times and times[end] >= times[start]:
            value = times[end] - times[start]
        out.append(Duration(key, label, start, end, value))
    return out


def impact_window(times: Mapping[str, datetime]) -> tuple[datetime, datetime] | None:
    """From the trigger to mitigation (or resolution): the span the strip shades."""
    end = times.get("mitigated") or times.get("resolved")
    start = times.get("trigger")
    if start is None or end is None or end < start:
        return None
    return start, end


def format_duration(value: timedelta | None) -> str:
    """'47 min', '2 h 05 min', '35 s'; an em dash for none."""
    if value is None:
        return "\u2014"
    seconds = int(value.total_seconds())
    if seconds < 60:
        return f"{seconds} s"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes:02d} min"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h"
