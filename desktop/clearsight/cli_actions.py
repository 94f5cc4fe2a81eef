"""`clearsight actions`: action items across reviews, for a team's tracker or a spreadsheet.

Secrets in the items (a token pasted into the evidence, a password in a verification step) are
redacted in every format, as in an export, and listed on stderr by item, field and kind, never
the secret itself; --allow-secrets prints them as they are.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # every command imports this module; only `actions` needs the read model
    from clearsight.review.data import OpenAction

COLUMNS = (
    "review_id",
    "review",
    "id",
    "what",
    "category",
    "owner",
    "due",
    "status",
    "overdue",
    "ticket",
    "verification",
    "evidence",
    "factors",
)


def add_parser(sub: Any) -> None:
    cmd = sub.add_parser("actions", help="list action items across all reviews")
    cmd.add_argument("--open", action="store_true", help="only open and in-progress items")
    cmd.add_argument("--overdue", action="store_true", help="only open items past their date")
    cmd.add_argument("--format", choices=("text", "csv", "json"), default="text")
    cmd.add_argument(
        "--allow-secrets", action="store_true", help="print secrets in the items as they are"
    )


def cmd_actions(args: argparse.Namespace, open_: Callable[[argparse.Namespace], Any]) -> int:
    from clearsight.services.root import Services

    today = datetime.now(UTC).date()
    items = Services(open_(args)).actions.all_actions()
    if args.open or args.overdue:
        items = [x for x in items if x.action.is_open]
    if args.overdue:
        items = [x for x in items if x.overdue(today)]
    rows = [_row(x, today) for x in items]
    if args.format == "json":
        for row, item in zip(rows, items, strict=True):
            row["history"] = [
                {
                    "at": h.at.isoformat(),
                    "field": h.field,
                    "old": h.old,
                    "new": h.new,
                    "reason": h.reason,
                }
                for h in item.history
            ]
    rows = _redact(rows, args.allow_secrets)
    if args.format == "json":
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    elif args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "factors": "; ".join(row["factors"])})
    else:
        for row in rows:
            late = "  OVERDUE" if row["overdue"] else ""
            print(
                f"{row['due'] or 'no date':<10}  {row['owner'] or 'NO OWNER':<20} "
                f"{row['status']:<11} {row['what']}  [review {row['review_id']}]{late}"
            )
        if not rows:
            print("No action items match.", file=sys.stderr)
    return 0


def _redact(rows: list[dict[str, Any]], allow_secrets: bool) -> list[dict[str, Any]]:
    """The rows with every secret replaced by "[redacted <kind>]", each one named on stderr."""
    from clearsight.record.redact import find_secrets, redacted

    form = {"actions": rows}
    secrets = find_secrets(form)
    action = "kept (--allow-secrets)" if allow_secrets else "redacted"
    for secret in secrets:
        n, _, field = secret.field.removeprefix("actions[").partition("].")
        row = rows[int(n)]
        print(
            f"clearsight: {action}: review {row['review_id']} action {row['id']}: {field}: "
            f"{secret.kind}",
            file=sys.stderr,
        )
    if allow_secrets or not secrets:
        return rows
    clean: list[dict[str, Any]] = redacted(form, secrets)["actions"]
    return clean


def _row(item: OpenAction, today: Any) -> dict[str, Any]:
    a = item.action
    return {
        "review_id": a.review_id,
        "review": item.review_title,
        "id": a.id,
        "what": a.what,
        "category": a.category,
        "owner": a.owner.name if a.owner else None,
        "due": a.due.isoformat() if a.due else None,
        "status": a.status,
        "overdue": item.overdue(today),
        "ticket": a.ticket,
        "verification": a.verification,
        "evidence": a.evidence,
        "factors": list(item.factors),
    }
