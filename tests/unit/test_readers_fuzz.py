"""Every file reader under generated hostile input: a result or a clean error, nothing else.

For each reader (the machine form, a Slack export, a chat log, CSV, the record a Markdown or
PDF export carries, ``lint --names``) hypothesis builds inputs that are mostly well formed with
something wrong in them: lone surrogates, NUL, huge values, deep nesting, times outside the
years, unknown zones, wrong JSON types. The reader must return, or raise ``UserError`` (an
``InputError`` names the place); any other exception is a bug. The budget is fixed and the
examples derandomized so CI is repeatable; ``python -m tests.fuzz_readers`` runs longer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from clearsight.record import limits
from tests.helpers.reader_cases import BUDGET, READERS, STORES, outcome


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("readers")
    yield path
    store = STORES.pop(path, None)
    if store is not None:
        store.close()


def _check(name: str, folder: Path) -> Callable[[Any], None]:
    reader = next(r for r in READERS if r.name == name)

    @BUDGET
    @given(reader.inputs)
    def check(example: Any) -> None:
        outcome(reader, example, folder)

    return check


@pytest.mark.parametrize("name", [r.name for r in READERS if r.name != "pdf record"])
def test_a_reader_gives_a_result_or_a_clean_error(name: str, folder: Path) -> None:
    _check(name, folder)()


def test_the_pdf_record_reader(folder: Path) -> None:
    reader = next(r for r in READERS if r.name == "pdf record")

    @settings(BUDGET, max_examples=30)
    @given(reader.inputs)
    def check(example: Any) -> None:
        outcome(reader, example, folder)

    check()


def test_the_column_lengths_are_the_models() -> None:
    from clearsight.db.models import Base

    tables = Base.metadata.tables
    for column, most in limits.COLUMN_LENGTHS.items():
        table, name = column.split(".")
        assert tables[table].c[name].type.length == most, column  # type: ignore[attr-defined]
