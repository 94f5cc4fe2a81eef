"""From a why to a contributing factor: "Make this a contributing factor" and its menu.

A new factor takes the why's words and a defense layer of the review; or the why is linked to
a factor that exists. Each is one undoable step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from clearsight.review.data import FactorData
from clearsight.ui.whys.commands import LinkFactor, MakeFactor

if TYPE_CHECKING:
    from clearsight.ui.whys.page import WhysPage

MENU_TITLE = "Make this a contributing factor"
FACTOR_CHARS = 60


def short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= FACTOR_CHARS else text[: FACTOR_CHARS - 1].rstrip() + "\u2026"


class FactorMenu:
    def __init__(self, page: WhysPage) -> None:
        self.page = page

    def build(self, key: int, parent: QMenu | None = None) -> QMenu:
        """The menu for why ``key``: a new factor in each layer, links to existing factors,
        and the links it has. Without ``parent`` it deletes itself once closed."""
        page = self.page
        detail = page.detail
        menu = QMenu(MENU_TITLE, parent or page)
        if parent is None:
            menu.aboutToHide.connect(menu.deleteLater)
        node = page.model.node(key)
        if detail is None or node is None:
            return menu
        heading = menu.addAction("New factor with these words, in:")
        heading.setEnabled(False)
        for n, layer in enumerate(detail.layers, 1):
            prefix = f"&{n}  " if n < 10 else "    "
            act = menu.addAction(prefix + layer.name)
            act.triggered.connect(lambda _=False, lid=layer.id: self.make(key, lid))
        act = menu.addAction("&0  No layer yet" if detail.layers else "No layer yet")
        act.triggered.connect(lambda: self.make(key, None))
        linked = [(n, f) for n, f in enumerate(detail.factors, 1) if key in f.node_ids]
        others = [(n, f) for n, f in enumerate(detail.factors, 1) if key not in f.node_ids]
        if others:
            menu.addSeparator()
            link_menu = menu.addMenu("&Link to an existing factor")
            for n, factor in others:
                act = link_menu.addAction(f"Factor {n}: {short(factor.text)}")
                act.setToolTip(factor.text)
                act.triggered.connect(lambda _=False, f=factor, n=n: self.link(key, f, n))
        if linked:
            menu.addSeparator()
            for n, factor in linked:
                act = QAction(f"&Unlink from factor {n}: {short(factor.text)}", menu)
                act.triggered.connect(lambda _=False, f=factor, n=n: self.link(key, f, n, False))
                menu.addAction(act)
        return menu

    def make(self, key: int, layer_id: int | None) -> bool:
        page = self.page
        s = page.session
        node, detail = page.model.node(key), page.detail
        if node is None or detail is None:
            return False
        if not node.text.strip():
            page.say("Write the why first: a factor takes its words.", problem=True)
            return False
        name = next((x.name for x in detail.layers if x.id == layer_id), "")
        layer = s.refs.get("layer", layer_id) if layer_id is not None else None
        ref = s.refs.get("why", key)
        command = MakeFactor(s.service, s.refs, detail.id, ref, node.text, layer, name)
        if not s.execute(command):
            return False
        page.outline.select_key(ref.id)
        number = len(page.detail.factors) if page.detail else 0
        where = f" in {name}" if name else ""
        page.say(
            f"Factor {number} made{where}. On the Factors page, word it as a property of the "
            "system and add what closes it."
        )
        return True

    def link(self, key: int, factor: FactorData, number: int, link: bool = True) -> bool:
        page = self.page
        s = page.session
        ref = s.refs.get("why", key)
        command = LinkFactor(s.service, s.refs.get("factor", factor.id), ref, number, link)
        if not s.execute(command):
            return False
        page.outline.select_key(ref.id)
        page.say(f"Linked to factor {number}." if link else f"No longer linked to factor {number}.")
        return True
