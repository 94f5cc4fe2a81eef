"""Plain snapshots of stored rows: what the UI and the CLI read. No ORM objects leak out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class ReviewSummary:
    id: int
    title: str
    severity: str
    status: str
    incident_id: str
    incident_start: datetime | None


@dataclass(frozen=True)
class PersonData:
    id: int
    name: str
    handle: str | None = None
    email: str | None = None
    public_key: bytes | None = None  # their registered signing key, if they made one

    @property
    def label(self) -> str:
        return f"{self.name} (@{self.handle})" if self.handle else self.name


@dataclass(frozen=True)
class ParticipantData:
    person: PersonData
    role: str


@dataclass(frozen=True)
class LessonData:
    id: int
    kind: str
    text: str
    position: int


@dataclass(frozen=True)
class FigureData:
    id: int
    label: str
    value: str
    position: int


@dataclass(frozen=True)
class EventData:
    id: int
    at: datetime  # UTC
    text: str
    mark: str | None = None
    source_key: str | None = None


@dataclass(frozen=True)
class WhyNodeData:
    id: int
    tree_id: int
    parent_id: int | None  # None: an answer to the tree's problem
    text: str
    position: int
    changeable: bool | None = None  # "can the team change this?" (None: not asked yet)


@dataclass(frozen=True)
class WhyTreeData:
    id: int
    problem: str
    position: int
    nodes: list[WhyNodeData] = field(default_factory=list)  # parents before children

    def children(self, parent_id: int | None) -> list[WhyNodeData]:
        return sorted((n for n in self.nodes if n.parent_id == parent_id), key=lambda n: n.position)

    def depth(self, node_id: int) -> int:
        """1 for an answer to the problem, 2 for its answer, and so on."""
        by_id = {n.id: n for n in self.nodes}
        depth, node = 0, by_id.get(node_id)
        while node is not None:
            depth += 1
            node = by_id.get(node.parent_id) if node.parent_id is not None else None
        return depth


@dataclass(frozen=True)
class LayerData:
    id: int
    name: str
    position: int


@dataclass(frozen=True)
class FactorData:
    id: int
    layer_id: int | None
    text: str
    accepted_risk: bool
    accepted_reason: str
    position: int
    node_ids: tuple[int, ...] = ()
    action_ids: tuple[int, ...] = ()

    @property
    def is_open(self) -> bool:
        """A hole no action closes and no one accepted as a risk."""
        return not self.action_ids and not self.accepted_risk


OPEN_STATUSES = ("open", "in_progress")  # an action item still to do


@dataclass(frozen=True)
class ActionData:
    id: int
    review_id: int
    what: str
    category: str
    owner: PersonData | None
    due: date | None
    ticket: str
    verification: str
    status: str
    status_reason: str
    evidence: str
    position: int
    factor_ids: tuple[int, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


@dataclass(frozen=True)
class ChangeData:
    at: datetime
    entity: str
    field: str
    old: str
    new: str
    reason: str


@dataclass(frozen=True)
class OpenAction:
    """An action item seen across reviews: the prior-actions phase and `clearsight actions`."""

    action: ActionData
    review_title: str
    review_severity: str
    factors: tuple[str, ...]
    history: tuple[ChangeData, ...]

    def overdue(self, today: date) -> bool:
        return self.action.is_open and self.action.due is not None and self.action.due < today


@dataclass(frozen=True)
class DismissalData:
    """A language finding the facilitator dismissed (see clearsight.review.flags)."""

    id: int
    place: str
    rule_id: str
    snippet: str
    reason: str
    dismissed_at: datetime | None = None


@dataclass(frozen=True)
class SignOffData:
    """One approver's sign-off: what they signed, with what key, and whether it still stands."""

    person: PersonData
    role: str
    signed_at: datetime
    digest: str
    signature: bytes | None
    public_key: bytes | None
    voided_at: datetime | None
    void_reason: str
    statement: str | None = None  # the signed approval statement
    void_statement: str | None = None  # the signed statement that voided it
    void_signature: bytes | None = None
    void_key: bytes | None = None


@dataclass(frozen=True)
class ReviewDetail:
    id: int
    uid: str
    title: str
    severity: str
    status: str
    incident_id: str
    incident_start: datetime | None
    incident_end: datetime | None
    meeting_at: datetime | None
    summary: str
    impact: str
    display_zone: str
    participants: list[ParticipantData] = field(default_factory=list)
    figures: list[FigureData] = field(default_factory=list)
    lessons: list[LessonData] = field(default_factory=list)
    dismissals: list[DismissalData] = field(default_factory=list)
    events: list[EventData] = field(default_factory=list)  # in time order
    trees: list[WhyTreeData] = field(default_factory=list)
    layers: list[LayerData] = field(default_factory=list)
    factors: list[FactorData] = field(default_factory=list)
    actions: list[ActionData] = field(default_factory=list)
    signoffs: list[SignOffData] = field(default_factory=list)  # in the order they were made
    history: list[ChangeData] = field(default_factory=list)  # the review's change records

    def people_in(self, role: str) -> list[PersonData]:
        return [p.person for p in self.participants if p.role == role]


# What an edit of each part of a review may change in its read model: the lists a reload
# after that edit reads again (the review's own fields are always read). Deleting a why
# node drops its factor links, deleting a factor its action links, and any row that comes
# back by undo moves the dismissals that pointed at it.
TOUCHES = {
    "timeline": frozenset({"events", "dismissals"}),
    "whys": frozenset({"trees", "factors", "dismissals"}),
    "factors": frozenset({"layers", "factors", "actions", "trees", "dismissals"}),
    "actions": frozenset({"actions", "factors", "history", "dismissals"}),
    "lessons": frozenset({"lessons", "dismissals"}),
    "figures": frozenset({"figures"}),
    "people": frozenset({"participants"}),
    "flags": frozenset({"dismissals"}),
    "review": frozenset({"history"}),
}
