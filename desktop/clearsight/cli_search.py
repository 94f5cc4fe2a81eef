"""`clearsight search`: every review's text, searched from the command line.

clearsight search "connection pool"                  # best hits first, the words in [brackets]
clearsight search timeout --severity SEV-1 --from 2026-01-01 --json
clearsight tag 12 "service: payments" "trigger: config change"   # and --remove
clearsight tags                                      # the taxonomy, most used first
clearsight related 12                                # reviews sharing tags or like factors
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

from clearsight.errors import UserError

EXIT_OK = 0
Opener = Callable[[argparse.Namespace], Any]
PART_LABELS = {
    "title": "title",
    "summary": "summary",
    "impact": "impact",
    "figure": "impact figure",
    "event": "timeline event",
    "problem": "why problem",
    "why": "why answer",
    "factor": "factor",
    "action": "action item",
    "lesson": "lesson",
}


def add_parsers(sub: Any) -> None:
    search = sub.add_parser(
        "search",
        help="search the text of every review",
        description="Every word must match (the last one as a prefix, so 'roll' finds "
        'rollback); "quoted words" match as a phrase. Best hits first, each with its review, '
        "the part and row it is in, and the matched words in [brackets].",
    )
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--json", action="store_true", help="print JSON instead of text")
    search.add_argument(
        "--severity", action="append", metavar="SEV", help="only reviews of this severity (repeat)"
    )
    search.add_argument("--from", dest="since", metavar="DATE", help="incidents on or after DATE")
    search.add_argument("--to", dest="until", metavar="DATE", help="incidents on or before DATE")
    search.add_argument("--status", help="only reviews in this status: draft, in_review, final")
    search.add_argument(
        "--person", help="only reviews this person took part in or owns an action of"
    )
    search.add_argument("--tag", help='only reviews with this tag ("service: payments")')
    search.add_argument("--limit", type=int, default=50, help="at most this many hits (50)")
    tag = sub.add_parser("tag", help="put tags on a review (or take them off)")
    tag.add_argument("id", type=int)
    tag.add_argument("tags", nargs="+", metavar="TAG", help='"service: payments", or a theme')
    tag.add_argument("--remove", action="store_true", help="take these tags off")
    tags = sub.add_parser(
        "tags", help="the team's tags, most used first (on reviews and on factors)"
    )
    tags.add_argument("--json", action="store_true", help="print JSON instead of text")
    tags.add_argument(
        "--rename",
        nargs=2,
        metavar=("OLD", "NEW"),
        help="rename a tag wherever it is used (into an existing one: the two become one)",
    )
    related = sub.add_parser("related", help="reviews that share tags or have like factors")
    related.add_argument("id", type=int)
    related.add_argument("--json", action="store_true", help="print JSON instead of text")


def cmd_search(args: argparse.Namespace, open_: Opener) -> int:
    from clearsight.services.root import Services

    # Checked before the database is opened: a typo costs nothing.
    since = day_option(args.since, "--from") if args.since is not None else None
    until = day_option(args.until, "--to") if args.until is not None else None
    if since and until and since > until:
        raise UserError(f"--from {since} is after --to {until}.")
    if not 1 <= args.limit <= 500:
        raise UserError("--limit: give a number from 1 to 500.")
    person: str | int | None = args.person
    if args.person is not None and args.person.strip().isdigit():
        person = int(args.person)  # a person's id, as `clearsight show` prints them
    hits = Services(open_(args)).search.search(
        args.query,
        severity=args.severity,
        since=since,
        until=until,
        status=args.status,
        person=person,
        limit=args.limit,
        tag=args.tag,
    )
    if args.json:
        print(json.dumps([h.as_json() for h in hits], indent=2, ensure_ascii=False))
        return EXIT_OK
    shown = None
    for h in hits:
        if h.review_id != shown:  # the review once over its hits that come in a row
            when = h.incident_start.strftime("%Y-%m-%d") if h.incident_start else "-"
            print(f"{h.review_id:>5}  {h.severity:<6} {when:<10}  {h.title}")
            shown = h.review_id
        print(f"       {PART_LABELS[h.part]} {h.row_id}: {h.marked()}")
    if not hits:
        print("clearsight: no review matches.", file=sys.stderr)
    return EXIT_OK


def day_option(text: str, option: str) -> date:
    """A YYYY-MM-DD option's day (search's and report's --from and --to); exit 2 if not."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"{option}: {text!r} is not a date; use YYYY-MM-DD.") from None


def cmd_tag(args: argparse.Namespace, open_: Opener) -> int:
    from clearsight.services.root import Services
    from clearsight.services.tag_names import parse_tag

    for text in args.tags:
        parse_tag(text)  # every tag checked before anything is written
    with Services(open_(args)).transaction() as tx:
        if args.remove:
            on = {(t.kind, t.name.lower()): t.id for t in tx.tags.of(args.id)}
            for text in args.tags:
                kind, name = parse_tag(text)
                if (kind, name.lower()) not in on:
                    raise UserError(f"Review {args.id} has no tag {text!r}.")
                tx.tags.untag(args.id, on[(kind, name.lower())])
        else:
            for text in args.tags:
                tx.tags.tag(args.id, text)
        print(", ".join(t.label for t in tx.tags.of(args.id)) or "(no tags)")
    return EXIT_OK


def cmd_tags(args: argparse.Namespace, open_: Opener) -> int:
    from clearsight.services.root import Services

    service = Services(open_(args))
    if args.rename:
        renamed = service.tags.rename(*args.rename)
        print(f"renamed to {renamed.label}", file=sys.stderr)
    tags = service.tags.all()
    if args.json:
        rows = [{"kind": t.kind, "name": t.name, "uses": t.uses} for t in tags]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    for t in [] if args.json else tags:
        print(f"{t.uses:>5}  {t.label}")
    return EXIT_OK


def cmd_related(args: argparse.Namespace, open_: Opener) -> int:
    from clearsight.services.root import Services

    service = Services(open_(args))
    found = service.tags.related(args.id, most=20)
    factors = service.reviews.get_review(args.id).factors
    seen = [(n, f, service.recurring.similar_factors(f.id)) for n, f in enumerate(factors, 1)]
    if args.json:
        rows = [
            {"review": r.review_id, "title": r.title, "shared_tags": list(r.shared),
             "similar_factors": r.similar_factors}
            for r in found
        ]  # fmt: skip
        before = [
            {"factor": f.id, "like": [{"review": x.review_id, "factor": x.factor_id,
                                       "text": x.text, "fared": x.fared()} for x in like]}
            for _, f, like in seen if like
        ]  # fmt: skip
        print(json.dumps({"related": rows, "seen_before": before}, indent=2, ensure_ascii=False))
        return EXIT_OK
    for r in found:
        print(f"{r.review_id:>5}  {r.title}  ({r.why()})")
    for n, _, like in seen:
        for x in like:  # a factor that keeps coming back, and how its actions went
            print(f"F{n} seen before in {x.review_id} {x.review_title!r}: {x.fared()}")
    return EXIT_OK
