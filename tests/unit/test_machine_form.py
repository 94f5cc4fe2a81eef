"""Checking a machine-form document: every problem found, each with its JSON path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clearsight.errors import InputError
from clearsight.record.machine_import import load_file, parse
from clearsight.resources_access import resource_text


def _doc(**review: object) -> dict:
    return {
        "schema": "clearsight.review",
        "version": 1,
        "review": {"title": "t", "severity": "SEV-2", **review},
    }


def test_the_demo_document_is_valid() -> None:
    parsed = parse(json.loads(resource_text("demo", "review.json")), "demo")
    assert parsed["severity"] == "SEV-2"
    assert len(parsed["people"]) == 6


def test_minimal_document() -> None:
    parsed = parse(_doc(), "x")
    assert parsed["status"] == "draft" and parsed["timeline"] == []


def _problems(doc: object) -> list[str]:
    with pytest.raises(InputError) as err:
        parse(doc, "f.json")
    return err.value.problems


def test_every_problem_is_named_by_its_path() -> None:
    problems = _problems(
        _doc(
            severity="SEV-7",
            incident_start="last tuesday",
            timeline=[{"at": "2026-03-15T14:00Z", "text": "ok"}, {"text": "no time"}],
            people=[{"name": "Ana", "handle": "ana", "roles": ["boss"]}],
            actions=[{"what": "x", "owner": "@bob", "due": "soon", "factors": ["f9"]}],
            lessons={"meh": ["?"]},
        )
    )
    joined = "\n".join(problems)
    for expected in (
        "review.severity",
        "review.incident_start",
        "review.timeline[1].at: missing",
        "review.people[0].roles[0]",
        "review.actions[0].owner: '@bob' is not",
        "review.actions[0].due",
        "review.actions[0].factors: 'f9'",
        "review.lessons.meh",
    ):
        assert expected in joined


def test_wrong_types_are_named() -> None:
    assert _problems(_doc(title=5)) == ["review.title: expected text, got 5"]
    assert _problems(_doc(timeline={})) == ["review.timeline: expected list, got {}"]


def test_wrong_schema_or_version() -> None:
    assert "schema" in _problems({"schema": "other", "version": 1})[0]
    assert "version 1" in _problems({"schema": "clearsight.review", "version": 2})[0]
    assert _problems([1, 2]) == ["the file must hold a JSON object"]


def test_malformed_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text('{\n  "schema": "clearsight.review",\n  "version": 1,\n}\n')
    with pytest.raises(InputError) as err:
        load_file(path)
    assert err.value.problems == [
        "line 4, column 1: Expecting property name enclosed in double quotes"
    ]
    assert str(path) in str(err.value)
