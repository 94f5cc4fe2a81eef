"""The search index, kept current in the same transaction as each write.

One row per searchable piece of a review: its title (with the incident id), summary and
impact, each impact figure, timeline event, why problem and answer, factor, action item and
lesson (table made by migration 0006: FTS5 on SQLite, a tsvector with a GIN index on
PostgreSQL). A piece's key says whose it is: ``(review_id * 2**36 + row_id) * 16 + the part's
number``. So an edit replaces just its own piece by key (one typed character costs a delete and
an insert of one row), a search filters by review on the key alone, without reading the rows
(the difference between 0.1 s and 0.5 s for a word in most rows of 5,000 reviews on SQLite),
and a review's pieces are one range of keys. As for the change feed, one hook after each flush
sees every written row, so no service can forget to index.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from sqlalchemy import Connection, bindparam, inspect, literal_column, text
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from clearsight.db import change_feed
from clearsight.db.models import (
    ActionItem,
    Factor,
    ImpactFigure,
    Lesson,
    Review,
    TimelineEvent,
    WhyNode,
    WhyTree,
)

TABLE = "search_index"
PART_BITS, ROW_BITS = 4, 36  # 16 parts, 68 billion rows a table, 8 million reviews in 63 bits
MOST_CHARS = 50_000  # a pasted log beyond this is not searched (PostgreSQL caps a tsvector)


class Piece(NamedTuple):
    """One part of a review as the index sees it, in Python (for a write) and in SQL (for a
    rebuild): the part's name and number, the model, the fields joined into its text."""

    part: str
    number: int
    model: type
    fields: tuple[str, ...]
    source: str = ""  # the SQL FROM, with the model's table as x
    review: str = "x.review_id"  # the SQL for the review's id
    sep: str = " "

    def text_of(self, obj: Any) -> str:
        joined = self.sep.join(getattr(obj, f) or "" for f in self.fields)
        # The migration's SQL does the same: cut, then trim spaces at both ends.
        return joined[:MOST_CHARS].strip(" ")

    def sql_text(self) -> str:
        return f" || '{self.sep}' || ".join(f"x.{f}" for f in self.fields)


PIECES: tuple[Piece, ...] = (
    Piece("title", 0, Review, ("title", "incident_id"), "review x", "x.id"),
    Piece("summary", 1, Review, ("summary",), "review x", "x.id"),
    Piece("impact", 2, Review, ("impact",), "review x", "x.id"),
    Piece("figure", 3, ImpactFigure, ("label", "value"), "impact_figure x", sep=": "),
    Piece("event", 4, TimelineEvent, ("text",), "timeline_event x"),
    Piece("problem", 5, WhyTree, ("problem",), "why_tree x"),
    Piece(
        "why",
        6,
        WhyNode,
        ("text",),
        "why_node x JOIN why_tree t ON t.id = x.tree_id",
        "t.review_id",
    ),
    Piece("factor", 7, Factor, ("text", "accepted_reason"), "factor x"),
    Piece("action", 8, ActionItem, ("what", "verification", "evidence"), "action_item x"),
    Piece("lesson", 9, Lesson, ("text",), "lesson x"),
)
PARTS = {p.part: p.number for p in PIECES}
_PART_OF = {p.number: p.part for p in PIECES}
_OF_MODEL: dict[type, list[Piece]] = {}
for _piece in PIECES:
    _OF_MODEL.setdefault(_piece.model, []).append(_piece)


def key(review_id: int, part: str, row_id: int) -> int:
    return (((review_id << ROW_BITS) + row_id) << PART_BITS) + PARTS[part]


def unkey(row_key: int) -> tuple[int, str, int]:
    """The review, part and row of a key."""
    return (
        row_key >> (ROW_BITS + PART_BITS),
        _PART_OF[row_key & ((1 << PART_BITS) - 1)],
        (row_key >> PART_BITS) & ((1 << ROW_BITS) - 1),
    )


def review_range(review_id: int) -> tuple[int, int]:
    """The first and last key a review's pieces can have."""
    return review_id << (ROW_BITS + PART_BITS), ((review_id + 1) << (ROW_BITS + PART_BITS)) - 1


def review_of_key(row_key: Any) -> Any:
    """The review of a key, in SQL (a column or an expression)."""
    # A literal: PostgreSQL shifts a bigint by an integer, and a bound number is a bigint.
    return row_key.op(">>")(literal_column(str(ROW_BITS + PART_BITS)))


