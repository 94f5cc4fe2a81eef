"""How a typed tag reads: "service: payments" is a kind and a name; "capacity" is a theme."""

from __future__ import annotations

from clearsight.errors import UserError

KINDS = ("service", "trigger", "theme")
MOST_NAME = 100


def parse_tag(text: str) -> tuple[str, str]:
    """ "service: payments" -> ("service", "payments"); "capacity" -> ("theme", "capacity")."""
    kind, sep, name = text.partition(":")
    if not sep or kind.strip().lower() not in KINDS:
        kind, name = "theme", text
    name = " ".join(name.split())
    if not name:
        raise UserError(f"A tag needs a name: {text!r} (e.g. service: payments)")
    if len(name) > MOST_NAME:
        raise UserError(f"A tag name is at most {MOST_NAME} characters: {name[:40]!r}...")
    return kind.strip().lower(), name


def tag_label(kind: str, name: str) -> str:
    """How a tag is written and shown: "service: payments"; a theme by its name alone."""
    return name if kind == "theme" else f"{kind}: {name}"
