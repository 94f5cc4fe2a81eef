"""Wall-clock times in the review's display zone, turned into UTC instants, DST-aware.

A local time that the clocks skip (spring forward) does not exist and is refused; one they
pass twice (fall back) is ambiguous: the first is taken and the caller is told, and an
explicit offset or "Z" picks either.
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, time, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

_LONGEST_NAME = 64  # review.display_zone; the longest IANA name has 32 characters


def zone(name: str) -> tzinfo:
    """The zone called ``name`` ("UTC", "Europe/Berlin"); ValueError names a bad one.

    Only a name the zone database lists is a zone: ZoneInfo alone opens any file under the
    zone folders ("posix/Europe/Berlin"), and an import that stored "+05:00" or
    "../../etc/passwd" unchecked made every later command on the review fail."""
    key = (name or "").strip() or "UTC"
    if key.upper() in ("UTC", "Z", "GMT"):
        return UTC
    if len(key) > _LONGEST_NAME or key not in _known():
        raise ValueError(f"unknown time zone {_shown(name)} (use an IANA name like Europe/Berlin)")
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValueError(
            f"unknown time zone {_shown(name)} (use an IANA name like Europe/Berlin)"
        ) from None


@functools.cache
def _known() -> frozenset[str]:
    """The zone database's names (read from disk once: some 20 ms)."""
    return frozenset(available_timezones())


def _shown(name: str) -> str:
    return repr(name) if len(name or "") <= 70 else repr(name[:67]) + "..."


def zone_names() -> list[str]:
    """Every zone name a user can pick, UTC first."""
    return ["UTC", *sorted(z for z in _known() if "/" in z and z != "UTC")]


def to_utc(day: date, clock: time, where: tzinfo) -> tuple[datetime, str]:
    """``day`` at ``clock`` in ``where`` as a UTC instant, and a note ("" when plain).

    Raises ValueError when the clocks skip that local time.
    """
    first = datetime.combine(day, clock, tzinfo=where)
    second = first.replace(fold=1)
    if first.utcoffset() == second.utcoffset():
        return first.astimezone(UTC), ""
    # fold=0 and fold=1 differ: a gap (the time never happened) or an overlap (it happened
    # twice). In a gap, converting there and back does not give the same wall time.
    back = first.astimezone(UTC).astimezone(where)
    if back.replace(tzinfo=None) != first.replace(tzinfo=None):
        raise ValueError(
            f"{clock:%H:%M} does not exist on {day} in {where} (the clocks jumped forward); "
            "give the time in UTC with a Z"
        )
    return first.astimezone(UTC), (
        f"{clock:%H:%M} happened twice on {day} in {where} (the clocks went back); "
        "took the first, add a Z time to pick the other"
    )


def local(instant: datetime, where: tzinfo) -> datetime:
    return instant.astimezone(where)


def zone_label(instant: datetime | None, where: tzinfo) -> str:
    """What the table header shows: 'UTC', or 'Europe/Berlin (UTC+01:00)' at that instant."""
    if where is UTC:
        return "UTC"
    at = instant or datetime.now(UTC)
    offset = at.astimezone(where).strftime("%z")
    return f"{where} (UTC{offset[:3]}:{offset[3:]})"
