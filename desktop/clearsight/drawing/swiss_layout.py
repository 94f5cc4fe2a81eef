"""The Swiss-cheese diagram: defense layers as slices side by side, factors as holes in them.

The first hole of every slice sits on one line, and the incident's arrow runs along it: the
picture of holes lining up. Holes no action closes and no one accepted as a risk are open.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from clearsight.review.data import FactorData, LayerData

SLICE_WIDTH = 150.0
SLICE_GAP = 70.0
HOLE_RX, HOLE_RY = 44.0, 30.0
HOLE_GAP = 22.0
TOP = 56.0  # room for the layer names
MARGIN = 24.0
NO_LAYER = 0  # the slice that holds factors not yet put in a layer


@dataclass(frozen=True)
class Slice:
    layer_id: int  # NO_LAYER for the unassigned factors
    x: float
    y: float
    w: float
    h: float
    name: str


@dataclass(frozen=True)
class Hole:
    factor_id: int
    cx: float
    cy: float
    rx: float
    ry: float
    label: str  # "F3": the factor's number in the list
    open: bool


@dataclass(frozen=True)
class SwissLayout:
    slices: list[Slice] = field(default_factory=list)
    holes: list[Hole] = field(default_factory=list)
    arrow: tuple[float, float, float, float] | None = None  # x0, y0, x1, y1
    width: float = 0.0
    height: float = 0.0

    def hole_at(self, x: float, y: float) -> Hole | None:
        for hole in self.holes:
            if ((x - hole.cx) / hole.rx) ** 2 + ((y - hole.cy) / hole.ry) ** 2 <= 1.0:
                return hole
        return None


def layout_swiss(layers: list[LayerData], factors: list[FactorData]) -> SwissLayout:
    number = {f.id: n for n, f in enumerate(factors, 1)}
    columns: list[tuple[int, str, list[FactorData]]] = [
        (layer.id, layer.name, [f for f in factors if f.layer_id == layer.id])
        for layer in sorted(layers, key=lambda x: x.position)
    ]
    known = {layer.id for layer in layers}
    loose = [f for f in factors if f.layer_id is None or f.layer_id not in known]
    if loose:
        columns.append((NO_LAYER, "No layer yet", loose))
    if not columns:
        return SwissLayout()
    most = max(1, max(len(holes) for _, _, holes in columns))
    height = 2 * HOLE_GAP + most * (2 * HOLE_RY + HOLE_GAP)
    line_y = TOP + HOLE_GAP + HOLE_RY
    slices, holes = [], []
    for i, (layer_id, name, in_slice) in enumerate(columns):
        x = MARGIN + SLICE_GAP + i * (SLICE_WIDTH + SLICE_GAP)
        slices.append(Slice(layer_id, x, TOP, SLICE_WIDTH, height, name))
        for j, factor in enumerate(sorted(in_slice, key=lambda f: f.position)):
            cy = line_y + j * (2 * HOLE_RY + HOLE_GAP)
            holes.append(
                Hole(
                    factor.id,
                    x + SLICE_WIDTH / 2,
                    cy,
                    HOLE_RX,
                    HOLE_RY,
                    f"F{number[factor.id]}",
                    factor.is_open,
                )
            )
    width = MARGIN + SLICE_GAP + len(columns) * (SLICE_WIDTH + SLICE_GAP) + MARGIN
    arrow = (MARGIN, line_y, width - MARGIN, line_y)
    return SwissLayout(slices, holes, arrow, width, TOP + height + MARGIN)
