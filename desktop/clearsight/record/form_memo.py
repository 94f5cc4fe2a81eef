"""Parts of a review's machine form kept between looks at the same review.

The sign-off page works out the gate and the digest after every edit. On a multi-day incident
that is 2,000 timeline events and the review's history made into the machine form, scanned for
secrets and written as canonical JSON: some 40 ms, for an edit that changed one text. The read
model keeps the lists an edit did not touch (the same objects, see services/read.py), so a part
made from the same objects as last time is the same: it is kept, with its secrets and JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class FormMemo:
    def __init__(self) -> None:
        self._kept: dict[str, tuple[tuple[object, ...], Any]] = {}

    def part(self, name: str, sources: tuple[object, ...], make: Callable[[], T]) -> T:
        """``make()``, or what it gave last time for these very ``sources`` (compared by
        identity: the read model's lists are tuples of frozen data, never changed in place)."""
        kept = self._kept.get(name)
        if kept is not None and _same(kept[0], sources):
            return kept[1]  # type: ignore[no-any-return]
        value = make()
        self._kept[name] = (sources, value)
        return value


def _same(kept: tuple[object, ...], sources: tuple[object, ...]) -> bool:
    return len(kept) == len(sources) and all(a is b for a, b in zip(kept, sources, strict=True))


class NoMemo(FormMemo):
    """Makes every part afresh: for one-off dumps, exports and digests."""

    def part(self, name: str, sources: tuple[object, ...], make: Callable[[], T]) -> T:
        return make()


NO_MEMO = NoMemo()
