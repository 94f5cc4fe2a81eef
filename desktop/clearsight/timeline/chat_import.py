"""Reading an incident channel into timeline messages: a Slack export, a chat log, or CSV.

Nothing here writes: ``read_messages`` returns every message it understood and every line it
did not (with its line number), and the caller imports the ticked ones in one transaction.
Each message has a ``key`` that is the same on every read of the same file, so a re-import
skips what is already on the timeline.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any

from clearsight.errors import InputError
from clearsight.record import limits
from clearsight.review.rules import EARLIEST, LATEST, check_instant
from clearsight.timeline.entry import instant_at, nearest

FORMATS = ("slack", "chat", "csv")


@dataclass(frozen=True)
class Message:
    key: str
    at: datetime  # UTC
    author: str
    text: str
    line: int | None = None  # where it was in a text file (1-based), for the preview


@dataclass
class Messages:
    kind: str  # one of FORMATS
    messages: list[Message] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # "line 12: ..." each

    @property
    def ticked_by_default(self) -> bool:
        """CSV is written to be a timeline; a chat holds much talk that is not an event."""
        return self.kind == "csv"


def read_messages(path: Path, where: tzinfo, incident_day: date | None) -> Messages:
    """Reads ``path`` (a file or a Slack export folder); InputError when it is not usable."""
    if path.is_dir():
        return _slack_folder(path)
    text = _decode(path)
    # A Slack file is a JSON list of objects; a chat log may also open with "[09:14]".
    if path.suffix.lower() == ".json" or _SLACK_START.match(text):
        try:
            data = limits.json_value(text)
        except ValueError as err:
            raise InputError(str(path), [str(err)]) from None
        result = Messages("slack")
        _slack_messages(data, str(path), {}, result)
        return result
    if path.suffix.lower() == ".csv" or _looks_like_csv(text):
        return _csv(text, where, incident_day)
    return _chat(text, where, incident_day)


def _decode(path: Path) -> str:
    return limits.decode(limits.read_file(path), str(path))


def _key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


# ---- Slack ----------------------------------------------------------------------------------
# Neither part may hold a "<": Slack writes a literal one as &lt;, and without that rule a
# message of many "<" costs a scan to its end from each of them (20,000 took 6 s).
_SLACK_MENTION = re.compile(r"<@(\w+)(?:\|([^<>]*))?>")
_SLACK_LINK = re.compile(r"<([^<>|]+)(?:\|([^<>]*))?>")
_SLACK_START = re.compile(r"\s*\[\s*[{\]]")
# A Slack ts is seconds since 1970 ("1710511860.000200"); beyond this it is not a time.
_TS_LONGEST = 40
_AUTHOR = limits.COLUMN_LENGTHS["person.name"]


def _slack_folder(folder: Path) -> Messages:
    days = sorted(p for p in folder.glob("*.json") if re.fullmatch(r"\d{4}-\d{2}-\d{2}", p.stem))
    if not days:
        channels = sorted(p.name for p in folder.iterdir() if p.is_dir())
        hint = f" Pick one channel's folder: {', '.join(channels[:8])}." if channels else ""
        raise InputError(str(folder), [f"no per-day files (YYYY-MM-DD.json) here.{hint}"])
    users = _slack_users(folder.parent / "users.json") or _slack_users(folder / "users.json")
    result = Messages("slack")
    for day in days:
        try:
            data = limits.json_value(_decode(day))
        except ValueError as err:
            result.problems.append(f"{day.name} {err}")
            continue
        _slack_messages(data, day.name, users, result)
    result.messages.sort(key=lambda m: m.at)
    return result


def _slack_users(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    try:
        data = limits.json_value(_decode(path))
    except (ValueError, InputError):
        return {}
    if not isinstance(data, list):
        return {}
    return {
        str(u["id"]): _slack_name(u.get("profile")) or str(u.get("name") or u["id"])
        for u in data
        if isinstance(u, dict) and isinstance(u.get("id"), str | int)
    }


def _slack_name(profile: Any) -> str:
    if not isinstance(profile, dict):
        return ""  # a profile that is not an object names no one
    return str(profile.get("real_name") or profile.get("display_name") or "")


def _slack_messages(data: Any, where: str, users: dict[str, str], out: Messages) -> None:
    if not isinstance(data, list):
        out.problems.append(f"{where}: a Slack export file holds a list of messages")
        return
    for n, msg in enumerate(data):
        if not isinstance(msg, dict):
            out.problems.append(f"{where} message {n + 1}: not a message object")
            continue
        at = _slack_instant(msg.get("ts"))
        if at is None:
            out.problems.append(f"{where} message {n + 1}: no usable ts")
            continue
        raw = msg.get("text")
        if raw is not None and not isinstance(raw, str):
            out.problems.append(f"{where} message {n + 1}: text: expected text")
            continue
        text = _slack_text(raw or "", users)
        if not text or msg.get("subtype") in ("channel_join", "channel_leave"):
            continue  # joins and empty messages say nothing about the incident
        user = str(msg.get("user") or msg.get("bot_id") or "")
        author = _slack_name(msg.get("user_profile")) or users.get(user) or user
        problem = _problem(text, "text") or _problem(author, "user", _AUTHOR)
        if problem:
            out.problems.append(f"{where} message {n + 1}: {problem}")
            continue
        out.messages.append(Message(f"slack:{msg['ts']}", at, author, text))


def _problem(value: str, what: str, most: int = limits.MAX_TEXT) -> str | None:
    """What makes ``value`` unfit to store (a NUL, a lone surrogate, its length), or None."""
    try:
        limits.check_text(value, most)
    except ValueError as err:
        return f"{what}: {err}"
    return None


def _slack_instant(ts: Any) -> datetime | None:
    """The instant of a Slack ``ts`` (seconds since 1970, text or number), or None."""
    if isinstance(ts, bool) or not isinstance(ts, str | int | float):
        return None
    if len(str(ts)) > _TS_LONGEST:
        return None
    try:
        seconds = float(ts)
    except ValueError:
        return None
    # Compared first: fromtimestamp fails in three ways (ValueError, OverflowError, OSError)
    # depending on the platform, and NaN compares false.
    if not EARLIEST.timestamp() <= seconds < LATEST.timestamp():
        return None
    return datetime.fromtimestamp(seconds, UTC)


def _slack_text(text: str, users: dict[str, str]) -> str:
    text = _SLACK_MENTION.sub(
        lambda m: "@" + (m.group(2) or users.get(m.group(1), m.group(1))), text
    )
    text = _SLACK_LINK.sub(lambda m: m.group(2) or m.group(1), text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(text.split())


# ---- chat logs ------------------------------------------------------------------------------
_STAMP = (
    r"(?:(?P<d>\d{4}-\d{2}-\d{2})[T ])?(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?"
    r"(?P<z>Z|[+-]\d{2}:?\d{2})?"
)
_CHAT = re.compile(
    rf"^\s*\[?{_STAMP}\]?\s+(?:<(?P<a1>[^>]+)>|(?P<a2>[^\s:][^:]{{0,40}}?):)\s*(?P<text>.*)$"
)


def _chat(text: str, where: tzinfo, incident_day: date | None) -> Messages:
    result = Messages("chat")
    stamper = _Stamper(where, incident_day)
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        m = _CHAT.match(line)
        if m is None:
            result.problems.append(f"line {n}: no time and name: {_clip(line)}")
            continue
        body = " ".join(m.group("text").split())
        if not body:
            continue
        author = (m.group("a1") or m.group("a2") or "").strip()
        _take(result, stamper, m, n, body, (author, "name"))
    return result


def _take(
    result: Messages,
    stamper: _Stamper,
    m: re.Match[str],
    n: int,
    body: str,
    author: tuple[str, str],
) -> None:
    """Line ``n`` as a message, or a problem naming the line: bad text, a bad author (the
    name and what this format calls it), a time that cannot be placed."""
    name, field = author
    problem = _problem(body, "text") or _problem(name, field, _AUTHOR)
    if problem:
        result.problems.append(f"line {n}: {problem}")
        return
    try:
        at = stamper.instant(m)
    except ValueError as err:
        result.problems.append(f"line {n}: {err}")
        return
    result.messages.append(Message(stamper.key(at, name, body), at, name, body, n))


def _clip(line: str, most: int = 60) -> str:
    """The start of a line, as a message shows it (a NUL or control character escaped)."""
    line = line.strip()
    line = line if len(line) <= most else line[: most - 1] + "\u2026"
    return line if line.isprintable() else limits.shown(line)


_SAME_DAY = timedelta(hours=11)


class _Stamper:
    """Turns the stamps of one file into UTC, carrying the day across midnight."""

    def __init__(self, where: tzinfo, incident_day: date | None) -> None:
        self.where, self.day = where, incident_day
        self.previous: datetime | None = None
        self.seen: dict[str, int] = {}

    def instant(self, m: re.Match[str]) -> datetime:
        h, mi, s = int(m.group("h")), int(m.group("m")), int(m.group("s") or 0)
        if h > 23 or mi > 59 or s > 59:
            raise ValueError(f"{h:02d}:{mi:02d} is not a time of day")
        clock, offset = time(h, mi, s), m.group("z")
        try:
            if m.group("d"):
                try:
                    day = date.fromisoformat(m.group("d"))
                except ValueError:
                    raise ValueError(f"{m.group('d')} is not a date") from None
                at = instant_at(day, clock, offset, self.where)[0]
            elif self.previous is not None:
                at = self._near(clock, offset, self.previous)
            elif self.day is not None:
                at = instant_at(self.day, clock, offset, self.where)[0]
            else:
                raise ValueError("a time without a date, and the review has no incident date")
        except OverflowError:  # 9999-12-31 23:00-05:00 is in the year 10000
            raise ValueError(f"{m.group(0).strip()} is not a time Clearsight keeps") from None
        self.previous = check_instant(at)
        return at

    def _near(self, clock: time, offset: str | None, previous: datetime) -> datetime:
        """``nearest``, one zone conversion instead of three for most lines.

        A time on the previous event's own day that is less than 11 hours from it is nearer
        than the same time on the day before or after (at least 23 - 11 = 12 hours away), so
        ``nearest`` would pick it too.
        """
        if offset is None:
            day = previous.astimezone(self.where).date()
            try:
                at = instant_at(day, clock, None, self.where)[0]
            except ValueError:  # a DST gap on that day: nearest knows what to do
                at = None
            if at is not None and abs(at - previous) < _SAME_DAY:
                return at
        return nearest(clock, offset, self.where, previous)[0]

    def key(self, at: datetime, author: str, text: str) -> str:
        """Stable per message; the n-th identical message (same time, person, words) gets n."""
        base = _key(at.isoformat(), author, text)
        self.seen[base] = self.seen.get(base, 0) + 1
        return f"msg:{base}:{self.seen[base]}"


# ---- CSV ------------------------------------------------------------------------------------
_TIME_HEADS = ("time", "timestamp", "date", "datetime", "at", "when", "utc", "time (utc)")
_TEXT_HEADS = ("text", "message", "event", "description", "what", "summary", "details")
_AUTHOR_HEADS = ("author", "user", "who", "name", "person", "by")
_CELL_STAMP = re.compile(rf"^\s*{_STAMP}\s*$")


def _looks_like_csv(text: str) -> bool:
    first = text.split("\n", 1)[0]
    return first.count(",") >= 1 and not _CHAT.match(first)


def _csv(text: str, where: tzinfo, incident_day: date | None) -> Messages:
    result = Messages("csv")
    rows = list(_csv_rows(text, result))
    if not rows:
        result.problems.append("line 1: the file holds no rows")
        return result
    heads = [c.strip().lower() for c in rows[0][1]]
    time_col = next((i for i, h in enumerate(heads) if h in _TIME_HEADS), None)
    text_col = next((i for i, h in enumerate(heads) if h in _TEXT_HEADS), None)
    author_col = next((i for i, h in enumerate(heads) if h in _AUTHOR_HEADS), None)
    if time_col is not None and text_col is not None:
        body = rows[1:]
    else:
        time_col, text_col, author_col, body = 0, len(heads) - 1, None, rows
        if len(heads) < 2:
            result.problems.append("line 1: need a time column and a text column")
            return result
    stamper = _Stamper(where, incident_day)
    for n, cells in body:
        if not any(c.strip() for c in cells):
            continue
        if max(time_col, text_col) >= len(cells):
            result.problems.append(f"line {n}: {len(cells)} columns, expected {len(heads)}")
            continue
        m = _CELL_STAMP.match(cells[time_col])
        if m is None:
            result.problems.append(f"line {n}: {limits.shown(cells[time_col])} is not a time")
            continue
        words = " ".join(cells[text_col].split())
        if not words:
            continue
        # A row may stop before the author column: it then names no one.
        author = ""
        if author_col is not None and author_col < len(cells):
            author = cells[author_col].strip()
        _take(result, stamper, m, n, words, (author, "author"))
    return result


def _csv_rows(text: str, result: Messages) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text))
    try:
        for cells in reader:
            yield reader.line_num, cells
    except csv.Error as err:
        result.problems.append(f"line {reader.line_num}: {err}")
