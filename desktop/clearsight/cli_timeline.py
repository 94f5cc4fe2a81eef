"""The timeline commands of ``clearsight``: add typed entries, import a channel, show durations."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import UTC, tzinfo
from pathlib import Path
from typing import Any

from clearsight.errors import InputError, UserError

EXIT_OK = 0


def add_parsers(sub: Any) -> None:
    add = sub.add_parser(
        "timeline-add",
        help="add timeline events typed as on the entry line: '09:14 deploy to canary'",
    )
    add.add_argument("id", type=int)
    add.add_argument("lines", nargs="+", metavar="LINE", help="09:14 text, +5m text, ...")
    imp = sub.add_parser(
        "timeline-import",
        help="add events from a Slack export (file or folder), a chat log or a CSV file",
        description="Every message becomes an event; ones imported before are skipped. Lines "
        "that cannot be read stop the import (exit 2, nothing added) unless --skip-bad.",
    )
    imp.add_argument("id", type=int)
    imp.add_argument("file", help="a Slack export JSON file or day folder, a chat log, a CSV")
    imp.add_argument("--skip-bad", action="store_true", help="import what can be read")
    show = sub.add_parser("timeline", help="print the timeline with its marks and durations")
    show.add_argument("id", type=int)


def _review(args: argparse.Namespace, open_: Callable[[argparse.Namespace], Any]) -> Any:
    from clearsight.services.root import Services

    service = Services(open_(args))
    return service, service.reviews.get_review(args.id)


def _zone(detail: Any, reading_only: bool = False) -> tzinfo:
    """The review's display zone. One the database holds but no longer names a zone (an
    import before zones were checked) is shown in UTC; times are not read in it."""
    from clearsight.record.limits import shown
    from clearsight.timeline.zones import zone

    try:
        return zone(detail.display_zone)
    except ValueError:
        problem = (
            f"review {detail.id}: display_zone {shown(detail.display_zone)} "
            "is not a known time zone"
        )
        if not reading_only:
            raise UserError(f"{problem}; choose one on the review's Timeline page first") from None
        print(f"clearsight: {problem}; times are shown in UTC", file=sys.stderr)
        return UTC


def cmd_add(args: argparse.Namespace, open_: Callable[[argparse.Namespace], Any]) -> int:
    from clearsight.record.limits import shown
    from clearsight.review.rules import check_instant
    from clearsight.timeline.entry import parse_entry

    service, detail = _review(args, open_)
    where = _zone(detail)
    previous = detail.events[-1].at if detail.events else None
    day = detail.incident_start.astimezone(where).date() if detail.incident_start else None
    entries = []
    problems = []
    for n, line in enumerate(args.lines, 1):
        try:
            entry = parse_entry(line, where, previous, day)
            check_instant(entry.at)
        except OverflowError:  # 9999-12-31 23:00-05:00 is in the year 10000
            problems.append(f"line {n} ({shown(line)}): not a time Clearsight keeps")
            continue
        except ValueError as err:
            problems.append(f"line {n} ({shown(line)}): {err}")
            continue
        entries.append(entry)
        previous = entry.at
    if problems:
        raise InputError("timeline-add", problems)
    for entry in entries:
        print(service.timeline.add_event(args.id, entry.at, entry.text))
        if entry.note:
            print(f"clearsight: {entry.note}", file=sys.stderr)
    return EXIT_OK


def cmd_import(args: argparse.Namespace, open_: Callable[[argparse.Namespace], Any]) -> int:
    from clearsight.record.limits import listed
    from clearsight.timeline.chat_import import read_messages

    path = Path(args.file)
    if not path.exists():
        raise UserError(f"{path}: no such file or folder")
    service, detail = _review(args, open_)
    where = _zone(detail)
    day = detail.incident_start.astimezone(where).date() if detail.incident_start else None
    found = read_messages(path, where, day)
    if found.problems and not args.skip_bad:
        raise InputError(
            str(path),
            [*listed(found.problems), "nothing was imported (--skip-bad imports the rest)"],
        )
    for problem in found.problems:
        print(f"clearsight: {path}: skipped {problem}", file=sys.stderr)
    items = [(m.key, m.at, f"{m.author}: {m.text}" if m.author else m.text) for m in found.messages]
    added, skipped = service.timeline.import_events(args.id, items)
    events = "event" if len(added) == 1 else "events"
    were = "was" if skipped == 1 else "were"
    print(f"added {len(added)} {events}; {skipped} {were} already on the timeline")
    return EXIT_OK


def cmd_show(args: argparse.Namespace, open_: Callable[[argparse.Namespace], Any]) -> int:
    from clearsight.timeline.marks import MARK_LABELS, durations, format_duration, marked, problems
    from clearsight.timeline.zones import zone_label

    _, detail = _review(args, open_)
    where = _zone(detail, reading_only=True)
    first = detail.events[0].at if detail.events else None
    print(f"times in {zone_label(first, where)}")
    for e in detail.events:
        mark = f"  [{MARK_LABELS[e.mark]}]" if e.mark else ""
        print(f"{e.at.astimezone(where):%Y-%m-%d %H:%M:%S}  {e.text}{mark}")
    times = marked((e.at, e.mark) for e in detail.events)
    print()
    for d in durations(times):
        print(f"{d.label + ':':<24}{format_duration(d.value)}")
    for p in problems(times):
        print(f"problem: {p.message}")
    return EXIT_OK
