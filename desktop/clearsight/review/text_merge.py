"""A three-way merge of one text field: two people's edits of the same base, kept both when
they touch different words, refused when they touch the same ones.

Words and the spaces between them are the units, so an edit is never split inside a word and
two edits of neighbouring sentences merge. ``merge`` returns None for a real conflict: the
caller keeps one side and says so, never a silent mix.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

_TOKEN = re.compile(r"\s+|[^\s]+")
Edit = tuple[int, int, list[str]]  # replace base tokens [start, end) with these


def merge(base: str, mine: str, theirs: str) -> str | None:
    if mine == base or theirs == mine:
        return theirs
    if theirs == base:
        return mine
    b, m, t = (_TOKEN.findall(x) for x in (base, mine, theirs))
    ours, others = _edits(b, m), _edits(b, t)
    if any(_overlap(x, y) for x in ours for y in others):
        return None
    out = list(b)
    for start, end, tokens in sorted(ours + others, key=lambda e: (e[0], e[1]), reverse=True):
        out[start:end] = tokens
    return "".join(out)


def _edits(base: list[str], other: list[str]) -> list[Edit]:
    matcher = SequenceMatcher(None, base, other, autojunk=False)
    return [
        (i1, i2, other[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    ]


def _overlap(a: Edit, b: Edit) -> bool:
    (a1, a2, _), (b1, b2, _) = a, b
    if a1 == a2 and b1 == b2:
        return a1 == b1  # two insertions at one place: which goes first is a choice
    if a1 == a2:
        return b1 < a1 < b2
    if b1 == b2:
        return a1 < b1 < a2
    return max(a1, b1) < min(a2, b2)
