"""The vocabulary of a review and the checks on single values. Pure functions, no I/O."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

SEVERITIES = ("SEV-1", "SEV-2", "SEV-3", "SEV-4")
STATUSES = ("draft", "in_review", "final")
STATUS_LABELS = {"draft": "Draft", "in_review": "In review", "final": "Final"}
ROLES = ("facilitator", "notetaker", "attendee", "approver")
LESSON_KINDS = ("well", "poorly", "lucky")
LESSON_LABELS = {"well": "Went well", "poorly": "Went poorly", "lucky": "Where we got lucky"}
MARKS = (
    "trigger",
    "detected",
    "acknowledged",
    "escalated",
    "mitigated",
    "resolved",
    "all_clear",
)
ACTION_CATEGORIES = ("prevention", "detection", "mitigation", "process")
ACTION_STATUSES = ("open", "in_progress", "done", "dropped")

# The meeting's agenda, in order: (key, label shown in the sidebar).
PHASES = (
    ("prior_actions", "Prior actions"),
    ("ground_rules", "Ground rules"),
    ("summary", "Summary & impact"),
    ("timeline", "Timeline"),
    ("whys", "5 Whys"),
    ("factors", "Contributing factors"),
    ("actions", "Action items"),
    ("lessons", "Lessons"),
    ("signoff", "Sign-off"),
)

# "SEV-2", "sev2", "Sev 2", "sev_2" or "2": one separator at most, and only after "sev", so
# "-1" and "SEV--1" are not severities.
_SEVERITY_RE = re.compile(r"^\s*(?:sev\s*[_-]?\s*)?([1-4])\s*$", re.IGNORECASE)
# The instants Clearsight keeps. A postmortem's times are after 1900; the last year leaves a
# margin so that showing an instant in any zone, or a day's arithmetic on it, stays inside
# what datetime holds (year 9999).
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(9999, 1, 1, tzinfo=UTC)  # not included


def parse_severity(text: str) -> str:
    """'SEV-2', 'sev2', 'Sev 2' or '2' -> 'SEV-2'; anything else is a ValueError."""
    m = _SEVERITY_RE.match(text) if text and len(text) <= 20 else None
    if not m:
        raise ValueError(f"unknown severity {_shown(text)}: use one of {', '.join(SEVERITIES)}")
    return f"SEV-{m.group(1)}"


def parse_status(text: str) -> str:
    key = (text or "").strip().lower().replace(" ", "_").replace("-", "_")
    if key not in STATUSES:
        raise ValueError(f"unknown status {_shown(text)}: use one of {', '.join(STATUSES)}")
    return key


def parse_choice(text: str, choices: tuple[str, ...], what: str) -> str:
    key = (text or "").strip().lower().replace(" ", "_").replace("-", "_")
    if key not in choices:
        raise ValueError(f"unknown {what} {_shown(text)}: use one of {', '.join(choices)}")
    return key


def parse_instant(text: str) -> datetime:
    """An ISO 8601 instant; 'Z' or an offset is honoured, a bare time is taken as UTC.

    ValueError when it is not one, or lies outside the years Clearsight keeps."""
    raw = (text or "").strip()
    if not raw:
        raise ValueError("empty time")
    try:
        value = datetime.fromisoformat(raw.replace("z", "Z"))
    except ValueError:
        raise ValueError(
            f"not an ISO 8601 time: {_shown(text)} (e.g. 2026-03-15T14:23:00Z)"
        ) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    try:
        return check_instant(value.astimezone(UTC))
    except (OverflowError, ValueError):  # 9999-12-31T23:00-05:00 is in the year 10000
        raise ValueError(f"{_shown(text)} is {_OUTSIDE}") from None


def check_instant(value: datetime) -> datetime:
    """``value`` when it lies from EARLIEST up to (not including) LATEST; ValueError if not."""
    if not EARLIEST <= value < LATEST:
        raise ValueError(f"{value.isoformat().replace('+00:00', 'Z')} is {_OUTSIDE}")
    return value


_OUTSIDE = f"outside the years {EARLIEST.year} to {LATEST.year - 1} that Clearsight keeps"


def _shown(text: str | None) -> str:
    """A value as a message shows it: escaped, and short."""
    text = text or ""
    return repr(text) if len(text) <= 60 else repr(text[:57]) + "..."


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError:
        raise ValueError(f"not a date: {_shown(text)} (use YYYY-MM-DD)") from None


def format_instant(value: datetime | None) -> str | None:
    """UTC, second precision, with a Z: the one way instants are written out."""
    if value is None:
        return None
    return value.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def clean_title(text: str) -> str:
    title = " ".join((text or "").split())
    if not title:
        raise ValueError("a review needs a title")
    if len(title) > 300:
        raise ValueError(f"title is {len(title)} characters; keep it under 300")
    return title


def clean_handle(text: str | None) -> str | None:
    handle = (text or "").strip().lstrip("@")
    if not handle:
        return None
    if not re.fullmatch(r"[\w.\-]{1,100}", handle):
        raise ValueError(f"handle {_shown(text)} may hold only letters, digits, '.', '_' and '-'")
    return handle


def clean_name(text: str) -> str:
    name = " ".join((text or "").split())
    if not name:
        raise ValueError("a person needs a name")
    return name


def instant_text(value: datetime | None) -> str:
    """How an instant is shown and typed: '2026-03-15 14:23' (UTC; seconds only if any)."""
    if value is None:
        return ""
    value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")
