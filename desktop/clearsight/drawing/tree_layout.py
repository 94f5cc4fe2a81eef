"""A 5 Whys tree laid out top-down: the problem on top, each answer below what it answers.

Boxes have one width; their height comes from the wrapped text (the caller measures it, so
long text wraps and never overflows). A parent sits centred over its answers; siblings never
overlap. Works iteratively, so a tree 50 levels deep or 500 nodes wide lays out the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from clearsight.review.data import WhyTreeData

BOX_WIDTH = 240.0
H_GAP = 28.0
V_GAP = 36.0
PROBLEM = 0  # the key of the problem's box (node ids are positive)


@dataclass(frozen=True)
class Box:
    key: int  # PROBLEM or a node id
    x: float
    y: float
    w: float
    h: float
    text: str
    depth: int  # 0 for the problem
    changeable: bool | None = None


@dataclass(frozen=True)
class TreeLayout:
    boxes: list[Box] = field(default_factory=list)
    edges: list[tuple[int, int]] = field(default_factory=list)  # (parent key, child key)
    width: float = 0.0
    height: float = 0.0

    def box(self, key: int) -> Box | None:
        return next((b for b in self.boxes if b.key == key), None)


def layout_tree(
    tree: WhyTreeData,
    measure: Callable[[str, float], float],
    box_width: float = BOX_WIDTH,
) -> TreeLayout:
    """``measure(text, width)`` gives the height of ``text`` wrapped to ``width``."""
    children: dict[int, list[int]] = {PROBLEM: []}
    text = {PROBLEM: tree.problem or "(the problem)"}
    changeable: dict[int, bool | None] = {PROBLEM: None}
    for node in sorted(tree.nodes, key=lambda n: n.position):
        parent = node.parent_id if node.parent_id is not None else PROBLEM
        children.setdefault(parent, []).append(node.id)
        children.setdefault(node.id, [])
        text[node.id] = node.text or "(why?)"
        changeable[node.id] = node.changeable

    order, depth = _preorder(children)
    heights = {key: measure(text[key], box_width) for key in order}
    # Subtree widths bottom-up (reverse preorder visits children before parents).
    span: dict[int, float] = {}
    for key in reversed(order):
        kids = children[key]
        inner = sum(span[k] for k in kids) + H_GAP * (len(kids) - 1) if kids else 0.0
        span[key] = max(box_width, inner)
    # Row tops: each depth is as tall as its tallest box.
    row_height: dict[int, float] = {}
    for key in order:
        row_height[depth[key]] = max(row_height.get(depth[key], 0.0), heights[key])
    tops, y = {}, 0.0
    for d in range(len(row_height)):
        tops[d] = y
        y += row_height[d] + V_GAP
    # Left edges top-down: children share their parent's span, left to right.
    left = {PROBLEM: 0.0}
    for key in order:
        kids = children[key]
        inner = sum(span[k] for k in kids) + H_GAP * (len(kids) - 1) if kids else 0.0
        cursor = left[key] + (span[key] - inner) / 2
        for k in kids:
            left[k] = cursor
            cursor += span[k] + H_GAP
    # Centres bottom-up: a leaf in the middle of its span, a parent over its first and last
    # answers (which keeps it inside its own span, so boxes never overlap).
    centre: dict[int, float] = {}
    for key in reversed(order):
        kids = children[key]
        if kids:
            centre[key] = (centre[kids[0]] + centre[kids[-1]]) / 2
        else:
            centre[key] = left[key] + span[key] / 2
    boxes = [
        Box(
            key,
            centre[key] - box_width / 2,
            tops[depth[key]],
            box_width,
            heights[key],
            text[key],
            depth[key],
            changeable[key],
        )
        for key in order
    ]
    edges = [(parent, k) for parent in order for k in children[parent]]
    return TreeLayout(boxes, edges, span[PROBLEM], max(0.0, y - V_GAP))


def _preorder(children: dict[int, list[int]]) -> tuple[list[int], dict[int, int]]:
    order: list[int] = []
    depth = {PROBLEM: 0}
    stack = [PROBLEM]
    while stack:
        key = stack.pop()
        order.append(key)
        for k in reversed(children[key]):
            depth[k] = depth[key] + 1
            stack.append(k)
    return order, depth