def _key_column(connection: Connection) -> str:
    return "rowid" if connection.dialect.name == "sqlite" else "id"


def update(session: Session) -> None:
    """Re-indexes the pieces the flush that just ran wrote (install after_flush)."""
    gone: set[int] = set()  # keys whose old text leaves the index
    lost: list[dict[str, Any]] = []  # pieces whose review is gone too: found by part and row
    rows: list[dict[str, Any]] = []  # pieces with their new text
    reviews: list[int] = []  # deleted
    owners: dict[tuple[type, int], int | None] = {}  # a why answer's review, once per tree
    for obj in session.deleted:
        if isinstance(obj, Review):
            reviews.append(obj.id)
        elif type(obj) in _OF_MODEL:
            review = _review(session, obj, owners)
            for p in _OF_MODEL[type(obj)]:
                if review is None:
                    lost.append({"part": p.part, "row_id": obj.id})
                else:
                    gone.add(key(review, p.part, obj.id))
    for obj, is_new in (
        *((o, True) for o in session.new),
        *((o, False) for o in session.dirty),
    ):
        pieces = _OF_MODEL.get(type(obj))
        if not pieces or obj in session.deleted:
            continue
        state = inspect(obj)
        review = _review(session, obj, owners)
        for piece in pieces:
            if not is_new and not any(state.attrs[f].history.has_changes() for f in piece.fields):
                continue  # a move in time, a new owner: not its text
            if review is None:
                continue  # not in a review: nothing to search it by
            row_key = key(review, piece.part, obj.id)
            gone.add(row_key)
            words = piece.text_of(obj)
            if words:
                rows.append(
                    {
                        "key": row_key,
                        "review_id": review,
                        "part": piece.part,
                        "row_id": obj.id,
                        "text": words,
                    }
                )
    if gone or lost or reviews:
        _write(session.connection(), gone, lost, rows, reviews)


def _review(session: Session, obj: Any, owners: dict[tuple[type, int], int | None]) -> int | None:
    if isinstance(obj, WhyNode):
        # A deleted tree's answers are deleted with it, by which time the tree's row is gone
        # from the table but still in the session.
        tree = session.identity_map.get(identity_key(WhyTree, obj.tree_id))
        if tree is not None:
            return int(tree.review_id)
    return change_feed.review_of(session, obj, owners)


def _write(
    connection: Connection,
    gone: Iterable[int],
    lost: list[dict[str, Any]],
    rows: list[dict[str, Any]],
    reviews: list[int],
) -> None:
    column = _key_column(connection)
    keys = sorted(gone)
    for start in range(0, len(keys), 500):  # SQLite's bound-parameter limit, with room
        connection.execute(
            text(f"DELETE FROM {TABLE} WHERE {column} IN :keys").bindparams(
                bindparam("keys", expanding=True)
            ),
            {"keys": keys[start : start + 500]},
        )
    if lost:  # a scan; only when a row outlived the knowledge of its review
        connection.execute(
            text(f"DELETE FROM {TABLE} WHERE part = :part AND row_id = :row_id"), lost
        )
    for review in reviews:
        first, last = review_range(review)
        connection.execute(
            text(f"DELETE FROM {TABLE} WHERE {column} BETWEEN :first AND :last"),
            {"first": first, "last": last},
        )
    if rows:
        connection.execute(
            text(
                f"INSERT INTO {TABLE} ({column}, review_id, part, row_id, text) "
                "VALUES (:key, :review_id, :part, :row_id, :text)"
            ),
            rows,
        )


def rebuild(connection: Connection) -> None:
    """Indexes every review again from its tables, in the caller's transaction (for rows
    written without the ORM, such as a generated archive)."""
    column = _key_column(connection)
    connection.execute(text(f"DELETE FROM {TABLE}"))
    for p in PIECES:
        words = p.sql_text()
        connection.execute(
            text(
                f"INSERT INTO {TABLE} ({column}, review_id, part, row_id, text) "
                f"SELECT ({p.review} * {1 << ROW_BITS} + x.id) * {1 << PART_BITS} + {p.number}, "
                f"{p.review}, '{p.part}', x.id, "
                f"trim(substr({words}, 1, {MOST_CHARS})) FROM {p.source} "
                f"WHERE trim({words}) <> ''"
            )
        )
    if connection.dialect.name == "sqlite":
        connection.execute(text(f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')"))
