"""The meeting clock (driven by a fake time source), time boxes and phase readiness."""

from __future__ import annotations

from clearsight.review.meeting import DEFAULT_TIMEBOXES, MeetingClock, clock_text, timeboxes


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_clock_counts_per_phase_and_pauses() -> None:
    t = FakeTime()
    clock = MeetingClock(t)
    clock.enter("timeline")
    t.now += 50
    assert clock.elapsed() == 0  # not started
    clock.start()
    t.now += 120
    clock.enter("whys")
    t.now += 30
    clock.pause()
    t.now += 600  # a break
    clock.resume()
    t.now += 15
    assert clock.spent("timeline") == 120
    assert clock.spent("whys") == 45
    assert clock.elapsed() == 165
    assert clock.left("whys", DEFAULT_TIMEBOXES) == 10 * 60 - 45
    t.now += 600
    assert clock.left("whys", DEFAULT_TIMEBOXES) < 0
    clock.reset()
    assert clock.elapsed() == 0 and not clock.running and not clock.started


def test_timeboxes_and_clock_text() -> None:
    assert sum(DEFAULT_TIMEBOXES.values()) == 60
    boxes = timeboxes({"timeline": 20, "whys": -3, "nonsense": 5, "actions": "ten"})
    assert boxes["timeline"] == 20 and boxes["whys"] == 10 and "nonsense" not in boxes
    assert timeboxes(None) == DEFAULT_TIMEBOXES
    assert clock_text(725) == "12:05"
    assert clock_text(3727) == "1:02:07"
    assert clock_text(-45) == "-0:45"
