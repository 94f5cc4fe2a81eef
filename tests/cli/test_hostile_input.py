"""Hostile input to the CLI: each case an outside campaign found gives exit 2 and a message that
names the file, the line or JSON path and the field (or the right result), never a traceback
and never a hang. Heavy timings are in tests/perf/test_reader_speed.py."""

from __future__ import annotations

import base64
import json
import time
import zlib
from pathlib import Path
from typing import Any

import pytest

from clearsight.record.canonical import digest_of
from clearsight.record.markdown_export import FORM_END, FORM_START, embed_form, render_markdown
from clearsight.resources_access import resource_text
from tests.cli.hostile import (
    DEEP,
    _deep_doc,
    _doc,
    _review,
    _stdin,
    _write,
    refused,
    run,
)


# ---- JSON nested a thousand levels deep -----------------------------------------------------
def test_deep_json_in_import(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, "deep.json", _deep_doc())
    column = _deep_doc().index("[") + 64  # the object is level 1: its 64th "[" is 65
    err = refused(capsys, "import", path)
    assert f"{path}: 1 problem(s)" in err
    assert f"line 1, column {column}: nested deeper than 64 levels" in err


def test_deep_json_on_standard_input(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _stdin(monkeypatch, _deep_doc().encode())
    assert "<stdin>: 1 problem(s)" in refused(capsys, "import", "-")
    assert not db.exists() or run(capsys, "list", "--json")[1].strip() == "[]"


def test_deep_json_in_a_slack_file_and_folder(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = _review(capsys)
    path = _write(tmp_path, "channel.json", "[" * DEEP + "]" * DEEP)
    assert "line 1, column 65: nested deeper than 64" in refused(
        capsys, "timeline-import", review, path
    )
    folder = tmp_path / "inc-1"
    folder.mkdir()
    _write(folder, "2026-03-15.json", "[" + "[" * DEEP + "]" * DEEP + "]")
    err = refused(capsys, "timeline-import", review, str(folder))
    assert "2026-03-15.json line 1, column 65: nested deeper than 64" in err


def test_deep_json_in_the_record_verify_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = base64.encodebytes(("[" * DEEP + "]" * DEEP).encode()).decode()
    path = _write(tmp_path, "record.md", f"# t\n\n{FORM_START}\n{deep}{FORM_END}\n")
    err = refused(capsys, "verify", path)
    assert "the carried record is damaged: line 1, column 65: nested deeper than 64" in err


# ---- instants out of range ------------------------------------------------------------------
@pytest.mark.parametrize("at", ["9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+05:00"])
def test_instants_outside_the_years_kept(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], at: str
) -> None:
    path = _write(tmp_path, "r.json", json.dumps(_doc(incident_start=at)))
    err = refused(capsys, "import", path)
    assert f"review.incident_start: '{at}' is outside the years 1900 to 9998" in err


def test_typed_times_outside_the_years_kept(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    review = _review(capsys)
    err = refused(capsys, "timeline-add", review, "9999-12-31 23:00-05:00 x", "1800-01-01 00:30 y")
    assert "line 1 ('9999-12-31 23:00-05:00 x'): not a time Clearsight keeps" in err
    assert "line 2 ('1800-01-01 00:30 y'): 1800-01-01T00:30:00Z is outside the years" in err


# ---- text that cannot be stored -------------------------------------------------------------
def test_a_lone_surrogate_is_named_by_its_field(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = json.dumps(_doc(summary="ok \ud800 ok"), ensure_ascii=True)
    err = refused(capsys, "import", _write(tmp_path, "r.json", content))
    assert "review.summary: holds a lone surrogate U+D800 (character 4)" in err


def test_invalid_utf8_on_standard_input(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _stdin(monkeypatch, json.dumps(_doc(), indent=1).encode().replace(b'"t"', b'"\xff"'))
    assert "<stdin>: 1 problem(s)" in (err := refused(capsys, "import", "-"))
    assert "line 5: not UTF-8 text (byte 0xff)" in err


def test_nul_characters_are_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = json.dumps(_doc(timeline=[{"at": "2026-03-15T14:00Z", "text": "a\x00b"}]))
    err = refused(capsys, "import", _write(tmp_path, "r.json", content))
    assert "review.timeline[0].text: holds a NUL character (character 2)" in err


def test_values_longer_than_their_column(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = "x" * 10_000_000
    content = json.dumps(_doc(incident_id=big, people=[{"name": "Ana", "email": "a" * 400}]))
    err = refused(capsys, "import", _write(tmp_path, "r.json", content))
    assert "review.incident_id: 10,000,000 characters; the most is 100" in err
    assert "review.people[0].email: 400 characters; the most is 320" in err
    assert "character varying" not in err and len(err) < 2000


# ---- time zones -----------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["Mars/Olympus", "../../etc/passwd", "+05:00"])
def test_an_unknown_display_zone_is_refused_on_import(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    err = refused(capsys, "import", _write(tmp_path, "r.json", json.dumps(_doc(display_zone=name))))
    assert f"review.display_zone: unknown time zone {name!r}" in err


def test_a_zone_stored_before_zones_were_checked(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = _review(capsys)
    import sqlite3

    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE review SET display_zone = 'Mars/Olympus'")
    code, out, err = run(capsys, "timeline", review)
    assert code == 0 and out.startswith("times in UTC")
    assert "display_zone 'Mars/Olympus' is not a known time zone; times are shown in UTC" in err
    err = refused(capsys, "timeline-add", review, "09:14 deploy")
    assert "display_zone 'Mars/Olympus' is not a known time zone" in err


# ---- Slack and CSV --------------------------------------------------------------------------
def test_a_slack_ts_past_any_year(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = _review(capsys)
    path = _write(tmp_path, "c.json", json.dumps([{"ts": "1e18", "text": "x", "user": "U1"}]))
    assert "c.json message 1: no usable ts" in refused(capsys, "timeline-import", review, path)


def test_a_slack_user_profile_that_is_not_an_object(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = _review(capsys)
    message = {"ts": "1773583200.0", "text": "pool exhausted", "user": "U1", "user_profile": [1]}
    path = _write(tmp_path, "c.json", json.dumps([message]))
    code, out, _ = run(capsys, "timeline-import", review, path)
    assert code == 0 and out.startswith("added 1 event")
    assert "U1: pool exhausted" in run(capsys, "timeline", review)[1]


def test_a_csv_row_shorter_than_the_author_column(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = _review(capsys)
    path = _write(tmp_path, "t.csv", "time,text,author\n14:05,first 502,kenji\n14:07,paged\n")
    code, out, _ = run(capsys, "timeline-import", review, path)
    assert code == 0 and out.startswith("added 2 events")
    shown = run(capsys, "timeline", review)[1]
    assert "kenji: first 502" in shown and "14:07:00  paged" in shown


# ---- verify ---------------------------------------------------------------------------------
def _carried(tmp_path: Path, form: dict[str, Any]) -> str:
    return _write(tmp_path, "record.md", "# A record\n\n" + embed_form(form))


def test_verify_of_a_carried_form_that_lacks_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(capsys, "verify", _carried(tmp_path, _doc()))
    assert "review.timeline: missing" in err and "review.people: missing" in err
    assert "not as Clearsight writes it" in err


def test_verify_of_a_carried_form_with_wrong_types(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    form = json.loads(resource_text("demo", "review.json"))
    form["review"]["signoffs"] = [1]
    form["review"]["timeline"][0]["mark"] = "Trigger"
    err = refused(capsys, "verify", _carried(tmp_path, form))
    assert "review.signoffs[0]: expected an object, got 1" in err
    assert "review.timeline[0].mark: unknown mark 'Trigger'" in err


def test_verify_still_passes_a_genuine_record(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = run(capsys, "demo")[1].strip()
    path = tmp_path / "record.md"
    assert run(capsys, "export", review, "-o", str(path))[0] == 0
    form = json.loads(run(capsys, "show", review, "--json")[1])
    assert render_markdown(form, digest_of(form)) == path.read_text(encoding="utf-8")
    assert run(capsys, "verify", str(path))[0] == 0


def test_verify_of_a_pdf_whose_record_inflates_past_the_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deflate = zlib.compressobj(9)
    block = b" " * (1 << 20)
    bomb = b"".join(deflate.compress(block) for _ in range(65)) + deflate.flush()  # 65 MB in 64 kB
    pdf = (
        b"%PDF-1.4\n1 0 obj\n<< /ClearsightRecord 1 /Filter /FlateDecode /Length "
        + str(len(bomb)).encode()
        + b" >>\nstream\n"
        + bomb
        + b"\nendstream\nendobj\n%%EOF\n"
    )
    err = refused(capsys, "verify", _write(tmp_path, "record.pdf", pdf))
    assert "the embedded Clearsight record is damaged: larger than 64 MB" in err


# ---- accepted before, refused now -----------------------------------------------------------
@pytest.mark.parametrize("version", ["true", "1.0"])
def test_the_version_is_exactly_1(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], version: str
) -> None:
    content = json.dumps(_doc()).replace('"version": 1', f'"version": {version}')
    err = refused(capsys, "import", _write(tmp_path, "r.json", content))
    assert f"version: this Clearsight reads version 1, the file is version {version.title()}" in err


@pytest.mark.parametrize("severity", ["-1", "SEV--1"])
def test_severities_with_a_minus_sign(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], severity: str
) -> None:
    err = refused(capsys, "import", _write(tmp_path, "r.json", json.dumps(_doc(severity=severity))))
    assert f"review.severity: unknown severity {severity!r}" in err


def test_duplicate_factor_and_why_node_keys(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    node = {"key": "w1", "text": "why"}
    content = json.dumps(
        _doc(
            why_trees=[{"problem": "p", "nodes": [node, {**node, "children": [node]}]}],
            factors=[{"key": "f1", "text": "a"}, {"key": "f1", "text": "b"}],
        )
    )
    err = refused(capsys, "import", _write(tmp_path, "r.json", content))
    assert "review.why_trees[0].nodes[1].key: 'w1' is the key of another why node" in err
    assert "review.why_trees[0].nodes[1].children[0].key: 'w1' is the key" in err
    assert "review.factors[1].key: 'f1' is the key of another factor" in err


def test_an_incident_that_ends_before_it_starts(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = json.dumps(_doc(incident_start="2026-03-15T14:00Z", incident_end="2026-03-15T13:00Z"))
    err = refused(capsys, "import", _write(tmp_path, "r.json", content))
    assert "review.incident_end: 2026-03-15T13:00:00Z is before review.incident_start" in err


# ---- no hang --------------------------------------------------------------------------------
def test_slack_links_are_read_in_linear_time(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    review = _review(capsys)
    text = "<" * 200_000
    path = _write(tmp_path, "c.json", json.dumps([{"ts": "1773583200.0", "text": text}]))
    start = time.perf_counter()
    code, out, _ = run(capsys, "timeline-import", review, path)
    assert code == 0 and out.startswith("added 1 event")
    assert time.perf_counter() - start < 10  # generous: it took minutes; see tests/perf
