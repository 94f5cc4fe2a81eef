"""Three-way merge of one text field: both edits kept when they touch different words."""

from __future__ import annotations

import pytest

from clearsight.review.text_merge import merge

BASE = "The pool was small. Alerts were late."


@pytest.mark.parametrize(
    ("mine", "theirs", "merged"),
    [
        (BASE, "changed", "changed"),
        ("changed", BASE, "changed"),
        ("same", "same", "same"),
        (
            "The pool was too small. Alerts were late.",
            "The pool was small. Alerts were 10 minutes late.",
            "The pool was too small. Alerts were 10 minutes late.",
        ),
        (BASE + " Paging worked.", "Summary: " + BASE, "Summary: " + BASE + " Paging worked."),
    ],
)
def test_edits_of_different_words_are_both_kept(mine: str, theirs: str, merged: str) -> None:
    assert merge(BASE, mine, theirs) == merged


@pytest.mark.parametrize(
    ("mine", "theirs"),
    [
        ("The pool was tiny. Alerts were late.", "The pool was minuscule. Alerts were late."),
        (BASE + " Mine.", BASE + " Theirs."),  # two additions at one place
        ("The pool Alerts were late.", "The pool was very small. Alerts were late."),
    ],
)
def test_edits_of_the_same_words_are_a_conflict(mine: str, theirs: str) -> None:
    assert merge(BASE, mine, theirs) is None
