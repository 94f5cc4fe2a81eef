"""Bugs and user errors kept apart: the store's translation, the log, the report, the CLI."""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    DBAPIError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    ProgrammingError,
)
from sqlalchemy.orm import Session

from clearsight import __version__, cli, crash
from clearsight.db.models import Person
from clearsight.db.store import Store, default_sqlite_path, open_store, translate_errors
from clearsight.errors import InputError, StoreError, UserError
from clearsight.services.root import Services


def _raised(exc: BaseException) -> BaseException:
    """``exc`` with a traceback, as an excepthook receives it."""
    try:
        raise exc
    except BaseException as caught:
        return caught


def _fail_here() -> None:
    raise ValueError("no such column: review.colour")


def _bug() -> BaseException:
    try:
        _fail_here()
    except ValueError as err:
        return err
    raise AssertionError("unreachable")


# ---- which errors are the user's to fix ----------------------------------------------------


def test_user_errors_are_not_bugs() -> None:
    assert not crash.is_bug(UserError("The file is locked."))
    assert not crash.is_bug(StoreError("The disk is full."))
    assert not crash.is_bug(InputError("a.json", ["line 1: bad"]))
    assert crash.is_bug(ValueError("boom"))
    assert crash.is_bug(KeyError("x"))


def test_a_constraint_violated_by_a_bug_goes_on_unchanged(store: Store) -> None:
    with store.transaction() as s:
        s.add(Person(name="Kenji", handle="kenji"))
    with pytest.raises(IntegrityError), store.transaction() as s:
        s.add(Person(name="Also Kenji", handle="kenji"))  # bypassing the service's check


def test_a_broken_statement_is_a_bug_though_sqlite_calls_it_operational(store: Store) -> None:
    with pytest.raises(OperationalError) as err, store.transaction() as s:
        s.execute(text("SELECT colour FROM review"))
    assert not isinstance(err.value, StoreError)
    assert "no such column" in str(err.value)


def test_the_database_is_usable_after_a_bug(store: Store) -> None:
    with pytest.raises(OperationalError), store.transaction() as s:
        s.execute(text("SELEC 1"))
    assert Services(store).reviews.create_review("Still fine", "SEV-3") > 0


class _DriverError(Exception):
    """A stand-in for a psycopg error: a message and a SQLSTATE."""

    def __init__(self, message: str, sqlstate: str | None) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


PG = make_url("postgresql+psycopg://ana@db.example/reviews")


def _translated(err: DBAPIError) -> BaseException:
    try:
        with translate_errors(PG):
            raise err
    except BaseException as out:
        return out
    raise AssertionError("translate_errors swallowed the error")


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (
            OperationalError("SELECT 1", {}, _DriverError("connection refused", "08001")),
            "Cannot reach the database server",
        ),
        (
            OperationalError(
                "SELECT 1", {}, _DriverError('password authentication failed for "ana"', "28P01")
            ),
            "refused the password",
        ),
        (
            DBAPIError(
                "SELECT 1",
                {},
                _DriverError("server closed the connection unexpectedly", None),
                connection_invalidated=True,
            ),
            "reported an error: server closed the connection",
        ),
        (
            ProgrammingError("UPDATE", {}, _DriverError("permission denied for table x", "42501")),
            "cannot be written",
        ),
    ],
)
def test_server_problems_become_store_errors(error: DBAPIError, message: str) -> None:
    out = _translated(error)
    assert isinstance(out, StoreError) and out.retryable
    assert message in str(out)
    assert "ana@db.example" in str(out)
    assert out.__cause__ is error


@pytest.mark.parametrize(
    "error",
    [
        IntegrityError("INSERT", {}, _DriverError("duplicate key value", "23505")),
        ProgrammingError("SELEC", {}, _DriverError('syntax error at or near "SELEC"', "42601")),
        DBAPIError("SELECT", {}, _DriverError("something odd", "XX000")),
        # Raised by Python's sqlite3 itself, without an SQLite result code: a misuse.
        InterfaceError("SELECT", {}, sqlite3.InterfaceError("Cursor needed to be reset")),
    ],
)
def test_server_errors_that_are_bugs_go_on_unchanged(error: DBAPIError) -> None:
    assert _translated(error) is error


