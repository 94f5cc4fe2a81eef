"""The user's preferences (clearsight.preferences, scope "user") in their QSettings file."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QSettings

from clearsight.preferences import Pref

T = TypeVar("T")


class UserPrefs:
    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def get(self, pref: Pref[T], review_uid: str = "") -> T:
        return pref.value(self.settings.value(pref.key_for(review_uid)))

    def set(self, pref: Pref[T], value: T, review_uid: str = "") -> None:
        self.settings.setValue(pref.key_for(review_uid), pref.write(value))

    def forget(self, pref: Pref[T], review_uid: str = "") -> None:
        self.settings.remove(pref.key_for(review_uid))
