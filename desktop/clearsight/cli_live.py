"""`clearsight watch`, `set` and `revision`: the live change feed and checked writes, for scripts.

clearsight watch 12                 # one JSON line per change, as they happen (Ctrl+C ends)
clearsight revision 12              # the review's revision now
clearsight set 12 summary "..." --if-revision 4711    # exit 3 if it moved on since
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

EXIT_OK, EXIT_STALE = 0, 3
Opener = Callable[[argparse.Namespace], Any]


def add_parsers(sub: Any) -> None:
    watch = sub.add_parser(
        "watch",
        help="print the review's changes as JSON lines as they happen",
        description="Each line: id (the feed position, and the row's new revision), review, "
        "entity (the table), row, action (insert/update/delete), at, who. Ctrl+C ends it.",
    )
    watch.add_argument("id", type=int)
    watch.add_argument("--from", dest="after", type=int, metavar="N", help="start after record N")
    watch.add_argument("--once", action="store_true", help="print what is there, then stop")
    revision = sub.add_parser("revision", help="print the review's revision (for set)")
    revision.add_argument("id", type=int)
    set_ = sub.add_parser(
        "set",
        help="set a text field of a review: title, summary, impact, incident_id",
        description="Prints the review's new revision. With --if-revision N the write is made "
        "only if the review is still at revision N; otherwise nothing is written and the exit "
        "code is 3.",
    )
    set_.add_argument("id", type=int)
    set_.add_argument("field")
    set_.add_argument("value", help="the text, or - to read it from standard input")
    set_.add_argument("--if-revision", type=int, metavar="N")


def cmd_revision(args: argparse.Namespace, open_: Opener) -> int:
    from clearsight.services.root import Services

    service = Services(open_(args))
    service.reviews.get_review(args.id, frozenset())  # says so if there is no such review
    print(service.changes.revision("review", args.id))
    return EXIT_OK


def cmd_set(args: argparse.Namespace, open_: Opener) -> int:
    from clearsight.services.changes import StaleRevision
    from clearsight.services.root import Services

    value = sys.stdin.read() if args.value == "-" else args.value
    try:
        revision = Services(open_(args)).changes.set_review_text(
            args.id, args.field, value, args.if_revision
        )
    except StaleRevision as err:
        print(f"clearsight: {err}", file=sys.stderr)
        return EXIT_STALE
    print(revision)
    return EXIT_OK


def cmd_watch(args: argparse.Namespace, open_: Opener) -> int:
    from clearsight.db import change_feed
    from clearsight.services.root import Services

    store = open_(args)
    changes = Services(store).changes
    after = args.after if args.after is not None else changes.latest(args.id)
    wait = change_feed.waiter(store)
    try:
        while True:
            for change in changes.since(after, args.id):
                print(json.dumps(change.as_json()), flush=True)
                after = change.id
            if args.once:
                return EXIT_OK
            wait()
    except KeyboardInterrupt:
        return EXIT_OK
