"""The why trees of a review as tabs, one per problem statement, with New tree and Delete
tree beside them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabBar, QWidget

from clearsight.review.data import WhyTreeData
from clearsight.ui import style
from clearsight.ui.whys.editing import clean

TAB_CHARS = 38  # a tab shows the start of its problem statement


def tab_text(number: int, tree: WhyTreeData) -> str:
    problem = clean(tree.problem) or "New tree"
    if len(problem) > TAB_CHARS:
        problem = problem[: TAB_CHARS - 1].rstrip() + "\u2026"
    return f"{number}. {problem}"


class TreeTabs(QWidget):
    chosen = Signal(int)  # the row of the tree the user chose (not one shown by set_trees)

    def __init__(self) -> None:
        super().__init__()
        self._filling = False
        self.tabs = QTabBar()
        self.tabs.setAccessibleName("Why trees")
        self.tabs.setExpanding(False)
        self.tabs.setElideMode(Qt.TextElideMode.ElideRight)
        self.tabs.setUsesScrollButtons(True)
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._tab_chosen)
        self.new_button = QPushButton("New tree")
        self.new_button.setToolTip("A new why tree for another problem (Ctrl+Shift+N)")
        self.delete_button = QPushButton("Delete tree")
        self.delete_button.setToolTip("Delete this tree and all its whys (undo brings it back)")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(style.SPACING)  # as the page's own rows
        row.addWidget(self.tabs, 1)
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)

    def set_trees(self, trees: list[WhyTreeData], row: int | None) -> None:
        """One tab per tree, tree ``row`` the current one (None: no tree)."""
        self._filling = True
        try:
            while self.tabs.count() > len(trees):
                self.tabs.removeTab(self.tabs.count() - 1)
            for number, t in enumerate(trees, 1):
                if number > self.tabs.count():
                    self.tabs.addTab("")
                self.tabs.setTabText(number - 1, tab_text(number, t))
                self.tabs.setTabToolTip(number - 1, t.problem or "No problem statement yet")
            self.tabs.setCurrentIndex(row if row is not None else -1)
        finally:
            self._filling = False

    def step(self, by: int) -> None:
        if self.tabs.count():
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + by) % self.tabs.count())

    def _tab_chosen(self, row: int) -> None:
        if not self._filling and row >= 0:
            self.chosen.emit(row)
