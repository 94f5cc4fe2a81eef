"""Geometry of the drawn timeline strip, Qt-free so the window and the PDF export share it.

Given the events, a width and a way to measure label widths, it places a tick per event, a
flag per mark (raised to another level when labels would overlap), the shaded impact window
and time labels on a round step.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo

from clearsight.timeline.marks import MARK_LABELS, impact_window, marked

STEPS_MIN = (1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080)
FLAG_GAP = 8.0  # points between two flags on one level


@dataclass(frozen=True)
class Flag:
    x: float
    level: int  # 0 is nearest the axis
    mark: str
    label: str
    leftward: bool = False  # the label runs left of its pole (near the right edge)


@dataclass(frozen=True)
class StripLayout:
    ticks: list[float] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    shade: tuple[float, float] | None = None
    axis: list[tuple[float, str]] = field(default_factory=list)
    levels: int = 0


def layout(
    events: Sequence[tuple[datetime, str | None]],
    left: float,
    right: float,
    measure: Callable[[str], float],
    where: tzinfo,
    min_label_gap: float = 110.0,
) -> StripLayout:
    """Places everything between x = ``left`` and ``right`` (any unit: pixels or points)."""
    if not events or right <= left:
        return StripLayout()
    start, end = min(at for at, _ in events), max(at for at, _ in events)
    span = max(end - start, timedelta(minutes=10))
    pad = span * 0.04
    t0, t1 = start - pad, start + span + pad

    def x_of(at: datetime) -> float:
        return left + (right - left) * ((at - t0) / (t1 - t0))

    times = marked(events)
    window = impact_window(times)
    flags = _flags(
        [(x_of(at), mark) for mark, at in sorted(times.items(), key=lambda kv: kv[1])],
        measure,
        right,
    )
    return StripLayout(
        ticks=[x_of(at) for at, _ in events],
        flags=flags,
        shade=(x_of(window[0]), x_of(window[1])) if window else None,
        axis=[(x_of(at), label) for at, label in _axis(t0, t1, right - left, where, min_label_gap)],
        levels=1 + max((f.level for f in flags), default=-1),
    )


def _flags(
    placed: list[tuple[float, str]], measure: Callable[[str], float], right: float
) -> list[Flag]:
    """Greedy levels, left to right: a flag rises until nothing to its left is in its way."""
    ends: list[float] = []
    out = []
    for x, mark in placed:
        label = MARK_LABELS[mark].split(" /")[0]
        width = measure(label) + FLAG_GAP
        leftward = x + width > right
        begin = x - width if leftward else x
        # Above every level whose last label reaches this flag, so no two labels overlap; its
        # pole still passes those labels, so drawings paint poles first and labels over them.
        blocked = [i for i, e in enumerate(ends) if e > begin]
        level = max(blocked) + 1 if blocked else 0
        if level == len(ends):
            ends.append(0.0)
        ends[level] = x if leftward else x + width
        out.append(Flag(x, level, mark, label, leftward))
    return out


def _axis(
    t0: datetime, t1: datetime, width: float, where: tzinfo, min_gap: float
) -> list[tuple[datetime, str]]:
    minutes = (t1 - t0).total_seconds() / 60
    most = max(1, int(width // min_gap))
    step = next((s for s in STEPS_MIN if minutes / s <= most), STEPS_MIN[-1])
    local0 = t0.astimezone(where)
    # Round up to the step in local wall time, so labels read 14:00, 14:15, not 14:07.
    midnight = local0.replace(hour=0, minute=0, second=0, microsecond=0)
    passed = (local0 - midnight).total_seconds() / 60
    first = midnight + timedelta(minutes=-(-passed // step) * step)
    out = []
    at = first
    while at <= t1:
        fmt = "%H:%M" if step < 1440 else "%d %b"
        out.append((at, at.astimezone(where).strftime(fmt)))
        at += timedelta(minutes=step)
    return out
