"""Why it happened: contributing factors by defense layer with the Swiss-cheese picture, and
the 5 Whys trees as indented lists (a drawn tree of 100 answers does not fit a page).

Factors are numbered F1, F2... and actions A1, A2... in the order of the machine form, the
same numbers the diagram's holes carry.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable, KeepTogether

from clearsight.drawing.swiss_layout import NO_LAYER
from clearsight.record.pdf_drawings import swiss_diagram
from clearsight.record.pdf_flowables import Para
from clearsight.record.pdf_style import MUTED, STYLE, markup, why_style
from clearsight.review.data import FactorData, LayerData

CHANGEABLE = "#2e7d32"


def factor_numbers(review: dict[str, Any]) -> dict[str, int]:
    """Factor key ("f12") -> its number in the record (12 -> F3 when it is the third)."""
    return {f.get("key"): n for n, f in enumerate(review.get("factors") or [], 1)}


def _model(review: dict[str, Any]) -> tuple[list[LayerData], list[FactorData]]:
    """The form's layers and factors as the dataclasses layout_swiss takes (ids = numbers)."""
    names = list(review.get("defense_layers") or [])
    layer_id = {name: i for i, name in enumerate(names, 1)}
    closing: dict[str, list[int]] = {}
    for n, action in enumerate(review.get("actions") or [], 1):
        for key in action.get("factors") or []:
            closing.setdefault(key, []).append(n)
    layers = [LayerData(i, name, i) for i, name in enumerate(names, 1)]
    factors = [
        FactorData(
            id=n,
            layer_id=layer_id.get(f.get("layer") or ""),
            text=f.get("text") or "",
            accepted_risk=bool(f.get("accepted_risk")),
            accepted_reason=f.get("accepted_reason") or "",
            position=n,
            action_ids=tuple(closing.get(f.get("key"), ())),
        )
        for n, f in enumerate(review.get("factors") or [], 1)
    ]
    return layers, factors


def factors_section(review: dict[str, Any], width: float, max_height: float) -> list[Flowable]:
    out: list[Flowable] = [Para("Contributing factors", STYLE["h2"])]
    layers, factors = _model(review)
    if not factors:
        return [*out, Para("No contributing factors recorded.", STYLE["none"])]
    picture = swiss_diagram(layers, factors, width, max_height)
    if picture is not None:
        caption = (
            "Each slice is a defense layer and each hole a contributing factor (numbered as "
            "below); the arrow runs through the holes that lined up. A red hole is open: no "
            "action closes it and no one accepted it as a risk."
        )
        out.append(KeepTogether([picture, Para(caption, STYLE["note"])]))
    groups = [(layer.id, layer.name) for layer in layers] + [(NO_LAYER, "No layer yet")]
    for group, name in groups:
        members = [f for f in factors if (f.layer_id or NO_LAYER) == group]
        if not members:
            continue
        # Each factor stays with its note, and the layer's name with its first factor.
        lead: list[Flowable] = [Para(markup(name), STYLE["h3"])]
        for f in members:
            factor = Para(f"<b>F{f.id}</b>\u2003{markup(f.text)}", STYLE["factor"])
            out.append(KeepTogether([*lead, factor, Para(_state(f), STYLE["factor_note"])]))
            lead = []
    return out


def _state(factor: FactorData) -> str:
    if factor.action_ids:
        return "Closed by " + ", ".join(f"A{n}" for n in factor.action_ids)
    if factor.accepted_risk:
        return "Accepted as a risk: " + (markup(factor.accepted_reason) or "no reason given")
    return '<font color="#b3261e"><b>Open:</b></font> no action closes it yet'


def whys_section(review: dict[str, Any], numbers: dict[str, int]) -> list[Flowable]:
    out: list[Flowable] = [Para("5 Whys", STYLE["h2"])]
    trees = review.get("why_trees") or []
    if not trees:
        return [*out, Para("No 5 Whys recorded.", STYLE["none"])]
    found_in: dict[str, list[int]] = {}
    for f in review.get("factors") or []:
        for key in f.get("why_nodes") or []:
            found_in.setdefault(key, []).append(numbers[f.get("key")])
    for n, tree in enumerate(trees, 1):
        problem = markup(tree.get("problem") or "(the problem)")
        out.append(Para(f"Problem {n}: {problem}", STYLE["h3"]))
        # Depth first without recursion: a chain can be deeper than Python's stack.
        stack = [(node, 0) for node in reversed(tree.get("nodes") or [])]
        while stack:
            node, depth = stack.pop()
            out.append(Para(_answer(node, found_in), why_style(depth), bulletText="\u21b3"))
            stack += [(child, depth + 1) for child in reversed(node.get("children") or [])]
    return out


def _answer(node: dict[str, Any], found_in: dict[str, list[int]]) -> str:
    text = markup(node.get("text") or "(why?)")
    tags = []
    if node.get("changeable"):
        tags.append(f'<font color="{CHANGEABLE}">the team can change this</font>')
    elif node.get("changeable") is False:
        tags.append("outside the team's control")
    factors = found_in.get(node.get("key") or "")
    if factors:
        tags.append("factor " + ", ".join(f"F{n}" for n in factors))
    if tags:
        text += f' <font size="7" color="{MUTED}">[{"; ".join(tags)}]</font>'
    return text
