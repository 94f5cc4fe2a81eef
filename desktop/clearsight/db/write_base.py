"""What a write is based on: the newest change record its client had read.

A module without SQLAlchemy, so the window can name it before the store is loaded; the change
feed (db/change_feed.py) checks it in the transaction of every write.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from clearsight.errors import UserError

# None: a write that checks nothing, such as an import or a script without --if-revision.
BASED_ON: ContextVar[int | None] = ContextVar("based_on", default=None)


class StaleWrite(UserError):
    """A row this write changes was changed by another client after the write's base: writing
    it would silently overwrite what they wrote, so the transaction is refused."""

    def __init__(self, entity: str, row_id: int, who: str, revision: int) -> None:
        self.person = who.split("@", 1)[0] or "someone"
        self.what = "review" if entity == "review" else entity.replace("_", " ")
        super().__init__(
            f"{self.person} changed this {self.what} since you last read it; "
            "your edit was not saved over theirs"
        )
        self.entity, self.row_id, self.who, self.revision = entity, row_id, who, revision


@contextmanager
def based_on(revision: int | None) -> Iterator[None]:
    """Writes in this block change only rows no other client changed after ``revision``:
    optimistic concurrency for every row, without a revision column in each table."""
    token = BASED_ON.set(revision)
    try:
        yield
    finally:
        BASED_ON.reset(token)
