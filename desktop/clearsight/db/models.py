"""The review as tables.

One review owns everything below it (cascade delete); people are shared across reviews so
an owner or an approver is always a person record, never free text.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from clearsight.db.types import UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_uid() -> str:
    return uuid.uuid4().hex


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _review_fk() -> Mapped[int]:
    return mapped_column(ForeignKey("review.id", ondelete="CASCADE"), index=True)


class Person(Base):
    __tablename__ = "person"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    handle: Mapped[str | None] = mapped_column(String(100), unique=True)
    email: Mapped[str | None] = mapped_column(String(320))
    # The Ed25519 public key of the signing key this person made on their own machine.
    public_key: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Review(Base):
    __tablename__ = "review"
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True, default=new_uid)
    title: Mapped[str] = mapped_column(String(300))
    severity: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20), default="draft")
    incident_id: Mapped[str] = mapped_column(String(100), default="")
    incident_start: Mapped[datetime | None] = mapped_column(UTCDateTime)
    incident_end: Mapped[datetime | None] = mapped_column(UTCDateTime)
    meeting_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    summary: Mapped[str] = mapped_column(Text, default="")
    impact: Mapped[str] = mapped_column(Text, default="")
    # The zone the timeline is typed and shown in; storage is always UTC.
    display_zone: Mapped[str] = mapped_column(String(64), default="UTC")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    participants: Mapped[list[Participant]] = relationship(
        cascade="all, delete-orphan", order_by="Participant.id"
    )
    figures: Mapped[list[ImpactFigure]] = relationship(
        cascade="all, delete-orphan", order_by="ImpactFigure.position"
    )
    events: Mapped[list[TimelineEvent]] = relationship(
        cascade="all, delete-orphan", order_by="(TimelineEvent.at, TimelineEvent.id)"
    )
    trees: Mapped[list[WhyTree]] = relationship(
        cascade="all, delete-orphan", order_by="WhyTree.position"
    )
    layers: Mapped[list[DefenseLayer]] = relationship(
        cascade="all, delete-orphan", order_by="DefenseLayer.position"
    )
    factors: Mapped[list[Factor]] = relationship(
        cascade="all, delete-orphan", order_by="Factor.position"
    )
    actions: Mapped[list[ActionItem]] = relationship(
        cascade="all, delete-orphan", order_by="ActionItem.position"
    )
    lessons: Mapped[list[Lesson]] = relationship(
        cascade="all, delete-orphan", order_by="(Lesson.kind, Lesson.position)"
    )
    signoffs: Mapped[list[SignOff]] = relationship(
        cascade="all, delete-orphan", order_by="SignOff.id"
    )
    dismissals: Mapped[list[DismissedFlag]] = relationship(
        cascade="all, delete-orphan", order_by="DismissedFlag.id"
    )
    changes: Mapped[list[Change]] = relationship(cascade="all, delete-orphan", order_by="Change.id")


class Participant(Base):
    """A person's role in one review: facilitator, notetaker, attendee or approver."""

    __tablename__ = "participant"
    __table_args__ = (UniqueConstraint("review_id", "person_id", "role"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = _review_fk()
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    role: Mapped[str] = mapped_column(String(20))
    person: Mapped[Person] = relationship(lazy="joined")


class ImpactFigure(Base):
    """One measured impact number, e.g. "Peak error rate" = "38 %"."""

    __tablename__ = "impact_figure"
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = _review_fk()
    label: Mapped[str] = mapped_column(String(200))
    value: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class TimelineEvent(Base):
    __tablename__ = "timeline_event"
    # One imported message once per review, even when two people import the same file at
    # the same time (NULL, a typed event, may repeat).
    __table_args__ = (UniqueConstraint("review_id", "source_key", name="uq_timeline_event_source"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = _review_fk()
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    text: Mapped[str] = mapped_column(Text, default="")
    # trigger, detected, acknowledged, escalated, mitigated, resolved, all_clear
    mark: Mapped[str | None] = mapped_column(String(20))
    # Where an imported event came from (file digest + message id): re-imports skip it.
    source_key: Mapped[str | None] = mapped_column(String(200), index=True)


class WhyTree(Base):
    __tablename__ = "why_tree"
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = _review_fk()
    problem: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    nodes: Mapped[list[WhyNode]] = relationship(
        cascade="all, delete-orphan", order_by="WhyNode.position"
    )


class WhyNode(Base):
    """An answer to "why?" of its parent (or of the tree's problem when it has no parent)."""

    __tablename__ = "why_node"
    id: Mapped[int] = mapped_column(primary_key=True)
    tree_id: Mapped[int] = mapped_column(ForeignKey("why_tree.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("why_node.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    # The facilitator's answer to "is this something the team can change?" (None: not asked).
    changeable: Mapped[bool | None] = mapped_column(Boolean)
    parent: Mapped[WhyNode | None] = relationship(remote_side=[id])


class DefenseLayer(Base):
    __tablename__ = "defense_layer"
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = _review_fk()
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)


class FactorWhyLink(Base):
    __tablename__ = "factor_why_link"
    factor_id: Mapped[int] = mapped_column(
        ForeignKey("factor.id", ondelete="CASCADE"), primary_key=True
    )
    node_id: Mapped[int] = mapped_column(
        ForeignKey("why_node.id", ondelete="CASCADE"), primary_key=True
    )


class ActionFactorLink(Base):
    __tablename__ = "action_factor_link"
    action_id: Mapped[int] = mapped_column(
        ForeignKey("action_item.id", ondelete="CASCADE"), primary_key=True
    )
    factor_id: Mapped[int] = mapped_column(
        ForeignKey("factor.id", ondelete="CASCADE"), primary_key=True
    )


class Factor(Base):
    """A contributing factor: a hole in one defense layer."""

    __tablename__ = "factor"
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = _review_fk()
    layer_id: Mapped[int | None] = mapped_column(
        ForeignKey("defense_layer.id", ondelete="SET NULL")
    )
    text: Mapped[str] = mapped_column(Text, default="")
    accepted_risk: Mapped[bool] = mapped_column(Boolean, default=False)
    accepted_reason: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    layer: Mapped[DefenseLayer | None] = relationship()
    why_nodes: Mapped[list[WhyNode]] = relationship(secondary="factor_why_link")
    # The action items that close this factor: read through the link, written from the action.
    actions: Mapped[list[ActionItem]] = relationship(secondary="action_factor_link", viewonly=True)


class ActionItem(Base):
    __tablename__ = "action_item"
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = _review_fk()
    what: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(20), default="prevention")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    due: Mapped[date | None] = mapped_column(Date)
    ticket: Mapped[str] = mapped_column(String(500), default="")
    verification: Mapped[str] = mapped_column(Text, default="")
    # open, in_progress, done, dropped
    status: Mapped[str] = mapped_column(String(20), default="open")
    status_reason: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    owner: Mapped[Person | None] = relationship(lazy="joined")
    factors: Mapped[list[Factor]] = relationship(secondary="action_factor_link")


class Lesson(Base):
    __tablename__ = "lesson"
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = _review_fk()
    kind: Mapped[str] = mapped_column(String(10))  # well, poorly, lucky
    text: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class SignOff(Base):
    __tablename__ = "sign_off"
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = _review_fk()
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    role: Mapped[str] = mapped_column(String(100), default="")
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    digest: Mapped[str] = mapped_column(String(64), default="")
    signature: Mapped[bytes | None] = mapped_column(LargeBinary)
    public_key: Mapped[bytes | None] = mapped_column(LargeBinary)  # the key that signed
    statement: Mapped[str | None] = mapped_column(Text)  # the exact text the signature covers
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    void_reason: Mapped[str] = mapped_column(Text, default="")
    # Voiding is signed too: the statement, its signature and the voider's public key.
    void_statement: Mapped[str | None] = mapped_column(Text)
    void_signature: Mapped[bytes | None] = mapped_column(LargeBinary)
    void_key: Mapped[bytes | None] = mapped_column(LargeBinary)
    person: Mapped[Person] = relationship(lazy="joined")


class DismissedFlag(Base):
    """A language finding the facilitator dismissed: the same rule on the same words stays quiet."""

    __tablename__ = "dismissed_flag"
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = _review_fk()
    field: Mapped[str] = mapped_column(String(100))  # e.g. "summary", "event:12"
    rule_id: Mapped[str] = mapped_column(String(100))
    snippet: Mapped[str] = mapped_column(Text)  # the flagged words, so an edit elsewhere keeps it
    reason: Mapped[str] = mapped_column(String(20), default="false_alarm")  # or "quotation"
    dismissed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Change(Base):
    """History: who changed what and why (re-dated actions, reopened reviews, status moves)."""

    __tablename__ = "change"
    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = _review_fk()
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    entity: Mapped[str] = mapped_column(String(50))  # "review", "action:7", ...
    field: Mapped[str] = mapped_column(String(50))
    old: Mapped[str] = mapped_column(Text, default="")
    new: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")


class ChangeRecord(Base):
    """One row written, in the same transaction as the write: the feed that other windows
    and `clearsight watch` follow, and the revisions optimistic writes are checked against
    (a row's revision is the id of its newest record)."""

    __tablename__ = "change_record"
    __table_args__ = (Index("ix_change_record_row", "entity", "row_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    # No foreign key: the record of a review's deletion outlives the review.
    review_id: Mapped[int | None] = mapped_column(Integer, index=True)
    entity: Mapped[str] = mapped_column(String(50))  # the table: "review", "timeline_event"
    row_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(10))  # "insert", "update", "delete"
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    who: Mapped[str] = mapped_column(String(200), default="")  # the client that wrote it


class Setting(Base):
    """Team defaults kept with the data (time boxes, due windows): one JSON value per key."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Presence(Base):
    """Who has a review open now, where: one row a window, renewed every few seconds and
    forgotten when it is older than that (a closed laptop leaves no ghost). Not a change of
    the review, so it leaves no change record."""

    __tablename__ = "presence"
    client: Mapped[str] = mapped_column(String(200), primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("review.id", ondelete="CASCADE"), index=True)
    person: Mapped[str] = mapped_column(String(200))  # the name shown to the others
    role: Mapped[str] = mapped_column(String(20))  # facilitator, notetaker, attendee, observer
    phase: Mapped[str] = mapped_column(String(50), default="")
    field: Mapped[str] = mapped_column(String(100), default="")  # where they are typing
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The facilitator's meeting clock (JSON: MeetingClock.state and whether it runs), which
    # the windows that follow them show; "" for everyone else.
    clock: Mapped[str] = mapped_column(Text, default="", server_default="")


class Tag(Base):
    """A word of the team's taxonomy (a service, a kind of trigger, a theme), kept once and
    put on reviews, so reviews about the same thing find each other."""

    __tablename__ = "tag"
    __table_args__ = (UniqueConstraint("kind", "name"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # service, trigger, theme
    name: Mapped[str] = mapped_column(String(100))  # as typed first; matched without case


class ReviewTag(Base):
    __tablename__ = "review_tag"
    review_id: Mapped[int] = mapped_column(
        ForeignKey("review.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class FactorTag(Base):
    """A tag on a contributing factor (the layer's service, the kind of trigger): factors of
    different reviews filed alike find each other."""

    __tablename__ = "factor_tag"
    factor_id: Mapped[int] = mapped_column(
        ForeignKey("factor.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True, index=True
    )
