"""The ``clearsight`` command: every service without the GUI.

Exit codes: 0 success, 1 findings (for commands that report findings), 2 usage or input error,
70 a bug in Clearsight (EX_SOFTWARE; the details go to the log file).
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clearsight import (
    __version__,
    cli_actions,
    cli_keys,
    cli_live,
    cli_record,
    cli_report,
    cli_search,
    cli_timeline,
)
from clearsight.errors import UserError

# `clearsight lint` runs in pre-commit hooks over large files, so nothing loads SQLAlchemy
# until a command needs the database.
if TYPE_CHECKING:
    from sqlalchemy.engine import URL

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 70
DATABASE_ENV = "CLEARSIGHT_DATABASE"
log = logging.getLogger("clearsight")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clearsight",
        description="Run blameless postmortem reviews. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"clearsight {__version__}")
    parser.add_argument(
        "--database",
        metavar="URL",
        default=os.environ.get(DATABASE_ENV),
        help="a SQLite file path or URL, or postgresql+psycopg://user@host/db "
        f"(default: ${DATABASE_ENV}, else a file in your data folder)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("gui", help="open the app (the default)")
    sub.add_parser("demo", help="add the demo review and print its id")
    new = sub.add_parser("new", help="create a review and print its id")
    new.add_argument("--title", required=True)
    new.add_argument("--severity", default="SEV-3", help="SEV-1 to SEV-4 (default SEV-3)")
    new.add_argument("--incident-start", metavar="TIME", help="ISO 8601, e.g. 2026-03-15T14:02Z")
    new.add_argument("--incident-id", default="")
    lst = sub.add_parser("list", help="list reviews")
    lst.add_argument("--json", action="store_true", help="print JSON instead of a table")
    show = sub.add_parser("show", help="print one review")
    show.add_argument("id", type=int)
    show.add_argument("--json", action="store_true", help="the machine form (schema v1)")
    show.add_argument("--allow-secrets", action="store_true", help="print secrets as they are")
    imp = sub.add_parser("import", help="create a review from a machine-form JSON file")
    imp.add_argument("file", help="a JSON file, or - for standard input")
    imp.add_argument(
        "--trusted",
        metavar="FILE",
        help="trusted keys (from `keys export`) besides those registered in the database: a "
        "signed record stays final only when its signatures verify against them",
    )
    sub.add_parser("set-password", help="store the PostgreSQL password in the OS keyring")
    cli_timeline.add_parsers(sub)
    cli_actions.add_parser(sub)
    cli_record.add_parsers(sub)
    cli_keys.add_parsers(sub)
    cli_live.add_parsers(sub)
    cli_search.add_parsers(sub)
    cli_report.add_parsers(sub)
    lint = sub.add_parser(
        "lint",
        help="flag blame (and with --include-vague, vague) language in text or Markdown files",
        description="Exit 0 when no blame finding, 1 when any, 2 on an error.",
    )
    lint.add_argument("files", nargs="*", metavar="FILE", help="files to read; - or none: stdin")
    lint.add_argument(
        "--names",
        default="",
        help='people who may appear as the cause, comma-separated: "Kenji,@dana"',
    )
    lint.add_argument("--format", choices=("text", "json"), default="text")
    lint.add_argument(
        "--include-vague",
        action="store_true",
        help="also flag vague impact, factors and actions (never changes the exit code)",
    )
    lint.add_argument(
        "--lexicon",
        metavar="FILE",
        help="a team lexicon (TOML) to use; default: $CLEARSIGHT_LEXICON, else the one saved "
        "by Edit > Language settings, when there is one",
    )
    lint.add_argument(
        "--explain",
        action="store_true",
        help="under each flagged sentence, print the rules and features that fired",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    command = args.command or "gui"
    args.opened = []  # stores opened by the command, closed when it ends
    try:
        if command == "gui":
            from clearsight.app import run

            code: int = run(args.database)
            return code
        if command == "set-password":
            return _set_password(args.database)
        if command == "lint":
            from clearsight.language.lint import lint_main

            names = args.names.split(",")
            return lint_main(
                args.files,
                names,
                args.format,
                args.include_vague,
                sys.stdout,
                sys.stderr,
                lexicon=args.lexicon,
                explain=args.explain,
            )
        return COMMANDS[command](args)
    except UserError as err:
        print(f"clearsight: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `clearsight search ... | head`: the reader has what it wanted. Point stdout at
        # nothing, so the interpreter's flush at exit does not fail a second time.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # as a shell reports a command ended by SIGPIPE
    except Exception as err:  # a bug: a plain word and the log file, the traceback with -v
        return _report_bug(err, args.verbose)
    finally:
        for store in args.opened:
            store.close()


def _report_bug(err: Exception, verbose: bool) -> int:
    from clearsight import crash

    path = crash.log_path()
    handler = crash.start_log(path)
    if handler is not None:
        try:
            crash.log_bug(err, 1, only_to=handler)
        finally:
            crash.stop_log(handler)
    if verbose:
        traceback.print_exception(err, file=sys.stderr)
    shown = path if handler is not None else None
    print(f"clearsight: {crash.bug_message(err, shown)}", file=sys.stderr)
    return EXIT_BUG


def _open(args: argparse.Namespace) -> Any:
    from clearsight.db.store import open_store

    store = open_store(args.database, password_provider=_password_from_keyring_or_prompt)
    args.opened.append(store)
    if store.backup_path is not None:
        print(
            f"clearsight: upgraded the database; the old one is kept at {store.backup_path}",
            file=sys.stderr,
        )
    return store


def _password_from_keyring_or_prompt(url: URL) -> str | None:
    from clearsight.secrets import Secrets, database_password

    secrets = Secrets()
    password = database_password(secrets, url)
    if password:
        return password
    if os.environ.get("PGPASSWORD"):
        return None  # unattended scripts (watch in a service): libpq reads it itself
    if not secrets.persistent:
        print(
            "clearsight: no keyring backend on this machine; the password will be used "
            "for this run only.",
            file=sys.stderr,
        )
    if not sys.stdin.isatty():
        raise UserError(
            f"No password for {url.username}@{url.host} in the keyring. Store it once with "
            "`clearsight --database URL set-password`."
        )
    return getpass.getpass(f"Password for {url.username}@{url.host}/{url.database}: ")


def _set_password(database: str | None) -> int:
    from clearsight.db.store import resolve_url
    from clearsight.secrets import Secrets, database_key

    url = resolve_url(database)
    if url.get_backend_name() != "postgresql":
        raise UserError("set-password is for a PostgreSQL --database URL; SQLite has none.")
    password = getpass.getpass(f"Password for {url.username}@{url.host}/{url.database}: ")
    if not Secrets().set(database_key(url.username, url.host, url.port, url.database), password):
        raise UserError(
            "No keyring backend on this machine: the password was not stored. "
            "Clearsight will ask for it each time."
        )
    print("Stored in the keyring.")
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace) -> int:
    from clearsight.services.demo import add_demo
    from clearsight.services.root import Services

    print(add_demo(Services(_open(args))))
    return EXIT_OK


def _cmd_new(args: argparse.Namespace) -> int:
    from clearsight.services.root import Services

    start = None
    if args.incident_start:
        from clearsight.review.rules import parse_instant

        try:
            start = parse_instant(args.incident_start)
        except ValueError as err:
            raise UserError(f"--incident-start: {err}") from err
    service = Services(_open(args))
    review_id = service.reviews.create_review(args.title, args.severity, start)
    if args.incident_id:
        service.reviews.set_field(review_id, "incident_id", args.incident_id)
    print(review_id)
    return EXIT_OK


def _cmd_list(args: argparse.Namespace) -> int:
    from clearsight.db import light
    from clearsight.review.rules import format_instant

    # A SQLite file at the current schema is read without loading SQLAlchemy (see db/light.py).
    rows = light.list_reviews(light.sqlite_path(args.database))
    if rows is None:
        from clearsight.services.root import Services

        rows = Services(_open(args)).reviews.list_reviews()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": r.id,
                        "title": r.title,
                        "severity": r.severity,
                        "status": r.status,
                        "incident_id": r.incident_id,
                        "incident_start": format_instant(r.incident_start),
                    }
                    for r in rows
                ],
                indent=2,
            )
        )
        return EXIT_OK
    for r in rows:
        when = r.incident_start.strftime("%Y-%m-%d") if r.incident_start else "-"
        print(f"{r.id:>5}  {r.severity:<6} {r.status:<10} {when:<10}  {r.title}")
    if not rows:
        print(
            "No reviews yet. `clearsight demo` adds an example; `clearsight new` starts one.",
            file=sys.stderr,
        )
    return EXIT_OK


def _cmd_show(args: argparse.Namespace) -> int:
    from clearsight.record.export import prepare
    from clearsight.services.root import Services

    data = Services(_open(args)).records.export_review(args.id)
    # Redacted like an export, in both forms (the summary is printed too); stderr names each.
    data, secrets = prepare(data, args.allow_secrets)
    for secret in secrets:
        action = "kept (--allow-secrets)" if args.allow_secrets else "redacted"
        print(f"clearsight: {action}: {secret.field}: {secret.kind}", file=sys.stderr)
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return EXIT_OK
    r = data["review"]
    print(f"[{r['severity']}] {r['title']}")
    print(
        f"status {r['status']}; incident {r['incident_id'] or '-'} "
        f"from {r['incident_start'] or '?'} to {r['incident_end'] or '?'}"
    )
    for p in r["people"]:
        print(f"  {p['name']}{' @' + p['handle'] if p['handle'] else ''}: {', '.join(p['roles'])}")
    print(f"\n{r['summary'] or '(no summary yet)'}\n")
    print(
        f"{len(r['timeline'])} timeline events, {len(r['why_trees'])} why trees, "
        f"{len(r['factors'])} factors, {len(r['actions'])} action items"
    )
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    from clearsight.record.machine_import import load_file, load_stream
    from clearsight.services.root import Services

    # The file is checked in full before the database is opened: a bad file touches nothing.
    parsed = load_stream(sys.stdin) if args.file == "-" else load_file(Path(args.file))
    trusted = None
    if args.trusted:
        from clearsight.record.trusted_keys import read_file

        trusted = read_file(Path(args.trusted))
    done = Services(_open(args)).records.imported(parsed, trusted)
    if done.note:
        print(f"clearsight: imported as a draft: {done.note}", file=sys.stderr)
    print(done.id)
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "demo": _cmd_demo,
    "new": _cmd_new,
    "list": _cmd_list,
    "show": _cmd_show,
    "import": _cmd_import,
    "timeline-add": partial(cli_timeline.cmd_add, open_=_open),
    "timeline-import": partial(cli_timeline.cmd_import, open_=_open),
    "timeline": partial(cli_timeline.cmd_show, open_=_open),
    "actions": partial(cli_actions.cmd_actions, open_=_open),
    "export": partial(cli_record.cmd_export, open_=_open),
    "verify": cli_record.cmd_verify,
    "keys": partial(cli_keys.cmd_keys, open_=_open),
    "sign-request": partial(cli_keys.cmd_sign_request, open_=_open),
    "sign": cli_keys.cmd_sign,
    "sign-import": partial(cli_keys.cmd_sign_import, open_=_open),
    "watch": partial(cli_live.cmd_watch, open_=_open),
    "set": partial(cli_live.cmd_set, open_=_open),
    "revision": partial(cli_live.cmd_revision, open_=_open),
    "search": partial(cli_search.cmd_search, open_=_open),
    "tag": partial(cli_search.cmd_tag, open_=_open),
    "tags": partial(cli_search.cmd_tags, open_=_open),
    "related": partial(cli_search.cmd_related, open_=_open),
    "report": partial(cli_report.cmd_report, open_=_open),
}
