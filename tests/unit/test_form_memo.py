"""A memo of the machine form's parts gives the same form, secrets and digest as none."""

from __future__ import annotations

import dataclasses

from clearsight.record.canonical import canonical_bytes, digest_of
from clearsight.record.form_memo import FormMemo
from clearsight.record.machine_export import dump
from clearsight.record.redact import find_secrets
from clearsight.review.data import ReviewDetail
from clearsight.services.demo import add_demo
from clearsight.services.root import Services

TOKEN = "ghp_" + "d" * 36


def _same(detail: ReviewDetail, memo: FormMemo) -> None:
    fresh, kept = dump(detail), dump(detail, memo)
    assert kept == fresh
    assert canonical_bytes(kept, memo) == canonical_bytes(fresh)
    assert digest_of(kept, memo) == digest_of(fresh)
    assert find_secrets(kept, memo) == find_secrets(fresh)


def test_the_memo_changes_nothing_as_a_review_changes(service: Services) -> None:
    detail = service.reviews.get_review(add_demo(service))
    memo = FormMemo()
    _same(detail, memo)
    _same(detail, memo)  # everything kept
    # One text changed, the lists kept (as typing does), then a list replaced.
    typed = dataclasses.replace(detail, summary=f"{detail.summary} ünïcode\r\n{TOKEN}")
    _same(typed, memo)
    assert find_secrets(dump(typed, memo), memo)[0].field == "review.summary"
    event = dataclasses.replace(typed.events[0], text=f"pasted {TOKEN} in the channel")
    moved = dataclasses.replace(typed, events=(event, *typed.events[1:]))
    _same(moved, memo)
    assert [s.field for s in find_secrets(dump(moved, memo), memo)] == [
        "review.summary",
        "review.timeline[0].text",
    ]
    _same(detail, memo)  # and back
    assert find_secrets(dump(detail, memo), memo) == []
