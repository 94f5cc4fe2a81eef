"""Finding people by what a notetaker types: a name, part of one, or an @handle. Qt-free."""

from __future__ import annotations

from clearsight.review.data import PersonData


def match_people(people: list[PersonData], text: str) -> list[PersonData]:
    """Whom ``text`` names: a label, a full name, an @handle, a first or last name, the
    start of a name; the first of these that names anyone. Several means: ask which."""
    key = " ".join(text.split()).casefold()
    if not key:
        return []
    bare = key.lstrip("@")
    for match in (
        lambda p: p.label.casefold() == key,
        lambda p: p.name.casefold() == key,
        lambda p: bool(p.handle) and str(p.handle).casefold() == bare,
        lambda p: bare in p.name.casefold().split(),
        lambda p: p.name.casefold().startswith(bare),
    ):
        found = [p for p in people if match(p)]
        if found:
            return found
    return []
