"""The timeline's entry line: "09:14 deploy v2.31.4 to canary" and its other forms.

Accepted, each followed by what happened:
  09:14  09:14:05            a wall-clock time in the display zone, on the day nearest the
                             previous event (so a log that runs past midnight stays in order),
                             else on the incident's day
  09:14Z                     the same in UTC, whatever the display zone
  2026-03-15 14:23Z          a date and time (T or space; Z or an offset, else the zone)
  +5m  +90s  +1h30m          after the previous event
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

from clearsight.timeline.zones import to_utc

_CLOCK = r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?"
_UTC = r"(?P<z>[zZ]|[+-]\d{2}:?\d{2})?"
_REST = r"(?:\s*[-–—:|]\s*|\s+)(?P<text>.*)$"
_ABSOLUTE = re.compile(rf"^\s*(?P<d>\d{{4}}-\d{{2}}-\d{{2}})[T\s]+{_CLOCK}{_UTC}{_REST}", re.S)
_WALL = re.compile(rf"^\s*\[?{_CLOCK}{_UTC}\]?{_REST}", re.S)
_RELATIVE = re.compile(
    r"^\s*\+\s*(?:(?P<h>\d+)\s*h)?\s*(?:(?P<m>\d+)\s*m(?:in)?)?\s*(?:(?P<s>\d+)\s*s)?" + _REST,
    re.S,
)
HELP = "Start with a time: 09:14, 09:14:05, 2026-03-15 14:23Z or +5m, then what happened."


@dataclass(frozen=True)
class Entry:
    at: datetime  # UTC
    text: str
    note: str = ""  # e.g. a DST overlap resolved to the first occurrence


def parse_entry(
    line: str, where: tzinfo, previous: datetime | None, incident_day: date | None
) -> Entry:
    """The event a typed line describes; ValueError with a message fit to show otherwise."""
    if not line.strip():
        raise ValueError(HELP)
    if m := _RELATIVE.match(line):
        if not any(m.group(k) for k in "hms"):
            raise ValueError("After + give a duration: +5m, +90s or +1h30m.")
        if previous is None:
            raise ValueError("+5m counts from the previous event, and there is none yet.")
        step = timedelta(
            hours=int(m.group("h") or 0),
            minutes=int(m.group("m") or 0),
            seconds=int(m.group("s") or 0),
        )
        return Entry(previous + step, _text(m.group("text")))
    if m := _ABSOLUTE.match(line):
        try:
            day = date.fromisoformat(m.group("d"))
        except ValueError:
            raise ValueError(f"{m.group('d')} is not a date (YYYY-MM-DD).") from None
        at, note = instant_at(day, _clock(m), m.group("z"), where)
        return Entry(at, _text(m.group("text")), note)
    if m := _WALL.match(line):
        clock, offset = _clock(m), m.group("z")
        if previous is not None:
            at, note = nearest(clock, offset, where, previous)
        else:
            day = incident_day or datetime.now(UTC).astimezone(where).date()
            at, note = instant_at(day, clock, offset, where)
        return Entry(at, _text(m.group("text")), note)
    raise ValueError(HELP)


def _text(raw: str) -> str:
    text = " ".join(raw.split())
    if not text:
        raise ValueError("Say what happened after the time.")
    return text


def _clock(m: re.Match[str]) -> time:
    h, mi, s = int(m.group("h")), int(m.group("m")), int(m.group("s") or 0)
    if h > 23 or mi > 59 or s > 59:
        raise ValueError(f"{m.group(0).split()[0]} is not a time of day (00:00 to 23:59:59).")
    return time(h, mi, s)


def instant_at(day: date, clock: time, offset: str | None, where: tzinfo) -> tuple[datetime, str]:
    if offset:
        return datetime.combine(day, clock, tzinfo=_offset_zone(offset)).astimezone(UTC), ""
    return to_utc(day, clock, where)


def _offset_zone(offset: str) -> tzinfo:
    if offset in ("z", "Z"):
        return UTC
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def nearest(
    clock: time, offset: str | None, where: tzinfo, previous: datetime
) -> tuple[datetime, str]:
    """The clock time on the day before, of or after the previous event: whichever is nearest."""
    zone_of_day = _offset_zone(offset) if offset else where
    day = previous.astimezone(zone_of_day).date()
    best: tuple[timedelta, datetime, str] | None = None
    problem: ValueError | None = None
    for shift in (0, -1, 1):
        try:
            at, note = instant_at(day + timedelta(days=shift), clock, offset, where)
        except ValueError as err:  # that day's local time fell in a DST gap
            problem = problem or err
            continue
        distance = abs(at - previous)
        if best is None or distance < best[0]:
            best = (distance, at, note)
    if best is None:
        raise problem or ValueError(HELP)
    if abs(best[1] - previous) > timedelta(hours=12) and problem is not None:
        raise problem  # the nearest real day is far: the gap on the expected day is the issue
    return best[1], best[2]
