"""The detector with a memory: the same answers as the detector, less work for unchanged text."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from clearsight.language.detector import Detector
from clearsight.language.findings import Finding
from clearsight.resources_access import resource_text
from clearsight.review import flag_memory
from clearsight.review.flag_memory import RememberedAnalysis

BLAME = "Kenji skipped the canary."
NAMES = ("Kenji Watanabe",)


class Counting(Detector):
    """The shipped rules, counting the texts analysed."""

    def __init__(self) -> None:
        lexicon = Detector.from_toml(resource_text("lexicons", "en.toml"), "en.toml")
        super().__init__(lexicon._rules)
        self.texts: list[str] = []

    def analyse(
        self,
        text: str,
        names: Sequence[str] = (),
        field: str | None = None,
        include_vague: bool = True,
    ) -> list[Finding]:
        self.texts.append(text)
        return super().analyse(text, names, field, include_vague)


def test_an_unchanged_text_is_not_read_again() -> None:
    detector = Counting()
    memory = RememberedAnalysis(detector)
    for _ in range(2):
        memory.begin()
        found = memory.analyse(BLAME, NAMES, "summary")
        memory.end()
        assert found == Detector.default().analyse(BLAME, NAMES, "summary")
    assert detector.texts == [BLAME]


def test_what_a_refresh_did_not_ask_about_is_forgotten() -> None:
    detector = Counting()
    memory = RememberedAnalysis(detector)
    memory.begin()
    memory.analyse(BLAME, NAMES, "summary")
    memory.end()
    memory.begin()
    memory.analyse("Another text.", NAMES, "summary")
    memory.end()
    memory.analyse(BLAME, NAMES, "summary")
    assert detector.texts == [BLAME, "Another text.", BLAME]


def test_a_big_text_is_read_by_paragraph_with_offsets_into_the_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(flag_memory, "BIG_TEXT", 40)
    text = "The deploy went out at 14:02 UTC.\n" + BLAME + "\nNothing else."
    detector = Counting()
    memory = RememberedAnalysis(detector)
    [found] = memory.analyse(text, NAMES, "summary")
    assert text[found.start : found.end] == "Kenji skipped"
    assert len(detector.texts) == 3
    # A keystroke in the last paragraph reads that paragraph only.
    memory.analyse(text + "!", NAMES, "summary")
    assert detector.texts[3:] == ["Nothing else.!"]


def test_warm_stops_at_its_time_and_goes_on_later() -> None:
    detector = Counting()
    memory = RememberedAnalysis(detector)
    texts = [(f"Sentence {n}: {BLAME}", "summary") for n in range(5)]
    assert not memory.warm(texts, NAMES, seconds=-1)  # no time: nothing done
    assert detector.texts == []
    assert memory.warm(texts, NAMES, seconds=10)
    assert len(detector.texts) == 5
    memory.begin()
    for text, field in texts:
        memory.analyse(text, NAMES, field)
    assert len(detector.texts) == 5  # all answered from memory
