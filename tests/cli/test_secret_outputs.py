"""`clearsight actions` and `clearsight show` redact secrets like an export: every format,
each one named on stderr by where and what kind (never the secret), --allow-secrets to keep."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from clearsight.cli import main
from clearsight.db.store import open_store
from clearsight.services.root import Services
from tests.unit.test_secret_detection import SAMPLES

GITHUB = next(s for s in SAMPLES if s.kind == "GitHub token")
STRIPE = next(s for s in SAMPLES if s.kind == "Stripe key")
URL = next(s for s in SAMPLES if s.kind == "password in URL" and "/" in s.secret)
PROSE = next(s for s in SAMPLES if s.kind == "password" and "root" in s.text)
ALL = (GITHUB, STRIPE, URL, PROSE)


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cli.sqlite3"
    monkeypatch.setenv("CLEARSIGHT_DATABASE", str(path))
    return path


@pytest.fixture
def review(db: Path, capsys: pytest.CaptureFixture[str]) -> int:
    """The demo with secrets in an action's text, evidence and history, and in the summary."""
    assert main(["demo"]) == 0
    review = int(capsys.readouterr().out.strip())
    store = open_store(str(db))
    try:
        service = Services(store)
        first, second = service.reviews.get_review(review).actions[:2]
        service.actions.set_action(first.id, what=f"Revoke {GITHUB.text}")
        service.actions.set_action(
            second.id, reason=f"paged; {PROSE.text}", status="done", evidence=URL.text
        )
        service.reviews.set_field(review, "summary", f"Checkout failed. {STRIPE.text}")
    finally:
        store.close()
    return review


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def leaked(text: str) -> list[str]:
    return [s.kind for s in ALL if s.secret in text]


def test_actions_as_csv_are_redacted(review: int, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "actions", "--format", "csv")
    assert code == 0 and leaked(out) == [] and leaked(err) == []
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 4
    [revoke] = [r for r in rows if "[redacted GitHub token]" in r["what"]]
    [done] = [r for r in rows if "[redacted password in URL]" in r["evidence"]]
    lines = err.splitlines()
    assert f"clearsight: redacted: review {review} action {revoke['id']}: what: GitHub token" in (
        lines
    )
    assert (
        f"clearsight: redacted: review {review} action {done['id']}: evidence: password in URL"
        in (lines)
    )


def test_actions_as_json_are_redacted_history_too(
    review: int, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "actions", "--format", "json")
    items = json.loads(out)
    assert code == 0 and leaked(out) == [] and leaked(err) == []
    reasons = [h["reason"] for item in items for h in item["history"]]
    assert any("[redacted password]" in r for r in reasons)
    assert ": history[0].reason: password" in err


def test_actions_as_text_are_redacted(review: int, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "actions")
    assert code == 0 and leaked(out) == [] and "[redacted GitHub token]" in out
    assert "what: GitHub token" in err


def test_actions_keep_secrets_only_when_asked(
    review: int, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "actions", "--format", "json", "--allow-secrets")
    assert code == 0 and set(leaked(out)) == {"GitHub token", "password in URL", "password"}
    assert "kept (--allow-secrets)" in err and leaked(err) == []


def test_show_json_is_redacted(review: int, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", str(review), "--json")
    form = json.loads(out)
    assert code == 0 and leaked(out) == [] and leaked(err) == []
    assert form["review"]["summary"] == "Checkout failed. charges used [redacted Stripe key]"
    assert "clearsight: redacted: review.summary: Stripe key" in err.splitlines()
    assert "redacted: review.actions[0].what: GitHub token" in err


def test_show_as_text_is_redacted(review: int, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", str(review))
    assert code == 0 and leaked(out) == [] and "[redacted Stripe key]" in out


def test_show_keeps_secrets_only_when_asked(
    review: int, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "show", str(review), "--json", "--allow-secrets")
    assert code == 0 and set(leaked(out)) == {k.kind for k in ALL}
    assert "clearsight: kept (--allow-secrets): review.summary: Stripe key" in err.splitlines()
    assert leaked(err) == []


def test_without_secrets_nothing_is_said(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    review = run(capsys, "demo")[1].strip()
    assert run(capsys, "show", review, "--json")[2] == ""
    assert run(capsys, "actions", "--format", "csv")[2] == ""