def test_a_handle_taken_by_another_client_meanwhile_is_a_user_error(
    store: Store, db_path: Path
) -> None:
    # The other client writes between this client's check for the handle and its write.
    other = open_store(str(db_path))

    def other_client(session: Session, _context: Any, _instances: Any) -> None:
        if any(isinstance(o, Person) for o in session.new):
            Services(other).people.add_person("Kenji Watanabe", "kenji")

    store.before_flush(other_client)
    try:
        with pytest.raises(UserError, match="already has the handle @kenji") as err:
            Services(store).people.add_person("Kenji W.", "kenji")
        assert not isinstance(err.value, StoreError)  # retrying cannot help; another handle can
    finally:
        other.close()
    names = [p.name for p in Services(store).people.list_people()]
    assert names == ["Kenji Watanabe"]


def test_a_handle_renamed_into_a_clash_meanwhile_is_a_user_error(
    store: Store, db_path: Path
) -> None:
    people = Services(store).people
    dana = people.add_person("Dana", "dana")
    other = open_store(str(db_path))

    def other_client(session: Session, _context: Any, _instances: Any) -> None:
        if any(isinstance(o, Person) and o.handle == "kenji" for o in session.dirty):
            Services(other).people.add_person("Kenji Watanabe", "kenji")

    store.before_flush(other_client)
    try:
        with pytest.raises(UserError, match="already has the handle @kenji"):
            people.update_person(dana, "Dana", "kenji", None)
    finally:
        other.close()
    assert {p.name: p.handle for p in people.list_people()} == {
        "Dana": "dana",
        "Kenji Watanabe": "kenji",
    }


# ---- the log file ----------------------------------------------------------------------------


def test_the_log_is_kept_next_to_the_default_database(isolated_home: Path) -> None:
    assert crash.log_path() == default_sqlite_path().parent / "clearsight.log"
    assert crash.log_path().is_relative_to(isolated_home / "data")


@pytest.fixture
def log_file(tmp_path: Path) -> Any:
    path = tmp_path / "logs" / crash.LOG_NAME
    handler = crash.start_log(path)
    assert handler is not None
    yield path, handler
    crash.stop_log(handler)


def test_the_log_rotates_by_size(log_file: Any) -> None:
    path, handler = log_file
    assert (handler.maxBytes, handler.backupCount) == (1_000_000, 3)
    assert Path(handler.baseFilename) == path
    assert crash.start_log(path) is handler  # a second start adds no second copy of each line
    assert logging.getLogger("clearsight").handlers.count(handler) == 1


def test_nothing_is_written_until_something_is_logged(log_file: Any) -> None:
    path, _ = log_file
    assert path.parent.is_dir() and not path.exists()


def test_a_bug_is_logged_with_its_traceback_then_once_a_line(log_file: Any) -> None:
    path, handler = log_file
    bug = _bug()
    crash.log_bug(bug, 1)
    crash.log_bug(bug, 2)
    handler.flush()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert "ERROR clearsight.crash: a bug in Clearsight: ValueError: no such column" in lines[0]
    assert any("in _fail_here" in line for line in lines)
    assert lines[-1].endswith(
        "the same bug again (2 times so far): ValueError: no such column: review.colour"
    )
    assert sum("Traceback" in line for line in lines) == 1


def test_only_to_keeps_the_record_off_every_other_handler(
    log_file: Any, caplog: pytest.LogCaptureFixture
) -> None:
    path, handler = log_file
    crash.log_bug(_bug(), 1, only_to=handler)
    handler.flush()
    assert "in _fail_here" in path.read_text(encoding="utf-8")
    assert caplog.records == []


