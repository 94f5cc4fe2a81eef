"""Recurring factors: a contributing factor of this review that resembles one of an earlier
review, with how that review's action items for it fared.

The search index finds the earlier factors that share any of the factor's telling words
(ranked by bm25 or ts_rank); they are then kept only when enough of their words are the same
(``LIKE_ENOUGH`` of the shorter one's), so "connection pool exhausted under peak load" meets
"the pool ran out of connections at peak" and not every factor that says "alert".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, func, literal_column, select
from sqlalchemy.orm import Session

from clearsight.db.models import ActionFactorLink, ActionItem, Factor, Review
from clearsight.db.search_index import PARTS, TABLE, review_of_key, unkey
from clearsight.review.insight_words import factor_words
from clearsight.review.search_terms import Terms
from clearsight.services.part import Part, row_of
from clearsight.services.search import PG_INDEX, SQLITE_INDEX

LIKE_ENOUGH = 0.5
MOST_WORDS = 12


@dataclass(frozen=True)
class ActionFate:
    what: str
    status: str
    due: date | None
    overdue: bool


@dataclass(frozen=True)
class SimilarFactor:
    review_id: int
    review_title: str
    incident_start: datetime | None
    factor_id: int
    text: str
    likeness: float  # the share of the shorter factor's words the two have in common
    actions: tuple[ActionFate, ...]

    def fared(self) -> str:
        """How its action items went, in a few words: "2 actions: 1 done, 1 overdue"."""
        if not self.actions:
            return "no action item was linked to it"
        counts: dict[str, int] = {}
        for a in self.actions:
            state = "overdue" if a.overdue else a.status.replace("_", " ")
            counts[state] = counts.get(state, 0) + 1
        parts = ", ".join(f"{n} {state}" for state, n in sorted(counts.items()))
        return f"{len(self.actions)} action{'s' if len(self.actions) > 1 else ''}: {parts}"


class Recurring(Part):
    def similar_factors(self, factor_id: int, most: int = 3) -> list[SimilarFactor]:
        """Factors of other reviews like this one, most alike first."""
        with self._tx() as s:
            factor = row_of(s, Factor, factor_id, "factor")
            mine = factor_words(factor.text)
            if not mine:
                return []
            wanted = sorted(mine, key=lambda w: (-len(w), w))[:MOST_WORDS]
            terms = Terms(tuple((w,) for w in wanted), prefix=False, any=True)
            found = []
            for row_key, text in _factor_hits(s, terms, factor.review_id):
                theirs = factor_words(text)
                likeness = len(mine & theirs) / max(1, min(len(mine), len(theirs)))
                if likeness >= LIKE_ENOUGH:
                    found.append((likeness, unkey(row_key)))
            found.sort(key=lambda f: -f[0])
            return [_similar(s, likeness, review, row) for likeness, (review, _, row) in found][
                :most
            ]


def _factor_hits(s: Session, terms: Terms, not_review: int) -> list[tuple[int, str]]:
    """The index's factor pieces of other reviews that share a word, best ranked first."""
    sqlite = s.get_bind().dialect.name == "sqlite"
    index = SQLITE_INDEX if sqlite else PG_INDEX
    key = index.c.rowid if sqlite else index.c.id
    rank: ColumnElement[Any]  # lower is better, as bm25 ranks
    if sqlite:
        match = literal_column(TABLE).op("MATCH")(terms.fts5())
        rank = func.bm25(literal_column(TABLE))
    else:
        query = func.to_tsquery(literal_column("'simple'::regconfig"), terms.tsquery())
        match = index.c.doc.op("@@")(query)
        rank = -func.ts_rank(index.c.doc, query, 1)
    rows = s.execute(
        select(key, index.c.text)
        .where(match, key.op("&")(15) == PARTS["factor"], review_of_key(key) != not_review)
        .order_by(rank, key)
        .limit(30)
    )
    return [(int(k), str(t)) for k, t in rows]


def _similar(s: Session, likeness: float, review_id: int, factor_id: int) -> SimilarFactor:
    review = s.get(Review, review_id)
    factor = s.get(Factor, factor_id)
    assert review is not None and factor is not None
    today = date.today()
    actions = s.scalars(
        select(ActionItem)
        .join(ActionFactorLink, ActionFactorLink.action_id == ActionItem.id)
        .where(ActionFactorLink.factor_id == factor_id)
        .order_by(ActionItem.position)
    )
    fates = tuple(
        ActionFate(
            a.what,
            a.status,
            a.due,
            a.status in ("open", "in_progress") and a.due is not None and a.due < today,
        )
        for a in actions
    )
    return SimilarFactor(
        review.id, review.title, review.incident_start, factor.id, factor.text, likeness, fates
    )
