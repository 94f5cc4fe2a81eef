"""The meeting's clock and time boxes, Qt-free: the time source is passed in, so tests drive it.

One clock per meeting: start, pause, resume. Time spent is counted per phase (the phase shown
while the clock runs), and a phase past its box is an overrun.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

# Minutes per phase, adding up to an hour; a team saves its own (preferences.TIMEBOXES).
DEFAULT_TIMEBOXES = {
    "prior_actions": 5,
    "ground_rules": 2,
    "summary": 5,
    "timeline": 12,
    "whys": 10,
    "factors": 8,
    "actions": 10,
    "lessons": 5,
    "signoff": 3,
}


def timeboxes(saved: object) -> dict[str, int]:
    """The saved boxes where they make sense, the defaults elsewhere."""
    boxes = dict(DEFAULT_TIMEBOXES)
    if isinstance(saved, Mapping):
        for key, value in saved.items():
            if key in boxes and isinstance(value, int) and 0 < value <= 240:
                boxes[key] = value
    return boxes


class MeetingClock:
    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        self._phase: str | None = None
        self._running_since: float | None = None
        self._spent: dict[str, float] = {}
        self._total = 0.0
        self.started = False

    @property
    def running(self) -> bool:
        return self._running_since is not None

    def start(self) -> None:
        self.started = True
        self.resume()

    def pause(self) -> None:
        self._settle()
        self._running_since = None

    def resume(self) -> None:
        if self._running_since is None:
            self._running_since = self._now()

    def state(self) -> dict[str, object]:
        """What the clock has counted, to keep across a restart (JSON-ready)."""
        self._settle()
        return {"started": self.started, "total": self._total, "spent": dict(self._spent)}

    def restore(self, state: object) -> bool:
        """Takes the counts of a saved state, paused; False when the state is unusable.

        A meeting interrupted by a restart resumes when the facilitator says so, not by itself.
        """
        if not isinstance(state, Mapping) or not state.get("started"):
            return False
        spent, total = state.get("spent"), state.get("total")
        if not isinstance(spent, Mapping) or not isinstance(total, int | float) or total < 0:
            return False
        self.reset()
        self.started = True
        self._total = float(total)
        self._spent = {
            str(k): float(v) for k, v in spent.items() if isinstance(v, int | float) and v >= 0
        }
        return True

    def reset(self) -> None:
        """Back to a meeting not yet started (the current phase is kept)."""
        self._running_since = None
        self._spent = {}
        self._total = 0.0
        self.started = False

    def enter(self, phase: str) -> None:
        """The meeting moved to ``phase``: time from now on counts for it."""
        self._settle()
        self._phase = phase

    def _settle(self) -> None:
        if self._running_since is None:
            return
        now = self._now()
        step = now - self._running_since
        self._total += step
        if self._phase is not None:
            self._spent[self._phase] = self._spent.get(self._phase, 0.0) + step
        self._running_since = now

    def elapsed(self) -> float:
        """Seconds the meeting has run (pauses excluded)."""
        self._settle()
        return self._total

    def spent(self, phase: str) -> float:
        self._settle()
        return self._spent.get(phase, 0.0)

    def left(self, phase: str, boxes: Mapping[str, int]) -> float:
        """Seconds left in the phase's box; negative when over."""
        return boxes.get(phase, 0) * 60 - self.spent(phase)


def clock_text(seconds: float) -> str:
    """'12:05', '1:02:07', and '-0:45' when over."""
    sign = "-" if seconds < 0 else ""
    total = int(abs(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours}:{minutes:02d}:{secs:02d}" if hours else f"{sign}{minutes}:{secs:02d}"
