"""Column types shared by the models."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """An instant stored as naive UTC and read back as an aware UTC datetime.

    SQLite keeps no zone, so every instant is normalised to UTC on the way in; a naive
    value is refused rather than guessed at, because a wrong guess shifts a timeline.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: instants must carry a zone (use UTC)")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        stored: datetime = value
        return stored.replace(tzinfo=UTC)


class FastInstant(TypeDecorator[datetime]):
    """An instant read back fast, for bulk reads of many (the Insights figures): SQLite's own
    text is parsed by datetime.fromisoformat (in C) rather than SQLAlchemy's pattern, and a
    server's datetime only gets its zone. Use with type_coerce on a select's column."""

    impl = String
    cache_ok = True

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        stored: datetime = value
        return stored.replace(tzinfo=UTC)
