"""Search across every review's text: ranked hits, each with its review, the part and row to
jump to, and the matched words in context.

The index is db/search_index.py's: FTS5 ranked by bm25 on SQLite, a tsvector ranked by ts_rank
on PostgreSQL; what the user typed becomes quoted words first (review/search_terms.py), so no
query is a syntax error. The snippet is cut in Python from the hit's text, the same on both
databases, and only for the hits returned.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    String,
    func,
    literal_column,
    or_,
    select,
    table,
)
from sqlalchemy import column as col
from sqlalchemy.orm import Session

from clearsight.db.models import (
    ActionItem,
    Factor,
    FactorTag,
    Participant,
    Person,
    Review,
    ReviewTag,
    Tag,
)
from clearsight.db.search_index import TABLE, review_of_key, unkey
from clearsight.errors import UserError
from clearsight.review import rules
from clearsight.review.search_terms import Marks, Terms, parse, snippet
from clearsight.services.part import Part
from clearsight.services.tag_names import parse_tag

MOST_HITS = 500
# Where each part is shown in the window: the agenda phase (rules.PHASES) to jump to.
PHASE_OF_PART = {
    "title": "summary",
    "summary": "summary",
    "impact": "summary",
    "figure": "summary",
    "event": "timeline",
    "problem": "whys",
    "why": "whys",
    "factor": "factors",
    "action": "actions",
    "lesson": "lessons",
}


@dataclass(frozen=True)
class Hit:
    review_id: int
    title: str
    severity: str
    status: str
    incident_start: datetime | None
    part: str  # title, summary, impact, figure, event, problem, why, factor, action, lesson
    row_id: int  # the row of that part (the review's own id for title, summary and impact)
    snippet: str  # the text around the match, without marks
    marks: Marks  # where the matched words are in the snippet
    score: float  # higher is better, comparable within one search only

    @property
    def phase(self) -> str:
        return PHASE_OF_PART[self.part]

    def marked(self, start: str = "[", end: str = "]") -> str:
        """The snippet with each matched word between ``start`` and ``end``."""
        out, at = [], 0
        for begin, stop in self.marks:
            out += [self.snippet[at:begin], start, self.snippet[begin:stop], end]
            at = stop
        out.append(self.snippet[at:])
        return "".join(out)

    def as_json(self) -> dict[str, Any]:
        return {
            "review_id": self.review_id,
            "title": self.title,
            "severity": self.severity,
            "status": self.status,
            "incident_start": rules.format_instant(self.incident_start),
            "part": self.part,
            "row_id": self.row_id,
            "snippet": self.marked(),
            "score": round(self.score, 6),
        }


# The index as SQLAlchemy sees it: a table it does not create (see db/migrate.UNMODELLED).
SQLITE_INDEX = table(TABLE, col("rowid", BigInteger), col("text", String))
PG_INDEX = table(TABLE, col("id", BigInteger), col("doc"), col("text", String))
Ranked = list[tuple[int, float]]  # key, score (higher is better)


class Search(Part):
    def search(
        self,
        query: str,
        severity: str | Iterable[str] | None = None,
        since: date | None = None,
        until: date | None = None,
        status: str | None = None,
        person: str | int | None = None,
        limit: int = 50,
        review: int | None = None,
        tag: str | None = None,
    ) -> list[Hit]:
        """The best ``limit`` hits for ``query``, best first, in reviews that pass the filters:
        severity (one or several), the incident's day from ``since`` to ``until`` (inclusive;
        a review without an incident start counts from when it was made), the review's status,
        a person who took part or owns an action (id, @handle, email or part of a name), and
        with ``review``, that one review only (a search inside the open review), and with
        ``tag`` ("service: payments", or a name of any kind) the reviews that carry it.
        """
        where = _filters(severity, since, until, status, person)
        if tag is not None:
            where.append(_with_tag(tag))
        if review is not None:
            where.append(Review.id == review)
        terms = parse(query)
        if not terms.groups:
            return []
        limit = max(1, min(int(limit), MOST_HITS))
        with self._tx() as s:
            sqlite = s.get_bind().dialect.name == "sqlite"
            ranked = (_sqlite if sqlite else _postgres)(s, terms, where, limit)
            index = SQLITE_INDEX if sqlite else PG_INDEX
            key, text = (index.c.rowid if sqlite else index.c.id), index.c.text
            keys = [k for k, _ in ranked]
            texts = {k: t for k, t in s.execute(select(key, text).where(key.in_(keys)))}
            columns = (Review.title, Review.severity, Review.status, Review.incident_start)
            ids = {unkey(k)[0] for k in keys}
            reviews = {
                r.id: r for r in s.execute(select(Review.id, *columns).where(Review.id.in_(ids)))
            }
        hits = []
        for row_key, score in ranked:
            review_id, part, row_id = unkey(row_key)
            r = reviews.get(review_id)
            if r is not None:
                cut, marks = snippet(texts.get(row_key, ""), terms)
                hits.append(
                    Hit(review_id, r.title, r.severity, r.status, r.incident_start, part, row_id,
                        cut, marks, score)
                )  # fmt: skip
        return hits


def _sqlite(s: Session, terms: Terms, where: list[ColumnElement[bool]], limit: int) -> Ranked:
    rowid = SQLITE_INDEX.c.rowid
    bm25 = func.bm25(literal_column(TABLE))
    # Only the key and the rank of every match: reading the other columns of all the rows a
    # common word is in would cost more than ranking them.
    ranked = select(rowid, bm25).where(literal_column(TABLE).op("MATCH")(terms.fts5()))
    if where:
        ranked = ranked.where(review_of_key(rowid).in_(select(Review.id).where(*where)))
    # Words in nearly every piece ("the") rank nothing: the newest pieces, without ranking all.
    order = (rowid.desc(),) if terms.common_only else (bm25, rowid)
    found = s.execute(ranked.order_by(*order).limit(limit))
    return [(k, -float(score)) for k, score in found]  # bm25: lower is better


def _postgres(s: Session, terms: Terms, where: list[ColumnElement[bool]], limit: int) -> Ranked:
    pg = PG_INDEX.c
    query = func.to_tsquery(literal_column("'simple'::regconfig"), terms.tsquery())
    # Normalisation 1 divides by the log of the piece's length: a short title that says it
    # outranks a long summary that mentions it once, as bm25 ranks them.
    rank = func.ts_rank(pg.doc, query, 1)
    ranked = select(pg.id, rank).where(pg.doc.op("@@")(query))
    if where:
        ranked = ranked.where(review_of_key(pg.id).in_(select(Review.id).where(*where)))
    order = (pg.id.desc(),) if terms.common_only else (rank.desc(), pg.id)
    found = s.execute(ranked.order_by(*order).limit(limit))
    return [(k, float(score)) for k, score in found]


def _filters(
    severity: str | Iterable[str] | None,
    since: date | None,
    until: date | None,
    status: str | None,
    person: str | int | None,
) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    try:
        if severity is not None:
            wanted: Sequence[str] = [severity] if isinstance(severity, str) else list(severity)
            where.append(Review.severity.in_({rules.parse_severity(v) for v in wanted}))
        if status is not None:
            where.append(Review.status == rules.parse_status(status))
    except ValueError as err:
        raise UserError(str(err)) from err
    if since is not None and until is not None and since > until:
        raise UserError(f"The range starts ({since}) after it ends ({until}).")
    when = func.coalesce(Review.incident_start, Review.created_at)
    if since is not None:
        where.append(when >= _midnight(since))
    if until is not None:
        where.append(when < _midnight(until) + timedelta(days=1))
    if person is not None:
        where.append(_with_person(person))
    return where


def tagged_reviews() -> Any:
    """(review id, tag id) of every tag on a review or on one of its factors, as a subquery."""
    on_factors = select(Factor.review_id, FactorTag.tag_id).join(
        FactorTag, FactorTag.factor_id == Factor.id
    )
    return select(ReviewTag.review_id, ReviewTag.tag_id).union(on_factors).subquery()


def _with_tag(text: str) -> ColumnElement[bool]:
    """The reviews that carry the tag, themselves or on one of their factors."""
    kind, name = parse_tag(text)
    tags = select(Tag.id).where(func.lower(Tag.name) == name.lower())
    if ":" in text:  # a kind named: only that kind's tag of the name
        tags = tags.where(Tag.kind == kind)
    tagged = tagged_reviews()
    return Review.id.in_(select(tagged.c.review_id).where(tagged.c.tag_id.in_(tags)))


def _midnight(day: date) -> datetime:
    if isinstance(day, datetime):
        day = day.date()
    return datetime.combine(day, time(), tzinfo=UTC)


def _with_person(person: str | int) -> ColumnElement[bool]:
    if isinstance(person, int):
        people = select(Person.id).where(Person.id == person)
    else:
        # No NUL: PostgreSQL refuses it in text, and SQLite's LIKE stops at it.
        wanted = person.replace("\x00", "").strip().removeprefix("@").strip().lower()
        if not wanted:
            raise UserError("Name a person: an @handle, an email or part of a name.")
        people = select(Person.id).where(
            or_(
                func.lower(Person.handle) == wanted,
                func.lower(Person.email) == wanted,
                func.lower(Person.name).contains(wanted, autoescape=True),
            )
        )
    return or_(
        Review.id.in_(select(Participant.review_id).where(Participant.person_id.in_(people))),
        Review.id.in_(select(ActionItem.review_id).where(ActionItem.owner_id.in_(people))),
    )
