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

from clearsight.resources_access import resource_text

# Days from the review to the due date, by severity; SEV-3 runs to the end of its quarter.
Windows = dict[str, int | str]
DEFAULT_WINDOWS: Windows = {"SEV-1": 14, "SEV-2": 28, "SEV-3": "quarter", "SEV-4": 90}
WINDOWS_SETTING = "action_due_windows"
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
