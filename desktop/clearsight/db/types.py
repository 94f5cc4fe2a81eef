"""Column types shared by the models."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime
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

    def result_processor(self, dialect: Dialect, coltype: Any) -> Any:
        """On SQLite the stored text is read by datetime.fromisoformat (in C) rather than
        SQLAlchemy's pattern match: a big review or the Insights over 5,000 reviews read tens
        of thousands of instants, and the pattern took twice as long as everything else."""
        if dialect.name != "sqlite":
            return super().result_processor(dialect, coltype)

        def process(value: Any) -> datetime | None:
            if value is None:
                return None
            stored = datetime.fromisoformat(value) if isinstance(value, str) else value
            return stored.replace(tzinfo=UTC)

        return process
