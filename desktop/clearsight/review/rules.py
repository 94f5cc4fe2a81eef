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

_SEVERITY_RE = re.compile(r"^\s*(?:sev)?[\s_-]*([1-4])\s*$", re.IGNORECASE)


def parse_severity(text: str) -> str:
    """'SEV-2', 'sev2', 'Sev 2' or '2' -> 'SEV-2'; anything else is a ValueError."""
    m = _SEVERITY_RE.match(text or "")
    if not m:
        raise ValueError(f"unknown severity {text!r}: use one of {', '.join(SEVERITIES)}")
    return f"SEV-{m.group(1)}"


def parse_status(text: str) -> str:
    key = (text or "").strip().lower().replace(" ", "_").replace("-", "_")
    if key not in STATUSES:
        raise ValueError(f"unknown status {text!r}: use one of {', '.join(STATUSES)}")
    return key


def parse_choice(text: str, choices: tuple[str, ...], what: str) -> str:
    key = (text or "").strip().lower().replace(" ", "_").replace("-", "_")
    if key not in choices:
        raise ValueError(f"unknown {what} {text!r}: use one of {', '.join(choices)}")
    return key


def parse_instant(text: str) -> datetime:
    """An ISO 8601 instant; 'Z' or an offset is honoured, a bare time is taken as UTC."""
    raw = (text or "").strip()
    if not raw:
        raise ValueError("empty time")
    try:
        value = datetime.fromisoformat(raw.replace("z", "Z"))
    except ValueError:
        raise ValueError(f"not an ISO 8601 time: {text!r} (e.g. 2026-03-15T14:23:00Z)") from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError:
        raise ValueError(f"not a date: {text!r} (use YYYY-MM-DD)") from None


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
        raise ValueError(f"handle {text!r} may hold only letters, digits, '.', '_' and '-'")
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
