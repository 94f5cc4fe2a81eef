"""Geometry of the why tree and the Swiss-cheese diagram: no overlaps, wrapping, deep trees."""

from __future__ import annotations

from clearsight.drawing.swiss_layout import NO_LAYER, layout_swiss
from clearsight.drawing.tree_layout import PROBLEM, layout_tree
from clearsight.review.data import FactorData, LayerData, WhyNodeData, WhyTreeData


def lines(text: str, width: float) -> float:
    """A stand-in for font metrics: 8 units a character, 20 a line."""
    per_line = max(1, int(width // 8))
    return 20.0 * (1 + len(text) // per_line)


def tree_of(parents: list[int | None], texts: list[str] | None = None) -> WhyTreeData:
    nodes = [
        WhyNodeData(n + 1, 1, p, (texts[n] if texts else f"why {n + 1}"), n)
        for n, p in enumerate(parents)
    ]
    return WhyTreeData(1, "Checkout failed", 0, nodes)


def overlaps(a: object, b: object) -> bool:
    return not (
        a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + a.h <= b.y or b.y + b.h <= a.y  # type: ignore[attr-defined]
    )


def test_children_sit_below_their_parent_and_never_overlap() -> None:
    layout = layout_tree(tree_of([None, 1, 1, 2, 2, 3, None]), lines)
    assert len(layout.boxes) == 8
    assert (PROBLEM, 1) in layout.edges and (1, 2) in layout.edges
    for a in layout.boxes:
        for b in layout.boxes:
            if a.key != b.key:
                assert not overlaps(a, b), (a, b)
    problem, first = layout.box(PROBLEM), layout.box(1)
    assert problem is not None and first is not None and first.y > problem.y + problem.h
    # A parent is centred over its answers.
    kids = [layout.box(k) for k in (2, 3)]
    assert first.x + first.w / 2 == sum(k.x + k.w / 2 for k in kids if k) / 2
    assert layout.width >= max(b.x + b.w for b in layout.boxes)


def test_long_text_wraps_into_a_taller_box() -> None:
    layout = layout_tree(tree_of([None], ["word " * 200]), lines)
    box = layout.box(1)
    assert box is not None and box.w == 240 and box.h > 20 * 20
    assert layout.height >= box.y + box.h


def test_a_tree_fifty_levels_deep() -> None:
    layout = layout_tree(tree_of([None, *range(1, 50)]), lines)
    deepest = layout.box(50)
    assert deepest is not None and deepest.depth == 50
    assert layout.height > 50 * 20


def test_swiss_cheese_holes_line_up_and_open_ones_are_marked() -> None:
    layers = [LayerData(1, "Code review", 0), LayerData(2, "Monitoring", 1)]
    factors = [
        FactorData(10, 1, "No load test for pool changes", False, "", 0, action_ids=(5,)),
        FactorData(11, 2, "Alert waited 5 minutes", False, "", 1),
        FactorData(12, 2, "Dashboard lacked pool metrics", True, "Fixed upstream", 2),
        FactorData(13, None, "Runbook out of date", False, "", 3),
    ]
    layout = layout_swiss(layers, factors)
    assert [s.layer_id for s in layout.slices] == [1, 2, NO_LAYER]
    first_in_each = {h.label: h for h in layout.holes}
    assert first_in_each["F1"].cy == first_in_each["F2"].cy == first_in_each["F4"].cy
    assert layout.arrow is not None and layout.arrow[1] == first_in_each["F1"].cy
    assert [h.open for h in layout.holes] == [False, True, False, True]
    hole = layout.holes[1]
    assert layout.hole_at(hole.cx, hole.cy) == hole
    assert layout.hole_at(0, 0) is None
    assert layout_swiss([], []).slices == []
