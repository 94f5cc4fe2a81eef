"""Every preference, declared once: its key, its default, how a stored value is read back,
and its scope.

A user preference lives in the user's settings file (QSettings: this machine, this person);
a team preference lives in the database, shared by everyone who opens it, and its changes
are undoable edits (ui/actions/commands.SetSetting). A stored value that cannot be read back
(an older release, a hand edit) gives the default, never an error.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

T = TypeVar("T")
Scope = Literal["user", "team"]


@dataclass(frozen=True)
class Pref(Generic[T]):
    key: str
    default: T
    scope: Scope
    read: Callable[[Any], T]  # the stored value as the app uses it; may raise ValueError
    about: str
    per_review: bool = False  # one value per review: the key takes "/<review uid>"
    write: Callable[[T], Any] = lambda value: value  # the value as stored
    # The default worked out when first asked (from the rules, which the window does not
    # load before it shows), instead of ``default``.
    make_default: Callable[[], T] | None = None

    def value(self, stored: object) -> T:
        if stored is None:
            return self.fallback()
        try:
            return self.read(stored)
        except (TypeError, ValueError):
            return self.fallback()

    def fallback(self) -> T:
        return self.default if self.make_default is None else self.make_default()

    def key_for(self, review_uid: str = "") -> str:
        if self.per_review != bool(review_uid):
            raise ValueError(f"{self.key}: per review is {self.per_review}")
        return f"{self.key}/{review_uid}" if review_uid else self.key


def as_bool(stored: object) -> bool:
    """QSettings hands back "true"/"false" from an INI file and real booleans elsewhere."""
    if isinstance(stored, bool):
        return stored
    if isinstance(stored, str) and stored.lower() in ("true", "1", "yes"):
        return True
    if isinstance(stored, str) and stored.lower() in ("false", "0", "no"):
        return False
    raise ValueError(f"not a yes or no: {stored!r}")


def _one_of(*choices: str) -> Callable[[object], str]:
    def read(stored: object) -> str:
        if str(stored) not in choices:
            raise ValueError(f"not one of {choices}")
        return str(stored)

    return read


def _zoom(stored: object) -> float:
    return min(max(float(str(stored)), 0.5), 3.0)


def _json(stored: object) -> Any:
    return json.loads(str(stored))


# ---- the user's, on this machine -------------------------------------------------------------
THEME = Pref("view/theme", "system", "user", _one_of("system", "light", "dark", "contrast"),
             "The window's colours (View > Theme).")  # fmt: skip
GEOMETRY = Pref[Any]("main_window/geometry", None, "user", lambda v: v,
                     "The main window's size and place on screen.")  # fmt: skip
LANGUAGE_PANEL = Pref("view/language_panel", True, "user", as_bool,
                      "Whether the Language panel is shown beside an open review.")  # fmt: skip
EXPORT_FOLDER = Pref("export/folder", "", "user", str, "The folder of the last export.")
EXPORT_FORMAT = Pref("export/format", "md", "user", _one_of("md", "pdf", "json"),
                     "The format of the last export.")  # fmt: skip
PRESENTER_FLAGS = Pref("presenter/show_flags", False, "user", as_bool,
                       "Show language flags on the projector (off by default).")  # fmt: skip
PRESENTER_ZOOM = Pref("presenter/zoom", 1.0, "user", _zoom,
                      "The projector's zoom, per review.", per_review=True)  # fmt: skip
MEETING_CLOCK = Pref[Any]("meeting/clock", None, "user", _json,
                          "A meeting clock kept across a restart, per review.",
                          per_review=True, write=json.dumps)  # fmt: skip
LAST_REVIEW_ID = Pref[int | None]("session/last_review_id", None, "user", int,
                                  "The review open when the window closed.")  # fmt: skip
LAST_REVIEW_UID = Pref("session/last_review_uid", "", "user", str,
                       "Its uid: reopened only if it is still the same review.")  # fmt: skip


# ---- the team's, in the database ---------------------------------------------------------------
def _team_windows(stored: object) -> Any:
    from clearsight.review.actions import team_windows

    return team_windows(stored)


def _timeboxes(stored: object) -> Any:
    from clearsight.review.meeting import timeboxes

    return timeboxes(stored)


DUE_WINDOWS = Pref[Any]("action_due_windows", None, "team", _team_windows,
                        "Days an action item may take, by severity and category.",
                        make_default=lambda: _team_windows(None))  # fmt: skip
TIMEBOXES = Pref[Any]("meeting_timeboxes", None, "team", _timeboxes, "Minutes per agenda phase.",
                      make_default=lambda: _timeboxes(None))  # fmt: skip
DEMO_OFFERED = Pref("demo_offered", False, "team", as_bool,
                    "The demo review was added once; never again.")  # fmt: skip

ALL: tuple[Pref[Any], ...] = (
    THEME, GEOMETRY, LANGUAGE_PANEL, EXPORT_FOLDER, EXPORT_FORMAT, PRESENTER_FLAGS,
    PRESENTER_ZOOM, MEETING_CLOCK, LAST_REVIEW_ID, LAST_REVIEW_UID, DUE_WINDOWS, TIMEBOXES,
    DEMO_OFFERED,
)  # fmt: skip
