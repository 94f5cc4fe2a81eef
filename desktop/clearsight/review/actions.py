"""The rules that make an action item a commitment: one person, a due date, a ticket.

Pure functions over plain values: the service, the import, the CLI and the table share them.
Team-like owners are refused with data from resources/lexicons/en.toml ([owners], and the
role words of [words] ROLE), so the owner check and the blame checks agree on what a team is.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from clearsight.resources_access import resource_text

if TYPE_CHECKING:
    from clearsight.review.data import ReviewDetail

# Days from the review to the due date, by severity; SEV-3 runs to the end of its quarter.
Windows = dict[str, int | str]
DEFAULT_WINDOWS: Windows = {"SEV-1": 14, "SEV-2": 28, "SEV-3": "quarter", "SEV-4": 90}
TOO_MANY = 5  # more than this and the list needs prioritising
_TICKET = re.compile(r"^(?:[A-Z][A-Z0-9]{1,9}-\d+|#\d+|[A-Za-z][\w.-]*/[\w.-]+#\d+|https?://\S+)$")


@dataclass(frozen=True)
class Flag:
    """Something to fix on an item: ``blocking`` ones stop the sign-off."""

    field: str
    message: str
    blocking: bool = False


@functools.cache
def _owner_words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    data = tomllib.loads(resource_text("lexicons", "en.toml"))
    owners = data["owners"]
    roles = set()
    for word in data["words"]["ROLE"]:
        stem, _, plural = word.partition("(")
        roles.add(stem.replace("-", " "))
        if plural:
            roles.add(stem.replace("-", " ") + plural.rstrip(")"))
    return (
        frozenset(owners["nobody"]),
        frozenset(owners["everyone"]),
        frozenset(owners["group_words"]),
        frozenset(roles),
    )


def owner_refusal(name: str) -> str | None:
    """Why ``name`` cannot own an action item, or None when it can be a person."""
    nobody, everyone, groups, roles = _owner_words()
    key = " ".join(name.lower().replace("_", " ").split())
    bare = key.lstrip("@").strip()
    words = re.split(r"[\s-]+", re.sub(r"^(?:the|our|a)\s+", "", bare))
    if not bare or bare in nobody:
        return "An action item needs a named owner, not a placeholder: who will do it?"
    if bare in everyone:
        return f"\u201c{name.strip()}\u201d is everyone, which means no one: name one person."
    if words[-1] in groups or words[0] in ("team", "squad"):
        return f"\u201c{name.strip()}\u201d is a group: name the one person who owns the item."
    if bare.replace("-", " ") in roles or " ".join(words) in roles:
        return f"\u201c{name.strip()}\u201d is a role: name the one person who owns the item."
    return None


def quarter_end(day: date) -> date:
    last_month = (day.month - 1) // 3 * 3 + 3
    next_first = date(day.year + (last_month == 12), last_month % 12 + 1, 1)
    return next_first - timedelta(days=1)


def due_window(severity: str, start: date, windows: Windows | None = None) -> date:
    """The latest fitting due date for an item of a review of ``severity`` held on ``start``."""
    window = (windows or DEFAULT_WINDOWS).get(severity, DEFAULT_WINDOWS["SEV-4"])
    if window == "quarter":
        return quarter_end(start)
    return start + timedelta(days=int(window))


def due_flags(
    due: date | None,
    severity: str,
    start: date,
    today: date,
    incident_day: date | None,
    windows: Windows | None = None,
) -> list[Flag]:
    if due is None:
        return [Flag("due", "No due date: an item without a date is a wish.", blocking=True)]
    flags = []
    if incident_day is not None and due < incident_day:
        flags.append(Flag("due", f"Due {due} is before the incident ({incident_day})."))
    elif due < today:
        flags.append(Flag("due", f"Due {due} is in the past."))
    latest = due_window(severity, start, windows)
    if due > latest:
        flags.append(Flag("due", f"Due {due} is beyond the {severity} window (by {latest})."))
    return flags


def ticket_flag(ticket: str) -> Flag | None:
    text = ticket.strip()
    if not text:
        return Flag("ticket", "No ticket yet: link the tracker item so it is not forgotten.")
    if not _TICKET.match(text):
        return Flag("ticket", f"\u201c{text}\u201d is not an issue key (ABC-123), #123 or a URL.")
    return None


def item_flags(
    what: str,
    owner_id: int | None,
    due: date | None,
    ticket: str,
    severity: str,
    start: date,
    today: date,
    incident_day: date | None,
    windows: Windows | None = None,
) -> list[Flag]:
    """Everything to fix on one item; the blocking ones keep the review from sign-off."""
    flags = []
    if not what.strip():
        flags.append(Flag("what", "Say what will be done.", blocking=True))
    if owner_id is None:
        flags.append(Flag("owner", "No owner: name one person.", blocking=True))
    flags += due_flags(due, severity, start, today, incident_day, windows)
    ticket_problem = ticket_flag(ticket)
    if ticket_problem is not None:
        flags.append(ticket_problem)
    return flags


def is_incomplete(flags: list[Flag]) -> bool:
    return any(f.blocking for f in flags)


def duplicates(whats: list[str]) -> list[tuple[int, int]]:
    """(earlier, later) 0-based indexes of items that say the same thing (case, spaces and
    punctuation aside): a repeated item is usually one commitment typed twice."""
    seen: dict[str, int] = {}
    out = []
    for n, what in enumerate(whats):
        key = " ".join(re.sub(r"[^\w\s]", " ", what.lower()).split())
        if not key:
            continue
        if key in seen:
            out.append((seen[key], n))
        else:
            seen[key] = n
    return out


_RELATIVE = re.compile(r"^\+\s*(\d{1,3})\s*([dw])$")
LONGEST_WINDOW = 3660  # days: ten years is a typo, not a window


def parse_due(text: str, today: date) -> date | None:
    """'2026-04-15', or '+14d' / '+2w' from today; None for an empty text."""
    raw = " ".join(text.split()).lower()
    if not raw:
        return None
    m = _RELATIVE.match(raw)
    if m:
        return today + timedelta(days=int(m.group(1)) * (7 if m.group(2) == "w" else 1))
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ValueError(
            f"\u201c{text.strip()}\u201d is not a date: type it as 2026-04-15, or +14d / +2w "
            "from today."
        ) from None


def team_windows(value: Any) -> Windows:
    """The stored due windows, each checked; a missing or broken one is the default."""
    windows: Windows = dict(DEFAULT_WINDOWS)
    if isinstance(value, dict):
        for severity in DEFAULT_WINDOWS:
            window = value.get(severity)
            if window == "quarter" or (
                isinstance(window, int) and not isinstance(window, bool) and window > 0
            ):
                windows[severity] = window if window == "quarter" else min(window, LONGEST_WINDOW)
    return windows


def parse_windows(values: dict[str, str]) -> Windows:
    """Windows as typed ('14', '14 days', 'quarter'); ValueError naming the bad one."""
    windows: Windows = {}
    for severity in DEFAULT_WINDOWS:
        text = values.get(severity, "").strip().lower()
        text = re.sub(r"\s*days?$", "", text)
        if text in ("quarter", "end of the quarter", "end of quarter"):
            windows[severity] = "quarter"
        elif text.isdigit() and 0 < int(text) <= LONGEST_WINDOW:
            windows[severity] = int(text)
        else:
            raise ValueError(
                f"{severity}: give a number of days (1 to {LONGEST_WINDOW}) or \u201cquarter\u201d."
            )
    return windows


def window_text(window: int | str) -> str:
    return "end of the quarter" if window == "quarter" else f"{window} days"


def review_start(meeting_at: date | None, today: date) -> date:
    """The day the due windows count from: the review meeting, or today before it is set."""
    return meeting_at if meeting_at is not None else today


def action_flags(
    detail: ReviewDetail, today: date, windows: Windows | None = None
) -> list[list[Flag]]:
    """What to fix on each of the review's items, in their order: one list per item.

    The action table and the sign-off gate both show these, so they never disagree. A dropped
    item is no commitment (nothing to fix); a done item's date may well be past or late; a
    repeat of an earlier live item is a warning on the later one.
    """
    start = review_start(detail.meeting_at.date() if detail.meeting_at else None, today)
    incident_day = detail.incident_start.date() if detail.incident_start else None
    live = [a.what if a.status != "dropped" else "" for a in detail.actions]
    repeats = {again: first for first, again in reversed(duplicates(live))}
    out: list[list[Flag]] = []
    for n, a in enumerate(detail.actions):
        flags: list[Flag] = []
        if a.status != "dropped":
            owner = a.owner.id if a.owner else None
            for flag in item_flags(
                a.what,
                owner,
                a.due,
                a.ticket,
                detail.severity,
                start,
                today,
                incident_day,
                windows,
            ):
                if a.status == "done" and flag.field == "due" and not flag.blocking:
                    continue
                flags.append(flag)
            if n in repeats:
                flags.append(
                    Flag("what", f"Repeats A{repeats[n] + 1}: merge them or tell them apart.")
                )
        out.append(flags)
    return out
