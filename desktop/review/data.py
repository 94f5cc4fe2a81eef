"""Plain snapshots of stored rows: what the UI and the CLI read. No ORM objects leak out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


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
class DismissalData:
    """A language finding the facilitator dismissed (see clearsight.review.flags)."""

    id: int
    place: str
    rule_id: str
    snippet: str
    reason: str


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

    def people_in(self, role: str) -> list[PersonData]:
        return [p.person for p in self.participants if p.role == role]
