"""`clearsight report`: the Insights figures of a date range, as Markdown or PDF, or JSON.

clearsight report --from 2026-01-01 --to 2026-03-31 -o q1.pdf
clearsight report --from 2026-01-01 --to 2026-12-31 --severity SEV-1 -o sev1.md --json
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from clearsight.cli_search import day_option
from clearsight.errors import UserError
from clearsight.review import insights, rules
from clearsight.review.insight_data import Figures

EXIT_OK = 0
FORMATS = {".md": "md", ".markdown": "md", ".pdf": "pdf"}


def add_parsers(sub: Any) -> None:
    report = sub.add_parser(
        "report",
        help="figures across reviews (severity, times, action items, factors, sign-off)",
        description="The Insights figures for the incidents from --from to --to (days in UTC, "
        "both included), written to -o as Markdown (.md) or PDF (.pdf). --json prints them "
        "with the review ids behind every number.",
    )
    report.add_argument("--from", dest="since", required=True, metavar="DATE")
    report.add_argument("--to", dest="until", required=True, metavar="DATE")
    report.add_argument(
        "--severity", action="append", metavar="SEV", help="only reviews of this severity (repeat)"
    )
    report.add_argument("-o", "--output", metavar="PATH", help="report.md or report.pdf")
    report.add_argument("--json", action="store_true", help="print the figures as JSON")
    report.add_argument(
        "--force", action="store_true", help="replace PATH if it is a file that already exists"
    )
    report.add_argument(
        "--record-days",
        type=int,
        default=insights.RECORD_DAYS,
        metavar="N",
        help=f"days after the incident a signed-off record is due ({insights.RECORD_DAYS})",
    )
    report.add_argument(
        "--as-of", metavar="DATE", help="count overdue items and unsigned records as of the "
        "end of DATE (default: now)",
    )  # fmt: skip


def cmd_report(args: argparse.Namespace, open_: Callable[[argparse.Namespace], Any]) -> int:
    from clearsight.record.export import write_atomically
    from clearsight.services.root import Services

    # Checked before the database is opened: a typo costs nothing.
    since, until = day_option(args.since, "--from"), day_option(args.until, "--to")
    if since > until:
        raise UserError(f"--from {since} is after --to {until}.")
    try:
        severities = [rules.parse_severity(s) for s in args.severity or ()]
    except ValueError as err:
        raise UserError(f"--severity: {err}") from None
    if args.output is None and not args.json:
        raise UserError("Name the report with -o report.md or -o report.pdf, or give --json.")
    fmt = _format(args.output) if args.output else None
    now = None
    if args.as_of:
        now = datetime.combine(day_option(args.as_of, "--as-of"), time.max, tzinfo=UTC)
    figures = Services(open_(args)).insights.figures(
        since, until, severities or None, now=now, record_days=args.record_days
    )
    if args.output:
        path = Path(args.output)
        write_atomically(path, lambda: _render(figures, fmt), overwrite=args.force)
    if args.json:
        print(json.dumps(figures.as_json(), indent=2, ensure_ascii=False))
    else:
        print(args.output)
    return EXIT_OK


def _render(figures: Figures, fmt: str | None) -> bytes:
    if fmt == "pdf":
        from clearsight.record.report_pdf import render_report_pdf

        return render_report_pdf(figures)
    from clearsight.record.report_markdown import render_report_markdown

    return render_report_markdown(figures).encode()


def _format(output: str) -> str:
    fmt = FORMATS.get(Path(output).suffix.lower())
    if fmt is None:
        raise UserError(f"-o {output}: name a .md or a .pdf file; the name says the format.")
    return fmt
