"""Rows kept in an order by their ``position`` (lessons, figures, whys, layers, factors, items).

One place decides how a row is put among its siblings and how the gap a removed row leaves is
closed, so every list of a review numbers itself the same way: 0, 1, 2... without holes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def place(rows: Iterable[Any], row: Any, position: int | None) -> None:
    """Puts ``row`` at ``position`` among ``rows`` (the end when None) and numbers them."""
    ordered = sorted((r for r in rows if r is not row), key=lambda r: r.position)
    index = len(ordered) if position is None else max(0, min(position, len(ordered)))
    ordered.insert(index, row)
    close_gaps(ordered, keep_order=True)


def move(rows: Iterable[Any], row: Any, position: int) -> int:
    """Moves ``row`` to ``position`` among ``rows``; returns where it was (for undo)."""
    old = int(row.position)
    place(rows, row, position)
    return old


def close_gaps(rows: Iterable[Any], keep_order: bool = False) -> None:
    """Numbers ``rows`` 0, 1, 2... in their position order (or as given, ``keep_order``)."""
    ordered = list(rows) if keep_order else sorted(rows, key=lambda r: r.position)
    for i, item in enumerate(ordered):
        item.position = i
