"""Jobs off the window's thread: steps in order, a user's message, a bug raised where the
crash dialog sees it, and Cancel between steps."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from clearsight.errors import UserError
from clearsight.ui.work.bar import JobBar
from clearsight.ui.work.job import Job, OneAtATime


def test_steps_run_in_order_off_the_window_thread(qtbot: QtBot) -> None:
    threads: list[threading.Thread] = []

    def step(value: int) -> int:
        threads.append(threading.current_thread())
        return value + 1

    job = Job("Counting", [("first", lambda _: 1), ("second", step), ("third", step)])
    bar = JobBar()
    qtbot.addWidget(bar)
    seen: list[str] = []
    job.stepped.connect(lambda n, what: seen.append(f"{n}:{what}"))
    with qtbot.waitSignal(job.succeeded) as done:
        bar.run(job)
    assert done.args == [3]
    assert all(t is not threading.main_thread() for t in threads)
    qtbot.waitUntil(lambda: seen == ["0:first", "1:second", "2:third"])
    qtbot.waitUntil(lambda: not bar.isVisible())


def test_a_user_error_is_a_message_and_stops_the_job(qtbot: QtBot) -> None:
    after: list[int] = []

    def refuse(_: object) -> None:
        raise UserError("the folder is read-only")

    job = Job("Writing", [("check", refuse), ("write", lambda _: after.append(1))])
    with qtbot.waitSignal(job.refused) as told:
        job.start()
    assert told.args == ["the folder is read-only"] and after == []
    job.wait()


def test_a_bug_is_raised_again_on_the_window_thread(qtbot: QtBot) -> None:
    def broken(_: object) -> None:
        raise ValueError("a bug of ours")

    job = Job("Rendering", [("render", broken)])
    with qtbot.capture_exceptions() as raised, qtbot.waitSignal(job.finished):
        job.start()
    assert [type(e[1]) for e in raised] == [ValueError]


def test_cancel_stops_before_the_next_step(qtbot: QtBot) -> None:
    started, release = threading.Event(), threading.Event()
    wrote: list[int] = []

    def slow(_: object) -> None:
        started.set()
        release.wait(10)

    job = Job("Exporting", [("render", slow), ("write", lambda _: wrote.append(1))])
    bar = JobBar()
    qtbot.addWidget(bar)
    bar.run(job)
    assert started.wait(10)
    bar.cancel()
    assert bar.label.text() == "Stopping after this step\u2026"
    with qtbot.waitSignal(job.cancelled):
        release.set()
    assert wrote == []
    job.wait()


def test_one_at_a_time_runs_the_last_request_once_more_and_never_piles_up(
    qtbot: QtBot,
) -> None:
    gates = [threading.Event(), threading.Event()]  # each job waits for its own
    made: list[int] = []

    def make() -> Job:
        gate = gates[len(made)]
        made.append(len(made))
        return Job("Looking", [("look", lambda _: gate.wait(10))])

    owner = JobBar()
    qtbot.addWidget(owner)
    runner = OneAtATime(make, owner)
    first = runner.run()
    assert first is not None
    assert runner.run() is None and runner.run() is None  # asked twice while it runs
    with qtbot.waitSignal(first.finished):
        gates[0].set()
    second = runner.job
    assert second is not None and second is not first  # once more, made afresh
    with qtbot.waitSignal(second.finished):
        gates[1].set()
    assert made == [0, 1] and runner.job is None
