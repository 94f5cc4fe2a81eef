"""`clearsight export` and `clearsight verify`: the signed-off record out of the app."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_FAILED = 0, 1


def add_parsers(sub: Any) -> None:
    export = sub.add_parser(
        "export",
        help="write a review as Markdown, PDF or JSON, secrets redacted",
        description="Secrets found in the review (tokens, keys, passwords) are redacted and "
        "listed on stderr (field and kind, never the secret) unless --allow-secrets.",
    )
    export.add_argument("id", type=int)
    export.add_argument("--format", choices=("md", "pdf", "json"), default="md")
    export.add_argument("-o", "--output", required=True, metavar="PATH")
    export.add_argument("--allow-secrets", action="store_true", help="export secrets as they are")
    export.add_argument(
        "--force", action="store_true", help="replace PATH if it is a file that already exists"
    )
    verify = sub.add_parser(
        "verify",
        help="check that a Markdown or PDF export is unchanged and its signatures hold",
        description="Exit 0 when the record is intact, 1 when anything fails, 2 on a bad file. "
        "Without --trusted only integrity is checked: each signer's key fingerprint is printed "
        "to compare by hand with the team's list.",
    )
    verify.add_argument("file")
    verify.add_argument(
        "--trusted",
        metavar="FILE",
        help="the team's trusted keys (from `keys export`): every signature must be by a key "
        "trusted for its signer, and every required approver must have signed",
    )


def cmd_export(args: argparse.Namespace, open_: Callable[[argparse.Namespace], Any]) -> int:
    from clearsight.record.export import prepare, render, write_atomically
    from clearsight.services.root import Services

    form = Services(open_(args)).records.export_review(args.id)
    form, secrets = prepare(form, args.allow_secrets)
    for secret in secrets:
        action = "kept (--allow-secrets)" if args.allow_secrets else "redacted"
        print(f"clearsight: {action}: {secret.field}: {secret.kind}", file=sys.stderr)
    path = Path(args.output)
    write_atomically(path, lambda: render(form, args.format), overwrite=args.force)
    print(path)
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from clearsight.record.trusted_keys import read_file
    from clearsight.record.verify import verify_file

    trusted = read_file(Path(args.trusted)) if args.trusted else None
    verdict = verify_file(Path(args.file), trusted)
    print(f"digest {verdict.digest}")
    for line in verdict.passed:
        print(f"ok: {line}")
    for line in verdict.failed:
        print(f"FAILED: {line}")
    print(verdict.summary)
    return EXIT_OK if verdict.ok else EXIT_FAILED
