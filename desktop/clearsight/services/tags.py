"""Tags: the team's taxonomy on reviews, suggestions as one types, and related reviews.

A tag is a kind and a name ("service: payments", "trigger: config change"); typed without a
kind it is a theme. Names match without case, and the first spelling is kept, so "Payments"
and "payments" are one tag. Related reviews share tags, or have a factor like one of this
review's (services/recurring.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from clearsight.db.models import Factor, FactorTag, Review, ReviewTag, Tag
from clearsight.errors import UserError
from clearsight.services.part import Part, review_row, row_of
from clearsight.services.recurring import Recurring
from clearsight.services.search import tagged_reviews
from clearsight.services.tag_names import KINDS, parse_tag, tag_label


@dataclass(frozen=True)
class TagData:
    id: int
    kind: str
    name: str
    uses: int = 0

    @property
    def label(self) -> str:
        return tag_label(self.kind, self.name)


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
        with self._tx() as s:
            review_row(s, review_id)
            return _put(s, ReviewTag, review_id, text)

    def untag(self, review_id: int, tag_id: int) -> None:
        with self._tx() as s:
            _remove(s, ReviewTag, review_id, tag_id)

    def of(self, review_id: int) -> list[TagData]:
        with self._tx() as s:
            return _tags_on(s, ReviewTag, review_id)

    def tag_factor(self, factor_id: int, text: str) -> TagData:
        """Puts the tag ``text`` on a contributing factor."""
        with self._tx() as s:
            row_of(s, Factor, factor_id, "factor")
            return _put(s, FactorTag, factor_id, text)

    def untag_factor(self, factor_id: int, tag_id: int) -> None:
        with self._tx() as s:
            _remove(s, FactorTag, factor_id, tag_id)

    def of_factor(self, factor_id: int) -> list[TagData]:
        with self._tx() as s:
            return _tags_on(s, FactorTag, factor_id)

    def all(self, prefix: str = "", most: int = 200) -> list[TagData]:
        """The taxonomy, most used first; with ``prefix``, the tags whose name (or "kind:
        name") starts with it: the suggestions as one types."""
        wanted = " ".join(prefix.split()).lower()
        with self._tx() as s:
            uses: Counter[int] = Counter()
            for model in (ReviewTag, FactorTag):  # a tag used on reviews and on factors
                counted = s.execute(select(model.tag_id, func.count()).group_by(model.tag_id))
                uses.update(dict(counted.all()))
            rows = s.execute(select(Tag.id, Tag.kind, Tag.name)).all()
        tags = sorted(
            (TagData(i, k, n, uses[i]) for i, k, n in rows), key=lambda t: (-t.uses, t.name.lower())
        )
        if wanted:
            tags = [
                t for t in tags
                if t.name.lower().startswith(wanted) or t.label.lower().startswith(wanted)
            ]  # fmt: skip
        return tags[:most]

    def rename(self, old: str, new: str) -> TagData:
        """Renames a tag of the taxonomy everywhere it is used; when ``new`` is already a tag,
        the two become one (its reviews and factors keep it once)."""
        kind, name = parse_tag(old)
        with self._tx() as s:
            tag = s.scalar(
                select(Tag).where(Tag.kind == kind, func.lower(Tag.name) == name.lower())
            )
            if tag is None:
                raise UserError(f"There is no tag {old!r}.")
            to_kind, to_name = parse_tag(new)
            into = s.scalar(
                select(Tag).where(Tag.kind == to_kind, func.lower(Tag.name) == to_name.lower())
            )
            if into is None or into.id == tag.id:
                tag.kind, tag.name = to_kind, to_name
                return TagData(tag.id, tag.kind, tag.name)
            for model, key in ((ReviewTag, "review_id"), (FactorTag, "factor_id")):
                have = set(s.scalars(select(getattr(model, key)).where(model.tag_id == into.id)))
                for link in s.scalars(select(model).where(model.tag_id == tag.id)).all():
                    if getattr(link, key) not in have:
                        s.add(model(**{key: getattr(link, key), "tag_id": into.id}))
            s.delete(tag)  # its remaining links go with it (ON DELETE CASCADE)
            return TagData(into.id, into.kind, into.name)

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
    tagged = tagged_reviews()
    mine = select(tagged.c.tag_id).where(tagged.c.review_id == review_id)
    rows = s.execute(
        select(tagged.c.review_id, Tag.kind, Tag.name)
        .join(Tag, Tag.id == tagged.c.tag_id)
        .where(tagged.c.tag_id.in_(mine), tagged.c.review_id != review_id)
    )
    shared: dict[int, set[str]] = {}
    for other, kind, name in rows:
        shared.setdefault(other, set()).add(tag_label(kind, name))
    return shared


def _tag_named(s: Session, text: str) -> Tag:
    """The tag ``text`` names, made the first time it is used; its first spelling stays."""
    kind, name = parse_tag(text)
    tag = s.scalar(select(Tag).where(Tag.kind == kind, func.lower(Tag.name) == name.lower()))
    if tag is None:
        tag = Tag(kind=kind, name=name)
        s.add(tag)
        s.flush()
    return tag


def _sorted(tags: Iterable[TagData]) -> list[TagData]:
    return sorted(tags, key=lambda t: (KINDS.index(t.kind), t.name.lower()))


# A review and a factor carry tags alike: a link row of (the owner's id, the tag's id).
Link = type[ReviewTag] | type[FactorTag]


def _owner(link: Link) -> Any:
    return ReviewTag.review_id if link is ReviewTag else FactorTag.factor_id


def _put(s: Session, link: Link, owner_id: int, text: str) -> TagData:
    tag = _tag_named(s, text)
    if s.get(link, (owner_id, tag.id)) is None:
        s.add(link(**{_owner(link).key: owner_id}, tag_id=tag.id))
    return TagData(tag.id, tag.kind, tag.name)


def _remove(s: Session, link: Link, owner_id: int, tag_id: int) -> None:
    s.execute(delete(link).where(_owner(link) == owner_id, link.tag_id == tag_id))


def _tags_on(s: Session, link: Link, owner_id: int) -> list[TagData]:
    rows = s.execute(
        select(Tag.id, Tag.kind, Tag.name)
        .join(link, link.tag_id == Tag.id)
        .where(_owner(link) == owner_id)
    )
    return _sorted(TagData(i, k, n) for i, k, n in rows)
