"""Work in a child process: its result comes back, and so does a user's error, whole."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from clearsight.errors import InputError, StoreError
from clearsight.record import export
from clearsight.record.verify import verify_file
from clearsight.services.demo import add_demo
from clearsight.services.root import Services
from clearsight.ui.work.process import in_process


def test_a_pdf_rendered_in_a_child_is_the_one_rendered_here(
    service: Services, tmp_path: Path
) -> None:
    form, _ = export.prepare(service.records.export_review(add_demo(service)), False)
    data = in_process(export.render, form, "pdf")
    path = tmp_path / "record.pdf"
    path.write_bytes(data)
    assert in_process(verify_file, path, None).ok  # and checked there too


def test_errors_cross_with_what_they_say(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(InputError) as raised:
        in_process(verify_file, bad, None)
    assert raised.value.source == str(bad) and raised.value.problems
    assert str(raised.value).startswith(f"{bad}: ")
    again = pickle.loads(pickle.dumps(StoreError("the database is busy", retryable=False)))
    assert str(again) == "the database is busy" and again.retryable is False
