"""A factor's context menu: edit, layer, the whys it came from, the actions closing it,
accepted risk, delete. Ticked entries untick (unlink); each choice is one undo step."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenu, QVBoxLayout

from clearsight.review.data import WhyNodeData, WhyTreeData
from clearsight.ui.pages.tags_panel import TagsPanel

if TYPE_CHECKING:
    from clearsight.ui.factors.page import FactorsPage


def outline(tree: WhyTreeData) -> list[tuple[WhyNodeData, int]]:
    """The tree's nodes depth first, each with its depth (0 for an answer to the problem);
    without recursion, as a chain can be deeper than Python's stack."""
    children: dict[int | None, list[WhyNodeData]] = {}
    for node in sorted(tree.nodes, key=lambda n: n.position):
        children.setdefault(node.parent_id, []).append(node)
    out: list[tuple[WhyNodeData, int]] = []
    stack = [(node, 0) for node in reversed(children.get(None, []))]
    while stack:
        node, depth = stack.pop()
        out.append((node, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(node.id, [])))
    return out


def short(text: str, most: int = 80) -> str:
    """One line of a menu: the text cut with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1].rstrip() + "\u2026"


def factor_menu(page: FactorsPage, factor_id: int) -> QMenu:
    menu = QMenu(page)
    factor = page.model.factor(factor_id)
    detail = page.detail
    if factor is None or detail is None:
        return menu
    menu.addAction(page.edit_action)
    layers = menu.addMenu("Put in layer")
    for layer in page.model.layers:
        action = layers.addAction(layer.name)
        action.setCheckable(True)
        action.setChecked(layer.id == factor.layer_id)
        action.triggered.connect(
            lambda _=False, lid=layer.id: page.set_factor(factor_id, {"layer_id": lid})
        )
    whys = menu.addMenu("Came from the why")
    for tree in detail.trees:
        if tree.nodes:
            whys.addSection(short(tree.problem or "Problem"))
        for node, depth in outline(tree):
            action = whys.addAction("\u2003" * depth + short(node.text or "(empty)"))
            action.setCheckable(True)
            linked = node.id in factor.node_ids
            action.setChecked(linked)
            action.triggered.connect(
                lambda _=False, nid=node.id, on=not linked: page.link_why(factor_id, nid, on)
            )
    if whys.isEmpty():
        whys.addAction("No whys yet (5 Whys page)").setEnabled(False)
    closed = menu.addMenu("Closed by action")
    for n, item in enumerate(sorted(detail.actions, key=lambda a: a.position), 1):
        action = closed.addAction(f"A{n}: {short(item.what)}")
        action.setCheckable(True)
        linked = item.id in factor.action_ids
        action.setChecked(linked)
        action.triggered.connect(
            lambda _=False, aid=item.id, on=not linked: page.link_action(factor_id, aid, on)
        )
    if closed.isEmpty():
        closed.addAction("No action items yet (Action items page)").setEnabled(False)
    if factor.accepted_risk:
        reason = menu.addAction("Edit the accepted risk\u2019s reason\u2026")
        reason.triggered.connect(lambda: page.ask_reason(factor_id))
        take_back = menu.addAction("Take back the accepted risk")
        take_back.triggered.connect(lambda: page.set_factor(factor_id, {"accepted_risk": False}))
    else:
        accept = menu.addAction("Accept as a risk\u2026")
        accept.triggered.connect(lambda: page.ask_reason(factor_id))
    tags = menu.addAction("Tags\u2026")
    tags.triggered.connect(lambda: factor_tags(page, factor_id))
    menu.addSeparator()
    menu.addAction(page.delete_action)
    return menu


def factor_tags(page: FactorsPage, factor_id: int) -> QDialog:
    """The factor's tags, in a small window beside the page: "service: payments", a kind of
    trigger, a theme; factors of other reviews filed alike are found by them."""
    dialog = QDialog(page)
    dialog.setWindowTitle(f"Tags of F{page.model.number(factor_id)}")
    panel = TagsPanel(page.session, factor_id)
    panel.load()
    close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    close.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(panel)
    layout.addWidget(close)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.resize(520, 200)
    dialog.open()
    panel.entry.setFocus()
    page.session.loaded.connect(panel.load)  # an undo of a tag shows here too
    return dialog
