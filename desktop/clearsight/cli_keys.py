"""`clearsight keys`, `sign-request`, `sign` and `sign-import`: signing keys that belong to people.

Each approver makes a key on their own machine and registers its public half with their person
record; the team's trusted keys are exported for `verify --trusted`. Approvers outside the room
sign a request file on their machine, and the signature is imported back.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXIT_OK = 0
Opener = Callable[[argparse.Namespace], Any]


def add_parsers(sub: Any) -> None:
    keys = sub.add_parser(
        "keys",
        help="your signing key and the team's trusted keys",
        description="Signing keys belong to people: each approver runs `keys init --person "
        "THEM` on their own machine; the private key stays in that machine's keyring.",
    )
    what = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    init = what.add_parser("init", help="make your signing key on this machine")
    init.add_argument("--person", metavar="WHO", help="register it as this person's key")
    init.add_argument("--replace", action="store_true", help="make a new key in place of one")
    show = what.add_parser("show", help="print this machine's public key and fingerprint")
    show.add_argument("-o", "--output", metavar="FILE", help="also write it to FILE to send on")
    imp = what.add_parser("import", help="register a public key someone sent you")
    imp.add_argument("file", help="a file written by `keys show -o` (or a trusted-keys line)")
    imp.add_argument("--person", metavar="WHO", required=True, help="whose key it is")
    imp.add_argument("--replace", action="store_true", help="in place of their current key")
    what.add_parser("list", help="everyone's registered key fingerprint")
    export = what.add_parser("export", help="write the team's trusted keys for `verify`")
    export.add_argument("-o", "--output", metavar="FILE", required=True)
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")

    request = sub.add_parser(
        "sign-request", help="write what an approver outside the room needs to sign"
    )
    request.add_argument("id", type=int)
    request.add_argument("-o", "--output", metavar="FILE", required=True)
    request.add_argument("--force", action="store_true", help="replace FILE if it exists")
    sign = sub.add_parser(
        "sign",
        help="sign a sign request with your key (no database needed)",
        description="Checks that the record in the request is the one its digest names, "
        "prints what you are signing, and writes the signature file to send back.",
    )
    sign.add_argument("file", help="the sign request")
    sign.add_argument("--as", dest="who", metavar="HANDLE", required=True, help="who you are")
    sign.add_argument("-o", "--output", metavar="FILE", help="default: FILE.signature.json")
    sign.add_argument("--force", action="store_true", help="replace the output if it exists")
    back = sub.add_parser("sign-import", help="add a signature made with `clearsight sign`")
    back.add_argument("file")


def cmd_keys(args: argparse.Namespace, open_: Opener) -> int:
    from clearsight.record.signing import fingerprint, make_key, my_key
    from clearsight.secrets import Secrets
    from clearsight.services.root import Services

    action = args.keys_command
    if action == "init":
        secrets = Secrets()
        key = my_key(secrets)
        if key is None or args.replace:
            key = make_key(secrets, replace=args.replace)
            print(f"made your signing key {key.fingerprint}; it stays in this machine's keyring")
        else:
            print(f"this machine already has your signing key {key.fingerprint}")
        if args.person:
            person = Services(open_(args)).keys.register(args.person, key.public_key, args.replace)
            print(f"registered it as {person.label}'s key")
        return EXIT_OK
    if action == "show":
        return _show(args)
    if action == "import":
        public_key = _read_public_key(Path(args.file))
        person = Services(open_(args)).keys.register(args.person, public_key, args.replace)
        print(f"registered {fingerprint(public_key)} as {person.label}'s key")
        return EXIT_OK
    trusted = Services(open_(args)).keys.trusted()
    if action == "list":
        for k in trusted.keys:
            print(f"{k.fingerprint}  {k.who}  {k.name}")
        if not trusted.keys:
            print("No one has registered a signing key yet.", file=sys.stderr)
        return EXIT_OK
    from clearsight.record.export import write_atomically

    write_atomically(Path(args.output), trusted.text().encode(), overwrite=args.force)
    print(f"{args.output}: {len(trusted.keys)} trusted keys")
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    from clearsight.errors import UserError
    from clearsight.record.signing import KEY_TYPE, my_key, public_key_text
    from clearsight.secrets import Secrets

    key = my_key(Secrets())
    if key is None:
        raise UserError("This machine has no signing key of yours: `clearsight keys init`.")
    line = f"{KEY_TYPE} {public_key_text(key.public_key)} {key.fingerprint}"
    print(line)
    if args.output:
        from clearsight.record.export import write_atomically

        write_atomically(Path(args.output), (line + "\n").encode())
    return EXIT_OK


def _read_public_key(path: Path) -> bytes:
    """The key of a `keys show` file (type, key, fingerprint) or of one trusted-keys line."""
    from clearsight.errors import InputError
    from clearsight.record import limits
    from clearsight.record.signing import KEY_TYPE, parse_public_key

    lines = [
        line
        for line in limits.decode(limits.read_file(path), str(path)).splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if len(lines) != 1:
        raise InputError(str(path), [f"expected one public key line, found {len(lines)}"])
    words = lines[0].split()
    at = words.index(KEY_TYPE) if KEY_TYPE in words else -1
    if at < 0 or at + 1 >= len(words):
        raise InputError(str(path), [f"line 1: expected `{KEY_TYPE} KEY`"])
    try:
        return parse_public_key(words[at + 1].strip("\"'"))
    except ValueError as err:
        raise InputError(str(path), [f"line 1: {err}"]) from None


def cmd_sign_request(args: argparse.Namespace, open_: Opener) -> int:
    from clearsight.record.export import write_atomically
    from clearsight.services.root import Services

    request = Services(open_(args)).signoff.sign_request(args.id)
    text = json.dumps(request, indent=2, ensure_ascii=False) + "\n"
    write_atomically(Path(args.output), text.encode(), overwrite=args.force)
    print(f"{args.output}: for {', '.join(request['approvers'])}; content {request['content']}")
    return EXIT_OK


def cmd_sign(args: argparse.Namespace) -> int:
    from clearsight.errors import UserError
    from clearsight.record import limits, returned
    from clearsight.record.export import write_atomically
    from clearsight.record.signing import my_key
    from clearsight.secrets import Secrets
    from clearsight.services.signoff import NO_KEY

    path = Path(args.file)
    request = limits.load_json(limits.decode(limits.read_file(path), str(path)), str(path))
    key = my_key(Secrets())
    if key is None:
        raise UserError(NO_KEY)
    signed = returned.sign(request, str(path), key, args.who)
    review = request["record"]["review"]
    print(f"signing [{review['severity']}] {review['title']}")
    print(f"  content {request['content']}, as {args.who}, with key {key.fingerprint}")
    out = Path(args.output) if args.output else path.with_name(path.name + ".signature.json")
    text = json.dumps(signed, indent=2) + "\n"
    write_atomically(out, text.encode(), overwrite=args.force)
    print(f"{out}: send it back for `clearsight sign-import`")
    return EXIT_OK


def cmd_sign_import(args: argparse.Namespace, open_: Opener) -> int:
    from clearsight.record import limits
    from clearsight.services.root import Services

    path = Path(args.file)
    data = limits.load_json(limits.decode(limits.read_file(path), str(path)), str(path))
    person = Services(open_(args)).signoff.import_signature(data, str(path))
    print(f"added {person.label}'s signature")
    return EXIT_OK