def test_no_log_when_the_folder_cannot_be_made(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    assert crash.start_log(blocker / crash.LOG_NAME) is None


# ---- the report and its de-duplication -------------------------------------------------------


def test_the_report_names_the_versions_and_the_whole_chain() -> None:
    try:
        try:
            _fail_here()
        except ValueError as cause:
            raise RuntimeError("could not draw the tree") from cause
    except RuntimeError as err:
        text = crash.report(err, {"Qt": "6.9.9"})
    head = text.splitlines()[:3]
    assert head[0] == f"Clearsight {__version__}"
    assert head[1].startswith("Python 3.")
    assert head[2] == "Qt 6.9.9"
    assert "in _fail_here" in text
    assert "ValueError: no such column" in text
    assert text.rstrip().endswith("RuntimeError: could not draw the tree")


def test_the_same_line_is_the_same_bug() -> None:
    first, again = _bug(), _bug()
    elsewhere = _raised(ValueError("no such column: review.colour"))
    assert crash.signature(first) == crash.signature(again)
    assert crash.signature(first) != crash.signature(elsewhere)
    assert crash.signature(ValueError("never raised")) == ("ValueError", "", 0)


def test_one_window_per_bug_and_the_rest_counted() -> None:
    seen = crash.Sightings()
    bug, other = _bug(), _raised(KeyError("x"))
    first = seen.arrive(bug)
    assert (first.times, first.show, first.counted) == (1, True, False)
    # While its window is open, every further bug only adds to the count.
    assert seen.arrive(bug).counted and seen.arrive(other).counted
    assert seen.more == 2
    seen.window_closed()
    again = seen.arrive(bug)
    assert (again.times, again.show, again.counted) == (3, False, False)  # shown once already
    third = seen.arrive(_raised(TypeError("y")))
    assert third.show and seen.more == 0


def test_sightings_from_many_threads_open_one_window() -> None:
    seen = crash.Sightings()
    shown: list[bool] = []
    barrier = threading.Barrier(8)

    def arrive() -> None:
        barrier.wait()
        shown.append(seen.arrive(_raised(ValueError("same"))).show)

    threads = [threading.Thread(target=arrive) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert shown.count(True) == 1 and seen.more == 7


# ---- the CLI ---------------------------------------------------------------------------------


def _crashing_list(_args: Any) -> int:
    _fail_here()
    return 0


def test_a_bug_in_a_command_says_so_and_names_the_log(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], isolated_home: Path
) -> None:
    monkeypatch.setitem(cli.COMMANDS, "list", _crashing_list)
    assert cli.main(["list"]) == cli.EXIT_BUG == 70
    err = capsys.readouterr().err
    assert "a bug, not your input" in err and "ValueError: no such column" in err
    assert str(crash.log_path()) in err
    assert "Traceback" not in err
    assert "in _fail_here" in crash.log_path().read_text(encoding="utf-8")
    assert not any(
        isinstance(h, logging.FileHandler) for h in logging.getLogger("clearsight").handlers
    )


def test_a_bug_with_verbose_prints_the_traceback_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(cli.COMMANDS, "list", _crashing_list)
    assert cli.main(["-v", "list"]) == 70
    err = capsys.readouterr().err
    assert "Traceback" in err and "in _fail_here" in err
    assert "a bug, not your input" in err


def test_a_user_error_in_a_command_is_still_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def locked(_args: Any) -> int:
        raise StoreError("reviews.sqlite3 is locked by another program.")

    monkeypatch.setitem(cli.COMMANDS, "list", locked)
    assert cli.main(["list"]) == 2
    assert capsys.readouterr().err == "clearsight: reviews.sqlite3 is locked by another program.\n"
    assert not crash.log_path().exists()


def test_sqlite_errors_carry_the_result_code_the_store_relies_on() -> None:
    # translate_errors tells a locked file from a broken statement by this attribute
    # (Python 3.11+); without it every OperationalError would count as the user's.
    conn = sqlite3.connect(":memory:")
    try:
        with pytest.raises(sqlite3.OperationalError) as err:
            conn.execute("SELEC 1")
    finally:
        conn.close()
    assert err.value.sqlite_errorname == "SQLITE_ERROR"
