"""The roles people have in a review meeting, and where each one is: plain data shared by
the store (services/presence.py) and the window (ui/shell/room.py)."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

# The facilitator moves the agenda (others may follow); the notetaker and attendees edit;
# an observer only reads.
ROLES = ("facilitator", "notetaker", "attendee", "observer")


@dataclass(frozen=True)
class PresenceData:
    client: str
    person: str
    role: str
    phase: str  # the agenda phase their window shows
    field: str  # the text box they are typing in, "" when none
    clock: str = ""  # the facilitator's meeting clock as JSON, "" for the others


def user_name() -> str:
    """This computer's user, as the others see them in the room and in the change records."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "someone"
