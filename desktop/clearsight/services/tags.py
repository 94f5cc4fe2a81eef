"""Tags: the team's taxonomy on reviews, suggestions as one types, and related reviews.

A tag is a kind and a name ("service: payments", "trigger: config change"); typed without a
kind it is a theme. Names match without case, and the first spelling is kept, so "Payments"
and "payments" are one tag. Related reviews share tags, or have a factor like one of this
review's (services/recurring.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from clearsight.db.models import Factor, Review, ReviewTag, Tag
from clearsight.services.part import Part, review_row
from clearsight.services.recurring import Recurring
from clearsight.services.tag_names import KINDS, parse_tag


@dataclass(frozen=True)
class TagData:
    id: int
    kind: str
    name: str
    uses: int = 0

    @property
    def label(self) -> str:
        return self.name if self.kind == "theme" else f"{self.kind}: {self.name}"


@dataclass(frozen=True)
class Related:
    review_id: int
    title: str
    shared: tuple[str, ...]  # the tags both have
    similar_factors: int  # factors of it like one of this review's

    def why(self) -> str:
        parts = [", ".join(self.shared)] if self.shared else []
        if self.similar_factors:
            n = self.similar_factors
            parts.append(f"{n} similar factor{'s' if n > 1 else ''}")
        return "; ".join(parts)


class Tags(Part):
    def tag(self, review_id: int, text: str) -> TagData:
        """Puts the tag ``text`` on the review (made the first time it is used)."""
        kind, name = parse_tag(text)
        with self._tx() as s:
            review_row(s, review_id)
            tag = s.scalar(
                select(Tag).where(Tag.kind == kind, func.lower(Tag.name) == name.lower())
            )
            if tag is None:
                tag = Tag(kind=kind, name=name)
                s.add(tag)
                s.flush()
            if s.get(ReviewTag, (review_id, tag.id)) is None:
                s.add(ReviewTag(review_id=review_id, tag_id=tag.id))
            return TagData(tag.id, tag.kind, tag.name)

    def untag(self, review_id: int, tag_id: int) -> None:
        with self._tx() as s:
            s.execute(
                delete(ReviewTag).where(
                    ReviewTag.review_id == review_id, ReviewTag.tag_id == tag_id
                )
            )

    def of(self, review_id: int) -> list[TagData]:
        with self._tx() as s:
            rows = s.execute(
                select(Tag.id, Tag.kind, Tag.name)
                .join(ReviewTag, ReviewTag.tag_id == Tag.id)
                .where(ReviewTag.review_id == review_id)
            )
            tags = [TagData(i, k, n) for i, k, n in rows]
        return sorted(tags, key=lambda t: (KINDS.index(t.kind), t.name.lower()))

    def all(self, prefix: str = "", most: int = 200) -> list[TagData]:
        """The taxonomy, most used first; with ``prefix``, the tags whose name (or "kind:
        name") starts with it: the suggestions as one types."""
        wanted = " ".join(prefix.split()).lower()
        with self._tx() as s:
            uses = func.count(ReviewTag.review_id)
            rows = s.execute(
                select(Tag.id, Tag.kind, Tag.name, uses)
                .outerjoin(ReviewTag, ReviewTag.tag_id == Tag.id)
                .group_by(Tag.id, Tag.kind, Tag.name)
                .order_by(uses.desc(), func.lower(Tag.name))
            )
            tags = [TagData(i, k, n, int(u)) for i, k, n, u in rows]
        if wanted:
            tags = [
                t for t in tags
                if t.name.lower().startswith(wanted) or t.label.lower().startswith(wanted)
            ]  # fmt: skip
        return tags[:most]

    def related(self, review_id: int, most: int = 5) -> list[Related]:
        """Reviews sharing this one's tags or with a factor like one of its, closest first."""
        with self._tx() as s:
            review_row(s, review_id)
            shared = _shared_tags(s, review_id)
            factor_ids = list(s.scalars(select(Factor.id).where(Factor.review_id == review_id)))
        similar: Counter[int] = Counter()
        recurring = Recurring(self.store, self._session)
        for factor_id in factor_ids[:20]:
            for found in recurring.similar_factors(factor_id, most=5):
                similar[found.review_id] += 1
        ids = set(shared) | set(similar)
        if not ids:
            return []
        with self._tx() as s:
            titles = dict(
                s.execute(select(Review.id, Review.title).where(Review.id.in_(ids))).all()
            )
        related = [
            Related(i, titles[i], tuple(sorted(shared.get(i, ()))), similar[i])
            for i in ids
            if i in titles
        ]
        related.sort(key=lambda r: (-(len(r.shared) + r.similar_factors), r.title.lower()))
        return related[:most]


def _shared_tags(s: Session, review_id: int) -> dict[int, set[str]]:
    mine = select(ReviewTag.tag_id).where(ReviewTag.review_id == review_id)
    rows = s.execute(
        select(ReviewTag.review_id, Tag.kind, Tag.name)
        .join(Tag, Tag.id == ReviewTag.tag_id)
        .where(ReviewTag.tag_id.in_(mine), ReviewTag.review_id != review_id)
    )
    shared: dict[int, set[str]] = {}
    for other, kind, name in rows:
        shared.setdefault(other, set()).add(TagData(0, kind, name).label)
    return shared
