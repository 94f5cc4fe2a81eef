"""The detector with a memory, for the open findings the app computes again after each edit.

Between two refreshes of the Language panel most texts are unchanged; this answers
``Detector.analyse`` from memory for them. A text over ``BIG_TEXT`` characters is read
paragraph by paragraph (as the highlighter reads it), so a keystroke in a huge text costs one
paragraph, not the whole text; and ``warm`` does the new work in slices, so the caller can
give the event loop a turn between them.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterable, Sequence

from clearsight.language.detector import Detector
from clearsight.language.findings import Finding

BIG_TEXT = 20_000
_Key = tuple[str, tuple[str, ...], str | None, bool]


class RememberedAnalysis:
    """Answers ``analyse`` as ``Detector.analyse`` does, remembering the last refresh's texts.

    ``begin`` and ``end`` bracket one refresh; what it did not ask about is then forgotten,
    so memory follows the review's size.
    """

    def __init__(self, detector: Detector) -> None:
        self.detector = detector
        self._memory: dict[_Key, list[Finding]] = {}
        self._used: set[_Key] = set()

    def begin(self) -> None:
        self._used = set()

    def end(self) -> None:
        self._memory = {k: v for k, v in self._memory.items() if k in self._used}

    def forget(self) -> None:
        self._memory, self._used = {}, set()

    def warm(
        self, texts: Iterable[tuple[str, str | None]], names: Sequence[str], seconds: float
    ) -> bool:
        """Analyse the (text, field) pairs not in memory for at most about ``seconds``;
        True when all of them are in memory."""
        deadline = time.perf_counter() + seconds
        who = tuple(names)
        for text, field in texts:
            for piece in _pieces(text):
                key = (piece, who, field, True)
                if key in self._memory:
                    continue
                if time.perf_counter() > deadline:
                    return False
                self._memory[key] = self.detector.analyse(piece, who, field, True)
        return True

    def analyse(
        self,
        text: str,
        names: Sequence[str] = (),
        field: str | None = None,
        include_vague: bool = True,
    ) -> list[Finding]:
        who = tuple(names)
        if len(text) <= BIG_TEXT:
            return self._one(text, who, field, include_vague)
        found: list[Finding] = []
        offset = 0
        for piece in _pieces(text):
            for f in self._one(piece, who, field, include_vague):
                found.append(dataclasses.replace(f, start=f.start + offset, end=f.end + offset))
            offset += len(piece) + 1
        return found

    def _one(
        self, text: str, names: tuple[str, ...], field: str | None, include_vague: bool
    ) -> list[Finding]:
        key = (text, names, field, include_vague)
        found = self._memory.get(key)
        if found is None:
            found = self._memory[key] = self.detector.analyse(text, names, field, include_vague)
        self._used.add(key)
        return found


def _pieces(text: str) -> list[str]:
    return [text] if len(text) <= BIG_TEXT else text.split("\n")
