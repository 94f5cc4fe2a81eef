"""Settings kept in the database: the team's, shared by everyone who opens it."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from clearsight.db.models import Setting
from clearsight.preferences import Pref
from clearsight.services.part import Part

T = TypeVar("T")


class Settings(Part):
    def get_setting(self, key: str, default: Any = None) -> Any:
        with self._tx() as s:
            row = s.get(Setting, key)
            return default if row is None else json.loads(row.value)

    def set_setting(self, key: str, value: Any) -> None:
        with self._tx() as s:
            s.merge(Setting(key=key, value=json.dumps(value)))

    def get(self, pref: Pref[T]) -> T:
        """A team preference (clearsight.preferences), its default when unset or unreadable."""
        return pref.value(self.get_setting(pref.key))

    def set(self, pref: Pref[T], value: T) -> None:
        self.set_setting(pref.key, pref.write(value))
